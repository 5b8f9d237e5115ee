// SPDX-License-Identifier: GPL-2.0
/*
 * triage_stack.c - unwind a stack and symbolize its addresses at capture
 * time, so that no vmlinux is ever needed to read the snapshot.
 *
 * x86_64 uses the kernel's ORC/frame unwinder (__unwind_start() and
 * unwind_next_frame() are exported), which can start from an exception's
 * registers; arm64 follows the frame records from the registers' x29;
 * elsewhere stack_trace_save() unwinds from the caller.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/kstrtox.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_X86_64
#include <asm/unwind.h>
#endif
#ifdef CONFIG_ARM64
#include <asm/compiler.h>
#include <asm/pointer_auth.h>
/* Return addresses saved in frame records may carry a PAC (renamed in v6.3). */
#if defined(ptrauth_strip_kernel_insn_pac)
#define triage_strip_pac(lr)	ptrauth_strip_kernel_insn_pac(lr)
#elif defined(ptrauth_clear_pac)
#define triage_strip_pac(lr)	ptrauth_clear_pac(lr)
#else
#define triage_strip_pac(lr)	(lr)
#endif
#endif
#include "triage.h"

/**
 * triage_return_site() - is @addr just after a call instruction?
 * @addr: a candidate return address
 *
 * Return: true when the instruction before @addr is a call (x86 CALL rel32,
 * arm64 BL or BLR): a value on a stack or in a link register that is one is
 * most likely a real return address, not a stray text pointer.
 */
bool triage_return_site(unsigned long addr)
{
#if defined(CONFIG_ARM64)
	u32 insn;

	if (get_kernel_nofault(insn, (u32 *)(addr - 4)))
		return false;
	return (insn & 0xfc000000) == 0x94000000 ||
	       (insn & 0xfffffc1f) == 0xd63f0000;
#elif defined(CONFIG_X86_64)
	u8 op;

	return !get_kernel_nofault(op, (u8 *)(addr - 5)) && op == 0xe8;
#else
	return false;
#endif
}

/*
 * Are @a and @b in the same function?  Compares what kallsyms names them;
 * static buffers: only the capturing CPU (under the capture guard) asks.
 */
static bool __maybe_unused triage_same_function(unsigned long a,
						unsigned long b)
{
	static char sa[KSYM_SYMBOL_LEN], sb[KSYM_SYMBOL_LEN];
	char *pa, *pb;

	sprint_symbol_no_offset(sa, a);
	sprint_symbol_no_offset(sb, b);
	pa = strchr(sa, ' ');
	pb = strchr(sb, ' ');
	if (pa)
		*pa = '\0';
	if (pb)
		*pb = '\0';
	return !strcmp(sa, sb);
}

/**
 * triage_unwind() - collect return addresses
 * @regs: start from these registers (an exception frame of current, or
 *	registers made by triage_entry_caller()): their instruction pointer is
 *	the first address; NULL to start from the caller
 * @addrs: output
 * @max: capacity of @addrs
 *
 * Return: the number of addresses stored.
 */
unsigned int triage_unwind(struct pt_regs *regs, unsigned long *addrs,
			   unsigned int max)
{
	unsigned int n = 0;
#ifdef CONFIG_X86_64
	struct unwind_state state;
	unsigned long addr;

	if (!max)
		return 0;
	/* __unwind_start() steps over the frame of @regs itself. */
	if (regs)
		addrs[n++] = instruction_pointer(regs);
	for (unwind_start(&state, current, regs, NULL);
	     !unwind_done(&state) && n < max; unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		addrs[n++] = addr;
	}
	return n;
#elif defined(CONFIG_ARM64)
	/*
	 * arm64 kernels always keep frame records (x29 = {caller's x29, x30}),
	 * so follow them from @regs, as the kernel's own unwinder does: a trace
	 * from here would show the capture and the kprobe/exception path first.
	 */
	unsigned long fp, rec[2], lr;

	if (!regs)
		return stack_trace_save(addrs, max, 0);
	if (!max)
		return 0;
	addrs[n++] = instruction_pointer(regs);
	/*
	 * Interrupted before it pushed a frame record (a leaf, a prologue), a
	 * function's caller is only in the link register, which the frame
	 * records skip.  Take it when it is a return site in another function
	 * and not what the first record holds anyway.
	 */
	lr = triage_strip_pac(regs->regs[30]);
	fp = regs->regs[29];
	if (n < max && !user_mode(regs) && triage_return_site(lr) &&
	    !triage_same_function(lr - 4, addrs[0]) &&
	    (copy_from_kernel_nofault(rec, (void *)fp, sizeof(rec)) ||
	     triage_strip_pac(rec[1]) != lr))
		addrs[n++] = lr;
	for (; n < max && fp && !(fp & 0xf); fp = rec[0]) {
		if (copy_from_kernel_nofault(rec, (void *)fp, sizeof(rec)) ||
		    !rec[1] || rec[0] == fp)
			break;
		addrs[n++] = triage_strip_pac(rec[1]);
	}
	return n;
#else
	/* No exported unwinder that starts from regs: put the PC first. */
	if (regs && max) {
		addrs[n++] = instruction_pointer(regs);
		return n + stack_trace_save(addrs + n, max - n, 0);
	}
	return stack_trace_save(addrs, max, 0);
#endif
}

/**
 * triage_entry_caller() - registers of the caller of a probed function
 * @entry: registers at the function's first instruction (a kprobe there)
 * @out: the caller's registers: its return site and stack
 *
 * Unwinding from inside __crash_kexec() fails on x86: it is
 * STACK_FRAME_NON_STANDARD, so objtool gives it no ORC data.  At its entry the
 * return address is still where the call left it, so start from the caller.
 *
 * Return: true when @out is usable.
 */
