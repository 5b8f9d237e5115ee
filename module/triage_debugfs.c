// SPDX-License-Identifier: GPL-2.0
/*
 * triage_debugfs.c - /sys/kernel/debug/triage: take a snapshot without
 * crashing and read the region back, for tests and benchmarks.
 *
 *   capture   write anything: take a snapshot now (TRIAGE_HOOK_MANUAL)
 *   region    read: the region's header and records (root only)
 *   previous  with region=: the snapshot found there at load, until a
 *             write releases it (triage_previous.c)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include "triage.h"

static struct dentry *triage_dir;

static ssize_t triage_capture_write(struct file *file, const char __user *buf,
				    size_t count, loff_t *ppos)
{
	int ret = triage_capture_manual();

	return ret ? ret : count;
}

static const struct file_operations triage_capture_fops = {
	.owner = THIS_MODULE,
	.write = triage_capture_write,
	.llseek = noop_llseek,
};

static ssize_t triage_region_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	const struct triage_header *h = triage_region_base();
	size_t len = h->header_size + READ_ONCE(h->data_size);

	len = min(len, triage_region_bytes());
	return simple_read_from_buffer(buf, count, ppos, h, len);
}

static const struct file_operations triage_region_fops = {
	.owner = THIS_MODULE,
	.read = triage_region_read,
	.llseek = default_llseek,
};

void triage_debugfs_init(void)
{
	triage_dir = debugfs_create_dir("triage", NULL);
	debugfs_create_file("capture", 0200, triage_dir, NULL,
			    &triage_capture_fops);
	debugfs_create_file("region", 0400, triage_dir, NULL,
			    &triage_region_fops);
	triage_previous_debugfs(triage_dir);
}

void triage_debugfs_exit(void)
{
	debugfs_remove_recursive(triage_dir);
	triage_dir = NULL;
}
