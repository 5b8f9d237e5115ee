// SPDX-License-Identifier: GPL-2.0
/*
 * triage_locks.c - what a sleeping task waits on, and who holds it.
 *
 * Kernels before v6.15 do not record the lock a task sleeps on (v6.15 added
 * task->blocker).  But every sleeping lock queues a waiter that lives on the
 * sleeper's stack and names the sleeper: struct mutex_waiter, rwsem_waiter
 * and semaphore_waiter (a list_head, then the task), a wait_queue_entry
 * (private = the task, then the wake function, then the list_head), a
 * swait_queue (the task, then the list_head).  So: find a word on the
 * task's stack that points at the task, check that the list_head next to it
 * is linked into a ring, and walk the ring to the one node that is not a
 * waiter on some task's stack: the lock's own wait list.  The backtrace
 * (mutex_lock, rwsem_down_read_slowpath, percpu_rwsem_wait, ...) says which
 * layout to try first.  Everything is read with nofault accessors, and every
 * finding is flagged TRIAGE_LOCK_F_HEURISTIC.
 *
 * Layouts as of v6.1 and v6.12: kernel/locking/mutex.h, rwsem.c, semaphore.c
 * (waiter.task 16 bytes after waiter.list); include/linux/wait.h and
 * swait.h for the public ones.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/percpu-rwsem.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/task_stack.h>
#include <linux/semaphore.h>
#include <linux/string.h>
#include <linux/swait.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include "triage.h"
#include "triage_blocker.h"

/* Private lock-word bits (kernel/locking/mutex.c, rwsem.c; v6.1-v6.12). */
#define TRIAGE_MUTEX_FLAGS		0x07UL
#define TRIAGE_RWSEM_WRITER_LOCKED	(1UL << 0)
#define TRIAGE_RWSEM_READER_SHIFT	8
#define TRIAGE_RWSEM_OWNER_FLAGS	0x03UL
#define TRIAGE_RWSEM_READER_OWNED	(1UL << 0)

/* In the private waiter structs, the task pointer follows the list_head. */
#define TRIAGE_LIST_WAITER_TASK_OFF	((long)sizeof(struct list_head))

#define TRIAGE_RING_MAX		4096
#define TRIAGE_HINT_FRAMES	16

/**
 * struct triage_wait_layout - how one kind of waiter is laid out
 * @type: TRIAGE_LOCK_*
 * @task_off: offset of the waiter's task pointer from its list_head
 * @head_off: offset of the wait list head inside the lock
 */
struct triage_wait_layout {
	u32 type;
	long task_off;
	size_t head_off;
};

/*
 * On PREEMPT_RT, mutex and rw_semaphore are built on rt_mutex_base and have
 * no wait list: triage_rtmutex.c finds their waits.
 */
static const struct triage_wait_layout triage_layouts[] = {
#ifndef CONFIG_PREEMPT_RT
	{ TRIAGE_LOCK_MUTEX, TRIAGE_LIST_WAITER_TASK_OFF,
	  offsetof(struct mutex, wait_list) },
	{ TRIAGE_LOCK_RWSEM, TRIAGE_LIST_WAITER_TASK_OFF,
	  offsetof(struct rw_semaphore, wait_list) },
#endif
	{ TRIAGE_LOCK_SEMAPHORE, TRIAGE_LIST_WAITER_TASK_OFF,
	  offsetof(struct semaphore, wait_list) },
	{ TRIAGE_LOCK_PERCPU_RWSEM,
	  (long)offsetof(struct wait_queue_entry, private) -
	  (long)offsetof(struct wait_queue_entry, entry),
	  offsetof(struct percpu_rw_semaphore, waiters) +
	  offsetof(struct wait_queue_head, head) },
	{ TRIAGE_LOCK_COMPLETION,
	  (long)offsetof(struct swait_queue, task) -
	  (long)offsetof(struct swait_queue, task_list),
	  offsetof(struct completion, wait) +
	  offsetof(struct swait_queue_head, task_list) },
	{ TRIAGE_LOCK_WAITQUEUE,
	  (long)offsetof(struct wait_queue_entry, private) -
	  (long)offsetof(struct wait_queue_entry, entry),
	  offsetof(struct wait_queue_head, head) },
};

