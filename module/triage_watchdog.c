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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include "triage.h"

static DEFINE_PER_CPU(struct hrtimer, triage_wd_timer);
static DEFINE_PER_CPU(u64, triage_wd_beat);
static struct cpumask triage_wd_cpus;
static atomic_t triage_wd_fired = ATOMIC_INIT(0);
static enum cpuhp_state triage_wd_state;
static u64 triage_wd_period_ns;
static u64 triage_wd_threshold_ns;

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
	if (atomic_xchg(&triage_wd_fired, 1))
		return HRTIMER_RESTART;

	triage_capture_lockup(buddy, now - theirs);
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
	return 0;
}

static int triage_wd_offline(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &triage_wd_cpus);
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
