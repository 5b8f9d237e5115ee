// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_checker.c - checkers are not culprits, and the context a crash ran
 * in: kfunc's checker kinds and interrupt classes, then verdicts of
 * synthetic snapshots and logs of a list corruption, a refcount underflow,
 * a bad usercopy, a BUG_ON in a lib/ helper and a NULL dereference in a
 * timer callback.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "kfunc.h"
#include "render.h"
#include "unit.h"

static void test_checker_kinds(void)
{
	CHECK_STR(kfunc_label("__list_add_valid", KF_CHECKER), "list_corruption");
	CHECK_STR(kfunc_label("__list_add_valid.cold", KF_CHECKER), "list_corruption");
	CHECK_STR(kfunc_label("__list_del_entry_valid_or_report", KF_CHECKER),
		  "list_corruption");
	CHECK_STR(kfunc_label("refcount_warn_saturate", KF_CHECKER), "refcount");
	CHECK_STR(kfunc_label("__refcount_sub_and_test.constprop.0", KF_CHECKER),
		  "refcount");
	CHECK_STR(kfunc_label("usercopy_abort", KF_CHECKER), "usercopy");
	CHECK_STR(kfunc_label("__check_heap_object", KF_CHECKER), "usercopy");
	CHECK_STR(kfunc_label("kasan_report", KF_CHECKER), "kasan");
	CHECK_STR(kfunc_label("__stack_chk_fail", KF_CHECKER), "stack_corruption");
	/* a class without labels, a function of no class */
	CHECK(kfunc_label("panic", KF_PANIC) == NULL);
	CHECK(kfunc_label("crashme_list_add_corrupt", ~0u) == NULL);
	CHECK(kfunc_label("refcount_warn_saturate", KF_PANIC) == NULL);
}

static void test_checker_irq_classes(void)
{
	CHECK(kfunc_is("handle_softirqs", KF_SOFTIRQ));
	CHECK(kfunc_is("__do_softirq", KF_SOFTIRQ));
	CHECK(kfunc_is("run_ksoftirqd", KF_SOFTIRQ));
	CHECK(kfunc_is("run_ktimerd", KF_SOFTIRQ));
	CHECK(kfunc_is("__sysvec_apic_timer_interrupt", KF_HARDIRQ));
	CHECK(kfunc_is("__handle_irq_event_percpu", KF_HARDIRQ));
	CHECK(kfunc_is("gic_handle_irq", KF_HARDIRQ));
	CHECK(kfunc_is("default_do_nmi", KF_NMI));
	CHECK(!kfunc_is("call_timer_fn", KF_SOFTIRQ | KF_HARDIRQ | KF_NMI));
	CHECK_STR(kfunc_label("call_timer_fn", KF_SOFTIRQ_ACTION), "timer");
	CHECK_STR(kfunc_label("run_timer_softirq", KF_SOFTIRQ_ACTION), "timer");
	CHECK_STR(kfunc_label("net_rx_action", KF_SOFTIRQ_ACTION), "net_rx");
	CHECK_STR(kfunc_label("tasklet_action_common.constprop.0",
			      KF_SOFTIRQ_ACTION), "tasklet");
	CHECK_STR(kfunc_label("tasklet_hi_action", KF_SOFTIRQ_ACTION), "hi");
	CHECK_STR(kfunc_label("rcu_core_si", KF_SOFTIRQ_ACTION), "rcu");
	CHECK(kfunc_label("crashme_timer_fn", KF_SOFTIRQ_ACTION) == NULL);
}

/* ---- verdicts ------------------------------------------------------------ */

/* Judge (and render) a snapshot built by @build (NULL: the log alone). */
static void judge_ck(struct verdict *v, void (*build)(struct snapbuild *),
		     const char *dump_log, char **json, char **text)
{
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { .dump_log = dump_log };
	struct report r = { .v = v, .input = "test.img", .located_by = "image" };
	struct errmsg err;

	if (build) {
		build(&b);
		snapshot_decode(&s, b.buf, sb_len(&b));
		in.snap = &s;
		r.snap = &s;
	}
	CHECK(verdict_judge(v, &in, &err) == ST_OK);
	if (json)
		*json = report_json(&r, &err);
	if (text)
		*text = report_text(&r, &err);
	if (build) {
		v->log = NULL;
		snapshot_free(&s);
		sb_free(&b);
	}
}

/* The crash record as the module wrote it: its preempt count, and the
 * fault address only of a page fault (@addr < 0: none). */
