/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * hung.h - the wait-for graph of a snapshot's task records: every task ->
 * the lock it waits on -> that lock's owner -> the owner's own wait -> ...,
 * each blocked task's chain followed to its end or to a cycle.  No I/O, no
 * trust in the records: owners that were not recorded, records cut short
 * and cycles all end a chain cleanly, and the whole graph is built in
 * O(n log n) for n task records.
 */
#ifndef TC_HUNG_H
#define TC_HUNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "loglines.h"

/* Why a chain ends at its last task. */
enum hung_end {
	HUNG_END_CYCLE,		/* it closes on itself: a deadlock */
	HUNG_END_RUNNING,	/* at a task that is running or runnable */
	HUNG_END_SLEEPING,	/* at a task asleep (not D) on nothing found */
	HUNG_END_FROZEN_FS,	/* at a task blocked by a frozen filesystem */
	HUNG_END_NO_OWNER,	/* at a wait that has no owner (completion...) */
	HUNG_END_NOTHING,	/* at a D task whose wait was not found */
	HUNG_END_TRUNCATED,	/* at a task whose record lacks its wait */
	HUNG_END_NOT_RECORDED,	/* the owner is known but has no record */
	HUNG_END_OWNER_UNKNOWN,	/* the lock's owner is not known at all */
};

/* How a lock's owner was matched to a task record. */
enum hung_match {
	HUNG_MATCH_NONE,
	HUNG_MATCH_TASK,	/* by task_struct address */
	HUNG_MATCH_PID,		/* by pid only */
};

/* Where the chains of some blocked tasks end. */
struct hung_root {
	enum hung_end end;
	size_t task;		/* the last task (a cycle: where it closed) */
	size_t cycle_len;	/* tasks in the cycle (0 if none) */
	size_t blocked;		/* D tasks whose chains end here */
	size_t behind;		/* of them, not the last task nor in the cycle */
	uint64_t max_blocked_ns;
	bool io;		/* the last task waits in an I/O path */
};

struct hung_graph {
	const struct snapshot *snap;	/* borrowed */
	size_t n;			/* task records */
	size_t nr_blocked;		/* of them in D state */
	long *next;		/* owner's task index, -1: the chain ends */
	uint8_t *match;		/* enum hung_match of next[] */
	long *root;		/* index into roots, -1: on no chain */
	size_t *depth;		/* links from the task to its chain's end */
	bool *in_cycle;
	struct hung_root *roots;
	size_t nr_roots;
};

/* Build the graph of @s's task records.  Returns ST_OK or ST_ERR_NOMEM. */
enum status hung_graph_build(struct hung_graph *g, const struct snapshot *s);
void hung_graph_free(struct hung_graph *g);

/* The task record of a pid, or -1 (the first, if several claim it). */
long hung_find_pid(const struct hung_graph *g, int32_t pid);

/* The cause a root stands for, the "kind" of a hung_task verdict:
 * "deadlock", "frozen_fs", "lock_held_by_running", "lock_held_by_blocked",
 * "lock_held", "io", "no_owner" or "unknown". */
const char *hung_root_kind(const struct hung_graph *g,
			   const struct hung_root *r);

/* Ranking of kinds for picking the root cause: lower is more telling. */
int hung_kind_rank(const char *kind);

/* The root that best explains the hang, or -1 when no task is blocked.
 * @prefer_pid: a task the kernel reported (-1: none) wins ties. */
long hung_pick_root(const struct hung_graph *g, int32_t prefer_pid);

/* Does the wait @l make its waiter blocked by a frozen filesystem? */
bool hung_lock_frozen(const struct snap_lock *l);
/* Has the wait @l no owner by its nature (completion, wait queue...)? */
bool hung_lock_ownerless(const struct snap_lock *l);

/* @t's backtrace: its own frames, else (a task on a CPU is not unwound at
 * capture) a backtrace record of its pid or of its CPU taken in NMI. */
const struct snap_frame *hung_task_frames(const struct snapshot *s,
					  const struct snap_task *t,
					  size_t *n);
/* Does @t's backtrace wait in an I/O path (io_schedule, folio_wait...)? */
bool hung_task_in_io(const struct snapshot *s, const struct snap_task *t);
/* The function @t waits or runs in: its first frame that is not a
 * primitive (@func and @mod come out empty when there is none). */
void hung_task_where(const struct snapshot *s, const struct snap_task *t,
		     char *func, size_t func_size, char *mod, size_t mod_size);

/* ---- khungtaskd's blocker lines (v6.15+) -------------------------------- */

/*
 * A kernel that records the lock a sleeping task waits on
 * (CONFIG_DETECT_HUNG_TASK_BLOCKER) says, after a hung task's backtrace,
 * which lock it is and who holds it (debug_show_blocker() in
 * kernel/hung_task.c), then shows that holder's backtrace:
 *
 *   v6.15+ (3cf67d61ff98)
 *     "INFO: task %s:%d is blocked on a mutex likely owned by task %s:%d."
 *     "INFO: task %s:%d is blocked on a mutex, but the owner is not found."
 *   v6.16+ (194a9b9e843b)
 *     "INFO: task %s:%d blocked on a semaphore likely last held by task %s:%d"
 *     "INFO: task %s:%d is blocked on a semaphore, but the last holder is not found."
 *   v6.17+ (77da18de55ac; "<reader>" or "<writer>": how it waits, how the
 *   rw-semaphore is held)
 *     "INFO: task %s:%d <%s> blocked on an rw-semaphore likely owned by task %s:%d <%s>"
 *     "INFO: task %s:%d is blocked on an rw-semaphore, but the owner is not found."
 *
 * Since v6.18 the holder's backtrace is left out when it is a hung task
 * itself (reported on its own).  A comm may hold spaces and colons: the pid
 * is the number after the last colon.
 */
struct hung_blocker {
	long line;			/* its log line (hung_log_blockers) */
	int32_t pid;			/* the blocked task */
	char comm[TRIAGE_COMM_LEN + 1];
	uint32_t type;			/* TRIAGE_LOCK_MUTEX, _SEMAPHORE, _RWSEM */
	/* TRIAGE_LOCK_F_BLOCKER; rw-semaphore: _READ or _WRITE (how it
	 * waits), _READER_OWNED or _WRITER_OWNED (how it is held) */
	uint32_t flags;
	int32_t owner_pid;		/* -1: the kernel found none */
	char owner_comm[TRIAGE_COMM_LEN + 1];
};

/* Parse one log line (prefixes stripped): true if it is one of these. */
bool hung_parse_blocker(const char *line, struct hung_blocker *b);

/* The blocker lines of @l, the last one of each blocked pid, in log order:
 * how many were put in @out (at most @max). */
size_t hung_log_blockers(const struct loglines *l, struct hung_blocker *out,
			 size_t max);

/* The one of @b[0..@n) for @pid, or NULL. */
const struct hung_blocker *hung_blocker_of(const struct hung_blocker *b,
					   size_t n, int32_t pid);

/* "a mutex likely owned by b (pid 11)", "an rw-semaphore (as a writer)
 * likely owned by b (pid 11, a writer)", "a semaphore whose last holder the
 * kernel did not find". */
void hung_blocker_text(const struct hung_blocker *b, char *buf, size_t size);

#endif /* TC_HUNG_H */
