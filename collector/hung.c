// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * hung.c - the wait-for graph of blocked tasks.  Each task record names the
 * lock it waits on and that lock's owner (a task_struct address and a pid);
 * an edge goes from a task to the record of its lock's owner.  Every chain
 * is followed once: a walk stops at a task whose chain is already known
 * (its result is shared), at a task already on the walk (a cycle), or at a
 * task where the chain ends.  Owners are found through sorted indexes, so
 * the whole graph costs O(n log n) for n records, whatever their shape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hung.h"
#include "kfunc.h"

struct key_index {
	uint64_t key;
	size_t idx;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key_index *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The first entry with @key in a sorted index, or -1. */
static long key_find(const struct key_index *ix, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ix[lo].key == key ? (long)ix[lo].idx : -1;
}

struct builder {
	struct hung_graph *g;
	struct key_index *by_task, *by_pid;
	size_t nr_by_task, nr_by_pid;
};

static uint64_t pid_key(int32_t pid)
{
	return (uint64_t)(uint32_t)pid;
}

long hung_find_pid(const struct hung_graph *g, int32_t pid)
{
	size_t i;

	/* (used outside the build, where no index is kept: linear) */
	for (i = 0; i < g->n; i++)
		if (g->snap->tasks[i].pid == pid)
			return (long)i;
	return -1;
}

/* ---- what a task waits in ---------------------------------------------- */

const struct snap_frame *hung_task_frames(const struct snapshot *s,
					  const struct snap_task *t,
					  size_t *n)
{
	size_t i;

	*n = t->nr_frames;
	if (t->nr_frames || !s)
		return t->frames;
	for (i = 0; i < s->nr_backtraces; i++) {
		const struct snap_backtrace *bt = &s->backtraces[i];

		if ((t->pid > 0 && bt->pid == t->pid) ||
		    ((t->task_flags & TRIAGE_TASK_F_ON_CPU) && bt->pid == -1 &&
		     bt->source == TRIAGE_BT_NMI && bt->cpu == t->cpu)) {
			*n = bt->nr_frames;
			return bt->frames;
		}
	}
	/* format 1.2: the CPU records carry the NMI backtraces */
	for (i = 0; i < s->nr_cpus; i++) {
		const struct snap_cpu *c = &s->cpus[i];

		if (c->nr_frames && c->pid == t->pid && t->pid > 0 &&
		    (c->task == t->task || !c->task || !t->task)) {
			*n = c->nr_frames;
			return c->frames;
		}
	}
	return t->frames;
}

bool hung_task_in_io(const struct snapshot *s, const struct snap_task *t)
{
	char func[TRIAGE_SYM_LEN + 1];
	const struct snap_frame *fr;
	size_t i, n;

	fr = hung_task_frames(s, t, &n);
	for (i = 0; i < n; i++) {
		sym_split(fr[i].sym, func, sizeof(func), NULL, 0);
		if (kfunc_is(func, KF_IO_WAIT))
			return true;
	}
	return false;
}

void hung_task_where(const struct snapshot *s, const struct snap_task *t,
		     char *func, size_t func_size, char *mod, size_t mod_size)
{
	char f[TRIAGE_SYM_LEN + 1], m[TRIAGE_MODNAME_LEN + 1];
	const struct snap_frame *fr;
	size_t i, n;

	func[0] = '\0';
	if (mod && mod_size)
		mod[0] = '\0';
	fr = hung_task_frames(s, t, &n);
	for (i = 0; i < n; i++) {
		if (!fr[i].sym[0])
			continue;
		sym_split(fr[i].sym, f, sizeof(f), m, sizeof(m));
		if (!f[0] || kfunc_is(f, KF_WAIT) ||
		    strcmp(m, "triage_capture") == 0)
			continue;
		snprintf(func, func_size, "%s", f);
		if (mod && mod_size)
			snprintf(mod, mod_size, "%s", m);
		return;
	}
}

/* ---- the graph --------------------------------------------------------- */

bool hung_lock_frozen(const struct snap_lock *l)
{
	return l->container == TRIAGE_CONT_SB_WRITERS && l->sb_frozen > 0;
}

bool hung_lock_ownerless(const struct snap_lock *l)
{
	if (l->flags & TRIAGE_LOCK_F_NO_OWNER)
		return true;
	return l->type == TRIAGE_LOCK_SEMAPHORE ||
	       l->type == TRIAGE_LOCK_COMPLETION ||
	       l->type == TRIAGE_LOCK_WAITQUEUE;
}

/* One step from task @i: the owner's index, or -1 and why the chain ends. */
static long step(const struct builder *b, size_t i, enum hung_end *end,
		 uint8_t *match)
{
	const struct snap_task *t = &b->g->snap->tasks[i];
	const struct snap_lock *w = &t->wait;
	long j = -1;

	*match = HUNG_MATCH_NONE;
	if (snap_task_running(t)) {
		*end = HUNG_END_RUNNING;
		return -1;
	}
	if (t->short_head) {
		*end = HUNG_END_TRUNCATED;
		return -1;
	}
	if (w->type == TRIAGE_LOCK_NONE) {
		*end = snap_task_blocked(t) ? HUNG_END_NOTHING :
		       HUNG_END_SLEEPING;
		return -1;
	}
	if (hung_lock_frozen(w)) {
		*end = HUNG_END_FROZEN_FS;
		return -1;
	}
	if (hung_lock_ownerless(w)) {
		*end = HUNG_END_NO_OWNER;
		return -1;
	}
	if (w->owner)
		j = key_find(b->by_task, b->nr_by_task, w->owner);
	if (j >= 0) {
		*match = HUNG_MATCH_TASK;
		return j;
	}
	if (w->owner_pid >= 0)
		j = key_find(b->by_pid, b->nr_by_pid, pid_key(w->owner_pid));
	if (j >= 0) {
		*match = HUNG_MATCH_PID;
		return j;
	}
	*end = w->owner || w->owner_pid >= 0 ? HUNG_END_NOT_RECORDED :
	       HUNG_END_OWNER_UNKNOWN;
	return -1;
}

static long new_root(struct hung_graph *g, enum hung_end end, size_t task)
{
	struct hung_root *r = &g->roots[g->nr_roots];

	memset(r, 0, sizeof(*r));
	r->end = end;
	r->task = task;
	r->io = hung_task_in_io(g->snap, &g->snap->tasks[task]);
	return (long)g->nr_roots++;
}

/* Follow the chain from @start; every task on it gets its root and depth. */
static void walk(struct builder *b, size_t start, uint8_t *state,
		 size_t *path, size_t *pos)
{
	struct hung_graph *g = b->g;
	size_t len = 0, cur = start, k, cycle_from = (size_t)-1;
	enum hung_end end = HUNG_END_NOTHING;
	long r, nx;

	for (;;) {
		if (state[cur] == 2) {
			r = g->root[cur];
			break;
		}
		if (state[cur] == 1) {
			cycle_from = pos[cur];
			r = new_root(g, HUNG_END_CYCLE, cur);
			g->roots[r].cycle_len = len - cycle_from;
			break;
		}
		state[cur] = 1;
		pos[cur] = len;
		path[len++] = cur;
		nx = step(b, cur, &end, &g->match[cur]);
		g->next[cur] = nx;
		if (nx < 0) {
			r = new_root(g, end, cur);
			break;
		}
		cur = (size_t)nx;
	}
	for (k = len; k-- > 0;) {
		size_t t = path[k];

		g->root[t] = r;
		state[t] = 2;
		if (cycle_from != (size_t)-1 && k >= cycle_from) {
			g->in_cycle[t] = true;
			g->depth[t] = g->roots[r].cycle_len;
		} else if (g->next[t] < 0) {
			g->depth[t] = 1;
		} else {
			g->depth[t] = g->depth[g->next[t]] + 1;
		}
	}
}

static void count_roots(struct hung_graph *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct snap_task *t = &g->snap->tasks[i];
		struct hung_root *r;

		if (!snap_task_blocked(t) || g->root[i] < 0)
			continue;
		r = &g->roots[g->root[i]];
		r->blocked++;
		if (!g->in_cycle[i] && i != r->task)
			r->behind++;
		if (t->blocked_ns > r->max_blocked_ns)
			r->max_blocked_ns = t->blocked_ns;
	}
}

