// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * render.c - formats a verdict as triage.json (through jansson; the keys of
 * the triage/1 contract are never renamed) and as triage.txt for a person.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "kfunc.h"
#include "memory.h"
#include "render.h"
#include "snapinfo.h"

static const char *const x86_regs[] = {
	"r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8",
	"ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp",
	"ss",
};

static const char *reason_name(uint32_t reason)
{
	switch (reason) {
	case TRIAGE_REASON_PANIC:	return "panic";
	case TRIAGE_REASON_DIE:		return "die";
	case TRIAGE_REASON_OOM:		return "oom";
	case TRIAGE_REASON_LOCKUP:	return "lockup";
	}
	return "unknown";
}

static const char *bt_source_name(uint32_t source)
{
	switch (source) {
	case TRIAGE_BT_CURRENT:		return "current";
	case TRIAGE_BT_REGS:		return "regs";
	case TRIAGE_BT_NMI:		return "nmi";
	case TRIAGE_BT_STACK_SCAN:	return "stack_scan";
	case TRIAGE_BT_SLEEPING:	return "sleeping";
	}
	return "unknown";
}

/* The snapshot whose records are shown: valid, or torn and recovered. */
static const struct snapshot *usable_snap(const struct report *r)
{
	return snapshot_usable(r->snap) ? r->snap : NULL;
}

/* ---- JSON -------------------------------------------------------------- */

/* A JSON string, or null for NULL/empty or text jansson refuses. */
static json_t *jstr(const char *s)
{
	json_t *j;

	if (!s || !s[0])
		return json_null();
	j = json_string(s);
	return j ? j : json_string("(not valid UTF-8)");
}

static json_t *jhex(uint64_t x)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, x);
	return json_string(buf);
}

static json_t *jint_or_null(long long x)
{
	return x < 0 ? json_null() : json_integer(x);
}

static json_t *culprit_json(const struct verdict *v)
{
	json_t *o = json_object();

	json_set(o, "pid", jint_or_null(v->culprit.pid));
	json_set(o, "comm", jstr(v->culprit.comm));
	json_set(o, "function", jstr(v->culprit.function));
	json_set(o, "module", jstr(v->culprit.module));
	json_set(o, "cpu", jint_or_null(v->culprit.cpu));
	json_set(o, "checker", jstr(v->culprit.checker));
	json_set(o, "context", v->culprit.context ?
	    json_string(v->culprit.context) : json_null());
	json_set(o, "softirq", v->culprit.softirq ?
	    json_string(v->culprit.softirq) : json_null());
	if (v->culprit.interrupted_pid >= 0 || v->culprit.interrupted_comm[0]) {
		json_t *t = json_object();

		json_set(t, "pid", jint_or_null(v->culprit.interrupted_pid));
		json_set(t, "comm", jstr(v->culprit.interrupted_comm));
		json_set(o, "interrupted", t);
	} else {
		json_set(o, "interrupted", json_null());
	}
	return o;
}

static json_t *strings_json(const char (*s)[VERDICT_TEXT], size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, jstr(s[i]));
	return a;
}

static json_t *kernel_json(const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	json_t *o = json_object();
	char taint[32];

	if (s && s->has_system) {
		taint_string(s->system.taint, taint, sizeof(taint));
		json_set(o, "release", jstr(s->system.release));
		json_set(o, "version", jstr(s->system.version));
		json_set(o, "machine", jstr(s->system.machine));
		json_set(o, "nodename", jstr(s->system.nodename));
		json_set(o, "boot_id", jstr(s->system.boot_id));
		json_set(o, "taint", json_string(taint));
		json_set(o, "taint_mask", jhex(s->system.taint));
		json_set(o, "uptime_s", json_real(s->system.uptime_ns / 1e9));
		json_set(o, "uptime_ns", json_integer((json_int_t)s->system.uptime_ns));
		json_set(o, "page_size", json_integer(s->system.page_size));
		json_set(o, "cpus_online", json_integer(s->system.nr_cpus_online));
		return o;
	}
	json_set(o, "release", jstr(r->facts ? r->facts->osrelease : NULL));
	json_set(o, "version", json_null());
	json_set(o, "machine", json_null());
	json_set(o, "taint", json_null());
	return o;
}

/* Which host: its name and machine id, each with where it was read. */
static json_t *host_json(const struct host_id *h)
{
	json_t *o;

	if (!h)
		return json_null();
	o = json_object();
	json_set(o, "name", jstr(h->name));
	json_set(o, "name_source", h->name[0] ? jstr(h->name_source) : json_null());
	json_set(o, "machine_id", jstr(h->machine_id));
	json_set(o, "machine_id_source", h->machine_id[0] ?
	    jstr(h->machine_id_source) : json_null());
	return o;
}

static json_t *regs_json(const struct snap_crash *k)
{
	json_t *o = json_object();
	char name[8];
	uint32_t i;

	for (i = 0; i < k->raw.nr_regs && i < TRIAGE_MAX_REGS; i++) {
		if (k->raw.regs_arch == TRIAGE_ARCH_X86_64 &&
		    i < sizeof(x86_regs) / sizeof(x86_regs[0]))
			snprintf(name, sizeof(name), "%s", x86_regs[i]);
		else if (k->raw.regs_arch == TRIAGE_ARCH_ARM64 && i < 31)
			snprintf(name, sizeof(name), "x%u", i);
		else if (k->raw.regs_arch == TRIAGE_ARCH_ARM64)
			snprintf(name, sizeof(name), "%s",
				 i == 31 ? "sp" : i == 32 ? "pc" : "pstate");
		else
			snprintf(name, sizeof(name), "r%u", i);
		json_set(o, name, jhex(k->raw.regs[i]));
	}
	return o;
}

static json_t *crash_json(const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	const struct snap_crash *k;
	json_t *o = json_object();

	if (!s || !s->has_crash) {
		const struct verdict_culprit *u = &r->v->culprit;
		bool irq = u->interrupted_pid >= 0 || u->interrupted_comm[0];

		json_set(o, "reason", json_null());
		json_set(o, "cpu", jint_or_null(u->cpu));
		/* the task that was current, blamed or not */
		json_set(o, "pid", jint_or_null(irq ? u->interrupted_pid : u->pid));
		json_set(o, "comm", jstr(irq ? u->interrupted_comm : u->comm));
		json_set(o, "fault_address", r->v->has_fault_addr ?
		    jhex(r->v->fault_addr) : json_null());
		return o;
	}
	k = &s->crash;
	json_set(o, "reason", json_string(reason_name(k->raw.reason)));
	json_set(o, "cpu", json_integer(k->raw.cpu));
	json_set(o, "pid", json_integer(k->raw.pid));
	json_set(o, "tgid", json_integer(k->raw.tgid));
	json_set(o, "comm", jstr(k->comm));
	json_set(o, "die", jstr(k->die_str));
	json_set(o, "trap", k->raw.trapnr >= 0 ? json_integer(k->raw.trapnr) :
	    json_null());
	json_set(o, "error_code", jhex(k->raw.die_err));
	json_set(o, "fault_address", k->raw.crash_flags & TRIAGE_CF_FAULT_ADDR ?
	    jhex(k->raw.fault_addr) : json_null());
	json_set(o, "esr", k->raw.crash_flags & TRIAGE_CF_ESR ? jhex(k->raw.esr) :
	    json_null());
	json_set(o, "preempt_count", jhex(k->raw.preempt_count));
	json_set(o, "irqs_off", json_boolean(k->raw.crash_flags & TRIAGE_CF_IRQS_OFF));
	json_set(o, "user_mode", json_boolean(k->raw.crash_flags & TRIAGE_CF_IN_USER));
	json_set(o, "regs_exact", json_boolean(k->raw.crash_flags & TRIAGE_CF_REGS_EXACT));
	json_set(o, "registers", k->raw.crash_flags & TRIAGE_CF_REGS ?
	    regs_json(k) : json_null());
	return o;
}

