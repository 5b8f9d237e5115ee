// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fixtures.c - synthetic crash snapshots and kernel logs for the tests.
 */
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "unit.h"

bool fx_evidence_has(const struct verdict *v, const char *needle)
{
	size_t i;

	for (i = 0; i < v->nr_evidence; i++)
		if (strstr(v->evidence[i], needle))
			return true;
	return false;
}

static const char *const probe_frames[] = {
	"triage_capture_bt+0x2a/0x90 [triage_capture]",
	"triage_kprobe_pre+0x51/0x120 [triage_capture]",
	"kprobe_ftrace_handler+0x10b/0x1a0",
};

static void std_head(struct snapbuild *b)
{
	sb_init(b, FX_REGION, FX_PHYS);
	sb_system(b, "6.1.0-56-amd64", "x86_64", (1u << 12) | (1u << 13));
}

static void bt_with_probe(struct snapbuild *b, uint32_t source, int pid,
			  int cpu, const char *const *rest, unsigned int n)
{
	const char *all[64];
	unsigned int i, k = 0;

	for (i = 0; i < N(probe_frames); i++)
		all[k++] = probe_frames[i];
	for (i = 0; i < n && k < 64; i++)
		all[k++] = rest[i];
	sb_backtrace(b, source, pid, cpu, all, k);
}

