// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_log.c - the facts the rules read from the kernel log's lines when a
 * snapshot does not have them: the panic message, the call trace, the
 * RIP/pc line, the "CPU: N PID: N Comm: x" line.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge_priv.h"

#define PANIC_PREFIX	"Kernel panic - not syncing: "

/* The last "Kernel panic - not syncing: MSG" line, not counting the
 * "---[ end Kernel panic - not syncing: MSG ]---" trailer, or -1. */
long panic_line(const struct loglines *l)
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
void log_panic_message(const struct loglines *l, char *buf,
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
		const char *line = l->line[i];
		struct frame f;

		if (strstr(line, "</TASK>"))
			break;
		if (strstr(line, "<TASK>") || strstr(line, "<IRQ>") ||
		    strstr(line, "</IRQ>") || strstr(line, "<NMI>") ||
		    strstr(line, "</NMI>"))
			continue;
		/* the report parser's reader of trace lines */
		if (!frame_parse(line, &f))
			break;
		if (f.unreliable)
			continue;
		v->frames[v->nr_frames++] = f;
	}
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