/**
 * struct triage_wait_hint - a function that says what kind of wait it is
 * @name: function name (a frame's symbol up to '+')
 * @prefix: match @name as a prefix
 * @type: TRIAGE_LOCK_*
 * @flags: TRIAGE_LOCK_F_READ / _WRITE
 */
struct triage_wait_hint {
	const char *name;
	bool prefix;
	u32 type;
	u32 flags;
};

static const struct triage_wait_hint triage_hints[] = {
	{ "rwsem_down_read_slowpath", false, TRIAGE_LOCK_RWSEM, TRIAGE_LOCK_F_READ },
	{ "rwsem_down_write_slowpath", false, TRIAGE_LOCK_RWSEM, TRIAGE_LOCK_F_WRITE },
	{ "__mutex_lock", true, TRIAGE_LOCK_MUTEX, 0 },
	{ "mutex_lock", true, TRIAGE_LOCK_MUTEX, 0 },
	{ "percpu_rwsem_wait", false, TRIAGE_LOCK_PERCPU_RWSEM, 0 },
	{ "__percpu_down_read", false, TRIAGE_LOCK_PERCPU_RWSEM, TRIAGE_LOCK_F_READ },
	{ "percpu_down_write", false, TRIAGE_LOCK_PERCPU_RWSEM, TRIAGE_LOCK_F_WRITE },
	{ "__down", true, TRIAGE_LOCK_SEMAPHORE, 0 },
	{ "wait_for_completion", true, TRIAGE_LOCK_COMPLETION, 0 },
	{ "__wait_for_common", false, TRIAGE_LOCK_COMPLETION, 0 },
	{ "wait_for_common", false, TRIAGE_LOCK_COMPLETION, 0 },
};

static const struct triage_wait_layout *triage_layout_of(u32 type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(triage_layouts); i++)
		if (triage_layouts[i].type == type)
			return &triage_layouts[i];
	return NULL;
}

/**
 * triage_read_ulong() - read a word at a kernel address, nofault
 * @addr: the address (checked with triage_kaddr() first)
 * @v: the word read
 *
 * Return: true if it could be read.
 */
bool triage_read_ulong(unsigned long addr, unsigned long *v)
{
	return triage_kaddr(addr) &&
	       !get_kernel_nofault(*v, (unsigned long *)addr);
}

/**
 * triage_on_task_stack() - is @addr inside the stack of task @t?
 * @t: a task (read nofault)
 * @addr: an address
 *
 * Return: true if @t's stack could be read and holds @addr.
 */
bool triage_on_task_stack(struct task_struct *t, unsigned long addr)
{
	unsigned long stack;

	if (!triage_read_ulong((unsigned long)t +
			       offsetof(struct task_struct, stack), &stack) ||
	    !stack)
		return false;
	return addr >= stack && addr < stack + THREAD_SIZE;
}

/*
 * The waiters' list nodes whose ring was walked in this capture, and the
 * head each ring led to.  200 tasks waiting on one mutex are one ring of
 * 200: walked from each waiter it costs 200 * 200 / 2 steps of five reads.
 * The longest blocked waiter, recorded first, is the first in the ring: its
 * walk passes every later one, and the head found is noted for each, so
 * that their own lookups are one probe.  Open addressing, emptied at the
 * start of each capture; under the capture guard.
 */
#define TRIAGE_RING_SEEN	512	/* a power of two */
#define TRIAGE_RING_PROBES	8

static struct triage_ring_seen {
	unsigned long node;	/* 0: empty */
	unsigned long head;
	long task_off;
} triage_ring_seen[TRIAGE_RING_SEEN];
/* The waiters passed by the walk under way. */
static unsigned long triage_ring_path[TRIAGE_RING_SEEN];

