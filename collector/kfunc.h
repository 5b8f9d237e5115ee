/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kfunc.h - what a kernel function is: the kernel's own machinery (panic,
 * traps, WARN, the scheduler, locks, interrupts, the checkers that report
 * someone else's bug) that is never the culprit of a crash, by class.
 *
 * Stage-neutral: no snapshot, verdict or log type.  The judge rules and
 * the log report parser skip frames by these classes instead of keeping
 * lists of their own.  A name is compared without its compiler clone
 * suffix ("__handle_sysrq.cold", "foo.constprop.0", "bar.isra.0").
 */
#ifndef TC_KFUNC_H
#define TC_KFUNC_H

#include <stdbool.h>
#include <stddef.h>

/* Classes are bits: kfunc_is() takes any union of them.  A function may
 * be in several (panic() is on the panic path and on the sleep path). */
enum kfunc_class {
	/* panic(), kexec, the stack dumpers and notifier chains */
	KF_PANIC	= 1u << 0,
	/* trap and die entry, the fault handlers, report_bug (x86, arm64) */
	KF_TRAP		= 1u << 1,
	/* WARN(): __warn and the trap frames that lead to it */
	KF_WARN		= 1u << 2,
	/* asleep in the scheduler or in a sleeping lock, and the
	 * might_sleep / scheduling-while-atomic reporters */
	KF_SLEEP	= 1u << 3,
	/* what a blocked task waits in: any lock, wait or sleep primitive
	 * (exact names and name prefixes; wider than KF_SLEEP) */
	KF_WAIT		= 1u << 4,
	/* waits that mean I/O (block layer, page and buffer locks, NFS) */
	KF_IO_WAIT	= 1u << 5,
	/* spinning on a spinlock or rwlock: the spinner is the caller */
	KF_SPIN		= 1u << 6,
	/* the pause of a spin loop (cpu_relax, rep_nop) */
	KF_CPU_RELAX	= 1u << 7,
	/* interrupt, NMI, timer and watchdog frames above interrupted code */
	KF_IRQ		= 1u << 8,
	/* waiting for other CPUs to answer an IPI */
	KF_IPI_WAIT	= 1u << 9,
	/* rt_mutex based locks (PREEMPT_RT mutexes and rwsems) */
	KF_RT_LOCK	= 1u << 10,
	/* the page allocator and the OOM killer */
	KF_ALLOC	= 1u << 11,
	/* kprobe and ftrace frames (names holding "kprobe" or "ftrace") */
	KF_TRACE	= 1u << 12,
	/* the kprobe handlers' entry (optprobes, aggregated probes) */
	KF_KPROBE_ENTRY	= 1u << 13,
	/* checkers: report machinery whose caller is the culprit (list and
	 * refcount debugging, usercopy hardening, KASAN, KFENCE, KMSAN,
	 * UBSAN, the stack protector, FORTIFY_SOURCE, bad page) */
	KF_CHECKER	= 1u << 14,
	/* where softirqs run: the softirq loop and its callers (an
	 * interrupt's exit, local_bh_enable, ksoftirqd) */
	KF_SOFTIRQ	= 1u << 15,
	/* a hard interrupt's entry and handler dispatch (x86 sysvecs,
	 * the generic IRQ layer, the arm64 GIC), IPIs, irq_work */
	KF_HARDIRQ	= 1u << 16,
	/* an NMI's entry and handler chain */
	KF_NMI		= 1u << 17,
	/* the softirq actions and the functions below them that say which
	 * softirq ran (run_timer_softirq, call_timer_fn, net_rx_action...) */
	KF_SOFTIRQ_ACTION = 1u << 18,
	/* lockdep's own frames (lock_acquire, validate_chain, ...) */
	KF_LOCKDEP	= 1u << 19,
	/* RCU's stall detector and the NMI backtrace that prints it */
	KF_RCU_STALL	= 1u << 20,
	/* slab and page allocation and freeing (kmalloc, kfree, ...) */
	KF_SLAB		= 1u << 21,
	/* the mem and str helpers (memcpy, strlen, ...): KASAN reports in
	 * them name their caller */
	KF_STRING	= 1u << 22,
	/* the bottom of every stack: syscall and exception entry, kthread
	 * and workqueue loops, the idle loop, boot */
	KF_ENTRY	= 1u << 23,
};

/* Is @func (a bare name, clone suffix or not) in any class of @classes? */
bool kfunc_is(const char *func, unsigned int classes);

/*
 * The label of the first list of @classes that has @func, or NULL: for
 * KF_CHECKER the kind of report ("list_corruption", "refcount",
 * "usercopy", "kasan", "stack_corruption", "fortify", "ubsan", "bad_page",
 * "slab_corruption", ...), for KF_SOFTIRQ_ACTION the softirq ("timer",
 * "net_rx", "tasklet", "rcu", ... as the kernel names them, lower case).
 */
const char *kfunc_label(const char *func, unsigned int classes);

/* "foo.constprop.0" -> "foo", into @out. */
void kfunc_base(const char *func, char *out, size_t size);

/* "func+0x1/0x2 [mod]" -> "func" and "mod" (either may come out empty;
 * @mod may be NULL). */
void sym_split(const char *sym, char *func, size_t func_size, char *mod,
	       size_t mod_size);

#endif /* TC_KFUNC_H */