static json_t *backtraces_json(const struct snapshot *s)
{
	json_t *a = json_array(), *o, *f;
	size_t i, j;

	for (i = 0; s && i < s->nr_backtraces; i++) {
		const struct snap_backtrace *bt = &s->backtraces[i];

		o = json_object();
		f = json_array();
		json_set(o, "source", json_string(bt_source_name(bt->source)));
		json_set(o, "pid", json_integer(bt->pid));
		json_set(o, "cpu", json_integer(bt->cpu));
		json_set(o, "skipped", json_integer(bt->skipped));
		json_set(o, "truncated", json_boolean(bt->rec_flags &
						 TRIAGE_REC_F_TRUNCATED));
		for (j = 0; j < bt->nr_frames; j++)
			json_array_append_new(f, bt->frames[j].sym[0] ?
					      jstr(bt->frames[j].sym) :
					      jhex(bt->frames[j].addr));
		json_set(o, "frames", f);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *module_flags_json(uint32_t flags)
{
	static const struct { uint32_t bit; const char *name; } names[] = {
		{ TRIAGE_MOD_OOT, "out_of_tree" },
		{ TRIAGE_MOD_UNSIGNED, "unsigned" },
		{ TRIAGE_MOD_PROPRIETARY, "proprietary" },
		{ TRIAGE_MOD_LIVE, "live" },
		{ TRIAGE_MOD_SELF, "triage" },
	};
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			json_array_append_new(a, json_string(names[i].name));
	return a;
}

static json_t *modules_json(const struct snapshot *s)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; s && i < s->nr_modules; i++) {
		o = json_object();
		json_set(o, "name", jstr(s->modules[i].name));
		json_set(o, "text_base", jhex(s->modules[i].text_base));
		json_set(o, "text_size", json_integer(s->modules[i].text_size));
		json_set(o, "flags", module_flags_json(s->modules[i].flags));
		json_set(o, "taints", jhex(s->modules[i].taints));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *capture_json(const struct snapshot *s)
{
	static const struct { uint32_t bit; const char *name; } names[] = {
		{ TRIAGE_HDR_F_TRUNCATED, "truncated" },
		{ TRIAGE_HDR_F_FULL, "region_full" },
		{ TRIAGE_HDR_F_BUDGET, "time_budget" },
		{ TRIAGE_HDR_F_NESTED, "nested_crash" },
		{ TRIAGE_HDR_F_TORN, "torn" },
		{ TRIAGE_HDR_F_FAULT, "fault" },
	};
	json_t *o, *flags, *notes;
	size_t i;

	if (!s || !s->header_ok)
		return json_null();
	o = json_object();
	flags = json_array();
	notes = json_array();
	json_set(o, "hook", json_string(snapshot_hook_name(s->hdr.hook)));
	json_set(o, "cpu", json_integer(s->hdr.cpu));
	/* a capture that did not finish was never timed */
	json_set(o, "capture_ns", s->torn.present ? json_null() :
	    json_integer((json_int_t)s->hdr.capture_ns));
	json_set(o, "sequence", json_integer((json_int_t)s->hdr.sequence));
	json_set(o, "bytes_used", json_integer((json_int_t)s->hdr.header_size +
					  s->hdr.data_size));
	json_set(o, "region_size", json_integer((json_int_t)s->hdr.region_size));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (s->hdr.flags & names[i].bit)
			json_array_append_new(flags,
					      json_string(names[i].name));
	json_set(o, "flags", flags);
	json_set(o, "truncated_records", json_integer((json_int_t)s->nr_rec_truncated));
	for (i = 0; i < s->nr_notes; i++)
		json_array_append_new(notes, jstr(s->notes[i].text));
	json_set(o, "notes", notes);
	return o;
}

static const char *const crc_names[] = {
	[SNAP_CRC_OK] = "ok",
	[SNAP_CRC_MISMATCH] = "mismatch",
	[SNAP_CRC_SHORT] = "short",
};

/* Where a torn capture stopped, or null. */
static json_t *torn_json(const struct snapshot *s)
{
	const struct snap_torn *t;
	json_t *o;

	if (!s || !s->torn.present)
		return json_null();
	t = &s->torn;
	o = json_object();
	json_set(o, "state", json_string(t->state == TRIAGE_STATE_TORN ? "torn" :
				    "writing"));
	json_set(o, "section", json_string(snapshot_section_name(t->section)));
	json_set(o, "records", json_integer((json_int_t)s->nr_records));
	json_set(o, "fault", t->faulted ? jstr(t->fault) : json_null());
	json_set(o, "faulted", json_boolean(t->faulted));
	json_set(o, "data_crc", json_string(crc_names[t->data_crc]));
	json_set(o, "verified_records",
	    json_integer((json_int_t)t->verified_records));
	json_set(o, "header_crc", t->state == TRIAGE_STATE_TORN ?
	    json_string(t->header_crc_ok ? "ok" : "mismatch") : json_null());
	return o;
}

/* Every snapshot header a vmcore search found, and which one was read;
 * null for an image (no search). */
static json_t *candidates_json(const struct report *r)
{
	json_t *a, *o;
	size_t i;
	char ver[16];

	if (!r->candidates)
		return json_null();
	a = json_array();
	for (i = 0; i < r->nr_candidates; i++) {
		const struct candidate *c = &r->candidates[i];

		o = json_object();
		snprintf(ver, sizeof(ver), "%u.%u", c->hdr.version_major,
			 c->hdr.version_minor);
		json_set(o, "phys", jhex(c->phys));
		json_set(o, "located_by", jstr(c->by));
		json_set(o, "state", json_string(snapshot_state_name(c->hdr.state)));
		json_set(o, "version", json_string(ver));
		json_set(o, "sane", json_boolean(c->sane));
		json_set(o, "stale", json_boolean(c->stale));
		json_set(o, "region_phys", jhex(c->hdr.region_phys));
		json_set(o, "capture_start_ns",
		    json_integer((json_int_t)c->hdr.capture_start_ns));
		json_set(o, "sequence", json_integer((json_int_t)c->hdr.sequence));
		json_set(o, "load_ns", json_integer((json_int_t)c->hdr.load_ns));
		json_set(o, "taken", json_boolean((long)i == r->taken));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *snapshot_json(const struct report *r)
{
	const struct snapshot *s = r->snap;
	json_t *o = json_object(), *w, *n;
	size_t i;
	char ver[16];

	json_set(o, "valid", json_boolean(s && s->valid));
	json_set(o, "torn", json_boolean(s && s->torn.present));
	json_set(o, "stopped", torn_json(s));
	json_set(o, "located_by", jstr(s ? r->located_by : NULL));
	json_set(o, "input", jstr(r->input));
	json_set(o, "region_phys", r->has_region ? jhex(r->region_phys) :
	    json_null());
	json_set(o, "candidates", candidates_json(r));
	if (s && s->header_ok) {
		snprintf(ver, sizeof(ver), "%u.%u", s->hdr.version_major,
			 s->hdr.version_minor);
		json_set(o, "state", json_string(snapshot_state_name(s->hdr.state)));
		json_set(o, "version", json_string(ver));
		json_set(o, "records", json_integer((json_int_t)s->nr_records));
		json_set(o, "unknown_records", json_integer((json_int_t)s->nr_unknown));
	} else {
		json_set(o, "state", json_null());
		json_set(o, "version", json_null());
	}
	json_set(o, "error", s && !s->valid ? jstr(s->err.text) :
	    (!s ? json_string("no snapshot found") : json_null()));
	w = json_array();
	for (i = 0; s && i < s->nr_warnings; i++)
		json_array_append_new(w, jstr(s->warnings[i]));
	json_set(o, "warnings", w);
	n = json_array();
	for (i = 0; i < r->nr_notes; i++)
		json_array_append_new(n, jstr(r->notes[i]));
	json_set(o, "notes", n);
	return o;
}

/* The last @max lines of @log, in order. */
static json_t *log_tail_json(const char *log, size_t max)
{
	json_t *a = json_array();
	const char *start, *p, *nl;
	size_t lines = 0;
	char *line;

	if (!log)
		return a;
	p = log + strlen(log);
	if (p > log && p[-1] == '\n')
		p--;
	while (p > log && lines < max) {
		p--;
		if (*p == '\n')
			lines++;
	}
	start = (lines == max && *p == '\n') ? p + 1 : p;
	while (*start) {
		nl = strchrnul(start, '\n');
		line = strndup(start, (size_t)(nl - start));
		if (line)
			json_array_append_new(a, jstr(line[0] ? line : " "));
		free(line);
		start = *nl ? nl + 1 : nl;
	}
	return a;
}

static json_t *frames_json(const struct verdict *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->nr_frames; i++)
		json_array_append_new(a, jstr(v->frames[i].sym));
	return a;
}

static json_t *container_json(const struct verdict_lock *l)
{
	const char *name = snap_container_name(l->container);
	json_t *o;

	if (!name)
		return json_null();
	o = json_object();
	json_set(o, "kind", json_string(name));
	json_set(o, "address", jhex(l->container_addr));
	json_set(o, "detail", jstr(l->detail));
	if (l->container == TRIAGE_CONT_MM)
		json_set(o, "pid", jint_or_null(l->container_pid));
	if (l->container == TRIAGE_CONT_SB_WRITERS) {
		json_set(o, "frozen", json_integer(l->sb_frozen));
		json_set(o, "frozen_name", json_string(
			l->sb_frozen == 0 ? "SB_UNFROZEN" :
			l->sb_frozen == 1 ? "SB_FREEZE_WRITE" :
			l->sb_frozen == 2 ? "SB_FREEZE_PAGEFAULT" :
			l->sb_frozen == 3 ? "SB_FREEZE_FS" :
			l->sb_frozen == 4 ? "SB_FREEZE_COMPLETE" : "unknown"));
		json_set(o, "level", json_integer(l->level));
	}
	return o;
}

static json_t *waits_on_json(const struct verdict_link *k)
{
	const struct verdict_lock *l = &k->wait;
	json_t *o;

	if (!k->has_wait)
		return json_null();
	o = json_object();
	json_set(o, "type", json_string(snap_lock_type_name(l->type)));
	json_set(o, "address", l->addr ? jhex(l->addr) : json_null());
	json_set(o, "symbol", jstr(l->symbol));
	json_set(o, "mode", l->flags & TRIAGE_LOCK_F_WRITE ? json_string("write") :
	    l->flags & TRIAGE_LOCK_F_READ ? json_string("read") : json_null());
	json_set(o, "held_by", l->flags & TRIAGE_LOCK_F_OWNER_GONE ?
	    json_string("exited") : l->flags & TRIAGE_LOCK_F_READER_OWNED ?
	    json_string("readers") : l->flags & TRIAGE_LOCK_F_WRITER_OWNED ?
	    json_string("writer") : l->flags & TRIAGE_LOCK_F_NO_OWNER ?
	    json_string("nobody") : json_null());
	json_set(o, "raw", jhex(l->raw));
	json_set(o, "container", container_json(l));
	json_set(o, "wake_function", jstr(l->wait_fn));
	json_set(o, "from_blocker", json_boolean(l->flags & TRIAGE_LOCK_F_BLOCKER));
	/* How the wait was found: exact (an rt_mutex waiter, task->blocker)
	 * or by scanning the sleeper's stack. */
	json_set(o, "found_by", json_string(l->flags & TRIAGE_LOCK_F_RT_WAITER ?
	    "pi_blocked_on" : l->flags & TRIAGE_LOCK_F_BLOCKER ? "blocker" :
	    l->flags & TRIAGE_LOCK_F_HEURISTIC ? "stack_scan" : "other"));
	return o;
}

static json_t *link_json(const struct verdict_link *k, bool in_chain)
{
	json_t *o = json_object();

	json_set(o, "pid", json_integer(k->pid));
	json_set(o, "comm", jstr(k->comm));
	json_set(o, "state", jstr(k->state));
	json_set(o, "function", jstr(k->function));
	json_set(o, "module", jstr(k->module));
	json_set(o, "blocked_s", k->has_blocked ? json_real(k->blocked_ns / 1e9) :
	    json_null());
	if (k->blocked_at_least)
		json_set(o, "blocked_at_least", json_true());
	json_set(o, "waits_on", waits_on_json(k));
	json_set(o, "owner_pid", jint_or_null(k->owner_pid));
	if (!in_chain)
		return o;
	json_set(o, "cpu", jint_or_null(k->cpu));
	json_set(o, "owner_matched_by", jstr(k->matched_by));
	json_set(o, "heuristic", json_boolean(k->heuristic));
	json_set(o, "reader_owned", json_boolean(k->reader_owned));
	json_set(o, "truncated", json_boolean(k->truncated));
	json_set(o, "cycle", json_boolean(k->cycle));
	json_set(o, "end", jstr(k->end));
	return o;
}

static json_t *chain_json(const struct verdict *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->nr_chain; i++)
		json_array_append_new(a, link_json(&v->chain[i], true));
	return a;
}

static json_t *cycle_json(const struct verdict *v)
{
	json_t *a;
	size_t i;

	if (!v->nr_cycle)
		return json_null();
	a = json_array();
	for (i = 0; i < v->nr_cycle; i++)
		json_array_append_new(a, json_integer(v->cycle[i]));
	return a;
}

static json_t *blocked_json(const struct verdict *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->nr_blocked; i++)
		json_array_append_new(a, link_json(&v->blocked[i], false));
	return a;
}

static json_t *sysctl_json(const struct snapshot *s)
{
	const struct triage_rec_sysctl *y;
	json_t *o;

	if (!s || !s->has_sysctl)
		return json_null();
	y = &s->sysctl;
	o = json_object();
	json_set(o, "hung_task_timeout_secs", jint_or_null(y->hung_task_timeout_secs));
	json_set(o, "hung_task_panic", jint_or_null(y->hung_task_panic));
	json_set(o, "hung_task_check_count", jint_or_null(y->hung_task_check_count));
	json_set(o, "softlockup_panic", jint_or_null(y->softlockup_panic));
	json_set(o, "hardlockup_panic", jint_or_null(y->hardlockup_panic));
	json_set(o, "watchdog_thresh", jint_or_null(y->watchdog_thresh));
	json_set(o, "panic_on_oops", jint_or_null(y->panic_on_oops));
	json_set(o, "panic_on_warn", jint_or_null(y->panic_on_warn));
	json_set(o, "panic_on_oom", jint_or_null(y->panic_on_oom));
	json_set(o, "panic", y->panic_timeout == -1 ? json_null() :
	    json_integer(y->panic_timeout));
	return o;
}

static json_t *tasks_json(const struct snapshot *s)
{
	static const struct { uint32_t bit; const char *name; } names[] = {
		{ TRIAGE_WALK_F_CUT, "cut" },
		{ TRIAGE_WALK_F_BUDGET, "time_budget" },
		{ TRIAGE_WALK_F_CORRUPT, "corrupt_list" },
		{ TRIAGE_WALK_F_FULL, "not_all_recorded" },
		{ TRIAGE_WALK_F_CAPPED, "capped" },
	};
	const struct triage_rec_tasks *w;
	json_t *o, *flags;
	size_t i;

	if (!s || (!s->has_taskwalk && !s->nr_tasks))
		return json_null();
	o = json_object();
	json_set(o, "records", json_integer((json_int_t)s->nr_tasks));
	json_set(o, "records_dropped", json_integer((json_int_t)s->nr_tasks_dropped));
	if (!s->has_taskwalk)
		return o;
	w = &s->taskwalk;
	json_set(o, "threads", json_integer(w->nr_threads));
	json_set(o, "running", json_integer(w->nr_running));
	json_set(o, "uninterruptible", json_integer(w->nr_uninterruptible));
	json_set(o, "recorded", json_integer(w->nr_recorded));
	json_set(o, "left_out", json_integer(w->nr_left_out));
	json_set(o, "walk_ns", json_integer((json_int_t)w->walk_ns));
	flags = json_array();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (w->walk_flags & names[i].bit)
			json_array_append_new(flags, json_string(names[i].name));
	json_set(o, "flags", flags);
	return o;
}

/* ---- CPUs, lockups, memory ------------------------------------------- */

/* The crash backtrace stands for the capturing CPU's own. */
static const struct snap_backtrace *crash_bt(const struct snapshot *s)
{
	const struct snap_backtrace *bt = snapshot_backtrace(s, TRIAGE_BT_REGS);

	return bt ? bt : snapshot_backtrace(s, TRIAGE_BT_CURRENT);
}

/* A CPU's frames: its own, or the crash backtrace for the capturing one. */
static const struct snap_frame *cpu_frames(const struct snapshot *s,
					   const struct snap_cpu *c, size_t *n)
{
	const struct snap_backtrace *bt;

	*n = c->nr_frames;
	if (c->nr_frames || !(c->flags & TRIAGE_CPU_F_CAPTURING))
		return c->frames;
	bt = crash_bt(s);
	if (!bt)
		return c->frames;
	*n = bt->nr_frames;
	return bt->frames;
}

static void cpu_fn(const struct snapshot *s, const struct snap_cpu *c,
		   char *func, size_t fs, char *mod, size_t ms)
{
	struct snap_cpu tmp = *c;

	tmp.frames = (struct snap_frame *)cpu_frames(s, c, &tmp.nr_frames);
	cpu_function(&tmp, func, fs, mod, ms);
}

static const char *cpu_role(const struct verdict *v, const struct snap_cpu *c)
{
	if (v->lockup.present && v->lockup.cpu == c->cpu)
		return "stuck";
	if (v->lockup.has_victim && v->lockup.victim_cpu == c->cpu)
		return "victim";
	if (v->culprit.cpu == c->cpu)
		return "culprit";
	return NULL;
}

static json_t *cpu_irqs_json(const struct snap_cpu *c)
{
	if (c->flags & TRIAGE_CPU_F_IRQS_OFF)
		return json_true();
	if (c->flags & (TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQ_REGS))
		return json_false();
	return json_null();
}

static json_t *cpus_json(const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	json_t *a = json_array(), *o, *fl, *bt;
	char func[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1];
	const struct snap_frame *fr;
	size_t i, j, n;
	uint32_t bit;

	for (i = 0; s && i < s->nr_cpus; i++) {
		const struct snap_cpu *c = &s->cpus[i];

		o = json_object();
		fl = json_array();
		bt = json_array();
		json_set(o, "cpu", json_integer(c->cpu));
		json_set(o, "pid", jint_or_null(c->pid));
		json_set(o, "comm", jstr(c->comm));
		for (bit = 1; bit; bit <<= 1)
			if ((c->flags & bit) && cpu_flag_name(bit))
				json_array_append_new(fl,
					json_string(cpu_flag_name(bit)));
		json_set(o, "flags", fl);
		json_set(o, "preempt_count", (c->flags & (TRIAGE_CPU_F_RESPONDED |
						     TRIAGE_CPU_F_CAPTURING)) ?
		    jhex(c->preempt_count) : json_null());
		json_set(o, "irqs_off", cpu_irqs_json(c));
		json_set(o, "stuck", json_boolean(c->flags & TRIAGE_CPU_F_STUCK));
		cpu_fn(s, c, func, sizeof(func), mod, sizeof(mod));
		json_set(o, "function", jstr(func));
		json_set(o, "module", jstr(mod));
		json_set(o, "role", jstr(cpu_role(r->v, c)));
		json_set(o, "task", c->task ? jhex(c->task) : json_null());
		fr = cpu_frames(s, c, &n);
		json_set(o, "backtrace_source", json_string(
			c->nr_frames ? bt_source_name(c->source) :
			n ? "crash" : "none"));
		for (j = 0; j < n; j++)
			json_array_append_new(bt, fr[j].sym[0] ?
					      jstr(fr[j].sym) :
					      jhex(fr[j].addr));
		json_set(o, "backtrace", bt);
		json_array_append_new(a, o);
	}
	return a;
}

/* "hang_lock+0x0/0x4 [hangme]" -> "hang_lock [hangme]". */
static void lock_name(const char *sym, char *buf, size_t size)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];

	if (!strstr(sym, "+0x0/")) {
		snprintf(buf, size, "%s", sym);
		return;
	}
	sym_split(sym, f, sizeof(f), m, sizeof(m));
	if (m[0])
		snprintf(buf, size, "%s [%s]", f, m);
	else
		snprintf(buf, size, "%s", f);
}

