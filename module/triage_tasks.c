// SPDX-License-Identifier: GPL-2.0
/*
 * triage_tasks.c - walk every thread; record the ones in D state with what
 * each waits on, then the owners of those locks, so that the collector can
 * follow blocked task -> lock -> owner -> its own wait -> ... into a chain.
 *
 * The walk cannot take tasklist_lock or rely on RCU (we may be in panic or
 * NMI context), so every link is read with a nofault accessor and the walk
 * is bounded: a corrupt task list costs tasks, never the capture.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#ifdef CONFIG_X86_64
#include <asm/unwind.h>
#endif
#include "triage.h"

#define TRIAGE_WALK_MAX		(4U << 20)	/* threads */
#define TRIAGE_TASK_FRAMES	24

/* Under the capture guard. */
static struct task_struct *triage_recorded[TRIAGE_MAX_TASKS];
static unsigned int triage_nr_recorded;
static unsigned long triage_owners[TRIAGE_MAX_TASKS];
static unsigned int triage_nr_owners;
static unsigned long triage_task_addrs[TRIAGE_TASK_FRAMES];

static bool triage_is_blocked(unsigned int state)
{
	/* TASK_IDLE is D that does not count as load: kworkers waiting. */
	return (state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD);
}

static bool triage_was_recorded(unsigned long t)
{
	unsigned int i;

	for (i = 0; i < triage_nr_recorded; i++)
		if ((unsigned long)triage_recorded[i] == t)
			return true;
	return false;
}

static void triage_blocked_for(struct task_struct *t,
			       struct triage_rec_task *r)
{
#ifdef CONFIG_DETECT_HUNG_TASK
	unsigned long since = 0;

	/* khungtaskd's own notion: when it last saw the task switch. */
	if (!get_kernel_nofault(since, &t->last_switch_time) && since) {
		r->blocked_ns = jiffies_to_msecs(jiffies - since) *
				(u64)NSEC_PER_MSEC;
		r->blocked_source = TRIAGE_BLOCKED_HUNG_TASK;
	}
#endif
}

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
#else
	/* No exported unwinder for another task here (yet). */
	return 0;
#endif
}

/* Write one TRIAGE_REC_TASK; false when the region is full. */
static bool triage_record_task(const struct triage_ctx *ctx,
			       struct task_struct *t, unsigned int state,
			       u32 task_flags)
{
	struct triage_rec_task *r;
	struct triage_frame *f;
	unsigned int n = 0, i, on_cpu = 0;
	u32 got;

	if (triage_nr_recorded >= TRIAGE_MAX_TASKS)
		return false;
	get_kernel_nofault(on_cpu, &t->on_cpu);
	/* Only a task that is off CPU has a stack that holds still. */
	if (!on_cpu && t != current)
		n = triage_task_unwind(t);
	r = triage_rec_reserve(TRIAGE_REC_TASK, sizeof(*r) + n * sizeof(*f),
			       sizeof(*r), &got);
	if (!r)
		return false;
	memset(r, 0, sizeof(*r));
	n = min_t(unsigned int, n, (got - sizeof(*r)) / sizeof(*f));
	f = (struct triage_frame *)(r + 1);
	r->pid = task_pid_nr(t);
	r->tgid = task_tgid_nr(t);
	copy_from_kernel_nofault(r->comm, t->comm, sizeof(r->comm) - 1);
	r->state = state;
	r->task_flags = task_flags;
	if (on_cpu)
		r->task_flags |= TRIAGE_TASK_F_ON_CPU;
	if (t->flags & PF_KTHREAD)
		r->task_flags |= TRIAGE_TASK_F_KTHREAD;
	if (t == current)
		r->task_flags |= TRIAGE_TASK_F_CRASHING;
	r->cpu = task_cpu(t);
	r->task = (unsigned long)t;
	triage_blocked_for(t, r);
	for (i = 0; i < n; i++) {
		f[i].addr = triage_task_addrs[i];
		triage_symbolize(f[i].addr, true, f[i].sym, sizeof(f[i].sym));
	}
	r->nr_frames = n;
	r->wait.owner_pid = -1;
	r->wait.container_pid = -1;
	r->wait.sb_frozen = -1;
	if (!on_cpu && triage_is_blocked(state))
		triage_find_wait(t, f, n, &r->wait);
	triage_rec_finish(r, sizeof(*r) + n * sizeof(*f), 0);
	triage_recorded[triage_nr_recorded++] = t;
	if (r->wait.owner && triage_nr_owners < TRIAGE_MAX_TASKS)
		triage_owners[triage_nr_owners++] = r->wait.owner;
	return true;
}

