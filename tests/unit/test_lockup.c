// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_lockup.c - verdicts of issue 4 on synthetic snapshots: OOM with
 * panic_on_oom (and its kmem -i arithmetic), the IRQ-off watchdog capture,
 * soft lockups, a victim blamed by the kernel for a dead CPU, and
 * scheduling while atomic; and what triage.json says of them.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "memory.h"
#include "render.h"
#include "unit.h"

struct judged {
	struct snapbuild b;
	struct snapshot s;
	struct verdict v;
	json_t *json;
	char *text;
};

static struct judged *judge_snap(void (*build)(struct snapbuild *))
{
	struct judged *j = calloc(1, sizeof(*j));
	struct judge_input in = { .snap = &j->s };
	struct report r = { .v = &j->v, .snap = &j->s, .input = "test" };
	struct errmsg err;
	json_error_t jerr;
	char *txt;

	build(&j->b);
	CHECK(snapshot_decode(&j->s, j->b.buf, sb_len(&j->b)) == ST_OK);
	CHECK(verdict_judge(&j->v, &in, &err) == ST_OK);
	txt = report_json(&r, &err);
	CHECK(txt != NULL);
	j->json = txt ? json_loads(txt, 0, &jerr) : NULL;
	CHECK(j->json != NULL);
	free(txt);
	j->text = report_text(&r, &err);
	CHECK(j->text != NULL);
	return j;
}

static void judged_free(struct judged *j)
{
	json_decref(j->json);
	free(j->text);
	snapshot_free(&j->s);
	sb_free(&j->b);
	free(j);
}

#define EVIDENCE(v, needle) do {					\
	if (!fx_evidence_has((v), (needle))) {				\
		fprintf(stderr, "  FAIL %s:%d: no evidence \"%s\"\n",	\
			__FILE__, __LINE__, (needle));			\
		unit_current_failed = 1;				\
	}								\
} while (0)

static json_t *jpath(json_t *o, const char *a, const char *b)
{
	o = json_object_get(o, a);
	return b ? json_object_get(o, b) : o;
}

/* ---- memory arithmetic ------------------------------------------------- */

static void test_mem_arithmetic(void)
{
	struct snap_memory m;
	struct mem_picture p;
	char buf[64];

	memset(&m, 0xff, sizeof(m));
	m.nr_top = 0;
	/* seed 001's kmem -i */
	m.total = 464508;
	m.free = 12961;
	m.shared = 1615;
	m.buffers = 0;
	m.cached = 2265;
	m.slab_reclaimable = 4000;
	m.slab_unreclaimable = 4339;
	m.commit_limit = 232254;
	m.committed = 607729;
	mem_picture(&p, &m, 4096);
	CHECK(p.free.pct == 2 && p.used.pct == 97 && p.used.pages == 451547);
	CHECK(p.shared.pct == 0 && p.cached.pct == 0 && p.slab.pct == 1);
	CHECK(p.slab.pages == 8339);
	CHECK(p.committed.pct == 261);		/* over 100%: overcommitted */
	CHECK(p.total.bytes == 464508ull * 4096);
	mem_human(p.total.bytes, buf, sizeof(buf));
	CHECK_STR(buf, "1.8 GiB");
	mem_human(p.free.bytes, buf, sizeof(buf));
	CHECK_STR(buf, "50.6 MiB");
	mem_human(p.commit_limit.bytes, buf, sizeof(buf));
	CHECK_STR(buf, "907 MiB");
	mem_human(1000, buf, sizeof(buf));
	CHECK_STR(buf, "1000 B");
	/* unknown fields stay unknown, and so does what depends on them */
	CHECK(!p.available.known && p.available.pct == -1);
	CHECK(!p.swap_total.known && !p.swap_used.known);
	m.total = SNAP_MEM_UNKNOWN;
	mem_picture(&p, &m, 0);
	CHECK(p.page_size == 4096 && !p.total.known && !p.used.known);
	CHECK(p.free.known && p.free.pct == -1);
	CHECK(mem_pct(5, 0) == -1 && mem_pct(SNAP_MEM_UNKNOWN, 5) == -1);
	CHECK(mem_pct(3, 2) == 150);
	CHECK(mem_pct(UINT64_MAX - 1, 1) > 0);	/* no overflow trap */
	CHECK(mem_bytes(UINT64_MAX / 2, 4096) == UINT64_MAX);
	/* free > total (a racy read): used is 0, not a wrap */
	m.total = 100;
	m.free = 150;
	mem_picture(&p, &m, 4096);
	CHECK(p.used.known && p.used.pages == 0 && p.free.pct == 150);
	/* swap */
	m.swap_total = 1000;
	m.swap_free = 250;
	mem_picture(&p, &m, 4096);
	CHECK(p.swap_used.pages == 750 && p.swap_used.pct == 75);
}

static void test_gfp_names(void)
{
	char buf[160];

	gfp_names(0x140cca, buf, sizeof(buf));
	CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	gfp_names(0xcc0, buf, sizeof(buf));
	CHECK_STR(buf, "GFP_KERNEL");
	gfp_names(0x100dca, buf, sizeof(buf));
	CHECK_STR(buf, "GFP_HIGHUSER_MOVABLE|__GFP_ZERO");
	gfp_names(0x80000000u | 0x2000, buf, sizeof(buf));
	CHECK_STR(buf, "__GFP_NOWARN|0x80000000");
	gfp_names(0, buf, sizeof(buf));
	CHECK_STR(buf, "0");
	gfp_names(0xffffffffu, buf, 8);		/* cut, still terminated */
	CHECK(strlen(buf) == 7);
}

