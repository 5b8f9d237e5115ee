// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_lockup.c - CPUs that stopped: the module's own IRQ-off watchdog
 * (hard_lockup / hang_no_panic), the kernel's hard- and soft-lockup
 * detectors, and the victims of a CPU stuck with interrupts off that the
 * kernel blames instead of it (SPEC §5: a task waiting for ever in
 * smp_call_function_many_cond for an IPI the dead CPU never answers).
 *
 * The culprit of a lockup is the task on the stuck CPU, and its function is
 * the first frame of that CPU's backtrace that is not an interrupt, NMI,
 * watchdog, panic or spinlock frame.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"

/* The culprit frame of the verdict's frames: first one off the noise. */
static long lockup_frame(const struct verdict *v)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	size_t i;

	for (i = 0; i < v->nr_frames; i++) {
		sym_split(v->frames[i].sym, f, sizeof(f), m, sizeof(m));
		if (!cpu_frame_noise(f, m))
			return (long)i;
	}
	return -1;
}

/* Do the frames before @upto include a spinlock primitive? */
static bool spins(const struct verdict *v, long upto)
{
	char f[TRIAGE_SYM_LEN + 1];
	long i;

	for (i = 0; i < (long)v->nr_frames && (upto < 0 || i < upto); i++) {
		sym_split(v->frames[i].sym, f, sizeof(f), NULL, 0);
		if (kfunc_is(f, KF_SPIN))
			return true;
	}
	return false;
}

static bool cpu_spins(const struct snap_cpu *c)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	size_t i;

	for (i = 0; c && i < c->nr_frames && i < 8; i++) {
		sym_split(c->frames[i].sym, f, sizeof(f), m, sizeof(m));
		if (kfunc_is(f, KF_SPIN | KF_CPU_RELAX))
			return true;
		if (!cpu_frame_noise(f, m))
			return false;
	}
	return false;
}

static bool cpu_waits_ipi(const struct snap_frame *fr, size_t n)
{
	char f[TRIAGE_SYM_LEN + 1];
	size_t i;

	for (i = 0; i < n; i++) {
		sym_split(fr[i].sym, f, sizeof(f), NULL, 0);
		if (kfunc_is(f, KF_IPI_WAIT))
			return true;
	}
	return false;
}

static void use_cpu_frames(struct verdict *v, const struct snap_cpu *c,
			   const char *source)
{
	struct snap_backtrace bt;

	memset(&bt, 0, sizeof(bt));
	bt.frames = c->frames;
	bt.nr_frames = c->nr_frames;
	bt.source = c->source;
	use_snapshot_frames(v, &bt, source);
}

static bool kernel_flag(const struct judge_ctx *c, uint32_t kf)
{
	return c->snap && c->snap->has_system &&
	       (c->snap->system.kernel_flags & kf);
}

/* "hang_lock+0x0/0x4 [hangme]" -> "hang_lock [hangme]" (offset 0 only). */
static void lock_display(const char *sym, char *buf, size_t size)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];

	if (!strstr(sym, "+0x0/")) {
		copy_str(buf, size, sym);
		return;
	}
	sym_split(sym, f, sizeof(f), m, sizeof(m));
	if (m[0])
		snprintf(buf, size, "%s [%s]", f, m);
	else
		copy_str(buf, size, f);
}

/* The culprit task of @cpu: its CPU record, else a task record on it. */
static void task_of_cpu(const struct judge_ctx *c, int cpu, struct verdict *v)
{
	const struct snap_cpu *sc = c->snap ? snapshot_cpu(c->snap, cpu) : NULL;
	size_t i;

	v->culprit.cpu = cpu;
	if (sc && sc->pid >= 0 && (sc->comm[0] || sc->pid > 0)) {
		v->culprit.pid = sc->pid;
		copy_str(v->culprit.comm, sizeof(v->culprit.comm), sc->comm);
		return;
	}
	for (i = 0; c->snap && i < c->snap->nr_tasks; i++) {
		const struct snap_task *t = &c->snap->tasks[i];

		if ((t->task_flags & TRIAGE_TASK_F_ON_CPU) && t->cpu == cpu) {
			v->culprit.pid = t->pid;
			copy_str(v->culprit.comm, sizeof(v->culprit.comm),
				 t->comm);
			return;
		}
	}
}

