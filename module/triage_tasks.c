// SPDX-License-Identifier: GPL-2.0
/*
 * triage_tasks.c - walk every thread, then record the ones in D state with
 * what each waits on, each followed at once by the chain of lock owners
 * behind it (owner -> its own wait -> its owner ...), so that the collector
 * can follow blocked task -> lock -> owner into a chain or a cycle.
 *
 * The walk cannot take tasklist_lock or rely on RCU (we may be in panic or
 * NMI context), so every link and field is read with a nofault accessor and
 * every loop has a count bound and asks for the deadline: a corrupt task
 * list costs tasks, never the capture.  The walk itself writes no record: it
 * counts, notes who runs where and the largest memory users, and keeps the
 * D-state tasks; they are recorded later, longest blocked first, after the
 * records that carry the root cause, and capped, with a count of what was
 * left out.
 *
 * A lock owner is not reached through the walk: it is a pointer read from a
 * lock word, and for a reader-owned rwsem only a hint that may name a task
 * that has exited since.  It is recorded, and its stack unwound, only once
 * triage_task_alive() has checked it with nofault reads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_ARM64
#include <asm/pointer_auth.h>
#endif
#ifdef CONFIG_X86_64
#include <asm/unwind.h>
#endif
#include "triage.h"

#define TRIAGE_WALK_MAX		(4U << 20)	/* threads */
#define TRIAGE_PROC_MAX		(4U << 20)	/* processes */
#define TRIAGE_TASK_FRAMES	24
#define TRIAGE_CAND_MAX		512	/* D-state tasks kept by the walk */
#define TRIAGE_CHAIN_MAX	16	/* owners followed behind one task */
/* Room kept for the owners of a chain while its first task is written. */
#define TRIAGE_CHAIN_KEEP	(24U << 10)

/**
 * struct triage_cand - a D-state task the walk found
 * @t: the task
 * @since: khungtaskd's last_switch_time (jiffies), 0 if unknown
 */
struct triage_cand {
	struct task_struct *t;
	unsigned long since;
};

/**
 * struct triage_peek - what is read of a task, nofault
 * @state: __state
 * @flags: PF_* flags
 * @pid: pid
 * @tgid: tgid
 * @on_cpu: running on a CPU now
 * @cpu: the CPU it runs or last ran on
 * @comm: comm
 */
struct triage_peek {
	unsigned int state;
	unsigned int flags;
	pid_t pid;
	pid_t tgid;
	int on_cpu;
	unsigned int cpu;
	char comm[TASK_COMM_LEN];
};

/* Under the capture guard. */
static struct triage_cand triage_cands[TRIAGE_CAND_MAX];
static unsigned int triage_nr_cands;
static struct task_struct *triage_recorded[TRIAGE_MAX_TASKS];
static unsigned int triage_nr_recorded;
static unsigned int triage_nr_recorded_d;	/* of them in D state */
static unsigned long triage_task_addrs[TRIAGE_TASK_FRAMES];
static struct triage_rec_tasks triage_sum;
static u64 triage_walk_start;

/*
 * PREEMPT_RT: a task asleep on a spinlock_t or rwlock_t is in
 * TASK_RTLOCK_WAIT (v5.15, commit 5f220be21418 "sched/wakeup: Prepare for
 * RT sleeping spin/rwlocks"): as stuck as D, though khungtaskd never looks
 * at it.  The bit exists, unused, on other kernels.
 */
static bool triage_is_rtlock_wait(unsigned int state)
{
#ifdef CONFIG_PREEMPT_RT
	return state & TASK_RTLOCK_WAIT;
#else
	return false;
#endif
}

static bool triage_is_blocked(unsigned int state)
{
	/* TASK_IDLE is D that does not count as load: kworkers waiting. */
	return ((state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD)) ||
	       triage_is_rtlock_wait(state);
}

/* Read what the capture needs of @t; false when @t is not readable. */
static bool triage_task_peek(struct task_struct *t, struct triage_peek *p)
{
	if (!triage_kaddr((unsigned long)t) ||
	    get_kernel_nofault(p->state, &t->__state) ||
	    get_kernel_nofault(p->flags, &t->flags) ||
	    get_kernel_nofault(p->pid, &t->pid) ||
	    get_kernel_nofault(p->tgid, &t->tgid) ||
	    get_kernel_nofault(p->on_cpu, &t->on_cpu))
		return false;
	p->cpu = 0;
#ifdef CONFIG_THREAD_INFO_IN_TASK
	get_kernel_nofault(p->cpu, &task_thread_info(t)->cpu);
#endif
	if (copy_from_kernel_nofault(p->comm, t->comm, sizeof(p->comm) - 1))
		p->comm[0] = '\0';
	p->comm[sizeof(p->comm) - 1] = '\0';
	return true;
}

