// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_judge.c - verdicts for typical crashes, with and without a snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "unit.h"

/* Judge a snapshot built by @build (NULL: none) with an optional dump log. */
static void judge_fx(struct verdict *v, void (*build)(struct snapbuild *),
		     const char *dump_log)
{
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { .dump_log = dump_log };
	struct errmsg err;

	if (build) {
		build(&b);
		snapshot_decode(&s, b.buf, sb_len(&b));
		in.snap = &s;
	}
	CHECK(verdict_judge(v, &in, &err) == ST_OK);
	if (build) {
		/* the verdict borrows the log: keep only what is checked */
		v->log = NULL;
		snapshot_free(&s);
		sb_free(&b);
	}
}

static bool has_digit_run(const char *s, int n)
{
	int run = 0;

	for (; *s; s++) {
		run = (*s >= '0' && *s <= '9') ? run + 1 : 0;
		if (run >= n)
			return true;
	}
	return false;
}

static void test_judge_panic_module(void)
{
	static struct verdict v;

	judge_fx(&v, fx_panic, NULL);
	CHECK(v.cls == VC_PANIC && !v.degraded && v.kind == NULL);
	CHECK_STR(v.culprit.function, "crashme_explicit_panic");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK_STR(v.culprit.comm, "insmod");
	CHECK(v.culprit.pid == 4321 && v.culprit.cpu == 0);
	CHECK_STR(v.title, "panic: crashme: explicit panic from the test module");
	CHECK_CONTAINS(v.summary, "crashme_explicit_panic [crashme]");
	CHECK_STR(v.message, "crashme: explicit panic from the test module");
	CHECK_STR(v.signature, "panic:crashme_explicit_panic[crashme]:crashme: explicit panic from the test module");
	CHECK(!has_digit_run(v.signature, 3));
}

static void fx_sysrq_proc(struct snapbuild *b) { fx_sysrq(b, 1); }
static void fx_sysrq_key(struct snapbuild *b) { fx_sysrq(b, 0); }

static void test_judge_sysrq(void)
{
	static struct verdict v;

	judge_fx(&v, fx_sysrq_proc, NULL);
	CHECK(v.cls == VC_SYSRQ && !v.degraded);
	CHECK_STR(v.summary, "crash triggered by hand through /proc/sysrq-trigger by bash (pid 212) on CPU 1");
	CHECK_STR(v.title, "sysrq: crash triggered by hand");
	CHECK_STR(v.culprit.function, "sysrq_handle_crash");
	judge_fx(&v, fx_sysrq_key, NULL);
	CHECK(v.cls == VC_SYSRQ);
	CHECK_CONTAINS(v.summary, "SysRq key");
	CHECK(strcmp(v.signature, "sysrq:sysrq_handle_crash:proc-sysrq-trigger") != 0);
}

static void test_judge_oops_null(void)
{
	static struct verdict v;

	judge_fx(&v, fx_oops_null, NULL);
	CHECK(v.cls == VC_OOPS && !v.degraded);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.culprit.function, "crashme_null_deref");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK(v.culprit.pid == 377 && v.culprit.cpu == 1);
	CHECK(v.has_fault_addr && v.fault_addr == 0x10);
	CHECK_STR(v.title, "BUG: unable to handle kernel NULL pointer dereference in crashme_null_deref");
	CHECK_CONTAINS(v.summary, "NULL pointer dereference at address 0x10 in crashme_null_deref [crashme]");
	CHECK(v.nr_frames >= 1);
	CHECK_STR(v.frames[0].sym, "crashme_null_deref+0x11/0x20 [crashme]");
	CHECK_STR(v.signature, "oops/null_deref:crashme_null_deref[crashme]");
}

/* No log in the snapshot: the kind comes from the trap and the address. */
static void fx_oops_nolog(struct snapbuild *b)
{
	static const char *const bt[] = { "f+0x1/0x10 [m]" };

	sb_init(b, 1 << 16, FX_PHYS);
	sb_crash(b, TRIAGE_REASON_DIE, 0, 10, "x", NULL, "Oops", 14);
	sb_backtrace(b, TRIAGE_BT_REGS, 10, 0, bt, 1);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_judge_oops_from_trap(void)
{
	static struct verdict v;

	judge_fx(&v, fx_oops_nolog, NULL);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.culprit.function, "f");
	CHECK_STR(v.culprit.module, "m");
}