/* The lock's holder, as reasoned (judge_holder.c), or null. */
static json_t *holder_json(const struct verdict_holder *h)
{
	json_t *o;

	if (!h->kind)
		return json_null();
	o = json_object();
	json_set(o, "kind", jstr(h->kind));
	json_set(o, "pid", h->pid > 0 ? json_integer(h->pid) : json_null());
	json_set(o, "comm", h->comm[0] ? jstr(h->comm) : json_null());
	json_set(o, "cpu", jint_or_null(h->cpu));
	json_set(o, "exited", json_boolean(h->gone));
	json_set(o, "recursive", json_boolean(h->recursive));
	json_set(o, "evidence", jstr(h->how));
	json_set(o, "why", jstr(h->why));
	json_set(o, "heuristic", json_boolean(h->heuristic));
	return o;
}

static json_t *lockup_json(const struct verdict *v)
{
	const struct verdict_lockup *L = &v->lockup;
	json_t *o, *l, *w;
	char name[TRIAGE_SYM_LEN + 1];

	if (!L->present)
		return json_null();
	o = json_object();
	json_set(o, "detector", jstr(L->detector));
	json_set(o, "cpu", jint_or_null(L->cpu));
	json_set(o, "detected_by", jint_or_null(L->detected_by));
	json_set(o, "stuck_ms", L->has_stuck ?
	    json_integer((json_int_t)(L->stuck_ns / 1000000)) : json_null());
	json_set(o, "stuck_at_least", json_boolean(L->stuck_at_least));
	json_set(o, "threshold_ms", L->threshold_ns ?
	    json_integer((json_int_t)(L->threshold_ns / 1000000)) :
	    json_null());
	json_set(o, "irqs_off", L->irqs_off < 0 ? json_null() :
	    json_boolean(L->irqs_off));
	json_set(o, "irqs_off_from", jstr(L->irqs_off_from));
	json_set(o, "preempt_depth", jint_or_null(L->preempt_depth));
	json_set(o, "holder", holder_json(&L->holder));
	if (L->has_lock) {
		l = json_object();
		lock_name(L->lock_symbol, name, sizeof(name));
		json_set(l, "address", jhex(L->lock_addr));
		json_set(l, "symbol", jstr(name));
		json_set(l, "symbol_raw", jstr(L->lock_symbol));
		json_set(l, "value", L->has_lock_val ? jhex(L->lock_val) :
		    json_null());
		json_set(l, "found_by", jstr(L->lock_from));
		json_set(l, "candidates", L->nr_candidates ?
		    json_integer(L->nr_candidates) : json_null());
		json_set(l, "heuristic", json_boolean(L->heuristic));
		json_set(o, "lock", l);
	} else {
		json_set(o, "lock", json_null());
	}
	if (L->has_victim) {
		w = json_object();
		json_set(w, "pid", jint_or_null(L->victim_pid));
		json_set(w, "comm", jstr(L->victim_comm));
		json_set(w, "cpu", jint_or_null(L->victim_cpu));
		json_set(w, "function", jstr(L->victim_function));
		json_set(w, "reported_as", jstr(L->victim_reported_as));
		json_set(o, "victim", w);
	} else {
		json_set(o, "victim", json_null());
	}
	return o;
}

