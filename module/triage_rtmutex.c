// SPDX-License-Identifier: GPL-2.0
/*
 * triage_rtmutex.c - what a task blocked on an rt_mutex waits on, exactly.
 *
 * A task that blocks on an rt_mutex points at its waiter through
 * task->pi_blocked_on (set under the lock's wait_lock before it sleeps,
 * cleared after it wakes: kernel/locking/rtmutex.c, task_blocks_on_rt_mutex()
 * and remove_waiter()), and the waiter names the lock; the lock names its
 * owner (rt_mutex_base.owner, bit 0 RT_MUTEX_HAS_WAITERS).  Nothing here is
 * a guess.  On generic kernels that covers rt_mutex proper (PI futexes, RCU
 * boosting, i2c); on PREEMPT_RT kernels also mutex, rw_semaphore, spinlock_t
 * and rwlock_t, which are built on struct rt_mutex_base there
 * (include/linux/mutex_types.h, rwbase_rt.h, spinlock_types.h, v5.15+).
 *
 * struct rt_mutex_waiter is private (kernel/locking/rtmutex_common.h) and
 * changed size in v6.6 (commit f7853c34241807bb, "locking/rtmutex: Add a
 * separate rt_waiter_node"); in every version its task pointer is directly
 * followed by its lock pointer.  So the waiter is searched for the word
 * that points at the blocked task, and the next word is the lock.
 *
 * Two PREEMPT_RT waits have no pi_blocked_on, a writer waiting for the
 * readers to leave and a task re-taking a lock it holds (see
 * triage_rt_owned_wait()): both are found by a bounded stack scan for a lock
 * whose rt_mutex the sleeper owns, and flagged heuristic.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/rtmutex.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_PREEMPT_RT
#include <linux/rwbase_rt.h>
#endif
#include "triage.h"

#define TRIAGE_RT_HAS_WAITERS	1UL	/* rtmutex.c: RT_MUTEX_HAS_WAITERS */
#define TRIAGE_RT_WAITER_WORDS	24	/* search this far for waiter.task */
#define TRIAGE_RT_HINT_FRAMES	16

/* What embeds the rt_mutex_base, from the functions on the stack. */
enum triage_rt_kind {
	TRIAGE_RT_PLAIN,	/* struct rt_mutex */
	TRIAGE_RT_MUTEX,	/* PREEMPT_RT struct mutex */
	TRIAGE_RT_RWSEM_READ,	/* PREEMPT_RT rw_semaphore, down_read() */
	TRIAGE_RT_RWSEM_WRITE,	/* PREEMPT_RT rw_semaphore, down_write() */
	TRIAGE_RT_SPIN,		/* PREEMPT_RT spinlock_t */
	TRIAGE_RT_RWLOCK,	/* PREEMPT_RT rwlock_t */
};

/**
 * struct triage_rt_hint - a function that says what embeds the rt_mutex
 * @name: function name, matched as a prefix of the frame's symbol
 * @kind: enum triage_rt_kind
 *
 * Ordered by precedence: the first name found anywhere in the innermost
 * frames wins (a rwlock_t waiter also has rwbase_read_lock on its stack).
 */
struct triage_rt_hint {
	const char *name;
	enum triage_rt_kind kind;
};

static const struct triage_rt_hint triage_rt_hints[] = {
	{ "rt_spin_lock", TRIAGE_RT_SPIN },
	{ "rtlock_slowlock", TRIAGE_RT_SPIN },
	{ "rt_read_lock", TRIAGE_RT_RWLOCK },
	{ "rt_write_lock", TRIAGE_RT_RWLOCK },
	{ "rwbase_write_lock", TRIAGE_RT_RWSEM_WRITE },
	{ "down_write", TRIAGE_RT_RWSEM_WRITE },
	{ "rwbase_read_lock", TRIAGE_RT_RWSEM_READ },
	{ "__rwbase_read_lock", TRIAGE_RT_RWSEM_READ },
	{ "down_read", TRIAGE_RT_RWSEM_READ },
	{ "mutex_lock", TRIAGE_RT_MUTEX },
	{ "__mutex_lock", TRIAGE_RT_MUTEX },
	{ "_mutex_lock", TRIAGE_RT_MUTEX },
};