static void test_judge_bug(void)
{
	static struct verdict v;

	judge_fx(&v, fx_bug, NULL);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "bug");
	CHECK_STR(v.title, "kernel BUG in crashme_bug");
	CHECK_STR(v.culprit.module, "crashme");
}

static void test_judge_gpf(void)
{
	static struct verdict v;

	judge_fx(&v, fx_gpf, NULL);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "general_protection");
	CHECK_STR(v.title, "general protection fault in crashme_gpf");
}

static void test_judge_list_corruption(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 1.0] list_del corruption. prev->next should be ffff8880, but was dead000000000122\n"
		"[ 1.0] ------------[ cut here ]------------\n"
		"[ 1.0] kernel BUG at lib/list_debug.c:62!\n"
		"[ 1.0] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
		"[ 1.0] CPU: 0 PID: 88 Comm: kworker/0:1 Not tainted 6.1.0 #1\n"
		"[ 1.0] RIP: 0010:__list_del_entry_valid.cold+0x4b/0x6f\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  <TASK>\n"
		"[ 1.0]  my_remove+0x22/0x40 [buggy]\n"
		"[ 1.0]  </TASK>\n";

	judge_fx(&v, NULL, log);
	CHECK(v.cls == VC_OOPS && v.degraded);
	CHECK_STR(v.kind, "list_corruption");
	/* the checker found it; the caller that handed it the list did it */
	CHECK_STR(v.culprit.function, "my_remove");
	CHECK_STR(v.culprit.module, "buggy");
	CHECK_STR(v.culprit.checker, "__list_del_entry_valid");
	CHECK_STR(v.title, "BUG: corrupted list in my_remove");
	CHECK_STR(v.signature, "oops/list_corruption:my_remove[buggy]");
	CHECK_STR(v.culprit.comm, "kworker/0:1");
	CHECK_STR(v.culprit.context, "task");
	CHECK_CONTAINS(v.summary, "list_del corruption in my_remove [buggy] (found by __list_del_entry_valid at lib/list_debug.c:62: prev->next should be ffff8880, but was dead000000000122) by kworker/0:1 (pid 88) on CPU 0");
}

static void test_judge_warn(void)
{
	static struct verdict v;

	judge_fx(&v, fx_warn, NULL);
	CHECK(v.cls == VC_WARN);
	CHECK_STR(v.culprit.function, "crashme_warn");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK_STR(v.location, "/tmp/crashme/crashme.c:77");
	CHECK_STR(v.title, "WARNING in crashme_warn");
	CHECK(v.culprit.pid == 500);
}

static void test_judge_degraded_log(void)
{
	static struct verdict v;

	judge_fx(&v, NULL, fx_log_vfs_panic);
	CHECK(v.cls == VC_PANIC && v.degraded);
	CHECK_STR(v.message, "VFS: Unable to mount root fs on unknown-block(0,0)");
	CHECK_STR(v.culprit.function, "mount_block_root");
	CHECK_STR(v.culprit.comm, "swapper/0");
	CHECK(v.culprit.pid == 1 && v.culprit.cpu == 0);
	CHECK(v.nr_frames == 7);	/* "?" frames left out */
	CHECK_STR(v.log_source, "dump");
	CHECK(v.nr_evidence >= 2);
	CHECK_CONTAINS(v.evidence[v.nr_evidence - 2], "degraded");
}

static void test_judge_degraded_arm64_oops(void)
{
	static struct verdict v;

	judge_fx(&v, NULL, fx_log_arm64_null);
	CHECK(v.cls == VC_OOPS && v.degraded);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.culprit.function, "crashme_null_deref");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK(v.culprit.pid == 290);
	CHECK(v.has_fault_addr && v.fault_addr == 0);
	CHECK(v.nr_frames == 3);
}

/* An arm64 oops whose registers and trace put more than the marker window
 * between "Unable to handle kernel NULL pointer dereference" and the panic
 * line ("Oops: Fatal exception"): still a NULL dereference. */