enum status hung_graph_build(struct hung_graph *g, const struct snapshot *s)
{
	struct builder b = { .g = g };
	uint8_t *state = NULL;
	size_t *path = NULL, *pos = NULL, i, n = s->nr_tasks;
	enum status st = ST_ERR_NOMEM;

	memset(g, 0, sizeof(*g));
	g->snap = s;
	g->n = n;
	if (!n)
		return ST_OK;
	g->next = calloc(n, sizeof(*g->next));
	g->match = calloc(n, sizeof(*g->match));
	g->root = calloc(n, sizeof(*g->root));
	g->depth = calloc(n, sizeof(*g->depth));
	g->in_cycle = calloc(n, sizeof(*g->in_cycle));
	g->roots = calloc(n, sizeof(*g->roots));
	b.by_task = calloc(n, sizeof(*b.by_task));
	b.by_pid = calloc(n, sizeof(*b.by_pid));
	state = calloc(n, 1);
	path = calloc(n, sizeof(*path));
	pos = calloc(n, sizeof(*pos));
	if (!g->next || !g->match || !g->root || !g->depth || !g->in_cycle ||
	    !g->roots || !b.by_task || !b.by_pid || !state || !path || !pos)
		goto out;
	for (i = 0; i < n; i++) {
		const struct snap_task *t = &s->tasks[i];

		g->next[i] = -1;
		g->root[i] = -1;
		if (t->task)
			b.by_task[b.nr_by_task++] =
				(struct key_index){ t->task, i };
		if (t->pid >= 0)
			b.by_pid[b.nr_by_pid++] =
				(struct key_index){ pid_key(t->pid), i };
		if (snap_task_blocked(t))
			g->nr_blocked++;
	}
	qsort(b.by_task, b.nr_by_task, sizeof(*b.by_task), key_cmp);
	qsort(b.by_pid, b.nr_by_pid, sizeof(*b.by_pid), key_cmp);
	for (i = 0; i < n; i++)
		if (state[i] == 0 && snap_task_blocked(&s->tasks[i]))
			walk(&b, i, state, path, pos);
	count_roots(g);
	st = ST_OK;
out:
	free(b.by_task);
	free(b.by_pid);
	free(state);
	free(path);
	free(pos);
	if (st != ST_OK)
		hung_graph_free(g);
	return st;
}

