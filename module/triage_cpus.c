// SPDX-License-Identifier: GPL-2.0
/*
 * triage_cpus.c - every CPU's state at the capture: what it runs, its
 * preempt count and context, whether IRQs are off, its registers and
 * backtrace.
 *
 * On x86 the capturing CPU sends an NMI to every other CPU (before kexec's
 * own NMI shootdown stops them) and each records itself from its NMI handler:
 * the only way to see a CPU spinning with IRQs off.  The handler only copies
 * registers and return addresses into its CPU's slot; symbolizing is done
 * afterwards on the capturing CPU.  Elsewhere (arm64) the other CPUs are
 * recorded as not asked, with what the task walk and a scan of their stacks
 * show; a CPU that captures itself from a pseudo-NMI (triage_watchdog.c)
 * records its own interrupted registers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/kallsyms.h>
#include <linux/uaccess.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/string.h>
#ifdef CONFIG_X86_64
#include <asm/apic.h>
#include <asm/nmi.h>
#include <asm/unwind.h>
#endif
#include "triage.h"

#define TRIAGE_CPU_FRAMES	24
#define TRIAGE_NMI_WAIT_NS	(20 * NSEC_PER_MSEC)

/**
 * struct triage_cpu_slot - what one CPU recorded of itself in NMI context
 * @wanted: set by the capturing CPU, cleared by the handler when done
 * @done: the slot is filled in
 * @pid: current's pid
 * @preempt_count: of the interrupted context
 * @flags: TRIAGE_CPU_F_* the handler could tell
 * @task: current
 * @comm: current->comm
 * @regs: the interrupted registers
 * @nr_addrs: valid entries of @addrs
 * @addrs: return addresses, innermost first (the first is the interrupted ip)
 */
struct triage_cpu_slot {
	atomic_t wanted;
	atomic_t done;
	int pid;
	unsigned int preempt_count;
	u32 flags;
	unsigned long task;
	char comm[TRIAGE_COMM_LEN];
	struct pt_regs regs;
	unsigned int nr_addrs;
	unsigned long addrs[TRIAGE_CPU_FRAMES];
};

static struct triage_cpu_slot triage_slots[TRIAGE_MAX_CPUS];

/* Each CPU's current task as the task walk saw it (on_cpu, task_cpu). */
static struct task_struct *triage_remote_curr[TRIAGE_MAX_CPUS];

/**
 * triage_cpus_note_current() - the task walk found @t running on @cpu
 * @cpu: task_cpu(@t)
 * @t: a task with on_cpu set
 */
void triage_cpus_note_current(int cpu, struct task_struct *t)
{
	if (cpu >= 0 && cpu < TRIAGE_MAX_CPUS)
		triage_remote_curr[cpu] = t;
}

/*
 * A backtrace of a task running on a CPU that cannot be asked (no NMI): the
 * return sites found on its stack, from the lowest address (the innermost
 * frames) up.  Below the live frames lie stale ones of earlier, deeper calls,
 * so this is only a heuristic (TRIAGE_BT_STACK_SCAN).  On arm64 only return
 * sites saved in a frame record ({fp, lr}, fp pointing further up the same
 * stack) count.
 */
static unsigned int triage_stack_scan_frames(struct task_struct *t,
					     unsigned long *addrs,
					     unsigned int max)
{
	static char sym[KSYM_SYMBOL_LEN];	/* under the capture guard */
	unsigned long stack, top, v, a;
	void *base = NULL;
	unsigned int n = 0;

	if (get_kernel_nofault(base, &t->stack) || !base)
		return 0;
	stack = (unsigned long)base;
	top = stack + THREAD_SIZE;
	for (a = stack + sizeof(long); a < top && n < max; a += sizeof(long)) {
		if (!((a / sizeof(long)) & 63) && triage_time_up())
			break;
		if (get_kernel_nofault(v, (unsigned long *)a) || (long)v >= 0)
			continue;
#ifdef CONFIG_ARM64
		{
			unsigned long fp = 0;

			if (get_kernel_nofault(fp, (unsigned long *)(a - 8)) ||
			    (fp && (fp <= a || fp >= top || (fp & 15))))
				continue;
		}
#endif
		if (!triage_return_site(v))
			continue;
		sprint_symbol(sym, v);
		if (sym[0] == '0' && sym[1] == 'x')
			continue;	/* not a known function */
		addrs[n++] = v;
	}
	return n;
}