static void test_judge_arm64_oops_long(void)
{
	static struct verdict v;
	static char log[8192];
	size_t n = 0;
	int i;

	n += (size_t)snprintf(log + n, sizeof(log) - n,
		"[ 52.338120] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000\n"
		"[ 52.343600] Internal error: Oops: 0000000096000045 [#1] PREEMPT SMP\n"
		"[ 52.344610] CPU: 2 PID: 129 Comm: insmod Tainted: G           OE      6.1.0-18-arm64 #1\n"
		"[ 52.346620] pc : crashme_null_deref+0x10/0x20 [crashme]\n");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(log + n, sizeof(log) - n,
			"[ 52.348600] x%d : 0000000000000000 x%d : 0000000000000000\n",
			i * 2 + 1, i * 2);
	snprintf(log + n, sizeof(log) - n,
		 "[ 52.351280] Call trace:\n"
		 "[ 52.351530]  crashme_null_deref+0x10/0x20 [crashme]\n"
		 "[ 52.352010]  crashme_init+0x48/0x1000 [crashme]\n"
		 "[ 52.360000] Kernel panic - not syncing: Oops: Fatal exception\n");
	judge_fx(&v, NULL, log);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.title, "BUG: unable to handle kernel NULL pointer dereference in crashme_null_deref");
}

static void test_judge_degraded_sysrq(void)
{
	static struct verdict v;

	judge_fx(&v, NULL, fx_log_sysrq);
	CHECK(v.cls == VC_SYSRQ && v.degraded);
	CHECK_STR(v.message, "sysrq triggered crash");
	CHECK_CONTAINS(v.summary, "/proc/sysrq-trigger by bash (pid 969) on CPU 6");
}

static void test_judge_unknown(void)
{
	static struct verdict v;

	judge_fx(&v, NULL, NULL);
	CHECK(v.cls == VC_UNKNOWN && v.degraded && v.culprit.pid == -1);
	CHECK_STR(v.signature, "unknown");
	judge_fx(&v, NULL, "[ 1.0] just a boot\n[ 2.0] nothing else\n");
	CHECK(v.cls == VC_UNKNOWN);
}

/* The same root cause on another boot: other pids, CPUs, offsets. */
static void test_judge_signature_stable(void)
{
	static struct verdict a, b;
	static const char log2[] =
		"[ 9.9] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(8,3)\n"
		"[ 9.9] CPU: 3 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1\n"
		"[ 9.9] Call Trace:\n"
		"[ 9.9]  panic+0x111/0x2ff\n"
		"[ 9.9]  mount_block_root+0x2a1/0x2b0\n";

	judge_fx(&a, NULL, fx_log_vfs_panic);
	judge_fx(&b, NULL, log2);
	CHECK_STR(a.signature, b.signature);
	CHECK(!has_digit_run(a.signature, 2));
}

static void test_judge_hung_task(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 245.1] INFO: task init:1 blocked for more than 120 seconds.\n"
		"[ 245.1]       Tainted: G           OE      6.1.0-56-amd64 #1\n"
		"[ 245.1] task:init            state:D stack:0     pid:1     ppid:0      flags:0x00000000\n"
		"[ 245.1] Call Trace:\n"
		"[ 245.1]  <TASK>\n"
		"[ 245.1]  __schedule+0x34d/0x9e0\n"
		"[ 245.1]  schedule+0x5a/0xd0\n"
		"[ 245.1]  rwsem_down_write_slowpath+0x32f/0x6a0\n"
		"[ 245.1]  do_mprotect_pkey+0xa5/0x3c0\n"
		"[ 245.1]  </TASK>\n"
		"[ 245.2] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_fx(&v, NULL, log);
	CHECK(v.cls == VC_HUNG_TASK);
	CHECK_STR(v.culprit.comm, "init");
	CHECK(v.culprit.pid == 1);
	CHECK_STR(v.culprit.function, "do_mprotect_pkey");
	CHECK_STR(v.title, "INFO: task hung in do_mprotect_pkey");
}

static void test_judge_atomic_sleep(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 60.0] BUG: scheduling while atomic: leaky/311/0x00000002\n"
		"[ 60.0] CPU: 1 PID: 311 Comm: leaky Tainted: G OE 6.1.0 #1\n"
		"[ 60.0] Call Trace:\n"
		"[ 60.0]  dump_stack_lvl+0x44/0x5c\n"
		"[ 60.0]  __schedule_bug.cold+0x47/0x53\n"
		"[ 60.0]  __schedule+0x6ec/0x9e0\n"
		"[ 60.0]  schedule+0x5a/0xd0\n"
		"[ 60.0]  exit_to_user_mode_prepare+0xbd/0x150\n"
		"[ 60.0] Kernel panic - not syncing: panic_on_warn set ...\n";

	judge_fx(&v, NULL, log);
	CHECK(v.cls == VC_ATOMIC_SLEEP);
	CHECK(v.preempt_count == 2);
	CHECK_STR(v.culprit.comm, "leaky");
	CHECK(v.culprit.pid == 311 && v.culprit.cpu == 1);
	CHECK_STR(v.culprit.function, "exit_to_user_mode_prepare");
}