static bool triage_rt_frame_is(const char *sym, const char *name)
{
	size_t len = strcspn(sym, "+."), nl = strlen(name);

	return len >= nl && !strncmp(sym, name, nl);
}

/*
 * Users of a plain struct rt_mutex.  On PREEMPT_RT, mutex_lock() can reach
 * rt_mutex_slowlock() by tail calls and leave no frame of its own (6.12):
 * there a wait with none of these on the stack is taken as a mutex, which
 * has the same layout as an rt_mutex.
 */
static const char * const triage_rt_plain_users[] = {
	"rt_mutex_lock", "rt_mutex_trylock", "rt_mutex_wait_proxy_lock",
	"rt_mutex_start_proxy_lock", "__rt_mutex_start_proxy_lock",
	"rcu_boost", "futex_", "i2c_",
};

static enum triage_rt_kind triage_rt_kind_of(const struct triage_frame *frames,
					     unsigned int nr)
{
	unsigned int i, k;

	if (nr > TRIAGE_RT_HINT_FRAMES)
		nr = TRIAGE_RT_HINT_FRAMES;
	for (k = 0; k < ARRAY_SIZE(triage_rt_hints); k++)
		for (i = 0; i < nr; i++)
			if (triage_rt_frame_is(frames[i].sym,
					       triage_rt_hints[k].name))
				return triage_rt_hints[k].kind;
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		return TRIAGE_RT_PLAIN;
	for (k = 0; k < ARRAY_SIZE(triage_rt_plain_users); k++)
		for (i = 0; i < nr; i++)
			if (triage_rt_frame_is(frames[i].sym,
					       triage_rt_plain_users[k]))
				return TRIAGE_RT_PLAIN;
	return TRIAGE_RT_MUTEX;
}

/*
 * Fill @w from the rt_mutex_base at @base, embedded as @kind says.
 * Return: false if this kernel has no such embedding.
 */
static bool triage_rt_describe(unsigned long base, enum triage_rt_kind kind,
			       struct triage_lock_ref *w)
{
	if (kind != TRIAGE_RT_PLAIN)
		w->flags |= TRIAGE_LOCK_F_RT_BASED;
	switch (kind) {
#ifdef CONFIG_PREEMPT_RT
	case TRIAGE_RT_MUTEX:
		w->type = TRIAGE_LOCK_MUTEX;
		w->addr = base - offsetof(struct mutex, rtmutex);
		return true;
	case TRIAGE_RT_RWSEM_READ:
	case TRIAGE_RT_RWSEM_WRITE:
		w->type = TRIAGE_LOCK_RWSEM;
		w->addr = base - offsetof(struct rw_semaphore, rwbase) -
			  offsetof(struct rwbase_rt, rtmutex);
		w->flags |= kind == TRIAGE_RT_RWSEM_READ ? TRIAGE_LOCK_F_READ :
							   TRIAGE_LOCK_F_WRITE;
		return true;
	case TRIAGE_RT_SPIN:
		w->type = TRIAGE_LOCK_SPINLOCK;
		w->addr = base - offsetof(spinlock_t, lock);
		return true;
	case TRIAGE_RT_RWLOCK:
		w->type = TRIAGE_LOCK_RWLOCK;
		w->addr = base - offsetof(rwlock_t, rwbase) -
			  offsetof(struct rwbase_rt, rtmutex);
		return true;
#endif
	case TRIAGE_RT_PLAIN:
		w->flags &= ~TRIAGE_LOCK_F_RT_BASED;
		w->type = TRIAGE_LOCK_RT_MUTEX;
		w->addr = base - offsetof(struct rt_mutex, rtmutex);
		return true;
	default:
		return false;
	}
}

/* The owner of the rt_mutex_base at @base: the word, and the task in it. */
static void triage_rt_owner(unsigned long base, struct triage_lock_ref *w)
{
	unsigned long word = 0;

	if (!triage_read_ulong(base + offsetof(struct rt_mutex_base, owner), &word))
		return;
	w->raw = word;
	triage_lock_set_owner(w, word & ~TRIAGE_RT_HAS_WAITERS);
	if (w->owner)
		w->flags |= TRIAGE_LOCK_F_WRITER_OWNED;
}

