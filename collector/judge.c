// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge.c - turns what was captured into a verdict.  A table of rules, one
 * function per class, tried in order; the first that matches fills in the
 * verdict.  With no valid snapshot the same rules run on the dump's log.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"
#include "loglines.h"


struct judge_rule {
	enum verdict_class cls;
	bool (*judge)(const struct judge_ctx *c, struct verdict *v);
};

/* ---- small text helpers ------------------------------------------------ */

/* ---- the rules, one per class ------------------------------------------ */

static bool judge_sysrq(const struct judge_ctx *c, struct verdict *v)
{
	long i = panic_line(&c->log);
	char w[64], cpu[32];

	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (!starts_with(c->message, "sysrq triggered crash") &&
	    !frames_have(v, "sysrq_handle_crash"))
		return false;
	v->cls = VC_SYSRQ;
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	copy_str(v->culprit.function, sizeof(v->culprit.function),
		 "sysrq_handle_crash");
	v->culprit.module[0] = '\0';
	copy_str(v->title, sizeof(v->title), "sysrq: crash triggered by hand");
	if (frames_have(v, "write_sysrq_trigger")) {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand through /proc/sysrq-trigger by %s%s",
			 who(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
		evidence(v, "write_sysrq_trigger is in the backtrace: a process wrote 'c' to /proc/sysrq-trigger");
		set_signature(v, "proc-sysrq-trigger");
	} else if (v->nr_frames) {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand with the SysRq key (or a serial console break)%s",
			 on_cpu(v, cpu, sizeof(cpu)));
		evidence(v, "no write_sysrq_trigger frame: the SysRq key or a serial break, not /proc/sysrq-trigger");
		set_signature(v, "sysrq-key");
	} else {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand through SysRq-c%s (by %s)",
			 on_cpu(v, cpu, sizeof(cpu)), who(v, w, sizeof(w)));
		set_signature(v, NULL);
	}
	if (c->message[0])
		evidence(v, "panic message: \"%s\"", c->message);
	if (loglines_rfind(&c->log, "sysrq: Trigger a crash", c->log.nr) >= 0)
		evidence(v, "log: \"sysrq: Trigger a crash\"");
	return true;
}

/* A panic whose message names the reason; the details come from the log. */
bool judge_by_message(const struct judge_ctx *c, struct verdict *v,
			     enum verdict_class cls,
			     const char *const *needles, const char *log_needle,
			     const char *title)
{
	const char *const *n;
	long i;
	char w[64], cpu[32], fn[160];

	for (n = needles; *n; n++)
		if (strstr(c->message, *n))
			break;
	if (!*n)
		return false;
	v->cls = cls;
	i = log_needle ? loglines_rfind(&c->log, log_needle, c->log.nr) : -1;
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (i >= 0) {
		evidence(v, "log: \"%s\"", c->log.line[i]);
		if (cls != VC_HUNG_TASK)
			log_crash_ip(&c->log, i, v);
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (!v->culprit.function[0])
		pick_culprit(c, v, cls == VC_HUNG_TASK ? KF_SLEEP : KF_PANIC,
			     i);
	title_in(v, title);
	snprintf(v->summary, sizeof(v->summary),
		 "%s: %s%s, in %s (panic: \"%s\")", verdict_class_name(cls),
		 who(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)),
		 where(v, fn, sizeof(fn)), c->message);
	evidence(v, "panic message: \"%s\"", c->message);
	return true;
}

static bool judge_rcu_stall(const struct judge_ctx *c, struct verdict *v)
{
	static const char *const msgs[] = { "RCU Stall", "rcu_stall", NULL };

	if (!judge_by_message(c, v, VC_RCU_STALL, msgs, "detected stall",
			      "INFO: rcu detected stall"))
		return false;
	set_signature(v, NULL);
	return true;
}

static bool judge_panic(const struct judge_ctx *c, struct verdict *v)
{
	long i;
	char w[160], cpu[32], fn[160];

	if (!c->message[0])
		return false;
	v->cls = VC_PANIC;
	i = panic_line(&c->log);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	pick_culprit(c, v, KF_PANIC, i);
	crash_context(c, v, i);
	snprintf(v->title, sizeof(v->title), "panic: %s", c->message);
	snprintf(v->summary, sizeof(v->summary),
		 "panic() called from %s %s%s: \"%s\"",
		 where(v, fn, sizeof(fn)), by_whom(v, w, sizeof(w)),
		 on_cpu(v, cpu, sizeof(cpu)), c->message);
	evidence(v, "panic message: \"%s\"", c->message);
	if (v->culprit.function[0] && v->bt_source)
		evidence(v, "%s is the first frame below panic() in the %s backtrace",
			 v->culprit.function, v->bt_source);
	set_signature(v, c->message);
	return true;
}