/* The lock the module's lockup record names, and where it was found. */
static void take_record_lock(struct verdict_lockup *L,
			     const struct snap_lockup *rec)
{
	L->has_lock = L->has_lock_val = true;
	L->lock_addr = rec->lock_addr;
	L->lock_val = rec->lock_val;
	copy_str(L->lock_symbol, sizeof(L->lock_symbol), rec->lock_symbol);
	L->heuristic = rec->rec_flags & TRIAGE_REC_F_HEURISTIC;
	switch (rec->lock_source) {
	case TRIAGE_LOCK_SRC_ARGUMENT:
		L->lock_from = "the lock argument register of the interrupted spinlock slowpath (triage's lockup record)";
		break;
	case TRIAGE_LOCK_SRC_REGISTER:
		L->lock_from = "a register of the stuck CPU points at it (triage's lockup record)";
		break;
	case TRIAGE_LOCK_SRC_STACK:
		L->lock_from = "a word of the stuck task's stack points at it (triage's lockup record; heuristic)";
		break;
	case TRIAGE_LOCK_SRC_MODULE_DATA:
		L->lock_from = "a locked spinlock word in the data of the module whose code is on the stuck CPU's stack (triage's lockup record; heuristic)";
		break;
	default:
		L->lock_from = "triage's lockup record";
	}
	L->nr_candidates = rec->nr_candidates;
}

/* The first of the verdict's frames in a suspect module (not triage's own). */
static long suspect_frame(const struct judge_ctx *c, const struct verdict *v)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	size_t i, k;

	for (i = 0; c->snap && i < v->nr_frames; i++) {
		sym_split(v->frames[i].sym, f, sizeof(f), m, sizeof(m));
		if (!m[0] || cpu_frame_noise(f, m))
			continue;
		for (k = 0; k < c->snap->nr_modules; k++) {
			const struct snap_module *mod = &c->snap->modules[k];

			if (!strcmp(mod->name, m) &&
			    (mod->flags & (TRIAGE_MOD_OOT | TRIAGE_MOD_UNSIGNED |
					   TRIAGE_MOD_PROPRIETARY)) &&
			    !(mod->flags & TRIAGE_MOD_SELF))
				return (long)i;
		}
	}
	return -1;
}

/* Frames and function of the stuck CPU: its NMI sample, or a stack scan. */
static bool stuck_cpu_frames(const struct judge_ctx *c, int cpu,
			     struct verdict *v)
{
	const struct snap_cpu *sc = c->snap ? snapshot_cpu(c->snap, cpu) : NULL;

	long f;

	if (!sc || !sc->nr_frames)
		return false;
	if (sc->source == TRIAGE_BT_STACK_SCAN) {
		/* No NMI (GICv2): return sites found on its stack, stale
		 * ones among them; an out-of-tree module's frame is the best
		 * bet, as an analyst would take it.
		 */
		use_cpu_frames(v, sc, "a scan of the stuck task's stack (no NMI on this board; heuristic, stale frames possible)");
		f = suspect_frame(c, v);
		set_culprit_frame(v, f >= 0 ? f : lockup_frame(v));
		evidence(v, "the stuck CPU could not be interrupted (no NMI): its task and backtrace come from the healthy CPU reading its stack; %s",
			 f >= 0 ? "the culprit function is the first frame in an out-of-tree or unsigned module" :
			 "the culprit function is the innermost frame found, which may be stale");
		return true;
	}
	use_cpu_frames(v, sc, "snapshot (NMI on the stuck CPU)");
	set_culprit_frame(v, lockup_frame(v));
	return true;
}

/* IRQ state of @cpu from its record: its NMI sample, or the context a
 * hard interrupt on it stopped (1.6). */
static void irq_state(const struct snap_cpu *sc, struct verdict_lockup *L)
{
	if (!sc || !(sc->flags & (TRIAGE_CPU_F_RESPONDED |
				  TRIAGE_CPU_F_IRQ_REGS)))
		return;
	L->irqs_off = (sc->flags & TRIAGE_CPU_F_IRQS_OFF) ? 1 : 0;
	L->irqs_off_from = (sc->flags & TRIAGE_CPU_F_IRQ_REGS) ?
		"the flags of the context the watchdog's timer interrupt interrupted" :
		"the stuck CPU's NMI sample (flags of the interrupted context)";
}

/* Preempt depth of the spinner (lock_holder() reads it): one level is the
 * spin's own, more are sections it holds besides. */
static void depth(const struct judge_ctx *c, const struct snap_cpu *sc,
		  bool capturing, struct verdict *v)
{
	struct verdict_lockup *L = &v->lockup;
	long d;

	if (!sc)
		return;
	d = (long)(sc->preempt_count & 0xff);
	/* the capture's own kprobe handler runs with preemption off */
	if (capturing && c->snap->hdr.hook == TRIAGE_HOOK_CRASH_KEXEC && d > 0)
		d--;
	L->preempt_depth = d;
	if (!kernel_flag(c, TRIAGE_KF_PREEMPT_COUNT)) {
		evidence(v, "preempt count 0x%x on CPU %d; the kernel has no CONFIG_PREEMPT_COUNT (spinlocks do not raise it), so it says nothing about held locks",
			 sc->preempt_count, sc->cpu);
		return;
	}
	evidence(v, "preempt count of the interrupted context on CPU %d: 0x%x (preemption disabled %ld deep%s)",
		 sc->cpu, sc->preempt_count, d,
		 capturing && c->snap->hdr.hook == TRIAGE_HOOK_CRASH_KEXEC ?
		 ", the capture's kprobe taken out" : "");
}

