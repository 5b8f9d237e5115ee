// SPDX-License-Identifier: GPL-2.0
/*
 * triage_watchdog.c - notice a CPU that hangs with interrupts off, capture
 * it, and panic so that kdump runs.
 *
 * A CPU spinning with IRQs off never panics by itself: its own soft- and
 * hard-lockup detectors need its interrupts (or a PMU NMI, which TCG and
 * many boards lack), and the hung-task and RCU-stall detectors are kthreads
 * stranded on its run queue.  So every CPU runs a pinned hard-irq hrtimer
 * that stamps a heartbeat and checks its buddy's (the next CPU's): a buddy
 * whose heartbeat is older than watchdog_ms is stuck with IRQs off.  The
 * checker then captures (on x86 the NMI round reaches into the stuck CPU for
 * its exact registers) and panics.  No kthread, workqueue or RCU callback is
 * in that path: they could be queued on the dead CPU.
 *
 * arm64 with pseudo-NMI (GICv3, CONFIG_ARM64_PSEUDO_NMI, booted with
 * irqchip.gicv3_pseudo_nmi=1): the arm PMU driver requests its overflow
 * interrupt as an NMI, so each CPU also runs a perf cycle counter whose
 * overflow checks the CPU's own heartbeat.  A stuck CPU then captures itself
 * from NMI context, with its exact registers, and panics there, so that kdump
 * gets every CPU's registers.  The buddy waits two more periods for it.  On
 * GICv2 (Raspberry Pi 4) and on Debian's kernels, which lack the option,
 * only the buddy scheme runs.
 *
 * False positives are what would make an SRE unload this, so a stall is
 * acted on only when it is confirmed: the stuck CPU's beat must be stale
 * at two checks a period apart, the checker's own ticks regular (a paused
 * VM or a suspend stalls every CPU: nobody is to blame), no capture running
 * on it (a capture keeps IRQs off for up to budget_ms), and on x86 its NMI
 * sample must not show IRQs on.  touch_nmi_watchdog() and
 * touch_softlockup_watchdog() callers (long IRQs-off work the kernel knows
 * about: slow consoles, sysrq-t, kgdb) count as beats: both end in
 * touch_softlockup_watchdog(), which a kprobe watches, as does
 * touch_all_softlockup_watchdogs().  What is done then is watchdog_action:
 * panic (capture, then panic into kdump: the default, since a CPU spinning
 * with IRQs off never comes back and takes the machine with it), capture
 * (keep the snapshot, say so, go on) or warn (say so only).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include <linux/perf_event.h>
#include "triage.h"

#if defined(CONFIG_ARM64_PSEUDO_NMI) && defined(CONFIG_HW_PERF_EVENTS)
#define TRIAGE_WD_NMI 1
#include <asm/cpufeature.h>
#endif

static DEFINE_PER_CPU(struct hrtimer, triage_wd_timer);
static DEFINE_PER_CPU(u64, triage_wd_beat);
/* The buddy's beat this CPU found stale at its last check (to confirm). */
static DEFINE_PER_CPU(u64, triage_wd_suspect);
/* The buddy's beat it last acted on (one report per stall). */
static DEFINE_PER_CPU(u64, triage_wd_reported);
/* When touch_all_softlockup_watchdogs() last ran. */
static u64 triage_wd_touch_all;
static bool triage_wd_touch_armed, triage_wd_touch_all_armed;
enum triage_wd_action triage_watchdog_action = TRIAGE_WD_PANIC;

static void triage_wd_act(int stuck, u64 stuck_ns, struct pt_regs *regs);
static struct cpumask triage_wd_cpus;
static atomic_t triage_wd_fired = ATOMIC_INIT(0);
static enum cpuhp_state triage_wd_state;
static u64 triage_wd_period_ns;
static u64 triage_wd_threshold_ns;

#ifdef TRIAGE_WD_NMI
static DEFINE_PER_CPU(struct perf_event *, triage_wd_event);
static DEFINE_PER_CPU(u64, triage_wd_nmi_last);
static bool triage_wd_nmi_warned;

/*
 * The perf overflow handler.  In NMI context when the PMU interrupt is a
 * pseudo-NMI and it hit an IRQs-off section; an overflow taken as an
 * ordinary interrupt proves the CPU is not stuck with IRQs off.
 */
static void triage_wd_overflow(struct perf_event *event,
			       struct perf_sample_data *data,
			       struct pt_regs *regs)
{
	u64 now = triage_now_ns(), last, beat;
	int cpu = smp_processor_id();

	/* As kernel/watchdog_hld.c does: perf must never throttle it. */
	event->hw.interrupts = 0;
	last = __this_cpu_read(triage_wd_nmi_last);
	__this_cpu_write(triage_wd_nmi_last, now);
	if (!in_nmi())
		return;
	/* The first overflow after a whole-machine stall proves nothing. */
	if (!last || now - last > triage_wd_threshold_ns / 2)
		return;
	beat = __this_cpu_read(triage_wd_beat);
	if (!beat || now <= beat || now - beat <= triage_wd_threshold_ns)
		return;
	if (triage_capturing() == cpu || READ_ONCE(triage_wd_touch_all) > beat)
		return;
	triage_wd_act(cpu, now - beat, regs);
}

