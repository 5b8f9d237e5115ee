// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_checker.c - two readings the oops, WARN and panic rules share.
 *
 * Checkers are not culprits.  A BUG or WARN raised by a function whose job
 * is to check someone else's work (list debugging, refcount_t, hardened
 * usercopy, KASAN, the stack protector, a BUG_ON in a generic lib/ helper)
 * is the fault of the function that handed it the bad list, count or
 * buffer: the culprit is the first frame past the checker, and the checker
 * says what kind of bug it is.  kfunc.c's KF_CHECKER class knows the
 * checkers and labels each with its kind.
 *
 * The context.  A crash in a softirq or a hard interrupt ran on whatever
 * task was current, which did nothing wrong: say "in timer softirq,
 * interrupting swapper/1" and leave culprit.pid empty.  The crash record's
 * preempt count has the context bits; the frames past the culprit say
 * which softirq (run_timer_softirq, net_rx_action, tasklet_action, ...),
 * and are all there is without a snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge_priv.h"

/* preempt_count() bits (include/linux/preempt.h, the same on every arch) */
#define PC_SOFTIRQ_OFFSET	0x100u		/* serving a softirq */
#define PC_HARDIRQ_MASK		0x000f0000u
#define PC_HARDIRQ_OFFSET	0x00010000u
#define PC_NMI_MASK		0x00f00000u
#define PC_NMI_OFFSET		0x00100000u

static bool capture_frame(const char *func, const char *mod)
{
	return strcmp(mod, "triage_capture") == 0 ||
	       kfunc_is(func, KF_TRACE | KF_KPROBE_ENTRY);
}

/* The index of the first frame named @name (without clone suffixes), or -1. */
static long frame_named(const struct verdict *v, const char *name, long from)
{
	char func[TRIAGE_SYM_LEN + 1], a[TRIAGE_SYM_LEN + 1],
	     b[TRIAGE_SYM_LEN + 1];
	long i;

	kfunc_base(name, b, sizeof(b));
	for (i = from < 0 ? 0 : from; i < (long)v->nr_frames; i++) {
		sym_split(v->frames[i].sym, func, sizeof(func), NULL, 0);
		kfunc_base(func, a, sizeof(a));
		if (a[0] && strcmp(a, b) == 0)
			return i;
	}
	return -1;
}

/* The first frame from @from that is not in @skip, not @self and not the
 * capture's own: the checker's caller.  -1 if none. */
static long caller_past(const struct verdict *v, long from, unsigned int skip,
			const char *self)
{
	char func[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1],
	     a[TRIAGE_SYM_LEN + 1], b[TRIAGE_SYM_LEN + 1];
	long i;

	kfunc_base(self, b, sizeof(b));
	for (i = from < 0 ? 0 : from; i < (long)v->nr_frames; i++) {
		sym_split(v->frames[i].sym, func, sizeof(func), mod, sizeof(mod));
		if (!func[0] || func[0] == '0' || capture_frame(func, mod) ||
		    kfunc_is(func, skip))
			continue;
		kfunc_base(func, a, sizeof(a));
		if (strcmp(a, b) == 0)
			continue;
		return i;
	}
	return -1;
}

/*
 * What each kind of checker prints before its BUG or WARN, so the report
 * can be quoted: the first of these within a few lines before the oops.
 */
static const struct {
	const char *kind;
	const char *needle;
} checker_lines[] = {
	{ "list_corruption", "list_add corruption" },
	{ "list_corruption", "list_del corruption" },
	{ "refcount", "refcount_t: " },
	{ "usercopy", "usercopy: Kernel memory" },
	{ "usercopy", "Buffer overflow detected (" },	/* __copy_overflow */
	{ "kasan", "BUG: KASAN: " },
	{ "kfence", "BUG: KFENCE: " },
	{ "kmsan", "BUG: KMSAN: " },
	{ "ubsan", "UBSAN: " },
	{ "bad_page", "BUG: Bad page " },
	{ "stack_corruption", "stack-protector: " },
	{ "fortify", "detected buffer overflow" },
	{ "fortify", "fortify: " },
};

#define CHECKER_WINDOW	40

/* The checker's own report line: "list_add corruption. next->prev ...". */
static long checker_line(const struct judge_ctx *c, const char *kind,
			 long before)
{
	size_t k, end = before < 0 ? c->log.nr : (size_t)before + 1;
	long i, best = -1;

	if (!kind)
		return -1;
	for (k = 0; k < sizeof(checker_lines) / sizeof(checker_lines[0]); k++) {
		if (strcmp(checker_lines[k].kind, kind) != 0)
			continue;
		i = loglines_rfind(&c->log, checker_lines[k].needle, end);
		if (i >= 0 && i + CHECKER_WINDOW >= (long)end && i > best)
			best = i;
	}
	return best;
}

