// SPDX-License-Identifier: GPL-2.0
/*
 * triage_snapshot.c - take a snapshot: the one-shot guard, the hard
 * deadline, the order in which the pieces are written, and what happens
 * when the capture itself faults.
 *
 * Runs in panic, die, kprobe and hard-irq context, with other CPUs possibly
 * still running: nothing here sleeps, allocates or takes a lock.  The first
 * crash hook to get the guard captures.  A hook on another CPU that finds a
 * capture running waits for it, at most until its deadline (kexec from that
 * CPU would stop the capturing one half-way); a nested crash on the
 * capturing CPU returns at once so kexec is never held up.
 *
 * The deadline is hard: past it every section stops where it is and the
 * snapshot is committed with what it has (TRIAGE_HDR_F_BUDGET).  Sections
 * are written most valuable first, and the root-cause records (crash, every
 * CPU, the lockup) have room kept for them before anything bulky is written.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#ifdef CONFIG_X86_64
#include <asm/trapnr.h>
#endif
#include "triage.h"

#define TRIAGE_NO_OWNER (-1)
/* How long a hook on another CPU waits past the running capture's deadline. */
#define TRIAGE_WAIT_SLACK_NS	(20 * NSEC_PER_MSEC)

/*
 * The guard: the CPU that captured or is capturing, with TRIAGE_BUSY while
 * its capture body runs, in one word so that no other CPU can see the guard
 * taken and the capture not yet running.  Stays set after a crash capture.
 */
#define TRIAGE_BUSY	0x10000
#define TRIAGE_CPU_MASK	0xffff
static atomic_t triage_owner = ATOMIC_INIT(TRIAGE_NO_OWNER);

static bool triage_owner_busy(void)
{
	int o = atomic_read(&triage_owner);

	return o != TRIAGE_NO_OWNER && (o & TRIAGE_BUSY);
}
/* The running capture's hook and deadline, and whether it has passed. */
static int triage_cur_hook;
static u64 triage_deadline_ns;
static bool triage_expired;

/* The last oops, kept until the panic that follows it. */
static struct triage_die triage_last_die;
static atomic_t triage_die_busy = ATOMIC_INIT(0);

static const char * const triage_section_names[TRIAGE_SECT_COUNT] =
	TRIAGE_SECT_NAMES;
static u32 triage_cur_section;
/* When each section of the running capture began, ns after its hook + 1. */
static u64 triage_section_at[TRIAGE_SECT_COUNT];
static u64 triage_cur_start_ns;

u64 triage_now_ns(void)
{
	return ktime_get_mono_fast_ns();
}

/**
 * triage_time_up() - has the running capture's deadline passed?
 *
 * Sticky: once past it, every later check says so too, and the header is
 * flagged TRIAGE_HDR_F_BUDGET.  Every loop of the capture asks.
 *
 * Return: true when the capture must stop what it is doing.
 */
bool triage_time_up(void)
{
	if (READ_ONCE(triage_expired))
		return true;
	if (triage_now_ns() <= triage_deadline_ns)
		return false;
	WRITE_ONCE(triage_expired, true);
	triage_region_flag(TRIAGE_HDR_F_BUDGET);
	return true;
}

bool triage_over_budget(const struct triage_ctx *ctx)
{
	return triage_time_up();
}

/**
 * triage_capturing() - is a capture running, and on which CPU?
 *
 * Return: the CPU running a capture body, or -1.  The watchdog leaves that
 * CPU alone: a capture keeps IRQs off for up to budget_ms.
 */