static bool judge_unknown(const struct judge_ctx *c, struct verdict *v)
{
	v->cls = VC_UNKNOWN;
	set_task(c, v, c->log.nr);
	copy_str(v->title, sizeof(v->title), "unknown crash");
	copy_str(v->summary, sizeof(v->summary),
		 c->log.nr ? "cause unknown: no panic message, oops or known pattern in the log" :
		 "cause unknown: no snapshot and no kernel log could be read");
	set_signature(v, NULL);
	return true;
}

/* Order matters: the more specific reading of the same evidence first. */
static const struct judge_rule rules[] = {
	{ VC_SYSRQ,		judge_sysrq },
	{ VC_HARD_LOCKUP,	judge_lockup_capture },
	{ VC_ATOMIC_SLEEP,	judge_atomic_sleep },
	{ VC_WARN,		judge_warn },
	{ VC_OOPS,		judge_oops },
	{ VC_HARD_LOCKUP,	judge_irqoff_root },
	{ VC_HUNG_TASK,		judge_hung_task },
	{ VC_SOFT_LOCKUP,	judge_soft_lockup },
	{ VC_HARD_LOCKUP,	judge_hard_lockup },
	{ VC_RCU_STALL,		judge_rcu_stall },
	{ VC_OOM,		judge_oom },
	{ VC_PANIC,		judge_panic },
	{ VC_UNKNOWN,		judge_log_report },
	{ VC_UNKNOWN,		judge_unknown },
};

/* ---- putting it together ----------------------------------------------- */

static void verdict_init(struct verdict *v)
{
	/* chain[] and blocked[] are read only up to their counts */
	memset(v, 0, offsetof(struct verdict, chain));
	v->culprit.pid = -1;
	v->culprit.cpu = -1;
	v->culprit.interrupted_pid = -1;
	v->checker_line = -1;
	v->preempt_count = -1;
	v->lockup.cpu = v->lockup.detected_by = -1;
	v->lockup.irqs_off = -1;
	v->lockup.preempt_depth = -1;
	v->lockup.victim_pid = v->lockup.victim_cpu = -1;
}

static void module_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct snap_module *m;
	size_t i;

	if (!c->snap || !v->culprit.module[0])
		return;
	for (i = 0; i < c->snap->nr_modules; i++) {
		m = &c->snap->modules[i];
		if (strcmp(m->name, v->culprit.module) != 0)
			continue;
		evidence(v, "module %s is loaded at 0x%" PRIx64 ", %u bytes of text%s%s%s",
			 m->name, m->text_base, m->text_size,
			 m->flags & TRIAGE_MOD_OOT ? ", out-of-tree" : "",
			 m->flags & TRIAGE_MOD_UNSIGNED ? ", unsigned" : "",
			 m->flags & TRIAGE_MOD_PROPRIETARY ? ", proprietary" : "");
		return;
	}
}

/* The settings that made this class of event a panic, from the snapshot. */
void sysctl_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_sysctl *y;

	if (!c->snap || !c->snap->has_sysctl)
		return;
	y = &c->snap->sysctl;
	switch (v->cls) {
	case VC_SOFT_LOCKUP:
		if (y->softlockup_panic > 0)
			evidence(v, "kernel.softlockup_panic=%d turned the soft lockup into a panic (watchdog_thresh=%d)",
				 y->softlockup_panic, y->watchdog_thresh);
		break;
	case VC_HARD_LOCKUP:
		if (y->hardlockup_panic > 0)
			evidence(v, "kernel.hardlockup_panic=%d turned the hard lockup into a panic (watchdog_thresh=%d)",
				 y->hardlockup_panic, y->watchdog_thresh);
		break;
	case VC_OOPS:
		if (y->panic_on_oops > 0)
			evidence(v, "kernel.panic_on_oops=%d turned the oops into a panic",
				 y->panic_on_oops);
		else if (y->panic_on_oops == 0)
			evidence(v, "kernel.panic_on_oops=0: the oops reached kdump without it (in interrupt context, the idle task or init)");
		break;
	case VC_WARN:
	case VC_ATOMIC_SLEEP:
		if (y->panic_on_warn > 0)
			evidence(v, "kernel.panic_on_warn=%d turned the warning into a panic",
				 y->panic_on_warn);
		break;
	case VC_OOM:
		if (y->panic_on_oom > 0)
			evidence(v, "vm.panic_on_oom=%d turned the OOM kill into a panic",
				 y->panic_on_oom);
		break;
	default:
		break;
	}
}