/* The holder, as evidence and as the end of the summary. */
static void holder_say(struct verdict *v)
{
	const struct verdict_holder *h = &v->lockup.holder;
	size_t n = strlen(v->summary);

	if (!h->kind)
		return;
	evidence(v, "holder: %s", h->why);
	if (h->recursive)
		snprintf(v->summary + n, sizeof(v->summary) - n,
			 "; probably a recursive spin_lock (it holds the lock itself)");
	else if (strcmp(h->kind, "none_on_cpu") == 0)
		snprintf(v->summary + n, sizeof(v->summary) - n,
			 "; its holder is on no CPU");
	else if (strcmp(h->kind, "none_on_other_cpu") == 0)
		snprintf(v->summary + n, sizeof(v->summary) - n,
			 "; no other CPU holds it (the spinner itself, or a task that left it locked)");
	else if (h->pid > 0)
		snprintf(v->summary + n, sizeof(v->summary) - n,
			 "; likely held by %s (pid %d)%s", h->comm, h->pid,
			 h->gone ? ", which exited" :
			 h->cpu >= 0 ? "" : ", on no CPU");
	else if (h->how && strcmp(h->how, "initcall") == 0)
		snprintf(v->summary + n, sizeof(v->summary) - n,
			 "; likely left locked by a module's init function");
}

static const char *kernel_noticed(const struct judge_ctx *c)
{
	static const char *const n[] = {
		"BUG: soft lockup", "hard LOCKUP", "detected stall",
		" blocked for more than ", "self-detected stall", NULL,
	};
	const char *const *p;

	for (p = n; *p; p++)
		if (loglines_rfind(&c->log, *p, c->log.nr) >= 0)
			return *p;
	return NULL;
}

static void lockup_summary(struct verdict *v, const char *tail)
{
	const struct verdict_lockup *L = &v->lockup;
	char w[64], fn[160], lock[160] = "", dur[48] = "", ir[40];

	if (L->has_lock && L->lock_symbol[0]) {
		char d[TRIAGE_SYM_LEN + 1];

		lock_display(L->lock_symbol, d, sizeof(d));
		snprintf(lock, sizeof(lock), " on %s", d);
	} else if (L->has_lock) {
		snprintf(lock, sizeof(lock), " on the lock at 0x%" PRIx64,
			 L->lock_addr);
	} else if (spins(v, -1)) {
		snprintf(lock, sizeof(lock), " on a spinlock");
	}
	if (L->has_stuck)
		snprintf(dur, sizeof(dur), " for %s%.1f s",
			 L->stuck_at_least ? "at least " : "",
			 L->stuck_ns / 1e9);
	snprintf(ir, sizeof(ir), "%s",
		 L->irqs_off == 1 ? " with interrupts off" :
		 L->irqs_off == 0 ? " with interrupts on" : "");
	snprintf(v->summary, sizeof(v->summary),
		 "%s on CPU %d %s%s%s in %s%s%s", who(v, w, sizeof(w)),
		 v->culprit.cpu, lock[0] || spins(v, -1) ? "spins" : "is stuck",
		 lock, ir, where(v, fn, sizeof(fn)), dur, tail);
}

static void lock_evidence(struct verdict *v)
{
	const struct verdict_lockup *L = &v->lockup;

	if (L->has_lock)
		evidence(v, "lock: %s at 0x%" PRIx64 "%s%s (%s)",
			 L->lock_symbol[0] ? L->lock_symbol : "spinlock",
			 L->lock_addr, L->has_lock_val ? ", lock word " : "",
			 L->has_lock_val ? "held" : "",
			 L->lock_from ? L->lock_from : "?");
	if (L->has_lock && L->has_lock_val)
		evidence(v, "lock word 0x%x: locked (a queued spinlock with its locked byte set)",
			 L->lock_val);
}

/* ---- the module's own watchdog ----------------------------------------- */

