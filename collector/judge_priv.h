/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * judge_priv.h - what the rules of judge.c share with the rules that live
 * in their own files (judge_hung.c).  Not for use outside the judge.
 */
#ifndef TC_JUDGE_PRIV_H
#define TC_JUDGE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "judge.h"
#include "kfunc.h"
#include "loglines.h"
#include "report.h"
#include "snapinfo.h"
#include "text.h"

struct judge_ctx {
	const struct snapshot *snap;	/* a valid or torn snapshot, or NULL */
	const struct snap_crash *crash;	/* its crash record, or NULL */
	struct loglines log;
	struct kreports reports;	/* the kernel's reports in log */
	const char *message;		/* panic message, "" if none */
	const struct dump_facts *facts;
};

void evidence(struct verdict *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
long first_culprit_frame(const struct verdict *v, unsigned int skip);
void set_culprit_frame(struct verdict *v, long i);
void use_log_frames(struct verdict *v, const struct loglines *l, long from);
void set_signature(struct verdict *v, const char *extra);
void title_in(struct verdict *v, const char *what);
const char *who(const struct verdict *v, char *buf, size_t size);
const char *where(const struct verdict *v, char *buf, size_t size);
const char *on_cpu(const struct verdict *v, char *buf, size_t size);

void use_snapshot_frames(struct verdict *v, const struct snap_backtrace *bt,
			 const char *source);
bool log_crash_ip(const struct loglines *l, long from, struct verdict *v);
bool log_task(const struct loglines *l, size_t near, struct verdict_culprit *t);
void set_task(const struct judge_ctx *c, struct verdict *v, size_t log_before);
void load_frames(const struct judge_ctx *c, struct verdict *v, uint32_t source,
		 long log_from);
bool judge_by_message(const struct judge_ctx *c, struct verdict *v,
		      enum verdict_class cls, const char *const *needles,
		      const char *log_needle, const char *title);

/* The log's facts (judge_log.c): the last "Kernel panic - not syncing"
 * line (not its "---[ end" trailer) or -1, and its message into @buf. */
long panic_line(const struct loglines *l);
void log_panic_message(const struct loglines *l, char *buf, size_t size);

/* Shared by the rules (judge_common.c): the snapshot's trace of @source or
 * NULL; does a frame of the verdict's trace have base name @name; the
 * culprit, the first frame off @skip (a noreturn call's return address
 * corrected from the log's trace after @log_line). */
const struct snap_backtrace *snap_bt(const struct judge_ctx *c,
				     uint32_t source);
bool frames_have(const struct verdict *v, const char *name);
void pick_culprit(const struct judge_ctx *c, struct verdict *v,
		  unsigned int skip, long log_line);

/* The oops rule (judge_oops.c), the WARNING and scheduling-while-atomic
 * rules (judge_warn.c). */
bool judge_oops(const struct judge_ctx *c, struct verdict *v);
bool judge_warn(const struct judge_ctx *c, struct verdict *v);
bool judge_atomic_sleep(const struct judge_ctx *c, struct verdict *v);

/* The lockup rules (judge_lockup.c) and the OOM rule (judge_oom.c). */
bool judge_lockup_capture(const struct judge_ctx *c, struct verdict *v);
bool judge_irqoff_root(const struct judge_ctx *c, struct verdict *v);
bool judge_soft_lockup(const struct judge_ctx *c, struct verdict *v);
bool judge_hard_lockup(const struct judge_ctx *c, struct verdict *v);
bool judge_oom(const struct judge_ctx *c, struct verdict *v);

/* The holder of a lockup's spinlock, from the evidence (judge_holder.c). */
void lock_holder(const struct judge_ctx *c, struct verdict *v, bool spinning,
		 long log_upto);

/* The hung_task rule (judge_hung.c). */
bool judge_hung_task(const struct judge_ctx *c, struct verdict *v);

/* The kernel's reports in the log, when no rule above knew the crash
 * (judge_report.c). */
bool judge_log_report(const struct judge_ctx *c, struct verdict *v);
/* The log's reports into v->reports (triage.json's reports[]). */
void verdict_reports(const struct judge_ctx *c, struct verdict *v);
/* A snapshot's hang verdict: is the log's root report a bug of a task the
 * hang waits on (a chain's owner, a lockup's holder)?  @v's title goes to
 * @was. */
bool judge_snapshot_root_first(const struct judge_ctx *c,
			       const struct verdict *v, char *was, size_t size);
/* A snapshot's soft lockup or RCU stall: what the kernel printed with it,
 * as evidence. */
void report_facts_evidence(const struct judge_ctx *c, struct verdict *v);
/* Should a verdict read from a log alone give way to the log's first
 * report (a hang or generic panic after an oops, KASAN or lockdep report;
 * a crash asked for by sysrq)?  @v's title goes to @was. */
bool judge_log_root_first(const struct judge_ctx *c, const struct verdict *v,
			  char *was, size_t size);

/*
 * Checkers (judge_checker.c).  checker_culprit(): if the culprit is a
 * checker (or a BUG_ON in a lib/ helper), name its caller instead, keep
 * the checker in culprit.checker and its kind in checker_kind.  @log_line:
 * the oops or WARNING line, or -1.  checker_what(): what the checker
 * reported ("list_add corruption") and its details, from the log.
 */
bool checker_culprit(const struct judge_ctx *c, struct verdict *v,
		     long log_line);
void checker_what(const struct judge_ctx *c, const struct verdict *v,
		  char *what, size_t wsize, char *detail, size_t dsize);
/* What a kind is called (judge_checker.c): an oops's title ("BUG: corrupted
 * list") and what it was ("list corruption"), a WARNING's title phrase
 * ("corrupted list"); NULL fields: the kind has none. */
struct kind_words {
	const char *kind, *title, *what, *warn;
};
const struct kind_words *kind_words(const char *kind);
/* A sanitizer's verdict (KASAN, KFENCE, KMSAN, UBSAN, KCSAN, SLUB): the
 * title its report in the log gives, syzkaller's ("KASAN:
 * slab-use-after-free Read in f"), as on the log's path; false if the log
 * has no such report (the title stays the kind's). */
bool checker_log_title(const struct judge_ctx *c, struct verdict *v);
/* culprit.context/softirq from the crash record's preempt count and the
 * frames past the culprit; in an interrupt, the task becomes
 * culprit.interrupted_*. */
void crash_context(const struct judge_ctx *c, struct verdict *v,
		   long log_line);
/* "by insmod (pid 111)", or the context phrase in an interrupt. */
const char *by_whom(const struct verdict *v, char *buf, size_t size);

/* "N blocked tasks were left out (cap)", if the walk says so. */
void left_out_evidence(const struct judge_ctx *c, struct verdict *v);

/* "kernel.X=N" evidence of the sysctls that turned @cls into a panic. */
void sysctl_evidence(const struct judge_ctx *c, struct verdict *v);

#endif /* TC_JUDGE_PRIV_H */