/* Fill @s for a CPU that gave no NMI answer, from its current task. */
static bool triage_cpu_remote(int cpu, struct triage_cpu_slot *s)
{
	struct task_struct *t = cpu < TRIAGE_MAX_CPUS ?
				triage_remote_curr[cpu] : NULL;

	memset(&s->regs, 0, sizeof(s->regs));
	if (!t)
		return false;
	s->task = (unsigned long)t;
	s->pid = -1;
	get_kernel_nofault(s->pid, &t->pid);
	copy_from_kernel_nofault(s->comm, t->comm, sizeof(s->comm) - 1);
	s->comm[sizeof(s->comm) - 1] = '\0';
	s->flags = 0;
	s->preempt_count = 0;
#ifdef CONFIG_ARM64
	{
		u64 pc = 0;

		/* arm64 keeps the preempt count in thread_info, per task. */
		get_kernel_nofault(pc, &task_thread_info(t)->preempt_count);
		s->preempt_count = pc;
	}
#endif
	s->nr_addrs = triage_stack_scan_frames(t, s->addrs, TRIAGE_CPU_FRAMES);
	return true;
}

/* Fill @s from the CPU we are on; @regs are the interrupted registers. */
static void triage_cpu_self(struct triage_cpu_slot *s, struct pt_regs *regs,
			    unsigned int nmi_share)
{
	unsigned int pc = preempt_count() - nmi_share;

	s->pid = task_pid_nr(current);
	s->task = (unsigned long)current;
	strscpy(s->comm, current->comm, sizeof(s->comm));
	s->preempt_count = pc;
	s->flags = 0;
	if (pc & NMI_MASK)
		s->flags |= TRIAGE_CPU_F_IN_NMI;
	if (pc & HARDIRQ_MASK)
		s->flags |= TRIAGE_CPU_F_IN_HARDIRQ;
	if (pc & SOFTIRQ_OFFSET)
		s->flags |= TRIAGE_CPU_F_IN_SOFTIRQ;
	if (is_idle_task(current))
		s->flags |= TRIAGE_CPU_F_IDLE;
	if (regs) {
		s->regs = *regs;
		if (user_mode(regs))
			s->flags |= TRIAGE_CPU_F_USER;
		if (triage_regs_irqs_off(regs))
			s->flags |= TRIAGE_CPU_F_IRQS_OFF;
		s->nr_addrs = user_mode(regs) ? 0 :
			triage_unwind(regs, s->addrs, TRIAGE_CPU_FRAMES);
	} else {
		s->nr_addrs = 0;
	}
}

#ifdef CONFIG_X86_64
/*
 * NMIs sent to each CPU and not yet taken: one that arrives after the round
 * gave up on it is still ours, not an "NMI received for unknown reason"
 * (which unknown_nmi_panic turns into a panic).
 */
static atomic_t triage_nmi_pending[TRIAGE_MAX_CPUS];

static int triage_nmi_handler(unsigned int type, struct pt_regs *regs)
{
	int cpu = raw_smp_processor_id();
	struct triage_cpu_slot *s;

	if (cpu >= TRIAGE_MAX_CPUS)
		return NMI_DONE;
	s = &triage_slots[cpu];
	if (atomic_dec_if_positive(&triage_nmi_pending[cpu]) < 0)
		return NMI_DONE;	/* not ours: perf, the kdump shootdown... */
	if (!atomic_read(&s->wanted))
		return NMI_HANDLED;	/* ours, late: the round gave up on it */
	/* nmi_enter() added NMI_OFFSET + HARDIRQ_OFFSET. */
	triage_cpu_self(s, regs, NMI_OFFSET + HARDIRQ_OFFSET);
	atomic_set(&s->wanted, 0);
	/* The slot before the flag that says it is filled in. */
	smp_wmb();
	atomic_set(&s->done, 1);
	return NMI_HANDLED;
}

static bool triage_nmi_registered;

void triage_cpus_init(void)
{
	if (!register_nmi_handler(NMI_LOCAL, triage_nmi_handler, 0, "triage"))
		triage_nmi_registered = true;
	else
		pr_warn("cannot register an NMI handler: other CPUs will not be sampled\n");
}

void triage_cpus_exit(void)
{
	if (triage_nmi_registered)
		unregister_nmi_handler(NMI_LOCAL, "triage");
	triage_nmi_registered = false;
}

