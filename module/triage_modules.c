// SPDX-License-Identifier: GPL-2.0
/*
 * triage_modules.c - the suspect modules: out-of-tree, unsigned or
 * proprietary ones (and triage_capture itself), with their text ranges, so a
 * crash address can be pinned on a module without any debug info.
 *
 * The module list is walked without module_mutex (we may be in NMI or panic
 * context), through nofault reads, with a bound on the walk: a corrupt list
 * costs entries, never the capture.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/panic.h>
#include <linux/uaccess.h>
#include "triage.h"

#define TRIAGE_MODULES_MAX_WALK	4096
#define TRIAGE_SUSPECT_TAINTS	(BIT(TAINT_OOT_MODULE) | \
				 BIT(TAINT_UNSIGNED_MODULE) | \
				 BIT(TAINT_PROPRIETARY_MODULE))

static struct list_head *triage_modules_head;

void triage_modules_init(void)
{
	/* The list head is a static of kernel/module/main.c. */
	triage_modules_head = (struct list_head *)triage_ksym("modules");
}

static void triage_module_text(struct module *mod, u64 *base, u32 *size)
{
	void *b = NULL;
	unsigned int s = 0;

#ifdef TRIAGE_HAVE_MODULE_MEMORY
	/* v6.4, commit ac3b43283923 ("module: replace module_layout with module_memory") */
	get_kernel_nofault(b, &mod->mem[MOD_TEXT].base);
	get_kernel_nofault(s, &mod->mem[MOD_TEXT].size);
#else
	get_kernel_nofault(b, &mod->core_layout.base);
	get_kernel_nofault(s, &mod->core_layout.text_size);
#endif
	*base = (unsigned long)b;
	*size = s;
}

static bool triage_module_entry(struct module *mod, struct triage_module *e)
{
	unsigned long taints = 0;
	enum module_state state = MODULE_STATE_UNFORMED;
	bool sig_ok = true;

	memset(e, 0, sizeof(*e));
	if (copy_from_kernel_nofault(e->name, mod->name, sizeof(e->name) - 1))
		return false;
	e->name[sizeof(e->name) - 1] = '\0';
	get_kernel_nofault(taints, &mod->taints);
	get_kernel_nofault(state, &mod->state);
#ifdef CONFIG_MODULE_SIG
	get_kernel_nofault(sig_ok, &mod->sig_ok);
#endif
	e->taints = taints;
	if (taints & BIT(TAINT_OOT_MODULE))
		e->flags |= TRIAGE_MOD_OOT;
	if ((taints & BIT(TAINT_UNSIGNED_MODULE)) || !sig_ok)
		e->flags |= TRIAGE_MOD_UNSIGNED;
	if (taints & BIT(TAINT_PROPRIETARY_MODULE))
		e->flags |= TRIAGE_MOD_PROPRIETARY;
	if (state == MODULE_STATE_LIVE)
		e->flags |= TRIAGE_MOD_LIVE;
	if (mod == THIS_MODULE)
		e->flags |= TRIAGE_MOD_SELF;
	triage_module_text(mod, &e->text_base, &e->text_size);
	return e->flags & (TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED |
			   TRIAGE_MOD_PROPRIETARY | TRIAGE_MOD_SELF);
}

/*
 * A module's struct module (its .gnu.linkonce.this_module section) lies in
 * the module's own data and its kobject points back at it; the list head, a
 * static of the kernel seen as a struct module, gives neither.
 */
static bool triage_module_holds_itself(struct module *mod)
{
	struct module *self = NULL;
	void *b = NULL;
	unsigned int s = 0;

	if (get_kernel_nofault(self, &mod->mkobj.mod) || self != mod)
		return false;

#ifdef TRIAGE_HAVE_MODULE_MEMORY
	get_kernel_nofault(b, &mod->mem[MOD_DATA].base);
	get_kernel_nofault(s, &mod->mem[MOD_DATA].size);
#else
	get_kernel_nofault(b, &mod->core_layout.base);
	get_kernel_nofault(s, &mod->core_layout.size);
#endif
	return b && (void *)mod >= b && (void *)mod < b + s;
}