/* ---- OOM --------------------------------------------------------------- */

static void test_lockup_oom(void)
{
	struct judged *j = judge_snap(fx_oom);
	json_t *mem, *top;

	CHECK(j->v.cls == VC_OOM && !j->v.degraded);
	CHECK_STR(j->v.kind, "panic_on_oom");
	CHECK_STR(j->v.culprit.comm, "stress");
	CHECK(j->v.culprit.pid == 2359 && j->v.culprit.cpu == 0);
	CHECK_STR(j->v.culprit.function, "do_anonymous_page");
	CHECK_STR(j->v.signature, "oom:panic_on_oom");
	CHECK_CONTAINS(j->v.summary, "stress (pid 2359)");
	CHECK_CONTAINS(j->v.summary, "order 0");
	CHECK_CONTAINS(j->v.summary, "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	CHECK_CONTAINS(j->v.summary, "free 50.6 MiB of 1.8 GiB (2%)");
	CHECK_CONTAINS(j->v.summary, "committed 261% of the commit limit");
	CHECK_CONTAINS(j->v.summary, "top user stress (pid 2359) 1.2 GiB RSS, 65% of RAM");
	CHECK_CONTAINS(j->v.summary, "panic_on_oom turned the OOM kill into a panic");
	EVIDENCE(&j->v, "used 1.7 GiB (451547 pages, 97%)");
	EVIDENCE(&j->v, "slab 32.6 MiB (8339 pages, 1%)");
	EVIDENCE(&j->v, "is 261% of the commit limit 907 MiB (overcommitted");
	EVIDENCE(&j->v, "swap: none configured");
	EVIDENCE(&j->v, "vm.panic_on_oom=1 turned the OOM kill into a panic");
	EVIDENCE(&j->v, "OOM constraint: none");
	EVIDENCE(&j->v, "the failed allocation: order 0, gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)");
	EVIDENCE(&j->v, "the allocating task is also the largest memory user");
	mem = json_object_get(j->json, "memory");
	CHECK(json_integer_value(jpath(mem, "total", "pages")) == 464508);
	CHECK(json_integer_value(jpath(mem, "total", "bytes")) == 464508ll * 4096);
	CHECK(json_integer_value(jpath(mem, "committed", "percent")) == 261);
	top = json_array_get(json_object_get(mem, "top_consumers"), 0);
	CHECK_STR(json_string_value(json_object_get(top, "comm")), "stress");
	CHECK(json_integer_value(json_object_get(top, "rss_pages")) == 302000);
	CHECK(json_integer_value(json_object_get(top, "percent_of_ram")) == 65);
	CHECK_STR(json_string_value(jpath(j->json, "oom", "constraint")), "none");
	CHECK_STR(json_string_value(jpath(j->json, "oom", "gfp_mask")), "0x140cca");
	CHECK(json_array_size(json_object_get(j->json, "cpus")) == 2);
	CHECK_CONTAINS(j->text, "Memory (as kmem -i");
	CHECK_CONTAINS(j->text, "COMMITTED");
	CHECK_CONTAINS(j->text, "261% of COMMIT LIMIT");
	CHECK_CONTAINS(j->text, "CPU 1: swapper/1 (pid 0) [responded idle]");
	judged_free(j);
}

/* the memory record cut before the commit figures: no percentages made up */
static void fx_oom_short(struct snapbuild *b)
{
	struct triage_rec_memory m;

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-56-amd64", "x86_64", 0);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 50, "hog",
		 "Out of memory: compulsory panic_on_oom is enabled", NULL, -1);
	memset(&m, 0, sizeof(m));
	m.total = 1000;
	m.free = 10;
	sb_memory(b, &m, 16);
	sb_oom(b, 50, "hog", 0xcc0, 3, 0);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_lockup_oom_short(void)
{
	struct judged *j = judge_snap(fx_oom_short);

	CHECK(j->v.cls == VC_OOM);
	CHECK_STR(j->v.oom.constraint, "constrained");
	CHECK(j->v.oom.has_order && j->v.oom.order == 3);
	CHECK_CONTAINS(j->v.summary, "order 3 (32 KiB) with gfp 0xcc0 (GFP_KERNEL)");
	CHECK(!fx_evidence_has(&j->v, "commit limit"));
	EVIDENCE(&j->v, "free 40 KiB (10 pages, 1%)");
	EVIDENCE(&j->v, "cached unknown");
	CHECK(json_is_null(jpath(j->json, "memory", "committed")));
	judged_free(j);
}

/* Debian arm64 6.1's own report (seed 004 case 4 under QEMU): x0 holds the
 * lock's value by then, not its address. */
static const char fx_log_soft_lockup_arm64[] =
	"[   11.153435] watchdog: BUG: soft lockup - CPU#1 stuck for 5s! [hangme_spin:133]\n"
	"[   11.158637] CPU: 1 PID: 133 Comm: hangme_spin Kdump: loaded Tainted: G           OE      6.1.0-56-arm64 #1  Debian 6.1.192-2\n"
	"[   11.159427] pc : queued_spin_lock_slowpath+0x5c/0x430\n"
	"[   11.159657] lr : hangme_spin_twice+0xb0/0x110 [hangme]\n"
	"[   11.164026] x2 : 0000000000000000 x1 : 0000000000000000 x0 : 0000000000000101\n"
	"[   11.166614] Call trace:\n"
	"[   11.166867]  queued_spin_lock_slowpath+0x5c/0x430\n"
	"[   11.167183]  hangme_spin_twice+0xb0/0x110 [hangme]\n"
	"[   11.167331]  hangme_spin+0x30/0x4c [hangme]\n"
	"[   11.167441]  kthread+0xe0/0xe4\n"
	"[   11.167524]  ret_from_fork+0x10/0x20\n"
	"[   11.167865] Kernel panic - not syncing: softlockup: hung tasks\n"
	"[   11.170453] Call trace:\n"
	"[   11.170904]  panic+0x184/0x364\n"
	"[   11.170981]  watchdog_timer_fn+0x298/0x2a0\n"
	"[   11.171551]  handle_irq_desc+0x48/0x60\n";

static void test_lockup_soft_arm64(void)
{
	static struct verdict v;
	struct judge_input in = { .dump_log = fx_log_soft_lockup_arm64 };
	struct errmsg err;

	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(v.culprit.comm, "hangme_spin");
	CHECK(v.culprit.pid == 133 && v.culprit.cpu == 1);
	CHECK_STR(v.culprit.function, "hangme_spin_twice");
	CHECK_STR(v.culprit.module, "hangme");
	CHECK(!v.lockup.has_lock);	/* 0x101 is no address */
	EVIDENCE(&v, "the call trace the kernel printed with the soft lockup");
}

/* ---- the module's watchdog ---------------------------------------------- */

static void fx_lockup_irqoff(struct snapbuild *b) { fx_lockup_watchdog(b, 1); }
static void fx_lockup_irqon(struct snapbuild *b) { fx_lockup_watchdog(b, 0); }

static void test_lockup_watchdog(void)
{
	struct judged *j = judge_snap(fx_lockup_irqoff);
	json_t *lk, *cpus, *c1;
	size_t i;

	CHECK(j->v.cls == VC_HARD_LOCKUP);
	CHECK_STR(j->v.culprit.comm, "hangme_spin");
	CHECK(j->v.culprit.pid == 123 && j->v.culprit.cpu == 1);
	CHECK_STR(j->v.culprit.function, "hangme_spin_twice_irqoff");
	CHECK_STR(j->v.culprit.module, "hangme");
	CHECK_STR(j->v.summary, "hangme_spin (pid 123) on CPU 1 spins on hang_lock [hangme] with interrupts off in hangme_spin_twice_irqoff [hangme] for 2.0 s (found by triage's watchdog; the kernel never noticed); probably a recursive spin_lock (it holds the lock itself)");
	CHECK(j->v.lockup.cpu == 1 && j->v.lockup.detected_by == 0);
	CHECK(j->v.lockup.irqs_off == 1 && j->v.lockup.preempt_depth == 2);
	CHECK_STR(j->v.lockup.holder.kind, "self");
	CHECK(j->v.lockup.holder.recursive);
	EVIDENCE(&j->v, "the crash backtrace is the watchdog's (CPU 0)");
	EVIDENCE(&j->v, "module hangme is loaded");
	lk = json_object_get(j->json, "lockup");
	CHECK(json_integer_value(json_object_get(lk, "cpu")) == 1);
	CHECK(json_integer_value(json_object_get(lk, "detected_by")) == 0);
	CHECK(json_integer_value(json_object_get(lk, "stuck_ms")) == 2002);
	CHECK(json_integer_value(json_object_get(lk, "threshold_ms")) == 2000);
	CHECK_STR(json_string_value(jpath(lk, "lock", "symbol")), "hang_lock [hangme]");
	CHECK_STR(json_string_value(jpath(lk, "lock", "address")), "0xffffffffc0a03000");
	CHECK_STR(json_string_value(jpath(lk, "lock", "value")), "0x1");
	cpus = json_object_get(j->json, "cpus");
	CHECK(json_array_size(cpus) == 2);
	c1 = NULL;
	for (i = 0; i < json_array_size(cpus); i++)
		if (json_integer_value(json_object_get(json_array_get(cpus, i), "cpu")) == 1)
			c1 = json_array_get(cpus, i);
	CHECK(c1 && json_is_true(json_object_get(c1, "irqs_off")));
	CHECK_STR(json_string_value(json_object_get(c1, "function")), "hangme_spin_twice_irqoff");
	CHECK_STR(json_string_value(json_object_get(c1, "role")), "stuck");
	CHECK_STR(json_string_value(json_object_get(c1, "preempt_count")), "0x2");
	CHECK(json_array_size(json_object_get(c1, "backtrace")) == 6);
	CHECK_CONTAINS(j->text, "CPU 1: hangme_spin (pid 123) [responded irqs_off stuck] preempt 0x2 in hangme_spin_twice_irqoff [hangme]  <- stuck");
	judged_free(j);

	/* IRQs on at the sample: the hang is real, IRQs off is not proven */
	j = judge_snap(fx_lockup_irqon);
	CHECK(j->v.cls == VC_HANG_NO_PANIC);
	CHECK(j->v.lockup.irqs_off == 0);
	CHECK_STR(json_string_value(json_object_get(j->json, "class")), "hang_no_panic");
	CHECK_CONTAINS(j->v.summary, "with interrupts on");
	judged_free(j);
}

/* arm64 with pseudo-NMI: the stuck CPU captured itself from its PMU NMI */
static void fx_lockup_self(struct snapbuild *b)
{
	static const char *const bt[] = {
		"queued_spin_lock_slowpath+0x3c/0x2e0",
		"hangme_spin_twice_irqoff+0x30/0x60 [hangme]",
		"hangme_spin+0x10/0x38 [hangme]", "kthread+0xc4/0xcc",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.192-pnmi-arm64", "aarch64", 0);
	sb_hdr(b)->hook = TRIAGE_HOOK_WATCHDOG;
	sb_hdr(b)->cpu = 1;
	sb_crash(b, TRIAGE_REASON_LOCKUP, 0, 0, "hangme_spin",
		 "triage: hard LOCKUP: CPU 1 stuck with interrupts off for 2031 ms",
		 NULL, -1);
	sb_backtrace(b, TRIAGE_BT_REGS, 0, 0, bt, N(bt));
	sb_lockup(b, 1, 1, 2031, 2000, 0xffff80000a3d2000ull,
		  "hang_lock+0x0/0x4 [hangme]");
	sb_cpu(b, 0, TRIAGE_CPU_F_NOT_ASKED, 0, "swapper/0", 0, NULL, 0);
	sb_cpu(b, 1, TRIAGE_CPU_F_CAPTURING | TRIAGE_CPU_F_RESPONDED |
	       TRIAGE_CPU_F_STUCK | TRIAGE_CPU_F_IRQS_OFF, 127, "hangme_spin",
	       0, bt, N(bt));
	sb_module(b, "hangme", 0xffff80000a3c0000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_lockup_watchdog_self(void)
{
	struct judged *j = judge_snap(fx_lockup_self);

	CHECK(j->v.cls == VC_HARD_LOCKUP);
	CHECK(j->v.lockup.cpu == 1 && j->v.lockup.detected_by == 1);
	CHECK_STR(j->v.culprit.comm, "hangme_spin");
	CHECK_STR(j->v.culprit.function, "hangme_spin_twice_irqoff");
	CHECK_CONTAINS(j->v.summary, "on hang_lock [hangme]");
	CHECK_CONTAINS(j->v.summary, "(found by triage's NMI watchdog on that CPU; the kernel never noticed)");
	EVIDENCE(&j->v, "CPU 1's own NMI (a PMU cycle-counter overflow taken as a pseudo-NMI)");
	CHECK(!fx_evidence_has(&j->v, "the crash backtrace is the watchdog's"));
	judged_free(j);
}

/* the stuck CPU never answered: no backtrace, no IRQ proof */
static void fx_lockup_deaf(struct snapbuild *b)
{
	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-56-arm64", "aarch64", 0);
	sb_crash(b, TRIAGE_REASON_LOCKUP, 0, 0, "swapper/0",
		 "triage: hard LOCKUP: CPU 1 stuck with interrupts off for 1100 ms",
		 NULL, -1);
	sb_cpu(b, 0, TRIAGE_CPU_F_CAPTURING, 0, "swapper/0", 0, NULL, 0);
	sb_cpu(b, 1, TRIAGE_CPU_F_NOT_ASKED | TRIAGE_CPU_F_STUCK, -1, NULL, 0,
	       NULL, 0);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_lockup_watchdog_no_nmi(void)
{
	struct judged *j = judge_snap(fx_lockup_deaf);

	CHECK(j->v.cls == VC_HANG_NO_PANIC);
	CHECK(j->v.culprit.cpu == 1 && j->v.culprit.pid == -1);
	CHECK(j->v.lockup.has_stuck && j->v.lockup.stuck_ns == 1100000000ull);
	EVIDENCE(&j->v, "no NMI on this machine");
	CHECK(j->v.nr_frames == 0);
	judged_free(j);
}

/* ---- soft lockup -------------------------------------------------------- */

static void test_lockup_soft(void)
{
	struct judged *j = judge_snap(fx_soft_lockup);

	CHECK(j->v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(j->v.culprit.comm, "hangme_spin");
	CHECK(j->v.culprit.pid == 123 && j->v.culprit.cpu == 1);
	CHECK_STR(j->v.culprit.function, "hangme_spin_twice");
	CHECK_STR(j->v.culprit.module, "hangme");
	CHECK(j->v.lockup.has_lock && j->v.lockup.lock_addr == 0xffffffffc0a03000ull);
	CHECK(j->v.lockup.heuristic);
	CHECK(j->v.lockup.preempt_depth == 2);
	CHECK_STR(j->v.lockup.holder.kind, "self");
	CHECK(j->v.lockup.holder.recursive && j->v.lockup.holder.heuristic);
	CHECK_CONTAINS(j->v.summary, "hangme_spin (pid 123) on CPU 1 spins on the lock at 0xffffffffc0a03000 in hangme_spin_twice [hangme] for at least 22.0 s");
	CHECK_CONTAINS(j->v.summary, "probably a recursive spin_lock");
	EVIDENCE(&j->v, "kernel.softlockup_panic=1");
	EVIDENCE(&j->v, "RIP: 0010:native_queued_spin_lock_slowpath");
	CHECK_STR(j->v.signature, "soft_lockup:hangme_spin_twice[hangme]");
	CHECK(json_integer_value(jpath(j->json, "lockup", "cpu")) == 1);
	judged_free(j);
}

/* What the kernel printed with the soft lockup joins the snapshot's
 * verdict; a log without the watchdog's report adds nothing. */
static void test_lockup_soft_log_facts(void)
{
	struct judged *j = judge_snap(fx_soft_lockup);
	struct judge_input in = { .snap = &j->s };
	struct errmsg err;
	char *log = j->s.log;
	static struct verdict v;

	CHECK(j->v.cls == VC_SOFT_LOCKUP);
	EVIDENCE(&j->v, "the kernel's report (line");
	EVIDENCE(&j->v, "watchdog: BUG: soft lockup - CPU#1 stuck for");
	EVIDENCE(&j->v, "the kernel's trace reads: BUG: soft lockup in ");
	CHECK(j->v.nr_reports >= 1);
	CHECK(json_array_size(json_object_get(j->json, "reports")) == j->v.nr_reports);
	/* the same snapshot, its log without the report */
	j->s.log = "[ 1.0] hangme: loading out-of-tree module taints kernel.\n"
		   "[ 30.0] Kernel panic - not syncing: softlockup: hung tasks\n";
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_SOFT_LOCKUP);
	CHECK(!fx_evidence_has(&v, "the kernel's report (line"));
	CHECK(!fx_evidence_has(&v, "the kernel's trace reads"));
	j->s.log = log;
	judged_free(j);
}

static void test_lockup_soft_degraded(void)
{
	static struct verdict v;
	struct judge_input in = { .dump_log = fx_log_soft_lockup };
	struct errmsg err;

	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.degraded && v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(v.culprit.comm, "hangme_spin");
	CHECK(v.culprit.pid == 123 && v.culprit.cpu == 1);
	CHECK_STR(v.culprit.function, "hangme_spin_twice");
	CHECK(v.lockup.has_lock && v.lockup.preempt_depth == -1);
}

static void test_lockup_kernel_hard(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 50.0] NMI watchdog: Watchdog detected hard LOCKUP on cpu 1\n"
		"[ 50.0] Modules linked in: hangme(OE)\n"
		"[ 50.0] CPU: 1 PID: 123 Comm: hangme_spin Tainted: G OE 6.1.0 #1\n"
		"[ 50.0] RIP: 0010:native_queued_spin_lock_slowpath+0x1a/0x2b0\n"
		"[ 50.0] Call Trace:\n"
		"[ 50.0]  <TASK>\n"
		"[ 50.0]  _raw_spin_lock+0x29/0x30\n"
		"[ 50.0]  hangme_spin_twice_irqoff+0x2e/0x50 [hangme]\n"
		"[ 50.0]  </TASK>\n"
		"[ 50.0] Kernel panic - not syncing: Hard LOCKUP\n";
	struct judge_input in = { .dump_log = log };
	struct errmsg err;

	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_HARD_LOCKUP && v.degraded);
	CHECK(v.culprit.cpu == 1 && v.culprit.pid == 123);
	CHECK_STR(v.culprit.comm, "hangme_spin");
	CHECK_STR(v.culprit.function, "hangme_spin_twice_irqoff");
	CHECK(v.lockup.irqs_off == 1);
	CHECK_CONTAINS(v.summary, "with interrupts off");
}

/* ---- a dead CPU behind the kernel's report -------------------------------- */

static void fx_victim_irqoff(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQS_OFF);
}

static void fx_victim_stuck(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQS_OFF |
		       TRIAGE_CPU_F_STUCK);
}

static void fx_victim_deaf(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_NO_RESPONSE);
}

