// SPDX-License-Identifier: GPL-2.0
/*
 * triage_snapshot.c - take a snapshot: the one-shot guard, the time budget,
 * and the order in which the pieces are written.
 *
 * Runs in panic, die and kprobe context, with other CPUs possibly still
 * running: nothing here sleeps, allocates or takes a lock.  The first crash
 * hook to get the guard captures; every later one (another CPU panicking at
 * the same time, a nested panic inside the capture, the panic notifier after
 * the kprobe already captured) returns at once so kexec is never held up.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#ifdef CONFIG_X86_64
#include <asm/trapnr.h>
#endif
#include "triage.h"

#define TRIAGE_NO_OWNER (-1)

/* CPU running a capture; stays set after a crash capture (one shot). */
static atomic_t triage_owner = ATOMIC_INIT(TRIAGE_NO_OWNER);

/* The last oops, kept until the panic that follows it. */
static struct triage_die triage_last_die;
static atomic_t triage_die_busy = ATOMIC_INIT(0);

u64 triage_now_ns(void)
{
	return ktime_get_mono_fast_ns();
}

bool triage_over_budget(const struct triage_ctx *ctx)
{
	if (triage_now_ns() <= ctx->deadline_ns)
		return false;
	triage_region_flag(TRIAGE_HDR_F_BUDGET);
	return true;
}

/**
 * triage_die_record() - remember an oops for the capture that follows it
 * @str: die string
 * @err: error code
 * @trapnr: trap number
 * @regs: registers at the fault
 *
 * Called from the die notifier; the snapshot itself is taken when the oops
 * turns into a panic or crash_kexec(), which is when it is known to be fatal.
 */
void triage_die_record(const char *str, long err, int trapnr,
		       struct pt_regs *regs)
{
	struct triage_die *d = &triage_last_die;

	if (atomic_cmpxchg(&triage_die_busy, 0, 1) != 0)
		return;		/* another CPU is oopsing at the same moment */
	d->valid = false;
	d->task = current;
	d->cpu = raw_smp_processor_id();
	d->trapnr = trapnr;
	d->err = err;
#ifdef CONFIG_X86_64
	/*
	 * page_fault_oops() dies with "Oops" and leaves thread.trap_nr alone
	 * (only user faults set it), so the string is what marks a #PF.  CR2
	 * is not read here: show_opcodes() has faulted on it since (nofault
	 * reads around the ip); the address comes from the oops line instead.
	 */
	if (str && !strcmp(str, "Oops"))
		d->trapnr = X86_TRAP_PF;
#endif
	strscpy(d->str, str ? str : "", sizeof(d->str));
	if (regs)
		memcpy(&d->regs, regs, sizeof(d->regs));
	else
		memset(&d->regs, 0, sizeof(d->regs));
	/* The fields before the flag that says they are valid. */
	smp_wmb();
	d->valid = regs != NULL;
	atomic_set(&triage_die_busy, 0);
}

static const struct triage_die *triage_die_for_current(void)
{
	const struct triage_die *d = &triage_last_die;

	if (atomic_read(&triage_die_busy) || !READ_ONCE(d->valid))
		return NULL;
	/* Pairs with the smp_wmb() in triage_die_record(). */
	smp_rmb();
	return d->task == current ? d : NULL;
}

static void triage_capture_body(struct triage_ctx *ctx)
{
	const char *log;
	size_t log_len;

	triage_region_begin(ctx->hook);
	/* The other CPUs first, before what they are doing moves on. */
	triage_cpus_sample(ctx, raw_smp_processor_id());
	/* Most valuable first, in case the region or the budget runs out. */
	log = triage_capture_log(ctx, &log_len);
	triage_capture_crash(ctx, log, log_len);
	triage_capture_backtrace(ctx);
	triage_capture_system(ctx);
	triage_capture_sysctl(ctx);
	triage_capture_modules(ctx);
	triage_memory_begin();
	triage_capture_tasks(ctx);
	triage_capture_memory(ctx);
	if (ctx->stuck_cpu >= 0)
		triage_capture_lockup_rec(ctx);
	triage_capture_cpus(ctx, ctx->stuck_cpu);
	if (ctx->hook == TRIAGE_HOOK_PANIC)
		triage_note(TRIAGE_NOTE_INFO,
			    "captured by the panic notifier (crash_kexec_post_notifiers=%d)",
			    triage_post_notifiers());
	triage_region_commit(ctx->start_ns, triage_now_ns() - ctx->start_ns);
}