static bool triage_is_list_head(struct list_head *pos)
{
	if (triage_modules_head)
		return pos == triage_modules_head;
	/*
	 * Without the symbol (data symbols are missing from kallsyms without
	 * CONFIG_KALLSYMS_ALL, e.g. Debian arm64, where modules also live
	 * outside MODULES_VADDR..MODULES_END under KASLR).
	 */
	return !triage_module_holds_itself(list_entry(pos, struct module, list));
}

/* Does @mod's core memory (text, data, rodata) hold @addr?  Its offset. */
static bool triage_module_holds(struct module *mod, unsigned long addr,
				unsigned long *off)
{
	void *b = NULL;
	unsigned int s = 0;
#ifdef TRIAGE_HAVE_MODULE_MEMORY
	static const enum mod_mem_type types[] = {
		MOD_TEXT, MOD_DATA, MOD_RODATA, MOD_RO_AFTER_INIT,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (get_kernel_nofault(b, &mod->mem[types[i]].base) ||
		    get_kernel_nofault(s, &mod->mem[types[i]].size) || !b)
			continue;
		if (addr >= (unsigned long)b && addr - (unsigned long)b < s) {
			*off = addr - (unsigned long)b;
			return true;
		}
	}
	return false;
#else
	if (get_kernel_nofault(b, &mod->core_layout.base) ||
	    get_kernel_nofault(s, &mod->core_layout.size) || !b)
		return false;
	*off = addr - (unsigned long)b;
	return addr >= (unsigned long)b && *off < s;
#endif
}

/* A module's writable data (.data and .bss): where its locks live. */
static void triage_module_rw(struct module *mod, unsigned long *base,
			     unsigned long *size)
{
	void *b = NULL;
	unsigned int s = 0;
#ifdef TRIAGE_HAVE_MODULE_MEMORY
	get_kernel_nofault(b, &mod->mem[MOD_DATA].base);
	get_kernel_nofault(s, &mod->mem[MOD_DATA].size);
	*base = (unsigned long)b;
	*size = s;
#else
	/* text | rodata | ro_after_init | data and bss, in one allocation */
	unsigned int ro = 0;

	get_kernel_nofault(b, &mod->core_layout.base);
	get_kernel_nofault(s, &mod->core_layout.size);
	get_kernel_nofault(ro, &mod->core_layout.ro_after_init_size);
	*base = (unsigned long)b + ro;
	*size = s > ro ? s - ro : 0;
#endif
	if (!b)
		*size = 0;
}

static bool triage_module_text_holds(struct module *mod, unsigned long addr,
				     unsigned long *off)
{
	u64 base;
	u32 size;

	triage_module_text(mod, &base, &size);
	*off = addr - base;
	return base && addr >= base && *off < size;
}

static bool triage_module_rw_holds(struct module *mod, unsigned long addr,
				   unsigned long *off)
{
	unsigned long base, size;

	triage_module_rw(mod, &base, &size);
	*off = addr - base;
	return size && addr >= base && *off < size;
}

/*
 * The module for which @match(mod, @addr, @off) holds: a bounded nofault
 * walk of the module list (no module_mutex: we may be in NMI context).
 */
static struct module *
triage_module_walk(bool (*match)(struct module *mod, unsigned long addr,
				 unsigned long *off),
		   unsigned long addr, unsigned long *off)
{
	struct list_head *pos = &THIS_MODULE->list, *next;
	unsigned int walked = 0;
	struct module *mod;

	do {
		if (!triage_is_list_head(pos)) {
			mod = list_entry(pos, struct module, list);
			if (match(mod, addr, off))
				return mod;
		}
		if (get_kernel_nofault(next, &pos->next) ||
		    !triage_kaddr((unsigned long)next))
			return NULL;
		pos = next;
	} while (++walked < TRIAGE_MODULES_MAX_WALK && !triage_time_up() &&
		 pos != &THIS_MODULE->list);
	return NULL;
}

