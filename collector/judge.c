// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge.c - turns what was captured into a verdict.  A table of rules, one
 * function per class, tried in order; the first that matches fills in the
 * verdict.  With no valid snapshot the same rules run on the dump's log.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"
#include "loglines.h"

#define PANIC_PREFIX	"Kernel panic - not syncing: "

struct judge_rule {
	enum verdict_class cls;
	bool (*judge)(const struct judge_ctx *c, struct verdict *v);
};

/* ---- small text helpers ------------------------------------------------ */

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void evidence(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->nr_evidence >= VERDICT_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(v->evidence[v->nr_evidence++], VERDICT_TEXT, fmt, ap);
	va_end(ap);
}

void sym_split(const char *sym, char *func, size_t func_size, char *mod,
	       size_t mod_size)
{
	size_t n = strcspn(sym, "+ ");
	const char *open = strchr(sym, '['), *close;

	snprintf(func, func_size, "%.*s", (int)n, sym);
	if (mod) {
		mod[0] = '\0';
		close = open ? strchr(open, ']') : NULL;
		if (open && close)
			snprintf(mod, mod_size, "%.*s",
				 (int)(close - open - 1), open + 1);
	}
}

/* "__handle_sysrq.cold" -> "__handle_sysrq": compiler clone suffixes change
 * between builds, so names are compared and bucketed without them. */
