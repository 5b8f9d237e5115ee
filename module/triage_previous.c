// SPDX-License-Identifier: GPL-2.0
/*
 * triage_previous.c - a snapshot that survived a reset, kept for the boot
 * unit as /sys/kernel/debug/triage/previous.
 *
 * With region=PHYS,SIZE the region is a range reserved at boot, and a reset
 * that keeps RAM leaves the last snapshot there.  Before the region is
 * cleared and armed again, a committed or torn snapshot is copied here;
 * reading the file gives it back byte for byte, writing anything frees it.
 * Like pstore's ramoops (fs/pstore/ram_core.c), nothing of the old contents
 * is trusted beyond its bounds: the copy is at most the region's size.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>
#include "triage.h"

static DEFINE_MUTEX(triage_previous_lock);
static void *triage_previous;
static size_t triage_previous_len;

/**
 * triage_previous_keep() - copy a snapshot found in a reserved region
 * @base: the region, as mapped, before it is armed
 * @size: its bytes
 *
 * Keeps it if the header has the magic, a major version this module writes
 * and a state of COMMITTED or WRITING (a capture cut short by the reset).
 * ARMED and RETIRED regions hold no crash and are not kept.
 */
void triage_previous_keep(const void *base, size_t size)
{
	const struct triage_header *h = base;
	u32 state = READ_ONCE(h->state);
	size_t len;
	void *copy;

	if (h->magic != TRIAGE_MAGIC ||
	    h->version_major != TRIAGE_VERSION_MAJOR ||
	    (state != TRIAGE_STATE_COMMITTED && state != TRIAGE_STATE_WRITING))
		return;
	/* Both are u32: the sum cannot wrap; a torn header may overstate it. */
	len = min_t(size_t, (size_t)h->header_size + h->data_size, size);
	len = max_t(size_t, len, sizeof(*h));
	copy = vmalloc(len);
	if (!copy) {
		pr_warn("no memory to keep the %zu-byte snapshot from a previous boot: it is lost\n",
			len);
		return;
	}
	memcpy(copy, base, len);
	mutex_lock(&triage_previous_lock);
	vfree(triage_previous);
	triage_previous = copy;
	triage_previous_len = len;
	mutex_unlock(&triage_previous_lock);
	pr_info("a %s snapshot from a previous boot (%zu bytes) is kept in debugfs triage/previous\n",
		state == TRIAGE_STATE_COMMITTED ? "committed" : "torn", len);
}

static ssize_t triage_previous_read(struct file *file, char __user *buf,
				    size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&triage_previous_lock);
	ret = simple_read_from_buffer(buf, count, ppos, triage_previous,
				      triage_previous_len);
	mutex_unlock(&triage_previous_lock);
	return ret;
}

/* Any write releases the copy: the boot unit has filed its verdict. */
static ssize_t triage_previous_write(struct file *file,
				     const char __user *buf, size_t count,
				     loff_t *ppos)
{
	triage_previous_exit();
	return count;
}

static const struct file_operations triage_previous_fops = {
	.owner = THIS_MODULE,
	.read = triage_previous_read,
	.write = triage_previous_write,
	.llseek = default_llseek,
};

/**
 * triage_previous_debugfs() - create triage/previous if a snapshot is kept
 * @dir: the triage debugfs directory
 */
void triage_previous_debugfs(struct dentry *dir)
{
	if (READ_ONCE(triage_previous))
		debugfs_create_file("previous", 0600, dir, NULL,
				    &triage_previous_fops);
}

/**
 * triage_previous_exit() - free the kept snapshot, if any
 */
void triage_previous_exit(void)
{
	mutex_lock(&triage_previous_lock);
	vfree(triage_previous);
	triage_previous = NULL;
	triage_previous_len = 0;
	mutex_unlock(&triage_previous_lock);
}