int triage_capturing(void)
{
	int o = atomic_read(&triage_owner);

	return o != TRIAGE_NO_OWNER && (o & TRIAGE_BUSY) ?
	       o & TRIAGE_CPU_MASK : -1;
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

/**
 * triage_capture_faulted() - the die notifier saw an oops: was it ours?
 * @str: die string
 * @regs: registers at the fault
 *
 * An oops on the capturing CPU while a capture runs is a fault in the
 * capture (or in a kernel function it called).  Its finished records are
 * sealed as a torn snapshot; a crash capture then panics, so that the crash
 * still reaches kdump whatever the oops would have done next (an oops in
 * process context without panic_on_oops only kills the task, which here is
 * the one in panic()).  A manual capture releases the guard and lets the
 * oops take its course.
 *
 * Return: false when the oops has nothing to do with a capture.
 */
bool triage_capture_faulted(const char *str, struct pt_regs *regs)
{
	u32 sect = READ_ONCE(triage_cur_section);

	int self = raw_smp_processor_id();

	if (atomic_cmpxchg(&triage_owner, self | TRIAGE_BUSY, self) !=
	    (self | TRIAGE_BUSY))
		return false;
	/* Not busy any more: a fault in what follows is not caught again. */
	triage_region_abandon();
	triage_note(TRIAGE_NOTE_SKIPPED,
		    "the capture faulted in section %s: %s at %pS",
		    sect < TRIAGE_SECT_COUNT ? triage_section_names[sect] : "?",
		    str ? str : "oops",
		    regs ? (void *)instruction_pointer(regs) : NULL);
	triage_region_seal_torn();
	if (triage_cur_hook == TRIAGE_HOOK_MANUAL) {
		atomic_set(&triage_owner, TRIAGE_NO_OWNER);
		return true;
	}
	panic("triage: the capture faulted in section %s; going on to kdump",
	      sect < TRIAGE_SECT_COUNT ? triage_section_names[sect] : "?");
	return true;
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

/*
 * Enter section @sect.  Return: false when the deadline has passed and the
 * section is to be skipped.
 */
static bool triage_section(u32 sect)
{
	if (sect < TRIAGE_SECT_COUNT)
		triage_section_at[sect] = triage_now_ns() - triage_cur_start_ns + 1;
	WRITE_ONCE(triage_cur_section, sect);
	triage_region_section(sect);
	triage_fault_point(sect);
	return !triage_time_up();
}

/*
 * Bytes the root-cause records may need: crash record and backtrace, the
 * lockup, and a full record per CPU (up to the cap), plus notes.
 */
static size_t triage_root_reserve(void)
{
	unsigned int cpus = min_t(unsigned int, num_online_cpus(),
				  TRIAGE_MAX_CPUS);

	return 16384 + cpus * (sizeof(struct triage_rec_cpu) +
			       24 * sizeof(struct triage_frame) + 16);
}

/*
 * One note with when each section began (microseconds after the hook), so
 * that a capture that ran out of time says where the time went.
 */
static void triage_note_section_times(void)
{
	char line[200];
	size_t len = 0;
	u32 sect;

	line[0] = '\0';
	for (sect = TRIAGE_SECT_SAMPLE; sect < TRIAGE_SECT_COUNT; sect++)
		if (triage_section_at[sect] && len < sizeof(line))
			len += scnprintf(line + len, sizeof(line) - len, " %s %llu",
					 triage_section_names[sect],
					 div_u64(triage_section_at[sect] - 1,
						 NSEC_PER_USEC));
	triage_note(TRIAGE_NOTE_INFO, "section start, us after the hook:%s",
		    line);
}

static void triage_capture_body(struct triage_ctx *ctx)
{
	const char *log = NULL;
	size_t log_len = 0;

	memset(triage_section_at, 0, sizeof(triage_section_at));
	triage_cur_start_ns = ctx->start_ns;
	triage_region_begin(ctx->hook);
	triage_symbolize_begin();
	triage_locks_begin();
	/* The other CPUs first, before what they are doing moves on. */
	if (triage_section(TRIAGE_SECT_SAMPLE))
		triage_cpus_sample(ctx, raw_smp_processor_id());
	/*
	 * The log tail first: it alone explains most crashes, and a torn
	 * snapshot keeps it.  Room stays kept for the root-cause records.
	 */
	triage_region_keep(triage_root_reserve());
	if (triage_section(TRIAGE_SECT_LOG))
		log = triage_capture_log(ctx, &log_len);
	triage_region_keep(0);
	if (triage_section(TRIAGE_SECT_CRASH)) {
		triage_capture_crash(ctx, log, log_len);
		triage_capture_backtrace(ctx);
	}
	/* No records: who runs where, the top users, the blocked tasks. */
	triage_memory_begin();
	triage_cpus_begin();
	if (triage_section(TRIAGE_SECT_WALK))
		triage_walk_tasks(ctx);
	if (triage_section(TRIAGE_SECT_LOCKUP))
		triage_capture_lockup_rec(ctx);
	if (triage_section(TRIAGE_SECT_CPUS))
		triage_capture_cpus(ctx, ctx->stuck_cpu);
	/* Small fixed records: written even past the deadline. */
	triage_section(TRIAGE_SECT_SYSTEM);
	triage_capture_system(ctx);
	triage_capture_sysctl(ctx);
	triage_section(TRIAGE_SECT_MEMORY);
	triage_capture_memory(ctx);
	if (triage_section(TRIAGE_SECT_MODULES))
		triage_capture_modules(ctx);
	if (triage_section(TRIAGE_SECT_OWNERS))
		triage_capture_tasks(ctx);
	triage_section(TRIAGE_SECT_TASKS);
	triage_capture_tasks_summary(ctx);
	if (ctx->hook == TRIAGE_HOOK_PANIC)
		triage_note(TRIAGE_NOTE_INFO,
			    "captured by the panic notifier (crash_kexec_post_notifiers=%d)",
			    triage_post_notifiers());
	triage_section(TRIAGE_SECT_DONE);
	triage_note_section_times();
	if (READ_ONCE(triage_expired))
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "time budget of %u ms ran out: sections after it were cut or skipped",
			    triage_budget_ms);
	triage_region_commit(ctx->start_ns, triage_now_ns() - ctx->start_ns);
}

/*
 * Start @ctx's clock and take the guard for this CPU.  Return: false when a
 * capture was taken already or is running (another CPU, or a nested crash
 * inside this one): then nothing is captured and kexec goes on.  A crash
 * hook on another CPU first waits for a running capture to commit.
 */
static bool triage_begin(struct triage_ctx *ctx)
{
	int self = raw_smp_processor_id(), tries;

	for (tries = 0; ; tries++) {
		/* The running capture ends by its deadline: a budget from now. */
		u64 until = triage_now_ns() + triage_budget_ms * NSEC_PER_MSEC +
			    TRIAGE_WAIT_SLACK_NS;
		unsigned long spins = 0;

		int o = atomic_cmpxchg(&triage_owner, TRIAGE_NO_OWNER,
				       self | TRIAGE_BUSY);

		if (o == TRIAGE_NO_OWNER)
			break;
		if (tries || ctx->hook == TRIAGE_HOOK_MANUAL ||
		    (o & TRIAGE_CPU_MASK) == self)
			return false;
		/*
		 * Another CPU captures: wait for its commit, bounded twice (by
		 * the clock and by a count).  If it was a manual capture, it
		 * released the guard and this crash is captured after all.
		 */
		while (triage_owner_busy() && triage_now_ns() < until &&
		       ++spins < (1UL << 32))
			cpu_relax();
	}
	ctx->start_ns = triage_now_ns();
	ctx->deadline_ns = ctx->start_ns + triage_budget_ms * NSEC_PER_MSEC;
	triage_cur_hook = ctx->hook;
	triage_cur_section = TRIAGE_SECT_NONE;
	WRITE_ONCE(triage_expired, false);
	WRITE_ONCE(triage_deadline_ns, ctx->deadline_ns);
	return true;
}

/* The capture body ran to its commit: not busy any more. */
static void triage_end(void)
{
	atomic_set(&triage_owner, raw_smp_processor_id());
	triage_watchdog_touch();
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
	triage_end();
	/* The guard stays taken: a crash is captured once. */
}

/**
 * triage_capture_lockup() - take the snapshot of a CPU hung with IRQs off
 * @stuck_cpu: the CPU whose heartbeat stopped
 * @stuck_ns: for how long
 * @regs: the stuck CPU's registers when it captures itself from NMI
 *	(@stuck_cpu is this CPU), else NULL
 * @keep_guard: the machine panics next: keep the guard (one shot);
 *	otherwise release it, as a manual capture does
 *
 * Called by the watchdog: on a healthy CPU in hard-irq context, or on the
 * stuck CPU itself from a pseudo-NMI (arm64).
 *
 * Return: true when a snapshot was taken.
 */
bool triage_capture_lockup(int stuck_cpu, u64 stuck_ns, struct pt_regs *regs,
			   bool keep_guard)
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
		return false;
	snprintf(msg, sizeof(msg),
		 "triage: hard LOCKUP: CPU %d stuck with interrupts off for %llu ms",
		 stuck_cpu, div_u64(stuck_ns, NSEC_PER_MSEC));
	triage_capture_body(&ctx);
	triage_end();
	if (!keep_guard)
		atomic_set(&triage_owner, TRIAGE_NO_OWNER);
	return true;
}

/**
 * triage_capture_release() - let a later crash be captured after all
 *
 * For a watchdog capture that kept the guard to panic next, and then found
 * the stall was not one.
 */
void triage_capture_release(void)
{
	if (!triage_owner_busy())
		atomic_set(&triage_owner, TRIAGE_NO_OWNER);
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
	triage_end();
	atomic_set(&triage_owner, TRIAGE_NO_OWNER);
	local_irq_restore(flags);
	return 0;
}
