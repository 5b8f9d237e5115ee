// SPDX-License-Identifier: GPL-2.0
/*
 * triage_sysctl.c - the settings that decide whether a hang or an oops
 * panics (kernel.hung_task_panic, softlockup_panic, panic_on_oops, ...), so
 * that the verdict can say why the machine went down.
 *
 * None of these variables is exported; their addresses are looked up once at
 * load (triage_ksym()), and a missing one reads as -1 ("unknown"), e.g. on
 * kernels without CONFIG_KALLSYMS_ALL, where kallsyms has no data symbols.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/uaccess.h>
#include "triage.h"

/**
 * struct triage_sysctl_var - one setting
 * @name: the kernel variable
 * @field: offset of its slot in struct triage_rec_sysctl
 * @is_long: the variable is an unsigned long (else an int)
 * @addr: its address, 0 if not found
 */
struct triage_sysctl_var {
	const char *name;
	size_t field;
	bool is_long;
	unsigned long addr;
};

#define TRIAGE_VAR(n, f, l) { n, offsetof(struct triage_rec_sysctl, f), l, 0 }

static struct triage_sysctl_var triage_vars[] = {
	TRIAGE_VAR("sysctl_hung_task_timeout_secs", hung_task_timeout_secs, true),
	TRIAGE_VAR("sysctl_hung_task_panic", hung_task_panic, false),
	TRIAGE_VAR("softlockup_panic", softlockup_panic, false),
	TRIAGE_VAR("hardlockup_panic", hardlockup_panic, false),
	TRIAGE_VAR("panic_on_oops", panic_on_oops, false),
	TRIAGE_VAR("panic_on_warn", panic_on_warn, false),
	TRIAGE_VAR("sysctl_panic_on_oom", panic_on_oom, false),
	TRIAGE_VAR("panic_timeout", panic_timeout, false),
	TRIAGE_VAR("watchdog_thresh", watchdog_thresh, false),
	TRIAGE_VAR("sysctl_hung_task_check_count", hung_task_check_count, false),
};

void triage_sysctl_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(triage_vars); i++)
		triage_vars[i].addr = triage_ksym(triage_vars[i].name);
}

/**
 * triage_capture_sysctl() - write the TRIAGE_REC_SYSCTL record
 * @ctx: the capture
 */
void triage_capture_sysctl(const struct triage_ctx *ctx)
{
	static struct triage_rec_sysctl r;	/* under the capture guard */
	const struct triage_sysctl_var *v;
	unsigned long lv;
	unsigned int i;
	int iv;

	memset(&r, 0, sizeof(r));
	r.hung_task_timeout_secs = -1;
	for (i = 0; i < ARRAY_SIZE(triage_vars); i++) {
		v = &triage_vars[i];
		if (v->is_long) {
			s64 *slot = (s64 *)((char *)&r + v->field);

			*slot = v->addr && !get_kernel_nofault(lv, (unsigned long *)v->addr) ?
				(s64)lv : -1;
		} else {
			s32 *slot = (s32 *)((char *)&r + v->field);

			*slot = v->addr && !get_kernel_nofault(iv, (int *)v->addr) ?
				iv : -1;
		}
	}
	triage_rec_add(TRIAGE_REC_SYSCTL, 0, &r, sizeof(r));
}