/* Split a checker's line into what it found ("list_add corruption",
 * "refcount_t: underflow; use-after-free") and the details after it. */
static void checker_split(const char *line, const char *kind, char *what,
			  size_t wsize, char *detail, size_t dsize)
{
	const char *p = line;
	size_t n;

	detail[0] = '\0';
	if (strcmp(kind, "list_corruption") == 0) {
		/* "list_add corruption. next->prev should be prev (...), ..."
		 * "list_del corruption, ffff...->next is LIST_POISON1 (...)" */
		n = strcspn(p, ".,");
		snprintf(what, wsize, "%.*s", (int)n, p);
		p += n;
		while (*p == '.' || *p == ',' || *p == ' ')
			p++;
		snprintf(detail, dsize, "%s", p);
	} else {
		snprintf(what, wsize, "%s", p);
	}
	/* the kernel's closing '.' or '!' */
	n = strlen(what);
	while (n && (what[n - 1] == '.' || what[n - 1] == '!' ||
		     what[n - 1] == ' '))
		what[--n] = '\0';
	n = strlen(detail);
	while (n && (detail[n - 1] == '.' || detail[n - 1] == ' '))
		detail[--n] = '\0';
}

/* "kernel BUG at lib/foo.c:12!" near the oops: @loc gets "lib/foo.c:12". */
static bool bug_location(const struct judge_ctx *c, long before, char *loc,
			 size_t size)
{
	size_t end = before < 0 ? c->log.nr : (size_t)before + 8;
	long i;
	const char *p;
	size_t n;

	if (end > c->log.nr)
		end = c->log.nr;
	i = loglines_rfind(&c->log, "kernel BUG at ", end);
	if (i < 0 || (before >= 0 && i + CHECKER_WINDOW < before))
		return false;
	p = strstr(c->log.line[i], "kernel BUG at ") + 14;
	n = strcspn(p, "! ");
	snprintf(loc, size, "%.*s", (int)n, p);
	return n > 0;
}

bool checker_culprit(const struct judge_ctx *c, struct verdict *v,
		     long log_line)
{
	char checker[TRIAGE_SYM_LEN + 1], loc[128] = "";
	const char *kind;
	bool helper = false;
	long k, f;

	if (!v->culprit.function[0])
		return false;
	copy_str(checker, sizeof(checker), v->culprit.function);
	kind = kfunc_label(checker, KF_CHECKER);
	if (!kfunc_is(checker, KF_CHECKER)) {
		/*
		 * A BUG_ON in an out-of-line generic helper (lib/): its
		 * assertion is about what its caller passed.  An inline one
		 * (include/) is already in its caller's code.
		 */
		if (v->culprit.module[0] || !v->kind ||
		    strcmp(v->kind, "bug") != 0 ||
		    !bug_location(c, log_line, loc, sizeof(loc)) ||
		    strncmp(loc, "lib/", 4) != 0)
			return false;
		helper = true;
	}
	/* Past the checker's own frame when the trace has it (the crash
	 * registers' IP, a WARN's trap frame); from the top when it does not
	 * (the log's call trace starts at the caller). */
	k = frame_named(v, checker, 0);
	f = caller_past(v, k < 0 ? 0 : k + 1,
			KF_CHECKER | KF_TRAP | KF_WARN | KF_PANIC, checker);
	if (f < 0)
		return false;
	set_culprit_frame(v, f);
	/* without the compiler's clone suffix: "__list_add_valid", not
	 * "__list_add_valid.cold" */
	kfunc_base(checker, v->culprit.checker, sizeof(v->culprit.checker));
	v->checker_kind = kind;
	if (!v->location[0] && loc[0])
		copy_str(v->location, sizeof(v->location), loc);
	else if (!v->location[0])
		bug_location(c, log_line, v->location, sizeof(v->location));
	v->checker_line = checker_line(c, kind, log_line);
	if (helper)
		evidence(v, "the BUG is in %s, a generic helper (%s) checking what it was given: its caller %s is named",
			 v->culprit.checker, loc, v->culprit.function);
	else
		evidence(v, "%s is a checker (%s): it reports a bug of its caller, %s%s%s%s",
			 v->culprit.checker, kind ? kind : "generic",
			 v->culprit.function, v->culprit.module[0] ? " [" : "",
			 v->culprit.module, v->culprit.module[0] ? "]" : "");
	return true;
}

