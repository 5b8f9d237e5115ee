// SPDX-License-Identifier: GPL-2.0
/*
 * hangme - scenario module: kernel threads that block for ever, the way it
 * is told, for the hung-task tests.
 *
 *   insmod hangme.ko what=abba|completion|rwsem_reader|spin|irqoff_spin|busy|leak
 *
 *   abba          hangme_a takes lock_a then lock_b, hangme_b lock_b then lock_a
 *   completion    hangme_waiter waits for hangme_done, which nobody completes
 *   rwsem_reader  hangme_reader holds hangme_sem for read and sleeps
 *                 (interruptibly); hangme_writer blocks in down_write()
 *   spin          hangme_spin, bound to the last CPU, takes raw_spin_lock
 *                 twice (a soft lockup: IRQs stay on)
 *   irqoff_spin   the same with raw_spin_lock_irqsave first: IRQs off for ever
 *   rtspin        PREEMPT_RT only: hangme_rtspin takes lock_a (a mutex), then
 *                 a spinlock_t twice; on RT the second spin_lock sleeps for
 *                 ever (TASK_RTLOCK_WAIT, which khungtaskd does not watch);
 *                 hangme_victim then blocks in mutex_lock(&lock_a), and its
 *                 hung-task report is what the machine shows
 *   busy          hangme_busy, bound to the last CPU, loops for ever with
 *                 preemption off in hangme_busy_loop (no lock: a soft lockup
 *                 whose culprit is the looping function, not its caller)
 *   (any what)    a write to /sys/module/hangme/parameters/wait blocks for
 *                 ever in mutex_lock(&lock_a) (with what=abba, a waiter
 *                 behind the cycle); the writers after it block on the
 *                 module's param_lock (mutex), which the first one holds:
 *                 many lock waiters for bench/capture-latency
 *   leak          a write to /sys/module/hangme/parameters/grab takes
 *                 leak_lock and returns to user space holding it (the
 *                 writer's preempt count leaks); hangme_leakspin, bound to
 *                 the last CPU, then spins on leak_lock for ever
 *
 * The spin cases use a raw_spinlock_t so that they spin on every kernel
 * (on PREEMPT_RT a spinlock_t sleeps; on the others the two are one).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

static char *what = "abba";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "abba, completion, rwsem_reader, spin, irqoff_spin, busy, leak or rtspin");

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);
static DECLARE_COMPLETION(hangme_done);
static DECLARE_RWSEM(hangme_sem);
static DEFINE_RAW_SPINLOCK(hang_lock);
static DEFINE_SPINLOCK(sleep_lock);
static DEFINE_RAW_SPINLOCK(leak_lock);
static int hangme_never;	/* written after the hang: no tail calls */
static int hangme_grabbed;	/* leak_lock was taken by a writer of grab */

static noinline void hangme_take_a_then_b(void)
{
	mutex_lock(&lock_a);
	msleep(500);
	mutex_lock(&lock_b);
}

static noinline void hangme_take_b_then_a(void)
{
	mutex_lock(&lock_b);
	msleep(500);
	mutex_lock(&lock_a);
}

static int hangme_a(void *unused)
{
	hangme_take_a_then_b();
	return 0;
}

static int hangme_b(void *unused)
{
	hangme_take_b_then_a();
	return 0;
}

static noinline void hangme_wait_for_done(void)
{
	wait_for_completion(&hangme_done);
	pr_info("completed\n");	/* not a tail call: keep this frame */
}

static int hangme_waiter(void *unused)
{
	hangme_wait_for_done();
	return 0;
}

static noinline void hangme_read_and_sleep(void)
{
	down_read(&hangme_sem);
	while (!kthread_should_stop())
		msleep_interruptible(1000);
}

static int hangme_reader(void *unused)
{
	hangme_read_and_sleep();
	return 0;
}

static noinline void hangme_write(void)
{
	msleep(500);
	down_write(&hangme_sem);
}

static int hangme_writer(void *unused)
{
	hangme_write();
	return 0;
}

static noinline void hangme_spin_twice(void)
{
	raw_spin_lock(&hang_lock);
	raw_spin_lock(&hang_lock);	/* the bug: it is already held */
	WRITE_ONCE(hangme_never, 1);
}

static noinline void hangme_spin_twice_irqoff(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&hang_lock, flags);
	raw_spin_lock(&hang_lock);	/* the bug, with interrupts off */
	WRITE_ONCE(hangme_never, 1);
}

static int hangme_spin(void *irqoff)
{
	if (irqoff)
		hangme_spin_twice_irqoff();
	else
		hangme_spin_twice();
	return 0;
}

