/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * judge.h - from a snapshot (or, degraded, the log and VMCOREINFO facts of a
 * dump) to a verdict (verdict.h): the class of crash, its culprit and the
 * evidence.
 */
#ifndef TC_JUDGE_H
#define TC_JUDGE_H

#include <stdbool.h>

#include "decode.h"
#include "status.h"
#include "verdict.h"
#include "vmcoreinfo.h"

struct judge_input {
	const struct snapshot *snap;	/* NULL, or decoded (maybe invalid) */
	const char *dump_log;		/* the log read from the dump, or NULL */
	const struct dump_facts *facts;	/* NULL when not from a vmcore */
	const char *located;		/* which of several snapshots was
					 * taken, for the evidence, or NULL */
	bool stale;			/* the snapshot is a stale copy (given
					 * by hand): degraded */
	const char *log_name;		/* dump_log is not the dump's but a log
					 * given alone (--log): its name */
};

/* Judge; fails only when out of memory (the message is in @err). */
enum status verdict_judge(struct verdict *v, const struct judge_input *in,
			  struct errmsg *err);

/* The verdict when judging failed: class unknown, degraded, @why (the
 * judge's error message) in the summary and the evidence. */
void verdict_failed(struct verdict *v, const char *why);

#endif /* TC_JUDGE_H */