static json_t *fig_json(const struct mem_figure *f, bool pct)
{
	json_t *o;

	if (!f->known)
		return json_null();
	o = json_object();
	json_set(o, "pages", json_integer((json_int_t)f->pages));
	json_set(o, "bytes", json_integer((json_int_t)f->bytes));
	if (pct)
		json_set(o, "percent", jint_or_null(f->pct));
	if (f->approx)
		json_set(o, "approximate", json_true());
	return o;
}

static json_t *memory_json(const struct snapshot *s)
{
	struct mem_picture p;
	json_t *o, *top, *t;
	size_t i;

	if (!s || !s->has_memory)
		return json_null();
	mem_picture(&p, &s->memory, s->has_system ? s->system.page_size : 0);
	o = json_object();
	json_set(o, "page_size", json_integer((json_int_t)p.page_size));
	json_set(o, "total", fig_json(&p.total, false));
	json_set(o, "free", fig_json(&p.free, true));
	json_set(o, "used", fig_json(&p.used, true));
	json_set(o, "available", fig_json(&p.available, true));
	json_set(o, "shared", fig_json(&p.shared, true));
	json_set(o, "buffers", fig_json(&p.buffers, true));
	json_set(o, "cached", fig_json(&p.cached, true));
	json_set(o, "slab", fig_json(&p.slab, true));
	json_set(o, "swap_total", fig_json(&p.swap_total, false));
	json_set(o, "swap_free", fig_json(&p.swap_free, true));
	json_set(o, "swap_used", fig_json(&p.swap_used, true));
	json_set(o, "commit_limit", fig_json(&p.commit_limit, false));
	json_set(o, "committed", fig_json(&p.committed, true));
	top = json_array();
	for (i = 0; i < s->memory.nr_top; i++) {
		const struct snap_mem_task *m = &s->memory.top[i];

		t = json_object();
		json_set(t, "pid", json_integer(m->pid));
		json_set(t, "comm", jstr(m->comm));
		json_set(t, "rss_pages", json_integer((json_int_t)m->rss_pages));
		json_set(t, "rss_bytes", json_integer((json_int_t)mem_bytes(
			m->rss_pages, p.page_size)));
		json_set(t, "anon_pages", json_integer((json_int_t)m->anon_pages));
		json_set(t, "swap_pages", json_integer((json_int_t)m->swap_entries));
		json_set(t, "oom_score_adj", json_integer(m->oom_score_adj));
		json_set(t, "percent_of_ram", jint_or_null(mem_pct(m->rss_pages,
							      s->memory.total)));
		json_array_append_new(top, t);
	}
	json_set(o, "top_consumers", top);
	return o;
}

