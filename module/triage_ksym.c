// SPDX-License-Identifier: GPL-2.0
/*
 * triage_ksym.c - reach the few kernel symbols that are not exported.
 *
 * kallsyms_lookup_name() stopped being exported in v5.7 (commit 0bd476e6c671
 * "kallsyms: unexport kallsyms_lookup_name() and kallsyms_on_each_symbol()").
 * Registering a kprobe on it still resolves its address, which is what we use
 * here, once, at load time.  Everything found this way is optional: when a
 * symbol is missing the module keeps working and says what it could not do.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/printk.h>
#include "triage.h"

typedef unsigned long (*triage_lookup_fn)(const char *name);
typedef void (*triage_vmcoreinfo_fn)(const char *fmt, ...);

static triage_lookup_fn triage_lookup;
static bool *triage_post_notifiers_var;

int triage_ksym_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret;

	ret = register_kprobe(&kp);
	if (ret < 0) {
		pr_warn("cannot resolve kallsyms_lookup_name (kprobe: %d): running without non-exported symbols\n",
			ret);
		return ret;
	}
	triage_lookup = (triage_lookup_fn)kp.addr;
	unregister_kprobe(&kp);

	/* A bool since v5.10; only ever read. */
	triage_post_notifiers_var =
		(bool *)triage_ksym("crash_kexec_post_notifiers");
	return 0;
}

/**
 * triage_ksym() - address of a kernel symbol
 * @name: symbol name
 *
 * Only for use at load time (kallsyms_lookup_name() may sleep-free but walks
 * a large table).
 *
 * Return: the address, or 0 when it cannot be found.
 */
unsigned long triage_ksym(const char *name)
{
	return triage_lookup ? triage_lookup(name) : 0;
}

/**
 * triage_post_notifiers() - is crash_kexec_post_notifiers set?
 *
 * Return: its value, or false when the variable cannot be found.
 */
bool triage_post_notifiers(void)
{
	bool v = false;

	if (triage_post_notifiers_var)
		get_kernel_nofault(v, triage_post_notifiers_var);
	return v;
}

/**
 * triage_vmcoreinfo_publish() - tell the capture kernel where the region is
 * @phys: physical address of the region
 * @size: its size
 *
 * Appends "TRIAGE_REGION=0x<phys>,0x<size>" to VMCOREINFO, which
 * crash_save_vmcoreinfo() seals into the ELF note of /proc/vmcore at crash
 * time.  Lines cannot be removed: after a reload the collector takes the last
 * line that points at a valid header.
 */
void triage_vmcoreinfo_publish(phys_addr_t phys, size_t size)
{
	triage_vmcoreinfo_fn append;

	append = (triage_vmcoreinfo_fn)triage_ksym("vmcoreinfo_append_str");
	if (!append) {
		pr_warn("vmcoreinfo_append_str not found: the collector will have to scan for the region\n");
		return;
	}
	append("%s=0x%llx,0x%zx\n", TRIAGE_VMCOREINFO_KEY,
	       (unsigned long long)phys, size);
}
