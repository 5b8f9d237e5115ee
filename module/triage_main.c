// SPDX-License-Identifier: GPL-2.0
/*
 * triage_capture - snapshot what a crash analyst needs, before kdump runs.
 *
 * Load with no parameters: a 1 MiB region is allocated, its location is
 * published in VMCOREINFO for the capture kernel's triage-collect, and the
 * crash hooks are armed (triage_hooks.c).  Load it before kdump loads the
 * capture kernel: the kernel copies VMCOREINFO when a crash kernel is loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kexec.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "triage.h"

#define TRIAGE_REGION_MIN	(64UL << 10)
/* An order-10 block on 4K pages: the buddy allocator's largest on 6.1 and 6.12. */
#define TRIAGE_REGION_MAX	(4UL << 20)

unsigned long triage_region_size = 1UL << 20;

/* Sizes take K/M/G suffixes, as on the kernel command line. */
static int triage_param_set_size(const char *val, const struct kernel_param *kp)
{
	unsigned long *size = kp->arg;
	char *end;

	*size = memparse(val, &end);
	if (end == val || (*end && *end != '\n')) {
		pr_err("%s=%s is not a size (bytes, or with a K/M suffix)\n",
		       kp->name, val);
		return -EINVAL;
	}
	return 0;
}

static const struct kernel_param_ops triage_param_size_ops = {
	.set = triage_param_set_size,
	.get = param_get_ulong,
};

module_param_cb(region_size, &triage_param_size_ops, &triage_region_size,
		0444);
MODULE_PARM_DESC(region_size,
		 "size of the snapshot region: a power of two, 64K to 4M (default 1M)");

unsigned int triage_log_bytes = 32 << 10;
module_param_named(log_bytes, triage_log_bytes, uint, 0444);
MODULE_PARM_DESC(log_bytes,
		 "bytes of kernel log tail to keep: 1K to region_size/2 (default 32K)");

unsigned int triage_budget_ms = 100;
module_param_named(budget_ms, triage_budget_ms, uint, 0444);
MODULE_PARM_DESC(budget_ms,
		 "time budget of one capture in ms, 1 to 1000 (default 100); past it records are cut");

unsigned int triage_watchdog_ms = 10000;
module_param_named(watchdog_ms, triage_watchdog_ms, uint, 0444);
MODULE_PARM_DESC(watchdog_ms,
		 "panic and capture when a CPU stays this long with IRQs off: 500 to 600000 ms, 0 = off (default 10000)");

static int __init triage_check_params(void)
{
	if (triage_region_size < TRIAGE_REGION_MIN ||
	    triage_region_size > TRIAGE_REGION_MAX ||
	    !is_power_of_2(triage_region_size)) {
		pr_err("region_size=%lu is invalid: it must be a power of two from %lu to %lu\n",
		       triage_region_size, TRIAGE_REGION_MIN, TRIAGE_REGION_MAX);
		return -EINVAL;
	}
	if (triage_log_bytes < 1024 ||
	    triage_log_bytes > triage_region_size / 2) {
		pr_err("log_bytes=%u is invalid: it must be from 1024 to region_size/2 (%lu)\n",
		       triage_log_bytes, triage_region_size / 2);
		return -EINVAL;
	}
	if (triage_watchdog_ms &&
	    (triage_watchdog_ms < 500 || triage_watchdog_ms > 600000)) {
		pr_err("watchdog_ms=%u is invalid: it must be 0 (off) or from 500 to 600000\n",
		       triage_watchdog_ms);
		return -EINVAL;
	}
	if (triage_budget_ms < 1 || triage_budget_ms > 1000) {
		pr_err("budget_ms=%u is invalid: it must be from 1 to 1000\n",
		       triage_budget_ms);
		return -EINVAL;
	}
	return 0;
}

static int __init triage_init(void)
{
	int ret;

	ret = triage_check_params();
	if (ret)
		return ret;
	ret = triage_region_init(triage_region_size);
	if (ret) {
		pr_err("cannot allocate a %lu-byte contiguous region\n",
		       triage_region_size);
		return ret;
	}
	triage_ksym_init();
	triage_system_init();
	triage_sysctl_init();
	triage_modules_init();
	triage_vmcoreinfo_publish(triage_region_phys(), triage_region_bytes());
	ret = triage_hooks_init();
	if (ret) {
		pr_err("cannot register the die notifier (%d)\n", ret);
		triage_region_exit();
		return ret;
	}
	triage_cpus_init();
	triage_memory_init();
	ret = triage_watchdog_init(triage_watchdog_ms);
	if (ret)
		pr_warn("cannot start the IRQ-off watchdog (%d): running without it\n",
			ret);
	triage_debugfs_init();
	if (kexec_crash_loaded())
		pr_warn("a crash kernel was loaded before this module: reload it (e.g. 'kdump-config reload') so that VMCOREINFO names the region\n");
	pr_info("armed: region of %zu bytes at phys 0x%llx\n",
		triage_region_bytes(),
		(unsigned long long)triage_region_phys());
	return 0;
}

static void __exit triage_exit(void)
{
	triage_debugfs_exit();
	triage_watchdog_exit();
	triage_hooks_exit();
	triage_memory_exit();
	triage_cpus_exit();
	triage_region_exit();
	pr_info("unloaded\n");
}

module_init(triage_init);
module_exit(triage_exit);
MODULE_DESCRIPTION("Crash triage: snapshot the crash context before kdump");
MODULE_LICENSE("GPL");