static json_t *oom_json(const struct verdict *v)
{
	const struct verdict_oom *m = &v->oom;
	json_t *o;

	if (!m->present)
		return json_null();
	o = json_object();
	json_set(o, "constraint", jstr(m->constraint));
	json_set(o, "gfp_mask", m->has_gfp ? jhex(m->gfp) : json_null());
	json_set(o, "gfp_flags", jstr(m->gfp_names));
	json_set(o, "order", m->has_order ? json_integer(m->order) : json_null());
	json_set(o, "memcg", m->memcg < 0 ? json_null() : json_boolean(m->memcg));
	json_set(o, "from", jstr(m->from));
	return o;
}

/* The kernel's reports in the log, in the log's order (report.c). */
static json_t *reports_json(const struct verdict *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->nr_reports; i++) {
		const struct verdict_report *p = &v->reports[i];
		json_t *o = json_object();

		json_set(o, "class", jstr(p->cls));
		json_set(o, "kind", jstr(p->kind));
		json_set(o, "title", jstr(p->title));
		json_set(o, "function", jstr(p->function));
		json_set(o, "module", jstr(p->module));
		json_set(o, "pid", p->pid >= 0 ? json_integer(p->pid) : json_null());
		json_set(o, "comm", jstr(p->comm));
		json_set(o, "cpu", p->cpu >= 0 ? json_integer(p->cpu) : json_null());
		json_set(o, "taint", jstr(p->taint));
		json_set(o, "role", jstr(p->role));
		json_set(o, "cause", p->cause >= 0 ? json_integer(p->cause) :
		    json_null());
		json_set(o, "line", json_integer((json_int_t)p->line + 1));
		json_array_append_new(a, o);
	}
	return a;
}