/* Are @node's neighbours linked back to it? */
static bool triage_linked(struct list_head *node)
{
	struct list_head *next, *prev, *back;

	return !get_kernel_nofault(next, &node->next) &&
	       triage_kaddr((unsigned long)next) &&
	       !get_kernel_nofault(back, &next->prev) && back == node &&
	       !get_kernel_nofault(prev, &node->prev) &&
	       triage_kaddr((unsigned long)prev) &&
	       !get_kernel_nofault(back, &prev->next) && back == node;
}

/**
 * triage_task_alive() - is @t a live task whose stack may be unwound?
 * @t: a task_struct address from somewhere other than the walk (a lock's
 *	owner word, a hint)
 *
 * task_struct has a slab cache of its own that is never merged (it has a
 * usercopy region), so the memory at @t is either a task or a free object.
 * A live one holds a reference, has not begun to exit, has its stack (it is
 * freed once a dead task last switched out), and is linked into its thread
 * group (release_task() unlinks it, leaving LIST_POISON2 behind).  All of it
 * is read nofault; with init_on_free a freed task reads as zeros.
 *
 * Return: true when all of that holds and both ends of its stack read.
 */
bool triage_task_alive(unsigned long t)
{
	struct task_struct *p = (struct task_struct *)t;
	unsigned long word;
	void *stack = NULL;
	refcount_t usage;
	unsigned int state;
	int exit_state;

	if (!triage_kaddr(t) || (t & (sizeof(long) - 1)) ||
	    get_kernel_nofault(usage, &p->usage) || !refcount_read(&usage) ||
	    get_kernel_nofault(exit_state, &p->exit_state) || exit_state ||
	    get_kernel_nofault(state, &p->__state) || state == TASK_DEAD ||
	    get_kernel_nofault(stack, &p->stack) ||
	    !triage_kaddr((unsigned long)stack) ||
	    !triage_linked(&p->thread_node))
		return false;
	return !get_kernel_nofault(word, (unsigned long *)stack) &&
	       !get_kernel_nofault(word, (unsigned long *)(stack + THREAD_SIZE) - 1);
}

static bool triage_was_recorded(unsigned long t)
{
	unsigned int i;

	for (i = 0; i < triage_nr_recorded; i++)
		if ((unsigned long)triage_recorded[i] == t)
			return true;
	return false;
}

static unsigned long triage_since(struct task_struct *t)
{
	unsigned long since = 0;

#ifdef CONFIG_DETECT_HUNG_TASK
	/* khungtaskd's own notion: when it last saw the task switch. */
	get_kernel_nofault(since, &t->last_switch_time);
#endif
	return since;
}

#ifdef CONFIG_ARM64
/*
 * A return address without its pointer-authentication code: xpaclri
 * (v6.4+ ptrauth_strip_kernel_insn_pac(), probed in Kbuild) or the mask
 * of the older ptrauth_strip_insn_pac().
 */
static unsigned long triage_strip_pac(unsigned long lr)
{
#if defined(TRIAGE_HAVE_PAC_STRIP_KERNEL)
	return ptrauth_strip_kernel_insn_pac(lr);
#else
	return ptrauth_strip_insn_pac(lr);
#endif
}
#endif

