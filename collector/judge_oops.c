// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_oops.c - the oops rule: a die() (page fault, general protection,
 * BUG(), arm64 Internal error...) from the crash record or the log, its
 * kind, title, faulting function and address, and the checker behind it.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge_priv.h"

/* ---- oops kinds -------------------------------------------------------- */

struct oops_marker {
	const char *needle;
	const char *kind;	/* NULL: an oops of no particular kind */
	int prio;		/* the more specific wins near the end */
};

static const struct oops_marker oops_markers[] = {
	{ "stack guard page was hit", "stack_overflow", 9 },
	{ "kernel stack overflow", "stack_overflow", 9 },
	{ "stack-protector: Kernel stack is corrupted", "stack_corruption", 8 },
	{ "list_add corruption", "list_corruption", 7 },
	{ "list_del corruption", "list_corruption", 7 },
	{ "double fault: ", "double_fault", 6 },
	{ "BUG: kernel NULL pointer dereference", "null_deref", 5 },
	{ "Unable to handle kernel NULL pointer dereference", "null_deref", 5 },
	{ "BUG: unable to handle page fault for address", "bad_access", 4 },
	{ "BUG: unable to handle kernel paging request", "bad_access", 4 },
	{ "Unable to handle kernel paging request", "bad_access", 4 },
	{ "general protection fault", "general_protection", 3 },
	{ "kernel BUG at", "bug", 2 },
	{ "Internal error: Oops - BUG", "bug", 2 },
	{ "BRK handler", "bug", 2 },
	{ "invalid opcode: ", "bug", 1 },
	{ "Oops: ", NULL, 0 },
	{ "Internal error: ", NULL, 0 },
};

#define N_OOPS_MARKERS	(sizeof(oops_markers) / sizeof(oops_markers[0]))
#define OOPS_WINDOW	30

/* The oops the log ends with: its first marker line, and its kind. */
/* The last line at or before @before with @needle, not counting the panic
 * line ("Kernel panic - not syncing: Oops: Fatal exception"): it may come
 * long after the oops (an arm64 oops prints its registers between), and the
 * window of markers is anchored at the last one. */
static long marker_rfind(const struct loglines *l, const char *needle,
			 size_t before)
{
	long i = loglines_rfind(l, needle, before);

	while (i >= 0 && strstr(l->line[i], "Kernel panic - not syncing")) {
		if (i == 0)
			return -1;
		i = loglines_rfind(l, needle, (size_t)i - 1);
	}
	return i;
}

static long log_oops(const struct loglines *l, const struct oops_marker **m)
{
	long last = -1, first, i, best_line = -1;
	size_t k;

	*m = NULL;
	for (k = 0; k < N_OOPS_MARKERS; k++) {
		i = marker_rfind(l, oops_markers[k].needle, l->nr);
		if (i > last)
			last = i;
	}
	if (last < 0)
		return -1;
	first = last > OOPS_WINDOW ? last - OOPS_WINDOW : 0;
	for (k = 0; k < N_OOPS_MARKERS; k++) {
		i = marker_rfind(l, oops_markers[k].needle, (size_t)last);
		if (i < first)
			continue;
		if (!*m || oops_markers[k].prio > (*m)->prio ||
		    (oops_markers[k].prio == (*m)->prio && i < best_line)) {
			*m = &oops_markers[k];
			best_line = i;
		}
	}
	return best_line;
}

/* arm64 ESR_ELx exception class names, for the evidence. */
static const char *esr_class_name(uint64_t esr)
{
	switch ((esr >> 26) & 0x3f) {
	case 0x00: return "unknown";
	case 0x15: return "SVC64";
	case 0x20: return "IABT (lower EL)";
	case 0x21: return "IABT (current EL)";
	case 0x22: return "PC alignment";
	case 0x24: return "DABT (lower EL)";
	case 0x25: return "DABT (current EL)";
	case 0x26: return "SP alignment";
	case 0x2c: return "FP exception";
	case 0x2f: return "SError";
	case 0x3c: return "BRK64";
	}
	return "other";
}

/*
 * The fault status of an arm64 instruction or data abort (ESR_ELx.ISS
 * IFSC/DFSC), e.g. ", level 2 translation fault, read"; "" for other classes.
 */