/**
 * triage_locks_begin() - forget the rings of the previous capture
 */
void triage_locks_begin(void)
{
	unsigned int i;

	for (i = 0; i < TRIAGE_RING_SEEN; i++)
		triage_ring_seen[i].node = 0;
}

/* @node's slot, or the free slot for it (@free); NULL for neither. */
static struct triage_ring_seen *triage_ring_slot(unsigned long node,
						 long task_off, bool free)
{
	unsigned int i, h = hash_long(node ^ task_off, ilog2(TRIAGE_RING_SEEN));
	struct triage_ring_seen *s;

	for (i = 0; i < TRIAGE_RING_PROBES; i++) {
		s = &triage_ring_seen[(h + i) & (TRIAGE_RING_SEEN - 1)];
		if (!s->node)
			return free ? s : NULL;
		if (s->node == node && s->task_off == task_off)
			return s;
	}
	return NULL;
}

/* Note that @head is where the ring from each of @nodes leads. */
static void triage_ring_note(const unsigned long *nodes, unsigned int nr,
			     long task_off, unsigned long head)
{
	struct triage_ring_seen *s;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		s = triage_ring_slot(nodes[i], task_off, true);
		if (!s)
			continue;
		s->node = nodes[i];
		s->head = head;
		s->task_off = task_off;
	}
}

/*
 * Walk the ring from a waiter's list node to the lock's wait-list head.
 * Return: the head, or 0 when the ring is broken or has no head.
 */
static unsigned long triage_ring_head(unsigned long node, long task_off)
{
	struct triage_ring_seen *seen = triage_ring_slot(node, task_off, false);
	unsigned long pos, back, t;
	unsigned int i, np = 0;

	if (seen)
		return seen->head;
	if (!triage_read_ulong(node, &pos))
		return 0;
	triage_ring_path[np++] = node;
	for (i = 0; i < TRIAGE_RING_MAX && pos != node; i++) {
		if (!(i & 63) && triage_time_up())
			return 0;
		/* A well-linked ring: pos->prev->next == pos. */
		if (!triage_read_ulong(pos + sizeof(void *), &back) ||
		    !triage_read_ulong(back, &back) || back != pos)
			return 0;
		if (!triage_read_ulong(pos + task_off, &t) || !triage_kaddr(t) ||
		    !triage_on_task_stack((struct task_struct *)t, pos)) {
			/* Not a waiter: the lock's head. */
			triage_ring_note(triage_ring_path, np, task_off, pos);
			return pos;
		}
		/* From a waiter passed here, the walk would end the same. */
		if (np < TRIAGE_RING_SEEN)
			triage_ring_path[np++] = pos;
		if (!triage_read_ulong(pos, &pos))
			return 0;
	}
	return 0;
}

/* The first frame names that say what kind of wait this is. */
static const struct triage_wait_hint *
triage_hint_of(const struct triage_frame *frames, unsigned int nr)
{
	unsigned int i, k;
	size_t len;

	for (i = 0; i < nr && i < TRIAGE_HINT_FRAMES; i++) {
		const char *sym = frames[i].sym;

		len = strcspn(sym, "+");
		for (k = 0; k < ARRAY_SIZE(triage_hints); k++) {
			const struct triage_wait_hint *h = &triage_hints[k];
			size_t hl = strlen(h->name);

			if (h->prefix ? len >= hl && !strncmp(sym, h->name, hl) :
			    len == hl && !strncmp(sym, h->name, hl))
				return h;
		}
	}
	return NULL;
}

#define TRIAGE_SCAN_HITS	32
#define TRIAGE_SCAN_CHUNK	256

/**
 * struct triage_stack_scan - where a sleeping task's live stack mentions it
 * @nr: valid entries of @hits
 * @hits: addresses of stack words equal to the task pointer
 * @chunk: the piece of stack being read
 */
struct triage_stack_scan {
	unsigned int nr;
	unsigned long hits[TRIAGE_SCAN_HITS];
	unsigned long chunk[TRIAGE_SCAN_CHUNK / sizeof(unsigned long)];
};

