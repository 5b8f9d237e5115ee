// SPDX-License-Identifier: GPL-2.0
/*
 * faultme - scenario module: the faults triage_capture must survive
 * without costing the dump (tests/e2e/fault-*.sh).  Never load it on a real
 * host.
 *
 *   insmod faultme.ko what=...
 *
 *   hold_locks      faultme_holder, bound to the last CPU, takes the locks a
 *                   capture once took (blockdev_superblock->s_inode_list_lock,
 *                   vm_committed_as.lock) and spins with them held; then the
 *                   loader panics
 *   reader_exit     faultme_reader takes faultme_sem for read, faultme_writer
 *                   blocks in down_write(), then the reader exits: the rwsem's
 *                   owner word names a task that is freed (boot with
 *                   init_on_free=1 to have it zeroed) or reused since
 *   panic2          at the same moment, faultme_panic panics on CPU 0 and an
 *                   hrtimer callback dereferences NULL on CPU 1 (an oops in
 *                   interrupt context goes to crash_kexec() by itself)
 *   dstorm          n= kthreads (default 300) block in mutex_lock() on
 *                   faultme_mutex, which faultme_holder holds while asleep in D
 *   stack_overflow  faultme_recurse calls itself until the guard page
 *   irqoff_touch    faultme_busy, bound to the last CPU, keeps IRQs off for
 *                   ms= milliseconds calling touch_nmi_watchdog() every 100 ms,
 *                   as slow console drivers do: no hang; insmod returns after
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/kprobes.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nmi.h>
#include <linux/percpu_counter.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static char *what = "hold_locks";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what,
		 "hold_locks, reader_exit, panic2, dstorm, stack_overflow or irqoff_touch");
static unsigned int n = 300;
module_param(n, uint, 0444);
MODULE_PARM_DESC(n, "dstorm: blocked kthreads");
static unsigned int ms = 6000;
module_param(ms, uint, 0444);
MODULE_PARM_DESC(ms, "irqoff_touch: milliseconds with IRQs off");

static DECLARE_COMPLETION(faultme_ready);
static DECLARE_RWSEM(faultme_sem);
static DEFINE_MUTEX(faultme_mutex);
static atomic_t faultme_go = ATOMIC_INIT(0);
static int *faultme_null;
static int faultme_sink;

/* kallsyms_lookup_name() through a kprobe, as the module under test does. */
static unsigned long faultme_ksym(const char *name)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*lookup)(const char *name);

	if (register_kprobe(&kp) < 0)
		return 0;
	lookup = (void *)kp.addr;
	unregister_kprobe(&kp);
	return lookup(name);
}

static struct task_struct *faultme_run_on(int (*fn)(void *), int cpu,
					  const char *name)
{
	struct task_struct *t = kthread_create(fn, NULL, "%s", name);

	if (IS_ERR(t))
		return t;
	if (cpu >= 0)
		kthread_bind(t, cpu);
	wake_up_process(t);
	return t;
}

static noinline int faultme_hold_locks(void *unused)
{
	struct percpu_counter *committed =
		(struct percpu_counter *)faultme_ksym("vm_committed_as");

	spin_lock(&blockdev_superblock->s_inode_list_lock);
	if (committed)
		raw_spin_lock(&committed->lock);
	pr_info("holding s_inode_list_lock%s on CPU %d\n",
		committed ? " and vm_committed_as.lock" : "",
		raw_smp_processor_id());
	complete(&faultme_ready);
	for (;;)
		cpu_relax();
	return 0;
}

static DECLARE_COMPLETION(faultme_reader_go);

static noinline int faultme_reader(void *unused)
{
	down_read(&faultme_sem);
	complete(&faultme_ready);
	/* Exit only once the writer waits: its task_struct is not ours. */
	wait_for_completion(&faultme_reader_go);
	pr_info("%s (pid %d) holds faultme_sem for read and exits\n",
		current->comm, current->pid);
	return 0;	/* never up_read(): the owner hint outlives the task */
}

static noinline int faultme_writer(void *unused)
{
	down_write(&faultme_sem);
	faultme_sink++;
	return 0;
}

