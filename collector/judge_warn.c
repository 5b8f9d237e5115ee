// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_warn.c - the rules for reports that panic only by a sysctl:
 * a WARNING with panic_on_warn, and scheduling while atomic.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge_priv.h"

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

bool judge_atomic_sleep(const struct judge_ctx *c, struct verdict *v)
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
			sym_split(v->frames[f].sym, fn2, sizeof(fn2), NULL, 0);
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
		sym_split(v->frames[k].sym, lockfn, sizeof(lockfn), NULL, 0);
		if (strncmp(lockfn, "__rt_mutex_slowlock", 19) == 0 ||
		    strncmp(lockfn, "rt_mutex_slowlock", 17) == 0 ||
		    strncmp(lockfn, "rt_mutex_handle_deadlock", 24) == 0)
			break;
	}
	f = first_culprit_frame(v, rt_lock_path);
	if (k >= 0) {
		for (f = k + 1; f < (long)v->nr_frames; f++) {
			sym_split(v->frames[f].sym, lockfn, sizeof(lockfn), NULL, 0);
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
		sym_split(v->frames[k].sym, lockfn, sizeof(lockfn), NULL, 0);
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

bool judge_warn(const struct judge_ctx *c, struct verdict *v)
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
		const char *phrase = kind_words(v->kind)->warn;

		snprintf(t, sizeof(t), "WARNING: %s",
			 phrase ? phrase : v->kind ? v->kind : "bug");
		title_in(v, v->kind ? t : "WARNING");
		checker_log_title(c, v);
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
