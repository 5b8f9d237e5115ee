/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * verdict.h - what the judge hands to the renderer: the class of crash, its
 * culprit, the evidence, and each class's own findings.  The judge (judge.h)
 * fills it; render.c and output.c only read it.
 */
#ifndef TC_VERDICT_H
#define TC_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "triage_format.h"

enum verdict_class {
	VC_PANIC,
	VC_SYSRQ,
	VC_OOPS,
	VC_WARN,
	VC_HUNG_TASK,
	VC_SOFT_LOCKUP,
	VC_HARD_LOCKUP,
	VC_RCU_STALL,
	VC_OOM,
	VC_ATOMIC_SLEEP,
	VC_HANG_NO_PANIC,
	/* from the kernel's reports in the log (judge_report.c) */
	VC_MEMORY_CORRUPTION,	/* KASAN, KFENCE, KMSAN, SLUB debugging */
	VC_LOCKDEP,		/* lockdep and spinlock debugging */
	VC_BAD_PAGE,
	VC_MEMORY_LEAK,		/* kmemleak */
	VC_HARDWARE_ERROR,	/* machine check, arm64 SError */
	VC_UNDEFINED_BEHAVIOR,	/* UBSAN */
	VC_DATA_RACE,		/* KCSAN */
	VC_WORKQUEUE_STALL,
	VC_KERNEL_BUG,		/* any other "BUG:" report */
	VC_UNKNOWN,
};

#define VERDICT_TEXT		384
#define VERDICT_MAX_EVIDENCE	24
#define VERDICT_MAX_FRAMES	64

struct verdict_culprit {
	int pid;			/* -1: unknown, or no task to blame */
	char comm[TRIAGE_COMM_LEN + 1];
	char function[TRIAGE_SYM_LEN + 1];
	char module[TRIAGE_MODNAME_LEN + 1];
	int cpu;			/* -1: unknown */
	/* the checker that reported the bug of @function ("" if none) */
	char checker[TRIAGE_SYM_LEN + 1];
	/* where it ran: "task", "softirq", "hardirq", "nmi"; NULL: not
	 * judged (the class has its own reading of the CPUs) */
	const char *context;
	const char *softirq;		/* "timer", "net_rx", ... or NULL */
	/* in an interrupt context: the task it interrupted (not to blame) */
	int interrupted_pid;		/* -1: none or unknown */
	char interrupted_comm[TRIAGE_COMM_LEN + 1];
};

#define VERDICT_MAX_CHAIN	32
#define VERDICT_MAX_CYCLE	16
#define VERDICT_MAX_BLOCKED	128

/* A lock or wait object, as a chain link shows it. */
struct verdict_lock {
	uint32_t type;			/* TRIAGE_LOCK_* */
	uint32_t flags;			/* TRIAGE_LOCK_F_* */
	uint64_t addr;
	uint64_t raw;
	char symbol[TRIAGE_SYM_LEN + 1];
	uint32_t container;		/* TRIAGE_CONT_* */
	uint64_t container_addr;
	int container_pid;		/* -1: unknown */
	int sb_frozen;
	uint32_t level;
	char detail[TRIAGE_SYM_LEN + 1];
	char wait_fn[TRIAGE_SYM_LEN + 1];
};

/*
 * One task of a wait-for chain (or of the list of blocked tasks): who, where
 * it waits, on what, and who owns that.
 */
struct verdict_link {
	int pid;
	char comm[TRIAGE_COMM_LEN + 1];
	const char *state;		/* "D", "R", "S", ... or NULL */
	int cpu;			/* -1: unknown */
	char function[TRIAGE_SYM_LEN + 1];
	char module[TRIAGE_MODNAME_LEN + 1];
	bool has_blocked;
	uint64_t blocked_ns;		/* or, from the log, "more than" N s */
	bool blocked_at_least;		/* blocked_ns is a lower bound */
	bool has_wait;
	struct verdict_lock wait;
	int owner_pid;			/* -1: none or unknown */
	const char *matched_by;		/* "task", "pid" or NULL */
	bool heuristic;			/* the wait was found by a stack scan */
	bool reader_owned;		/* owner_pid is only a reader's hint */
	bool truncated;			/* its record was cut short */
	bool cycle;			/* its owner closes the cycle */
	const char *end;		/* why the chain ends here, or NULL */
};

/* Who holds the lock a stuck CPU spins on (a spinlock records no owner). */
struct verdict_holder {
	const char *kind;		/* "self", "task", "none_on_cpu",
					 * "none_on_other_cpu"; NULL: not judged */
	int pid;			/* -1: unknown */
	char comm[TRIAGE_COMM_LEN + 1];
	int cpu;			/* the CPU it runs on, -1: none/unknown */
	bool gone;			/* the log says it exited */
	bool recursive;			/* a recursive spin_lock, by the spinner */
	bool heuristic;
	const char *how;		/* the evidence's kind: "scheduled while
					 * atomic", "exited", "initcall", NULL */
	char why[VERDICT_TEXT];		/* one sentence of evidence */
};