static void esr_fault_status(uint64_t esr, char *buf, size_t len)
{
	static const char *const kinds[4] = {
		"address size fault", "translation fault",
		"access flag fault", "permission fault",
	};
	unsigned int ec = (esr >> 26) & 0x3f, fsc = esr & 0x3f;
	const char *rw = "";

	buf[0] = '\0';
	if (ec != 0x20 && ec != 0x21 && ec != 0x24 && ec != 0x25)
		return;
	if (ec == 0x24 || ec == 0x25)
		rw = esr & (1u << 6) ? ", write" : ", read";	/* WnR */
	if (fsc < 0x10)
		snprintf(buf, len, ", level %u %s (FSC 0x%02x)%s", fsc & 3,
			 kinds[fsc >> 2], fsc, rw);
	else if (fsc == 0x10)
		snprintf(buf, len, ", synchronous external abort (FSC 0x10)%s", rw);
	else if (fsc == 0x21)
		snprintf(buf, len, ", alignment fault (FSC 0x21)%s", rw);
	else
		snprintf(buf, len, ", FSC 0x%02x%s", fsc, rw);
}

static const char *die_kind(const struct judge_ctx *c, uint64_t page_size)
{
	const struct snap_crash *k = c->crash;
	unsigned int ec;

	if (!k)
		return NULL;
	if (strstr(k->die_str, "general protection fault"))
		return "general_protection";
	if (strstr(k->die_str, "double fault"))
		return "double_fault";
	if (strstr(k->die_str, "stack guard page"))
		return "stack_overflow";
	if (strstr(k->die_str, "invalid opcode") || strstr(k->die_str, "BUG"))
		return "bug";
	if (k->raw.regs_arch == TRIAGE_ARCH_ARM64 &&
	    (k->raw.crash_flags & TRIAGE_CF_ESR)) {
		ec = (unsigned int)(k->raw.esr >> 26) & 0x3f;
		if (ec == 0x3c)
			return "bug";
		if (ec != 0x25 && ec != 0x21)
			return NULL;
	} else if (k->raw.trapnr != 14) {
		return NULL;
	}
	if (!(k->raw.crash_flags & TRIAGE_CF_FAULT_ADDR))
		return NULL;
	return k->raw.fault_addr < page_size ? "null_deref" : "bad_access";
}

static bool is_oops(const struct judge_ctx *c)
{
	const struct oops_marker *m;

	if (c->crash && (c->crash->raw.reason == TRIAGE_REASON_DIE ||
			 c->crash->die_str[0]))
		return true;
	if (strstr(c->message, "Fatal exception") ||
	    starts_with(c->message, "stack-protector:"))
		return true;
	/* With kdump loaded an oops goes straight to crash_kexec(): no
	 * panic message at all, only the oops in the log. */
	return !c->message[0] && log_oops(&c->log, &m) >= 0;
}

static const char *oops_what(const char *kind)
{
	const char *w = kind_words(kind)->what;

	return w ? w : "oops";
}

/* Function of the crash: the registers' IP, else the log's RIP/pc line,
 * else the first frame off the oops path. */
static void oops_function(const struct judge_ctx *c, struct verdict *v,
			  long log_line)
{
	const struct snap_backtrace *regs = snap_bt(c, TRIAGE_BT_REGS);

	if (regs) {
		use_snapshot_frames(v, regs, "snapshot (crash registers)");
		set_culprit_frame(v, first_culprit_frame(v, 0));
		return;
	}
	if (log_line >= 0 && log_crash_ip(&c->log, log_line, v)) {
		if (!c->snap)
			use_log_frames(v, &c->log, log_line);
		else
			load_frames(c, v, TRIAGE_BT_CURRENT, log_line);
		return;
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, log_line);
	{
		/* past panic() and the trap handlers */
		long f = first_culprit_frame(v, KF_PANIC | KF_TRAP);

		if (f >= 0)
			set_culprit_frame(v, f);
	}
}

static void oops_fault_addr(const struct judge_ctx *c, struct verdict *v,
			    long line)
{
	const char *p;

	if (c->crash && (c->crash->raw.crash_flags & TRIAGE_CF_FAULT_ADDR)) {
		v->has_fault_addr = true;
		v->fault_addr = c->crash->raw.fault_addr;
		return;
	}
	if (line < 0)
		return;
	p = strstr(c->log.line[line], "address: ");
	if (p)
		p += 9;
	else if ((p = strstr(c->log.line[line], "virtual address ")))
		p += 16;
	else if ((p = strstr(c->log.line[line], "for address ")))
		p += 12;
	if (p && isxdigit((unsigned char)*p)) {
		v->has_fault_addr = true;
		v->fault_addr = strtoull(p, NULL, 16);
	}
}