/**
 * struct triage_walk - the state of one walk over every thread
 * @sum: the summary record being filled in
 * @visited: threads visited
 */
struct triage_walk {
	struct triage_rec_tasks sum;
	unsigned int visited;
};

/* Visit one thread; false to stop the walk. */
static bool triage_visit(const struct triage_ctx *ctx, struct triage_walk *w,
			 struct task_struct *t)
{
	unsigned int state;

	if (get_kernel_nofault(state, &t->__state)) {
		w->sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
		return false;
	}
	w->sum.nr_threads++;
	triage_memory_task(t);
	if (READ_ONCE(t->on_cpu))
		triage_cpus_note_current(task_cpu(t), t);
	if (state == TASK_RUNNING)
		w->sum.nr_running++;
	if (triage_is_blocked(state)) {
		w->sum.nr_uninterruptible++;
		if (!(w->sum.walk_flags & TRIAGE_WALK_F_FULL) &&
		    !triage_record_task(ctx, t, state,
					TRIAGE_TASK_F_UNINTERRUPTIBLE))
			w->sum.walk_flags |= TRIAGE_WALK_F_FULL;
	}
	if (++w->visited >= TRIAGE_WALK_MAX) {
		w->sum.walk_flags |= TRIAGE_WALK_F_CUT;
		return false;
	}
	if (!(w->visited & 255) && triage_over_budget(ctx)) {
		w->sum.walk_flags |= TRIAGE_WALK_F_BUDGET;
		return false;
	}
	return true;
}

/* Every thread of process @p (signal->thread_head, via thread_node). */
static bool triage_walk_threads(const struct triage_ctx *ctx,
				struct triage_walk *w, struct task_struct *p)
{
	struct signal_struct *sig;
	struct list_head *head, *pos;

	if (get_kernel_nofault(sig, &p->signal) || !sig)
		return true;	/* exiting: no threads to see */
	head = &sig->thread_head;
	if (get_kernel_nofault(pos, &head->next))
		goto corrupt;
	while (pos != head) {
		if (!triage_visit(ctx, w,
				  list_entry(pos, struct task_struct, thread_node)))
			return false;
		if (get_kernel_nofault(pos, &pos->next) || !pos)
			goto corrupt;
	}
	return true;
corrupt:
	w->sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
	return false;
}

static void triage_record_owners(const struct triage_ctx *ctx)
{
	unsigned long t;
	unsigned int state, i;

	/* Owners found while recording owners are appended: chains grow. */
	for (i = 0; i < triage_nr_owners; i++) {
		t = triage_owners[i];
		if (triage_was_recorded(t) || triage_over_budget(ctx))
			continue;
		if (get_kernel_nofault(state, &((struct task_struct *)t)->__state))
			continue;
		if (!triage_record_task(ctx, (struct task_struct *)t, state,
					TRIAGE_TASK_F_OWNER))
			break;
	}
}

/**
 * triage_capture_tasks() - the D-state tasks, their locks and the owners
 * @ctx: the capture
 */
void triage_capture_tasks(const struct triage_ctx *ctx)
{
	struct triage_walk w = { };
	struct task_struct *p = &init_task;
	struct list_head *next;
	u64 start = triage_now_ns();

	triage_nr_recorded = 0;
	triage_nr_owners = 0;
	do {
		if (!triage_walk_threads(ctx, &w, p))
			break;
		if (get_kernel_nofault(next, &p->tasks.next) || !next) {
			w.sum.walk_flags |= TRIAGE_WALK_F_CORRUPT;
			break;
		}
		p = list_entry(next, struct task_struct, tasks);
	} while (p != &init_task);
	triage_record_owners(ctx);
	w.sum.nr_recorded = triage_nr_recorded;
	w.sum.walk_ns = triage_now_ns() - start;
	triage_rec_add(TRIAGE_REC_TASKS, 0, &w.sum, sizeof(w.sum));
	if (w.sum.walk_flags & TRIAGE_WALK_F_CORRUPT)
		triage_note(TRIAGE_NOTE_SKIPPED,
			    "task list unreadable after %u threads",
			    w.sum.nr_threads);
	if (w.sum.walk_flags & (TRIAGE_WALK_F_BUDGET | TRIAGE_WALK_F_CUT))
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "task walk stopped after %u threads (%s)",
			    w.sum.nr_threads,
			    w.sum.walk_flags & TRIAGE_WALK_F_BUDGET ?
			    "time budget" : "bound");
	if (w.sum.walk_flags & TRIAGE_WALK_F_FULL)
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "%u blocked tasks, %u recorded: region full or %u-task bound",
			    w.sum.nr_uninterruptible, triage_nr_recorded,
			    TRIAGE_MAX_TASKS);
}
