// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_holder.c - who holds the spinlock a stuck CPU spins on.
 *
 * A queued spinlock records no owner, so the holder is reasoned from the
 * evidence, and says which evidence (SPEC §5, seed 004):
 *
 *  - the log shows a task leaving a critical section without unlocking:
 *    "BUG: scheduling while atomic: comm/pid/0x..." (kernel/sched/core.c,
 *    it went on to sleep with preemption disabled), "note: comm[pid] exited
 *    with preempt_count N" or "... with irqs disabled" (kernel/exit.c), or
 *    "initcall f [mod] returned with preemption imbalance" (init/main.c):
 *    that task is the likely holder, and it is not on any CPU any more;
 *  - another CPU runs code of the module the lock belongs to: likely it;
 *  - the spinner itself holds one more preempt-disabling section than its
 *    spin accounts for, and nothing else is seen: probably a recursive
 *    spin_lock;
 *  - every other CPU is accounted for and none runs the lock's code: the
 *    holder left the lock locked and is on no CPU (or, without a preempt
 *    count to tell, it may be the spinner itself).
 *
 * Recursion is only said when nothing points elsewhere; every holder found
 * this way is a heuristic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"

/* The module of a lock symbol: "x [mod]" or "mod.core+0x10 [mod]". */
static void lock_module(const char *sym, char *mod, size_t size)
{
	const char *b = strrchr(sym, '['), *e = b ? strchr(b, ']') : NULL;

	mod[0] = '\0';
	if (b && e && e > b + 1)
		snprintf(mod, size, "%.*s", (int)(e - b - 1), b + 1);
}

/* "BUG: scheduling while atomic: comm/pid/0x00000002": comm may hold '/'. */
static bool parse_sched_atomic(const char *line, char *comm, size_t size,
			       int *pid)
{
	const char *p = strstr(line, "scheduling while atomic: ");
	const char *last, *prev;

	if (!p)
		return false;
	p += strlen("scheduling while atomic: ");
	last = strrchr(p, '/');
	if (!last || last == p)
		return false;
	for (prev = last - 1; prev > p && *prev != '/'; prev--)
		;
	if (*prev != '/')
		return false;
	*pid = atoi(prev + 1);
	snprintf(comm, size, "%.*s", (int)(prev - p), p);
	return *pid > 0;
}

/* "note: comm[pid] exited with preempt_count 1" (or "with irqs disabled") */
static bool parse_exited(const char *line, char *comm, size_t size, int *pid)
{
	const char *p = strstr(line, "note: "), *e, *b;

	if (!p || !(e = strstr(p, "] exited with ")))
		return false;
	p += strlen("note: ");
	for (b = e; b > p && *b != '['; b--)
		;
	if (*b != '[')
		return false;
	*pid = atoi(b + 1);
	snprintf(comm, size, "%.*s", (int)(b - p), p);
	return *pid > 0;
}

/*
 * The last sign, before log line @upto, of a task that left a critical
 * section still holding it.  Fills @h; returns the line or -1.
 */
static long leak_in_log(const struct loglines *l, long upto,
			struct verdict_holder *h)
{
	long i;
	const char *s, *p;

	for (i = (upto < 0 ? (long)l->nr : upto) - 1; i >= 0; i--) {
		s = l->line[i];
		if (parse_sched_atomic(s, h->comm, sizeof(h->comm), &h->pid)) {
			h->how = "scheduled while atomic";
			return i;
		}
		if (parse_exited(s, h->comm, sizeof(h->comm), &h->pid)) {
			h->how = "exited";
			h->gone = true;
			return i;
		}
		if ((p = strstr(s, "initcall ")) &&
		    strstr(p, "returned with preemption imbalance")) {
			h->pid = -1;
			h->comm[0] = '\0';
			h->how = "initcall";
			return i;
		}
	}
	return -1;
}

/* Does @sc run code of module @mod (its NMI sample or stack scan)? */
static bool cpu_in_module(const struct snap_cpu *sc, const char *mod)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	size_t i;

	for (i = 0; i < sc->nr_frames && i < 16; i++) {
		sym_split(sc->frames[i].sym, f, sizeof(f), m, sizeof(m));
		if (m[0] && strcmp(m, mod) == 0)
			return true;
	}
	return false;
}

/* The CPU whose current task is @pid, or -1. */
static int cpu_of_pid(const struct snapshot *s, int pid)
{
	size_t i;

	for (i = 0; s && pid > 0 && i < s->nr_cpus; i++)
		if (s->cpus[i].pid == pid)
			return s->cpus[i].cpu;
	return -1;
}

/* Another CPU running the lock's module, or NULL; @all: every other CPU
 * was seen (answered the NMI, or its stack was read). */
