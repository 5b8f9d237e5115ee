// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_report.c - the rule of last resort before "unknown": the kernel's
 * own reports in the log, as the report parser (report.c) reads them.  The
 * root report gives the class, kind, syzkaller-style title, the function
 * it names, the task and CPU; the other reports are listed as evidence,
 * with what followed from the root.  A log alone (--log, or a dump without
 * a snapshot) is judged this way when no rule above knows the crash.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"
#include "report.h"

static enum verdict_class class_of(const char *cls)
{
	static const struct { const char *name; enum verdict_class cls; } t[] = {
		{ "oops", VC_OOPS }, { "warn", VC_WARN }, { "panic", VC_PANIC },
		{ "sysrq", VC_SYSRQ }, { "hung_task", VC_HUNG_TASK },
		{ "soft_lockup", VC_SOFT_LOCKUP },
		{ "hard_lockup", VC_HARD_LOCKUP }, { "rcu_stall", VC_RCU_STALL },
		{ "oom", VC_OOM }, { "atomic_sleep", VC_ATOMIC_SLEEP },
		{ "memory_corruption", VC_MEMORY_CORRUPTION },
		{ "lockdep", VC_LOCKDEP }, { "bad_page", VC_BAD_PAGE },
		{ "memory_leak", VC_MEMORY_LEAK },
		{ "hardware_error", VC_HARDWARE_ERROR },
		{ "undefined_behavior", VC_UNDEFINED_BEHAVIOR },
		{ "data_race", VC_DATA_RACE },
		{ "workqueue_stall", VC_WORKQUEUE_STALL },
		{ "kernel_bug", VC_KERNEL_BUG },
	};
	size_t i;

	for (i = 0; cls && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].name, cls) == 0)
			return t[i].cls;
	return VC_UNKNOWN;
}

/* The verdict keeps kinds as static strings: the parser's own, or the
 * sanitizers' words it copied from the log. */
static const char *kind_of(const char *kind)
{
	static const char *const known[] = {
		/* report.c's kinds */
		"null_deref", "bad_access", "unhandled_fault",
		"general_protection", "oops", "invalid_opcode", "double_fault",
		"stack_overflow", "trap", "bug", "serror", "machine_check",
		"list_corruption", "refcount", "refcount_underflow",
		"refcount_saturated", "refcount_inc_on_zero",
		"refcount_dec_to_zero", "usercopy", "fortify", "debugobjects",
		"slab", "spinlock", "circular", "recursive", "irq_inversion",
		"irq_order", "inconsistent", "bad_unlock", "suspicious_rcu",
		"held_lock_freed", "lock_held_return", "locks_held_exit",
		"nested_lock", "bad_contention", "invalid_wait_context",
		"non_static_key", "self_detected", "expedited", "tasks",
		"other_cpu", "workqueue_leak", "scheduling_while_atomic",
		"sleeping_in_atomic", "preemptible_percpu", "bad_page_state",
		"bad_page_map", "bad_rss_counter", "stack_corruption",
		"init_exit", "user_access", "exec_nx", "write_ro",
		/* KASAN, KFENCE, KMSAN, KCSAN and UBSAN words */
		"use-after-free", "slab-use-after-free", "slab-out-of-bounds",
		"global-out-of-bounds", "stack-out-of-bounds",
		"vmalloc-out-of-bounds", "alloca-out-of-bounds",
		"use-after-scope", "double-free", "invalid-free",
		"null-ptr-deref", "wild-memory-access", "user-memory-access",
		"invalid-access", "out-of-bounds", "memory", "invalid",
		"uninit-value", "kernel-infoleak", "data-race",
		"array-index-out-of-bounds", "shift-out-of-bounds",
		"signed-integer-overflow", "unsigned-integer-overflow",
		"division-overflow", "invalid-load", "misaligned-access",
		"object-size-mismatch", "unreachable", "implicit-conversion",
		"vla-bound-not-positive", "undefined-behaviour",
		NULL,
	};
	const char *const *k;

	if (!kind || !kind[0])
		return NULL;
	for (k = known; *k; k++)
		if (strcmp(*k, kind) == 0)
			return *k;
	return "other";
}

static void frames_from(struct verdict *v, const struct kreport *r)
{
	size_t i;

	v->nr_frames = 0;
	/* the faulting instruction first: its frame is often a '?' one */
	if (r->ip_sym[0] && (!r->nr_frames ||
			     strcmp(r->frames[0].sym, r->ip_sym) != 0))
		frame_set(&v->frames[v->nr_frames++], r->ip_sym, false);
	for (i = 0; i < r->nr_frames && v->nr_frames < VERDICT_MAX_FRAMES; i++)
		if (!r->frames[i].unreliable)
			v->frames[v->nr_frames++] = r->frames[i];
	v->bt_source = "log (kernel report)";
}