char *report_json(const struct report *r, struct errmsg *err)
{
	const struct verdict *v = r->v;
	json_t *o = json_object(), *d;

	json_set(o, "schema", json_string("triage/1"));
	json_set(o, "class", json_string(verdict_class_name(v->cls)));
	json_set(o, "kind", jstr(v->kind));
	json_set(o, "title", jstr(v->title));
	json_set(o, "summary", jstr(v->summary));
	json_set(o, "signature", jstr(v->signature));
	json_set(o, "culprit", culprit_json(v));
	json_set(o, "chain", chain_json(v));
	json_set(o, "evidence", strings_json(v->evidence, v->nr_evidence));
	json_set(o, "degraded", json_boolean(v->degraded));
	json_set(o, "snapshot", snapshot_json(r));
	json_set(o, "message", jstr(v->message));
	json_set(o, "location", jstr(v->location));
	json_set(o, "cycle", cycle_json(v));
	json_set(o, "chain_elided", json_integer((json_int_t)v->chain_elided));
	json_set(o, "blocked_tasks", blocked_json(v));
	json_set(o, "blocked_tasks_total", json_integer((json_int_t)v->nr_blocked_total));
	json_set(o, "sysctl", sysctl_json(usable_snap(r)));
	json_set(o, "tasks", tasks_json(usable_snap(r)));
	json_set(o, "preempt_count", v->preempt_count >= 0 ?
	    jhex((uint64_t)v->preempt_count) : json_null());
	json_set(o, "preempt_count_trusted", v->cls == VC_ATOMIC_SLEEP ?
	    json_boolean(v->preempt_trusted) : json_null());
	json_set(o, "leaked_at", jstr(v->leaked_at));
	json_set(o, "lockup", lockup_json(v));
	json_set(o, "oom", oom_json(v));
	json_set(o, "memory", memory_json(usable_snap(r)));
	json_set(o, "cpus", cpus_json(r));
	json_set(o, "kernel", kernel_json(r));
	json_set(o, "host", host_json(r->host));
	json_set(o, "collected_at", r->collected_at > 0 ?
	    json_integer(r->collected_at) : json_null());
	json_set(o, "crash", crash_json(r));
	json_set(o, "backtrace", frames_json(v));
	json_set(o, "backtrace_source", jstr(v->bt_source));
	json_set(o, "backtraces", backtraces_json(usable_snap(r)));
	json_set(o, "modules", modules_json(usable_snap(r)));
	json_set(o, "capture", capture_json(r->snap));
	if (r->facts && r->facts->present) {
		d = json_object();
		json_set(d, "osrelease", jstr(r->facts->osrelease));
		json_set(d, "crashtime", r->facts->has_crashtime ?
		    json_integer(r->facts->crashtime) : json_null());
		json_set(d, "page_size", r->facts->page_size ?
		    json_integer((json_int_t)r->facts->page_size) : json_null());
		json_set(o, "vmcoreinfo", d);
	}
	json_set(o, "reports", reports_json(v));
	json_set(o, "reports_dropped", json_integer((json_int_t)v->reports_dropped));
	json_set(o, "log_source", jstr(v->log_source));
	json_set(o, "log_tail", log_tail_json(v->log, REPORT_LOG_TAIL));
	return json_text(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			  JSON_REAL_PRECISION(12), "triage.json", err);
}

/* ---- text -------------------------------------------------------------- */

static void text_task(FILE *f, const struct verdict *v)
{
	fprintf(f, "Task:      ");
	if (!v->culprit.comm[0] && v->culprit.pid < 0 &&
	    (v->culprit.interrupted_pid >= 0 || v->culprit.interrupted_comm[0]))
		fprintf(f, "none, an interrupt ");
	if (v->culprit.comm[0])
		fprintf(f, "%s ", v->culprit.comm);
	if (v->culprit.pid >= 0)
		fprintf(f, "(pid %d) ", v->culprit.pid);
	if (v->culprit.cpu >= 0)
		fprintf(f, "on CPU %d", v->culprit.cpu);
	fprintf(f, "\n");
	if (v->culprit.interrupted_pid >= 0 || v->culprit.interrupted_comm[0]) {
		char in[128];

		fprintf(f, "Context:   %s\n", context_phrase(v, in, sizeof(in)));
	}
	if (v->culprit.function[0])
		fprintf(f, "Function:  %s%s%s%s\n", v->culprit.function,
			v->culprit.module[0] ? " [" : "", v->culprit.module,
			v->culprit.module[0] ? "]" : "");
	if (v->culprit.checker[0])
		fprintf(f, "Checker:   %s (%s), which found the bug\n",
			v->culprit.checker,
			v->checker_kind ? v->checker_kind : "a generic helper");
	if (v->message[0])
		fprintf(f, "Message:   %s\n", v->message);
	if (v->location[0])
		fprintf(f, "Location:  %s\n", v->location);
	if (v->has_fault_addr)
		fprintf(f, "Address:   0x%" PRIx64 "\n", v->fault_addr);
}

static void text_kernel(FILE *f, const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	char taint[32];

	if (s && s->has_system) {
		taint_string(s->system.taint, taint, sizeof(taint));
		fprintf(f, "Kernel:    %s %s (%s), %s, up %.1f s\n",
			s->system.release, s->system.machine,
			s->system.nodename,
			taint[0] ? taint : "not tainted",
			s->system.uptime_ns / 1e9);
	} else if (r->facts && r->facts->osrelease[0]) {
		fprintf(f, "Kernel:    %s (from VMCOREINFO)\n",
			r->facts->osrelease);
	}
	if (s && s->has_crash && (s->crash.raw.crash_flags & TRIAGE_CF_REGS)) {
		const struct snap_crash *k = &s->crash;

		fprintf(f, "Crash:     reason %s, die \"%s\", trap %d, error 0x%" PRIx64 "%s\n",
			reason_name(k->raw.reason), k->die_str, k->raw.trapnr,
			(uint64_t)k->raw.die_err,
			k->raw.crash_flags & TRIAGE_CF_IRQS_OFF ?
			", IRQs off" : "");
	}
}