/* hard_lockup, hang_no_panic, soft_lockup: the stuck CPU and its lock. */
struct verdict_lockup {
	bool present;
	const char *detector;		/* "triage_watchdog", "kernel_hardlockup",
					 * "kernel_softlockup" */
	int cpu;			/* the stuck CPU, -1: unknown */
	int detected_by;		/* -1: unknown */
	bool has_stuck;
	uint64_t stuck_ns;
	bool stuck_at_least;		/* a lower bound (the log's seconds) */
	uint64_t threshold_ns;		/* 0: unknown */
	int irqs_off;			/* 1 proven, 0 proven on, -1 unknown */
	const char *irqs_off_from;	/* what proves it, or NULL */
	bool has_lock;
	uint64_t lock_addr;
	bool has_lock_val;
	uint32_t lock_val;
	char lock_symbol[TRIAGE_SYM_LEN + 1];
	const char *lock_from;		/* where the lock was found */
	unsigned int nr_candidates;	/* locked words that qualified, 0: ? */
	long preempt_depth;		/* of the spinner, -1: unknown */
	struct verdict_holder holder;	/* of the lock: judge_holder.c */
	bool heuristic;
	/* the task the kernel blamed, when it was only a victim */
	bool has_victim;
	int victim_pid;
	char victim_comm[TRIAGE_COMM_LEN + 1];
	int victim_cpu;
	char victim_function[TRIAGE_SYM_LEN + 1];
	const char *victim_reported_as;	/* "soft lockup", "hung task", ... */
};

/* oom: the allocation that failed. */
struct verdict_oom {
	bool present;
	const char *constraint;		/* "none", "constrained", NULL */
	bool has_gfp;
	uint32_t gfp;
	char gfp_names[160];		/* the log's, else decoded */
	bool has_order;
	int order;
	int memcg;			/* 1, 0, -1 unknown */
	const char *from;		/* "oom record" or "log" */
};

/* One kernel report the log holds (report.c), as triage.json lists it. */
#define VERDICT_MAX_REPORTS	16
#define VERDICT_REPORT_TEXT	160

struct verdict_report {
	const char *cls;		/* the parser's class: "oops", ... */
	char kind[48];			/* "" if none */
	char title[VERDICT_REPORT_TEXT];
	char function[TRIAGE_SYM_LEN + 1];
	char module[TRIAGE_MODNAME_LEN + 1];
	int pid;			/* -1: unknown */
	char comm[TRIAGE_COMM_LEN + 1];
	int cpu;			/* -1: unknown */
	char taint[32];			/* as printed, "" if not tainted */
	const char *role;		/* "root", "consequence", "other" */
	int cause;			/* index of the report it followed
					 * from, -1 */
	size_t line;			/* its first line in the log, from 0 */
};

struct verdict {
	enum verdict_class cls;
	const char *kind;		/* sub-kind, or NULL */
	bool degraded;			/* no valid snapshot behind it */
	char title[VERDICT_TEXT];
	char summary[VERDICT_TEXT];
	char signature[VERDICT_TEXT];
	char message[TRIAGE_MSG_LEN + 1];	/* panic or die message */
	struct verdict_culprit culprit;

	size_t nr_evidence;
	char evidence[VERDICT_MAX_EVIDENCE][VERDICT_TEXT];

	/* The backtrace the verdict was read from, and where it came from. */
	const char *bt_source;
	size_t nr_frames;
	struct frame frames[VERDICT_MAX_FRAMES];

	bool has_fault_addr;
	uint64_t fault_addr;
	char location[128];		/* FILE:LINE of a WARNING or BUG */
	const char *checker_kind;	/* culprit.checker's kind, or NULL */
	long checker_line;		/* its report in the log, or -1 */
	long preempt_count;		/* atomic_sleep: leaked count, or -1 */
	bool preempt_trusted;		/* the kernel has PREEMPT_COUNT */
	char leaked_at[TRIAGE_SYM_LEN + 1];	/* "Preemption disabled at:" */

	struct verdict_lockup lockup;
	struct verdict_oom oom;

	/* hung_task: the wait-for chain from a blocked task to the cause */
	size_t nr_chain;		/* links in chain[] */
	size_t chain_elided;		/* links left out in the middle */
	size_t chain_elided_at;		/* ... before chain[chain_elided_at] */
	size_t nr_cycle;		/* pids of a deadlock cycle, or 0 */
	int cycle[VERDICT_MAX_CYCLE];
	size_t cycle_len;		/* its real length (may exceed the array) */
	size_t nr_blocked;		/* blocked tasks listed */
	size_t nr_blocked_total;	/* blocked tasks known */

	/* the kernel's reports in the log, in the log's order */
	size_t nr_reports;
	size_t reports_dropped;		/* more than VERDICT_MAX_REPORTS */
	struct verdict_report reports[VERDICT_MAX_REPORTS];

	const char *log;		/* the log judged (borrowed), or NULL */
	const char *log_source;		/* "snapshot", "dump", ... */

	/* Large, and valid only up to nr_chain and nr_blocked: last, so that
	 * resetting a verdict need not clear them. */
	struct verdict_link chain[VERDICT_MAX_CHAIN];
	struct verdict_link blocked[VERDICT_MAX_BLOCKED];
};

const char *verdict_class_name(enum verdict_class cls);

/* Where the culprit ran when not in a task: "in timer softirq,
 * interrupting swapper/1 (pid 0)", "in hard interrupt", ...; "" for a task
 * or when the class does not judge it. */
const char *context_phrase(const struct verdict *v, char *buf, size_t size);

#endif /* TC_VERDICT_H */