void hung_graph_free(struct hung_graph *g)
{
	free(g->next);
	free(g->match);
	free(g->root);
	free(g->depth);
	free(g->in_cycle);
	free(g->roots);
	memset(g, 0, sizeof(*g));
}

const char *hung_root_kind(const struct hung_graph *g,
			   const struct hung_root *r)
{
	const struct snap_task *t = &g->snap->tasks[r->task];

	switch (r->end) {
	case HUNG_END_CYCLE:
		return "deadlock";
	case HUNG_END_FROZEN_FS:
		return "frozen_fs";
	case HUNG_END_RUNNING:
		return "lock_held_by_running";
	case HUNG_END_SLEEPING:
		return "lock_held_by_blocked";
	case HUNG_END_NOT_RECORDED:
	case HUNG_END_OWNER_UNKNOWN:
		return "lock_held";
	case HUNG_END_NO_OWNER:
		if (r->behind)
			return "lock_held_by_blocked";
		if (r->io && t->wait.type == TRIAGE_LOCK_WAITQUEUE)
			return "io";
		return "no_owner";
	case HUNG_END_NOTHING:
		if (r->behind)
			return "lock_held_by_blocked";
		return r->io ? "io" : "unknown";
	case HUNG_END_TRUNCATED:
		return r->behind ? "lock_held_by_blocked" : "unknown";
	}
	return "unknown";
}

