// SPDX-License-Identifier: GPL-2.0
/*
 * triage_system.c - the system record: kernel release, uptime, boot id,
 * taint, CPUs, and how the kernel is set up for crashes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/kexec.h>
#include <linux/panic.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include "triage.h"

static char triage_boot_id[TRIAGE_BOOT_ID_LEN];
static int *triage_panic_on_oops_var;

/**
 * triage_system_init() - read what cannot be read at crash time
 *
 * The boot id lives in a static of drivers/char/random.c; its proc file is
 * the only interface, so read it now, in process context.
 */
void triage_system_init(void)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	f = filp_open("/proc/sys/kernel/random/boot_id", O_RDONLY, 0);
	if (!IS_ERR(f)) {
		n = kernel_read(f, triage_boot_id, sizeof(triage_boot_id) - 1,
				&pos);
		if (n > 0)
			triage_boot_id[min_t(ssize_t, n, 36)] = '\0';
		else
			triage_boot_id[0] = '\0';
		filp_close(f, NULL);
	}
	triage_panic_on_oops_var = (int *)triage_ksym("panic_on_oops");
}

static u32 triage_kernel_flags(void)
{
	u32 flags = 0;
	int v = 0;

	if (triage_post_notifiers())
		flags |= TRIAGE_KF_POST_NOTIFIERS;
	if (triage_panic_on_oops_var &&
	    !get_kernel_nofault(v, triage_panic_on_oops_var) && v)
		flags |= TRIAGE_KF_PANIC_ON_OOPS;
	if (kexec_crash_loaded())
		flags |= TRIAGE_KF_KDUMP_LOADED;
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		flags |= TRIAGE_KF_PREEMPT_COUNT;
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		flags |= TRIAGE_KF_PREEMPT_RT;
	return flags;
}

/**
 * triage_capture_system() - write the TRIAGE_REC_SYSTEM record
 * @ctx: the capture
 */
void triage_capture_system(const struct triage_ctx *ctx)
{
	static struct triage_rec_system s;	/* under the capture guard */
	const struct new_utsname *u = &init_uts_ns.name;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	strscpy(s.release, u->release, sizeof(s.release));
	strscpy(s.version, u->version, sizeof(s.version));
	strscpy(s.machine, u->machine, sizeof(s.machine));
	strscpy(s.nodename, u->nodename, sizeof(s.nodename));
	strscpy(s.boot_id, triage_boot_id, sizeof(s.boot_id));
	s.uptime_ns = ktime_get_boot_fast_ns();
	s.realtime_s = ktime_get_real_fast_ns() / NSEC_PER_SEC;
	for (i = 0; i < TAINT_FLAGS_COUNT && i < 64; i++)
		if (test_taint(i))
			s.taint |= 1ULL << i;
	s.page_size = PAGE_SIZE;
	s.nr_cpus_online = num_online_cpus();
	s.nr_cpus_possible = nr_cpu_ids;
	s.kernel_flags = triage_kernel_flags();
	triage_rec_add(TRIAGE_REC_SYSTEM, 0, &s, sizeof(s));
}