static void report_evidence(struct verdict *v, const struct kreports *k,
			    const struct kreport *r)
{
	static const struct { const char *key, *say; } keys[] = {
		{ "access", "access" },
		{ "kasan_range", "KASAN" },
		{ "fault", "fault" },
		{ "esr", "arm64" },
		{ "die", "die" },
		{ "blocked_on", "the kernel says" },
		{ "preempt_disabled_at", "preemption disabled at" },
		{ "acquire", "trying to acquire" },
		{ "holding", "already holding" },
		{ "takes", "takes" },
		{ "release", "releasing" },
		{ "caller", "caller" },
		{ "last_function", "last work function" },
		{ "page_dumped_because", "page dumped because" },
		{ "oom_kill", "OOM" },
		{ "exited_with", "then" },
		{ "mce_message", "machine check" },
	};
	size_t i, shown = 0;
	char taint[40] = "";

	evidence(v, "kernel report (%s): %s", r->format ? r->format : "?",
		 r->head);
	if (r->location[0])
		evidence(v, "at %s", r->location);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *t = kreport_key(r, keys[i].key);

		if (t)
			evidence(v, "%s: %s", keys[i].say, t);
	}
	if (r->tainted && r->taint[0])
		snprintf(taint, sizeof(taint), ", tainted %s", r->taint);
	if (r->release[0] || taint[0])
		evidence(v, "kernel %s%s", r->release[0] ? r->release : "?",
			 taint);
	if (k->nr > 1)
		evidence(v, "the log holds %zu kernel reports%s; this one (line %zu) is the root: %s",
			 k->nr, k->dropped ? " and more" : "",
			 r->first_line + 1,
			 strcmp(r->category, "bug") == 0 ?
			 "the first bug the kernel reported" :
			 strcmp(r->category, "symptom") == 0 ?
			 "the first hang or stall, no bug report before it" :
			 "no bug report before the panic");
	for (i = 0; i < k->nr && shown < 4; i++) {
		const struct kreport *o = &k->r[i];

		if (o == r)
			continue;
		evidence(v, "%s (line %zu): %s", o->role == KR_ROLE_CONSEQUENCE ?
			 "then, as a consequence" : "before it, unrelated as far as the log says",
			 o->first_line + 1, o->title);
		shown++;
	}
}

bool judge_log_report(const struct judge_ctx *c, struct verdict *v)
{
	const struct kreports *k = &c->reports;
	const struct kreport *r;
	char w[64], cpu[32];
	enum verdict_class cls;

	r = kreports_root(k);
	cls = r ? class_of(r->cls) : VC_UNKNOWN;
	if (!r || cls == VC_UNKNOWN)
		return false;
	v->cls = cls;
	v->kind = kind_of(r->kind);
	copy_str(v->title, sizeof(v->title), r->title);
	copy_str(v->culprit.function, sizeof(v->culprit.function), r->func);
	copy_str(v->culprit.module, sizeof(v->culprit.module), r->mod);
	copy_str(v->culprit.comm, sizeof(v->culprit.comm), r->comm);
	v->culprit.pid = r->pid;
	v->culprit.cpu = r->cpu;
	copy_str(v->location, sizeof(v->location), r->location);
	v->has_fault_addr = r->has_addr;
	v->fault_addr = r->addr;
	if (kreport_key(r, "preempt_disabled_at"))
		copy_str(v->leaked_at, sizeof(v->leaked_at),
			 kreport_key(r, "preempt_disabled_at"));
	if (r->message[0] && !c->message[0])
		copy_str(v->message, sizeof(v->message), r->message);
	frames_from(v, r);
	snprintf(v->summary, sizeof(v->summary), "%s%s%s%s: %s%s",
		 r->title, r->mod[0] ? " [" : "", r->mod,
		 r->mod[0] ? "]" : "", who(v, w, sizeof(w)),
		 on_cpu(v, cpu, sizeof(cpu)));
	report_evidence(v, k, r);
	set_signature(v, NULL);
	return true;
}

/* A bug a later hang can follow from: an oops, KASAN and the like, or a
 * deadlock lockdep foretold. */
static bool is_fatal_bug(const struct kreport *r)
{
	return strcmp(r->category, "bug") == 0 &&
	       (strcmp(r->cls, "oops") == 0 ||
		strcmp(r->cls, "memory_corruption") == 0 ||
		(strcmp(r->cls, "lockdep") == 0 &&
		 (strcmp(r->kind, "circular") == 0 ||
		  strcmp(r->kind, "recursive") == 0)));
}

/* Panics that only end another report: the report is the cause. */
static bool panic_ends_a_report(const char *msg)
{
	static const char *const ends[] = {
		"Fatal exception", "Oops: Fatal exception", "Fatal machine check",
		"Machine halted", "Asynchronous SError Interrupt", "Hard LOCKUP",
		"hardlockup", "softlockup", "hung_task", "panic_on_warn set",
		"Fatal hardware error", "Oops - BUG: Fatal exception",
		NULL,
	};
	const char *const *e;

	for (e = ends; *e; e++)
		if (strstr(msg, *e))
			return true;
	return false;
}