bool judge_lockup_capture(const struct judge_ctx *c, struct verdict *v)
{
	struct verdict_lockup *L = &v->lockup;
	const struct snap_cpu *sc;
	const char *noticed, *p;
	char tail[160];
	long hard_line;
	bool self;

	if (!c->crash || c->crash->raw.reason != TRIAGE_REASON_LOCKUP)
		return false;
	L->present = true;
	L->detector = "triage_watchdog";
	if (c->snap->has_lockup) {
		L->cpu = c->snap->lockup.cpu;
		L->detected_by = c->snap->lockup.detected_by;
		L->has_stuck = c->snap->lockup.stuck_ns != 0;
		L->stuck_ns = c->snap->lockup.stuck_ns;
		L->threshold_ns = c->snap->lockup.threshold_ns;
		if (c->snap->lockup.lock_addr)
			take_record_lock(L, &c->snap->lockup);
	}
	if (L->cpu < 0 && (p = strstr(c->message, "CPU ")))
		L->cpu = atoi(p + 4);
	if (L->detected_by < 0)
		L->detected_by = c->crash->raw.cpu;
	if (!L->has_stuck && (p = strstr(c->message, " for ")) &&
	    strstr(p, " ms")) {
		L->has_stuck = true;
		L->stuck_ns = strtoull(p + 5, NULL, 10) * 1000000ull;
	}
	sc = snapshot_cpu(c->snap, L->cpu);
	irq_state(sc, L);
	hard_line = loglines_rfind(&c->log, "hard LOCKUP", c->log.nr);
	v->cls = L->irqs_off == 1 || hard_line >= 0 ? VC_HARD_LOCKUP :
		 VC_HANG_NO_PANIC;
	if (L->cpu >= 0)
		task_of_cpu(c, L->cpu, v);
	if (!stuck_cpu_frames(c, L->cpu, v)) {
		/* the crash backtrace is the watchdog's own, not the culprit's */
		v->nr_frames = 0;
		evidence(v, "no backtrace of CPU %d: %s", L->cpu,
			 !sc ? "no record of it" :
			 sc->flags & TRIAGE_CPU_F_NO_RESPONSE ?
			 "it did not answer the NMI (it ignores even NMIs)" :
			 sc->flags & TRIAGE_CPU_F_NOT_ASKED ?
			 "no NMI on this machine (arm64 without pseudo-NMI)" :
			 "its record has none");
	}
	noticed = kernel_noticed(c);
	self = L->detected_by == L->cpu && L->cpu >= 0;
	snprintf(tail, sizeof(tail), " (found by triage's %s%s)",
		 self ? "NMI watchdog on that CPU" : "watchdog",
		 noticed ? "" : "; the kernel never noticed");
	lockup_summary(v, tail);
	title_in(v, v->cls == VC_HARD_LOCKUP ? "BUG: hard lockup" :
		 "INFO: hang detected");
	if (self)
		evidence(v, "CPU %d's own NMI (a PMU cycle-counter overflow taken as a pseudo-NMI) found its heartbeat stopped for %.0f ms (threshold %.0f ms) and captured it with its exact registers: %s",
			 L->cpu, L->stuck_ns / 1e6, L->threshold_ns / 1e6,
			 c->message);
	else
		evidence(v, "triage's watchdog on CPU %d found CPU %d's heartbeat stopped for %.0f ms (threshold %.0f ms): %s",
			 L->detected_by, L->cpu, L->stuck_ns / 1e6,
			 L->threshold_ns / 1e6, c->message);
	if (L->irqs_off == 1)
		evidence(v, "interrupts were off on CPU %d when the NMI sampled it: a hard lockup",
			 L->cpu);
	else if (L->irqs_off == 0)
		evidence(v, "interrupts were on on CPU %d when the NMI sampled it, yet its timer heartbeat stopped",
			 L->cpu);
	else
		evidence(v, "whether CPU %d had interrupts off could not be established: hang_no_panic",
			 L->cpu);
	lock_evidence(v);
	if (v->culprit.function[0])
		evidence(v, "CPU %d was interrupted in %s (first frame of its NMI backtrace past the spinlock code)",
			 L->cpu, v->culprit.function);
	if (noticed)
		evidence(v, "the kernel noticed too: \"%s\" is in the log", noticed);
	else
		evidence(v, "the kernel never noticed: no soft lockup, hard lockup, RCU stall or hung task in the log");
	if (!self)
		evidence(v, "the crash backtrace is the watchdog's (CPU %d), not the culprit's",
			 L->detected_by);
	depth(c, sc, false, v);
	lock_holder(c, v, spins(v, lockup_frame(v)), -1);
	holder_say(v);
	set_signature(v, L->lock_symbol[0] ? L->lock_symbol : NULL);
	if (L->lock_symbol[0]) {
		char d[TRIAGE_SYM_LEN + 1];

		lock_display(L->lock_symbol, d, sizeof(d));
		set_signature(v, NULL);
		snprintf(v->signature + strlen(v->signature),
			 sizeof(v->signature) - strlen(v->signature), ":%s",
			 d);
	}
	return true;
}