static void text_host(FILE *f, const struct host_id *h)
{
	if (!h || (!h->name[0] && !h->machine_id[0]))
		return;
	fprintf(f, "Host:      %s (%s), machine id %s\n",
		h->name[0] ? h->name : "unknown",
		h->name[0] ? h->name_source : "no name found",
		h->machine_id[0] ? h->machine_id : "unknown");
}

static void text_link(FILE *f, const struct verdict_link *k, const char *pre)
{
	fprintf(f, "%s%s (pid %d, %s", pre, k->comm[0] ? k->comm : "?",
		k->pid, k->state ? k->state : "?");
	if (k->has_blocked)
		fprintf(f, ", %s%.1f s", k->blocked_at_least ? ">" : "",
			k->blocked_ns / 1e9);
	fprintf(f, ")");
	if (k->function[0])
		fprintf(f, " in %s%s%s%s", k->function,
			k->module[0] ? " [" : "", k->module,
			k->module[0] ? "]" : "");
	fprintf(f, "\n");
	if (k->has_wait) {
		fprintf(f, "%s    waits on %s%s", pre,
			snap_lock_type_name(k->wait.type),
			k->wait.flags & TRIAGE_LOCK_F_WRITE ? " (write)" :
			k->wait.flags & TRIAGE_LOCK_F_READ ? " (read)" : "");
		/* from the log alone (the kernel's blocker lines): no address */
		if (k->wait.addr)
			fprintf(f, " 0x%" PRIx64, k->wait.addr);
		if (k->wait.symbol[0])
			fprintf(f, " %s", k->wait.symbol);
		if (k->wait.detail[0])
			fprintf(f, " (%s)", k->wait.detail);
		if (k->wait.wait_fn[0])
			fprintf(f, " woken by %s", k->wait.wait_fn);
		if (k->owner_pid >= 0)
			fprintf(f, ", owner pid %d%s", k->owner_pid,
				k->reader_owned ? " (last reader's hint)" : "");
		if (k->heuristic)
			fprintf(f, " [stack scan]");
		if (k->cycle)
			fprintf(f, "  <- closes the cycle");
		fprintf(f, "\n");
	}
	if (k->end && !k->cycle)
		fprintf(f, "%s    (the chain ends here: %s)\n", pre, k->end);
}

static void text_chain(FILE *f, const struct verdict *v)
{
	size_t i;

	if (v->nr_chain) {
		fprintf(f, "\nWait-for chain:\n");
		for (i = 0; i < v->nr_chain; i++) {
			if (v->chain_elided && i == v->chain_elided_at)
				fprintf(f, "  ... %zu more links ...\n",
					v->chain_elided);
			text_link(f, &v->chain[i], "  ");
		}
	}
	if (v->nr_blocked) {
		fprintf(f, "\nBlocked tasks (%zu):\n", v->nr_blocked_total);
		for (i = 0; i < v->nr_blocked; i++)
			text_link(f, &v->blocked[i], "  ");
		if (v->nr_blocked_total > v->nr_blocked)
			fprintf(f, "  ... and %zu more\n",
				v->nr_blocked_total - v->nr_blocked);
	}
}

static void text_sysctl(FILE *f, const struct snapshot *s)
{
	const struct triage_rec_sysctl *y;

	if (!s || !s->has_sysctl)
		return;
	y = &s->sysctl;
	fprintf(f, "Sysctls:   hung_task_panic=%d hung_task_timeout_secs=%lld softlockup_panic=%d hardlockup_panic=%d panic_on_oops=%d panic_on_warn=%d panic_on_oom=%d panic=%d (-1: unknown)\n",
		y->hung_task_panic, (long long)y->hung_task_timeout_secs,
		y->softlockup_panic, y->hardlockup_panic, y->panic_on_oops,
		y->panic_on_warn, y->panic_on_oom, y->panic_timeout);
}

static void text_backtrace(FILE *f, const struct verdict *v)
{
	size_t i;

	if (!v->nr_frames)
		return;
	fprintf(f, "\nBacktrace (%s):\n", v->bt_source ? v->bt_source : "?");
	for (i = 0; i < v->nr_frames; i++)
		fprintf(f, "  %s\n", v->frames[i].sym);
}

static void text_modules(FILE *f, const struct snapshot *s)
{
	size_t i;

	if (!s || !s->nr_modules)
		return;
	fprintf(f, "\nSuspect modules (%u loaded in all):\n", s->nr_loaded);
	for (i = 0; i < s->nr_modules; i++) {
		const struct snap_module *m = &s->modules[i];

		fprintf(f, "  %-24s 0x%016" PRIx64 " +0x%x%s%s%s%s\n", m->name,
			m->text_base, m->text_size,
			m->flags & TRIAGE_MOD_OOT ? " out-of-tree" : "",
			m->flags & TRIAGE_MOD_UNSIGNED ? " unsigned" : "",
			m->flags & TRIAGE_MOD_PROPRIETARY ? " proprietary" : "",
			m->flags & TRIAGE_MOD_SELF ? " (triage)" : "");
	}
}

static void text_snapshot(FILE *f, const struct report *r)
{
	const struct snapshot *s = r->snap;
	size_t i;

	fprintf(f, "\nSnapshot:  ");
	if (!s && r->v->log_source &&
	    strcmp(r->v->log_source, "log file") == 0) {
		fprintf(f, "none: a kernel log judged alone (%s)\n",
			r->input ? r->input : "?");
	} else if (!s) {
		fprintf(f, "none found in %s\n", r->input ? r->input : "?");
	} else {
		fprintf(f, "%s", s->valid ? "valid" :
			s->recovered ? "TORN, its records recovered" :
			"INVALID");
		if (!s->valid)
			fprintf(f, " (%s)", s->err.text);
		if (r->located_by)
			fprintf(f, ", located by %s", r->located_by);
		if (r->has_region)
			fprintf(f, " at 0x%" PRIx64, r->region_phys);
		fprintf(f, "\n");
	}
	if (s && s->header_ok) {
		char took[32] = "did not finish";

		if (!s->torn.present)
			snprintf(took, sizeof(took), "%.3f ms",
				 s->hdr.capture_ns / 1e6);
		fprintf(f, "Capture:   hook %s on CPU %d, %s, %u of %llu bytes, version %u.%u, state %s%s%s%s%s%s\n",
			snapshot_hook_name(s->hdr.hook), s->hdr.cpu, took,
			s->hdr.header_size + s->hdr.data_size,
			(unsigned long long)s->hdr.region_size,
			s->hdr.version_major, s->hdr.version_minor,
			snapshot_state_name(s->hdr.state),
			s->hdr.flags & TRIAGE_HDR_F_TRUNCATED ? ", truncated" : "",
			s->hdr.flags & TRIAGE_HDR_F_FULL ? ", region full" : "",
			s->hdr.flags & TRIAGE_HDR_F_BUDGET ? ", time budget hit" : "",
			s->hdr.flags & TRIAGE_HDR_F_NESTED ? ", nested crash" : "",
			s->hdr.flags & TRIAGE_HDR_F_FAULT ? ", faulted" : "");
		if (s->torn.present)
			fprintf(f, "  torn: stopped in section %s after %zu records; data CRC %s (%zu records vouched for)%s%s\n",
				snapshot_section_name(s->torn.section),
				s->nr_records, crc_names[s->torn.data_crc],
				s->torn.verified_records,
				s->torn.fault ? "; fault: " : "",
				s->torn.fault ? s->torn.fault : "");
		for (i = 0; i < s->nr_notes; i++)
			fprintf(f, "  note: %s\n", s->notes[i].text);
		for (i = 0; i < s->nr_warnings; i++)
			fprintf(f, "  warning: %s\n", s->warnings[i]);
	}
	for (i = 0; i < r->nr_notes; i++)
		fprintf(f, "  %s\n", r->notes[i]);
}