static void test_judge_oom(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 70.0] hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n"
		"[ 70.1] Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled\n";

	judge_fx(&v, NULL, log);
	CHECK(v.cls == VC_OOM);
	CHECK_STR(v.culprit.comm, "hog");
	CHECK_STR(v.signature, "oom:panic_on_oom");
	CHECK_CONTAINS(v.summary, "panic_on_oom");
}

/* A corrupt snapshot is not trusted: the dump's log decides, degraded. */
static void fx_corrupt(struct snapbuild *b)
{
	fx_panic(b);
	sb_hdr(b)->data_crc ^= 0xff;
	sb_rehash_header(b);
}

static void test_judge_corrupt_snapshot(void)
{
	static struct verdict v;

	judge_fx(&v, fx_corrupt, fx_log_vfs_panic);
	CHECK(v.degraded && v.cls == VC_PANIC);
	CHECK_STR(v.culprit.function, "mount_block_root");
	CHECK(fx_evidence_has(&v, "data CRC mismatch"));
}

/* As on 6.1 under QEMU: panic() is the last call of crashme_explicit_panic,
 * so the return address is offset 0 of the next function, crashme_bug. */
static void fx_panic_noreturn(struct snapbuild *b)
{
	static const char *const bt[] = {
		"panic+0x13d/0x2f4",
		"crashme_bug+0x0/0x7 [crashme]",
		"crashme_init+0x38/0x1000 [crashme]",
		"do_one_initcall+0x59/0x220",
	};

	sb_init(b, 1 << 16, FX_PHYS);
	sb_crash(b, TRIAGE_REASON_PANIC, 1, 110, "insmod",
		 "crashme: explicit panic from the test module", NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 110, 1, bt, 4);
	sb_log(b, "[    4.84] Kernel panic - not syncing: crashme: explicit panic from the test module\n"
		  "[    4.84] CPU: 1 PID: 110 Comm: insmod Tainted: G           OE      6.1.0-56-amd64 #1\n"
		  "[    4.84] Call Trace:\n"
		  "[    4.84]  <TASK>\n"
		  "[    4.84]  dump_stack_lvl+0x44/0x5c\n"
		  "[    4.84]  panic+0x118/0x2f4\n"
		  "[    4.84]  ? _printk+0x68/0x83\n"
		  "[    4.84]  crashme_explicit_panic+0x11/0x11 [crashme]\n"
		  "[    4.84]  crashme_init+0x38/0x1000 [crashme]\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_judge_noreturn_caller(void)
{
	static struct verdict v;

	judge_fx(&v, fx_panic_noreturn, NULL);
	CHECK(v.cls == VC_PANIC && !v.degraded);
	CHECK_STR(v.culprit.function, "crashme_explicit_panic");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK_CONTAINS(v.evidence[0], "crashme_bug+0x0/0x7 [crashme] is a return address");
	CHECK_STR(v.frames[1].sym, "crashme_bug+0x0/0x7 [crashme]");	/* as captured */
}

void judge_tests(void)
{
	RUN(test_judge_noreturn_caller);
	RUN(test_judge_panic_module);
	RUN(test_judge_arm64_oops_long);
	RUN(test_judge_sysrq);
	RUN(test_judge_oops_null);
	RUN(test_judge_oops_from_trap);
	RUN(test_judge_bug);
	RUN(test_judge_gpf);
	RUN(test_judge_list_corruption);
	RUN(test_judge_warn);
	RUN(test_judge_degraded_log);
	RUN(test_judge_degraded_arm64_oops);
	RUN(test_judge_degraded_sysrq);
	RUN(test_judge_unknown);
	RUN(test_judge_signature_stable);
	RUN(test_judge_hung_task);
	RUN(test_judge_atomic_sleep);
	RUN(test_judge_oom);
	RUN(test_judge_corrupt_snapshot);
}
