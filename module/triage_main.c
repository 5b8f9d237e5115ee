// SPDX-License-Identifier: GPL-2.0
/*
 * triage_capture - snapshot what a crash analyst needs before kdump runs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "triage_format.h"

static int __init triage_init(void)
{
	pr_info("loaded\n");
	return 0;
}

static void __exit triage_exit(void)
{
	pr_info("unloaded\n");
}

module_init(triage_init);
module_exit(triage_exit);
MODULE_DESCRIPTION("Crash triage: snapshot crash context before kdump");
MODULE_LICENSE("GPL");