/* Put a line before the others: what must not be crowded out. */
static void evidence_at(struct verdict *v, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void evidence_at(struct verdict *v, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (pos > v->nr_evidence)
		pos = v->nr_evidence;
	if (pos >= VERDICT_MAX_EVIDENCE)
		return;
	if (v->nr_evidence == VERDICT_MAX_EVIDENCE)
		v->nr_evidence--;	/* the last one gives way */
	memmove(v->evidence[pos + 1], v->evidence[pos],
		(v->nr_evidence - pos) * sizeof(v->evidence[0]));
	v->nr_evidence++;
	va_start(ap, fmt);
	vsnprintf(v->evidence[pos], VERDICT_TEXT, fmt, ap);
	va_end(ap);
}

/*
 * A torn snapshot: where the capture stopped and what its records are
 * worth, first in the evidence (a verdict from part of a capture).
 */
static void torn_evidence(const struct snapshot *s, struct verdict *v)
{
	const struct snap_torn *t = &s->torn;
	size_t pos = 0;

	if (t->section == TRIAGE_SECT_DONE && !t->faulted)
		evidence_at(v, pos++, "the capture stopped while committing, after all %zu records were written",
			    s->nr_records);
	else if (t->faulted)
		evidence_at(v, pos++, "the capture stopped in section %s after %zu records (it faulted: %s)",
			    snapshot_section_name(t->section), s->nr_records,
			    t->fault ? t->fault : "no note says where");
	else
		evidence_at(v, pos++, "the capture stopped in section %s after %zu records (cut short: its CPU was stopped before it finished, by another CPU's kexec or a reset)",
			    snapshot_section_name(t->section), s->nr_records);
	if (t->data_crc == SNAP_CRC_MISMATCH)
		evidence_at(v, pos++, "the torn snapshot's data CRC does not match: its records were read unverified (the CRC vouches for the first %zu of %zu)",
			    t->verified_records, s->nr_records);
	else if (t->data_crc == SNAP_CRC_SHORT)
		evidence_at(v, pos++, "only part of the torn snapshot's data could be read: its records were read unverified");
	evidence_at(v, pos++, "degraded: the snapshot is torn; the verdict is judged from the %zu records it holds%s",
		    s->nr_records, s->has_crash ? "" :
		    " (no crash record among them)");
}

/* D-state tasks the module found but did not record. */
void left_out_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_tasks *w = &c->snap->taskwalk;

	if (!c->snap->has_taskwalk || !w->nr_left_out)
		return;
	evidence(v, "%u blocked tasks were left out (%s)", w->nr_left_out,
		 w->walk_flags & TRIAGE_WALK_F_CAPPED ? "cap" :
		 w->walk_flags & TRIAGE_WALK_F_FULL ? "region full" :
		 w->walk_flags & TRIAGE_WALK_F_BUDGET ? "time budget" :
		 "not recorded");
}

static void common_evidence(const struct judge_ctx *c,
			    const struct judge_input *in, struct verdict *v)
{
	char taint[32];

	if (v->cls != VC_HUNG_TASK)
		sysctl_evidence(c, v);
	module_evidence(c, v);
	if (c->snap && c->snap->has_system && c->snap->system.taint) {
		taint_string(c->snap->system.taint, taint, sizeof(taint));
		evidence(v, "kernel tainted: %s", taint);
	}
	if (c->snap && v->cls != VC_HUNG_TASK)	/* hung_task: in its walk line */
		left_out_evidence(c, v);
	if (in->located && in->located[0])
		evidence(v, "%s", in->located);
	if (c->snap && c->snap->torn.present) {
		evidence(v, "snapshot taken by the %s hook on CPU %d; the capture did not finish",
			 snapshot_hook_name(c->snap->hdr.hook), c->snap->hdr.cpu);
		torn_evidence(c->snap, v);
		return;
	}
	if (c->snap) {
		evidence(v, "snapshot taken by the %s hook on CPU %d, capture took %.3f ms",
			 snapshot_hook_name(c->snap->hdr.hook), c->snap->hdr.cpu,
			 c->snap->hdr.capture_ns / 1e6);
		return;
	}
	if (in->snap && in->snap->err.text[0])
		evidence(v, "degraded: snapshot not usable: %s",
			 in->snap->err.text);
	else
		evidence(v, in->log_name ?
			 "degraded: judged from a kernel log alone, with no snapshot and no dump" :
			 "degraded: no triage snapshot was found");
	if (v->log_source)
		evidence(v, "verdict read from the kernel log (%s)",
			 v->log_source);
}