static noinline void hangme_sleep_on_spinlock_twice(void)
{
	mutex_lock(&lock_a);
	spin_lock(&sleep_lock);
	spin_lock(&sleep_lock);	/* the bug: on PREEMPT_RT it sleeps for ever */
	WRITE_ONCE(hangme_never, 1);
}

static int hangme_rtspin(void *unused)
{
	hangme_sleep_on_spinlock_twice();
	return 0;
}

static noinline void hangme_want_a(void)
{
	msleep(500);
	mutex_lock(&lock_a);
	WRITE_ONCE(hangme_never, 1);
}

static noinline void hangme_busy_loop(void)
{
	unsigned long n = 0;

	while (!READ_ONCE(hangme_never))
		WRITE_ONCE(n, n + 1);	/* the bug: no way out, no resched */
}

static int hangme_busy(void *unused)
{
	preempt_disable();
	hangme_busy_loop();
	preempt_enable();
	return 0;
}

/* "echo 1 > /sys/module/hangme/parameters/grab": the bug is in here. */
static int hangme_grab_set(const char *val, const struct kernel_param *kp)
{
	raw_spin_lock(&leak_lock);
	WRITE_ONCE(hangme_grabbed, 1);
	return 0;	/* back to user space, leak_lock still held */
}

static const struct kernel_param_ops hangme_grab_ops = {
	.set = hangme_grab_set,
	.get = param_get_int,
};
module_param_cb(grab, &hangme_grab_ops, &hangme_grabbed, 0644);
MODULE_PARM_DESC(grab, "what=leak: writing takes leak_lock and keeps it");

/* "echo 1 > /sys/module/hangme/parameters/wait": blocks on lock_a. */
static int hangme_wait_set(const char *val, const struct kernel_param *kp)
{
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	return 0;
}

static const struct kernel_param_ops hangme_wait_ops = {
	.set = hangme_wait_set,
	.get = param_get_int,
};
module_param_cb(wait, &hangme_wait_ops, &hangme_never, 0644);
MODULE_PARM_DESC(wait, "writing blocks in mutex_lock(&lock_a)");

static noinline void hangme_take_leaked(void)
{
	while (!READ_ONCE(hangme_grabbed))
		msleep(100);
	raw_spin_lock(&leak_lock);	/* held by a task in user space */
	WRITE_ONCE(hangme_never, 1);
}

static int hangme_leakspin(void *unused)
{
	hangme_take_leaked();
	return 0;
}

static int hangme_victim(void *unused)
{
	hangme_want_a();
	return 0;
}

/* A kernel thread bound to the last CPU. */
static void hangme_start_bound(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t;

	t = kthread_create(fn, arg, "%s", name);
	if (IS_ERR(t))
		return;
	kthread_bind(t, num_online_cpus() - 1);
	wake_up_process(t);
}

static void hangme_start_spinner(bool irqoff)
{
	hangme_start_bound(hangme_spin, irqoff ? (void *)1 : NULL, "hangme_spin");
}

static int __init hangme_init(void)
{
	pr_info("hanging with what=%s\n", what);
	if (!strcmp(what, "abba")) {
		kthread_run(hangme_a, NULL, "hangme_a");
		kthread_run(hangme_b, NULL, "hangme_b");
	} else if (!strcmp(what, "completion")) {
		kthread_run(hangme_waiter, NULL, "hangme_waiter");
	} else if (!strcmp(what, "spin")) {
		hangme_start_spinner(false);
	} else if (!strcmp(what, "irqoff_spin")) {
		hangme_start_spinner(true);
	} else if (!strcmp(what, "busy")) {
		hangme_start_bound(hangme_busy, NULL, "hangme_busy");
	} else if (!strcmp(what, "leak")) {
		hangme_start_bound(hangme_leakspin, NULL, "hangme_leakspin");
	} else if (!strcmp(what, "rtspin")) {
		if (!IS_ENABLED(CONFIG_PREEMPT_RT)) {
			pr_err("what=rtspin needs a PREEMPT_RT kernel\n");
			return -EOPNOTSUPP;
		}
		kthread_run(hangme_rtspin, NULL, "hangme_rtspin");
		kthread_run(hangme_victim, NULL, "hangme_victim");
	} else if (!strcmp(what, "rwsem_reader")) {
		kthread_run(hangme_reader, NULL, "hangme_reader");
		kthread_run(hangme_writer, NULL, "hangme_writer");
	} else {
		return -EINVAL;
	}
	return 0;
}

module_init(hangme_init);
/* No exit: the threads never finish; this module is for test guests only. */
MODULE_DESCRIPTION("triage test scenario: tasks that hang");
MODULE_LICENSE("GPL");