int hung_kind_rank(const char *kind)
{
	static const char *const order[] = {
		"deadlock", "frozen_fs", "lock_held_by_running",
		"lock_held_by_blocked", "lock_held", "io", "no_owner",
		"unknown", NULL,
	};
	int i;

	for (i = 0; order[i]; i++)
		if (strcmp(kind, order[i]) == 0)
			return i == 3 ? 2 : i;	/* running, blocked: same rank */
	return i;
}

long hung_pick_root(const struct hung_graph *g, int32_t prefer_pid)
{
	long best = -1, pref = -1, p;
	int best_rank = 0, rank;
	size_t i;

	p = prefer_pid >= 0 ? hung_find_pid(g, prefer_pid) : -1;
	if (p >= 0)
		pref = g->root[p];
	for (i = 0; i < g->nr_roots; i++) {
		const struct hung_root *r = &g->roots[i], *b;

		if (!r->blocked)
			continue;
		rank = hung_kind_rank(hung_root_kind(g, r));
		if (best < 0 || rank < best_rank) {
			best = (long)i;
			best_rank = rank;
			continue;
		}
		if (rank > best_rank)
			continue;
		b = &g->roots[best];
		if ((long)i == pref && best != pref)
			best = (long)i;
		else if (best == pref)
			continue;
		else if (r->blocked > b->blocked ||
			 (r->blocked == b->blocked &&
			  r->max_blocked_ns > b->max_blocked_ns))
			best = (long)i;
	}
	return best;
}

/* ---- khungtaskd's blocker lines (v6.15+) -------------------------------- */

#define BLOCKER_INFO	"INFO: task "

/* "comm:pid" in [@s, @e): the pid is the number after the last colon. */
static bool task_span(const char *s, const char *e, char *comm,
		      size_t comm_size, int32_t *pid)
{
	const char *c = e, *d;
	int64_t v = 0;
	size_t n;

	while (c > s && c[-1] != ':')
		c--;
	if (c == s || c == e || e - c > 10)
		return false;
	for (d = c; d < e; d++) {
		if (*d < '0' || *d > '9')
			return false;
		v = v * 10 + (*d - '0');
	}
	n = (size_t)(c - 1 - s);
	if (v > INT32_MAX || n > TRIAGE_COMM_LEN || n >= comm_size)
		return false;
	memcpy(comm, s, n);
	comm[n] = '\0';
	*pid = (int32_t)v;
	return true;
}

/* Strip " <reader>" or " <writer>" from the end of [@s, *@e): its flag. */
static uint32_t rw_tag(const char *s, const char **e, uint32_t reader,
		       uint32_t writer)
{
	static const char r[] = " <reader>", w[] = " <writer>";
	size_t len = sizeof(r) - 1;

	if ((size_t)(*e - s) < len)
		return 0;
	if (memcmp(*e - len, r, len) == 0) {
		*e -= len;
		return reader;
	}
	if (memcmp(*e - len, w, len) == 0) {
		*e -= len;
		return writer;
	}
	return 0;
}