/* Unwind a task that is off CPU and was checked alive. */
static unsigned int triage_task_unwind(struct task_struct *t)
{
#ifdef CONFIG_X86_64
	struct unwind_state state;
	unsigned int n = 0;
	unsigned long addr;

	for (unwind_start(&state, t, NULL, NULL);
	     !unwind_done(&state) && n < TRIAGE_TASK_FRAMES;
	     unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		triage_task_addrs[n++] = addr;
	}
	return n;
#elif defined(CONFIG_ARM64)
	/*
	 * No unwinder for another task is exported on arm64 6.1
	 * (stack_trace_save_tsk() only from 6.3, and it takes a reference on
	 * the stack that its put may free): the frame records are walked here,
	 * nofault, from the context cpu_switch_to() saved.  A record is
	 * {fp, lr}; it must lie in the task's stack, above the previous one.
	 */
	unsigned long fp = 0, pc = 0, stack = 0, rec[2];
	unsigned int n = 0;

	if (get_kernel_nofault(fp, &t->thread.cpu_context.fp) ||
	    get_kernel_nofault(pc, &t->thread.cpu_context.pc) ||
	    get_kernel_nofault(stack, (unsigned long *)&t->stack) || !stack)
		return 0;
	if (pc)
		triage_task_addrs[n++] = triage_strip_pac(pc);
	while (n < TRIAGE_TASK_FRAMES && fp) {
		if ((fp & 7) || fp < stack || fp > stack + THREAD_SIZE - sizeof(rec) ||
		    copy_from_kernel_nofault(rec, (void *)fp, sizeof(rec)) ||
		    !rec[1])
			break;
		triage_task_addrs[n++] = triage_strip_pac(rec[1]);
		if (rec[0] <= fp)
			break;
		fp = rec[0];
	}
	return n;
#else
	return 0;
#endif
}

/* Write one TRIAGE_REC_TASK; false when it could not be written. */
static bool triage_record_task(struct task_struct *t, u32 task_flags,
			       struct triage_lock_ref **wait)
{
	struct triage_rec_task *r;
	struct triage_frame *f;
	struct triage_peek p;
	unsigned int n = 0, i;
	unsigned long since;
	bool alive;
	u32 got;

	*wait = NULL;
	if (triage_nr_recorded >= TRIAGE_MAX_TASKS || triage_time_up() ||
	    !triage_task_peek(t, &p))
		return false;
	alive = t == current || triage_task_alive((unsigned long)t);
	/* Only a task that is off CPU has a stack that holds still. */
	if (alive && !p.on_cpu && t != current)
		n = triage_task_unwind(t);
	r = triage_rec_reserve(TRIAGE_REC_TASK, sizeof(*r) + n * sizeof(*f),
			       sizeof(*r), &got);
	if (!r)
		return false;
	memset(r, 0, sizeof(*r));
	n = min_t(unsigned int, n, (got - sizeof(*r)) / sizeof(*f));
	f = (struct triage_frame *)(r + 1);
	r->pid = p.pid;
	r->tgid = p.tgid;
	memcpy(r->comm, p.comm, sizeof(r->comm));
	r->state = p.state;
	r->task_flags = task_flags;
	if (triage_is_blocked(p.state))
		r->task_flags |= TRIAGE_TASK_F_UNINTERRUPTIBLE;
	if (triage_is_rtlock_wait(p.state))
		r->task_flags |= TRIAGE_TASK_F_RTLOCK;
	if (p.on_cpu)
		r->task_flags |= TRIAGE_TASK_F_ON_CPU;
	if (p.flags & PF_KTHREAD)
		r->task_flags |= TRIAGE_TASK_F_KTHREAD;
	if (t == current)
		r->task_flags |= TRIAGE_TASK_F_CRASHING;
	r->cpu = p.cpu;
	r->task = (unsigned long)t;
	since = triage_since(t);
	if (since) {
		r->blocked_ns = jiffies_to_msecs(jiffies - since) *
				(u64)NSEC_PER_MSEC;
		r->blocked_source = TRIAGE_BLOCKED_HUNG_TASK;
	}
	for (i = 0; i < n; i++) {
		f[i].addr = triage_task_addrs[i];
		triage_symbolize(f[i].addr, true, f[i].sym, sizeof(f[i].sym));
	}
	r->nr_frames = n;
	r->wait.owner_pid = -1;
	r->wait.container_pid = -1;
	r->wait.sb_frozen = -1;
	/*
	 * What a blocked task waits on; and an owner's, asleep in any state
	 * (on PREEMPT_RT a task that re-takes a mutex it holds sleeps in
	 * TASK_INTERRUPTIBLE for ever: rt_mutex_handle_deadlock()).
	 */
	if (alive && !p.on_cpu && (triage_is_blocked(p.state) ||
				   ((task_flags & TRIAGE_TASK_F_OWNER) &&
				    p.state != TASK_RUNNING)))
		triage_find_wait(t, f, n, &r->wait,
				 triage_is_blocked(p.state));
	triage_rec_finish(r, sizeof(*r) + n * sizeof(*f), 0);
	triage_recorded[triage_nr_recorded++] = t;
	if (triage_is_blocked(p.state))
		triage_nr_recorded_d++;
	*wait = &r->wait;
	return true;
}