bool judge_oops(const struct judge_ctx *c, struct verdict *v)
{
	const struct oops_marker *m = NULL;
	uint64_t page_size = 4096;
	long line;
	const char *p;
	char w[160], cpu[32], fn[160], addr[48] = "";

	if (!is_oops(c))
		return false;
	v->cls = VC_OOPS;
	line = log_oops(&c->log, &m);
	if (c->snap && c->snap->has_system && c->snap->system.page_size)
		page_size = c->snap->system.page_size;
	else if (c->facts && c->facts->page_size)
		page_size = c->facts->page_size;
	v->kind = m && m->kind ? m->kind : die_kind(c, page_size);
	if (!v->kind && m)
		v->kind = NULL;
	set_task(c, v, line < 0 ? c->log.nr : (size_t)line);
	oops_function(c, v, line);
	p = strstr(c->message, "corrupted in: ");
	if (v->kind && strcmp(v->kind, "stack_corruption") == 0 && p)
		sym_split(p + 14, v->culprit.function,
			  sizeof(v->culprit.function), v->culprit.module,
			  sizeof(v->culprit.module));
	/* A checker's BUG (or a fault inside it) is its caller's bug; the
	 * checker says which kind, unless the fault says more. */
	if (checker_culprit(c, v, line) && v->checker_kind &&
	    (!v->kind || strcmp(v->kind, "bug") == 0 ||
	     strcmp(v->kind, "list_corruption") == 0))
		v->kind = v->checker_kind;
	crash_context(c, v, line);
	oops_fault_addr(c, v, line);
	if (c->crash && c->crash->die_str[0])
		copy_str(v->message, sizeof(v->message), c->crash->die_str);
	title_in(v, kind_words(v->kind)->title ? kind_words(v->kind)->title :
		 "kernel oops");
	checker_log_title(c, v);
	if (v->has_fault_addr)
		snprintf(addr, sizeof(addr), " at address 0x%" PRIx64,
			 v->fault_addr);
	if (v->culprit.checker[0]) {
		char what[VERDICT_TEXT], detail[VERDICT_TEXT];

		checker_what(c, v, what, sizeof(what), detail, sizeof(detail));
		snprintf(v->summary, sizeof(v->summary),
			 "%s%s in %s (found by %s%s%s%s%s) %s%s",
			 what[0] ? what : oops_what(v->kind), addr,
			 where(v, fn, sizeof(fn)), v->culprit.checker,
			 v->location[0] ? " at " : "", v->location,
			 detail[0] ? ": " : "", detail,
			 by_whom(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
	} else {
		snprintf(v->summary, sizeof(v->summary), "%s%s in %s %s%s",
			 oops_what(v->kind), addr, where(v, fn, sizeof(fn)),
			 by_whom(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
	}
	if (line >= 0)
		evidence(v, "log: \"%s\"", c->log.line[line]);
	if (v->checker_line >= 0 && v->checker_line != line)
		evidence(v, "log: \"%s\"", c->log.line[v->checker_line]);
	if (c->crash) {
		evidence(v, "die: \"%s\", trap %d, error code 0x%" PRIx64,
			 c->crash->die_str, c->crash->raw.trapnr,
			 (uint64_t)c->crash->raw.die_err);
		if (c->crash->raw.crash_flags & TRIAGE_CF_ESR) {
			char fs[80];

			esr_fault_status(c->crash->raw.esr, fs, sizeof(fs));
			evidence(v, "ESR 0x%" PRIx64 ": exception class %s%s",
				 (uint64_t)c->crash->raw.esr,
				 esr_class_name(c->crash->raw.esr), fs);
		}
	}
	if (v->culprit.function[0] && v->bt_source)
		evidence(v, "crashing function %s from the %s backtrace",
			 v->culprit.function, v->bt_source);
	if (c->message[0])
		evidence(v, "panic message: \"%s\"", c->message);
	set_signature(v, NULL);
	return true;
}
