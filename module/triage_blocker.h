/* SPDX-License-Identifier: GPL-2.0 */
/*
 * triage_blocker.h - the lock a sleeping task waits on, as the kernel's own
 * hung-task detector records it in task_struct (v6.15+), and its decoding.
 *
 * Upstream, every version needing CONFIG_DETECT_HUNG_TASK_BLOCKER (default y
 * with DETECT_HUNG_TASK, never on PREEMPT_RT):
 *
 *   v6.15  3cf67d61ff98 ("hung_task: show the blocker task if the task is
 *          hung on mutex"): struct mutex *blocker_mutex in task_struct, set by
 *          __mutex_add_waiter(), cleared by __mutex_remove_waiter().
 *   v6.16  e711faaafbe5 ("hung_task: replace blocker_mutex with encoded
 *          blocker"): unsigned long blocker, the lock's address with the type
 *          in its low 2 bits (include/linux/hung_task.h, BLOCKER_TYPE_MASK
 *          0x3): 0 BLOCKER_TYPE_MUTEX, 1 BLOCKER_TYPE_SEM (set by __down_common()
 *          since 194a9b9e843b, "hung_task: show the blocker task if the task
 *          is hung on semaphore"); 2 BLOCKER_TYPE_RTMUTEX and 3
 *          BLOCKER_TYPE_RWSEM are defined there but never set.
 *   v6.17  77da18de55ac ("hung_task: extend hung task blocker tracking to
 *          rwsems"): 2 is BLOCKER_TYPE_RWSEM_READER, 3 BLOCKER_TYPE_RWSEM_WRITER,
 *          set by rwsem_down_{read,write}_slowpath() for TASK_UNINTERRUPTIBLE
 *          waits only.
 *   v6.18  c97513cddcfc ("hung_task: fix warnings caused by unaligned lock
 *          pointers", also in 6.17.y): a lock that is not 4-byte aligned is
 *          not recorded.  The encoding is unchanged up to the newest release.
 *
 * The decoding is a pure function here so that userspace unit tests
 * (tests/unit/test_blocker.c) can check every encoding.
 */
#ifndef TRIAGE_BLOCKER_H
#define TRIAGE_BLOCKER_H

#ifndef __KERNEL__
#include <stdbool.h>
#endif
#include "triage_format.h"

struct task_struct;

/* Which form of the field the kernel built against has (Kbuild probes). */
#define TRIAGE_BLOCKER_ABI_MUTEX	1	/* v6.15: struct mutex *blocker_mutex */
#define TRIAGE_BLOCKER_ABI_WORD		2	/* v6.16: blocker, mutex and semaphore */
#define TRIAGE_BLOCKER_ABI_RWSEM	3	/* v6.17+: blocker, rw_semaphore too */

/* include/linux/hung_task.h */
#define TRIAGE_BLOCKER_TYPE_MASK	0x3UL
#define TRIAGE_BLOCKER_MUTEX		0x0UL
#define TRIAGE_BLOCKER_SEM		0x1UL
#define TRIAGE_BLOCKER_RWSEM_READER	0x2UL	/* v6.17+ (v6.16: RTMUTEX, unused) */
#define TRIAGE_BLOCKER_RWSEM_WRITER	0x3UL	/* v6.17+ (v6.16: RWSEM, unused) */

/**
 * triage_blocker_decode() - what a task's blocker field says
 * @abi: TRIAGE_BLOCKER_ABI_* of the kernel the value was read from
 * @word: the field's value (for TRIAGE_BLOCKER_ABI_MUTEX the mutex pointer)
 * @type: set to TRIAGE_LOCK_MUTEX, TRIAGE_LOCK_SEMAPHORE or TRIAGE_LOCK_RWSEM
 * @flags: set to TRIAGE_LOCK_F_BLOCKER, with TRIAGE_LOCK_F_READ or
 *	TRIAGE_LOCK_F_WRITE for an rw_semaphore
 * @addr: set to the address of the lock
 *
 * Context: any; pure arithmetic, the caller reads the field and checks @addr.
 * Return: true when @word names a lock.  False (outputs untouched) for 0, the
 * task not sleeping on a lock the kernel tracks; for a type that kernel never
 * sets; for a misaligned mutex pointer; for an unknown @abi.
 */
static inline bool triage_blocker_decode(unsigned int abi, unsigned long word,
					 __u32 *type, __u32 *flags,
					 unsigned long *addr)
{
	unsigned long lock = word & ~TRIAGE_BLOCKER_TYPE_MASK;
	__u32 t, f = TRIAGE_LOCK_F_BLOCKER;

	if (!lock)
		return false;
	switch (abi) {
	case TRIAGE_BLOCKER_ABI_MUTEX:
		/* A plain pointer to a struct mutex: at least 4-byte aligned. */
		if (word & TRIAGE_BLOCKER_TYPE_MASK)
			return false;
		t = TRIAGE_LOCK_MUTEX;
		break;
	case TRIAGE_BLOCKER_ABI_WORD:
	case TRIAGE_BLOCKER_ABI_RWSEM:
		switch (word & TRIAGE_BLOCKER_TYPE_MASK) {
		case TRIAGE_BLOCKER_MUTEX:
			t = TRIAGE_LOCK_MUTEX;
			break;
		case TRIAGE_BLOCKER_SEM:
			t = TRIAGE_LOCK_SEMAPHORE;
			break;
		default:
			/* v6.16 defines 2 and 3 but never sets them. */
			if (abi != TRIAGE_BLOCKER_ABI_RWSEM)
				return false;
			t = TRIAGE_LOCK_RWSEM;
			f |= (word & TRIAGE_BLOCKER_TYPE_MASK) ==
			     TRIAGE_BLOCKER_RWSEM_READER ? TRIAGE_LOCK_F_READ :
			     TRIAGE_LOCK_F_WRITE;
			break;
		}
		break;
	default:
		return false;
	}
	*type = t;
	*flags = f;
	*addr = lock;
	return true;
}

#ifdef __KERNEL__
bool triage_blocker_find(struct task_struct *t, struct triage_lock_ref *w);
#endif

#endif /* TRIAGE_BLOCKER_H */