void checker_what(const struct judge_ctx *c, const struct verdict *v,
		  char *what, size_t wsize, char *detail, size_t dsize)
{
	const char *line;

	what[0] = detail[0] = '\0';
	if (!v->checker_kind || v->checker_line < 0 ||
	    v->checker_line >= (long)c->log.nr)
		return;
	line = c->log.line[v->checker_line];
	{
		/* from the needle on: a KASAN line may have a prefix */
		size_t k;
		const char *p;

		for (k = 0; k < sizeof(checker_lines) / sizeof(checker_lines[0]);
		     k++) {
			if (strcmp(checker_lines[k].kind, v->checker_kind) != 0)
				continue;
			p = strstr(line, checker_lines[k].needle);
			if (p) {
				line = p;
				break;
			}
		}
	}
	checker_split(line, v->checker_kind, what, wsize, detail, dsize);
}

/* ---- the context ------------------------------------------------------- */

/*
 * From the frames past the culprit: the first interrupt boundary and the
 * softirq action on the way to it.  Returns "softirq", "hardirq", "nmi"
 * or NULL (none seen).
 */
static const char *frames_context(const struct verdict *v, const char **softirq,
				  const char **boundary)
{
	char func[TRIAGE_SYM_LEN + 1];
	const char *label;
	long i, from = frame_named(v, v->culprit.function, 0);

	*softirq = NULL;
	*boundary = NULL;
	for (i = from < 0 ? 0 : from + 1; i < (long)v->nr_frames; i++) {
		sym_split(v->frames[i].sym, func, sizeof(func), NULL, 0);
		if (!func[0])
			continue;
		label = kfunc_label(func, KF_SOFTIRQ_ACTION);
		if (label && !*softirq)
			*softirq = label;
		if (kfunc_is(func, KF_NMI)) {
			*boundary = v->frames[i].sym;
			return "nmi";
		}
		if (kfunc_is(func, KF_SOFTIRQ)) {
			*boundary = v->frames[i].sym;
			return "softirq";
		}
		if (kfunc_is(func, KF_HARDIRQ)) {
			*boundary = v->frames[i].sym;
			/* a softirq action below a hardirq frame: the softirq
			 * ran on the way out of the interrupt */
			return *softirq ? "softirq" : "hardirq";
		}
	}
	return NULL;
}

/* The interrupted task from the log's "CPU: 1 PID: 0 Comm: swapper/1". */
static void log_current(const struct judge_ctx *c, long near, struct verdict *v)
{
	struct verdict_culprit t = { .pid = -1, .cpu = -1 };

	if (log_task(&c->log, near < 0 ? c->log.nr : (size_t)near, &t)) {
		v->culprit.interrupted_pid = t.pid;
		copy_str(v->culprit.interrupted_comm,
			 sizeof(v->culprit.interrupted_comm), t.comm);
	}
}

void crash_context(const struct judge_ctx *c, struct verdict *v,
		   long log_line)
{
	const char *fctx, *softirq, *boundary, *ctx = NULL;
	uint32_t pc = 0;
	bool has_pc = c->crash != NULL, nmi_entry = false;
	long i;
	char func[TRIAGE_SYM_LEN + 1];

	fctx = frames_context(v, &softirq, &boundary);
	if (has_pc) {
		pc = c->crash->raw.preempt_count;
		/*
		 * A kprobe's int3 (x86), a double fault or a machine check is
		 * entered like an NMI: one NMI and one hardirq level that are
		 * not the crash's own unless the frames show an NMI handler.
		 */
		for (i = 0; i < (long)v->nr_frames && !nmi_entry; i++) {
			sym_split(v->frames[i].sym, func, sizeof(func), NULL, 0);
			nmi_entry = kfunc_is(func, KF_NMI);
		}
		if ((pc & PC_NMI_MASK) && !nmi_entry) {
			pc -= PC_NMI_OFFSET;
			if (pc & PC_HARDIRQ_MASK)
				pc -= PC_HARDIRQ_OFFSET;
		}
	}
	if (fctx)
		ctx = fctx;
	else if (has_pc && (pc & PC_NMI_MASK))
		ctx = "nmi";
	else if (has_pc && (pc & PC_HARDIRQ_MASK))
		ctx = "hardirq";
	else if (has_pc && (pc & PC_SOFTIRQ_OFFSET))
		ctx = "softirq";
	else
		ctx = "task";
	v->culprit.context = ctx;
	v->culprit.softirq = strcmp(ctx, "softirq") == 0 ? softirq : NULL;
	if (strcmp(ctx, "task") == 0)
		return;

	/* Whoever was current did not do it: it is only where it ran. */
	if (v->culprit.pid >= 0 || v->culprit.comm[0]) {
		v->culprit.interrupted_pid = v->culprit.pid;
		copy_str(v->culprit.interrupted_comm,
			 sizeof(v->culprit.interrupted_comm), v->culprit.comm);
	} else {
		log_current(c, log_line, v);
	}
	v->culprit.pid = -1;
	v->culprit.comm[0] = '\0';
	{
		char in[96], bits[96] = "";

		context_phrase(v, in, sizeof(in));
		if (has_pc)
			snprintf(bits, sizeof(bits), "preempt count 0x%x%s",
				 c->crash->raw.preempt_count,
				 (c->crash->raw.preempt_count & PC_NMI_MASK) ?
				 " (NMI bits from the exception entry)" :
				 (c->crash->raw.preempt_count & PC_HARDIRQ_MASK) ?
				 ": in a hard interrupt" :
				 (c->crash->raw.preempt_count & PC_SOFTIRQ_OFFSET) ?
				 ": serving a softirq" : "");
		if (boundary)
			evidence(v, "it ran %s: %s is past %s in the backtrace%s%s",
				 in, boundary, v->culprit.function,
				 bits[0] ? "; " : "", bits);
		else
			evidence(v, "it ran %s (%s)", in, bits);
	}
}