/* Ask every other online CPU (up to the cap) to record itself; wait a bit. */
void triage_cpus_sample(const struct triage_ctx *ctx, int self)
{
	u64 deadline;
	bool pending;
	int cpu;

	if (!triage_nmi_registered)
		return;
	for_each_online_cpu(cpu) {
		if (cpu == self || cpu >= TRIAGE_MAX_CPUS)
			continue;
		atomic_set(&triage_slots[cpu].done, 0);
		atomic_set(&triage_slots[cpu].wanted, 1);
		atomic_inc(&triage_nmi_pending[cpu]);
		apic->send_IPI(cpu, NMI_VECTOR);
	}
	deadline = triage_now_ns() + TRIAGE_NMI_WAIT_NS;
	do {
		pending = false;
		for_each_online_cpu(cpu)
			if (cpu != self && cpu < TRIAGE_MAX_CPUS &&
			    atomic_read(&triage_slots[cpu].wanted))
				pending = true;
		cpu_relax();
	} while (pending && triage_now_ns() < deadline && !triage_time_up());
	/* A late answer must not write into a slot being read. */
	for_each_online_cpu(cpu)
		if (cpu < TRIAGE_MAX_CPUS)
			atomic_set(&triage_slots[cpu].wanted, 0);
}
#else
void triage_cpus_init(void)
{
}

void triage_cpus_exit(void)
{
}

void triage_cpus_sample(const struct triage_ctx *ctx, int self)
{
}
#endif

/**
 * triage_cpus_begin() - forget which task ran where (before the task walk)
 */
void triage_cpus_begin(void)
{
	memset(triage_remote_curr, 0, sizeof(triage_remote_curr));
}

static void triage_write_cpu(int cpu, const struct triage_cpu_slot *s,
			     u32 flags, u32 source)
{
	struct triage_rec_cpu *r;
	struct triage_frame *f;
	unsigned int n = s ? s->nr_addrs : 0, i;
	u32 got;

	r = triage_rec_reserve(TRIAGE_REC_CPU, sizeof(*r) + n * sizeof(*f),
			       sizeof(*r), &got);
	if (!r)
		return;
	memset(r, 0, sizeof(*r));
	n = min_t(unsigned int, n, (got - sizeof(*r)) / sizeof(*f));
	f = (struct triage_frame *)(r + 1);
	r->cpu = cpu;
	r->cpu_flags = flags;
	r->source = source;
	if (s) {
		r->cpu_flags |= s->flags;
		r->pid = s->pid;
		r->preempt_count = s->preempt_count;
		r->task = s->task;
		memcpy(r->comm, s->comm, sizeof(r->comm));
		if (flags & (TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQ_REGS))
			r->nr_regs = triage_copy_regs_raw(r->regs,
							  &r->regs_arch,
							  &s->regs);
	}
	for (i = 0; i < n; i++) {
		f[i].addr = s->addrs[i];
		/* The first is the interrupted ip itself. */
		triage_symbolize(f[i].addr, i > 0, f[i].sym, sizeof(f[i].sym));
	}
	r->nr_frames = n;
	triage_rec_finish(r, sizeof(*r) + n * sizeof(*f), 0);
}

/**
 * triage_capture_cpus() - one TRIAGE_REC_CPU per online CPU, from the
 * samples triage_cpus_sample() took at the start of the capture
 * @ctx: the capture
 * @stuck: a CPU the watchdog found stuck (flagged), or -1
 */
