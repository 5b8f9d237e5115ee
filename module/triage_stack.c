// SPDX-License-Identifier: GPL-2.0
/*
 * triage_stack.c - unwind a stack and symbolize its addresses at capture
 * time, so that no vmlinux is ever needed to read the snapshot.
 *
 * x86_64 uses the kernel's ORC/frame unwinder (__unwind_start() and
 * unwind_next_frame() are exported), which can start from an exception's
 * registers; elsewhere stack_trace_save() unwinds from the caller.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#ifdef CONFIG_X86_64
#include <asm/unwind.h>
#endif
#include "triage.h"

/**
 * triage_unwind() - collect return addresses
 * @regs: start from these registers (an exception frame of current), or
 *	NULL to start from the caller
 * @addrs: output
 * @max: capacity of @addrs
 *
 * Return: the number of addresses stored.
 */
unsigned int triage_unwind(struct pt_regs *regs, unsigned long *addrs,
			   unsigned int max)
{
#ifdef CONFIG_X86_64
	struct unwind_state state;
	unsigned int n = 0;
	unsigned long addr;

	for (unwind_start(&state, current, regs, NULL);
	     !unwind_done(&state) && n < max; unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		addrs[n++] = addr;
	}
	return n;
#else
	unsigned int n = 0;

	/* No exported unwinder that starts from regs: put the PC first. */
	if (regs && max) {
		addrs[n++] = instruction_pointer(regs);
		return n + stack_trace_save(addrs + n, max - n, 0);
	}
	return stack_trace_save(addrs, max, 0);
#endif
}

/**
 * triage_symbolize() - "function+0xoff/0xsize [module]" for an address
 * @addr: the address
 * @out: output, always NUL-terminated
 * @len: size of @out
 */
void triage_symbolize(unsigned long addr, char *out, size_t len)
{
	/* One capture at a time (the guard), so one static buffer will do. */
	static char sym[KSYM_SYMBOL_LEN];

	sprint_symbol(sym, addr);
	/* sprint_symbol() prints the bare address when it finds no symbol. */
	if (sym[0] == '0' && sym[1] == 'x')
		sym[0] = '\0';
	strscpy(out, sym, len);
}
