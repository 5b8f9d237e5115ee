// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_common.c - what every rule uses to fill in a verdict, none of it a
 * rule: evidence lines, the backtrace a verdict is read from and its
 * culprit frame, the task, the "who/where/on which CPU" phrases, titles and
 * signatures.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge_priv.h"

void evidence(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->nr_evidence >= VERDICT_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(v->evidence[v->nr_evidence++], VERDICT_TEXT, fmt, ap);
	va_end(ap);
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
		if (!v->frames[i].sym[0])
			continue;
		sym_split(v->frames[i].sym, func, sizeof(func), mod, sizeof(mod));
		if (!func[0] || is_probe_frame(func, mod))
			continue;
		if (skip && kfunc_is(func, skip))
			continue;
		return (long)i;
	}
	return -1;
}

bool frames_have(const struct verdict *v, const char *name)
{
	char func[TRIAGE_SYM_LEN + 1], base[TRIAGE_SYM_LEN + 1];
	size_t i;

	for (i = 0; i < v->nr_frames; i++) {
		sym_split(v->frames[i].sym, func, sizeof(func), NULL, 0);
		kfunc_base(func, base, sizeof(base));
		if (strcmp(base, name) == 0)
			return true;
	}
	return false;
}

void set_culprit_frame(struct verdict *v, long i)
{
	if (i < 0)
		return;
	sym_split(v->frames[i].sym, v->culprit.function,
		  sizeof(v->culprit.function), v->culprit.module,
		  sizeof(v->culprit.module));
}

void use_snapshot_frames(struct verdict *v,
				const struct snap_backtrace *bt,
				const char *source)
{
	v->bt_source = source;
	v->nr_frames = frames_from_snap(v->frames, VERDICT_MAX_FRAMES,
					bt->frames, bt->nr_frames);
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

	if (frame < 0 || !strstr(v->frames[frame].sym, "+0x0/"))
		return;
	if (frame == 0 && v->bt_source && strstr(v->bt_source, "registers"))
		return;		/* an exact IP, not a return address */
	copy_str(bad, sizeof(bad), v->frames[frame].sym);
	tmp = calloc(1, sizeof(*tmp));
	if (!tmp)
		return;
	use_log_frames(tmp, &c->log, log_line);
	f = first_culprit_frame(tmp, skip);
	if (f >= 0) {
		sym_split(tmp->frames[f].sym, v->culprit.function,
			  sizeof(v->culprit.function), v->culprit.module,
			  sizeof(v->culprit.module));
		evidence(v, "snapshot frame %s is a return address just past a noreturn call; the kernel's trace in the log names the caller: %s",
			 bad, tmp->frames[f].sym);
	} else {
		evidence(v, "snapshot frame %s is a return address just past a noreturn call: the caller is probably the function laid out before it",
			 bad);
	}
	free(tmp);
}

/* The culprit: the first frame off @skip, corrected as above. */
void pick_culprit(const struct judge_ctx *c, struct verdict *v,
			 unsigned int skip, long log_line)
{
	long f = first_culprit_frame(v, skip);

	set_culprit_frame(v, f);
	fix_noreturn_caller(c, v, f, log_line, skip);
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

const struct snap_backtrace *snap_bt(const struct judge_ctx *c,
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
		kfunc_base(v->culprit.function, func, sizeof(func));
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
		kfunc_base(v->culprit.function, func, sizeof(func));
		snprintf(v->title, sizeof(v->title), "%s in %s", what, func);
	} else {
		snprintf(v->title, sizeof(v->title), "%s", what);
	}
}