/* The lock @t's rt_mutex_waiter names, or 0. */
static unsigned long triage_rt_waiter_lock(struct task_struct *t,
					   unsigned long waiter)
{
	unsigned long word, lock, leftmost;
	unsigned int i;

	/* The waiter is a local of the sleeper (rt_mutex_slowlock()). */
	if (!triage_kaddr(waiter) || !triage_on_task_stack(t, waiter))
		return 0;
	for (i = 0; i < TRIAGE_RT_WAITER_WORDS; i++) {
		if (!triage_read_ulong(waiter + i * sizeof(long), &word))
			return 0;
		if (word != (unsigned long)t)
			continue;
		if (!triage_read_ulong(waiter + (i + 1) * sizeof(long), &lock) ||
		    !triage_kaddr(lock))
			return 0;
		/* Someone waits on it, so its waiter tree is not empty. */
		if (!triage_read_ulong(lock + offsetof(struct rt_mutex_base,
						    waiters.rb_leftmost),
				    &leftmost) || !leftmost)
			return 0;
		return lock;
	}
	return 0;
}

#ifdef CONFIG_PREEMPT_RT
#define TRIAGE_RT_SCAN_CHUNK	32	/* words read at a time */

/* Where the rt_mutex_base is inside a lock of @kind. */
static unsigned long triage_rt_base_off(enum triage_rt_kind kind)
{
	switch (kind) {
	case TRIAGE_RT_MUTEX:
		return offsetof(struct mutex, rtmutex);
	case TRIAGE_RT_RWSEM_READ:
	case TRIAGE_RT_RWSEM_WRITE:
		return offsetof(struct rw_semaphore, rwbase) +
		       offsetof(struct rwbase_rt, rtmutex);
	case TRIAGE_RT_SPIN:
		return offsetof(spinlock_t, lock);
	case TRIAGE_RT_RWLOCK:
		return offsetof(rwlock_t, rwbase) +
		       offsetof(struct rwbase_rt, rtmutex);
	default:
		return offsetof(struct rt_mutex, rtmutex);
	}
}

/* Does the rt_mutex_base at @base name @t as its owner? */
static bool triage_rt_owned_by(unsigned long base, struct task_struct *t)
{
	unsigned long owner;

	return triage_kaddr(base) &&
	       triage_read_ulong(base + offsetof(struct rt_mutex_base, owner),
			      &owner) &&
	       (owner & ~TRIAGE_RT_HAS_WAITERS) == (unsigned long)t;
}

/*
 * The rt_mutex_base, owned by @t, of a lock of @kind that @t's live stack
 * points at (the lock, or the rt_mutex_base inside it), innermost frame
 * first.  Return: its address, or 0.
 */
static unsigned long triage_rt_scan_owned(struct task_struct *t,
					  enum triage_rt_kind kind)
{
	unsigned long chunk[TRIAGE_RT_SCAN_CHUNK];
	unsigned long off = triage_rt_base_off(kind);
	unsigned long stack = 0, sp, a, end;
	unsigned int i, n;

	if (!triage_read_ulong((unsigned long)&t->stack, &stack) || !stack)
		return 0;
	sp = triage_task_saved_sp(t);
	if (sp < stack || sp >= stack + THREAD_SIZE)
		sp = stack;
	sp &= ~(sizeof(long) - 1);
	end = stack + THREAD_SIZE;
	for (a = sp; a < end; a += n * sizeof(long)) {
		if (triage_time_up())
			return 0;
		n = min_t(unsigned long, (end - a) / sizeof(long),
			  TRIAGE_RT_SCAN_CHUNK);
		if (copy_from_kernel_nofault(chunk, (void *)a, n * sizeof(long)))
			return 0;
		for (i = 0; i < n; i++) {
			/*
			 * Not a pointer into this very stack: frame pointers
			 * are, and a word 24 bytes above a frame record can be
			 * a spilled copy of the task pointer (seen on arm64).
			 */
			if (!triage_kaddr(chunk[i]) ||
			    (chunk[i] >= stack && chunk[i] < end))
				continue;
			if (triage_rt_owned_by(chunk[i] + off, t))
				return chunk[i] + off;
			if (off && triage_rt_owned_by(chunk[i], t))
				return chunk[i];
		}
	}
	return 0;
}