static void fx_victim_healthy(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_RESPONDED);
}

static void test_lockup_victim(void)
{
	struct judged *j = judge_snap(fx_victim_irqoff);

	CHECK(j->v.cls == VC_HARD_LOCKUP);
	CHECK_STR(j->v.kind, "ipi_victim");
	CHECK_STR(j->v.culprit.comm, "hangme_spin");
	CHECK(j->v.culprit.pid == 123 && j->v.culprit.cpu == 1);
	CHECK_STR(j->v.culprit.function, "hangme_spin_twice_irqoff");
	CHECK(j->v.lockup.has_victim && j->v.lockup.victim_pid == 1 &&
	      j->v.lockup.victim_cpu == 0);
	CHECK_STR(j->v.lockup.victim_comm, "init");
	CHECK_STR(j->v.lockup.victim_function, "smp_call_function_many_cond");
	CHECK_CONTAINS(j->v.summary, "hangme_spin (pid 123) on CPU 1 spins on a spinlock with interrupts off");
	CHECK_CONTAINS(j->v.summary, "root cause of the soft lockup the kernel reported for init (pid 1) in smp_call_function_many_cond");
	EVIDENCE(&j->v, "the kernel blamed init (pid 1) on CPU 0 in a soft lockup: a victim");
	CHECK_STR(json_string_value(jpath(jpath(j->json, "lockup", "victim"), "comm", NULL)), "init");
	CHECK_STR(json_string_value(jpath(j->json, "culprit", "comm")), "hangme_spin");
	judged_free(j);

	j = judge_snap(fx_victim_stuck);
	CHECK(j->v.cls == VC_HARD_LOCKUP && j->v.culprit.pid == 123);
	EVIDENCE(&j->v, "triage's watchdog found it stuck");
	judged_free(j);

	/* deaf to the NMI: the root cause still is that CPU, IRQs unproven */
	j = judge_snap(fx_victim_deaf);
	CHECK(j->v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(j->v.kind, "ipi_victim");
	CHECK(j->v.culprit.cpu == 1 && j->v.lockup.has_victim);
	EVIDENCE(&j->v, "it did not answer the NMI");
	judged_free(j);

	/* every other CPU healthy: the kernel's own report stands */
	j = judge_snap(fx_victim_healthy);
	CHECK(j->v.cls == VC_SOFT_LOCKUP && j->v.kind == NULL);
	CHECK_STR(j->v.culprit.comm, "init");
	CHECK(j->v.culprit.cpu == 0);
	CHECK_STR(j->v.culprit.function, "smp_call_function_many_cond");
	judged_free(j);
}

/* ---- scheduling while atomic --------------------------------------------- */

static void fx_atomic_debug(struct snapbuild *b) { fx_atomic_sleep(b, 1, 1); }
static void fx_atomic_plain(struct snapbuild *b) { fx_atomic_sleep(b, 0, 1); }
static void fx_atomic_nopc(struct snapbuild *b) { fx_atomic_sleep(b, 0, 0); }

static void test_lockup_atomic_sleep(void)
{
	struct judged *j = judge_snap(fx_atomic_debug);

	CHECK(j->v.cls == VC_ATOMIC_SLEEP && j->v.preempt_count == 2);
	CHECK_STR(j->v.culprit.comm, "insmod");
	CHECK(j->v.culprit.pid == 311 && j->v.culprit.cpu == 1);
	CHECK_STR(j->v.culprit.function, "crashme_leak_spinlock");
	CHECK_STR(j->v.culprit.module, "crashme");
	CHECK_STR(j->v.leaked_at, "crashme_leak_spinlock+0x20/0x40 [crashme]");
	CHECK_CONTAINS(j->v.summary, "preempt count 0x2 leaked by crashme_leak_spinlock [crashme]");
	CHECK_CONTAINS(j->v.summary, "slept in exit_to_user_mode_prepare");
	CHECK(json_is_true(json_object_get(j->json, "preempt_count_trusted")));
	judged_free(j);

	j = judge_snap(fx_atomic_plain);
	CHECK(j->v.cls == VC_ATOMIC_SLEEP && j->v.preempt_count == 2);
	CHECK(!j->v.leaked_at[0]);
	CHECK_STR(j->v.culprit.function, "exit_to_user_mode_prepare");
	EVIDENCE(&j->v, "cannot be proven");
	judged_free(j);

	j = judge_snap(fx_atomic_nopc);
	CHECK(j->v.cls == VC_ATOMIC_SLEEP && !j->v.preempt_trusted);
	EVIDENCE(&j->v, "cannot be trusted");
	CHECK(json_is_false(json_object_get(j->json, "preempt_count_trusted")));
	judged_free(j);
}

/* ---- the holder of the lock (judge_holder.c) ------------------------- */

/* Knobs of the next fx_holder snapshot. */
static const char *hx_before;		/* log lines before the report */
static const char *hx_after;		/* log lines after it */
static uint32_t hx_pc;			/* the spinner's preempt count */
static int hx_cpu0_pid;			/* CPU 0's task: idle (0) or pid */
static const char *hx_cpu0_fn;		/* its frame */
static bool hx_irq_regs;		/* CPU 1 carries the interrupted context */
static bool hx_no_pc;			/* no CONFIG_PREEMPT_COUNT */

/* hangme_leakspin spins on leak_lock; the capture ran in the soft-lockup
 * watchdog's interrupt on CPU 1 and found the lock in its registers. */
static void fx_holder(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"watchdog_timer_fn.cold+0x3d/0xa1",
		"__hrtimer_run_queues+0x112/0x2b0",
		"hrtimer_interrupt+0xfc/0x210",
		"asm_sysvec_apic_timer_interrupt+0x16/0x20",
		"native_queued_spin_lock_slowpath+0x1a/0x2b0",
		"_raw_spin_lock+0x29/0x30",
		"hangme_take_leaked+0x2a/0x50 [hangme]",
		"hangme_leakspin+0x1c/0x30 [hangme]", "kthread+0xe6/0x110",
	};
	static const char *const irq[] = {
		"native_queued_spin_lock_slowpath+0x1a/0x2b0",
		"_raw_spin_lock+0x29/0x30",
		"hangme_take_leaked+0x2a/0x50 [hangme]",
		"hangme_leakspin+0x1c/0x30 [hangme]", "kthread+0xe6/0x110",
	};
	static char log[4096];
	struct triage_rec_sysctl y = sb_sysctl_defaults(120, 0);
	const char *cpu0[] = { hx_cpu0_fn, "do_idle+0x20d/0x2a0" };

	snprintf(log, sizeof(log), "%s%s%s", hx_before,
		 "[ 62.100000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [hangme_leakspin:123]\n"
		 "[ 62.100002] CPU: 1 PID: 123 Comm: hangme_leakspin Tainted: G OE 6.1.0-56-amd64 #1\n"
		 "[ 62.100003] RIP: 0010:native_queued_spin_lock_slowpath+0x1a/0x2b0\n"
		 "[ 62.100007] Call Trace:\n"
		 "[ 62.100008]  <TASK>\n"
		 "[ 62.100009]  _raw_spin_lock+0x29/0x30\n"
		 "[ 62.100010]  hangme_take_leaked+0x2a/0x50 [hangme]\n"
		 "[ 62.100011]  hangme_leakspin+0x1c/0x30 [hangme]\n"
		 "[ 62.100013]  </TASK>\n", hx_after);
	snprintf(log + strlen(log), sizeof(log) - strlen(log),
		 "[ 62.100014] Kernel panic - not syncing: softlockup: hung tasks\n");
	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-56-amd64", "x86_64", 0);
	sb_kernel_flags(b, hx_no_pc ? 0 : TRIAGE_KF_PREEMPT_COUNT);
	sb_crash(b, TRIAGE_REASON_PANIC, 1, 123, "hangme_leakspin",
		 "softlockup: hung tasks\n", NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 123, 1, bt, N(bt));
	y.softlockup_panic = 1;
	sb_sysctl(b, &y);
	sb_cpu(b, 1, TRIAGE_CPU_F_CAPTURING | TRIAGE_CPU_F_IN_HARDIRQ |
	       (hx_irq_regs ? TRIAGE_CPU_F_IRQ_REGS : 0), 123,
	       "hangme_leakspin", hx_pc, hx_irq_regs ? irq : NULL,
	       hx_irq_regs ? N(irq) : 0);
	sb_cpu(b, 0, TRIAGE_CPU_F_RESPONDED |
	       (hx_cpu0_pid ? 0 : TRIAGE_CPU_F_IDLE), hx_cpu0_pid,
	       hx_cpu0_pid ? "hangme_holder" : "swapper/0", 0, cpu0, 2);
	sb_lockup(b, 1, -1, 0, 0, 0xffffffffc0a03000ull, "leak_lock [hangme]");
	sb_module(b, "hangme", 0xffffffffc0a00000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_log(b, log);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static struct judged *judge_holder(const char *before, const char *after,
				   uint32_t pc)
{
	hx_before = before;
	hx_after = after;
	hx_pc = pc;
	return judge_snap(fx_holder);
}

static void holder_defaults(void)
{
	hx_cpu0_pid = 0;
	hx_cpu0_fn = "default_idle+0xe/0x20";
	hx_irq_regs = false;
	hx_no_pc = false;
}

/* hardirq + kprobe + the spin itself: nothing else held */
#define HX_PC_SPIN	0x10002u

static void test_holder_sched_atomic(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("[ 40.000000] BUG: scheduling while atomic: sh/77/0x00000002\n",
			 "", HX_PC_SPIN);
	CHECK(j->v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(j->v.lockup.holder.kind, "task");
	CHECK(j->v.lockup.holder.pid == 77 && j->v.lockup.holder.cpu == -1);
	CHECK_STR(j->v.lockup.holder.comm, "sh");
	CHECK_STR(j->v.lockup.holder.how, "scheduled while atomic");
	CHECK(!j->v.lockup.holder.recursive && j->v.lockup.holder.heuristic);
	CHECK_CONTAINS(j->v.summary, "spins on leak_lock [hangme]");
	CHECK_CONTAINS(j->v.summary, "likely held by sh (pid 77), on no CPU");
	CHECK(!strstr(j->v.summary, "recursive"));
	EVIDENCE(&j->v, "BUG: scheduling while atomic: sh/77/0x00000002");
	CHECK(json_integer_value(json_object_get(jpath(j->json, "lockup", "holder"), "pid")) == 77);
	judged_free(j);
}

static void test_holder_exited(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("[ 40.000000] note: my prog[77] exited with preempt_count 1\n",
			 "", HX_PC_SPIN);
	CHECK_STR(j->v.lockup.holder.kind, "task");
	CHECK_STR(j->v.lockup.holder.comm, "my prog");
	CHECK(j->v.lockup.holder.pid == 77 && j->v.lockup.holder.gone);
	CHECK_CONTAINS(j->v.summary, "likely held by my prog (pid 77), which exited");
	judged_free(j);
}

/* The spinner itself leaked the lock in an earlier system call. */
static void test_holder_self_leak(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("[ 40.000000] BUG: scheduling while atomic: hangme_leakspin/123/0x00000002\n",
			 "", HX_PC_SPIN + 1);
	CHECK_STR(j->v.lockup.holder.kind, "self");
	CHECK(!j->v.lockup.holder.recursive);
	CHECK_CONTAINS(j->v.lockup.holder.why, "not a recursive spin_lock");
	CHECK(!strstr(j->v.summary, "recursive"));
	judged_free(j);
}

/* Evidence printed after the lockup report explains nothing. */
static void test_holder_evidence_after(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("", "[ 62.200000] BUG: scheduling while atomic: sh/77/0x00000002\n",
			 HX_PC_SPIN);
	CHECK(j->v.lockup.holder.pid != 77);
	CHECK_STR(j->v.lockup.holder.kind, "none_on_cpu");
	judged_free(j);
}

/* No evidence, nothing else held, every CPU seen: the holder is gone. */
static void test_holder_none_on_cpu(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("", "", HX_PC_SPIN);
	CHECK_STR(j->v.lockup.holder.kind, "none_on_cpu");
	CHECK(j->v.lockup.holder.pid == -1 && !j->v.lockup.holder.recursive);
	CHECK_CONTAINS(j->v.summary, "its holder is on no CPU");
	CHECK(!strstr(j->v.summary, "recursive"));
	judged_free(j);
}

/* Without a preempt count, a leak cannot be told from recursion. */
static void test_holder_no_preempt_count(void)
{
	struct judged *j;

	holder_defaults();
	hx_no_pc = true;
	j = judge_holder("", "", HX_PC_SPIN + 1);
	CHECK_STR(j->v.lockup.holder.kind, "none_on_other_cpu");
	CHECK(!j->v.lockup.holder.recursive);
	CHECK_CONTAINS(j->v.summary, "no other CPU holds it (the spinner itself, or a task that left it locked)");
	judged_free(j);
}

/* Another CPU runs code of the lock's module. */
static void test_holder_other_cpu(void)
{
	struct judged *j;

	holder_defaults();
	hx_cpu0_pid = 55;
	hx_cpu0_fn = "hangme_hold+0x10/0x40 [hangme]";
	j = judge_holder("", "", HX_PC_SPIN);
	CHECK_STR(j->v.lockup.holder.kind, "task");
	CHECK(j->v.lockup.holder.pid == 55 && j->v.lockup.holder.cpu == 0);
	CHECK_CONTAINS(j->v.summary, "likely held by hangme_holder (pid 55)");
	judged_free(j);
}

/* One more level held by the spinner, nothing else: probably recursion. */
static void test_holder_recursive(void)
{
	struct judged *j;

	holder_defaults();
	j = judge_holder("", "", HX_PC_SPIN + 1);
	CHECK_STR(j->v.lockup.holder.kind, "self");
	CHECK(j->v.lockup.holder.recursive && j->v.lockup.holder.pid == 123);
	CHECK_CONTAINS(j->v.summary, "probably a recursive spin_lock");
	judged_free(j);
}

/* The interrupted context recorded in the watchdog's interrupt (1.6). */
static void test_holder_irq_regs(void)
{
	struct judged *j;

	holder_defaults();
	hx_irq_regs = true;
	j = judge_holder("", "", HX_PC_SPIN);
	CHECK_STR(j->v.culprit.function, "hangme_take_leaked");
	CHECK(j->v.lockup.irqs_off == 0);
	CHECK_CONTAINS(j->v.lockup.irqs_off_from, "interrupted");
	CHECK(json_is_false(json_object_get(jpath(j->json, "lockup", "lock"), "heuristic")) ||
	      json_is_true(json_object_get(jpath(j->json, "lockup", "lock"), "heuristic")));
	judged_free(j);
}

/* A soft lockup in a busy loop, log only: the function at RIP, not the
 * caller the x86 call trace starts with. */
static const char fx_log_busy[] =
	"[ 30.100000] watchdog: BUG: soft lockup - CPU#1 stuck for 4s! [hangme_busy:99]\n"
	"[ 30.100002] CPU: 1 PID: 99 Comm: hangme_busy Tainted: G OE 6.1.0-56-amd64 #1\n"
	"[ 30.100003] RIP: 0010:hangme_busy_loop+0x5/0x10 [hangme]\n"
	"[ 30.100004] RSP: 0018:ffffb4c2c0137e08 EFLAGS: 00000246\n"
	"[ 30.100005] RAX: 0000000000000001 RBX: 0000000000000000 RCX: 0000000000000000\n"
	"[ 30.100006] RDX: 0000000000000001 RSI: 0000000000000001 RDI: 0000000000000000\n"
	"[ 30.100007] Call Trace:\n"
	"[ 30.100008]  <TASK>\n"
	"[ 30.100009]  hangme_busy+0x1c/0x30 [hangme]\n"
	"[ 30.100010]  kthread+0xe6/0x110\n"
	"[ 30.100011]  ret_from_fork+0x1f/0x30\n"
	"[ 30.100012]  </TASK>\n"
	"[ 30.100014] Kernel panic - not syncing: softlockup: hung tasks\n";

static void test_lockup_busy_loop_rip(void)
{
	static struct verdict v;
	struct judge_input in = { .dump_log = fx_log_busy };
	struct errmsg err;

	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_SOFT_LOCKUP);
	CHECK_STR(v.culprit.function, "hangme_busy_loop");
	CHECK_STR(v.culprit.module, "hangme");
	CHECK(!v.lockup.has_lock && !v.lockup.holder.kind);
	CHECK(!strstr(v.summary, "spins"));
}

void lockup_tests(void)
{
	RUN(test_mem_arithmetic);
	RUN(test_gfp_names);
	RUN(test_lockup_oom);
	RUN(test_lockup_oom_short);
	RUN(test_lockup_watchdog);
	RUN(test_lockup_watchdog_no_nmi);
	RUN(test_lockup_soft_arm64);
	RUN(test_lockup_watchdog_self);
	RUN(test_lockup_soft);
	RUN(test_lockup_soft_log_facts);
	RUN(test_lockup_soft_degraded);
	RUN(test_holder_sched_atomic);
	RUN(test_holder_exited);
	RUN(test_holder_self_leak);
	RUN(test_holder_evidence_after);
	RUN(test_holder_none_on_cpu);
	RUN(test_holder_other_cpu);
	RUN(test_holder_no_preempt_count);
	RUN(test_holder_recursive);
	RUN(test_holder_irq_regs);
	RUN(test_lockup_busy_loop_rip);
	RUN(test_lockup_kernel_hard);
	RUN(test_lockup_victim);
	RUN(test_lockup_atomic_sleep);
}
