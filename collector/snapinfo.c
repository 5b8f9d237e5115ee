// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * snapinfo.c - readings of decoded snapshot records that the judge and the
 * renderer share: a CPU's first meaningful function, the names of a CPU
 * record's flags, a taint mask's letters.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kfunc.h"
#include "snapinfo.h"
#include "text.h"

bool cpu_frame_noise(const char *func, const char *mod)
{
	if (!func[0] || strcmp(mod, "triage_capture") == 0 ||
	    strstr(func, "kprobe") || strstr(func, "ftrace"))
		return true;
	/* the softirq loop and actions too: a lockup interrupted while the
	 * spinner's interrupt exit ran softirqs is still the spinner's */
	return kfunc_is(func, KF_SPIN | KF_CPU_RELAX | KF_IRQ | KF_PANIC |
			KF_SOFTIRQ | KF_HARDIRQ | KF_NMI | KF_SOFTIRQ_ACTION);
}

bool cpu_function(const struct snap_cpu *c, char *func, size_t func_size,
		  char *mod, size_t mod_size)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	size_t i;

	func[0] = mod[0] = '\0';
	for (i = 0; c && i < c->nr_frames; i++) {
		sym_split(c->frames[i].sym, f, sizeof(f), m, sizeof(m));
		if (cpu_frame_noise(f, m))
			continue;
		copy_str(func, func_size, f);
		copy_str(mod, mod_size, m);
		return true;
	}
	return false;
}

const char *cpu_flag_name(uint32_t bit)
{
	switch (bit) {
	case TRIAGE_CPU_F_CAPTURING:	return "capturing";
	case TRIAGE_CPU_F_RESPONDED:	return "responded";
	case TRIAGE_CPU_F_NO_RESPONSE:	return "no_response";
	case TRIAGE_CPU_F_NOT_ASKED:	return "not_asked";
	case TRIAGE_CPU_F_IRQS_OFF:	return "irqs_off";
	case TRIAGE_CPU_F_USER:		return "user";
	case TRIAGE_CPU_F_IDLE:		return "idle";
	case TRIAGE_CPU_F_IN_NMI:	return "in_nmi";
	case TRIAGE_CPU_F_IN_HARDIRQ:	return "in_hardirq";
	case TRIAGE_CPU_F_IN_SOFTIRQ:	return "in_softirq";
	case TRIAGE_CPU_F_STUCK:	return "stuck";
	case TRIAGE_CPU_F_IRQ_REGS:	return "irq_regs";
	}
	return NULL;
}

void taint_string(uint64_t taint, char *buf, size_t size)
{
	static const char letters[] = "PFSRMBUDAWCIOELKXTNJ";
	size_t i, n = 0;

	for (i = 0; i < sizeof(letters) - 1 && n + 1 < size; i++)
		if (taint & (1ull << i))
			buf[n++] = letters[i];
	if (size)
		buf[n < size ? n : size - 1] = '\0';
}

size_t frames_from_snap(struct frame *out, size_t max,
			const struct snap_frame *in, size_t n)
{
	char addr[24];
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		if (in[i].sym[0]) {
			frame_set(&out[i], in[i].sym, false);
		} else {
			snprintf(addr, sizeof(addr), "0x%016" PRIx64, in[i].addr);
			frame_set(&out[i], addr, false);
		}
	}
	return i;
}
