// SPDX-License-Identifier: GPL-2.0
/*
 * smajdalf - seed 000 reproduced: a write to /proc/smajdalf takes the
 * writer's mmap_lock for write, then locks magic_mutex twice.  The writer
 * sleeps for ever in D state holding its mmap_lock, and every task that
 * touches that mm (/proc/PID/environ readers, page faults) blocks behind it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>

static DEFINE_MUTEX(magic_mutex);
static struct proc_dir_entry *smajdalf_entry;

static noinline void take_the_lock_of_power(void)
{
	mmap_write_lock(current->mm);
	mutex_lock(&magic_mutex);
	mutex_lock(&magic_mutex);	/* the bug: it is already held */
	mutex_unlock(&magic_mutex);
	mutex_unlock(&magic_mutex);
	mmap_write_unlock(current->mm);
}

static ssize_t smajdalf_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	take_the_lock_of_power();
	return count;
}

static const struct proc_ops smajdalf_ops = {
	.proc_write = smajdalf_write,
};

static int __init smajdalf_init(void)
{
	smajdalf_entry = proc_create("smajdalf", 0200, NULL, &smajdalf_ops);
	if (!smajdalf_entry)
		return -ENOMEM;
	pr_info("Carodej nikdy nechodi pozde.\n");
	return 0;
}

static void __exit smajdalf_exit(void)
{
	proc_remove(smajdalf_entry);
}

module_init(smajdalf_init);
module_exit(smajdalf_exit);
MODULE_DESCRIPTION("triage test scenario: self-deadlock under mmap_lock (seed 000)");
MODULE_LICENSE("GPL");