const char *by_whom(const struct verdict *v, char *buf, size_t size)
{
	char w[64];

	if (v->culprit.context && strcmp(v->culprit.context, "task") != 0)
		return context_phrase(v, buf, size);
	snprintf(buf, size, "by %s", who(v, w, sizeof(w)));
	return buf;
}

/* The words of each kind, for an oops's title and summary and a WARNING's
 * title; one table, one lookup.  A field not given here: the caller's
 * default ("kernel oops", "oops", the kind itself). */
const struct kind_words *kind_words(const char *kind)
{
	static const struct kind_words t[] = {
		{ "null_deref", "BUG: unable to handle kernel NULL pointer dereference",
		  "NULL pointer dereference", NULL },
		{ "bad_access", "BUG: unable to handle kernel paging request",
		  "bad memory access", NULL },
		{ "bug", "kernel BUG", "BUG() assertion", NULL },
		{ "general_protection", "general protection fault",
		  "general protection fault", NULL },
		{ "stack_overflow", "BUG: stack guard page was hit",
		  "kernel stack overflow", NULL },
		{ "stack_corruption", "stack-protector: Kernel stack is corrupted",
		  "stack corruption (stack protector)", "stack corruption" },
		{ "list_corruption", "BUG: corrupted list", "list corruption",
		  "corrupted list" },
		{ "double_fault", "double fault", "double fault", NULL },
		{ "usercopy", "BUG: bad usercopy", "bad usercopy",
		  "bad usercopy" },
		{ "refcount", "BUG: refcount bug", "refcount_t misuse",
		  "refcount bug" },
		{ "kasan", "BUG: KASAN report", "KASAN report", "KASAN report" },
		{ "kfence", "BUG: KFENCE report", "KFENCE report",
		  "KFENCE report" },
		{ "kmsan", "BUG: KMSAN report", "KMSAN report", "KMSAN report" },
		{ "kcsan", NULL, NULL, "data race" },
		{ "ubsan", "UBSAN report", "UBSAN report", "UBSAN report" },
		{ "fortify", "detected buffer overflow",
		  "buffer overflow (FORTIFY_SOURCE)", "buffer overflow" },
		{ "bad_page", "BUG: Bad page state", "bad page state",
		  "bad page state" },
		{ "slab_corruption", "BUG: corrupted slab object",
		  "slab object corruption", "corrupted slab object" },
		{ "debug_objects", NULL, NULL, "ODEBUG bug" },
		{ "preemptible", NULL, NULL,
		  "smp_processor_id() in preemptible code" },
		{ "dma_debug", NULL, NULL, "DMA-API bug" },
	};
	static const struct kind_words none = { NULL, NULL, NULL, NULL };
	size_t i;

	for (i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, kind) == 0)
			return &t[i];
	return &none;
}

bool checker_log_title(const struct judge_ctx *c, struct verdict *v)
{
	static const struct { const char *kind, *prefix; } t[] = {
		{ "kasan", "KASAN: " }, { "kfence", "KFENCE: " },
		{ "kmsan", "KMSAN: " }, { "ubsan", "UBSAN: " },
		{ "kcsan", "KCSAN: " }, { "slab_corruption", "SLUB: " },
	};
	const struct kreport *r = NULL;
	const char *prefix = NULL, *in;
	char base[VERDICT_TEXT];
	size_t i;

	for (i = 0; v->kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, v->kind) == 0)
			prefix = t[i].prefix;
	if (!prefix)
		return false;
	for (i = c->reports.nr; i-- > 0 && !r;)
		if (starts_with(c->reports.r[i].title, prefix))
			r = &c->reports.r[i];
	if (!r)
		return false;
	in = strstr(r->title, " in ");
	snprintf(base, sizeof(base), "%.*s",
		 (int)(in ? (size_t)(in - r->title) : strlen(r->title)),
		 r->title);
	title_in(v, base);
	return true;
}