/**
 * triage_module_data_name() - "name.core+0xoff [name]" for an address in a
 *	module that kallsyms cannot name
 * @addr: the address (a lock in a module's data, typically)
 * @out: output, "" when no module holds @addr
 * @len: size of @out
 *
 * Kernels without CONFIG_KALLSYMS_ALL (Debian arm64 6.1) keep no data
 * symbols, of modules either: the module at least can be named.
 */
void triage_module_data_name(unsigned long addr, char *out, size_t len)
{
	unsigned long off;
	struct module *mod = triage_module_walk(triage_module_holds, addr, &off);
	char name[MODULE_NAME_LEN];

	out[0] = '\0';
	if (mod && !copy_from_kernel_nofault(name, mod->name, sizeof(name) - 1)) {
		name[sizeof(name) - 1] = '\0';
		snprintf(out, len, "%s.core+0x%lx [%s]", name, off, name);
	}
}

/**
 * triage_module_in_rw_data() - is @addr in some module's writable data?
 * @addr: an address
 */
bool triage_module_in_rw_data(unsigned long addr)
{
	unsigned long off;

	return triage_module_walk(triage_module_rw_holds, addr, &off);
}

/**
 * triage_module_rw_data_of() - the writable data of the module whose text
 *	holds @text_addr
 * @text_addr: an address in a module's code (a return site)
 * @base: its data's start
 * @size: its data's size
 * @self: its struct module, which lies in that data (its refcount and
 *	state are words of it too)
 *
 * Return: false when no module's text holds @text_addr.
 */
bool triage_module_rw_data_of(unsigned long text_addr, unsigned long *base,
			      unsigned long *size, unsigned long *self)
{
	unsigned long off;
	struct module *mod = triage_module_walk(triage_module_text_holds,
						text_addr, &off);

	if (!mod)
		return false;
	triage_module_rw(mod, base, size);
	*self = (unsigned long)mod;
	return *size != 0;
}

/**
 * triage_capture_modules() - write the TRIAGE_REC_MODULES record
 * @ctx: the capture
 */
void triage_capture_modules(const struct triage_ctx *ctx)
{
	struct triage_rec_modules *r;
	struct triage_module *e;
	struct list_head *pos = &THIS_MODULE->list, *next;
	unsigned int walked = 0, room;
	bool corrupt = false, cut = false;
	u32 got;

	r = triage_rec_reserve(TRIAGE_REC_MODULES, sizeof(*r) + 64 * sizeof(*e),
			       sizeof(*r) + sizeof(*e), &got);
	if (!r)
		return;
	room = (got - sizeof(*r)) / sizeof(*e);
	e = (struct triage_module *)(r + 1);
	r->nr_entries = 0;

	/* Start at our own entry and go round the ring once. */
	do {
		if (!triage_is_list_head(pos)) {
			walked++;
			if (r->nr_entries < room &&
			    triage_module_entry(list_entry(pos, struct module, list),
						&e[r->nr_entries]))
				r->nr_entries++;
		}
		if (get_kernel_nofault(next, &pos->next) ||
		    !triage_kaddr((unsigned long)next)) {
			corrupt = true;
			break;
		}
		pos = next;
		if (walked >= TRIAGE_MODULES_MAX_WALK || triage_over_budget(ctx)) {
			cut = true;
			break;
		}
	} while (pos != &THIS_MODULE->list);
	r->nr_loaded = walked;
	triage_rec_finish(r, sizeof(*r) + r->nr_entries * sizeof(*e),
			  corrupt || cut ? TRIAGE_REC_F_TRUNCATED : 0);
	if (corrupt)
		triage_note(TRIAGE_NOTE_SKIPPED,
			    "module list unreadable after %u entries", walked);
	else if (cut)
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "module list walk stopped after %u entries", walked);
}
