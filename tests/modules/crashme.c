// SPDX-License-Identifier: GPL-2.0
/*
 * crashme - a scenario module for the end-to-end tests: crashes the kernel
 * the way it is told, from a function of its own, when it is loaded.
 *
 *   insmod crashme.ko what=panic|null|bug|gpf|warn|atomic
 *
 * what=atomic creates /proc/crashme_atomic instead; a write to it returns
 * to user space with a spinlock held: the writer's next schedule() is
 * "scheduling while atomic" (seed 004 case 3), a panic under
 * kernel.panic_on_warn=1.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/panic.h>
#include <linux/proc_fs.h>
#include <linux/spinlock.h>

static char *what = "panic";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "panic, null, bug, gpf, warn or atomic");

static int *crashme_null_ptr;
static DEFINE_SPINLOCK(crashme_leaked_lock);

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
	else
		return -EINVAL;
	return -EAGAIN;
}

module_init(crashme_init);
MODULE_DESCRIPTION("triage test scenario: crash on purpose");
MODULE_LICENSE("GPL");