static const struct snap_cpu *other_cpu_in(const struct snapshot *s,
					   int spinner_cpu, const char *mod,
					   bool *all)
{
	const struct snap_cpu *found = NULL;
	size_t i;

	*all = s && s->nr_cpus > 1;
	for (i = 0; s && i < s->nr_cpus; i++) {
		const struct snap_cpu *sc = &s->cpus[i];

		if (sc->cpu == spinner_cpu)
			continue;
		if (sc->flags & TRIAGE_CPU_F_CAPTURING)
			continue;	/* the capture's own CPU: not holding */
		if (!(sc->flags & TRIAGE_CPU_F_RESPONDED) && !sc->nr_frames &&
		    !(sc->flags & TRIAGE_CPU_F_IDLE))
			*all = false;
		if (!found && mod[0] && cpu_in_module(sc, mod))
			found = sc;
	}
	return found;
}

/**
 * lock_holder() - name the holder of the lockup's spinlock, from evidence
 * @c: the judge's inputs
 * @v: the verdict: culprit (the spinner), lockup (cpu, lock, preempt_depth)
 * @spinning: the spinner is in a spinlock's slowpath
 * @log_upto: the log line of the lockup report (evidence must precede it),
 *	or -1 for the whole log
 */
void lock_holder(const struct judge_ctx *c, struct verdict *v, bool spinning,
		 long log_upto)
{
	struct verdict_lockup *L = &v->lockup;
	struct verdict_holder *h = &L->holder;
	char mod[TRIAGE_MODNAME_LEN + 1], w[64];
	const struct snap_cpu *o;
	bool all = false, known;
	long i;

	memset(h, 0, sizeof(*h));
	h->pid = h->cpu = -1;
	if (!spinning && !L->has_lock)
		return;
	lock_module(L->lock_symbol, mod, sizeof(mod));
	i = leak_in_log(&c->log, log_upto, h);
	if (i >= 0) {
		h->heuristic = true;
		h->cpu = cpu_of_pid(c->snap, h->pid);
		if (strcmp(h->how, "initcall") == 0) {
			h->kind = "task";
			snprintf(h->why, sizeof(h->why),
				 "a module's init function returned with preemption still disabled, i.e. with a spinlock held (\"%s\"): it most likely holds the lock; the insmod that ran it returned to user space",
				 c->log.line[i]);
		} else if (h->pid == v->culprit.pid) {
			h->kind = "self";
			snprintf(h->why, sizeof(h->why),
				 "%s (pid %d) itself took the lock earlier and left its critical section without unlocking (\"%s\"): not a recursive spin_lock in one code path, a lock leaked across %s",
				 h->comm, h->pid, c->log.line[i],
				 h->gone ? "its exit" : "a return to user space");
		} else {
			h->kind = "task";
			snprintf(h->why, sizeof(h->why),
				 "%s (pid %d) left a critical section still holding a spinlock (\"%s\")%s: most likely the holder of this one",
				 h->comm, h->pid, c->log.line[i],
				 h->gone ? " and exited" :
				 h->cpu >= 0 ? "" :
				 ", and is on no CPU now");
		}
		return;
	}
	o = other_cpu_in(c->snap, L->cpu, mod, &all);
	if (o) {
		h->kind = "task";
		h->heuristic = true;
		h->pid = o->pid;
		h->cpu = o->cpu;
		copy_str(h->comm, sizeof(h->comm), o->comm);
		snprintf(h->why, sizeof(h->why),
			 "CPU %d runs %s (pid %d) in code of %s, the module the lock belongs to: most likely the holder",
			 o->cpu, o->comm, o->pid, mod);
		return;
	}
	known = c->snap && c->snap->has_system &&
		(c->snap->system.kernel_flags & TRIAGE_KF_PREEMPT_COUNT);
	if (spinning && known && L->preempt_depth >= 2) {
		h->kind = "self";
		h->heuristic = true;
		h->pid = v->culprit.pid;
		h->cpu = L->cpu;
		copy_str(h->comm, sizeof(h->comm), v->culprit.comm);
		h->recursive = true;
		snprintf(h->why, sizeof(h->why),
			 "probably a recursive spin_lock: %s already holds one more preempt-disabling section (depth %ld) than its spin takes, and no other holder shows in the log%s",
			 who(v, w, sizeof(w)), L->preempt_depth,
			 all ? " or on another CPU" : "");
		return;
	}
	if (L->has_lock && all && known) {
		h->kind = "none_on_cpu";
		h->heuristic = true;
		snprintf(h->why, sizeof(h->why),
			 "no other CPU runs code of %s and the spinner holds no other preempt-disabling section: the holder left the lock locked and is on no CPU (it returned to user space, sleeps or exited without unlocking)",
			 mod[0] ? mod : "the lock's owner");
	} else if (L->has_lock && all) {
		h->kind = "none_on_other_cpu";
		h->heuristic = true;
		snprintf(h->why, sizeof(h->why),
			 "no other CPU runs code of %s: the holder is the spinner itself (a recursive spin_lock) or a task that left the lock locked; without CONFIG_PREEMPT_COUNT the preempt count cannot tell which",
			 mod[0] ? mod : "the lock's owner");
	}
}