static noinline int faultme_panic(void *unused)
{
	while (!atomic_read(&faultme_go))
		cpu_relax();
	panic("faultme: panic on CPU %d while CPU 1 oopses",
	      raw_smp_processor_id());
	return 0;
}

static enum hrtimer_restart faultme_timer_oops(struct hrtimer *timer)
{
	atomic_set(&faultme_go, 1);
	faultme_sink = READ_ONCE(*faultme_null);	/* NULL: oops in hardirq */
	return HRTIMER_NORESTART;
}

static struct hrtimer faultme_timer;

static noinline int faultme_arm_oops(void *unused)
{
	hrtimer_init(&faultme_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED);
	faultme_timer.function = faultme_timer_oops;
	hrtimer_start(&faultme_timer, ms_to_ktime(10), HRTIMER_MODE_REL_PINNED);
	return 0;
}

static noinline int faultme_sleep_holding(void *unused)
{
	mutex_lock(&faultme_mutex);
	complete(&faultme_ready);
	schedule_timeout_uninterruptible(MAX_SCHEDULE_TIMEOUT);
	mutex_unlock(&faultme_mutex);
	return 0;
}

static noinline int faultme_blocker(void *unused)
{
	mutex_lock(&faultme_mutex);
	mutex_unlock(&faultme_mutex);
	return 0;
}

static int faultme_depth_limit = INT_MAX;	/* never reached: the stack ends first */

static noinline int faultme_recurse(int depth)
{
	char frame[512];

	frame[0] = depth;
	barrier_data(frame);	/* the frame stays, 512 bytes a call */
	if (depth >= READ_ONCE(faultme_depth_limit))
		return 0;
	return faultme_recurse(depth + 1) + frame[0];
}

static noinline int faultme_irqoff_touch(void *unused)
{
	unsigned long flags;
	unsigned int i;

	local_irq_save(flags);
	for (i = 0; i < ms / 100; i++) {
		mdelay(100);
		touch_nmi_watchdog();
	}
	local_irq_restore(flags);
	pr_info("IRQs were off for %u ms on CPU %d, with touch_nmi_watchdog()\n",
		ms, raw_smp_processor_id());
	complete(&faultme_ready);
	return 0;
}

static int __init faultme_init(void)
{
	int last = cpumask_last(cpu_online_mask);
	unsigned int i;

	pr_info("what=%s\n", what);
	if (!strcmp(what, "hold_locks")) {
		faultme_run_on(faultme_hold_locks, last, "faultme_holder");
		wait_for_completion(&faultme_ready);
		panic("faultme: panic while another CPU holds the capture's old locks");
	} else if (!strcmp(what, "reader_exit")) {
		faultme_run_on(faultme_reader, -1, "faultme_reader");
		wait_for_completion(&faultme_ready);
		faultme_run_on(faultme_writer, -1, "faultme_writer");
		msleep(200);	/* the writer waits */
		complete(&faultme_reader_go);
		msleep(200);	/* the reader is gone, its task freed */
	} else if (!strcmp(what, "panic2")) {
		if (last < 1)
			return -EINVAL;
		faultme_run_on(faultme_panic, 0, "faultme_panic");
		faultme_run_on(faultme_arm_oops, last, "faultme_oops");
	} else if (!strcmp(what, "dstorm")) {
		faultme_run_on(faultme_sleep_holding, -1, "faultme_holder");
		wait_for_completion(&faultme_ready);
		for (i = 0; i < n; i++)
			faultme_run_on(faultme_blocker, -1, "faultme_blocked");
	} else if (!strcmp(what, "stack_overflow")) {
		return faultme_recurse(0);
	} else if (!strcmp(what, "irqoff_touch")) {
		faultme_run_on(faultme_irqoff_touch, last, "faultme_busy");
		wait_for_completion(&faultme_ready);
	} else {
		pr_err("unknown what=%s\n", what);
		return -EINVAL;
	}
	return 0;
}

static void __exit faultme_exit(void)
{
}

module_init(faultme_init);
module_exit(faultme_exit);
MODULE_DESCRIPTION("triage test scenarios: faults the capture must survive");
MODULE_LICENSE("GPL");