/* Under the capture guard: one scan at a time. */
static struct triage_stack_scan triage_scan;

/**
 * triage_task_saved_sp() - the stack pointer a sleeping task was switched out at
 * @t: the task (not running)
 *
 * Return: the saved stack pointer, or 0 where it is not known.
 */
unsigned long triage_task_saved_sp(struct task_struct *t)
{
	unsigned long sp = 0;

#if defined(CONFIG_X86_64)
	get_kernel_nofault(sp, &t->thread.sp);
#elif defined(CONFIG_ARM64)
	get_kernel_nofault(sp, &t->thread.cpu_context.sp);
#endif
	return sp;
}

/* Note every word of @t's live stack that points at @t, a chunk at a time. */
static bool triage_scan_stack(struct task_struct *t)
{
	unsigned long stack = 0, sp = triage_task_saved_sp(t), end, a, len;
	unsigned int i;

	triage_scan.nr = 0;
	if (!triage_read_ulong((unsigned long)&t->stack, &stack) || !stack)
		return false;
	if (sp < stack || sp >= stack + THREAD_SIZE)
		sp = stack;	/* no saved sp: scan it all */
	sp &= ~(sizeof(long) - 1);
	end = stack + THREAD_SIZE;
	for (a = sp; a < end && triage_scan.nr < TRIAGE_SCAN_HITS; a += len) {
		if (triage_time_up())
			return false;
		len = min_t(unsigned long, end - a, TRIAGE_SCAN_CHUNK);
		if (copy_from_kernel_nofault(triage_scan.chunk, (void *)a, len))
			return false;
		for (i = 0; i < len / sizeof(long) &&
			    triage_scan.nr < TRIAGE_SCAN_HITS; i++)
			if (triage_scan.chunk[i] == (unsigned long)t)
				triage_scan.hits[triage_scan.nr++] =
					a + i * sizeof(long);
	}
	return true;
}

/* Find a waiter of @layout for @t among the scan's hits; fill @w. */
static bool triage_try_layout(struct task_struct *t,
			      const struct triage_wait_layout *layout,
			      struct triage_lock_ref *w)
{
	unsigned long node, head;
	unsigned int i;

	for (i = 0; i < triage_scan.nr && !triage_time_up(); i++) {
		node = triage_scan.hits[i] - layout->task_off;
		head = triage_ring_head(node, layout->task_off);
		if (!head)
			continue;
		w->type = layout->type;
		w->addr = head - layout->head_off;
		w->flags |= TRIAGE_LOCK_F_HEURISTIC;
		if (layout->type == TRIAGE_LOCK_WAITQUEUE ||
		    layout->type == TRIAGE_LOCK_PERCPU_RWSEM) {
			unsigned long fn = 0, entry = node -
				offsetof(struct wait_queue_entry, entry);

			triage_read_ulong(entry +
					  offsetof(struct wait_queue_entry, func),
					  &fn);
			if (fn)
				triage_symbolize(fn, false, w->wait_fn,
						 sizeof(w->wait_fn));
			/* A percpu_rw_semaphore's waiters are a wait queue. */
			if (!strncmp(w->wait_fn, "percpu_rwsem_wake_function",
				     strlen("percpu_rwsem_wake_function"))) {
				w->type = TRIAGE_LOCK_PERCPU_RWSEM;
				w->addr = head -
					triage_layout_of(w->type)->head_off;
			} else if (layout->type == TRIAGE_LOCK_PERCPU_RWSEM) {
				continue;	/* some other wait queue */
			}
		}
		return true;
	}
	return false;
}

/*
 * "magic_mutex [smajdalf]", or "name+0x10 [mod]" inside a static object: the
 * "/size" part is dropped, kallsyms sizes of module data are not reliable.
 */
