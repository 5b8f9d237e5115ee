/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * report.h - the kernel's own reports in a log (oops, BUG, WARNING, KASAN,
 * lockdep, hung task, lockups, RCU stalls, ...), parsed into structures:
 * what kind of report, a syzkaller-style title, the function it names,
 * the task and CPU, taint, the RIP/pc, the call trace, the registers, the
 * lines that matter, and which report came first (the root) and which
 * followed from it.
 *
 * The parse stage: it reads lines already split and stripped of their
 * printk prefixes (loglines.h), does no I/O and never exits.  Formats are
 * the printk formats of Linux 5.4 to 6.18 (see report.c for the sources).
 */
#ifndef TC_REPORT_H
#define TC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "loglines.h"
#include "status.h"

#define KR_SYM_LEN	FRAME_SYM_LEN
#define KR_FUNC_LEN	FRAME_FUNC_LEN
#define KR_MOD_LEN	FRAME_MOD_LEN
#define KR_COMM_LEN	64
#define KR_TITLE_LEN	256
#define KR_TEXT_LEN	256
#define KR_MAX_FRAMES	48
#define KR_MAX_REGS	40
#define KR_MAX_KEYS	8
#define KR_MAX_REPORTS	32


struct kr_reg {
	char name[8];
	char value[24];
};

/* A line that matters, with what it is: "preempt_disabled_at",
 * "blocked_on", "access", "lock_acquire", ... */
struct kr_key {
	const char *what;
	char text[KR_TEXT_LEN];
};

enum kr_role {
	KR_ROLE_ROOT,		/* the first problem the log reports */
	KR_ROLE_CONSEQUENCE,	/* followed from an earlier report */
	KR_ROLE_OTHER,		/* unrelated to the root as far as the log
				 * says (an earlier report of another kind
				 * is never discarded: it stays "other") */
};

struct kreport {
	/* what it is */
	const char *cls;		/* "oops", "warn", "memory_corruption",
					 * "lockdep", "hung_task", ... */
	char kind[48];			/* "null_deref", "use-after-free", ...
					 * or "" */
	const char *category;		/* "bug" (a bug report), "symptom" (a
					 * hang, stall or OOM), "end" (the
					 * panic that ends the log) */
	const char *format;		/* the format it was read as, e.g.
					 * "x86 page fault (5.1+)" */
	char title[KR_TITLE_LEN];	/* "KASAN: use-after-free Read in f" */
	char head[KR_TEXT_LEN];		/* the line that opened it */
	char message[KR_TEXT_LEN];	/* panic message, WARN text, ... */
	char location[KR_TEXT_LEN];	/* "mm/slub.c:123" of a BUG/WARNING */

	/* the function the title names: the first frame outside the
	 * report's own machinery */
	char func[KR_FUNC_LEN];
	char mod[KR_MOD_LEN];

	/* the task and CPU */
	int pid;			/* -1: unknown */
	char comm[KR_COMM_LEN];
	int cpu;			/* -1: unknown */
	char taint[32];			/* "G W O", letters as printed, or "" */
	bool tainted;			/* a "Tainted:" line (vs "Not tainted") */
	char release[64];		/* "6.1.0-18-amd64" */

	/* the faulting instruction: RIP (x86), pc (arm64), epc (riscv) */
	char ip_sym[KR_SYM_LEN];
	char ip_func[KR_FUNC_LEN];
	char ip_mod[KR_MOD_LEN];
	bool has_addr;
	uint64_t addr;			/* fault address */

	size_t nr_frames;		/* the call trace, innermost first */
	struct frame frames[KR_MAX_FRAMES];
	size_t nr_unreliable;		/* of them, '?' frames */
	size_t nr_regs;
	struct kr_reg regs[KR_MAX_REGS];
	size_t nr_keys;
	struct kr_key keys[KR_MAX_KEYS];

	/* where in the log */
	size_t first_line, last_line;
	long long usec;			/* printk time of its first line that
					 * has one (microseconds since boot),
					 * -1 if none */

	/* root or consequence */
	enum kr_role role;
	int cause;			/* index of the report it followed
					 * from, -1 */
};

struct kreports {
	size_t nr;
	size_t dropped;			/* reports past KR_MAX_REPORTS */
	int root;			/* index of the root report, -1 */
	struct kreport *r;		/* nr of them */
	size_t cap;			/* allocated */
};

/* Find every report in @l.  Fails only when out of memory (@err says so);
 * a log with no report gives nr == 0, root == -1. */
enum status kreports_parse(struct kreports *out, const struct loglines *l,
			   struct errmsg *err);
void kreports_free(struct kreports *k);

/* The root report, or NULL. */
const struct kreport *kreports_root(const struct kreports *k);

/* The key line @what of @r, or NULL. */
const char *kreport_key(const struct kreport *r, const char *what);

const char *kreport_role_name(enum kr_role role);

/* One line of a call trace ("  ? func+0x1/0x2 [mod]", "[<addr>] func+...",
 * "func (file.c:12)") into @f; false if the line is not a frame.  The one
 * reader of trace lines, for the parser and the judge's log rules. */
bool frame_parse(const char *line, struct frame *f);

#endif /* TC_REPORT_H */