/* ---- the kernel's detectors ------------------------------------------- */

/* "watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [hangme_spin:123]" */
static long soft_line(const struct loglines *l, int *cpu, long *secs,
		      char *comm, size_t comm_size, int *pid)
{
	long i = loglines_rfind(l, "BUG: soft lockup", l->nr);
	const char *p, *b, *colon;

	*cpu = *pid = -1;
	*secs = -1;
	comm[0] = '\0';
	if (i < 0)
		return -1;
	p = strstr(l->line[i], "CPU#");
	if (p)
		*cpu = atoi(p + 4);
	p = strstr(l->line[i], "stuck for ");
	if (p)
		*secs = atol(p + 10);
	b = strrchr(l->line[i], '[');
	colon = b ? strrchr(b, ':') : NULL;
	if (b && colon) {
		snprintf(comm, comm_size, "%.*s", (int)(colon - b - 1), b + 1);
		*pid = atoi(colon + 1);
	}
	return i;
}

/*
 * Could @v be a kernel address (the upper half, on x86_64 and arm64)?  The
 * slowpath may have reused the register for the lock's value (0x101).
 */
static bool kernel_pointer(uint64_t v)
{
	return v >= 0xffff000000000000ull;
}

/* The lock register after the RIP line: RDI (x86) or x0 (arm64). */
static bool log_lock_reg(const struct loglines *l, long from, uint64_t *addr,
			 const char **reg)
{
	long i;
	const char *p;

	for (i = from < 0 ? 0 : from; i < (long)l->nr && i < from + 30; i++) {
		if ((p = strstr(l->line[i], "RDI: "))) {
			*addr = strtoull(p + 5, NULL, 16);
			*reg = "RDI";
			return kernel_pointer(*addr);
		}
		if ((p = strstr(l->line[i], "x0 : "))) {
			*addr = strtoull(p + 5, NULL, 16);
			*reg = "x0";
			return kernel_pointer(*addr);
		}
	}
	return false;
}