/* Record the owners behind the task whose wait is @w, as far as they go. */
static void triage_record_chain(struct triage_lock_ref *w)
{
	unsigned int depth;
	unsigned long owner;

	for (depth = 0; w && depth < TRIAGE_CHAIN_MAX; depth++) {
		owner = w->owner;
		/* No owner, one already recorded (a cycle), or one gone. */
		if (!owner || triage_was_recorded(owner) ||
		    (w->flags & TRIAGE_LOCK_F_OWNER_GONE))
			return;
		if (!triage_record_task((struct task_struct *)owner,
					TRIAGE_TASK_F_OWNER, &w))
			return;
	}
}

/*
 * Visit one thread; false to stop the walk.  Only what the walk uses is read
 * (the state, where it runs): on a host of 100,000 threads every read here
 * is 100,000 reads, and a cache miss each; a recorded task is read in full
 * later by triage_task_peek().
 */
static bool triage_visit(struct task_struct *t, u64 walk_deadline)
{
	struct {
		unsigned int state;
		int on_cpu;
		unsigned int cpu;
	} p;

	if (!triage_kaddr((unsigned long)t) ||
	    get_kernel_nofault(p.state, &t->__state) ||
	    get_kernel_nofault(p.on_cpu, &t->on_cpu)) {
		triage_sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
		return false;
	}
	p.cpu = 0;
#ifdef CONFIG_THREAD_INFO_IN_TASK
	if (p.on_cpu)
		get_kernel_nofault(p.cpu, &task_thread_info(t)->cpu);
#endif
	triage_sum.nr_threads++;
	if (p.on_cpu)
		triage_cpus_note_current(p.cpu, t);
	if (p.state == TASK_RUNNING)
		triage_sum.nr_running++;
	if (triage_is_blocked(p.state)) {
		triage_sum.nr_uninterruptible++;
		if (triage_nr_cands < TRIAGE_CAND_MAX) {
			triage_cands[triage_nr_cands].t = t;
			triage_cands[triage_nr_cands].since = triage_since(t);
			triage_nr_cands++;
		}
	}
	if (triage_sum.nr_threads >= TRIAGE_WALK_MAX) {
		triage_sum.walk_flags |= TRIAGE_WALK_F_CUT;
		return false;
	}
	if (!(triage_sum.nr_threads & 255) &&
	    (triage_time_up() || triage_now_ns() > walk_deadline)) {
		triage_sum.walk_flags |= TRIAGE_WALK_F_BUDGET;
		return false;
	}
	return true;
}

/* Every thread of process @p (signal->thread_head, via thread_node). */
static bool triage_walk_threads(struct task_struct *p, u64 walk_deadline)
{
	struct signal_struct *sig;
	struct list_head *head, *pos;
	unsigned int n;

	if (get_kernel_nofault(sig, &p->signal) || !sig)
		return true;	/* exiting: no threads to see */
	if (!triage_kaddr((unsigned long)sig))
		goto corrupt;
	head = &sig->thread_head;
	if (get_kernel_nofault(pos, &head->next))
		goto corrupt;
	/* Each step visits a thread, which counts towards TRIAGE_WALK_MAX. */
	for (n = 0; pos != head; n++) {
		if (n >= TRIAGE_WALK_MAX) {
			triage_sum.walk_flags |= TRIAGE_WALK_F_CUT;
			return false;
		}
		if (!triage_visit(list_entry(pos, struct task_struct,
					     thread_node), walk_deadline))
			return false;
		if (get_kernel_nofault(pos, &pos->next) ||
		    !triage_kaddr((unsigned long)pos))
			goto corrupt;
	}
	return true;
corrupt:
	triage_sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
	return false;
}

/**
 * triage_walk_tasks() - walk every thread; no record is written
 * @ctx: the capture
 *
 * The walk gets half of the time left: the records after it must be
 * written too.
 */
