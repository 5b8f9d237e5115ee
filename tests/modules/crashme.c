// SPDX-License-Identifier: GPL-2.0
/*
 * crashme - a scenario module for the end-to-end tests: crashes the kernel
 * the way it is told, from a function of its own, when it is loaded.
 *
 *   insmod crashme.ko what=panic|null|bug|gpf|warn|atomic|listadd|listdel|
 *                        refcount|usercopy|timer
 *
 * what=atomic creates /proc/crashme_atomic instead; a write to it returns
 * to user space with a spinlock held: the writer's next schedule() is
 * "scheduling while atomic" (seed 004 case 3), a panic under
 * kernel.panic_on_warn=1.
 *
 * The checkers: what=listadd and listdel corrupt a list of the module's
 * own and hand it to list_add()/list_del(): CONFIG_DEBUG_LIST's check
 * (__list_add_valid, __list_del_entry_valid; *_or_report since v6.6) BUGs
 * under CONFIG_BUG_ON_DATA_CORRUPTION (Debian).  what=refcount drops a
 * refcount_t below zero: refcount_warn_saturate() WARNs "underflow; use-
 * after-free" (a panic under panic_on_warn).  what=usercopy copies more of
 * a kmalloc()ed object to user space than it holds: hardened usercopy's
 * usercopy_abort() BUGs before anything is copied.  Each time the module's
 * function, not the checker, is the culprit.
 *
 * what=timer arms a timer whose callback dereferences NULL: an oops in the
 * timer softirq (kdump runs without panic_on_oops: in_interrupt()), on
 * whichever task it interrupted.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/panic.h>
#include <linux/proc_fs.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

static char *what = "panic";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "panic, null, bug, gpf, warn, atomic, listadd, listdel, refcount, usercopy or timer");

static int *crashme_null_ptr;
static DEFINE_SPINLOCK(crashme_leaked_lock);
static LIST_HEAD(crashme_list);
static struct list_head crashme_entry_a, crashme_entry_b;
static refcount_t crashme_ref = REFCOUNT_INIT(1);
static size_t crashme_copy_len = 512;	/* not a constant: checked at run time */
static struct timer_list crashme_timer;
static bool crashme_timer_armed;

static noinline void crashme_explicit_panic(void)
{
	panic("crashme: explicit panic from the test module");
}

static noinline int crashme_null_deref(void)
{
	return READ_ONCE(*crashme_null_ptr);
}

static noinline void crashme_bug(void)
{
	BUG();
}

static noinline int crashme_gpf(void)
{
	/* A non-canonical address: #GP on x86_64. */
	return READ_ONCE(*(int *)0xdead000000000000UL);
}

static noinline void crashme_warn(void)
{
	WARN(1, "crashme: warning from the test module");
}

/* A stale pointer in the list (as after a use-after-free): list_add() BUGs. */
static noinline void crashme_list_add_corrupt(void)
{
	list_add(&crashme_entry_a, &crashme_list);
	crashme_entry_a.prev = &crashme_entry_b;	/* should be &crashme_list */
	list_add(&crashme_entry_b, &crashme_list);
}

/* An entry whose neighbour no longer points back at it: list_del() BUGs. */
static noinline void crashme_list_del_corrupt(void)
{
	list_add(&crashme_entry_a, &crashme_list);
	list_add(&crashme_entry_b, &crashme_list);
	crashme_entry_a.prev = &crashme_entry_a;	/* should be &crashme_entry_b */
	list_del(&crashme_entry_b);
}

/*
 * One put too many: refcount_t underflow (a WARN).  The last pr_info()
 * keeps the function's frame: without it the WARN's call is a tail call
 * (the 6.12 build), and the stack shows crashme_init calling the checker.
 */
static noinline void crashme_refcount_underflow(void)
{
	if (refcount_dec_and_test(&crashme_ref))
		pr_info("last reference dropped\n");
	if (refcount_dec_and_test(&crashme_ref))	/* underflow */
		pr_info("dropped again\n");
	pr_info("refcount now %d\n", refcount_read(&crashme_ref));
}

/*
 * 512 bytes of a 16-byte object to user space: usercopy_abort() BUGs (more
 * than the 128 bytes arm64 6.1 rounds every kmalloc() up to).  The
 * object's size is hidden from the compiler, else check_copy_size() sees
 * the overflow at build time and only WARNs (__copy_overflow, 6.12).
 */
static noinline int crashme_usercopy(void)
{
	char *p = kzalloc(16, GFP_KERNEL);
	int ret;

	if (!p)
		return -ENOMEM;
	OPTIMIZER_HIDE_VAR(p);
	ret = copy_to_user((void __user *)0x10000, p,
			   READ_ONCE(crashme_copy_len)) ? -EFAULT : 0;
	kfree(p);
	return ret;
}

static noinline void crashme_timer_fn(struct timer_list *t)
{
	pr_info("timer callback on CPU %d\n", raw_smp_processor_id());
	WRITE_ONCE(*crashme_null_ptr, 1);
}

/* Stays loaded: the callback runs in the timer softirq, 200 ms later. */
static int crashme_arm_timer(void)
{
	timer_setup(&crashme_timer, crashme_timer_fn, 0);
	crashme_timer_armed = true;
	mod_timer(&crashme_timer, jiffies + msecs_to_jiffies(200));
	return 0;
}

static noinline void crashme_leak_spinlock(void)
{
	spin_lock(&crashme_leaked_lock);	/* never unlocked */
}

static ssize_t crashme_atomic_write(struct file *file, const char __user *buf,
				    size_t count, loff_t *ppos)
{
	crashme_leak_spinlock();
	return count;
}

static const struct proc_ops crashme_atomic_ops = {
	.proc_write = crashme_atomic_write,
};

static int __init crashme_init(void)
{
	pr_info("crashing with what=%s\n", what);
	if (!strcmp(what, "panic"))
		crashme_explicit_panic();
	else if (!strcmp(what, "null"))
		return crashme_null_deref();
	else if (!strcmp(what, "bug"))
		crashme_bug();
	else if (!strcmp(what, "gpf"))
		return crashme_gpf();
	else if (!strcmp(what, "warn"))
		crashme_warn();
	else if (!strcmp(what, "atomic"))
		return proc_create("crashme_atomic", 0200, NULL,
				   &crashme_atomic_ops) ? 0 : -ENOMEM;
	else if (!strcmp(what, "listadd"))
		crashme_list_add_corrupt();
	else if (!strcmp(what, "listdel"))
		crashme_list_del_corrupt();
	else if (!strcmp(what, "refcount"))
		crashme_refcount_underflow();
	else if (!strcmp(what, "usercopy"))
		return crashme_usercopy() ?: -EAGAIN;
	else if (!strcmp(what, "timer"))
		return crashme_arm_timer();
	else
		return -EINVAL;
	return -EAGAIN;
}

static void __exit crashme_exit(void)
{
	if (crashme_timer_armed)
		del_timer_sync(&crashme_timer);
}

module_init(crashme_init);
module_exit(crashme_exit);
MODULE_DESCRIPTION("triage test scenario: crash on purpose");
MODULE_LICENSE("GPL");