bool triage_entry_caller(const struct pt_regs *entry, struct pt_regs *out)
{
	unsigned long ret = 0;

	*out = *entry;
#if defined(CONFIG_X86_64)
	if (get_kernel_nofault(ret, (unsigned long *)entry->sp) || !ret)
		return false;
	out->ip = ret;
	out->sp = entry->sp + sizeof(long);
#elif defined(CONFIG_ARM64)
	ret = entry->regs[30];	/* the link register, before any push */
	if (!ret)
		return false;
	out->pc = ret;
#endif
	return true;
}

/*
 * The names of the addresses already symbolized in this capture.  A
 * kallsyms lookup costs a binary search and the expansion of a compressed
 * name, and the blocked tasks of a loaded machine share their stacks (200
 * waiters on one mutex: 200 times the same 20 frames), so most lookups of a
 * capture are repeats.  Direct-mapped on the address; emptied at the start
 * of each capture (a module unloaded since may have left its addresses to
 * another).  Under the capture guard, like the rest.
 */
#define TRIAGE_SYMCACHE_SLOTS	64
static struct {
	unsigned long key;	/* the address looked up, 0: empty */
	char name[TRIAGE_SYM_LEN];
} triage_symcache[TRIAGE_SYMCACHE_SLOTS];

/**
 * triage_symbolize_begin() - forget the names of the previous capture
 */
void triage_symbolize_begin(void)
{
	unsigned int i;

	for (i = 0; i < TRIAGE_SYMCACHE_SLOTS; i++)
		triage_symcache[i].key = 0;
}

static void triage_symbolize_uncached(unsigned long addr, bool is_return,
				      char *out, size_t len);

/**
 * triage_symbolize() - "function+0xoff/0xsize [module]" for an address
 * @addr: the address
 * @is_return: @addr is a return address: look up @addr - 1, as %pB does,
 *	so that a call to a noreturn function at the very end of a function
 *	is not blamed on the next one
 * @out: output, always NUL-terminated
 * @len: size of @out
 */
void triage_symbolize(unsigned long addr, bool is_return, char *out,
		      size_t len)
{
	/*
	 * The key: the address shifted left by one, @is_return in bit 0.  A
	 * kernel address has its top bit set, so none is lost; any other
	 * address is looked up uncached.
	 */
	unsigned long key = (addr << 1) | is_return;
	unsigned int slot = hash_long(key, 6);

	BUILD_BUG_ON(TRIAGE_SYMCACHE_SLOTS != 1 << 6);
	if (!len)
		return;
	/* A name as long as a record's field is cached, a longer one not. */
	if (len > TRIAGE_SYM_LEN || !(addr >> (BITS_PER_LONG - 1))) {
		triage_symbolize_uncached(addr, is_return, out, len);
		return;
	}
	if (triage_symcache[slot].key != key) {
		triage_symbolize_uncached(addr, is_return,
					  triage_symcache[slot].name,
					  TRIAGE_SYM_LEN);
		triage_symcache[slot].key = key;
	}
	strscpy(out, triage_symcache[slot].name, len);
}

static void triage_symbolize_uncached(unsigned long addr, bool is_return,
				      char *out, size_t len)
{
	/* One capture at a time (the guard), so one static buffer will do. */
	static char sym[KSYM_SYMBOL_LEN];
	unsigned long off, size, start;
	char *plus, *slash, *tail, saved;

	sprint_symbol(sym, is_return ? addr - 1 : addr);
	/* sprint_symbol() prints the bare address when it finds no symbol. */
	if (sym[0] == '0' && sym[1] == 'x') {
		out[0] = '\0';
		return;
	}
	plus = strstr(sym, "+0x");
	slash = plus ? strchr(plus, '/') : NULL;
	if (!slash) {
		strscpy(out, sym, len);
		return;
	}
	/* "name+0xoff/0xsize[ [module]]" */
	tail = slash + 1 + strcspn(slash + 1, " ");
	saved = *tail;
	*tail = '\0';
	*slash = '\0';
	if (kstrtoul(plus + 3, 16, &off) || kstrtoul(slash + 1, 16, &size)) {
		out[0] = '\0';
		return;
	}
	*tail = saved;
	*plus = '\0';
	/*
	 * kallsyms sizes a module symbol up to the next symbol, and the last
	 * one up to the end of the module's text: a data symbol above the
	 * text then gets a size that wraps ("hang_lock+0x0/0xffffffffffffebbc
	 * [hangme]").  That size is unknown: the symbol goes without it,
	 * "hang_lock [hangme]" at its start, "hang_lock+0x8 [hangme]" inside.
	 */
	start = (is_return ? addr - 1 : addr) - off;
	if (!size || start + size <= start) {
		if (is_return || off)
			snprintf(out, len, "%s+0x%lx%s", sym,
				 is_return ? off + 1 : off, tail);
		else
			snprintf(out, len, "%s%s", sym, tail);
		return;
	}
	if (off >= size) {
		/*
		 * Past the end of the nearest symbol: kallsyms does not know
		 * this address (data without CONFIG_KALLSYMS_ALL, a gap).
		 */
		out[0] = '\0';
		return;
	}
	/* A return address reports its own offset, as sprint_backtrace(). */
	snprintf(out, len, "%s+0x%lx/0x%lx%s", sym, is_return ? off + 1 : off,
		 size, tail);
}