/*
 * Two waits on PREEMPT_RT leave pi_blocked_on empty, and in both the
 * sleeper owns the rt_mutex of the lock it waits on:
 *  - a writer in rwbase_write_lock() took the rt_mutex of the rw_semaphore
 *    (or rwlock_t) and sleeps until the readers leave;
 *  - a task that takes a lock it already holds: task_blocks_on_rt_mutex()
 *    returns -EDEADLK before it enqueues anything (its "Early deadlock
 *    detection", v5.15+); a spinlock_t or rwlock_t then sleeps for ever in
 *    rtlock_slowlock_locked(), which ignores the error, and a mutex or
 *    rw_semaphore in rt_mutex_handle_deadlock() after a WARN.
 * Found by a bounded scan of the stack; flagged heuristic.
 */
static bool triage_rt_owned_wait(struct task_struct *t,
				 const struct triage_frame *frames,
				 unsigned int nr, enum triage_rt_kind kind,
				 struct triage_lock_ref *w)
{
	bool writer = false, self = false;
	unsigned long base;
	unsigned int i;
	int readers;

	for (i = 0; i < nr && i < TRIAGE_RT_HINT_FRAMES; i++) {
		if (triage_rt_frame_is(frames[i].sym, "rwbase_write_lock"))
			writer = true;
		if (triage_rt_frame_is(frames[i].sym, "rt_mutex_handle_deadlock") ||
		    triage_rt_frame_is(frames[i].sym, "rtlock_slowlock"))
			self = true;
	}
	if (self)
		writer = false;
	if (!writer && !self)
		return false;
	base = triage_rt_scan_owned(t, kind);
	if (!base || !triage_rt_describe(base, kind, w))
		return false;
	w->flags |= TRIAGE_LOCK_F_HEURISTIC;
	if (self) {
		/* It holds it already: the owner is the sleeper itself. */
		triage_rt_owner(base, w);
		return true;
	}
	/* Readers leave no owner behind on PREEMPT_RT. */
	w->flags |= TRIAGE_LOCK_F_WRITE | TRIAGE_LOCK_F_READER_OWNED;
	w->flags &= ~TRIAGE_LOCK_F_READ;
	if (!get_kernel_nofault(readers, (int *)(base -
			offsetof(struct rwbase_rt, rtmutex) +
			offsetof(struct rwbase_rt, readers))))
		w->raw = (unsigned int)readers;
	w->owner_pid = -1;
	return true;
}
#endif

/**
 * triage_rt_find_wait() - the rt_mutex a blocked task waits on, if any
 * @t: the task (not running)
 * @frames: its backtrace, symbolized
 * @nr: frames in @frames
 * @w: filled in (type, address, owner, TRIAGE_LOCK_F_RT_WAITER) on success
 *
 * Return: true if @t waits on an rt_mutex (or, on PREEMPT_RT, a lock built on
 * one) and @w says which; false to let the caller look for other waits.
 */
bool triage_rt_find_wait(struct task_struct *t,
			 const struct triage_frame *frames, unsigned int nr,
			 struct triage_lock_ref *w)
{
	enum triage_rt_kind kind = triage_rt_kind_of(frames, nr);
	unsigned long waiter = 0, lock;

#ifdef CONFIG_RT_MUTEXES
	get_kernel_nofault(waiter, (unsigned long *)&t->pi_blocked_on);
#endif
	lock = waiter ? triage_rt_waiter_lock(t, waiter) : 0;
	if (lock) {
		if (!triage_rt_describe(lock, kind, w))
			triage_rt_describe(lock, TRIAGE_RT_PLAIN, w);
		w->flags |= TRIAGE_LOCK_F_RT_WAITER;
		triage_rt_owner(lock, w);
		return true;
	}
#ifdef CONFIG_PREEMPT_RT
	return triage_rt_owned_wait(t, frames, nr, kind, w);
#else
	return false;
#endif
}