/* Runs on @cpu, in process context (cpuhp online callback). */
static void triage_wd_nmi_start(unsigned int cpu)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_HARDWARE,
		.config = PERF_COUNT_HW_CPU_CYCLES,
		.size = sizeof(attr),
		.pinned = 1,
		/*
		 * The clock rate is unknown here: one cycle per ns makes an
		 * overflow every period at 1 GHz (QEMU's PMU), sooner on
		 * faster CPUs; an idle CPU in WFI counts no cycles at all.
		 */
		.sample_period = triage_wd_period_ns,
	};
	struct perf_event *ev;

	if (!system_uses_irq_prio_masking())
		return;
	ev = perf_event_create_kernel_counter(&attr, cpu, NULL,
					      triage_wd_overflow, NULL);
	if (IS_ERR(ev)) {
		if (!xchg(&triage_wd_nmi_warned, true))
			pr_warn("no PMU cycle counter on CPU %u (%ld): IRQ-off hangs are captured by a buddy CPU, without NMI\n",
				cpu, PTR_ERR(ev));
		return;
	}
	this_cpu_write(triage_wd_nmi_last, 0);
	this_cpu_write(triage_wd_event, ev);
}

static void triage_wd_nmi_stop(void)
{
	struct perf_event *ev = this_cpu_read(triage_wd_event);

	this_cpu_write(triage_wd_event, NULL);
	if (ev)
		perf_event_release_kernel(ev);
}

/* Does @cpu watch itself from NMI?  Then its buddy gives it the first go. */
static bool triage_wd_self_watched(int cpu)
{
	return READ_ONCE(per_cpu(triage_wd_event, cpu));
}
#else
static void triage_wd_nmi_start(unsigned int cpu)
{
}

static void triage_wd_nmi_stop(void)
{
}

static bool triage_wd_self_watched(int cpu)
{
	return false;
}
#endif

static int triage_wd_buddy(int cpu)
{
	int buddy = cpumask_next(cpu, &triage_wd_cpus);

	if (buddy >= nr_cpu_ids)
		buddy = cpumask_first(&triage_wd_cpus);
	return buddy;
}

/*
 * A confirmed stall of @stuck for @stuck_ns: do what watchdog_action says.
 * @regs: @stuck's registers when it is this CPU (pseudo-NMI), else NULL.
 * Runs in hard-irq or NMI context.
 */
static void triage_wd_act(int stuck, u64 stuck_ns, struct pt_regs *regs)
{
	unsigned long ms = div_u64(stuck_ns, NSEC_PER_MSEC);
	const struct pt_regs *seen;
	bool panic_next = triage_watchdog_action == TRIAGE_WD_PANIC;

	if (triage_watchdog_action == TRIAGE_WD_WARN) {
		pr_warn("CPU %d has had interrupts off for %lu ms (watchdog_action=warn: no capture)\n",
			stuck, ms);
		return;
	}
	if (atomic_xchg(&triage_wd_fired, 1))
		return;
	if (!triage_capture_lockup(stuck, stuck_ns, regs, panic_next)) {
		atomic_set(&triage_wd_fired, 0);
		return;		/* a capture (a crash) is running already */
	}
	/* x86: the stuck CPU answered our NMI with IRQs on: not an IRQ-off hang. */
	seen = regs ? NULL : triage_cpu_regs(stuck);
	if (seen && !triage_regs_irqs_off(seen)) {
		pr_warn("CPU %d missed its heartbeats for %lu ms but its NMI sample shows interrupts on: not acted on (snapshot in debugfs triage/region)\n",
			stuck, ms);
		if (panic_next)
			triage_capture_release();
		atomic_set(&triage_wd_fired, 0);
		return;
	}
	if (!panic_next) {
		pr_emerg("hard LOCKUP: CPU %d stuck with interrupts off for %lu ms: captured (watchdog_action=capture, debugfs triage/region); not panicking\n",
			 stuck, ms);
		atomic_set(&triage_wd_fired, 0);
		return;
	}
	panic("triage: hard LOCKUP: CPU %d stuck with interrupts off for %lu ms",
	      stuck, ms);
}

static enum hrtimer_restart triage_wd_tick(struct hrtimer *timer)
{
	int cpu = smp_processor_id(), buddy;
	u64 now = triage_now_ns(), mine, theirs, suspect;

	mine = __this_cpu_read(triage_wd_beat);
	__this_cpu_write(triage_wd_beat, now);
	hrtimer_forward_now(timer, ns_to_ktime(triage_wd_period_ns));