static void set_crash(struct snapbuild *b, uint32_t pc, long long addr)
{
	struct triage_rec_crash *k = sb_find(b, TRIAGE_REC_CRASH);

	if (!k)
		return;
	k->preempt_count = pc;
	k->crash_flags &= ~TRIAGE_CF_FAULT_ADDR;
	if (addr >= 0) {
		k->crash_flags |= TRIAGE_CF_FAULT_ADDR;
		k->fault_addr = (uint64_t)addr;
	}
}

/* Debian 6.1 amd64, insmod crashme.ko what=listadd (tests/e2e). */
static const char log_listadd[] =
	"[   11.555215] list_add corruption. next->prev should be prev (ffffffffc0416030), but was ffffffffc0416450. (next=ffffffffc0416460).\n"
	"[   11.556520] ------------[ cut here ]------------\n"
	"[   11.556982] kernel BUG at lib/list_debug.c:27!\n"
	"[   11.557575] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
	"[   11.558990] CPU: 0 PID: 111 Comm: insmod Kdump: loaded Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.192-3\n"
	"[   11.558990] RIP: 0010:__list_add_valid.cold+0x4b/0x5b\n"
	"[   11.558990] Call Trace:\n"
	"[   11.558990]  <TASK>\n"
	"[   11.558990]  crashme_list_add_corrupt+0x69/0x98 [crashme]\n"
	"[   11.558990]  ? 0xffffffffc0418000\n"
	"[   11.558990]  crashme_init+0xf7/0x1000 [crashme]\n"
	"[   11.558990]  do_one_initcall+0x59/0x220\n"
	"[   11.558990]  </TASK>\n";

