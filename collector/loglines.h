/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * loglines.h - a kernel log text split into lines with their timestamp and
 * caller-id prefixes removed, and simple searches over them.
 */
#ifndef TC_LOGLINES_H
#define TC_LOGLINES_H

#include <stdbool.h>
#include <stddef.h>

struct loglines {
	char *buf;		/* the stripped text, lines NUL-separated */
	const char **line;	/* line[i] points into buf */
	long long *usec;	/* usec[i]: line i's printk time in
				 * microseconds since boot ("[  12.345678]",
				 * /dev/kmsg's third field), -1 if none */
	size_t nr;
};

/* Make @n bytes of log text printable ASCII, '\n' and '\t' (anything else,
 * a NUL too, becomes '?'), as the dump's log is read. */
void loglines_sanitize(char *text, size_t n);
/* The same, then a NUL at @text[@n] (@text holds @n + 1 bytes): log text
 * read from anywhere, ready to parse. */
void loglines_finish(char *text, size_t n);
/* A heap copy of @n bytes of untrusted log text, finished as above; NULL
 * when out of memory. */
char *loglines_copy(const void *data, size_t n);

/* Split @text (may be NULL).  Returns false only when out of memory. */
bool loglines_parse(struct loglines *l, const char *text);
void loglines_free(struct loglines *l);

/* Index of the last line containing @needle at or before @before (use
 * l->nr to search all), or -1. */
long loglines_rfind(const struct loglines *l, const char *needle,
		    size_t before);
/* Same, the first line at or after @from. */
long loglines_find(const struct loglines *l, const char *needle, size_t from);

/* The text after @prefix in the last line that contains it, or NULL. */
const char *loglines_last_after(const struct loglines *l, const char *prefix);

#endif /* TC_LOGLINES_H */