static void pick_log(struct judge_ctx *c, const struct judge_input *in,
		     struct verdict *v)
{
	if (c->snap && c->snap->log) {
		v->log = c->snap->log;
		v->log_source = c->snap->valid ? "snapshot" : "torn snapshot";
	} else if (in->dump_log) {
		v->log = in->dump_log;
		v->log_source = in->log_name ? in->log_name : "dump";
	} else if (in->snap && in->snap->log) {
		v->log = in->snap->log;
		v->log_source = "invalid snapshot (unverified)";
	}
}

void verdict_failed(struct verdict *v, const char *why)
{
	verdict_init(v);
	v->cls = VC_UNKNOWN;
	v->degraded = true;
	copy_str(v->title, sizeof(v->title), "unknown crash");
	snprintf(v->summary, sizeof(v->summary),
		 "cause unknown: the collector could not judge the crash (%s)",
		 why && why[0] ? why : "no reason given");
	evidence(v, "degraded: judging failed: %s",
		 why && why[0] ? why : "no reason given");
	set_signature(v, NULL);
}

enum status verdict_judge(struct verdict *v, const struct judge_input *in,
			  struct errmsg *err)
{
	struct judge_ctx c;
	const char *log = NULL, *log_source = NULL;
	char panic_msg[TRIAGE_MSG_LEN + 1] = "";
	char first[VERDICT_TEXT];
	enum status st;
	size_t i;

	verdict_init(v);
	memset(&c, 0, sizeof(c));
	c.facts = in->facts;
	if (snapshot_usable(in->snap)) {	/* valid, or torn */
		c.snap = in->snap;
		c.crash = in->snap->has_crash ? &in->snap->crash : NULL;
	}
	pick_log(&c, in, v);
	log = v->log;
	log_source = v->log_source;
	if (!loglines_parse(&c.log, log))
		return errmsg_set(err, ST_ERR_NOMEM,
				  "out of memory reading the log");
	/* one parse of the kernel's reports, for every rule and both paths */
	st = kreports_parse(&c.reports, &c.log, err);
	if (st != ST_OK) {
		kreports_free(&c.reports);
		loglines_free(&c.log);
		return st;
	}
	if (c.crash && c.crash->message[0]) {
		c.message = c.crash->message;
	} else {
		log_panic_message(&c.log, panic_msg, sizeof(panic_msg));
		c.message = panic_msg;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		verdict_init(v);
		v->log = log;
		v->log_source = log_source;
		if (rules[i].judge(&c, v))
			break;
	}
	/* A log alone: its first kernel report may explain what the rules
	 * read from a later one (a hang after an oops, a generic panic) */
	if (!c.snap && judge_log_root_first(&c, v, first, sizeof(first))) {
		verdict_init(v);
		v->log = log;
		v->log_source = log_source;
		judge_log_report(&c, v);
		evidence(v, "the later report alone reads as: %s", first);
	}
	/* A snapshot's hang that waits on a task the log saw fail first:
	 * that task's report is the root */
	if (c.snap && judge_snapshot_root_first(&c, v, first, sizeof(first))) {
		const struct kreport *r = kreports_root(&c.reports);

		verdict_init(v);
		v->log = log;
		v->log_source = log_source;
		judge_log_report(&c, v);
		evidence(v, "%s (pid %d), whose report came first, is a task the hang waits on: the hang is its consequence",
			 r->comm[0] ? r->comm : "the task", r->pid);
		evidence(v, "the snapshot alone reads as: %s", first);
	}
	report_facts_evidence(&c, v);
	verdict_reports(&c, v);
	v->degraded = c.snap == NULL || !c.snap->valid || in->stale;
	if (!v->message[0])
		copy_str(v->message, sizeof(v->message), c.message);
	common_evidence(&c, in, v);
	kreports_free(&c.reports);
	loglines_free(&c.log);
	return ST_OK;
}
