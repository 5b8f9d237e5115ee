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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
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
	if (atomic_xchg(&triage_wd_fired, 1))
		return;
	triage_capture_lockup(cpu, now - beat, regs);
	panic("triage: hard LOCKUP: CPU %d stuck with interrupts off for %llu ms",
	      cpu, div_u64(now - beat, NSEC_PER_MSEC));
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

static enum hrtimer_restart triage_wd_tick(struct hrtimer *timer)
{
	int cpu = smp_processor_id(), buddy;
	u64 now = triage_now_ns(), mine, theirs;

	mine = __this_cpu_read(triage_wd_beat);
	__this_cpu_write(triage_wd_beat, now);
	hrtimer_forward_now(timer, ns_to_ktime(triage_wd_period_ns));

	/*
	 * If this CPU's own timer was late by half the threshold, the whole
	 * machine stalled (suspend, a paused VM): nobody is to blame.
	 */
	if (!mine || now - mine > triage_wd_threshold_ns / 2)
		return HRTIMER_RESTART;
	buddy = triage_wd_buddy(cpu);
	if (buddy == cpu || buddy >= nr_cpu_ids)
		return HRTIMER_RESTART;
	theirs = READ_ONCE(per_cpu(triage_wd_beat, buddy));
	if (!theirs || now <= theirs || now - theirs <= triage_wd_threshold_ns)
		return HRTIMER_RESTART;
	if (triage_wd_self_watched(buddy) &&
	    now - theirs <= triage_wd_threshold_ns + 2 * triage_wd_period_ns)
		return HRTIMER_RESTART;
	if (atomic_xchg(&triage_wd_fired, 1))
		return HRTIMER_RESTART;

	triage_capture_lockup(buddy, now - theirs, NULL);
	panic("triage: hard LOCKUP: CPU %d stuck with interrupts off for %llu ms",
	      buddy, div_u64(now - theirs, NSEC_PER_MSEC));
	return HRTIMER_NORESTART;
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
	return 0;
}

void triage_watchdog_exit(void)
{
	if (triage_wd_state)
		cpuhp_remove_state(triage_wd_state);
	triage_wd_state = 0;
}