void triage_data_symbol(unsigned long addr, char *out, size_t len)
{
	char *slash, *plus;

	triage_symbolize(addr, false, out, len);
	if (!out[0]) {
		triage_module_data_name(addr, out, len);
		return;
	}
	plus = strstr(out, "+0x");
	slash = plus ? strchr(plus, '/') : NULL;
	if (!slash)
		return;
	if (!strncmp(plus, "+0x0/", 5))
		slash = plus;
	/* Keep " [module]", drop "+0x0" or "/0xsize". */
	memmove(slash, slash + strcspn(slash, " "), strlen(slash + strcspn(slash, " ")) + 1);
}

static s32 triage_task_pid(unsigned long t)
{
	pid_t pid;

	if (!triage_kaddr(t) ||
	    get_kernel_nofault(pid, &((struct task_struct *)t)->pid))
		return -1;
	return pid;
}

/**
 * triage_lock_set_owner() - name the owner of @w, if it is alive
 * @w: the lock
 * @owner: task_struct address from the lock word (0: none)
 *
 * The owner word names a task that may have exited since (a reader-owned
 * rwsem keeps the last reader as a hint): name it only if it is alive, else
 * flag TRIAGE_LOCK_F_OWNER_GONE.
 */
void triage_lock_set_owner(struct triage_lock_ref *w, unsigned long owner)
{
	w->owner = owner;
	w->owner_pid = -1;
	if (!owner)
		return;
	if (!triage_task_alive(owner)) {
		w->flags |= TRIAGE_LOCK_F_OWNER_GONE;
		return;
	}
	w->owner_pid = triage_task_pid(owner);
	if (w->owner_pid < 0)
		w->owner = 0;
}

/*
 * Is @owner younger than @waiter's wait?  A task that holds a lock existed
 * before anyone blocked on it.  An owner word (or a reader's hint) that names
 * a task started after the waiter last ran names a task_struct reused since
 * the real owner exited.  The waiter's sched_info.last_arrival is on the
 * scheduler clock, start_time on CLOCK_MONOTONIC: the two are compared
 * through their difference now.
 */
static bool triage_owner_newer(struct task_struct *waiter, unsigned long owner)
{
#ifdef CONFIG_SCHED_INFO
	u64 arrival = 0, start = 0;
	s64 offset = (s64)triage_now_ns() - (s64)local_clock();

	if (get_kernel_nofault(arrival, &waiter->sched_info.last_arrival) ||
	    !arrival ||
	    get_kernel_nofault(start, &((struct task_struct *)owner)->start_time))
		return false;
	return (s64)start > (s64)arrival + offset;
#else
	return false;
#endif
}

#ifndef CONFIG_PREEMPT_RT
/* A mutex or rw_semaphore with a wait list: who holds it, from its words. */
static void triage_list_lock_owner(struct triage_lock_ref *w)
{
	unsigned long word = 0, count = 0;

	if (w->type == TRIAGE_LOCK_MUTEX) {
		if (!triage_read_ulong(w->addr + offsetof(struct mutex, owner),
				       &word))
			return;
		w->raw = word;
		triage_lock_set_owner(w, word & ~TRIAGE_MUTEX_FLAGS);
		if (w->owner)
			w->flags |= TRIAGE_LOCK_F_WRITER_OWNED;
		return;
	}
	if (!triage_read_ulong(w->addr + offsetof(struct rw_semaphore, count),
			       &count) ||
	    !triage_read_ulong(w->addr + offsetof(struct rw_semaphore, owner),
			       &word))
		return;
	w->raw = count;
	if (count & TRIAGE_RWSEM_WRITER_LOCKED) {
		w->flags |= TRIAGE_LOCK_F_WRITER_OWNED;
		triage_lock_set_owner(w, word & ~TRIAGE_RWSEM_OWNER_FLAGS);
	} else if ((count >> TRIAGE_RWSEM_READER_SHIFT) &&
		   (word & TRIAGE_RWSEM_READER_OWNED)) {
		/* Only the last reader to take it is remembered. */
		w->flags |= TRIAGE_LOCK_F_READER_OWNED;
		triage_lock_set_owner(w, word & ~TRIAGE_RWSEM_OWNER_FLAGS);
	}
}
#endif