void fx_panic(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120",
		"panic+0x11f/0x2f4",
		"crashme_explicit_panic+0x15/0x20 [crashme]",
		"crashme_write+0x5e/0x90 [crashme]",
		"proc_reg_write+0x54/0xa0",
		"vfs_write+0xc7/0x4a0",
		"ksys_write+0x67/0xf0",
		"do_syscall_64+0x3f/0x90",
		"entry_SYSCALL_64_after_hwframe+0x72/0xdc",
	};

	std_head(b);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 4321, "insmod",
		 "crashme: explicit panic from the test module\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 4321, 0, bt, N(bt));
	sb_module(b, "crashme", 0xffffffffc0a00000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_log(b, "[   12.000001] crashme: loaded\n"
		  "[   12.000002] Kernel panic - not syncing: crashme: explicit panic from the test module\n");
	sb_note(b, TRIAGE_NOTE_INFO, "capture via kprobe on __crash_kexec");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_sysrq(struct snapbuild *b, int via_proc)
{
	static const char *const proc[] = {
		"__crash_kexec+0x5/0x120", "panic+0x113/0x28c",
		"sysrq_handle_crash+0x15/0x20", "__handle_sysrq.cold+0x51/0x13c",
		"write_sysrq_trigger+0x42/0x50", "proc_reg_write+0x54/0xa0",
		"vfs_write+0xc7/0x4a0", "ksys_write+0x67/0xf0",
	};
	static const char *const key[] = {
		"__crash_kexec+0x5/0x120", "panic+0x113/0x28c",
		"sysrq_handle_crash+0x15/0x20", "__handle_sysrq.cold+0x51/0x13c",
		"serial8250_handle_irq+0x1a0/0x1c0", "handle_irq_event+0x3a/0x70",
	};

	std_head(b);
	sb_crash(b, TRIAGE_REASON_PANIC, 1, via_proc ? 212 : 0,
		 via_proc ? "bash" : "swapper/1", "sysrq triggered crash\n",
		 NULL, -1);
	if (via_proc)
		bt_with_probe(b, TRIAGE_BT_CURRENT, 212, 1, proc, N(proc));
	else
		bt_with_probe(b, TRIAGE_BT_CURRENT, 0, 1, key, N(key));
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void fx_die(struct snapbuild *b, const char *die_str, int trap,
		   const char *const *regs_bt, unsigned int n, const char *log)
{
	static const char *const cur[] = {
		"__crash_kexec+0x5/0x120", "crash_kexec+0x2a/0x40",
		"oops_end+0xc0/0xd0", "exc_invalid_op+0x13/0x60",
	};

	std_head(b);
	sb_crash(b, TRIAGE_REASON_DIE, 1, 377, "sh", NULL, die_str, trap);
	sb_backtrace(b, TRIAGE_BT_REGS, 377, 1, regs_bt, n);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 377, 1, cur, N(cur));
	sb_module(b, "crashme", 0xffffffffc0a00000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_LIVE);
	sb_log(b, log);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_oops_null(struct snapbuild *b)
{
	static const char *const bt[] = {
		"crashme_null_deref+0x11/0x20 [crashme]",
		"crashme_write+0x5e/0x90 [crashme]",
		"proc_reg_write+0x54/0xa0", "vfs_write+0xc7/0x4a0",
	};

	fx_die(b, "Oops", 14, bt, N(bt),
	       "[   30.1] BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
	       "[   30.1] #PF: supervisor read access in kernel mode\n"
	       "[   30.1] Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	       "[   30.1] CPU: 1 PID: 377 Comm: sh Tainted: G           OE      6.1.0-56-amd64 #1\n"
	       "[   30.1] RIP: 0010:crashme_null_deref+0x11/0x20 [crashme]\n");
}

void fx_bug(struct snapbuild *b)
{
	static const char *const bt[] = {
		"crashme_bug+0x9/0x10 [crashme]",
		"crashme_write+0x5e/0x90 [crashme]",
	};

	fx_die(b, "invalid opcode", 6, bt, N(bt),
	       "[   30.1] kernel BUG at /tmp/crashme/crashme.c:42!\n"
	       "[   30.1] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
	       "[   30.1] RIP: 0010:crashme_bug+0x9/0x10 [crashme]\n");
}

void fx_gpf(struct snapbuild *b)
{
	static const char *const bt[] = {
		"crashme_gpf+0x14/0x30 [crashme]",
		"crashme_write+0x5e/0x90 [crashme]",
	};

	fx_die(b, "general protection fault, probably for non-canonical address 0xdead000000000100",
	       13, bt, N(bt),
	       "[   30.1] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] PREEMPT SMP NOPTI\n"
	       "[   30.1] RIP: 0010:crashme_gpf+0x14/0x30 [crashme]\n");
}

void fx_warn(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"check_panic_on_warn.cold+0x5/0x5", "__warn+0x7d/0xc0",
		"report_bug+0xe6/0x170", "handle_bug+0x3c/0x70",
		"exc_invalid_op+0x13/0x60", "asm_exc_invalid_op+0x16/0x20",
		"crashme_warn+0xa/0x10 [crashme]",
	};

	std_head(b);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 500, "sh",
		 "kernel: panic_on_warn set ...\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 500, 0, bt, N(bt));
	sb_log(b, "[   40.5] ------------[ cut here ]------------\n"
		  "[   40.5] WARNING: CPU: 0 PID: 500 at /tmp/crashme/crashme.c:77 crashme_warn+0xa/0x10 [crashme]\n"
		  "[   40.5] Kernel panic - not syncing: kernel: panic_on_warn set ...\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

/* ---- hung tasks --------------------------------------------------------- */

#define MAGIC_MUTEX	0xffffffffc0dd9120ull
#define BASH_MM		0xffff8880052c4400ull
#define VDA1_SB		0xffff8880037e7400ull

/* khungtaskd on v6.17 (debug_show_blocker()): a waits on b's mutex, b on
 * c's rw-semaphore, c on d's semaphore; d sleeps.  Also a line of each
 * other form. */
const char fx_log_hung_blocker[] =
	"[  245.100000] INFO: task a:10 blocked for more than 122 seconds.\n"
	"[  245.100001]       Not tainted 6.17.0-1-amd64 #1 Debian 6.17.1-1\n"
	"[  245.100002] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[  245.100003] task:a               state:D stack:0     pid:10    tgid:10    ppid:1      task_flags:0x400100 flags:0x00004002\n"
	"[  245.100004] Call Trace:\n"
	"[  245.100005]  <TASK>\n"
	"[  245.100006]  __schedule+0x491/0xbd0\n"
	"[  245.100007]  schedule+0x27/0xf0\n"
	"[  245.100008]  schedule_preempt_disabled+0x15/0x30\n"
	"[  245.100009]  __mutex_lock.constprop.0+0x3a4/0x6a0\n"
	"[  245.100010]  a_ioctl+0x23/0x60 [amod]\n"
	"[  245.100011]  </TASK>\n"
	"[  245.100012] INFO: task a:10 is blocked on a mutex likely owned by task b:11.\n"
	"[  245.100013] task:b               state:D stack:0     pid:11    tgid:11    ppid:1      task_flags:0x400100 flags:0x00004002\n"
	"[  245.100014] Call Trace:\n"
	"[  245.100015]  <TASK>\n"
	"[  245.100016]  __schedule+0x491/0xbd0\n"
	"[  245.100017]  rwsem_down_read_slowpath+0x447/0x1090\n"
	"[  245.100018]  down_read+0x125/0x140\n"
	"[  245.100019]  b_write+0x37/0x70 [bmod]\n"
	"[  245.100020]  </TASK>\n"
	"[  245.100021] INFO: task b:11 blocked for more than 122 seconds.\n"
	"[  245.100022] Call Trace:\n"
	"[  245.100023]  rwsem_down_read_slowpath+0x447/0x1090\n"
	"[  245.100024]  b_write+0x37/0x70 [bmod]\n"
	"[  245.100025] INFO: task b:11 <reader> blocked on an rw-semaphore likely owned by task c:12 <writer>\n"
	"[  245.100026] INFO: task c:12 blocked for more than 122 seconds.\n"
	"[  245.100027] Call Trace:\n"
	"[  245.100028]  __down_common+0x155/0x280\n"
	"[  245.100029]  c_work+0x1/0x2 [cmod]\n"
	"[  245.100030] INFO: task c:12 blocked on a semaphore likely last held by task kworker/0:1:13\n"
	"[  245.100031] task:kworker/0:1     state:S stack:0     pid:13    tgid:13    ppid:2      task_flags:0x4208060 flags:0x00004000\n"
	"[  245.100032] Call Trace:\n"
	"[  245.100033]  msleep_interruptible+0x49/0x60\n"
	"[  245.100034]  d_poll+0x2d/0x60 [dmod]\n"
	"[  245.100035] INFO: task e:14 is blocked on a mutex, but the owner is not found.\n"
	"[  245.100036] INFO: task f:15 is blocked on a semaphore, but the last holder is not found.\n"
	"[  245.100037] INFO: task g:16 is blocked on an rw-semaphore, but the owner is not found.\n"
	"[  245.100038] INFO: task h:17 <writer> blocked on an rw-semaphore likely owned by task h:17 <reader>\n"
	"[  245.200000] Kernel panic - not syncing: hung_task: blocked tasks\n";

const char fx_log_hung[] =
	"[  277.000573] smajdalf: loading out-of-tree module taints kernel.\n"
	"[  277.001905] Smajdalf: Carodej nikdy nechodi pozde.\n"
	"[  492.326391] INFO: task systemd:1 blocked for more than 122 seconds.\n"
	"[  492.326437]       Tainted: P           OE     -------  ---  5.14.0-503.15.1.el9_5.x86_64 #1\n"
	"[  492.326462] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[  492.326484] task:systemd         state:D stack:0     pid:1     tgid:1        ppid:0      flags:0x00000002\n"
	"[  492.326516] Call Trace:\n"
	"[  492.326527]  <TASK>\n"
	"[  492.326540]  __schedule+0x229/0x550\n"
	"[  492.326566]  schedule+0x2e/0xd0\n"
	"[  492.326581]  schedule_preempt_disabled+0x11/0x20\n"
	"[  492.326601]  rwsem_down_read_slowpath+0x37f/0x4f0\n"
	"[  492.326620]  ? syscall_enter_from_user_mode+0x40/0x80\n"
	"[  492.326643]  down_read+0x45/0xa0\n"
	"[  492.326657]  do_user_addr_fault+0x415/0x6a0\n"
	"[  492.326697]  exc_page_fault+0x62/0x150\n"
	"[  492.326717]  asm_exc_page_fault+0x22/0x30\n"
	"[  492.326910]  </TASK>\n"
	"[  492.326967] Kernel panic - not syncing: hung_task: blocked tasks\n"
	"[  492.326987] CPU: 1 PID: 47 Comm: khungtaskd Kdump: loaded Tainted: P             OE     -------  ---  5.14.0-503.15.1.el9_5.x86_64 #1\n"
	"[  492.327081] Call Trace:\n"
	"[  492.327097]  <TASK>\n"
	"[  492.327107]  dump_stack_lvl+0x34/0x48\n"
	"[  492.327125]  panic+0x107/0x2bb\n"
	"[  492.327151]  check_hung_uninterruptible_tasks.cold+0xc/0xc\n"
	"[  492.327199]  watchdog+0x9a/0xa0\n"
	"[  492.327215]  kthread+0xdd/0x100\n"
	"[  492.327260]  ret_from_fork+0x29/0x50\n"
	"[  492.327280]  </TASK>\n";

static void hung_head(struct snapbuild *b, int cpu, const char *log,
		      long long timeout)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x107/0x2bb",
		"check_hung_uninterruptible_tasks.cold+0xc/0xc",
		"watchdog+0x9a/0xa0", "kthread+0xdd/0x100",
		"ret_from_fork+0x29/0x50",
	};
	struct triage_rec_sysctl y = sb_sysctl_defaults(timeout, 1);
	struct triage_rec_task k;

	std_head(b);
	sb_crash(b, TRIAGE_REASON_PANIC, cpu, 47, "khungtaskd",
		 "hung_task: blocked tasks\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 47, cpu, bt, N(bt));
	sb_sysctl(b, &y);
	if (log)
		sb_log(b, log);
	k = sb_task_head(47, "khungtaskd", TRIAGE_TASK_F_CRASHING |
			 TRIAGE_TASK_F_ON_CPU | TRIAGE_TASK_F_KTHREAD, 0);
	k.cpu = cpu;
	sb_task(b, &k, bt, N(bt));
}

void fx_hung_self(struct snapbuild *b)
{
	static const char *const systemd[] = {
		"__schedule+0x229/0x550", "schedule+0x2e/0xd0",
		"schedule_preempt_disabled+0x11/0x20",
		"rwsem_down_read_slowpath+0x37f/0x4f0", "down_read+0x45/0xa0",
		"do_user_addr_fault+0x415/0x6a0", "exc_page_fault+0x62/0x150",
		"asm_exc_page_fault+0x22/0x30",
	};
	static const char *const tmpfile[] = {
		"__schedule+0x229/0x550", "schedule+0x2e/0xd0",
		"schedule_preempt_disabled+0x11/0x20",
		"rwsem_down_read_slowpath+0x37f/0x4f0",
		"down_read_killable+0x45/0xa0",
		"__access_remote_vm+0x4a/0x2d0", "environ_read+0x132/0x1f0",
		"vfs_read+0xa4/0x2f0", "ksys_read+0x5f/0xe0",
		"do_syscall_64+0x5c/0x90",
	};
	static const char *const bash[] = {
		"__schedule+0x229/0x550", "schedule+0x2e/0xd0",
		"schedule_preempt_disabled+0x11/0x20",
		"__mutex_lock.constprop.0+0x2a4/0x4c0",
		"__mutex_lock_slowpath+0x13/0x20", "mutex_lock+0x2b/0x30",
		"take_the_lock_of_power+0x4e/0x90 [smajdalf]",
		"smajdalf_write+0x1d/0x30 [smajdalf]",
		"proc_reg_write+0x56/0xa0", "vfs_write+0xb9/0x290",
		"ksys_write+0x5f/0xe0", "do_syscall_64+0x5c/0x90",
	};
	struct triage_rec_task t;
	struct triage_lock_ref mm;

	hung_head(b, 1, fx_log_hung, 120);
	sb_module(b, "smajdalf", 0xffffffffc0dd1000ull, 0x2000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_tasks(b, 213, 7, 3, 4, 0);

	memset(&mm, 0, sizeof(mm));
	mm.type = TRIAGE_LOCK_RWSEM;
	mm.flags = TRIAGE_LOCK_F_READ | TRIAGE_LOCK_F_WRITER_OWNED;
	mm.addr = BASH_MM + 0x70;
	mm.owner = sb_task_addr(212);
	mm.owner_pid = 212;
	mm.raw = sb_task_addr(212) | 1;
	mm.container = TRIAGE_CONT_MM;
	mm.container_addr = BASH_MM;
	mm.container_pid = 212;
	snprintf(mm.detail, sizeof(mm.detail), "mm of pid 212 (bash)");

	t = sb_task_head(1, "systemd", TRIAGE_TASK_F_UNINTERRUPTIBLE, 122.3);
	t.wait = mm;
	sb_task(b, &t, systemd, N(systemd));
	t = sb_task_head(4589, "systemd-tmpfile",
			 TRIAGE_TASK_F_UNINTERRUPTIBLE, 97.0);
	t.wait = mm;
	sb_task(b, &t, tmpfile, N(tmpfile));
	t = sb_task_head(212, "bash", TRIAGE_TASK_F_UNINTERRUPTIBLE |
			 TRIAGE_TASK_F_OWNER, 215.5);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, MAGIC_MUTEX,
		     "magic_mutex+0x0/0x20 [smajdalf]", 212, 0);
	sb_task(b, &t, bash, N(bash));
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_hung_frozen(struct snapbuild *b)
{
	static const char *const dd[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"percpu_rwsem_wait+0x110/0x140",
		"__percpu_down_read+0x6a/0x80", "vfs_write+0x2a8/0x3e0",
		"ksys_write+0x67/0xf0", "do_syscall_64+0x58/0xc0",
	};
	static const char *const cp[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"percpu_rwsem_wait+0x110/0x140",
		"__percpu_down_read+0x6a/0x80", "mnt_want_write+0x23/0x50",
		"do_sys_openat2+0x7d/0x160", "do_syscall_64+0x58/0xc0",
	};
	static const char log[] =
		"[  301.10] INFO: task dd:7224 blocked for more than 10 seconds.\n"
		"[  301.10]       Not tainted 6.1.0-56-amd64 #1\n"
		"[  301.10] task:dd              state:D stack:0     pid:7224  ppid:6702   flags:0x00004000\n"
		"[  301.10] Call Trace:\n"
		"[  301.10]  <TASK>\n"
		"[  301.10]  __schedule+0x34d/0x9e0\n"
		"[  301.10]  schedule+0x5a/0xd0\n"
		"[  301.10]  percpu_rwsem_wait+0x110/0x140\n"
		"[  301.10]  __percpu_down_read+0x6a/0x80\n"
		"[  301.10]  vfs_write+0x2a8/0x3e0\n"
		"[  301.10]  </TASK>\n"
		"[  301.20] Kernel panic - not syncing: hung_task: blocked tasks\n";
	struct triage_rec_task t;
	struct triage_lock_ref sb;

	hung_head(b, 0, log, 10);
	sb_tasks(b, 232, 3, 2, 3, 0);
	memset(&sb, 0, sizeof(sb));
	sb.type = TRIAGE_LOCK_PERCPU_RWSEM;
	sb.flags = TRIAGE_LOCK_F_READ;
	sb.addr = VDA1_SB + 0x2c8;
	sb.owner_pid = -1;
	sb.container = TRIAGE_CONT_SB_WRITERS;
	sb.container_addr = VDA1_SB;
	sb.container_pid = -1;
	sb.sb_frozen = 4;
	sb.level = 1;
	snprintf(sb.detail, sizeof(sb.detail), "vda1 (ext4)");

	t = sb_task_head(7224, "dd", TRIAGE_TASK_F_UNINTERRUPTIBLE, 14.1);
	t.wait = sb;
	sb_task(b, &t, dd, N(dd));
	t = sb_task_head(7230, "cp", TRIAGE_TASK_F_UNINTERRUPTIBLE, 11.0);
	t.wait = sb;
	sb_task(b, &t, cp, N(cp));
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_hung_abba(struct snapbuild *b)
{
	static const char *const w1[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"schedule_preempt_disabled+0xe/0x10",
		"__mutex_lock.constprop.0+0x3a4/0x6a0",
		"abba_first+0x2e/0x60 [abba]", "process_one_work+0x1c7/0x380",
		"worker_thread+0x4d/0x380", "kthread+0xd7/0x100",
	};
	static const char *const w2[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"schedule_preempt_disabled+0xe/0x10",
		"__mutex_lock.constprop.0+0x3a4/0x6a0",
		"abba_second+0x2e/0x60 [abba]", "process_one_work+0x1c7/0x380",
		"worker_thread+0x4d/0x380", "kthread+0xd7/0x100",
	};
	static const char *const sh[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"schedule_preempt_disabled+0xe/0x10",
		"__mutex_lock.constprop.0+0x3a4/0x6a0",
		"abba_read+0x1a/0x40 [abba]", "vfs_read+0xa4/0x2f0",
	};
	struct triage_rec_task t;

	hung_head(b, 1, NULL, 30);
	sb_module(b, "abba", 0xffffffffc0b00000ull, 0x2000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_LIVE);
	t = sb_task_head(301, "kworker/u4:2", TRIAGE_TASK_F_UNINTERRUPTIBLE |
			 TRIAGE_TASK_F_KTHREAD | TRIAGE_TASK_F_OWNER, 40);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0xffffffffc0b02040ull,
		     "lock_b+0x0/0x20 [abba]", 302, 0);
	sb_task(b, &t, w1, N(w1));
	t = sb_task_head(302, "kworker/u4:3", TRIAGE_TASK_F_UNINTERRUPTIBLE |
			 TRIAGE_TASK_F_KTHREAD | TRIAGE_TASK_F_OWNER, 40);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0xffffffffc0b02000ull,
		     "lock_a+0x0/0x20 [abba]", 301, 0);
	sb_task(b, &t, w2, N(w2));
	t = sb_task_head(400, "sh", TRIAGE_TASK_F_UNINTERRUPTIBLE, 35);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0xffffffffc0b02000ull,
		     "lock_a+0x0/0x20 [abba]", 301, 0);
	sb_task(b, &t, sh, N(sh));
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

const char fx_log_vfs_panic[] =
	"[    4.251820] 0b00 1048575 sr0\n"
	"[    4.252046] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n"
	"[    4.252391] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 4.12.3 #1\n"
	"[    4.302631] Call Trace:\n"
	"[    4.303823]  dump_stack+0x1d/0x70\n"
	"[    4.303991]  panic+0xca/0x203\n"
	"[    4.304154]  ? printk+0x3e/0x46\n"
	"[    4.304305]  mount_block_root+0x171/0x221\n"
	"[    4.304401]  ? set_debug_rodata+0x12/0x12\n"
	"[    4.304496]  mount_root+0x101/0x10a\n"
	"[    4.304639]  kernel_init_freeable+0x1da/0x1f3\n"
	"[    4.304730]  ? rest_init+0x80/0x80\n"
	"[    4.304775]  kernel_init+0x9/0x100\n"
	"[    4.304818]  ret_from_fork+0x22/0x30\n"
	"[    4.305303] Kernel Offset: 0x37200000 from 0xffffffff81000000\n"
	"[    4.305632] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---\n";

const char fx_log_arm64_null[] =
	"[   55.10] crashme: about to dereference NULL\n"
	"[   55.11] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000\n"
	"[   55.11] Mem abort info:\n"
	"[   55.11]   ESR = 0x0000000096000005\n"
	"[   55.11]   EC = 0x25: DABT (current EL), IL = 32 bits\n"
	"[   55.11] Data abort info:\n"
	"[   55.11] [0000000000000000] user address but active_mm is swapper\n"
	"[   55.11] Internal error: Oops: 0000000096000005 [#1] SMP\n"
	"[   55.11] Modules linked in: crashme(OE)\n"
	"[   55.11] CPU: 1 PID: 290 Comm: sh Tainted: G           OE      6.1.0-56-arm64 #1  Debian 6.1.158-1\n"
	"[   55.11] pc : crashme_null_deref+0x14/0x30 [crashme]\n"
	"[   55.11] lr : crashme_write+0x60/0xa0 [crashme]\n"
	"[   55.11] Call trace:\n"
	"[   55.11]  crashme_null_deref+0x14/0x30 [crashme]\n"
	"[   55.11]  crashme_write+0x60/0xa0 [crashme]\n"
	"[   55.11]  proc_reg_write+0xa8/0xe4\n"
	"[   55.11] Code: d2800000 (b9400000)\n"
	"[   55.11] SMP: stopping secondary CPUs\n"
	"[   55.12] Starting crashdump kernel...\n";

const char fx_log_sysrq[] =
	"[   79.803379][ T969] sysrq: Trigger a crash\n"
	"[   79.803924][ T969] Kernel panic - not syncing: sysrq triggered crash\n"
	"[   79.804578][ T969] CPU: 6 PID: 969 Comm: bash Not tainted 6.2.0-rc2 #2\n"
	"[   79.806640][ T969] Call Trace:\n"
	"[   79.806950][ T969]  <TASK>\n"
	"[   79.807229][ T969]  dump_stack_lvl+0x49/0x61\n"
	"[   79.807693][ T969]  panic+0x113/0x28c\n"
	"[   79.808072][ T969]  sysrq_handle_crash+0x15/0x20\n"
	"[   79.808583][ T969]  __handle_sysrq.cold+0x51/0x13c\n"
	"[   79.809205][ T969]  write_sysrq_trigger+0x42/0x50\n"
	"[   79.809668][ T969]  proc_reg_write+0x54/0xa0\n"
	"[   79.810750][ T969]  ? rcu_read_lock_any_held+0x79/0xa0\n"
	"[   79.811157][ T969]  vfs_write+0xc7/0x4a0\n"
	"[   79.820728][ T969]  </TASK>\n"
	"[   79.821895][ T969] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---\n";

/* ---- OOM, lockups, atomic sleep (issue 4) ------------------------------- */

static const char *const fx_spin_nmi[] = {
	"native_queued_spin_lock_slowpath+0x1a/0x2b0",
	"_raw_spin_lock+0x29/0x30",
	"hangme_spin_twice_irqoff+0x2e/0x50 [hangme]",
	"hangme_spin_thread+0x1c/0x30 [hangme]",
	"kthread+0xe6/0x110",
	"ret_from_fork+0x1f/0x30",
};

void fx_oom(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"out_of_memory.cold+0x2e/0x7e", "__alloc_pages_slowpath.constprop.0+0xc28/0xd30",
		"__alloc_pages+0x2e2/0x300", "__folio_alloc+0x16/0x50",
		"vma_alloc_folio+0x8f/0x350", "do_anonymous_page+0x77/0x3c0",
		"__handle_mm_fault+0x86e/0xc10", "handle_mm_fault+0xdb/0x2d0",
		"do_user_addr_fault+0x191/0x550", "exc_page_fault+0x70/0x170",
		"asm_exc_page_fault+0x22/0x30",
	};
	struct triage_rec_memory m;
	struct triage_rec_sysctl y = sb_sysctl_defaults(120, 0);

	std_head(b);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 2359, "stress",
		 "Out of memory: system-wide panic_on_oom is enabled\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 2359, 0, bt, N(bt));
	sb_oom(b, 2359, "stress", 0x140cca, 0, 0);
	memset(&m, 0, sizeof(m));
	m.total = 464508;
	m.free = 12961;
	m.available = 9000;
	m.buffers = 0;
	m.cached = 2265;
	m.shared = 1615;
	m.slab_reclaimable = 4000;
	m.slab_unreclaimable = 4339;
	m.swap_total = 0;
	m.swap_free = 0;
	m.committed = 607729;
	m.commit_limit = 232254;
	m.nr_top = 2;
	m.top[0].pid = 2359;
	snprintf(m.top[0].comm, sizeof(m.top[0].comm), "stress");
	m.top[0].rss_pages = 302000;
	m.top[0].anon_pages = 301000;
	m.top[1].pid = 1;
	snprintf(m.top[1].comm, sizeof(m.top[1].comm), "systemd");
	m.top[1].rss_pages = 3000;
	sb_memory(b, &m, 0);
	y.panic_on_oom = 1;
	sb_sysctl(b, &y);
	sb_cpu(b, 0, TRIAGE_CPU_F_CAPTURING, 2359, "stress", 0x10001, NULL, 0);
	sb_cpu(b, 1, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IDLE, 0,
	       "swapper/1", 0, (const char *const[]){ "default_idle+0xe/0x20",
	       "default_idle_call+0x3c/0xf0", "do_idle+0x20d/0x2a0" }, 3);
	sb_log(b, "[ 99.000001] stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n"
		  "[ 99.000002] CPU: 0 PID: 2359 Comm: stress Not tainted 6.1.0-56-amd64 #1\n"
		  "[ 99.000100] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_lockup_watchdog(struct snapbuild *b, int irqs_off)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"triage_watchdog_fire+0x80/0xa0 [triage_capture]",
		"triage_watchdog_timer+0x9a/0xc0 [triage_capture]",
		"__hrtimer_run_queues+0x112/0x2b0", "hrtimer_interrupt+0xfc/0x210",
		"__sysvec_apic_timer_interrupt+0x5f/0x130",
		"sysvec_apic_timer_interrupt+0x6d/0x90",
		"asm_sysvec_apic_timer_interrupt+0x16/0x20",
		"default_idle+0xe/0x20", "do_idle+0x20d/0x2a0",
	};

	std_head(b);
	sb_kernel_flags(b, TRIAGE_KF_PREEMPT_COUNT | TRIAGE_KF_KDUMP_LOADED);
	sb_hdr(b)->hook = TRIAGE_HOOK_WATCHDOG;
	sb_hdr(b)->cpu = 0;
	sb_crash(b, TRIAGE_REASON_LOCKUP, 0, 0, "swapper/0",
		 "triage: hard LOCKUP: CPU 1 stuck with interrupts off for 2002 ms",
		 NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 0, 0, bt, N(bt));
	sb_lockup(b, 1, 0, 2002, 2000, 0xffffffffc0a03000ull,
		  "hang_lock+0x0/0x4 [hangme]");
	sb_cpu(b, 0, TRIAGE_CPU_F_CAPTURING | TRIAGE_CPU_F_IDLE, 0, "swapper/0",
	       0x10000, NULL, 0);
	sb_cpu(b, 1, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_STUCK |
	       (irqs_off ? TRIAGE_CPU_F_IRQS_OFF : 0), 123, "hangme_spin", 2,
	       fx_spin_nmi, N(fx_spin_nmi));
	sb_module(b, "hangme", 0xffffffffc0a00000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_log(b, "[ 30.000001] hangme: spinning twice on hang_lock with IRQs off\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

const char fx_log_soft_lockup[] =
	"[ 40.000001] hangme: spinning twice on hang_lock\n"
	"[ 62.100000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [hangme_spin:123]\n"
	"[ 62.100001] Modules linked in: hangme(OE) triage_capture(OE)\n"
	"[ 62.100002] CPU: 1 PID: 123 Comm: hangme_spin Tainted: G OE 6.1.0-56-amd64 #1\n"
	"[ 62.100003] RIP: 0010:native_queued_spin_lock_slowpath+0x1a/0x2b0\n"
	"[ 62.100004] RSP: 0018:ffffb4c2c0137e08 EFLAGS: 00000202\n"
	"[ 62.100005] RAX: 0000000000000001 RBX: ffffffffc0a03000 RCX: 0000000000000000\n"
	"[ 62.100006] RDX: 0000000000000001 RSI: 0000000000000001 RDI: ffffffffc0a03000\n"
	"[ 62.100007] Call Trace:\n"
	"[ 62.100008]  <TASK>\n"
	"[ 62.100009]  _raw_spin_lock+0x29/0x30\n"
	"[ 62.100010]  hangme_spin_twice+0x2a/0x50 [hangme]\n"
	"[ 62.100011]  hangme_spin_thread+0x1c/0x30 [hangme]\n"
	"[ 62.100012]  kthread+0xe6/0x110\n"
	"[ 62.100013]  </TASK>\n"
	"[ 62.100014] Kernel panic - not syncing: softlockup: hung tasks\n";

void fx_soft_lockup(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"watchdog_timer_fn.cold+0x3d/0xa1",
		"__hrtimer_run_queues+0x112/0x2b0", "hrtimer_interrupt+0xfc/0x210",
		"__sysvec_apic_timer_interrupt+0x5f/0x130",
		"sysvec_apic_timer_interrupt+0x6d/0x90",
		"asm_sysvec_apic_timer_interrupt+0x16/0x20",
		"native_queued_spin_lock_slowpath+0x1a/0x2b0",
		"_raw_spin_lock+0x29/0x30",
		"hangme_spin_twice+0x2a/0x50 [hangme]",
		"hangme_spin_thread+0x1c/0x30 [hangme]",
		"kthread+0xe6/0x110",
	};
	struct triage_rec_sysctl y = sb_sysctl_defaults(120, 0);

	std_head(b);
	sb_kernel_flags(b, TRIAGE_KF_PREEMPT_COUNT | TRIAGE_KF_KDUMP_LOADED);
	sb_crash(b, TRIAGE_REASON_PANIC, 1, 123, "hangme_spin",
		 "softlockup: hung tasks\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 123, 1, bt, N(bt));
	y.softlockup_panic = 1;
	y.watchdog_thresh = 10;
	sb_sysctl(b, &y);
	/* hardirq + kprobe + two spin_lock levels */
	sb_cpu(b, 1, TRIAGE_CPU_F_CAPTURING | TRIAGE_CPU_F_IN_HARDIRQ, 123,
	       "hangme_spin", 0x10003, NULL, 0);
	sb_cpu(b, 0, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IDLE, 0,
	       "swapper/0", 0, (const char *const[]){ "default_idle+0xe/0x20",
	       "do_idle+0x20d/0x2a0" }, 2);
	sb_module(b, "hangme", 0xffffffffc0a00000ull, 0x3000,
		  TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED | TRIAGE_MOD_LIVE);
	sb_log(b, fx_log_soft_lockup);
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_soft_victim(struct snapbuild *b, int stuck_flags)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"watchdog_timer_fn.cold+0x3d/0xa1",
		"__hrtimer_run_queues+0x112/0x2b0", "hrtimer_interrupt+0xfc/0x210",
		"__sysvec_apic_timer_interrupt+0x5f/0x130",
		"sysvec_apic_timer_interrupt+0x6d/0x90",
		"asm_sysvec_apic_timer_interrupt+0x16/0x20",
		"smp_call_function_many_cond+0x11c/0x3a0",
		"on_each_cpu_cond_mask+0x1e/0x30",
		"flush_tlb_mm_range+0x10a/0x150",
		"zap_page_range_single+0x160/0x190",
		"do_exit+0x2d4/0xad0",
	};

	std_head(b);
	sb_kernel_flags(b, TRIAGE_KF_PREEMPT_COUNT | TRIAGE_KF_KDUMP_LOADED);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 1, "init",
		 "softlockup: hung tasks\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 1, 0, bt, N(bt));
	sb_cpu(b, 0, TRIAGE_CPU_F_CAPTURING | TRIAGE_CPU_F_IN_HARDIRQ, 1,
	       "init", 0x10001, NULL, 0);
	if (stuck_flags & TRIAGE_CPU_F_NO_RESPONSE)
		sb_cpu(b, 1, stuck_flags, -1, NULL, 0, NULL, 0);
	else
		sb_cpu(b, 1, stuck_flags, 123, "hangme_spin", 2, fx_spin_nmi,
		       N(fx_spin_nmi));
	sb_log(b, "[ 70.000001] hangme: spinning twice on hang_lock with IRQs off\n"
		  "[123.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 45s! [init:1]\n"
		  "[123.000001] RIP: 0010:smp_call_function_many_cond+0x11c/0x3a0\n"
		  "[123.000002] Kernel panic - not syncing: softlockup: hung tasks\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

void fx_atomic_sleep(struct snapbuild *b, int debug_preempt, int preempt_count)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x11f/0x2f4",
		"check_panic_on_warn.cold+0x19/0x19",
		"__schedule_bug.cold+0x7d/0x8d", "__schedule+0x6ec/0x9e0",
		"schedule+0x5a/0xd0", "exit_to_user_mode_prepare+0xbd/0x150",
		"syscall_exit_to_user_mode+0x17/0x40",
		"do_syscall_64+0x67/0x90",
	};

	std_head(b);
	sb_kernel_flags(b, preempt_count ? TRIAGE_KF_PREEMPT_COUNT : 0);
	sb_crash(b, TRIAGE_REASON_PANIC, 1, 311, "insmod",
		 "panic_on_warn set ...\n", NULL, -1);
	bt_with_probe(b, TRIAGE_BT_CURRENT, 311, 1, bt, N(bt));
	sb_cpu(b, 1, TRIAGE_CPU_F_CAPTURING, 311, "insmod", 3, NULL, 0);
	sb_cpu(b, 0, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IDLE, 0,
	       "swapper/0", 0, (const char *const[]){ "default_idle+0xe/0x20" },
	       1);
	sb_log(b, debug_preempt ?
	       "[ 60.0] BUG: scheduling while atomic: insmod/311/0x00000002\n"
	       "[ 60.0] Modules linked in: crashme(OE)\n"
	       "[ 60.0] Preemption disabled at:\n"
	       "[ 60.0] [<ffffffffc0a01234>] crashme_leak_spinlock+0x20/0x40 [crashme]\n"
	       "[ 60.0] CPU: 1 PID: 311 Comm: insmod Tainted: G OE 6.1.0 #1\n"
	       "[ 60.0] Kernel panic - not syncing: panic_on_warn set ...\n" :
	       "[ 60.0] BUG: scheduling while atomic: insmod/311/0x00000002\n"
	       "[ 60.0] Modules linked in: crashme(OE)\n"
	       "[ 60.0] CPU: 1 PID: 311 Comm: insmod Tainted: G OE 6.1.0 #1\n"
	       "[ 60.0] Kernel panic - not syncing: panic_on_warn set ...\n");
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}
