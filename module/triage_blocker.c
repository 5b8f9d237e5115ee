// SPDX-License-Identifier: GPL-2.0
/*
 * triage_blocker.c - what a sleeping task waits on, from task->blocker.
 *
 * Since v6.15 the kernel records in task_struct the lock a task sleeps on,
 * for its hung-task detector (CONFIG_DETECT_HUNG_TASK_BLOCKER): a mutex from
 * v6.15, a semaphore from v6.16, an rw_semaphore (read or write) from v6.17;
 * triage_blocker.h has the commits and the encoding of each release.  Where
 * the field exists that is exact, not a guess: the stack scan of
 * triage_locks.c is only the fallback.
 *
 * Which form the field has is found by Kbuild probes of the headers, not by
 * version: TRIAGE_HAVE_BLOCKER_MUTEX ("blocker_mutex" in linux/sched.h, v6.15),
 * TRIAGE_HAVE_BLOCKER_WORD ("BLOCKER_TYPE_MASK" in linux/hung_task.h, v6.16+)
 * and TRIAGE_HAVE_BLOCKER_RWSEM ("BLOCKER_TYPE_RWSEM_READER", v6.17+).  Without
 * them (Debian's 6.1 and 6.12) triage_blocker_find() is "return false".
 *
 * Capture-safe: one nofault read of the task, no lock, no allocation.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kconfig.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include "triage.h"
#include "triage_blocker.h"

#if IS_ENABLED(CONFIG_DETECT_HUNG_TASK_BLOCKER)
#if defined(TRIAGE_HAVE_BLOCKER_WORD) && defined(TRIAGE_HAVE_BLOCKER_RWSEM)
#define TRIAGE_BLOCKER_ABI	TRIAGE_BLOCKER_ABI_RWSEM
#elif defined(TRIAGE_HAVE_BLOCKER_WORD)
#define TRIAGE_BLOCKER_ABI	TRIAGE_BLOCKER_ABI_WORD
#elif defined(TRIAGE_HAVE_BLOCKER_MUTEX)
#define TRIAGE_BLOCKER_ABI	TRIAGE_BLOCKER_ABI_MUTEX
#endif
#endif

#ifdef TRIAGE_BLOCKER_ABI
/* The field, read nofault: @t may be stale or corrupt. */
static bool triage_blocker_read(struct task_struct *t, unsigned long *word)
{
	if (!triage_kaddr((unsigned long)t))
		return false;
#if TRIAGE_BLOCKER_ABI == TRIAGE_BLOCKER_ABI_MUTEX
	BUILD_BUG_ON(sizeof(t->blocker_mutex) != sizeof(*word));
	return !get_kernel_nofault(*word, (unsigned long *)&t->blocker_mutex);
#else
	return !get_kernel_nofault(*word, &t->blocker);
#endif
}
#endif

/**
 * triage_blocker_find() - the lock @t sleeps on, from its blocker field
 * @t: the task (not running)
 * @w: filled in on success: @type, @addr, and TRIAGE_LOCK_F_BLOCKER (with
 *	TRIAGE_LOCK_F_READ or TRIAGE_LOCK_F_WRITE for an rw_semaphore) or-ed
 *	into @flags; untouched otherwise
 *
 * The owner is not looked up: the caller does it from the lock word, as for
 * a lock the stack scan found.
 *
 * Context: any, panic and NMI too: one nofault read, no lock.
 * Return: true when the kernel has the field and it names a lock at a kernel
 * address; false otherwise (no field, not blocked on a tracked lock, bad
 * value), and the caller falls back to the stack scan.
 */
bool triage_blocker_find(struct task_struct *t, struct triage_lock_ref *w)
{
#ifdef TRIAGE_BLOCKER_ABI
	unsigned long word = 0, addr = 0;
	u32 type = 0, flags = 0;

	if (!triage_blocker_read(t, &word) ||
	    !triage_blocker_decode(TRIAGE_BLOCKER_ABI, word, &type, &flags,
				   &addr) ||
	    !triage_kaddr(addr))
		return false;
	w->type = type;
	w->addr = addr;
	w->flags |= flags;
	return true;
#else
	return false;
#endif
}