void triage_walk_tasks(const struct triage_ctx *ctx)
{
	struct task_struct *p = &init_task, *next_task;
	struct list_head *next;
	u64 now = triage_now_ns(), walk_deadline;
	unsigned int procs;

	memset(&triage_sum, 0, sizeof(triage_sum));
	triage_nr_cands = 0;
	triage_nr_recorded = 0;
	triage_nr_recorded_d = 0;
	triage_walk_start = now;
	walk_deadline = now + (ctx->deadline_ns > now ?
			       (ctx->deadline_ns - now) / 2 : 0);
	for (procs = 0; procs < TRIAGE_PROC_MAX; procs++) {
		/* The top memory users are processes: their leaders. */
		if (triage_kaddr((unsigned long)p))
			triage_memory_task(p);
		if (!triage_walk_threads(p, walk_deadline))
			break;
		if (!(procs & 63) &&
		    (triage_time_up() || triage_now_ns() > walk_deadline)) {
			triage_sum.walk_flags |= TRIAGE_WALK_F_BUDGET;
			break;
		}
		if (get_kernel_nofault(next, &p->tasks.next) ||
		    !triage_kaddr((unsigned long)next)) {
			triage_sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
			break;
		}
		next_task = triage_fault_next_task(p, list_entry(next,
						   struct task_struct, tasks));
		if (next_task == &init_task)
			break;
		p = next_task;
	}
	if (procs >= TRIAGE_PROC_MAX)
		triage_sum.walk_flags |= TRIAGE_WALK_F_CUT;
	triage_sum.walk_ns = triage_now_ns() - now;
}

/* Longest blocked first; an unknown time last. */
static int triage_cand_cmp(const void *a, const void *b)
{
	const struct triage_cand *x = a, *y = b;

	if (x->since == y->since)
		return 0;
	if (!x->since || !y->since)
		return x->since ? -1 : 1;
	return time_before(x->since, y->since) ? -1 : 1;
}

/**
 * triage_capture_tasks() - the D-state tasks, each with its owner chain
 * @ctx: the capture (after triage_walk_tasks())
 *
 * Each task is written with room kept for the owners behind it, which are
 * written next; the tasks stop at TRIAGE_MAX_TASKS records, a full region
 * or the deadline.
 */
void triage_capture_tasks(const struct triage_ctx *ctx)
{
	struct triage_lock_ref *w;
	unsigned int i;
	u64 start = triage_now_ns();

	/* sort() neither sleeps nor allocates; at most 512 entries. */
	sort(triage_cands, triage_nr_cands, sizeof(triage_cands[0]),
	     triage_cand_cmp, NULL);
	for (i = 0; i < triage_nr_cands; i++) {
		struct task_struct *t = triage_cands[i].t;

		if (triage_was_recorded((unsigned long)t))
			continue;
		/* In a small region, at most half of what is left. */
		triage_region_keep(min_t(size_t, TRIAGE_CHAIN_KEEP,
					 triage_region_room() / 2));
		if (!triage_record_task(t, 0, &w)) {
			triage_region_keep(0);
			break;
		}
		triage_region_keep(0);
		triage_record_chain(w);
	}
	triage_region_keep(0);
	triage_sum.walk_ns += triage_now_ns() - start;
}

/**
 * triage_capture_tasks_summary() - write the TRIAGE_REC_TASKS record
 * @ctx: the capture
 */
void triage_capture_tasks_summary(const struct triage_ctx *ctx)
{
	struct triage_rec_tasks *s = &triage_sum;

	s->nr_recorded = triage_nr_recorded;
	s->nr_left_out = s->nr_uninterruptible -
			 min(triage_nr_recorded_d, s->nr_uninterruptible);
	if (s->nr_left_out)
		s->walk_flags |= TRIAGE_WALK_F_CAPPED;
	triage_rec_add(TRIAGE_REC_TASKS, 0, s, sizeof(*s));
	if (s->walk_flags & TRIAGE_WALK_F_CORRUPT)
		triage_note(TRIAGE_NOTE_SKIPPED,
			    "task list unreadable after %u threads",
			    s->nr_threads);
	if (s->walk_flags & (TRIAGE_WALK_F_BUDGET | TRIAGE_WALK_F_CUT))
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "task walk stopped after %u threads (%s)",
			    s->nr_threads,
			    s->walk_flags & TRIAGE_WALK_F_BUDGET ?
			    "time budget" : "bound");
	if (s->nr_left_out)
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "%u blocked tasks, %u recorded: %u left out (cap of %u records, region or time budget)",
			    s->nr_uninterruptible, triage_nr_recorded,
			    s->nr_left_out, TRIAGE_MAX_TASKS);
}
