/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit.h - the smallest test runner: CHECK() records a failure and goes on,
 * RUN() counts a test as passed when none of its checks failed.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

extern int unit_passed, unit_failed, unit_current_failed;
extern const char *unit_tmpdir;

/* Entries of an array. */
#define N(a)	(sizeof(a) / sizeof((a)[0]))

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  FAIL %s:%d: %s: %s\n", __FILE__,	\
			__LINE__, __func__, #cond);			\
		unit_current_failed = 1;				\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (!a_ || !b_ || strcmp(a_, b_) != 0) {			\
		fprintf(stderr, "  FAIL %s:%d: %s: %s == \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, __func__, #a,		\
			a_ ? a_ : "(null)", b_ ? b_ : "(null)");	\
		unit_current_failed = 1;				\
	}								\
} while (0)

#define CHECK_CONTAINS(hay, needle) do {				\
	const char *h_ = (hay), *n_ = (needle);				\
	if (!h_ || !strstr(h_, n_)) {					\
		fprintf(stderr, "  FAIL %s:%d: %s: \"%s\" does not contain \"%s\"\n", \
			__FILE__, __LINE__, __func__, h_ ? h_ : "(null)", n_); \
		unit_current_failed = 1;				\
	}								\
} while (0)

#define RUN(fn) do {							\
	unit_current_failed = 0;					\
	fn();								\
	if (unit_current_failed) {					\
		unit_failed++;						\
		fprintf(stderr, "not ok %s\n", #fn);			\
	} else {							\
		unit_passed++;						\
	}								\
} while (0)

void decode_tests(void);
void judge_tests(void);
void render_tests(void);
void output_tests(void);
void locate_tests(void);
void cli_tests(void);
void hung_tests(void);
void records_tests(void);
void lockup_tests(void);
void torn_tests(void);
void place_tests(void);
void blocker_tests(void);
void kfunc_tests(void);
void report_tests(void);
void checker_tests(void);
void host_tests(void);
void fleet_tests(void);
void dot_tests(void);

#endif /* UNIT_H */