bool judge_soft_lockup(const struct judge_ctx *c, struct verdict *v)
{
	struct verdict_lockup *L = &v->lockup;
	const struct snap_cpu *sc = NULL;
	char comm[TRIAGE_COMM_LEN + 1], fn[160];
	const char *reg = NULL, *from;
	int cpu, pid;
	long secs, i, f, rip;
	bool spinning, irq_regs;

	if (!strstr(c->message, "softlockup: hung tasks") &&
	    !(!c->message[0] &&
	      loglines_rfind(&c->log, "BUG: soft lockup", c->log.nr) >= 0))
		return false;
	v->cls = VC_SOFT_LOCKUP;
	L->present = true;
	L->detector = "kernel_softlockup";
	i = soft_line(&c->log, &cpu, &secs, comm, sizeof(comm), &pid);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (pid >= 0) {
		v->culprit.pid = pid;
		copy_str(v->culprit.comm, sizeof(v->culprit.comm), comm);
	}
	if (cpu >= 0)
		v->culprit.cpu = cpu;
	L->cpu = v->culprit.cpu;
	if (secs >= 0) {
		L->has_stuck = L->stuck_at_least = true;
		L->stuck_ns = (uint64_t)secs * 1000000000ull;
	}
	if (c->snap && c->snap->has_sysctl && c->snap->sysctl.watchdog_thresh > 0)
		L->threshold_ns = (uint64_t)c->snap->sysctl.watchdog_thresh *
				  2000000000ull;
	if (i >= 0)
		evidence(v, "log: \"%s\"", c->log.line[i]);
	if (c->snap)
		sc = snapshot_cpu(c->snap, L->cpu);
	/*
	 * Best: the capture ran in the watchdog's timer interrupt on the
	 * stuck CPU and recorded what it interrupted (1.6): its frame 0 is
	 * the interrupted pc.  Next, the kernel's report, which unwinds the
	 * interrupted context too.  Last, the crash backtrace, which runs in
	 * the same timer interrupt, through it into the spinner (x86; the
	 * arm64 one may stop at the IRQ stack).
	 */
	irq_regs = sc && (sc->flags & TRIAGE_CPU_F_IRQ_REGS) && sc->nr_frames;
	if (irq_regs) {
		use_cpu_frames(v, sc, "snapshot (the context the watchdog's timer interrupt interrupted)");
		from = "the interrupted context triage recorded in the watchdog's timer interrupt";
	} else {
		use_log_frames(v, &c->log, i);
		from = "the call trace the kernel printed with the soft lockup";
		if (!v->nr_frames) {
			load_frames(c, v, TRIAGE_BT_CURRENT, i);
			from = "the crash backtrace past the timer interrupt";
		}
	}
	f = lockup_frame(v);
	set_culprit_frame(v, f);
	spinning = spins(v, f);
	rip = i >= 0 ? loglines_find(&c->log, "RIP: ", (size_t)i) : -1;
	if (rip < 0 && i >= 0)
		rip = loglines_find(&c->log, "pc : ", (size_t)i);
	if (rip >= 0 && rip > i + 40)
		rip = -1;
	if (rip >= 0) {
		struct verdict tmp_fn;

		memset(&tmp_fn.culprit, 0, sizeof(tmp_fn.culprit));
		log_crash_ip(&c->log, rip, &tmp_fn);
		evidence(v, "log: \"%s\"", c->log.line[rip]);
		if (kfunc_is(tmp_fn.culprit.function, KF_SPIN))
			spinning = true;
		/*
		 * The x86 call trace starts at the caller of the interrupted
		 * function: the function at RIP is the one that loops, unless
		 * it is the spinlock or a busy-wait helper.
		 */
		if (!irq_regs && tmp_fn.culprit.function[0] &&
		    !cpu_frame_noise(tmp_fn.culprit.function, tmp_fn.culprit.module) &&
		    !kfunc_is(tmp_fn.culprit.function, KF_CPU_RELAX)) {
			copy_str(v->culprit.function,
				 sizeof(v->culprit.function),
				 tmp_fn.culprit.function);
			copy_str(v->culprit.module, sizeof(v->culprit.module),
				 tmp_fn.culprit.module);
			from = "the RIP/pc line of the kernel's soft-lockup report";
		}
	}
	if (c->snap && c->snap->has_lockup && c->snap->lockup.cpu == L->cpu &&
	    c->snap->lockup.lock_addr) {
		take_record_lock(L, &c->snap->lockup);
	} else if (spinning && rip >= 0 &&
		   log_lock_reg(&c->log, rip, &L->lock_addr, &reg)) {
		L->has_lock = true;
		L->heuristic = true;
		L->lock_from = strcmp(reg, "RDI") == 0 ?
			"RDI at the interrupted spin_lock slowpath in the log: its lock argument, if still there" :
			"x0 at the interrupted spin_lock slowpath in the log: its lock argument, if still there";
	}
	if (sc) {
		irq_state(sc, L);
		if ((sc->flags & TRIAGE_CPU_F_CAPTURING) &&
		    !(sc->flags & TRIAGE_CPU_F_IRQ_REGS))
			L->irqs_off = -1;	/* sampled in its timer IRQ */
		depth(c, sc, sc->flags & TRIAGE_CPU_F_CAPTURING, v);
	} else if (c->crash && c->crash->raw.cpu == L->cpu) {
		struct snap_cpu tmp;

		memset(&tmp, 0, sizeof(tmp));
		tmp.cpu = L->cpu;
		tmp.preempt_count = c->crash->raw.preempt_count;
		depth(c, &tmp, true, v);
	}
	lock_holder(c, v, spinning, i);
	lockup_summary(v, " (soft lockup: the kernel's watchdog)");
	holder_say(v);
	lock_evidence(v);
	if (v->culprit.function[0])
		evidence(v, "the stuck code is %s (%s%s)",
			 where(v, fn, sizeof(fn)), from,
			 spinning ? ", past the spinlock slowpath" : "");
	evidence(v, "panic message: \"%s\"", c->message);
	title_in(v, "BUG: soft lockup");
	set_signature(v, NULL);
	return true;
}

bool judge_hard_lockup(const struct judge_ctx *c, struct verdict *v)
{
	struct verdict_lockup *L = &v->lockup;
	const struct snap_cpu *sc;
	const char *p;
	long i;

	if (!strstr(c->message, "Hard LOCKUP") &&
	    !strstr(c->message, "hardlockup"))
		return false;
	v->cls = VC_HARD_LOCKUP;
	L->present = true;
	L->detector = "kernel_hardlockup";
	L->irqs_off = 1;
	L->irqs_off_from = "the kernel's hard-lockup detector (its timer interrupts stopped)";
	i = loglines_rfind(&c->log, "hard LOCKUP on cpu ", c->log.nr);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (i >= 0 && (p = strstr(c->log.line[i], "on cpu "))) {
		L->cpu = atoi(p + 7);
		evidence(v, "log: \"%s\"", c->log.line[i]);
	} else {
		L->cpu = v->culprit.cpu;
	}
	sc = c->snap ? snapshot_cpu(c->snap, L->cpu) : NULL;
	if (sc && !(sc->flags & TRIAGE_CPU_F_CAPTURING)) {
		task_of_cpu(c, L->cpu, v);
		stuck_cpu_frames(c, L->cpu, v);
	} else {
		/* the NMI watchdog panics on the stuck CPU itself */
		v->culprit.cpu = L->cpu;
		if (i >= 0) {
			struct verdict_culprit t = { .pid = -1, .cpu = -1 };

			if (log_task(&c->log, (size_t)i, &t) && t.cpu == L->cpu) {
				v->culprit.pid = t.pid;
				copy_str(v->culprit.comm,
					 sizeof(v->culprit.comm), t.comm);
			}
		}
		load_frames(c, v, TRIAGE_BT_CURRENT, i);
		set_culprit_frame(v, lockup_frame(v));
	}
	if (!v->culprit.function[0] && i >= 0)
		log_crash_ip(&c->log, i, v);
	if (kfunc_is(v->culprit.function, KF_SPIN | KF_CPU_RELAX))
		v->culprit.function[0] = v->culprit.module[0] = '\0';
	depth(c, sc, sc && (sc->flags & TRIAGE_CPU_F_CAPTURING), v);
	lock_holder(c, v, spins(v, lockup_frame(v)), i);
	lockup_summary(v, " (the kernel's hard-lockup detector)");
	holder_say(v);
	lock_evidence(v);
	evidence(v, "panic message: \"%s\"", c->message);
	title_in(v, "BUG: hard lockup");
	set_signature(v, NULL);
	return true;
}