	/*
	 * If this CPU's own timer was late by half the threshold, the whole
	 * machine stalled (suspend, a paused VM): nobody is to blame, and
	 * nothing seen so far is confirmed.
	 */
	suspect = __this_cpu_read(triage_wd_suspect);
	__this_cpu_write(triage_wd_suspect, 0);
	if (!mine || now - mine > triage_wd_threshold_ns / 2)
		return HRTIMER_RESTART;
	buddy = triage_wd_buddy(cpu);
	if (buddy == cpu || buddy >= nr_cpu_ids)
		return HRTIMER_RESTART;
	theirs = READ_ONCE(per_cpu(triage_wd_beat, buddy));
	if (!theirs || now <= theirs || now - theirs <= triage_wd_threshold_ns)
		return HRTIMER_RESTART;
	if (READ_ONCE(triage_wd_touch_all) > theirs ||
	    triage_capturing() == buddy ||
	    theirs == __this_cpu_read(triage_wd_reported))
		return HRTIMER_RESTART;
	if (triage_wd_self_watched(buddy) &&
	    now - theirs <= triage_wd_threshold_ns + 2 * triage_wd_period_ns)
		return HRTIMER_RESTART;
	/* Stale at two checks a period apart, with the same beat: confirmed. */
	if (suspect != theirs) {
		__this_cpu_write(triage_wd_suspect, theirs);
		return HRTIMER_RESTART;
	}
	__this_cpu_write(triage_wd_reported, theirs);
	triage_wd_act(buddy, now - theirs, NULL);
	return HRTIMER_RESTART;
}

/*
 * touch_nmi_watchdog() and touch_softlockup_watchdog(): the kernel knows this
 * CPU is busy with IRQs off and says it is alive.  A kprobe pre-handler:
 * any context, this CPU only.
 */
static int triage_wd_touch_pre(struct kprobe *p, struct pt_regs *regs)
{
	if (__this_cpu_read(triage_wd_beat))
		__this_cpu_write(triage_wd_beat, triage_now_ns());
	return 0;
}

static int triage_wd_touch_all_pre(struct kprobe *p, struct pt_regs *regs)
{
	WRITE_ONCE(triage_wd_touch_all, triage_now_ns());
	return 0;
}

static struct kprobe triage_wd_touch_kp = {
	.symbol_name = "touch_softlockup_watchdog",
	.pre_handler = triage_wd_touch_pre,
};

static struct kprobe triage_wd_touch_all_kp = {
	.symbol_name = "touch_all_softlockup_watchdogs",
	.pre_handler = triage_wd_touch_all_pre,
};

/**
 * triage_watchdog_touch() - this CPU is alive (a capture just ended)
 */
void triage_watchdog_touch(void)
{
	if (this_cpu_read(triage_wd_beat))
		this_cpu_write(triage_wd_beat, triage_now_ns());
}

/* cpuhp callbacks run on the CPU concerned. */
static int triage_wd_online(unsigned int cpu)
{
	struct hrtimer *t = this_cpu_ptr(&triage_wd_timer);

	/*
	 * A first beat now: a CPU that hangs before its first tick must still
	 * look stale to its buddy.
	 */
	__this_cpu_write(triage_wd_beat, triage_now_ns());
	hrtimer_init(t, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	t->function = triage_wd_tick;
	cpumask_set_cpu(cpu, &triage_wd_cpus);
	hrtimer_start(t, ns_to_ktime(triage_wd_period_ns),
		      HRTIMER_MODE_REL_PINNED_HARD);
	triage_wd_nmi_start(cpu);
	return 0;
}

static int triage_wd_offline(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &triage_wd_cpus);
	triage_wd_nmi_stop();
	hrtimer_cancel(this_cpu_ptr(&triage_wd_timer));
	/* Its buddy must not read an old beat as a stuck CPU. */
	__this_cpu_write(triage_wd_beat, 0);
	return 0;
}

/**
 * triage_watchdog_init() - start the heartbeats
 * @threshold_ms: a heartbeat older than this is a hang; 0 disables
 *
 * Return: 0, or a negative errno from the CPU hotplug machinery.
 */
int triage_watchdog_init(unsigned int threshold_ms)
{
	int ret;

	if (!threshold_ms)
		return 0;
	triage_wd_threshold_ns = (u64)threshold_ms * NSEC_PER_MSEC;
	triage_wd_period_ns = triage_wd_threshold_ns / 5;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "triage/watchdog:online",
				triage_wd_online, triage_wd_offline);
	if (ret < 0)
		return ret;
	triage_wd_state = ret;
	triage_wd_touch_armed = register_kprobe(&triage_wd_touch_kp) >= 0;
	triage_wd_touch_all_armed =
		register_kprobe(&triage_wd_touch_all_kp) >= 0;
	if (!triage_wd_touch_armed)
		pr_warn("cannot probe touch_softlockup_watchdog: touch_nmi_watchdog() is not honoured, long IRQs-off work may be taken for a hang\n");
	return 0;
}

void triage_watchdog_exit(void)
{
	if (triage_wd_touch_armed)
		unregister_kprobe(&triage_wd_touch_kp);
	if (triage_wd_touch_all_armed)
		unregister_kprobe(&triage_wd_touch_all_kp);
	triage_wd_touch_armed = false;
	triage_wd_touch_all_armed = false;
	if (triage_wd_state)
		cpuhp_remove_state(triage_wd_state);
	triage_wd_state = 0;
}