bool judge_log_root_first(const struct judge_ctx *c, const struct verdict *v,
			  char *was, size_t size)
{
	const struct kreport *r;
	bool first = false;

	if (v->cls == VC_UNKNOWN)
		return false;
	r = kreports_root(&c->reports);
	if (r && class_of(r->cls) != VC_UNKNOWN) {
		bool fatal_bug = is_fatal_bug(r);

		switch (v->cls) {
		case VC_HUNG_TASK:
		case VC_SOFT_LOCKUP:
		case VC_HARD_LOCKUP:
		case VC_RCU_STALL:
			/* a hang after an oops, KASAN or a deadlock lockdep
			 * foretold: the hang is its consequence */
			first = fatal_bug;
			break;
		case VC_PANIC:
			first = strcmp(r->cls, "panic") != 0 &&
				panic_ends_a_report(c->message);
			break;
		case VC_SYSRQ:
			break;
		default:
			/* a crash a person asked for, read as an oops */
			first = strcmp(r->cls, "sysrq") == 0;
			break;
		}
	}
	if (first)
		snprintf(was, size, "%s", v->title);
	return first;
}

void verdict_reports(const struct judge_ctx *c, struct verdict *v)
{
	const struct kreports *k = &c->reports;
	size_t i;

	v->nr_reports = 0;
	v->reports_dropped = k->dropped;
	for (i = 0; i < k->nr; i++) {
		const struct kreport *r = &k->r[i];
		struct verdict_report *o;

		if (v->nr_reports >= VERDICT_MAX_REPORTS) {
			v->reports_dropped += k->nr - i;
			break;
		}
		o = &v->reports[v->nr_reports++];
		o->cls = r->cls;
		copy_str(o->kind, sizeof(o->kind), r->kind);
		copy_str(o->title, sizeof(o->title), r->title);
		copy_str(o->function, sizeof(o->function), r->func);
		copy_str(o->module, sizeof(o->module), r->mod);
		o->pid = r->pid;
		copy_str(o->comm, sizeof(o->comm), r->comm);
		o->cpu = r->cpu;
		copy_str(o->taint, sizeof(o->taint), r->tainted ? r->taint : "");
		o->role = kreport_role_name(r->role);
		o->cause = r->cause;
		o->line = r->first_line;
	}
}

/* Does the hang of @v wait on task @pid: a link of its wait-for chain, the
 * owner a link waits for, or the holder of a lockup's spinlock? */
static bool hang_waits_on(const struct verdict *v, int pid)
{
	size_t i;

	if (pid < 0)
		return false;
	for (i = 0; i < v->nr_chain; i++)
		if (v->chain[i].pid == pid || v->chain[i].owner_pid == pid)
			return true;
	return v->lockup.present && v->lockup.holder.pid == pid;
}

bool judge_snapshot_root_first(const struct judge_ctx *c,
			       const struct verdict *v, char *was, size_t size)
{
	const struct kreport *r = kreports_root(&c->reports);

	switch (v->cls) {
	case VC_HUNG_TASK:
	case VC_SOFT_LOCKUP:
	case VC_HARD_LOCKUP:
	case VC_HANG_NO_PANIC:
	case VC_RCU_STALL:
		break;
	default:
		return false;
	}
	if (!r || class_of(r->cls) == VC_UNKNOWN || !is_fatal_bug(r) ||
	    !hang_waits_on(v, r->pid))
		return false;
	snprintf(was, size, "%s", v->title);
	return true;
}

/* The kernel's own report of a hang the snapshot judged: the last one of
 * the class (the one that ended in the panic). */
static const struct kreport *hang_report(const struct judge_ctx *c,
					 const char *cls)
{
	size_t i = c->reports.nr;

	while (i-- > 0)
		if (strcmp(c->reports.r[i].cls, cls) == 0)
			return &c->reports.r[i];
	return NULL;
}

void report_facts_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct kreport *r;
	size_t i;

	if (v->cls == VC_SOFT_LOCKUP)
		r = hang_report(c, "soft_lockup");
	else if (v->cls == VC_RCU_STALL)
		r = hang_report(c, "rcu_stall");
	else
		return;
	if (!r)
		return;
	evidence(v, "the kernel's report (line %zu): %s", r->first_line + 1,
		 r->head);
	if (r->func[0])
		evidence(v, "the kernel's trace reads: %s%s%s%s", r->title,
			 r->mod[0] ? " [" : "", r->mod, r->mod[0] ? "]" : "");
	for (i = 0; i < r->nr_keys; i++)
		evidence(v, "the kernel says (%s): %s", r->keys[i].what,
			 r->keys[i].text);
	if (r->tainted && r->taint[0])
		evidence(v, "the kernel was tainted %s when it reported it",
			 r->taint);
}