/* Who holds it, from the lock word. */
static void triage_lock_owner(struct triage_lock_ref *w)
{
	w->owner_pid = -1;
	switch (w->type) {
#ifndef CONFIG_PREEMPT_RT
	case TRIAGE_LOCK_MUTEX:
	case TRIAGE_LOCK_RWSEM:
		triage_list_lock_owner(w);
		break;
#endif
	case TRIAGE_LOCK_SEMAPHORE: {
		unsigned int sem_count = 0;

		get_kernel_nofault(sem_count, (unsigned int *)(w->addr +
				   offsetof(struct semaphore, count)));
		w->raw = sem_count;
		w->flags |= TRIAGE_LOCK_F_NO_OWNER;
		break;
	}
	default:
		w->flags |= TRIAGE_LOCK_F_NO_OWNER;
		break;
	}
}

static bool triage_read_string(unsigned long addr, char *out, size_t len)
{
	size_t i;
	char c;

	/* strncpy_from_kernel_nofault() is not exported: a byte at a time. */
	if (!triage_kaddr(addr) || !len)
		return false;
	for (i = 0; i + 1 < len; i++) {
		if (get_kernel_nofault(c, (char *)addr + i))
			return false;
		if (!c)
			break;
		if (c < 0x20 || c > 0x7e)
			return false;
		out[i] = c;
	}
	out[i] = '\0';
	return i > 0;
}

/* An rwsem that is some mm's mmap_lock: the mm's owner task has that mm. */
static bool triage_container_mm(struct triage_lock_ref *w)
{
#ifdef CONFIG_MEMCG
	unsigned long mm = w->addr - offsetof(struct mm_struct, mmap_lock);
	unsigned long owner, owner_mm;

	if (!triage_read_ulong(mm + offsetof(struct mm_struct, owner), &owner) ||
	    !triage_read_ulong(owner + offsetof(struct task_struct, mm),
			       &owner_mm) || owner_mm != mm)
		return false;
	w->container = TRIAGE_CONT_MM;
	w->container_addr = mm;
	w->container_pid = triage_task_pid(owner);
	{
		char comm[TASK_COMM_LEN] = "";

		copy_from_kernel_nofault(comm, ((struct task_struct *)owner)->comm,
					 sizeof(comm) - 1);
		comm[sizeof(comm) - 1] = '\0';
		snprintf(w->detail, sizeof(w->detail), "mm of pid %d (%s)",
			 w->container_pid, comm);
	}
	return true;
#else
	return false;
#endif
}

/* "vda1 (ext4)" for a super_block that looks like one. */
static bool triage_describe_sb(unsigned long sb, char *out, size_t len)
{
	char id[32], type[32];
	unsigned long s_type, name;

	if (!triage_read_string(sb + offsetof(struct super_block, s_id), id,
				sizeof(id)) ||
	    !triage_read_ulong(sb + offsetof(struct super_block, s_type),
			       &s_type) ||
	    !triage_read_ulong(s_type + offsetof(struct file_system_type, name),
			       &name) ||
	    !triage_read_string(name, type, sizeof(type)))
		return false;
	snprintf(out, len, "%s (%s)", id, type);
	return true;
}

/* A percpu_rw_semaphore that is one of a super_block's s_writers.rw_sem[]. */
static bool triage_container_sb(struct triage_lock_ref *w)
{
	unsigned int level;
	unsigned long sb;
	int frozen;

	for (level = 0; level < SB_FREEZE_LEVELS; level++) {
		sb = w->addr - offsetof(struct super_block, s_writers.rw_sem) -
		     level * sizeof(struct percpu_rw_semaphore);
		if (get_kernel_nofault(frozen, (int *)(sb +
				       offsetof(struct super_block,
						s_writers.frozen))) ||
		    frozen < 0 || frozen > SB_FREEZE_COMPLETE)
			continue;
		if (!triage_describe_sb(sb, w->detail, sizeof(w->detail)))
			continue;
		w->container = TRIAGE_CONT_SB_WRITERS;
		w->container_addr = sb;
		w->sb_frozen = frozen;
		w->level = level + 1;
		return true;
	}
	return false;
}

