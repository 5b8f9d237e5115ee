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

#include <linux/crash_core.h>
/* VMCOREINFO moved to its own header in v6.9, commit 443cbaf9e2fd. */
#ifdef TRIAGE_HAVE_VMCORE_INFO_H
#include <linux/vmcore_info.h>
#endif
#include <linux/elf.h>
#include <linux/io.h>
#include <linux/kprobes.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "triage.h"

typedef unsigned long (*triage_lookup_fn)(const char *name);
typedef void (*triage_vmcoreinfo_fn)(const char *fmt, ...);
typedef void (*triage_update_fn)(void);

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

/* Where the "KEY=" line starts in @data[0, @len), or NULL. */
static unsigned char *triage_vmcoreinfo_find(unsigned char *data, size_t len)
{
	static const char key[] = TRIAGE_VMCOREINFO_KEY "=";
	size_t i;

	for (i = 0; i + sizeof(key) - 1 <= len; i++)
		if ((i == 0 || data[i - 1] == '\n') &&
		    !memcmp(data + i, key, sizeof(key) - 1))
			return data + i;
	return NULL;
}

static size_t triage_line_len(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *nl = memchr(p, '\n', end - p);

	return nl ? nl - p + 1 : end - p;
}

/*
 * Rewrite our line in place in the VMCOREINFO data (and in the crash
 * kernel's copy of it, made when kdump loaded, if it has our line at the
 * same place).  Return: true when the data held a line of the same length.
 */
static bool triage_vmcoreinfo_rewrite(const char *line, size_t len)
{
	unsigned char **datap, **safep, *data, *hit, *copy, probe;
	size_t *sizep, n;

	datap = (unsigned char **)triage_ksym("vmcoreinfo_data");
	sizep = (size_t *)triage_ksym("vmcoreinfo_size");
	safep = (unsigned char **)triage_ksym("vmcoreinfo_data_safecopy");
	if (!datap || !sizep || !*datap)
		return false;
	data = *datap;
	n = min_t(size_t, *sizep, VMCOREINFO_BYTES);
	hit = triage_vmcoreinfo_find(data, n);
	if (!hit || triage_line_len(hit, data + n) != len)
		return false;
	copy = safep ? READ_ONCE(*safep) : NULL;
	if (copy && copy != data &&
	    !get_kernel_nofault(probe, copy + (hit - data)) &&
	    !memcmp(copy + (hit - data), hit, len)) {
		memcpy(copy + (hit - data), line, len);
		pr_info("updated the region's address in the loaded crash kernel's VMCOREINFO\n");
	}
	memcpy(hit, line, len);
	return true;
}

/*
 * Without the data symbols (no CONFIG_KALLSYMS_ALL: Debian arm64), refresh
 * the VMCOREINFO note from the data (update_vmcoreinfo_note() does what
 * crash_save_vmcoreinfo() will do at crash time anyway) and look for our
 * key in it.  Return: true when a line of ours is there already.
 */
static bool triage_vmcoreinfo_has_key(void)
{
	triage_update_fn update;
	const struct elf_note *note;
	unsigned char *desc;

	update = (triage_update_fn)triage_ksym("update_vmcoreinfo_note");
	if (!update)
		return false;
	update();
	note = phys_to_virt(paddr_vmcoreinfo_note());
	if (note->n_descsz > VMCOREINFO_BYTES)
		return false;
	desc = (unsigned char *)note + sizeof(*note) + ALIGN(note->n_namesz, 4);
	return triage_vmcoreinfo_find(desc, note->n_descsz);
}

/**
 * triage_vmcoreinfo_publish() - tell the capture kernel where the region is
 * @phys: physical address of the region
 * @size: its size
 *
 * Puts "TRIAGE_REGION=0x<phys>,0x<size>" (fixed width) in VMCOREINFO, which
 * crash_save_vmcoreinfo() seals into the ELF note of /proc/vmcore at crash
 * time.  The kernel has no way to remove a line, and its buffer is 4 KiB
 * (a WARN once full), so one line serves every load of the module: a later
 * load rewrites it in place.  Where the buffer cannot be reached (no data
 * symbols) and a line is there already, nothing is appended: the capture
 * kernel then finds the region by its scan.
 */
void triage_vmcoreinfo_publish(phys_addr_t phys, size_t size)
{
	triage_vmcoreinfo_fn append;
	char line[64];
	int len;

	len = scnprintf(line, sizeof(line), "%s=0x%016llx,0x%016llx\n",
			TRIAGE_VMCOREINFO_KEY, (unsigned long long)phys,
			(unsigned long long)size);
	if (triage_vmcoreinfo_rewrite(line, len))
		return;
	if (triage_vmcoreinfo_has_key()) {
		pr_info("VMCOREINFO names a region of an earlier load and cannot be rewritten on this kernel (no data symbols): the capture kernel will find the region by scanning\n");
		return;
	}
	append = (triage_vmcoreinfo_fn)triage_ksym("vmcoreinfo_append_str");
	if (!append) {
		pr_warn("vmcoreinfo_append_str not found: the collector will have to scan for the region\n");
		return;
	}
	append("%s", line);
}