bool hung_parse_blocker(const char *line, struct hung_blocker *b)
{
	static const struct {
		const char *sep;	/* after "INFO: task comm:pid" */
		uint32_t type;
		bool owner;		/* "comm:pid" follows */
		const char *tail;	/* what ends the line */
	} forms[] = {
		{ " is blocked on a mutex likely owned by task ",
		  TRIAGE_LOCK_MUTEX, true, "." },
		{ " blocked on a semaphore likely last held by task ",
		  TRIAGE_LOCK_SEMAPHORE, true, "" },
		{ " blocked on an rw-semaphore likely owned by task ",
		  TRIAGE_LOCK_RWSEM, true, "" },
		{ " is blocked on a mutex, but the owner is not found.",
		  TRIAGE_LOCK_MUTEX, false, "" },
		{ " is blocked on a semaphore, but the last holder is not found.",
		  TRIAGE_LOCK_SEMAPHORE, false, "" },
		{ " is blocked on an rw-semaphore, but the owner is not found.",
		  TRIAGE_LOCK_RWSEM, false, "" },
	};
	const char *p = strstr(line, BLOCKER_INFO), *q = NULL, *r, *e, *le;
	size_t i, tl;
	uint32_t how;

	if (!p)
		return false;
	p += strlen(BLOCKER_INFO);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		q = strstr(p, forms[i].sep);
		if (q)
			break;
	}
	if (!q)
		return false;
	memset(b, 0, sizeof(*b));
	b->line = -1;
	b->type = forms[i].type;
	b->flags = TRIAGE_LOCK_F_BLOCKER;
	b->owner_pid = -1;
	/* the blocked task: "comm:pid", for an rw-semaphore " <reader>" too */
	le = q;
	if (b->type == TRIAGE_LOCK_RWSEM && forms[i].owner) {
		how = rw_tag(p, &le, TRIAGE_LOCK_F_READ, TRIAGE_LOCK_F_WRITE);
		if (!how)
			return false;
		b->flags |= how;
	}
	if (!task_span(p, le, b->comm, sizeof(b->comm), &b->pid))
		return false;
	/* the rest of the line, trailing blanks dropped */
	r = q + strlen(forms[i].sep);
	e = r + strlen(r);
	while (e > r && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (!forms[i].owner)
		return e == r;
	tl = strlen(forms[i].tail);
	if ((size_t)(e - r) < tl || memcmp(e - tl, forms[i].tail, tl) != 0)
		return false;
	e -= tl;
	if (b->type == TRIAGE_LOCK_RWSEM) {
		how = rw_tag(r, &e, TRIAGE_LOCK_F_READER_OWNED,
			     TRIAGE_LOCK_F_WRITER_OWNED);
		if (!how)
			return false;
		b->flags |= how;
	}
	return task_span(r, e, b->owner_comm, sizeof(b->owner_comm),
			 &b->owner_pid);
}

size_t hung_log_blockers(const struct loglines *l, struct hung_blocker *out,
			 size_t max)
{
	struct hung_blocker b;
	size_t i, k, n = 0;

	for (i = 0; i < l->nr; i++) {
		if (!strstr(l->line[i], BLOCKER_INFO) ||
		    !hung_parse_blocker(l->line[i], &b))
			continue;
		b.line = (long)i;
		/* a later report of the same task replaces the earlier one */
		for (k = 0; k < n && out[k].pid != b.pid; k++)
			;
		if (k < n) {
			memmove(&out[k], &out[k + 1], (n - k - 1) * sizeof(*out));
			n--;
		}
		if (n < max)
			out[n++] = b;
	}
	return n;
}

const struct hung_blocker *hung_blocker_of(const struct hung_blocker *b,
					   size_t n, int32_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].pid == pid)
			return &b[i];
	return NULL;
}

void hung_blocker_text(const struct hung_blocker *b, char *buf, size_t size)
{
	const char *what = b->type == TRIAGE_LOCK_SEMAPHORE ? "a semaphore" :
			   b->type == TRIAGE_LOCK_RWSEM ? "an rw-semaphore" :
			   "a mutex";
	const char *as = !(b->flags & (TRIAGE_LOCK_F_READ | TRIAGE_LOCK_F_WRITE)) ?
			 "" : b->flags & TRIAGE_LOCK_F_READ ?
			 " (as a reader)" : " (as a writer)";
	const char *held = !(b->flags & (TRIAGE_LOCK_F_READER_OWNED |
					 TRIAGE_LOCK_F_WRITER_OWNED)) ? "" :
			   b->flags & TRIAGE_LOCK_F_READER_OWNED ?
			   ", a reader" : ", a writer";
	bool sem = b->type == TRIAGE_LOCK_SEMAPHORE;

	if (b->owner_pid < 0)
		snprintf(buf, size, "%s%s whose %s the kernel did not find", what,
			 as, sem ? "last holder" : "owner");
	else
		snprintf(buf, size, "%s%s likely %s by %s (pid %d%s)", what, as,
			 sem ? "last held" : "owned", b->owner_comm,
			 b->owner_pid, held);
}