/* An rwsem that is an inode's i_rwsem, on a super_block that looks like one. */
static bool triage_container_inode(struct triage_lock_ref *w)
{
	unsigned long inode = w->addr - offsetof(struct inode, i_rwsem);
	unsigned long sb, ino;
	char sbname[64];

	if (!triage_read_ulong(inode + offsetof(struct inode, i_sb), &sb) ||
	    !triage_read_ulong(inode + offsetof(struct inode, i_ino), &ino) ||
	    !triage_describe_sb(sb, sbname, sizeof(sbname)))
		return false;
	w->container = TRIAGE_CONT_INODE;
	w->container_addr = inode;
	snprintf(w->detail, sizeof(w->detail), "inode %lu on %s", ino, sbname);
	return true;
}

static void triage_lock_container(struct triage_lock_ref *w)
{
	w->container_pid = -1;
	w->sb_frozen = -1;
	if (w->symbol[0])
		return;		/* a static lock: its symbol says it all */
	if (w->type == TRIAGE_LOCK_RWSEM) {
		if (!triage_container_mm(w))
			triage_container_inode(w);
	} else if (w->type == TRIAGE_LOCK_PERCPU_RWSEM)
		triage_container_sb(w);
}

/**
 * triage_find_wait() - what a sleeping task waits on
 * @t: the task (not running)
 * @frames: its backtrace, symbolized
 * @nr: frames in @frames
 * @w: filled in; type TRIAGE_LOCK_NONE when nothing was found
 * @blocked: @t is in D (or TASK_RTLOCK_WAIT); otherwise it is asleep in
 *	another state and only rt_mutex waits are looked for
 */
void triage_find_wait(struct task_struct *t, const struct triage_frame *frames,
		      unsigned int nr, struct triage_lock_ref *w, bool blocked)
{
	const struct triage_wait_hint *hint = triage_hint_of(frames, nr);
	unsigned int i;
	bool found = false;

	memset(w, 0, sizeof(*w));
	w->owner_pid = -1;
	w->container_pid = -1;
	w->sb_frozen = -1;
	/* An rt_mutex (every lock but raw ones on PREEMPT_RT): exact. */
	if (triage_rt_find_wait(t, frames, nr, w)) {
		triage_data_symbol(w->addr, w->symbol, sizeof(w->symbol));
		goto owner_known;
	}
	/* v6.15+: the lock a task sleeps on, recorded by the kernel. */
	if (triage_blocker_find(t, w))
		goto lock_found;
	/* Not blocked (an owner asleep in S): only the exact kinds above. */
	if (!blocked || !triage_scan_stack(t))
		return;
	if (hint && triage_layout_of(hint->type)) {
		found = triage_try_layout(t, triage_layout_of(hint->type), w);
		if (found)
			w->flags |= hint->flags;
	}
	/* No hint, or the hint's layout found nothing: try them all. */
	for (i = 0; i < ARRAY_SIZE(triage_layouts) && !found; i++)
		found = triage_try_layout(t, &triage_layouts[i], w);
	if (!found) {
		memset(w, 0, sizeof(*w));
		w->owner_pid = -1;
		w->container_pid = -1;
		w->sb_frozen = -1;
		return;
	}
lock_found:
	triage_data_symbol(w->addr, w->symbol, sizeof(w->symbol));
	triage_lock_owner(w);
owner_known:
	if (w->owner && !(w->flags & TRIAGE_LOCK_F_OWNER_GONE) &&
	    triage_owner_newer(t, w->owner)) {
		w->flags |= TRIAGE_LOCK_F_OWNER_GONE;
		w->owner_pid = -1;
	}
	triage_lock_container(w);
}