void triage_capture_cpus(const struct triage_ctx *ctx, int stuck)
{
	int self = raw_smp_processor_id(), cpu;
	struct triage_cpu_slot *me;
	u32 stuck_flag;

	for_each_online_cpu(cpu) {
		stuck_flag = cpu == stuck ? TRIAGE_CPU_F_STUCK : 0;
		if (cpu >= TRIAGE_MAX_CPUS) {
			triage_write_cpu(cpu, NULL, TRIAGE_CPU_F_NOT_ASKED |
					 stuck_flag, 0);
		} else if (cpu == self && cpu == stuck && ctx->regs) {
			/* The stuck CPU captures itself from NMI (arm64 pNMI). */
			me = &triage_slots[cpu];
			triage_cpu_self(me, ctx->regs, NMI_OFFSET + HARDIRQ_OFFSET);
			triage_write_cpu(cpu, me, TRIAGE_CPU_F_CAPTURING |
					 TRIAGE_CPU_F_RESPONDED | stuck_flag,
					 TRIAGE_BT_NMI);
		} else if (cpu == self) {
			/* In a hard interrupt: what it interrupted. */
			struct pt_regs *ir = ctx->regs ? NULL :
					     triage_irq_regs();

			me = &triage_slots[cpu];
			triage_cpu_self(me, ir, 0);
			/* Else its backtrace is the crash backtrace record. */
			triage_write_cpu(cpu, me, TRIAGE_CPU_F_CAPTURING |
					 (ir ? TRIAGE_CPU_F_IRQ_REGS : 0),
					 ir ? TRIAGE_BT_REGS : 0);
		} else if (atomic_read(&triage_slots[cpu].done)) {
			/* Pairs with the smp_wmb() in the NMI handler. */
			smp_rmb();
			triage_write_cpu(cpu, &triage_slots[cpu],
					 TRIAGE_CPU_F_RESPONDED | stuck_flag,
					 TRIAGE_BT_NMI);
		} else {
			u32 f = (IS_ENABLED(CONFIG_X86_64) ?
				 TRIAGE_CPU_F_NO_RESPONSE :
				 TRIAGE_CPU_F_NOT_ASKED) | stuck_flag;

			if (triage_cpu_remote(cpu, &triage_slots[cpu]))
				triage_write_cpu(cpu, &triage_slots[cpu], f,
						 TRIAGE_BT_STACK_SCAN);
			else
				triage_write_cpu(cpu, NULL, f, 0);
		}
	}
}

/**
 * triage_cpu_regs() - the registers @cpu reported in the last NMI round
 * @cpu: CPU number
 *
 * Return: its interrupted registers, or NULL when it did not answer.
 */
const struct pt_regs *triage_cpu_regs(int cpu)
{
	if (cpu < 0 || cpu >= TRIAGE_MAX_CPUS ||
	    !atomic_read(&triage_slots[cpu].done))
		return NULL;
	return &triage_slots[cpu].regs;
}

/**
 * triage_capture_lockup_rec() - write the TRIAGE_REC_LOCKUP record
 * @ctx: the capture
 *
 * For a CPU triage's watchdog found stuck (@ctx->stuck_cpu), always; for a
 * capture that runs in a hard interrupt (a kernel detector panicked from it)
 * only when a lock was found in the interrupted context.
 */
void triage_capture_lockup_rec(const struct triage_ctx *ctx)
{
	static struct triage_rec_lockup l;	/* under the capture guard */
	static unsigned long addrs[TRIAGE_CPU_FRAMES];
	int self = raw_smp_processor_id(), cpu = ctx->stuck_cpu;
	struct pt_regs *regs = NULL;
	struct task_struct *t = NULL;
	unsigned int n = 0;

	memset(&l, 0, sizeof(l));
	if (cpu < 0) {
		/* A kernel detector's panic, in the interrupt it stopped. */
		regs = ctx->regs ? NULL : triage_irq_regs();
		if (!regs)
			return;
		cpu = self;
		l.detected_by = -1;
		t = current;
		n = user_mode(regs) ? 0 :
			triage_unwind(regs, addrs, TRIAGE_CPU_FRAMES);
	} else {
		regs = cpu == self ? ctx->regs :
			(struct pt_regs *)triage_cpu_regs(cpu);
		l.detected_by = self;
		l.stuck_ns = ctx->stuck_ns;
		l.threshold_ns = (u64)triage_watchdog_ms * NSEC_PER_MSEC;
		if (cpu < TRIAGE_MAX_CPUS)
			t = triage_remote_curr[cpu];
		if (cpu == self && regs)
			n = triage_unwind(regs, addrs, TRIAGE_CPU_FRAMES);
		else if (regs)
			n = min_t(unsigned int, triage_slots[cpu].nr_addrs,
				  TRIAGE_CPU_FRAMES);
		if (regs && cpu != self)
			memcpy(addrs, triage_slots[cpu].addrs,
			       n * sizeof(addrs[0]));
		else if (!regs && t)
			n = triage_stack_scan_frames(t, addrs,
						     TRIAGE_CPU_FRAMES);
	}
	l.cpu = cpu;
	triage_find_stuck_lock(&l, regs, t, addrs, n);
	if (ctx->stuck_cpu < 0 && !l.lock_addr)
		return;
	triage_rec_add(TRIAGE_REC_LOCKUP,
		       l.lock_source == TRIAGE_LOCK_SRC_ARGUMENT ? 0 :
		       TRIAGE_REC_F_HEURISTIC, &l, sizeof(l));
}