void base_name(const char *func, char *out, size_t size)
{
	size_t n = strcspn(func, ".");

	snprintf(out, size, "%.*s", (int)n, func);
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

const char *verdict_class_name(enum verdict_class cls)
{
	static const char *const names[] = {
		[VC_PANIC] = "panic",
		[VC_SYSRQ] = "sysrq",
		[VC_OOPS] = "oops",
		[VC_WARN] = "warn",
		[VC_HUNG_TASK] = "hung_task",
		[VC_SOFT_LOCKUP] = "soft_lockup",
		[VC_HARD_LOCKUP] = "hard_lockup",
		[VC_RCU_STALL] = "rcu_stall",
		[VC_OOM] = "oom",
		[VC_ATOMIC_SLEEP] = "atomic_sleep",
		[VC_HANG_NO_PANIC] = "hang_no_panic",
		[VC_MEMORY_CORRUPTION] = "memory_corruption",
		[VC_LOCKDEP] = "lockdep",
		[VC_BAD_PAGE] = "bad_page",
		[VC_MEMORY_LEAK] = "memory_leak",
		[VC_HARDWARE_ERROR] = "hardware_error",
		[VC_UNDEFINED_BEHAVIOR] = "undefined_behavior",
		[VC_DATA_RACE] = "data_race",
		[VC_WORKQUEUE_STALL] = "workqueue_stall",
		[VC_KERNEL_BUG] = "kernel_bug",
		[VC_UNKNOWN] = "unknown",
	};

	if ((unsigned int)cls < sizeof(names) / sizeof(names[0]))
		return names[cls];
	return "unknown";
}

/* The last "Kernel panic - not syncing: MSG" line, not counting the
 * "---[ end Kernel panic - not syncing: MSG ]---" trailer, or -1. */
static long panic_line(const struct loglines *l)
{
	long i = (long)l->nr;

	while ((i = loglines_rfind(l, PANIC_PREFIX, (size_t)i - 1)) >= 0) {
		if (!strstr(l->line[i], "---[ end "))
			return i;
		if (i == 0)
			break;
	}
	return -1;
}

/* The panic message of the log, into @buf. */
static void log_panic_message(const struct loglines *l, char *buf,
			      size_t size)
{
	long i = panic_line(l);
	const char *p;
	char *end;

	buf[0] = '\0';
	if (i < 0) {
		/* only the trailer survived */
		i = loglines_rfind(l, PANIC_PREFIX, l->nr);
		if (i < 0)
			return;
	}
	p = strstr(l->line[i], PANIC_PREFIX) + strlen(PANIC_PREFIX);
	safe_strcpy(buf, p, size - 1);
	end = strstr(buf, " ]---");
	if (end)
		*end = '\0';
}

/* ---- backtraces -------------------------------------------------------- */

static bool is_probe_frame(const char *func, const char *mod)
{
	if (strcmp(mod, "triage_capture") == 0)
		return true;
	return kfunc_is(func, KF_TRACE | KF_KPROBE_ENTRY);
}

/* The first frame in none of the kfunc classes @skip (nor a probe frame):
 * the culprit. */
long first_culprit_frame(const struct verdict *v, unsigned int skip)
{
	char func[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1];
	size_t i;

	for (i = 0; i < v->nr_frames; i++) {
		if (!v->frames[i][0])
			continue;
		sym_split(v->frames[i], func, sizeof(func), mod, sizeof(mod));
		if (!func[0] || is_probe_frame(func, mod))
			continue;
		if (skip && kfunc_is(func, skip))
			continue;
		return (long)i;
	}
	return -1;
}

static bool frames_have(const struct verdict *v, const char *name)
{
	char func[TRIAGE_SYM_LEN + 1], base[TRIAGE_SYM_LEN + 1];
	size_t i;

	for (i = 0; i < v->nr_frames; i++) {
		sym_split(v->frames[i], func, sizeof(func), NULL, 0);
		base_name(func, base, sizeof(base));
		if (strcmp(base, name) == 0)
			return true;
	}
	return false;
}

void set_culprit_frame(struct verdict *v, long i)
{
	if (i < 0)
		return;
	sym_split(v->frames[i], v->culprit.function,
		  sizeof(v->culprit.function), v->culprit.module,
		  sizeof(v->culprit.module));
}

void use_snapshot_frames(struct verdict *v,
				const struct snap_backtrace *bt,
				const char *source)
{
	size_t i;

	v->nr_frames = 0;
	v->bt_source = source;
	for (i = 0; i < bt->nr_frames && i < VERDICT_MAX_FRAMES; i++) {
		if (bt->frames[i].sym[0])
			copy_str(v->frames[v->nr_frames], TRIAGE_SYM_LEN + 1,
				 bt->frames[i].sym);
		else
			snprintf(v->frames[v->nr_frames], TRIAGE_SYM_LEN + 1,
				 "0x%016" PRIx64, bt->frames[i].addr);
		v->nr_frames++;
	}
}

/* "  ? func+0x1/0x2 [mod]" -> true and the symbol, for reliable frames. */
static bool log_frame(const char *line, const char **sym, bool *unreliable)
{
	const char *p = line, *q;

	while (*p == ' ' || *p == '\t')
		p++;
	*unreliable = false;
	if (p[0] == '?' && p[1] == ' ') {
		*unreliable = true;
		p += 2;
	}
	q = p;
	while (isalnum((unsigned char)*q) || *q == '_' || *q == '.' ||
	       *q == '$')
		q++;
	if (q == p || !starts_with(q, "+0x"))
		return false;
	*sym = p;
	return true;
}

/* The call trace printed at or after log line @from (within a few lines). */
void use_log_frames(struct verdict *v, const struct loglines *l,
			   long from)
{
	long i, start = -1;

	v->nr_frames = 0;
	if (from < 0)
		return;
	for (i = from; i < (long)l->nr && i < from + 40; i++) {
		if (strstr(l->line[i], "Call Trace:") ||
		    strstr(l->line[i], "Call trace:")) {
			start = i + 1;
			break;
		}
	}
	if (start < 0)
		return;
	v->bt_source = "log";
	for (i = start; i < (long)l->nr && v->nr_frames < VERDICT_MAX_FRAMES;
	     i++) {
		const char *line = l->line[i], *sym;
		bool unreliable;

		if (strstr(line, "</TASK>"))
			break;
		if (strstr(line, "<TASK>") || strstr(line, "<IRQ>") ||
		    strstr(line, "</IRQ>") || strstr(line, "<NMI>") ||
		    strstr(line, "</NMI>"))
			continue;
		if (!log_frame(line, &sym, &unreliable))
			break;
		if (unreliable)
			continue;
		copy_str(v->frames[v->nr_frames++], TRIAGE_SYM_LEN + 1, sym);
	}
}

/*
 * A return address at offset 0 of a function really belongs to the end of
 * the function laid out before it (a call to a noreturn function such as
 * panic() as its last instruction): a symbol taken of the address itself
 * names the wrong function.  The kernel's own trace in the log symbolizes
 * return addresses right, so take the culprit from there when it has one.
 */
static void fix_noreturn_caller(const struct judge_ctx *c, struct verdict *v,
				long frame, long log_line,
				unsigned int skip)
{
	struct verdict *tmp;
	char bad[TRIAGE_SYM_LEN + 1];
	long f;

	if (frame < 0 || !strstr(v->frames[frame], "+0x0/"))
		return;
	if (frame == 0 && v->bt_source && strstr(v->bt_source, "registers"))
		return;		/* an exact IP, not a return address */
	copy_str(bad, sizeof(bad), v->frames[frame]);
	tmp = calloc(1, sizeof(*tmp));
	if (!tmp)
		return;
	use_log_frames(tmp, &c->log, log_line);
	f = first_culprit_frame(tmp, skip);
	if (f >= 0) {
		sym_split(tmp->frames[f], v->culprit.function,
			  sizeof(v->culprit.function), v->culprit.module,
			  sizeof(v->culprit.module));
		evidence(v, "snapshot frame %s is a return address just past a noreturn call; the kernel's trace in the log names the caller: %s",
			 bad, tmp->frames[f]);
	} else {
		evidence(v, "snapshot frame %s is a return address just past a noreturn call: the caller is probably the function laid out before it",
			 bad);
	}
	free(tmp);
}

/* The culprit: the first frame off @skip, corrected as above. */
static void pick_culprit(const struct judge_ctx *c, struct verdict *v,
			 unsigned int skip, long log_line)
{
	long f = first_culprit_frame(v, skip);

	set_culprit_frame(v, f);
	fix_noreturn_caller(c, v, f, log_line, skip);
}

/* Function and module from "RIP: 0010:func+0x1/0x2 [mod]" (x86) or
 * "pc : func+0x1/0x2 [mod]" (arm64), the first after line @from. */
bool log_crash_ip(const struct loglines *l, long from,
			 struct verdict *v)
{
	long i;

	for (i = from < 0 ? 0 : from; i < (long)l->nr; i++) {
		const char *p = NULL, *line = l->line[i];

		if (starts_with(line, "RIP: ")) {
			p = strchr(line + 5, ':');
			p = p ? p + 1 : NULL;
		} else if (starts_with(line, "pc : ")) {
			p = line + 5;
		}
		if (p && strstr(p, "+0x")) {
			sym_split(p, v->culprit.function,
				  sizeof(v->culprit.function),
				  v->culprit.module, sizeof(v->culprit.module));
			return true;
		}
	}
	return false;
}

/* ---- the task, from the crash record or the log ------------------------ */

/* "CPU: 1 PID: 212 Comm: bash Tainted: ..." (6.12 adds "UID: 0"). */
bool log_task(const struct loglines *l, size_t near,
		     struct verdict_culprit *t)
{
	long i = -1;
	const char *line, *p;
	int n;

	/* The task line follows the line that reports the event... */
	if (near < l->nr) {
		i = loglines_find(l, "Comm: ", near);
		if (i > (long)near + 15 || (i >= 0 && !strstr(l->line[i], "PID: ")))
			i = -1;
	}
	/* ...else take the last one before it. */
	if (i < 0)
		i = loglines_rfind(l, "Comm: ", near);
	if (i < 0)
		return false;
	line = l->line[i];
	p = strstr(line, "CPU: ");
	if (p)
		t->cpu = atoi(p + 5);
	p = strstr(line, "PID: ");
	if (p)
		t->pid = atoi(p + 5);
	p = strstr(line, "Comm: ") + 6;
	n = (int)strcspn(p, " ");
	snprintf(t->comm, sizeof(t->comm), "%.*s", n, p);
	return true;
}

void set_task(const struct judge_ctx *c, struct verdict *v,
		     size_t log_before)
{
	if (c->crash) {
		v->culprit.pid = c->crash->raw.pid;
		v->culprit.cpu = c->crash->raw.cpu;
		copy_str(v->culprit.comm, sizeof(v->culprit.comm),
			 c->crash->comm);
		return;
	}
	log_task(&c->log, log_before, &v->culprit);
}

static const struct snap_backtrace *snap_bt(const struct judge_ctx *c,
					    uint32_t source)
{
	return c->snap ? snapshot_backtrace(c->snap, source) : NULL;
}

/* Frames for a verdict: the snapshot's trace of @source (else its first
 * one), else the call trace in the log after line @log_from. */
void load_frames(const struct judge_ctx *c, struct verdict *v,
			uint32_t source, long log_from)
{
	const struct snap_backtrace *bt = snap_bt(c, source);

	if (!bt && c->snap && c->snap->nr_backtraces)
		bt = &c->snap->backtraces[0];
	if (bt) {
		use_snapshot_frames(v, bt, bt->source == TRIAGE_BT_REGS ?
				    "snapshot (crash registers)" :
				    "snapshot");
		return;
	}
	use_log_frames(v, &c->log, log_from);
}

const char *who(const struct verdict *v, char *buf, size_t size)
{
	if (v->culprit.comm[0] && v->culprit.pid >= 0)
		snprintf(buf, size, "%s (pid %d)", v->culprit.comm,
			 v->culprit.pid);
	else if (v->culprit.pid >= 0)
		snprintf(buf, size, "pid %d", v->culprit.pid);
	else
		snprintf(buf, size, "an unknown task");
	return buf;
}

const char *where(const struct verdict *v, char *buf, size_t size)
{
	if (!v->culprit.function[0])
		snprintf(buf, size, "an unknown function");
	else if (v->culprit.module[0])
		snprintf(buf, size, "%s [%s]", v->culprit.function,
			 v->culprit.module);
	else
		snprintf(buf, size, "%s", v->culprit.function);
	return buf;
}

const char *on_cpu(const struct verdict *v, char *buf, size_t size)
{
	if (v->culprit.cpu >= 0)
		snprintf(buf, size, " on CPU %d", v->culprit.cpu);
	else
		buf[0] = '\0';
	return buf;
}

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
static long log_oops(const struct loglines *l, const struct oops_marker **m)
{
	long last = -1, first, i, best_line = -1;
	size_t k;

	*m = NULL;
	for (k = 0; k < N_OOPS_MARKERS; k++) {
		i = loglines_rfind(l, oops_markers[k].needle, l->nr);
		if (i > last)
			last = i;
	}
	if (last < 0)
		return -1;
	first = last > OOPS_WINDOW ? last - OOPS_WINDOW : 0;
	for (k = 0; k < N_OOPS_MARKERS; k++) {
		i = loglines_rfind(l, oops_markers[k].needle, (size_t)last);
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

/* ---- signatures -------------------------------------------------------- */

/* Addresses, numbers, pids and times differ between boots: fold them. */
static void normalize(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*in && n + 2 < size) {
		if (in[0] == '0' && (in[1] == 'x' || in[1] == 'X')) {
			in += 2;
			while (isxdigit((unsigned char)*in))
				in++;
			out[n++] = '#';
		} else if (isdigit((unsigned char)*in)) {
			while (isxdigit((unsigned char)*in))
				in++;
			out[n++] = '#';
		} else {
			out[n++] = *in++;
		}
	}
	out[n] = '\0';
}

void set_signature(struct verdict *v, const char *extra)
{
	char func[TRIAGE_SYM_LEN + 1], norm[160];
	size_t n;

	n = (size_t)snprintf(v->signature, sizeof(v->signature), "%s",
			     verdict_class_name(v->cls));
	if (v->kind)
		n += (size_t)snprintf(v->signature + n, sizeof(v->signature) - n,
				      "/%s", v->kind);
	if (v->culprit.function[0] && n < sizeof(v->signature)) {
		base_name(v->culprit.function, func, sizeof(func));
		n += (size_t)snprintf(v->signature + n, sizeof(v->signature) - n,
				      ":%s", func);
		if (v->culprit.module[0] && n < sizeof(v->signature))
			n += (size_t)snprintf(v->signature + n,
					      sizeof(v->signature) - n, "[%s]",
					      v->culprit.module);
	}
	if (extra && extra[0] && n < sizeof(v->signature)) {
		normalize(extra, norm, sizeof(norm) > 100 ? 100 : sizeof(norm));
		snprintf(v->signature + n, sizeof(v->signature) - n, ":%s",
			 norm);
	}
}

void title_in(struct verdict *v, const char *what)
{
	char func[TRIAGE_SYM_LEN + 1];

	if (v->culprit.function[0]) {
		base_name(v->culprit.function, func, sizeof(func));
		snprintf(v->title, sizeof(v->title), "%s in %s", what, func);
	} else {
		snprintf(v->title, sizeof(v->title), "%s", what);
	}
}

/* ---- the rules, one per class ------------------------------------------ */

static bool judge_sysrq(const struct judge_ctx *c, struct verdict *v)
{
	long i = panic_line(&c->log);
	char w[64], cpu[32];

	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (!starts_with(c->message, "sysrq triggered crash") &&
	    !frames_have(v, "sysrq_handle_crash"))
		return false;
	v->cls = VC_SYSRQ;
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	copy_str(v->culprit.function, sizeof(v->culprit.function),
		 "sysrq_handle_crash");
	v->culprit.module[0] = '\0';
	copy_str(v->title, sizeof(v->title), "sysrq: crash triggered by hand");
	if (frames_have(v, "write_sysrq_trigger")) {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand through /proc/sysrq-trigger by %s%s",
			 who(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
		evidence(v, "write_sysrq_trigger is in the backtrace: a process wrote 'c' to /proc/sysrq-trigger");
		set_signature(v, "proc-sysrq-trigger");
	} else if (v->nr_frames) {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand with the SysRq key (or a serial console break)%s",
			 on_cpu(v, cpu, sizeof(cpu)));
		evidence(v, "no write_sysrq_trigger frame: the SysRq key or a serial break, not /proc/sysrq-trigger");
		set_signature(v, "sysrq-key");
	} else {
		snprintf(v->summary, sizeof(v->summary),
			 "crash triggered by hand through SysRq-c%s (by %s)",
			 on_cpu(v, cpu, sizeof(cpu)), who(v, w, sizeof(w)));
		set_signature(v, NULL);
	}
	if (c->message[0])
		evidence(v, "panic message: \"%s\"", c->message);
	if (loglines_rfind(&c->log, "sysrq: Trigger a crash", c->log.nr) >= 0)
		evidence(v, "log: \"sysrq: Trigger a crash\"");
	return true;
}

/*
 * "panic_on_warn set ..." (before v6.2) or "<origin>: panic_on_warn set ..."
 * (v6.2, commit 79cc1ba7badf "panic: Consolidate open-coded panic_on_warn
 * checks", backported to 6.1.y: origin "kernel", "scheduling while atomic").
 */
static bool panic_on_warn_message(const char *msg)
{
	const char *p = strstr(msg, "panic_on_warn set");

	return p && (p == msg || (p - msg >= 2 && p[-2] == ':' && p[-1] == ' '));
}

static bool judge_atomic_sleep(const struct judge_ctx *c, struct verdict *v)
{
	long i = loglines_rfind(&c->log, "BUG: scheduling while atomic",
				c->log.nr);
	const char *p, *s1, *s2;
	char w[64], cpu[32], fn[160], slept[160];
	long d;

	if (i < 0 || (c->message[0] && !panic_on_warn_message(c->message)))
		return false;
	v->cls = VC_ATOMIC_SLEEP;
	/* "BUG: scheduling while atomic: bash/212/0x00000002" */
	p = strstr(c->log.line[i], "atomic: ");
	if (p) {
		p += 8;
		s2 = strrchr(p, '/');
		s1 = s2 ? memrchr(p, '/', (size_t)(s2 - p)) : NULL;
		if (s1 && s2) {
			v->preempt_count = strtol(s2 + 1, NULL, 0);
			v->culprit.pid = atoi(s1 + 1);
			snprintf(v->culprit.comm, sizeof(v->culprit.comm),
				 "%.*s", (int)(s1 - p), p);
		}
	}
	if (v->culprit.pid < 0) {
		set_task(c, v, (size_t)i);
	} else if (c->crash) {
		v->culprit.cpu = c->crash->raw.cpu;
	} else {
		struct verdict_culprit t = { .pid = -1, .cpu = -1 };

		if (log_task(&c->log, c->log.nr, &t) && t.pid == v->culprit.pid)
			v->culprit.cpu = t.cpu;
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	pick_culprit(c, v, KF_SLEEP, i);
	{
		/* past the panic path too: a snapshot trace starts there */
		long f = first_culprit_frame(v, KF_SLEEP);
		char fn2[TRIAGE_SYM_LEN + 1];

		while (f >= 0 && f < (long)v->nr_frames) {
			sym_split(v->frames[f], fn2, sizeof(fn2), NULL, 0);
			if (!kfunc_is(fn2, KF_SLEEP | KF_PANIC) &&
			    !starts_with(fn2, "__schedule_bug"))
				break;
			f++;
		}
		if (f >= 0 && f < (long)v->nr_frames)
			set_culprit_frame(v, f);
	}
	copy_str(slept, sizeof(slept), v->culprit.function[0] ?
		 where(v, fn, sizeof(fn)) : "");
	/* CONFIG_DEBUG_PREEMPT: "Preemption disabled at:" and the next line
	 * "[<ffffffffc0a01234>] leaker+0x20/0x40 [mod]" name who left it */
	d = loglines_find(&c->log, "Preemption disabled at:", (size_t)i);
	if (d >= 0 && d < i + 20 && d + 1 < (long)c->log.nr) {
		const char *q = strchr(c->log.line[d + 1], ']');

		q = q ? q + 1 : c->log.line[d + 1];
		while (*q == ' ')
			q++;
		if (strstr(q, "+0x")) {
			copy_str(v->leaked_at, sizeof(v->leaked_at), q);
			sym_split(q, v->culprit.function,
				  sizeof(v->culprit.function),
				  v->culprit.module, sizeof(v->culprit.module));
		}
	}
	v->preempt_trusted = !(c->snap && c->snap->has_system &&
			       !(c->snap->system.kernel_flags &
				 TRIAGE_KF_PREEMPT_COUNT));
	title_in(v, "BUG: scheduling while atomic");
	if (v->leaked_at[0])
		snprintf(v->summary, sizeof(v->summary),
			 "%s slept while atomic: preempt count 0x%lx leaked by %s%s (it slept in %s)",
			 who(v, w, sizeof(w)), v->preempt_count,
			 where(v, fn, sizeof(fn)), on_cpu(v, cpu, sizeof(cpu)),
			 slept[0] ? slept : "an unknown function");
	else
		snprintf(v->summary, sizeof(v->summary),
			 "%s slept while atomic (preempt count 0x%lx leaked) in %s%s",
			 who(v, w, sizeof(w)), v->preempt_count,
			 where(v, fn, sizeof(fn)), on_cpu(v, cpu, sizeof(cpu)));
	evidence(v, "log: \"%s\"", c->log.line[i]);
	if (!v->preempt_trusted)
		evidence(v, "the kernel has no CONFIG_PREEMPT_COUNT: spinlocks do not raise the preempt count, so the count 0x%lx cannot be trusted to show what was leaked",
			 v->preempt_count);
	else if (v->preempt_count > 0)
		evidence(v, "preempt count 0x%lx: %ld level(s) of preemption disabling (a spinlock, preempt_disable) were not released before sleeping",
			 v->preempt_count, v->preempt_count & 0xff);
	if (v->leaked_at[0])
		evidence(v, "log: \"Preemption disabled at: %s\": the function that left the count raised",
			 v->leaked_at);
	else
		evidence(v, "the function that left the count raised cannot be proven: the log has no \"Preemption disabled at:\" line (a kernel without CONFIG_DEBUG_PREEMPT); %s is only where it slept",
			 slept[0] ? slept : "the function shown");
	if (c->message[0])
		evidence(v, "panic_on_warn turned it into a panic (\"%s\")",
			 c->message);
	set_signature(v, NULL);
	return true;
}

/*
 * PREEMPT_RT: a task that takes an rt_mutex-based lock (mutex,
 * rw_semaphore) it already holds does not hang in D: the rtmutex code sees
 * that the owner is the task itself (task_blocks_on_rt_mutex() returns
 * -EDEADLK) and rt_mutex_handle_deadlock() WARNs "rtmutex deadlock detected"
 * and sleeps for ever.  With panic_on_warn that WARN is the crash: the
 * culprit is the caller of the lock function, the kind a self-deadlock.
 */
static bool warn_rtmutex_deadlock(const struct judge_ctx *c, struct verdict *v,
				  long warn_line)
{
	/* the lock functions, the WARN and the trap and panic paths above */
	const unsigned int rt_lock_path = KF_RT_LOCK | KF_WARN | KF_TRAP |
					  KF_PANIC;
	char w[64], fn[160], lockfn[TRIAGE_SYM_LEN + 1] = "a lock function";
	long f, k;

	if (warn_line < 1 ||
	    !strstr(c->log.line[warn_line - 1], "rtmutex deadlock detected"))
		return false;
	/*
	 * Past the trap: the frames above the rt_mutex slow path are the
	 * WARN's and the exception entry's, whose names vary by arch and
	 * version (bug_handler, bug_brk_handler, el1h_64_sync_handler...).
	 */
	for (k = (long)v->nr_frames - 1; k >= 0; k--) {
		sym_split(v->frames[k], lockfn, sizeof(lockfn), NULL, 0);
		if (strncmp(lockfn, "__rt_mutex_slowlock", 19) == 0 ||
		    strncmp(lockfn, "rt_mutex_slowlock", 17) == 0 ||
		    strncmp(lockfn, "rt_mutex_handle_deadlock", 24) == 0)
			break;
	}
	f = first_culprit_frame(v, rt_lock_path);
	if (k >= 0) {
		for (f = k + 1; f < (long)v->nr_frames; f++) {
			sym_split(v->frames[f], lockfn, sizeof(lockfn), NULL, 0);
			if (lockfn[0] && !kfunc_is(lockfn, rt_lock_path))
				break;
		}
		if (f >= (long)v->nr_frames)
			f = -1;
	}
	if (f < 0)
		return false;
	set_culprit_frame(v, f);
	/* The lock function it called: the frame just inside the culprit. */
	for (k = f - 1; k >= 0; k--) {
		sym_split(v->frames[k], lockfn, sizeof(lockfn), NULL, 0);
		if (strncmp(lockfn, "mutex_lock", 10) == 0 ||
		    strncmp(lockfn, "down_", 5) == 0 ||
		    strncmp(lockfn, "rt_mutex_lock", 13) == 0)
			break;
	}
	if (k < 0)	/* mutex_lock() tail-calls rt_mutex_slowlock() (6.12) */
		snprintf(lockfn, sizeof(lockfn), "a lock function (no frame of its own)");
	v->kind = "deadlock";
	snprintf(v->summary, sizeof(v->summary),
		 "%s in %s re-acquires, through %s, a lock it already holds: a self-deadlock that PREEMPT_RT's rtmutex detected (\"rtmutex deadlock detected\"); panic_on_warn made the WARN a panic",
		 who(v, w, sizeof(w)), where(v, fn, sizeof(fn)), lockfn);
	evidence(v, "log: \"%s\": task_blocks_on_rt_mutex() found the task already owns the lock (-EDEADLK)",
		 c->log.line[warn_line - 1]);
	evidence(v, "panic message: \"%s\"", c->message);
	set_signature(v, "rtmutex-self-deadlock");
	return true;
}

/* What a checker's kind is called in a title: "WARNING: refcount bug". */
static const char *checker_phrase(const char *kind)
{
	static const struct { const char *kind, *phrase; } t[] = {
		{ "list_corruption", "corrupted list" },
		{ "refcount", "refcount bug" },
		{ "usercopy", "bad usercopy" },
		{ "kasan", "KASAN report" },
		{ "kfence", "KFENCE report" },
		{ "kmsan", "KMSAN report" },
		{ "kcsan", "data race" },
		{ "ubsan", "UBSAN report" },
		{ "fortify", "buffer overflow" },
		{ "bad_page", "bad page state" },
		{ "slab_corruption", "corrupted slab object" },
		{ "debug_objects", "ODEBUG bug" },
		{ "preemptible", "smp_processor_id() in preemptible code" },
		{ "dma_debug", "DMA-API bug" },
		{ "stack_corruption", "stack corruption" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, kind) == 0)
			return t[i].phrase;
	return kind ? kind : "bug";
}

static bool judge_warn(const struct judge_ctx *c, struct verdict *v)
{
	long i;
	const char *p;
	char w[160], cpu[32], fn[160];
	int n;

	if (!panic_on_warn_message(c->message))
		return false;
	v->cls = VC_WARN;
	i = loglines_rfind(&c->log, "WARNING: ", c->log.nr);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (i >= 0) {
		/* "WARNING: CPU: 1 PID: 212 at FILE:LINE FUNC+off/size [mod]" */
		evidence(v, "log: \"%s\"", c->log.line[i]);
		p = strstr(c->log.line[i], " at ");
		if (p) {
			p += 4;
			n = (int)strcspn(p, " ");
			snprintf(v->location, sizeof(v->location), "%.*s", n, p);
			p += n;
			while (*p == ' ')
				p++;
			if (strstr(p, "+0x"))
				sym_split(p, v->culprit.function,
					  sizeof(v->culprit.function),
					  v->culprit.module,
					  sizeof(v->culprit.module));
		}
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (!v->culprit.function[0]) {
		/* past panic() and the WARN machinery (__warn, report_bug) */
		long f = first_culprit_frame(v, KF_PANIC | KF_WARN);

		if (f >= 0)
			set_culprit_frame(v, f);
	}
	title_in(v, "WARNING");
	if (warn_rtmutex_deadlock(c, v, i))
		return true;
	if (checker_culprit(c, v, i) && v->checker_kind)
		v->kind = v->checker_kind;
	crash_context(c, v, i);
	if (v->culprit.checker[0]) {
		char what[VERDICT_TEXT], detail[VERDICT_TEXT], t[64];

		snprintf(t, sizeof(t), "WARNING: %s", checker_phrase(v->kind));
		title_in(v, v->kind ? t : "WARNING");
		checker_what(c, v, what, sizeof(what), detail, sizeof(detail));
		snprintf(v->summary, sizeof(v->summary),
			 "%s in %s (found by %s%s%s%s%s) %s%s; panic_on_warn made the WARNING a panic",
			 what[0] ? what : "WARNING", where(v, fn, sizeof(fn)),
			 v->culprit.checker, v->location[0] ? " at " : "",
			 v->location, detail[0] ? ": " : "", detail,
			 by_whom(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
		if (v->checker_line >= 0)
			evidence(v, "log: \"%s\"", c->log.line[v->checker_line]);
	} else {
		snprintf(v->summary, sizeof(v->summary),
			 "WARNING in %s%s%s%s %s%s%s; panic_on_warn made it a panic",
			 where(v, fn, sizeof(fn)), v->location[0] ? " (" : "",
			 v->location, v->location[0] ? ")" : "",
			 strcmp(v->culprit.context, "task") == 0 ? "hit " : "",
			 by_whom(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)));
	}
	evidence(v, "panic message: \"%s\"", c->message);
	set_signature(v, NULL);
	return true;
}

static const char *oops_title(const char *kind)
{
	static const struct { const char *kind, *title; } t[] = {
		{ "null_deref", "BUG: unable to handle kernel NULL pointer dereference" },
		{ "bad_access", "BUG: unable to handle kernel paging request" },
		{ "bug", "kernel BUG" },
		{ "general_protection", "general protection fault" },
		{ "stack_overflow", "BUG: stack guard page was hit" },
		{ "stack_corruption", "stack-protector: Kernel stack is corrupted" },
		{ "list_corruption", "BUG: corrupted list" },
		{ "double_fault", "double fault" },
		{ "usercopy", "BUG: bad usercopy" },
		{ "refcount", "BUG: refcount bug" },
		{ "kasan", "BUG: KASAN report" },
		{ "kfence", "BUG: KFENCE report" },
		{ "kmsan", "BUG: KMSAN report" },
		{ "ubsan", "UBSAN report" },
		{ "fortify", "detected buffer overflow" },
		{ "bad_page", "BUG: Bad page state" },
		{ "slab_corruption", "BUG: corrupted slab object" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, kind) == 0)
			return t[i].title;
	return "kernel oops";
}

static const char *oops_what(const char *kind)
{
	static const struct { const char *kind, *what; } t[] = {
		{ "null_deref", "NULL pointer dereference" },
		{ "bad_access", "bad memory access" },
		{ "bug", "BUG() assertion" },
		{ "general_protection", "general protection fault" },
		{ "stack_overflow", "kernel stack overflow" },
		{ "stack_corruption", "stack corruption (stack protector)" },
		{ "list_corruption", "list corruption" },
		{ "double_fault", "double fault" },
		{ "usercopy", "bad usercopy" },
		{ "refcount", "refcount_t misuse" },
		{ "kasan", "KASAN report" },
		{ "kfence", "KFENCE report" },
		{ "kmsan", "KMSAN report" },
		{ "ubsan", "UBSAN report" },
		{ "fortify", "buffer overflow (FORTIFY_SOURCE)" },
		{ "bad_page", "bad page state" },
		{ "slab_corruption", "slab object corruption" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, kind) == 0)
			return t[i].what;
	return "oops";
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

static bool judge_oops(const struct judge_ctx *c, struct verdict *v)
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
	title_in(v, oops_title(v->kind));
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

/* A panic whose message names the reason; the details come from the log. */
bool judge_by_message(const struct judge_ctx *c, struct verdict *v,
			     enum verdict_class cls,
			     const char *const *needles, const char *log_needle,
			     const char *title)
{
	const char *const *n;
	long i;
	char w[64], cpu[32], fn[160];

	for (n = needles; *n; n++)
		if (strstr(c->message, *n))
			break;
	if (!*n)
		return false;
	v->cls = cls;
	i = log_needle ? loglines_rfind(&c->log, log_needle, c->log.nr) : -1;
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (i >= 0) {
		evidence(v, "log: \"%s\"", c->log.line[i]);
		if (cls != VC_HUNG_TASK)
			log_crash_ip(&c->log, i, v);
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (!v->culprit.function[0])
		pick_culprit(c, v, cls == VC_HUNG_TASK ? KF_SLEEP : KF_PANIC,
			     i);
	title_in(v, title);
	snprintf(v->summary, sizeof(v->summary),
		 "%s: %s%s, in %s (panic: \"%s\")", verdict_class_name(cls),
		 who(v, w, sizeof(w)), on_cpu(v, cpu, sizeof(cpu)),
		 where(v, fn, sizeof(fn)), c->message);
	evidence(v, "panic message: \"%s\"", c->message);
	return true;
}

static bool judge_rcu_stall(const struct judge_ctx *c, struct verdict *v)
{
	static const char *const msgs[] = { "RCU Stall", "rcu_stall", NULL };

	if (!judge_by_message(c, v, VC_RCU_STALL, msgs, "detected stall",
			      "INFO: rcu detected stall"))
		return false;
	set_signature(v, NULL);
	return true;
}

static bool judge_panic(const struct judge_ctx *c, struct verdict *v)
{
	long i;
	char w[160], cpu[32], fn[160];

	if (!c->message[0])
		return false;
	v->cls = VC_PANIC;
	i = panic_line(&c->log);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	pick_culprit(c, v, KF_PANIC, i);
	crash_context(c, v, i);
	snprintf(v->title, sizeof(v->title), "panic: %s", c->message);
	snprintf(v->summary, sizeof(v->summary),
		 "panic() called from %s %s%s: \"%s\"",
		 where(v, fn, sizeof(fn)), by_whom(v, w, sizeof(w)),
		 on_cpu(v, cpu, sizeof(cpu)), c->message);
	evidence(v, "panic message: \"%s\"", c->message);
	if (v->culprit.function[0] && v->bt_source)
		evidence(v, "%s is the first frame below panic() in the %s backtrace",
			 v->culprit.function, v->bt_source);
	set_signature(v, c->message);
	return true;
}

static bool judge_unknown(const struct judge_ctx *c, struct verdict *v)
{
	v->cls = VC_UNKNOWN;
	set_task(c, v, c->log.nr);
	copy_str(v->title, sizeof(v->title), "unknown crash");
	copy_str(v->summary, sizeof(v->summary),
		 c->log.nr ? "cause unknown: no panic message, oops or known pattern in the log" :
		 "cause unknown: no snapshot and no kernel log could be read");
	set_signature(v, NULL);
	return true;
}

/* Order matters: the more specific reading of the same evidence first. */
static const struct judge_rule rules[] = {
	{ VC_SYSRQ,		judge_sysrq },
	{ VC_HARD_LOCKUP,	judge_lockup_capture },
	{ VC_ATOMIC_SLEEP,	judge_atomic_sleep },
	{ VC_WARN,		judge_warn },
	{ VC_OOPS,		judge_oops },
	{ VC_HARD_LOCKUP,	judge_irqoff_root },
	{ VC_HUNG_TASK,		judge_hung_task },
	{ VC_SOFT_LOCKUP,	judge_soft_lockup },
	{ VC_HARD_LOCKUP,	judge_hard_lockup },
	{ VC_RCU_STALL,		judge_rcu_stall },
	{ VC_OOM,		judge_oom },
	{ VC_PANIC,		judge_panic },
	{ VC_UNKNOWN,		judge_log_report },
	{ VC_UNKNOWN,		judge_unknown },
};

/* ---- putting it together ----------------------------------------------- */

static void verdict_init(struct verdict *v)
{
	/* chain[] and blocked[] are read only up to their counts */
	memset(v, 0, offsetof(struct verdict, chain));
	v->culprit.pid = -1;
	v->culprit.cpu = -1;
	v->culprit.interrupted_pid = -1;
	v->checker_line = -1;
	v->preempt_count = -1;
	v->lockup.cpu = v->lockup.detected_by = -1;
	v->lockup.irqs_off = -1;
	v->lockup.preempt_depth = -1;
	v->lockup.victim_pid = v->lockup.victim_cpu = -1;
}

static void module_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct snap_module *m;
	size_t i;

	if (!c->snap || !v->culprit.module[0])
		return;
	for (i = 0; i < c->snap->nr_modules; i++) {
		m = &c->snap->modules[i];
		if (strcmp(m->name, v->culprit.module) != 0)
			continue;
		evidence(v, "module %s is loaded at 0x%" PRIx64 ", %u bytes of text%s%s%s",
			 m->name, m->text_base, m->text_size,
			 m->flags & TRIAGE_MOD_OOT ? ", out-of-tree" : "",
			 m->flags & TRIAGE_MOD_UNSIGNED ? ", unsigned" : "",
			 m->flags & TRIAGE_MOD_PROPRIETARY ? ", proprietary" : "");
		return;
	}
}

/* The settings that made this class of event a panic, from the snapshot. */
void sysctl_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_sysctl *y;

	if (!c->snap || !c->snap->has_sysctl)
		return;
	y = &c->snap->sysctl;
	switch (v->cls) {
	case VC_SOFT_LOCKUP:
		if (y->softlockup_panic > 0)
			evidence(v, "kernel.softlockup_panic=%d turned the soft lockup into a panic (watchdog_thresh=%d)",
				 y->softlockup_panic, y->watchdog_thresh);
		break;
	case VC_HARD_LOCKUP:
		if (y->hardlockup_panic > 0)
			evidence(v, "kernel.hardlockup_panic=%d turned the hard lockup into a panic (watchdog_thresh=%d)",
				 y->hardlockup_panic, y->watchdog_thresh);
		break;
	case VC_OOPS:
		if (y->panic_on_oops > 0)
			evidence(v, "kernel.panic_on_oops=%d turned the oops into a panic",
				 y->panic_on_oops);
		else if (y->panic_on_oops == 0)
			evidence(v, "kernel.panic_on_oops=0: the oops reached kdump without it (in interrupt context, the idle task or init)");
		break;
	case VC_WARN:
	case VC_ATOMIC_SLEEP:
		if (y->panic_on_warn > 0)
			evidence(v, "kernel.panic_on_warn=%d turned the warning into a panic",
				 y->panic_on_warn);
		break;
	case VC_OOM:
		if (y->panic_on_oom > 0)
			evidence(v, "vm.panic_on_oom=%d turned the OOM kill into a panic",
				 y->panic_on_oom);
		break;
	default:
		break;
	}
}

/* Put a line before the others: what must not be crowded out. */
static void evidence_at(struct verdict *v, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void evidence_at(struct verdict *v, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (pos > v->nr_evidence)
		pos = v->nr_evidence;
	if (pos >= VERDICT_MAX_EVIDENCE)
		return;
	if (v->nr_evidence == VERDICT_MAX_EVIDENCE)
		v->nr_evidence--;	/* the last one gives way */
	memmove(v->evidence[pos + 1], v->evidence[pos],
		(v->nr_evidence - pos) * sizeof(v->evidence[0]));
	v->nr_evidence++;
	va_start(ap, fmt);
	vsnprintf(v->evidence[pos], VERDICT_TEXT, fmt, ap);
	va_end(ap);
}

/*
 * A torn snapshot: where the capture stopped and what its records are
 * worth, first in the evidence (a verdict from part of a capture).
 */
static void torn_evidence(const struct snapshot *s, struct verdict *v)
{
	const struct snap_torn *t = &s->torn;
	size_t pos = 0;

	if (t->section == TRIAGE_SECT_DONE && !t->faulted)
		evidence_at(v, pos++, "the capture stopped while committing, after all %zu records were written",
			    s->nr_records);
	else if (t->faulted)
		evidence_at(v, pos++, "the capture stopped in section %s after %zu records (it faulted: %s)",
			    snapshot_section_name(t->section), s->nr_records,
			    t->fault ? t->fault : "no note says where");
	else
		evidence_at(v, pos++, "the capture stopped in section %s after %zu records (cut short: its CPU was stopped before it finished, by another CPU's kexec or a reset)",
			    snapshot_section_name(t->section), s->nr_records);
	if (t->data_crc == SNAP_CRC_MISMATCH)
		evidence_at(v, pos++, "the torn snapshot's data CRC does not match: its records were read unverified (the CRC vouches for the first %zu of %zu)",
			    t->verified_records, s->nr_records);
	else if (t->data_crc == SNAP_CRC_SHORT)
		evidence_at(v, pos++, "only part of the torn snapshot's data could be read: its records were read unverified");
	evidence_at(v, pos++, "degraded: the snapshot is torn; the verdict is judged from the %zu records it holds%s",
		    s->nr_records, s->has_crash ? "" :
		    " (no crash record among them)");
}

/* D-state tasks the module found but did not record. */
void left_out_evidence(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_tasks *w = &c->snap->taskwalk;

	if (!c->snap->has_taskwalk || !w->nr_left_out)
		return;
	evidence(v, "%u blocked tasks were left out (%s)", w->nr_left_out,
		 w->walk_flags & TRIAGE_WALK_F_CAPPED ? "cap" :
		 w->walk_flags & TRIAGE_WALK_F_FULL ? "region full" :
		 w->walk_flags & TRIAGE_WALK_F_BUDGET ? "time budget" :
		 "not recorded");
}

static void common_evidence(const struct judge_ctx *c,
			    const struct judge_input *in, struct verdict *v)
{
	char taint[32];

	if (v->cls != VC_HUNG_TASK)
		sysctl_evidence(c, v);
	module_evidence(c, v);
	if (c->snap && c->snap->has_system && c->snap->system.taint) {
		taint_string(c->snap->system.taint, taint, sizeof(taint));
		evidence(v, "kernel tainted: %s", taint);
	}
	if (c->snap && v->cls != VC_HUNG_TASK)	/* hung_task: in its walk line */
		left_out_evidence(c, v);
	if (in->located && in->located[0])
		evidence(v, "%s", in->located);
	if (c->snap && c->snap->torn.present) {
		evidence(v, "snapshot taken by the %s hook on CPU %d; the capture did not finish",
			 snapshot_hook_name(c->snap->hdr.hook), c->snap->hdr.cpu);
		torn_evidence(c->snap, v);
		return;
	}
	if (c->snap) {
		evidence(v, "snapshot taken by the %s hook on CPU %d, capture took %.3f ms",
			 snapshot_hook_name(c->snap->hdr.hook), c->snap->hdr.cpu,
			 c->snap->hdr.capture_ns / 1e6);
		return;
	}
	if (in->snap && in->snap->err.text[0])
		evidence(v, "degraded: snapshot not usable: %s",
			 in->snap->err.text);
	else
		evidence(v, in->log_name ?
			 "degraded: judged from a kernel log alone, with no snapshot and no dump" :
			 "degraded: no triage snapshot was found");
	if (v->log_source)
		evidence(v, "verdict read from the kernel log (%s)",
			 v->log_source);
}

static void pick_log(struct judge_ctx *c, const struct judge_input *in,
		     struct verdict *v)
{
	if (c->snap && c->snap->log) {
		v->log = c->snap->log;
		v->log_source = c->snap->valid ? "snapshot" : "torn snapshot";
	} else if (in->dump_log) {
		v->log = in->dump_log;
		v->log_source = in->log_name ? in->log_name : "dump";
	} else if (in->snap && in->snap->log) {
		v->log = in->snap->log;
		v->log_source = "invalid snapshot (unverified)";
	}
}

void verdict_failed(struct verdict *v, const char *why)
{
	verdict_init(v);
	v->cls = VC_UNKNOWN;
	v->degraded = true;
	copy_str(v->title, sizeof(v->title), "unknown crash");
	snprintf(v->summary, sizeof(v->summary),
		 "cause unknown: the collector could not judge the crash (%s)",
		 why && why[0] ? why : "no reason given");
	evidence(v, "degraded: judging failed: %s",
		 why && why[0] ? why : "no reason given");
	set_signature(v, NULL);
}

enum status verdict_judge(struct verdict *v, const struct judge_input *in,
			  struct errmsg *err)
{
	struct judge_ctx c;
	const char *log = NULL, *log_source = NULL;
	char panic_msg[TRIAGE_MSG_LEN + 1] = "";
	char first[VERDICT_TEXT];
	size_t i;

	verdict_init(v);
	memset(&c, 0, sizeof(c));
	c.facts = in->facts;
	if (snapshot_usable(in->snap)) {	/* valid, or torn */
		c.snap = in->snap;
		c.crash = in->snap->has_crash ? &in->snap->crash : NULL;
	}
	pick_log(&c, in, v);
	log = v->log;
	log_source = v->log_source;
	if (!loglines_parse(&c.log, log))
		return errmsg_set(err, ST_ERR_NOMEM,
				  "out of memory reading the log");
	if (c.crash && c.crash->message[0]) {
		c.message = c.crash->message;
	} else {
		log_panic_message(&c.log, panic_msg, sizeof(panic_msg));
		c.message = panic_msg;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		verdict_init(v);
		v->log = log;
		v->log_source = log_source;
		if (rules[i].judge(&c, v))
			break;
	}
	/* A log alone: its first kernel report may explain what the rules
	 * read from a later one (a hang after an oops, a generic panic) */
	if (!c.snap && judge_log_root_first(&c, v, first, sizeof(first))) {
		verdict_init(v);
		v->log = log;
		v->log_source = log_source;
		judge_log_report(&c, v);
		evidence(v, "the later report alone reads as: %s", first);
	}
	v->degraded = c.snap == NULL || !c.snap->valid || in->stale;
	if (!v->message[0])
		copy_str(v->message, sizeof(v->message), c.message);
	common_evidence(&c, in, v);
	loglines_free(&c.log);
	return ST_OK;
}