/*
 * Start @ctx's clock and take the guard for this CPU.  Return: false when a
 * capture was taken already or is running (another CPU, or a nested crash
 * inside this one): then nothing is captured and kexec goes on.
 */
static bool triage_begin(struct triage_ctx *ctx)
{
	ctx->start_ns = triage_now_ns();
	ctx->deadline_ns = ctx->start_ns + triage_budget_ms * NSEC_PER_MSEC;
	return atomic_cmpxchg(&triage_owner, TRIAGE_NO_OWNER,
			      raw_smp_processor_id()) == TRIAGE_NO_OWNER;
}

/**
 * triage_capture() - take the snapshot of a crash, once
 * @hook: TRIAGE_HOOK_* that fired
 * @reason: TRIAGE_REASON_*
 * @regs: crash registers if known, else NULL
 * @hook_regs: registers at the hook (kprobe), else NULL
 * @message: panic message if the hook has it, else NULL
 */
void triage_capture(int hook, u32 reason, struct pt_regs *regs,
		    struct pt_regs *hook_regs, const char *message)
{
	struct triage_ctx ctx = {
		.hook = hook,
		.reason = reason,
		.regs = regs,
		.hook_regs = hook_regs,
		.message = message,
		.stuck_cpu = -1,
	};

	if (!triage_begin(&ctx))
		return;

	ctx.die = triage_die_for_current();
	if (ctx.die) {
		ctx.reason = TRIAGE_REASON_DIE;
		if (!ctx.regs)
			ctx.regs = (struct pt_regs *)&ctx.die->regs;
	}
	triage_capture_body(&ctx);
	/* The guard stays taken: a crash is captured once. */
}

/**
 * triage_capture_lockup() - take the snapshot of a CPU hung with IRQs off
 * @stuck_cpu: the CPU whose heartbeat stopped
 * @stuck_ns: for how long
 * @regs: the stuck CPU's registers when it captures itself from NMI
 *	(@stuck_cpu is this CPU), else NULL
 *
 * Called by the watchdog just before it panics (the panic's own hooks then
 * find the guard taken): on a healthy CPU in hard-irq context, or on the
 * stuck CPU itself from a pseudo-NMI (arm64).
 */
void triage_capture_lockup(int stuck_cpu, u64 stuck_ns, struct pt_regs *regs)
{
	static char msg[TRIAGE_MSG_LEN];
	struct triage_ctx ctx = {
		.hook = TRIAGE_HOOK_WATCHDOG,
		.reason = TRIAGE_REASON_LOCKUP,
		.regs = regs,
		.message = msg,
		.stuck_cpu = stuck_cpu,
		.stuck_ns = stuck_ns,
	};

	if (!triage_begin(&ctx))
		return;
	snprintf(msg, sizeof(msg),
		 "triage: hard LOCKUP: CPU %d stuck with interrupts off for %llu ms",
		 stuck_cpu, div_u64(stuck_ns, NSEC_PER_MSEC));
	triage_capture_body(&ctx);
}

/**
 * triage_capture_manual() - take a snapshot without crashing (tests, bench)
 *
 * Return: 0, or -EBUSY when a capture is running or a crash was captured.
 */
int triage_capture_manual(void)
{
	struct triage_ctx ctx = { .hook = TRIAGE_HOOK_MANUAL, .stuck_cpu = -1 };
	unsigned long flags;

	/* IRQs off, as on the crash paths: the same code, the same timing. */
	local_irq_save(flags);
	if (!triage_begin(&ctx)) {
		local_irq_restore(flags);
		return -EBUSY;
	}
	triage_capture_body(&ctx);
	atomic_set(&triage_owner, TRIAGE_NO_OWNER);
	local_irq_restore(flags);
	return 0;
}