static void text_cpus(FILE *f, const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	char func[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1];
	const struct snap_frame *fr;
	const char *role;
	size_t i, j, n;
	uint32_t bit;

	if (!s || !s->nr_cpus)
		return;
	fprintf(f, "\nCPUs (%zu):\n", s->nr_cpus);
	for (i = 0; i < s->nr_cpus; i++) {
		const struct snap_cpu *c = &s->cpus[i];
		bool first = true;

		fprintf(f, "  CPU %d: ", c->cpu);
		if (c->pid >= 0)
			fprintf(f, "%s (pid %d)", c->comm[0] ? c->comm : "?",
				c->pid);
		else
			fprintf(f, "task unknown");
		fprintf(f, " [");
		for (bit = 1; bit; bit <<= 1)
			if ((c->flags & bit) && cpu_flag_name(bit)) {
				fprintf(f, "%s%s", first ? "" : " ",
					cpu_flag_name(bit));
				first = false;
			}
		fprintf(f, "]");
		if (c->flags & (TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_CAPTURING))
			fprintf(f, " preempt 0x%x", c->preempt_count);
		cpu_fn(s, c, func, sizeof(func), mod, sizeof(mod));
		if (func[0])
			fprintf(f, " in %s%s%s%s", func, mod[0] ? " [" : "", mod,
				mod[0] ? "]" : "");
		role = cpu_role(r->v, c);
		if (role)
			fprintf(f, "  <- %s", role);
		fprintf(f, "\n");
		fr = cpu_frames(s, c, &n);
		if (c->nr_frames)
			for (j = 0; j < n && j < 12; j++)
				fprintf(f, "      %s\n", fr[j].sym[0] ?
					fr[j].sym : "?");
		else if (n)
			fprintf(f, "      (the crash backtrace)\n");
		else if (c->flags & TRIAGE_CPU_F_NO_RESPONSE)
			fprintf(f, "      (did not answer the NMI)\n");
	}
}

static void text_fig(FILE *f, const char *name, const struct mem_figure *m,
		     const char *of)
{
	char h[32];

	if (!m->known) {
		fprintf(f, "  %-13s %12s\n", name, "unknown");
		return;
	}
	mem_human(m->bytes, h, sizeof(h));
	fprintf(f, "  %-13s %12" PRIu64 " %12s", name, m->pages, h);
	if (of && m->pct >= 0)
		fprintf(f, "  %3ld%% of %s", m->pct, of);
	if (m->approx)
		fprintf(f, "  (approximate)");
	fprintf(f, "\n");
}

static void text_memory(FILE *f, const struct report *r)
{
	const struct snapshot *s = usable_snap(r);
	struct mem_picture p;
	char h[32];
	size_t i;

	if (!s || !s->has_memory)
		return;
	mem_picture(&p, &s->memory, s->has_system ? s->system.page_size : 0);
	fprintf(f, "\nMemory (as kmem -i; pages of %" PRIu64 " bytes):\n",
		p.page_size);
	text_fig(f, "TOTAL MEM", &p.total, NULL);
	text_fig(f, "FREE", &p.free, "TOTAL MEM");
	text_fig(f, "USED", &p.used, "TOTAL MEM");
	text_fig(f, "AVAILABLE", &p.available, "TOTAL MEM");
	text_fig(f, "SHARED", &p.shared, "TOTAL MEM");
	text_fig(f, "BUFFERS", &p.buffers, "TOTAL MEM");
	text_fig(f, "CACHED", &p.cached, "TOTAL MEM");
	text_fig(f, "SLAB", &p.slab, "TOTAL MEM");
	text_fig(f, "TOTAL SWAP", &p.swap_total, NULL);
	text_fig(f, "SWAP USED", &p.swap_used, "TOTAL SWAP");
	text_fig(f, "COMMIT LIMIT", &p.commit_limit, NULL);
	text_fig(f, "COMMITTED", &p.committed, "COMMIT LIMIT");
	if (!s->memory.nr_top)
		return;
	fprintf(f, "\nLargest memory users (RSS):\n");
	for (i = 0; i < s->memory.nr_top; i++) {
		const struct snap_mem_task *m = &s->memory.top[i];
		long pct = mem_pct(m->rss_pages, s->memory.total);

		mem_human(mem_bytes(m->rss_pages, p.page_size), h, sizeof(h));
		fprintf(f, "  %-16s pid %-7d %10s RSS", m->comm, m->pid, h);
		if (pct >= 0)
			fprintf(f, " %3ld%% of RAM", pct);
		fprintf(f, "  (anon %" PRIu64 ", swap %" PRIu64 " pages, oom_score_adj %d)\n",
			m->anon_pages, m->swap_entries, m->oom_score_adj);
	}
}

static void text_log_tail(FILE *f, const struct verdict *v)
{
	json_t *tail = log_tail_json(v->log, REPORT_LOG_TAIL);
	size_t i;

	if (json_array_size(tail)) {
		fprintf(f, "\nLog tail (%s):\n", v->log_source);
		for (i = 0; i < json_array_size(tail); i++)
			fprintf(f, "  %s\n",
				json_string_value(json_array_get(tail, i)));
	}
	json_decref(tail);
}

char *report_text(const struct report *r, struct errmsg *err)
{
	const struct verdict *v = r->v;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f) {
		errmsg_set(err, ST_ERR_NOMEM, "cannot format triage.txt");
		return NULL;
	}
	fprintf(f, "%s%s\n", v->degraded ? "[degraded] " : "", v->summary);
	fprintf(f, "\nclass: %s%s%s    title: %s\nsignature: %s\n",
		verdict_class_name(v->cls), v->kind ? "/" : "",
		v->kind ? v->kind : "", v->title, v->signature);
	fprintf(f, "\nEvidence:\n");
	for (i = 0; i < v->nr_evidence; i++)
		fprintf(f, "  - %s\n", v->evidence[i]);
	fprintf(f, "\n");
	text_task(f, v);
	text_kernel(f, r);
	text_host(f, r->host);
	text_sysctl(f, usable_snap(r));
	text_chain(f, v);
	text_backtrace(f, v);
	text_cpus(f, r);
	text_memory(f, r);
	text_modules(f, usable_snap(r));
	text_snapshot(f, r);
	text_log_tail(f, v);
	if (fclose(f) != 0 || !text) {
		free(text);
		errmsg_set(err, ST_ERR_NOMEM, "cannot format triage.txt");
		return NULL;
	}
	return text;
}
