// SPDX-License-Identifier: GPL-2.0
/*
 * triage_capture - snapshot what a crash analyst needs, before kdump runs.
 *
 * Load with no parameters: a 1 MiB region is allocated (or, with region=, a
 * range reserved at boot is used, see triage_region.c), its location is
 * published in VMCOREINFO for the capture kernel's triage-collect, and the
 * crash hooks are armed (triage_hooks.c).  Load it before kdump loads the
 * capture kernel: the kernel copies VMCOREINFO when a crash kernel is loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kexec.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sysfs.h>
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

/* region=PHYS,SIZE or region=reserve_mem:NAME: a range reserved at boot. */
static char triage_region_arg[80];
module_param_string(region, triage_region_arg, sizeof(triage_region_arg),
		    0444);
MODULE_PARM_DESC(region,
		 "use a range reserved at boot (memmap=, reserve_mem=, reserved-memory) as the region, so a snapshot survives a warm reset: PHYS,SIZE (e.g. 0x7f000000,1M) or reserve_mem:NAME (6.11+); default: allocate it");
static phys_addr_t triage_region_start;	/* 0: allocate the region */
static bool triage_region_named;	/* found by reserve_mem name */

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
		 "act (watchdog_action) when a CPU stays this long with IRQs off: 500 to 600000 ms, 0 = off (default 10000)");

static const char * const triage_wd_action_names[] = {
	[TRIAGE_WD_PANIC] = "panic",
	[TRIAGE_WD_CAPTURE] = "capture",
	[TRIAGE_WD_WARN] = "warn",
};

static int triage_param_set_action(const char *val,
				   const struct kernel_param *kp)
{
	int i = sysfs_match_string(triage_wd_action_names, val);

	if (i < 0) {
		pr_err("watchdog_action=%s is not panic, capture or warn\n", val);
		return -EINVAL;
	}
	triage_watchdog_action = i;
	return 0;
}

static int triage_param_get_action(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  triage_wd_action_names[triage_watchdog_action]);
}

static const struct kernel_param_ops triage_param_action_ops = {
	.set = triage_param_set_action,
	.get = triage_param_get_action,
};

module_param_cb(watchdog_action, &triage_param_action_ops, NULL, 0444);
MODULE_PARM_DESC(watchdog_action,
		 "on a confirmed IRQ-off stall: panic (capture, then panic into kdump; default), capture (keep the snapshot, go on) or warn (log only)");

/* Parse region= into triage_region_start and triage_region_size. */
static int __init triage_parse_region(void)
{
	const char *arg = strim(triage_region_arg);
	unsigned long long phys, size;
	char *end;

	if (!*arg)
		return 0;
	if (str_has_prefix(arg, "reserve_mem:")) {
#ifdef TRIAGE_HAVE_RESERVE_MEM
		phys_addr_t start, len;

		/* reserve_mem= and its lookup: v6.11, commit 1e4c64b71c9b. */
		if (!reserve_mem_find_by_name(arg + 12, &start, &len)) {
			pr_err("region=%s: no reserve_mem=SIZE:ALIGN:%s on the kernel command line\n",
			       arg, arg + 12);
			return -EINVAL;
		}
		triage_region_start = start;
		triage_region_size = len;
		triage_region_named = true;
		goto check;
#else
		pr_err("region=%s: this kernel has no reserve_mem= (v6.11+); use memmap= and region=PHYS,SIZE\n",
		       arg);
		return -EINVAL;
#endif
	}
	phys = memparse(arg, &end);
	if (end == arg || *end != ',') {
		pr_err("region=%s is not PHYS,SIZE (e.g. 0x7f000000,1M) or reserve_mem:NAME\n",
		       arg);
		return -EINVAL;
	}
	size = memparse(end + 1, &end);
	if (*end) {
		pr_err("region=%s: the size is not a size (bytes, or with a K/M suffix)\n",
		       arg);
		return -EINVAL;
	}
	triage_region_start = phys;
	triage_region_size = size;
#ifdef TRIAGE_HAVE_RESERVE_MEM
check:
#endif
	if (!triage_region_start || !PAGE_ALIGNED(triage_region_start) ||
	    triage_region_start != (phys_addr_t)triage_region_start) {
		pr_err("region=%s: the address must be page-aligned and not 0\n",
		       arg);
		return -EINVAL;
	}
	return 0;
}

static int __init triage_check_params(void)
{
	int ret = triage_parse_region();

	if (ret)
		return ret;
	if (triage_region_size < TRIAGE_REGION_MIN ||
	    triage_region_size > TRIAGE_REGION_MAX ||
	    !is_power_of_2(triage_region_size)) {
		if (triage_region_start)
			pr_err("region=%s: the size %lu is invalid: it must be a power of two from %lu to %lu\n",
			       triage_region_arg, triage_region_size,
			       TRIAGE_REGION_MIN, TRIAGE_REGION_MAX);
		else
			pr_err("region_size=%lu is invalid: it must be a power of two from %lu to %lu\n",
			       triage_region_size, TRIAGE_REGION_MIN,
			       TRIAGE_REGION_MAX);
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
	if (!ret)
		ret = triage_fault_init();
	if (ret)
		return ret;
	if (triage_region_start) {
		ret = triage_region_init_phys(triage_region_start,
					      triage_region_size,
					      triage_region_named);
		if (ret)
			return ret;
	} else {
		ret = triage_region_init(triage_region_size);
		if (ret) {
			pr_err("cannot allocate a %lu-byte contiguous region\n",
			       triage_region_size);
			return ret;
		}
	}
	triage_ksym_init();
	triage_system_init();
	triage_sysctl_init();
	triage_modules_init();
	triage_spinlock_init();
	triage_vmcoreinfo_publish(triage_region_phys(), triage_region_bytes());
	ret = triage_hooks_init();
	if (ret) {
		pr_err("cannot register the die notifier (%d)\n", ret);
		triage_region_exit();
		triage_previous_exit();
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
	pr_info("armed: %s region of %zu bytes at phys 0x%llx\n",
		triage_region_start ? "reserved" : "allocated",
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
	triage_previous_exit();
	pr_info("unloaded\n");
}

module_init(triage_init);
module_exit(triage_exit);
MODULE_DESCRIPTION("Crash triage: snapshot the crash context before kdump");
MODULE_LICENSE("GPL");
