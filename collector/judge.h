/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * judge.h - from a snapshot (or, degraded, the log and VMCOREINFO facts of a
 * dump) to a verdict: the class of crash, its culprit and the evidence.
 */
#ifndef TC_JUDGE_H
#define TC_JUDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "status.h"

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
	VC_UNKNOWN,
};

/* What VMCOREINFO says about the crashed kernel (vmcore inputs only). */
struct dump_facts {
	bool present;
	char osrelease[TRIAGE_UTS_LEN + 1];
	bool has_crashtime;
	long long crashtime;		/* CRASHTIME: seconds since the epoch */
	unsigned long page_size;	/* PAGESIZE, 0 if unknown */
};

#define VERDICT_TEXT		384
#define VERDICT_MAX_EVIDENCE	24
#define VERDICT_MAX_FRAMES	64

struct verdict_culprit {
	int pid;			/* -1: unknown */
	char comm[TRIAGE_COMM_LEN + 1];
	char function[TRIAGE_SYM_LEN + 1];
	char module[TRIAGE_MODNAME_LEN + 1];
	int cpu;			/* -1: unknown */
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
	char frames[VERDICT_MAX_FRAMES][TRIAGE_SYM_LEN + 1];

	bool has_fault_addr;
	uint64_t fault_addr;
	char location[128];		/* FILE:LINE of a WARNING or BUG */
	long preempt_count;		/* atomic_sleep: leaked count, or -1 */

	const char *log;		/* the log judged (borrowed), or NULL */
	const char *log_source;		/* "snapshot", "dump", ... */
};

struct judge_input {
	const struct snapshot *snap;	/* NULL, or decoded (maybe invalid) */
	const char *dump_log;		/* the log read from the dump, or NULL */
	const struct dump_facts *facts;	/* NULL when not from a vmcore */
};

/* Judge; fails only when out of memory (the message is in @err). */
enum status verdict_judge(struct verdict *v, const struct judge_input *in,
			  struct errmsg *err);

const char *verdict_class_name(enum verdict_class cls);

/* "func+0x1/0x2 [mod]" -> "func" and "mod" (either may come out empty). */
void sym_split(const char *sym, char *func, size_t func_size, char *mod,
	       size_t mod_size);

/* Taint mask -> "POE" (letters of the set bits, as the kernel prints them). */
void taint_string(uint64_t taint, char *buf, size_t size);

#endif /* TC_JUDGE_H */