/* ---- a CPU stuck with IRQs off, blamed on its victims ------------------ */

/* A dead CPU other than @not: STUCK, IRQs off while spinning, or (when
 * @no_response counts) deaf to the NMI.  Returns it, or NULL. */
static const struct snap_cpu *dead_cpu(const struct snapshot *s, int not,
				       bool no_response)
{
	const struct snap_cpu *best = NULL;
	int rank = 0, r;
	size_t i;

	for (i = 0; i < s->nr_cpus; i++) {
		const struct snap_cpu *c = &s->cpus[i];

		if (c->cpu == not || (c->flags & TRIAGE_CPU_F_CAPTURING))
			continue;
		r = 0;
		if (c->flags & TRIAGE_CPU_F_STUCK)
			r = 3;
		else if ((c->flags & TRIAGE_CPU_F_IRQS_OFF) &&
			 (c->flags & TRIAGE_CPU_F_RESPONDED) && cpu_spins(c))
			r = 2;
		else if (no_response && (c->flags & TRIAGE_CPU_F_NO_RESPONSE))
			r = 1;
		if (r > rank) {
			rank = r;
			best = c;
		}
	}
	return best;
}

bool judge_irqoff_root(const struct judge_ctx *c, struct verdict *v)
{
	struct verdict_lockup *L = &v->lockup;
	const struct snap_cpu *d, *rc;
	const char *reported;
	char comm[TRIAGE_COMM_LEN + 1], w[64], fn[160], tail[VERDICT_TEXT];
	char vc[24] = "";
	int cpu = -1, pid = -1;
	long secs, i = -1;
	bool ipi = false;
	size_t k;

	if (!c->snap || !c->snap->nr_cpus)
		return false;
	if (strstr(c->message, "softlockup: hung tasks"))
		reported = "soft lockup";
	else if (strstr(c->message, "hung_task: blocked tasks"))
		reported = "hung task";
	else if (strstr(c->message, "RCU Stall"))
		reported = "RCU stall";
	else
		return false;
	if (strcmp(reported, "soft lockup") == 0)
		i = soft_line(&c->log, &cpu, &secs, comm, sizeof(comm), &pid);
	if (cpu < 0 && c->crash)
		cpu = c->crash->raw.cpu;
	/* is anyone waiting for an IPI? */
	for (k = 0; k < c->snap->nr_backtraces && !ipi; k++)
		ipi = cpu_waits_ipi(c->snap->backtraces[k].frames,
				    c->snap->backtraces[k].nr_frames);
	for (k = 0; k < c->snap->nr_cpus && !ipi; k++)
		ipi = cpu_waits_ipi(c->snap->cpus[k].frames,
				    c->snap->cpus[k].nr_frames);
	for (k = 0; k < c->snap->nr_tasks && !ipi; k++)
		ipi = cpu_waits_ipi(c->snap->tasks[k].frames,
				    c->snap->tasks[k].nr_frames);
	if (!ipi)
		ipi = loglines_rfind(&c->log, "smp_call_function", c->log.nr) >= 0;
	d = dead_cpu(c->snap, cpu, ipi);
	if (!d || (!ipi && !(d->flags & TRIAGE_CPU_F_STUCK)))
		return false;

	/* the victim, as the kernel reported it */
	L->has_victim = true;
	L->victim_reported_as = reported;
	L->victim_cpu = cpu;
	if (pid >= 0) {
		L->victim_pid = pid;
		copy_str(L->victim_comm, sizeof(L->victim_comm), comm);
	} else if (c->crash) {
		L->victim_pid = c->crash->raw.pid;
		copy_str(L->victim_comm, sizeof(L->victim_comm), c->crash->comm);
	}
	if (strcmp(reported, "hung task") == 0) {
		long h = loglines_rfind(&c->log, "INFO: task ", c->log.nr);

		if (h >= 0) {
			const char *p = c->log.line[h] + strlen("INFO: task ");
			const char *b = strstr(p, " blocked for"), *colon = b;

			while (colon && colon > p && *colon != ':')
				colon--;
			if (colon && colon > p) {
				snprintf(L->victim_comm, sizeof(L->victim_comm),
					 "%.*s", (int)(colon - p), p);
				L->victim_pid = atoi(colon + 1);
				L->victim_cpu = -1;
			}
		}
	}
	rc = snapshot_cpu(c->snap, cpu);
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	if (rc && rc->nr_frames && !(rc->flags & TRIAGE_CPU_F_CAPTURING))
		use_cpu_frames(v, rc, "snapshot (NMI)");
	{
		long f = lockup_frame(v);

		if (f >= 0)
			sym_split(v->frames[f].sym, L->victim_function,
				  sizeof(L->victim_function), NULL, 0);
		for (k = 0; k < v->nr_frames; k++) {
			char fn2[TRIAGE_SYM_LEN + 1];

			sym_split(v->frames[k].sym, fn2, sizeof(fn2), NULL, 0);
			if (kfunc_is(fn2, KF_IPI_WAIT)) {
				copy_str(L->victim_function,
					 sizeof(L->victim_function), fn2);
				break;
			}
		}
	}

	/* the root cause: the dead CPU */
	L->present = true;
	L->detector = strcmp(reported, "soft lockup") == 0 ?
		      "kernel_softlockup" : strcmp(reported, "hung task") == 0 ?
		      "kernel_hung_task" : "kernel_rcu_stall";
	L->cpu = d->cpu;
	irq_state(d, L);
	if (c->snap->has_lockup && c->snap->lockup.cpu == d->cpu) {
		L->detected_by = c->snap->lockup.detected_by;
		L->has_stuck = c->snap->lockup.stuck_ns != 0;
		L->stuck_ns = c->snap->lockup.stuck_ns;
		L->threshold_ns = c->snap->lockup.threshold_ns;
		if (c->snap->lockup.lock_addr)
			take_record_lock(L, &c->snap->lockup);
	}
	v->nr_frames = 0;
	v->bt_source = NULL;
	task_of_cpu(c, d->cpu, v);
	stuck_cpu_frames(c, d->cpu, v);
	v->cls = L->irqs_off == 1 ? VC_HARD_LOCKUP :
		 strcmp(reported, "soft lockup") == 0 ? VC_SOFT_LOCKUP :
		 strcmp(reported, "hung task") == 0 ? VC_HUNG_TASK :
		 VC_RCU_STALL;
	v->kind = "ipi_victim";
	snprintf(tail, sizeof(tail),
		 "; root cause of the %s the kernel reported for %s (pid %d)%s%s, which only waits for CPU %d",
		 reported, L->victim_comm[0] ? L->victim_comm : "?",
		 L->victim_pid, L->victim_function[0] ? " in " : "",
		 L->victim_function, d->cpu);
	lockup_summary(v, tail);
	evidence(v, "CPU %d is dead: %s", d->cpu,
		 d->flags & TRIAGE_CPU_F_STUCK ? "triage's watchdog found it stuck" :
		 d->flags & TRIAGE_CPU_F_IRQS_OFF ?
		 "its NMI sample shows it spinning on a lock with interrupts off" :
		 "it did not answer the NMI");
	lock_evidence(v);
	if (L->victim_cpu >= 0)
		snprintf(vc, sizeof(vc), " on CPU %d", L->victim_cpu);
	evidence(v, "the kernel blamed %s (pid %d)%s in a %s: a victim, %s",
		 L->victim_comm[0] ? L->victim_comm : "?", L->victim_pid, vc,
		 reported,
		 ipi ? "waiting in smp_call_function_many_cond (an IPI such as a TLB flush) that the dead CPU never answers" :
		 "not the cause");
	if (i >= 0)
		evidence(v, "log: \"%s\"", c->log.line[i]);
	evidence(v, "panic message: \"%s\"", c->message);
	if (v->culprit.function[0])
		evidence(v, "CPU %d runs %s in %s", d->cpu, who(v, w, sizeof(w)),
			 where(v, fn, sizeof(fn)));
	depth(c, d, false, v);
	title_in(v, L->irqs_off == 1 ? "BUG: hard lockup" : "BUG: CPU stuck");
	set_signature(v, "ipi-victim");
	return true;
}