static void fx_listadd(struct snapbuild *b)
{
	static const char *const regs[] = {
		"__list_add_valid.cold+0x4b/0x5b",
		"crashme_list_add_corrupt+0x69/0x98 [crashme]",
		"crashme_init+0xf7/0x1000 [crashme]",
		"do_one_initcall+0x59/0x220", "do_init_module+0x4a/0x1f0",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-amd64", "x86_64", (1u << 12) | (1u << 13));
	sb_crash(b, TRIAGE_REASON_DIE, 0, 111, "insmod", NULL,
		 "invalid opcode", 6);
	set_crash(b, 0x1, -1);
	sb_backtrace(b, TRIAGE_BT_REGS, 111, 0, regs, N(regs));
	sb_module(b, "crashme", 0xffffffffc0414000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_LIVE);
	sb_log(b, log_listadd);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void check_listadd(const struct verdict *v)
{
	CHECK(v->cls == VC_OOPS);
	CHECK_STR(v->kind, "list_corruption");
	CHECK_STR(v->culprit.function, "crashme_list_add_corrupt");
	CHECK_STR(v->culprit.module, "crashme");
	CHECK_STR(v->culprit.checker, "__list_add_valid");
	CHECK_STR(v->culprit.context, "task");
	CHECK(v->culprit.softirq == NULL);
	CHECK_STR(v->culprit.comm, "insmod");
	CHECK(v->culprit.pid == 111 && v->culprit.interrupted_pid == -1);
	CHECK_STR(v->title, "BUG: corrupted list in crashme_list_add_corrupt");
	CHECK_STR(v->signature, "oops/list_corruption:crashme_list_add_corrupt[crashme]");
	CHECK_STR(v->location, "lib/list_debug.c:27");
	CHECK_CONTAINS(v->summary, "list_add corruption in crashme_list_add_corrupt [crashme] (found by __list_add_valid at lib/list_debug.c:27: next->prev should be prev (ffffffffc0416030), but was ffffffffc0416450. (next=ffffffffc0416460)) by insmod (pid 111) on CPU 0");
	CHECK(fx_evidence_has(v, "__list_add_valid is a checker (list_corruption)"));
}

static void test_checker_list_add(void)
{
	static struct verdict v;

	judge_ck(&v, fx_listadd, NULL, NULL, NULL);
	CHECK(!v.degraded);
	check_listadd(&v);
	/* the same from the log alone: the call trace starts at the caller */
	judge_ck(&v, NULL, log_listadd, NULL, NULL);
	CHECK(v.degraded);
	check_listadd(&v);
}

/* Debian 6.1 amd64 with KASAN and panic_on_warn: a slab use-after-free
 * in a driver's work function (@log: whether the dump's log has the
 * report). */
static const char log_kasan[] =
	"[   20.100000] ==================================================================\n"
	"[   20.100001] BUG: KASAN: slab-use-after-free in mydrv_complete+0x44/0x60 [mydrv]\n"
	"[   20.100002] Read of size 8 at addr ffff888012345678 by task kworker/0:1/88\n"
	"[   20.100003] \n"
	"[   20.100004] CPU: 0 PID: 88 Comm: kworker/0:1 Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.192-3\n"
	"[   20.100005] Workqueue: events mydrv_work\n"
	"[   20.100006] Call Trace:\n"
	"[   20.100007]  <TASK>\n"
	"[   20.100008]  dump_stack_lvl+0x48/0x70\n"
	"[   20.100009]  print_report+0xd2/0x660\n"
	"[   20.100010]  kasan_report+0xd0/0x110\n"
	"[   20.100011]  mydrv_complete+0x44/0x60 [mydrv]\n"
	"[   20.100012]  process_one_work+0x1c7/0x380\n"
	"[   20.100013]  worker_thread+0x4d/0x380\n"
	"[   20.100014]  </TASK>\n"
	"[   20.100015] ==================================================================\n"
	"[   20.100016] Kernel panic - not syncing: KASAN: panic_on_warn set ...\n";

static void fx_kasan_build(struct snapbuild *b, bool log)
{
	static const char *const bt[] = {
		"panic+0x107/0x2bb", "check_panic_on_warn.cold+0x1b/0x1b",
		"end_report.part.0+0x3e/0x80", "kasan_report+0xd0/0x110",
		"mydrv_complete+0x44/0x60 [mydrv]",
		"process_one_work+0x1c7/0x380", "worker_thread+0x4d/0x380",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-amd64", "x86_64", (1u << 12) | (1u << 13));
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 88, "kworker/0:1",
		 "KASAN: panic_on_warn set ...\n", NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 88, 0, bt, N(bt));
	sb_module(b, "mydrv", 0xffffffffc0414000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_LIVE);
	sb_log(b, log ? log_kasan :
	       "[   20.100016] Kernel panic - not syncing: KASAN: panic_on_warn set ...\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void fx_kasan(struct snapbuild *b)
{
	fx_kasan_build(b, true);
}

static void fx_kasan_nolog(struct snapbuild *b)
{
	fx_kasan_build(b, false);
}

/* The snapshot's KASAN verdict takes the report's own title, as the log's
 * path gives it; without the report in the log, the kind's. */
static void test_checker_kasan_title(void)
{
	static struct verdict v;

	judge_ck(&v, fx_kasan, NULL, NULL, NULL);
	CHECK(v.cls == VC_WARN);
	CHECK_STR(v.kind, "kasan");
	CHECK_STR(v.culprit.function, "mydrv_complete");
	CHECK_STR(v.title, "KASAN: slab-use-after-free Read in mydrv_complete");
	CHECK(v.nr_reports >= 1);
	CHECK_STR(v.reports[0].title, "KASAN: slab-use-after-free Read in mydrv_complete");
	judge_ck(&v, fx_kasan_nolog, NULL, NULL, NULL);
	CHECK(v.cls == VC_WARN);
	CHECK_STR(v.kind, "kasan");
	CHECK_STR(v.title, "WARNING: KASAN report in mydrv_complete");
}

/* 6.12: the check is __list_del_entry_valid_or_report (v6.6). */
static void test_checker_list_del_612(void)
{
	static struct verdict v;
	static const char log[] =
		"[    9.1] list_del corruption. next->prev should be ffffffffc0a02440, but was ffffffffc0a02430. (next=ffffffffc0a02430)\n"
		"[    9.1] ------------[ cut here ]------------\n"
		"[    9.1] kernel BUG at lib/list_debug.c:65!\n"
		"[    9.1] Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
		"[    9.1] CPU: 1 UID: 0 PID: 120 Comm: insmod Tainted: G           OE      6.12.117+deb12-amd64 #1  Debian 6.12.117-1~deb12u1\n"
		"[    9.1] RIP: 0010:__list_del_entry_valid_or_report+0x7e/0xd0\n"
		"[    9.1] Call Trace:\n"
		"[    9.1]  <TASK>\n"
		"[    9.1]  ? die+0x36/0x90\n"
		"[    9.1]  crashme_list_del_corrupt+0x5c/0x80 [crashme]\n"
		"[    9.1]  crashme_init+0x10f/0xff0 [crashme]\n"
		"[    9.1]  </TASK>\n";

	judge_ck(&v, NULL, log, NULL, NULL);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "list_corruption");
	CHECK_STR(v.culprit.function, "crashme_list_del_corrupt");
	CHECK_STR(v.culprit.checker, "__list_del_entry_valid_or_report");
	CHECK_STR(v.culprit.comm, "insmod");
	CHECK_CONTAINS(v.summary, "list_del corruption in crashme_list_del_corrupt [crashme]");
}

/* Debian 6.1 amd64, what=refcount under panic_on_warn (tests/e2e). */
static const char log_refcount[] =
	"[    8.742846] ------------[ cut here ]------------\n"
	"[    8.743003] refcount_t: underflow; use-after-free.\n"
	"[    8.743522] WARNING: CPU: 0 PID: 113 at lib/refcount.c:28 refcount_warn_saturate+0xba/0x110\n"
	"[    8.747786] CPU: 0 PID: 113 Comm: insmod Kdump: loaded Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.192-3\n"
	"[    8.750478] RIP: 0010:refcount_warn_saturate+0xba/0x110\n"
	"[    8.754528] Call Trace:\n"
	"[    8.754528]  <TASK>\n"
	"[    8.754528]  ? __warn+0x7d/0xc0\n"
	"[    8.754528]  __refcount_sub_and_test.constprop.0+0x2a/0x31 [crashme]\n"
	"[    8.754528]  crashme_refcount_underflow+0x1f/0x34 [crashme]\n"
	"[    8.754528]  crashme_init+0x12b/0x1000 [crashme]\n"
	"[    8.754528]  </TASK>\n"
	"[    8.760000] Kernel panic - not syncing: kernel: panic_on_warn set ...\n";

static void fx_refcount(struct snapbuild *b)
{
	static const char *const bt[] = {
		"panic+0x13d/0x2f4", "check_panic_on_warn.cold+0xf/0x1e",
		"__warn+0x89/0xc0", "report_bug+0xe2/0x150",
		"handle_bug+0x41/0x70", "exc_invalid_op+0x13/0x60",
		"asm_exc_invalid_op+0x16/0x20",
		"refcount_warn_saturate+0xba/0x110",
		"__refcount_sub_and_test.constprop.0+0x2a/0x31 [crashme]",
		"crashme_refcount_underflow+0x1f/0x34 [crashme]",
		"crashme_init+0x12b/0x1000 [crashme]",
		"do_one_initcall+0x59/0x220",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-amd64", "x86_64", (1u << 12) | (1u << 13));
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 113, "insmod",
		 "kernel: panic_on_warn set ...\n", NULL, -1);
	set_crash(b, 0x3, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 113, 0, bt, N(bt));
	sb_log(b, log_refcount);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void check_refcount(const struct verdict *v)
{
	CHECK(v->cls == VC_WARN);
	CHECK_STR(v->kind, "refcount");
	CHECK_STR(v->culprit.function, "crashme_refcount_underflow");
	CHECK_STR(v->culprit.module, "crashme");
	CHECK_STR(v->culprit.checker, "refcount_warn_saturate");
	CHECK_STR(v->culprit.context, "task");
	CHECK_STR(v->culprit.comm, "insmod");
	CHECK_STR(v->title, "WARNING: refcount bug in crashme_refcount_underflow");
	CHECK_STR(v->signature, "warn/refcount:crashme_refcount_underflow[crashme]");
	CHECK_STR(v->summary, "refcount_t: underflow; use-after-free in crashme_refcount_underflow [crashme] (found by refcount_warn_saturate at lib/refcount.c:28) by insmod (pid 113) on CPU 0; panic_on_warn made the WARNING a panic");
	CHECK(fx_evidence_has(v, "log: \"refcount_t: underflow; use-after-free.\""));
}

static void test_checker_refcount(void)
{
	static struct verdict v;

	judge_ck(&v, fx_refcount, NULL, NULL, NULL);
	check_refcount(&v);
	judge_ck(&v, NULL, log_refcount, NULL, NULL);
	CHECK(v.degraded);
	check_refcount(&v);
}

static void test_checker_usercopy(void)
{
	static struct verdict v;
	static const char log[] =
		"[    7.1] usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-16' (offset 0, size 64)!\n"
		"[    7.1] ------------[ cut here ]------------\n"
		"[    7.1] kernel BUG at mm/usercopy.c:99!\n"
		"[    7.1] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
		"[    7.1] CPU: 1 PID: 130 Comm: insmod Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.192-3\n"
		"[    7.1] RIP: 0010:usercopy_abort+0x6c/0x6e\n"
		"[    7.1] Call Trace:\n"
		"[    7.1]  <TASK>\n"
		"[    7.1]  __check_heap_object+0xe3/0x120\n"
		"[    7.1]  __check_object_size.part.0+0x5d/0x130\n"
		"[    7.1]  crashme_usercopy+0x4a/0x90 [crashme]\n"
		"[    7.1]  crashme_init+0x140/0x1000 [crashme]\n"
		"[    7.1]  </TASK>\n";

	judge_ck(&v, NULL, log, NULL, NULL);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "usercopy");
	CHECK_STR(v.culprit.function, "crashme_usercopy");
	CHECK_STR(v.culprit.checker, "usercopy_abort");
	CHECK_STR(v.title, "BUG: bad usercopy in crashme_usercopy");
	CHECK_CONTAINS(v.summary, "usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-16' (offset 0, size 64) in crashme_usercopy [crashme] (found by usercopy_abort at mm/usercopy.c:99)");
}

/* 6.12: a copy the compiler sees overflow only WARNs (panic_on_warn). */
static void test_checker_copy_overflow(void)
{
	static struct verdict v;
	static const char log[] =
		"[   14.530295] ------------[ cut here ]------------\n"
		"[   14.530526] Buffer overflow detected (16 < 64)!\n"
		"[   14.531227] WARNING: CPU: 1 PID: 151 at mm/maccess.c:228 __copy_overflow+0x1a/0x30\n"
		"[   14.532000] CPU: 1 UID: 0 PID: 151 Comm: insmod Tainted: G           OE      6.12.117+deb12-amd64 #1\n"
		"[   14.532100] RIP: 0010:__copy_overflow+0x1a/0x30\n"
		"[   14.538992] Call Trace:\n"
		"[   14.540156]  <TASK>\n"
		"[   14.540521]  crashme_usercopy+0x77/0x90 [crashme]\n"
		"[   14.541184]  crashme_init+0x19c/0xff0 [crashme]\n"
		"[   14.541300]  </TASK>\n"
		"[   14.541400] Kernel panic - not syncing: kernel: panic_on_warn set ...\n";

	judge_ck(&v, NULL, log, NULL, NULL);
	CHECK(v.cls == VC_WARN);
	CHECK_STR(v.kind, "usercopy");
	CHECK_STR(v.culprit.function, "crashme_usercopy");
	CHECK_STR(v.culprit.checker, "__copy_overflow");
	CHECK_STR(v.title, "WARNING: bad usercopy in crashme_usercopy");
	CHECK_CONTAINS(v.summary, "Buffer overflow detected (16 < 64) in crashme_usercopy [crashme] (found by __copy_overflow at mm/maccess.c:228) by insmod (pid 151) on CPU 1");
}

/* A BUG_ON in an out-of-line lib/ helper: its caller is named. */
static void test_checker_lib_helper(void)
{
	static struct verdict v;
	static const char log[] =
		"[    7.1] kernel BUG at lib/scatterlist.c:321!\n"
		"[    7.1] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
		"[    7.1] CPU: 1 PID: 130 Comm: dd Tainted: G           OE      6.1.0-57-amd64 #1\n"
		"[    7.1] RIP: 0010:__sg_alloc_table+0x12f/0x140\n"
		"[    7.1] Call Trace:\n"
		"[    7.1]  <TASK>\n"
		"[    7.1]  sg_alloc_table+0x1f/0x50\n"
		"[    7.1]  mydrv_map+0x4a/0x90 [mydrv]\n"
		"[    7.1]  </TASK>\n";
	static const char log_mm[] =
		"[    7.1] kernel BUG at mm/slub.c:456!\n"
		"[    7.1] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
		"[    7.1] CPU: 1 PID: 130 Comm: dd Tainted: G           OE      6.1.0-57-amd64 #1\n"
		"[    7.1] RIP: 0010:kfree+0x12f/0x140\n"
		"[    7.1] Call Trace:\n"
		"[    7.1]  <TASK>\n"
		"[    7.1]  mydrv_free+0x4a/0x90 [mydrv]\n"
		"[    7.1]  </TASK>\n";

	judge_ck(&v, NULL, log, NULL, NULL);
	CHECK_STR(v.kind, "bug");
	/* sg_alloc_table is the helper's own wrapper, not a checker: the
	 * first frame past the helper is named, which is honest about it */
	CHECK_STR(v.culprit.function, "sg_alloc_table");
	CHECK_STR(v.culprit.checker, "__sg_alloc_table");
	CHECK(fx_evidence_has(&v, "a generic helper (lib/scatterlist.c:321)"));
	CHECK_STR(v.title, "kernel BUG in sg_alloc_table");
	/* elsewhere than lib/, the BUG's function stays the culprit */
	judge_ck(&v, NULL, log_mm, NULL, NULL);
	CHECK_STR(v.culprit.function, "kfree");
	CHECK_STR(v.culprit.checker, "");
	CHECK_STR(v.title, "kernel BUG in kfree");
}

/* Debian 6.1 amd64, what=timer: the oops in the timer softirq (tests/e2e). */
static const char log_timer[] =
	"[    6.950000] BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
	"[    6.950100] #PF: supervisor write access in kernel mode\n"
	"[    6.950200] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
	"[    6.953532] CPU: 1 PID: 0 Comm: swapper/1 Kdump: loaded Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.192-3\n"
	"[    6.953532] RIP: 0010:crashme_timer_fn+0x18/0x28 [crashme]\n"
	"[    6.953532] Call Trace:\n"
	"[    6.953532]  <IRQ>\n"
	"[    6.953532]  call_timer_fn+0x27/0x130\n"
	"[    6.953532]  ? crashme_atomic_write+0x20/0x20 [crashme]\n"
	"[    6.953532]  __run_timers+0x222/0x2c0\n"
	"[    6.953532]  run_timer_softirq+0x19/0x30\n"
	"[    6.953532]  handle_softirqs+0xd7/0x280\n"
	"[    6.953532]  __irq_exit_rcu+0xac/0xe0\n"
	"[    6.953532]  sysvec_apic_timer_interrupt+0x6e/0x90\n"
	"[    6.953532]  </IRQ>\n"
	"[    6.953532]  <TASK>\n"
	"[    6.953532]  asm_sysvec_apic_timer_interrupt+0x16/0x20\n"
	"[    6.953532] RIP: 0010:native_safe_halt+0xb/0x10\n";

static void fx_timer(struct snapbuild *b)
{
	static const char *const regs[] = {
		"crashme_timer_fn+0x18/0x28 [crashme]",
		"call_timer_fn+0x27/0x130", "__run_timers+0x222/0x2c0",
		"run_timer_softirq+0x19/0x30", "handle_softirqs+0xd7/0x280",
		"__irq_exit_rcu+0xac/0xe0",
		"sysvec_apic_timer_interrupt+0x6e/0x90",
		"asm_sysvec_apic_timer_interrupt+0x16/0x20",
		"native_safe_halt+0xb/0x10", "amd_e400_idle+0x3d/0x50",
		"default_idle_call+0x38/0xf0", "do_idle+0x206/0x2b0",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-amd64", "x86_64", (1u << 12) | (1u << 13));
	sb_crash(b, TRIAGE_REASON_DIE, 1, 0, "swapper/1", NULL, "Oops", 14);
	set_crash(b, 0x102, 0);
	sb_backtrace(b, TRIAGE_BT_REGS, 0, 1, regs, N(regs));
	sb_log(b, log_timer);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void check_timer(const struct verdict *v)
{
	CHECK(v->cls == VC_OOPS);
	CHECK_STR(v->kind, "null_deref");
	CHECK_STR(v->culprit.function, "crashme_timer_fn");
	CHECK_STR(v->culprit.module, "crashme");
	CHECK_STR(v->culprit.checker, "");
	CHECK_STR(v->culprit.context, "softirq");
	CHECK_STR(v->culprit.softirq, "timer");
	/* swapper/1 was only interrupted: not the culprit */
	CHECK(v->culprit.pid == -1 && !v->culprit.comm[0]);
	CHECK(v->culprit.interrupted_pid == 0);
	CHECK_STR(v->culprit.interrupted_comm, "swapper/1");
	CHECK(v->culprit.cpu == 1);
	CHECK_STR(v->summary, "NULL pointer dereference at address 0x0 in crashme_timer_fn [crashme] in timer softirq, interrupting swapper/1 (pid 0) on CPU 1");
	CHECK_STR(v->signature, "oops/null_deref:crashme_timer_fn[crashme]");
	CHECK(fx_evidence_has(v, "it ran in timer softirq"));
}

static void test_checker_timer_softirq(void)
{
	static struct verdict v;
	char *json = NULL, *text = NULL;
	json_t *root, *cu, *in;
	json_error_t jerr;

	judge_ck(&v, fx_timer, NULL, &json, &text);
	check_timer(&v);
	CHECK(fx_evidence_has(&v, "preempt count 0x102: serving a softirq"));
	root = json ? json_loads(json, 0, &jerr) : NULL;
	CHECK(root != NULL);
	cu = json_object_get(root, "culprit");
	CHECK_STR(json_string_value(json_object_get(cu, "context")), "softirq");
	CHECK_STR(json_string_value(json_object_get(cu, "softirq")), "timer");
	CHECK(json_is_null(json_object_get(cu, "pid")));
	CHECK(json_is_null(json_object_get(cu, "checker")));
	in = json_object_get(cu, "interrupted");
	CHECK_STR(json_string_value(json_object_get(in, "comm")), "swapper/1");
	CHECK(json_integer_value(json_object_get(in, "pid")) == 0);
	CHECK_CONTAINS(text, "Context:   in timer softirq, interrupting swapper/1 (pid 0)\n");
	json_decref(root);
	free(json);
	free(text);
	/* from the log alone: the frames and the log's task line */
	judge_ck(&v, NULL, log_timer, &json, NULL);
	CHECK(v.degraded);
	check_timer(&v);
	root = json ? json_loads(json, 0, &jerr) : NULL;
	/* crash.pid and comm still say who was current */
	CHECK(json_integer_value(json_object_get(json_object_get(root, "crash"), "pid")) == 0);
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "crash"), "comm")), "swapper/1");
	json_decref(root);
	free(json);
}

/* A module's IRQ handler, a tasklet run by ksoftirqd, a kprobe's NMI bits. */
static void fx_ctx(struct snapbuild *b, const char *comm, int pid,
		   uint32_t pc, const char *const *regs, unsigned int n)
{
	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-amd64", "x86_64", 0);
	sb_crash(b, TRIAGE_REASON_DIE, 2, pid, comm, NULL, "Oops", 14);
	set_crash(b, pc, 8);
	sb_backtrace(b, TRIAGE_BT_REGS, pid, 2, regs, n);
	sb_log(b, "[ 5.0] BUG: kernel NULL pointer dereference, address: 0000000000000008\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void fx_hardirq(struct snapbuild *b)
{
	static const char *const regs[] = {
		"mydrv_irq+0x11/0x40 [mydrv]",
		"__handle_irq_event_percpu+0x46/0x190",
		"handle_irq_event+0x34/0x80", "handle_edge_irq+0x87/0x220",
		"__common_interrupt+0x3e/0x90", "common_interrupt+0x7b/0xa0",
		"asm_common_interrupt+0x22/0x40", "bash_loop+0x10/0x20",
	};

	fx_ctx(b, "bash", 300, 0x10001, regs, N(regs));
}

static void fx_ksoftirqd(struct snapbuild *b)
{
	static const char *const regs[] = {
		"mydrv_tasklet+0x11/0x40 [mydrv]",
		"tasklet_action_common.constprop.0+0xaa/0xd0",
		"handle_softirqs+0xd7/0x280", "run_ksoftirqd+0x2a/0x40",
		"smpboot_thread_fn+0xd9/0x1d0", "kthread+0xd7/0x100",
	};

	fx_ctx(b, "ksoftirqd/2", 24, 0x101, regs, N(regs));
}

/* x86's int3 (a kprobe) and #DF enter like an NMI: 0x110000 is not the
 * crash's context when no NMI handler is on the stack. */
static void fx_nmi_bits(struct snapbuild *b)
{
	static const char *const regs[] = {
		"mydrv_ioctl+0x11/0x40 [mydrv]", "__x64_sys_ioctl+0x8d/0xd0",
		"do_syscall_64+0x5d/0xb0",
	};

	fx_ctx(b, "cat", 410, 0x110001, regs, N(regs));
}

static void fx_softirq_bits_only(struct snapbuild *b)
{
	static const char *const regs[] = { "mydrv_poll+0x11/0x40 [mydrv]" };

	fx_ctx(b, "swapper/2", 0, 0x100, regs, N(regs));
}

static void test_checker_contexts(void)
{
	static struct verdict v;

	judge_ck(&v, fx_hardirq, NULL, NULL, NULL);
	CHECK_STR(v.culprit.function, "mydrv_irq");
	CHECK_STR(v.culprit.context, "hardirq");
	CHECK(v.culprit.softirq == NULL && v.culprit.pid == -1);
	CHECK_CONTAINS(v.summary, "in mydrv_irq [mydrv] in hard interrupt, interrupting bash (pid 300) on CPU 2");

	judge_ck(&v, fx_ksoftirqd, NULL, NULL, NULL);
	CHECK_STR(v.culprit.context, "softirq");
	CHECK_STR(v.culprit.softirq, "tasklet");
	CHECK_CONTAINS(v.summary, "in mydrv_tasklet [mydrv] in tasklet softirq, run by ksoftirqd/2 (pid 24) on CPU 2");

	judge_ck(&v, fx_nmi_bits, NULL, NULL, NULL);
	CHECK_STR(v.culprit.context, "task");
	CHECK(v.culprit.pid == 410);
	CHECK_CONTAINS(v.summary, "in mydrv_ioctl [mydrv] by cat (pid 410) on CPU 2");

	/* no frames to say which: the preempt count alone */
	judge_ck(&v, fx_softirq_bits_only, NULL, NULL, NULL);
	CHECK_STR(v.culprit.context, "softirq");
	CHECK(v.culprit.softirq == NULL);
	CHECK_CONTAINS(v.summary, "in mydrv_poll [mydrv] in softirq, interrupting swapper/2 (pid 0) on CPU 2");
	CHECK(fx_evidence_has(&v, "it ran in softirq, interrupting swapper/2 (pid 0) (preempt count 0x100: serving a softirq)"));
}

/* panic() from a tasklet on arm64 (frames of the kprobe's caller). */
static void fx_panic_tasklet(struct snapbuild *b)
{
	static const char *const bt[] = {
		"panic+0x18c/0x378", "mydrv_tasklet+0x24/0x30 [mydrv]",
		"tasklet_action_common.constprop.0+0x11c/0x160",
		"tasklet_action+0x30/0x40", "__do_softirq+0x11c/0x3c0",
		"____do_softirq+0x18/0x30", "call_on_irq_stack+0x24/0x58",
		"do_softirq_own_stack+0x24/0x38", "__irq_exit_rcu+0x104/0x130",
		"irq_exit_rcu+0x18/0x28", "el1_interrupt+0x38/0x70",
		"el1h_64_irq_handler+0x18/0x28", "el1h_64_irq+0x64/0x68",
		"default_idle_call+0x40/0x180",
	};

	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-57-arm64", "aarch64", 0);
	sb_crash(b, TRIAGE_REASON_PANIC, 3, 0, "swapper/3",
		 "mydrv: lost the device", NULL, -1);
	set_crash(b, 0x101, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 0, 3, bt, N(bt));
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

/* A panic in a task keeps it; one from a softirq does not blame it. */
static void test_checker_panic_context(void)
{
	static struct verdict v;

	judge_ck(&v, fx_panic, NULL, NULL, NULL);
	CHECK(v.cls == VC_PANIC);
	CHECK_STR(v.culprit.comm, "insmod");
	CHECK_STR(v.culprit.context, "task");
	CHECK(v.culprit.interrupted_pid == -1);
	CHECK_CONTAINS(v.summary, "panic() called from crashme_explicit_panic [crashme] by insmod (pid 4321) on CPU 0");

	judge_ck(&v, fx_panic_tasklet, NULL, NULL, NULL);
	CHECK(v.cls == VC_PANIC);
	CHECK_STR(v.culprit.function, "mydrv_tasklet");
	CHECK_STR(v.culprit.context, "softirq");
	CHECK_STR(v.culprit.softirq, "tasklet");
	CHECK(v.culprit.pid == -1);
	CHECK_STR(v.summary, "panic() called from mydrv_tasklet [mydrv] in tasklet softirq, interrupting swapper/3 (pid 0) on CPU 3: \"mydrv: lost the device\"");
}

/*
 * A module's last data symbol has no size the module can trust (kallsyms
 * measured it to the end of the module's text, below it): the module
 * writes "hang_lock [hangme]" (no "+0x0/0xffffffffffffebbc"), which names
 * the lock as the sized form does.
 */
static void fx_lockup_nosize(struct snapbuild *b)
{
	struct triage_rec_lockup *l;

	fx_lockup_watchdog(b, 1);
	l = sb_find(b, TRIAGE_REC_LOCKUP);
	if (l)
		snprintf(l->lock_symbol, sizeof(l->lock_symbol), "%s",
			 "hang_lock [hangme]");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_checker_data_symbol_no_size(void)
{
	static struct verdict v;
	char *json = NULL;
	json_t *root, *lock;
	json_error_t jerr;

	judge_ck(&v, fx_lockup_nosize, NULL, &json, NULL);
	CHECK(v.cls == VC_HARD_LOCKUP);
	root = json ? json_loads(json, 0, &jerr) : NULL;
	lock = json_object_get(json_object_get(root, "lockup"), "lock");
	CHECK_STR(json_string_value(json_object_get(lock, "symbol")),
		  "hang_lock [hangme]");
	CHECK_STR(json_string_value(json_object_get(lock, "symbol_raw")),
		  "hang_lock [hangme]");
	CHECK(strstr(v.signature, ":hang_lock [hangme]") != NULL);
	json_decref(root);
	free(json);
}

void checker_tests(void)
{
	RUN(test_checker_kinds);
	RUN(test_checker_irq_classes);
	RUN(test_checker_list_add);
	RUN(test_checker_kasan_title);
	RUN(test_checker_list_del_612);
	RUN(test_checker_refcount);
	RUN(test_checker_usercopy);
	RUN(test_checker_copy_overflow);
	RUN(test_checker_lib_helper);
	RUN(test_checker_timer_softirq);
	RUN(test_checker_contexts);
	RUN(test_checker_panic_context);
	RUN(test_checker_data_symbol_no_size);
}
