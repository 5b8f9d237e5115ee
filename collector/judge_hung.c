// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_hung.c - the hung_task rule.  With task records, it builds the
 * wait-for graph (hung.c), picks the root cause that explains the most
 * (a deadlock cycle first, then a frozen filesystem, a lock held by a
 * running or blocked owner, I/O, a wait with no owner), and names it: the
 * task, the function it sits in, the lock, the chain of tasks behind it.
 * Without them (degraded, or an older module) it names the blocked tasks
 * khungtaskd printed in the log.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hung.h"
#include "judge.h"
#include "judge_priv.h"

#define HUNG_MSG	"hung_task: blocked tasks"
#define INFO_TASK	"INFO: task "
#define BLOCKED_FOR	" blocked for more than "

/* Append to a bounded string. */
static void cat(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t n = strnlen(buf, size);
	va_list ap;

	if (n + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
}

/* ---- khungtaskd's lines in the log ------------------------------------- */

struct info_line {
	long line;
	int pid;
	long secs;
	char comm[TRIAGE_COMM_LEN + 1];
};

/* "INFO: task NAME:PID blocked for more than N seconds." */
static bool parse_info(const struct loglines *l, long i, struct info_line *o)
{
	const char *p = strstr(l->line[i], INFO_TASK), *b, *colon;
	int n;

	if (!p)
		return false;
	p += strlen(INFO_TASK);
	b = strstr(p, BLOCKED_FOR);
	if (!b)
		return false;
	colon = b;
	while (colon > p && *colon != ':')
		colon--;
	if (colon == p)
		return false;
	n = (int)(colon - p);
	if (n > TRIAGE_COMM_LEN)
		n = TRIAGE_COMM_LEN;
	snprintf(o->comm, sizeof(o->comm), "%.*s", n, p);
	o->pid = atoi(colon + 1);
	o->secs = atol(b + strlen(BLOCKED_FOR));
	o->line = i;
	return true;
}

static long last_info(const struct loglines *l, struct info_line *o)
{
	long i = (long)l->nr;

	while ((i = loglines_rfind(l, INFO_TASK, (size_t)i - 1)) >= 0) {
		if (parse_info(l, i, o))
			return i;
		if (i == 0)
			break;
	}
	return -1;
}

/* ---- naming locks ------------------------------------------------------ */

static void lock_from_snap(struct verdict_lock *d, const struct snap_lock *l)
{
	memset(d, 0, sizeof(*d));
	d->type = l->type;
	d->flags = l->flags;
	d->addr = l->addr;
	d->raw = l->raw;
	copy_str(d->symbol, sizeof(d->symbol), l->symbol);
	d->container = l->container;
	d->container_addr = l->container_addr;
	d->container_pid = l->container_pid;
	d->sb_frozen = l->sb_frozen;
	d->level = l->level;
	copy_str(d->detail, sizeof(d->detail), l->detail);
	copy_str(d->wait_fn, sizeof(d->wait_fn), l->wait_fn);
}

/* "magic_mutex+0x0/0x20 [smajdalf]" -> "magic_mutex [smajdalf]";
 * "dev+0x40/0x100" -> "dev+0x40". */
static void symbol_name(const char *sym, char *buf, size_t size)
{
	char func[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1];
	const char *plus = strchr(sym, '+');
	int off = 0;

	sym_split(sym, func, sizeof(func), mod, sizeof(mod));
	if (plus && !starts_with(plus, "+0x0/") && !starts_with(plus, "+0x0 "))
		off = (int)strcspn(plus, "/ ");
	snprintf(buf, size, "%s%.*s%s%s%s", func, off, off ? plus : "",
		 mod[0] ? " [" : "", mod, mod[0] ? "]" : "");
}

/* A name for a lock a person can place; @holder: whose "its" is. */
static void lock_name(const struct verdict_lock *l, int holder, char *buf,
		      size_t size)
{
	if (l->symbol[0]) {
		symbol_name(l->symbol, buf, size);
		return;
	}
	switch (l->container) {
	case TRIAGE_CONT_MM:
		if (l->container_pid >= 0 && l->container_pid == holder)
			snprintf(buf, size, "its mmap_lock");
		else if (l->container_pid >= 0)
			snprintf(buf, size, "the mmap_lock of pid %d",
				 l->container_pid);
		else
			snprintf(buf, size, "an mmap_lock");
		return;
	case TRIAGE_CONT_SB_WRITERS:
		if (l->detail[0])
			snprintf(buf, size, "the s_writers of %s", l->detail);
		else
			snprintf(buf, size, "the s_writers of super_block 0x%" PRIx64,
				 l->container_addr);
		return;
	case TRIAGE_CONT_INODE:
		if (l->detail[0])
			snprintf(buf, size, "the i_rwsem of %s", l->detail);
		else
			snprintf(buf, size, "the i_rwsem of inode 0x%" PRIx64,
				 l->container_addr);
		return;
	}
	snprintf(buf, size, "%s 0x%" PRIx64, snap_lock_type_name(l->type),
		 l->addr);
}

/* The lock as a signature shows it: a name, never an address. */
static void lock_sig(const struct verdict_lock *l, char *buf, size_t size)
{
	char func[TRIAGE_SYM_LEN + 1];

	if (l->symbol[0]) {
		sym_split(l->symbol, func, sizeof(func), NULL, 0);
		kfunc_base(func, buf, size);
		return;
	}
	switch (l->container) {
	case TRIAGE_CONT_MM:
		snprintf(buf, size, "mmap_lock");
		return;
	case TRIAGE_CONT_SB_WRITERS:
		snprintf(buf, size, "sb_writers");
		return;
	case TRIAGE_CONT_INODE:
		snprintf(buf, size, "i_rwsem");
		return;
	}
	snprintf(buf, size, "%s", snap_lock_type_name(l->type));
}

static const char *frozen_name(int frozen)
{
	switch (frozen) {
	case 0: return "SB_UNFROZEN";
	case 1: return "SB_FREEZE_WRITE";
	case 2: return "SB_FREEZE_PAGEFAULT";
	case 3: return "SB_FREEZE_FS";
	case 4: return "SB_FREEZE_COMPLETE";
	}
	return "an unknown freeze level";
}

static const char *end_name(enum hung_end e)
{
	switch (e) {
	case HUNG_END_CYCLE:		return "cycle";
	case HUNG_END_RUNNING:		return "owner_running";
	case HUNG_END_SLEEPING:		return "owner_sleeping";
	case HUNG_END_FROZEN_FS:	return "frozen_fs";
	case HUNG_END_NO_OWNER:		return "no_owner";
	case HUNG_END_NOTHING:		return "no_lock_found";
	case HUNG_END_TRUNCATED:	return "record_truncated";
	case HUNG_END_NOT_RECORDED:	return "owner_not_recorded";
	case HUNG_END_OWNER_UNKNOWN:	return "owner_unknown";
	}
	return "unknown";
}

/* ---- links ------------------------------------------------------------- */

static void fill_link(const struct hung_graph *g, size_t i,
		      struct verdict_link *k)
{
	const struct snap_task *t = &g->snap->tasks[i];

	memset(k, 0, sizeof(*k));
	k->pid = t->pid;
	copy_str(k->comm, sizeof(k->comm), t->comm);
	k->state = snap_task_state_letter(t);
	k->cpu = t->cpu;
	hung_task_where(g->snap, t, k->function, sizeof(k->function), k->module,
			sizeof(k->module));
	k->has_blocked = t->blocked_source != TRIAGE_BLOCKED_UNKNOWN ||
			 t->blocked_ns;
	k->blocked_ns = t->blocked_ns;
	k->owner_pid = -1;
	k->truncated = t->short_head || (t->rec_flags & TRIAGE_REC_F_TRUNCATED);
	if (t->short_head || t->wait.type == TRIAGE_LOCK_NONE)
		return;
	k->has_wait = true;
	lock_from_snap(&k->wait, &t->wait);
	k->owner_pid = t->wait.owner_pid;
	k->heuristic = (t->wait.flags & TRIAGE_LOCK_F_HEURISTIC) ||
		       (t->rec_flags & TRIAGE_REC_F_HEURISTIC);
	k->reader_owned = t->wait.flags & TRIAGE_LOCK_F_READER_OWNED;
	if (g->next[i] >= 0) {
		k->owner_pid = g->snap->tasks[g->next[i]].pid;
		k->matched_by = g->match[i] == HUNG_MATCH_TASK ? "task" : "pid";
	}
}

static void fill_culprit(const struct hung_graph *g, size_t i,
			 struct verdict *v)
{
	const struct snap_task *t = &g->snap->tasks[i];
	const struct snap_frame *fr;
	size_t n;

	v->culprit.pid = t->pid;
	copy_str(v->culprit.comm, sizeof(v->culprit.comm), t->comm);
	v->culprit.cpu = t->cpu;
	hung_task_where(g->snap, t, v->culprit.function, sizeof(v->culprit.function),
			v->culprit.module, sizeof(v->culprit.module));
	fr = hung_task_frames(g->snap, t, &n);
	v->bt_source = fr == t->frames ? "snapshot (task record)" :
		       "snapshot (backtrace of the task's CPU)";
	v->nr_frames = frames_from_snap(v->frames, VERDICT_MAX_FRAMES, fr, n);
}

/* The chain from @start to its end (or around its cycle), into @v. */
static enum status build_chain(const struct hung_graph *g, size_t start,
			       struct verdict *v)
{
	const struct hung_root *r = &g->roots[g->root[start]];
	size_t *idx, n = 0, i, half = VERDICT_MAX_CHAIN / 2;
	long cur = (long)start, entry = -1;

	idx = calloc(g->n + 1, sizeof(*idx));
	if (!idx)
		return ST_ERR_NOMEM;
	while (cur >= 0 && n <= g->n) {
		idx[n++] = (size_t)cur;
		if (g->in_cycle[cur] && entry < 0)
			entry = cur;
		cur = g->next[cur];
		if (cur >= 0 && cur == entry)
			break;
	}
	if (n <= VERDICT_MAX_CHAIN) {
		for (i = 0; i < n; i++)
			fill_link(g, idx[i], &v->chain[i]);
		v->nr_chain = n;
	} else {
		for (i = 0; i < half; i++)
			fill_link(g, idx[i], &v->chain[i]);
		for (i = 0; i < VERDICT_MAX_CHAIN - half; i++)
			fill_link(g, idx[n - (VERDICT_MAX_CHAIN - half) + i],
				  &v->chain[half + i]);
		v->nr_chain = VERDICT_MAX_CHAIN;
		v->chain_elided = n - VERDICT_MAX_CHAIN;
		v->chain_elided_at = half;
	}
	if (v->nr_chain) {
		struct verdict_link *last = &v->chain[v->nr_chain - 1];

		last->end = end_name(r->end);
		last->cycle = r->end == HUNG_END_CYCLE;
	}
	free(idx);
	return ST_OK;
}

static int cmp_pid(const void *a, const void *b, void *arg)
{
	const struct snap_task *t = arg;
	int x = t[*(const size_t *)a].pid, y = t[*(const size_t *)b].pid;

	return x < y ? -1 : x > y;
}

/* D tasks (all, or only those of root @root, off its cycle and last task),
 * by pid. */
static size_t blocked_of(const struct hung_graph *g, long root, size_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < g->n; i++) {
		if (!snap_task_blocked(&g->snap->tasks[i]))
			continue;
		if (root >= 0 && (g->root[i] != root || g->in_cycle[i] ||
				  i == g->roots[root].task))
			continue;
		out[n++] = i;
	}
	qsort_r(out, n, sizeof(*out), cmp_pid, (void *)g->snap->tasks);
	return n;
}

/* "systemd pid 1, systemd-tmpfile pid 4589, and 3 more" */
static void names(const struct hung_graph *g, const size_t *ix, size_t n,
		  char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n && i < 4; i++)
		cat(buf, size, "%s%s pid %d", i ? ", " : "",
		    g->snap->tasks[ix[i]].comm, g->snap->tasks[ix[i]].pid);
	if (n > 4)
		cat(buf, size, ", and %zu more", n - 4);
}

/* The locks through which tasks reach the root's tasks: "its mmap_lock". */
static void through(const struct hung_graph *g, long root, int holder,
		    char *buf, size_t size)
{
	uint64_t seen[2] = { 0, 0 };
	size_t i, nr = 0;
	char name[TRIAGE_SYM_LEN * 2];

	buf[0] = '\0';
	for (i = 0; i < g->n && nr < 2; i++) {
		const struct snap_task *t = &g->snap->tasks[i];
		long nx = g->next[i];
		struct verdict_lock l;

		if (g->root[i] != root || nx < 0 || g->in_cycle[i])
			continue;
		if (!g->in_cycle[nx] && (size_t)nx != g->roots[root].task)
			continue;
		if (nr && t->wait.addr == seen[0])
			continue;
		seen[nr++] = t->wait.addr;
		lock_from_snap(&l, &t->wait);
		lock_name(&l, holder, name, sizeof(name));
		cat(buf, size, "%s%s", nr > 1 ? " and " : "", name);
	}
}

static void behind_text(const struct hung_graph *g, long root, int holder,
			const char *them, char *buf, size_t size)
{
	size_t *ix = calloc(g->n ? g->n : 1, sizeof(*ix)), n;
	char list[VERDICT_TEXT], thr[VERDICT_TEXT];

	buf[0] = '\0';
	if (!ix)
		return;
	n = blocked_of(g, root, ix);
	if (n) {
		names(g, ix, n, list, sizeof(list));
		through(g, root, holder, thr, sizeof(thr));
		snprintf(buf, size, "; %zu task%s %s blocked behind %s%s%s (%s)",
			 n, n == 1 ? "" : "s", n == 1 ? "is" : "are", them,
			 thr[0] ? " through " : "", thr, list);
	}
	free(ix);
}

static void where_link(const struct verdict_link *k, char *buf, size_t size)
{
	if (!k->function[0])
		snprintf(buf, size, "an unknown function");
	else
		snprintf(buf, size, "%s%s%s%s", k->function,
			 k->module[0] ? " [" : "", k->module,
			 k->module[0] ? "]" : "");
}

/* ---- the verdicts, one per kind ---------------------------------------- */

struct hung_ctx {
	const struct judge_ctx *c;
	const struct hung_graph *g;
	long root;
	size_t start;
	char lock_sig[TRIAGE_SYM_LEN + 1];	/* for the signature */
	char site_func[TRIAGE_SYM_LEN + 1];	/* for title and signature */
	char site_mod[TRIAGE_MODNAME_LEN + 1];
};

static int cmp_part(const void *a, const void *b)
{
	return strcmp(a, b);
}

#define CYCLE_TOLD	4	/* members a summary describes one by one */

static void say_deadlock(struct hung_ctx *h, struct verdict *v)
{
	const struct hung_graph *g = h->g;
	const struct hung_root *r = &g->roots[h->root];
	size_t *members, k = 0, i;
	long entry, cur;
	char fn[200], held[TRIAGE_SYM_LEN * 2], wants[TRIAGE_SYM_LEN * 2];
	char more[VERDICT_TEXT], one[TRIAGE_SYM_LEN + 1];
	char (*parts)[300];

	/* the member where the chain enters the cycle, then around it */
	for (cur = (long)h->start; cur >= 0 && !g->in_cycle[cur];
	     cur = g->next[cur])
		;
	entry = cur >= 0 ? cur : (long)r->task;
	members = calloc(g->n, sizeof(*members));
	parts = calloc(g->n, sizeof(*parts));
	if (!members || !parts) {
		free(members);
		free(parts);
		return;
	}
	cur = entry;
	do {
		members[k++] = (size_t)cur;
		cur = g->next[cur];
	} while (cur >= 0 && cur != entry && k < g->n);
	v->cycle_len = k;
	v->nr_cycle = k < VERDICT_MAX_CYCLE ? k : VERDICT_MAX_CYCLE;
	for (i = 0; i < v->nr_cycle; i++)
		v->cycle[i] = g->snap->tasks[members[i]].pid;
	fill_culprit(g, (size_t)entry, v);
	behind_text(g, h->root, v->culprit.pid, k == 1 ? "it" : "them", more,
		    sizeof(more));
	for (i = 0; i < k; i++) {
		const struct snap_task *t = &g->snap->tasks[members[i]];
		const struct snap_task *p = &g->snap->tasks[members[(i + k - 1) % k]];
		struct verdict_lock lw, lh;
		struct verdict_link a;

		lock_from_snap(&lw, &t->wait);
		lock_sig(&lw, one, sizeof(one));
		hung_task_where(g->snap, t, fn, sizeof(fn), held, sizeof(held));
		snprintf(parts[i], sizeof(parts[i]), "%s%s%s%s:%s", fn,
			 held[0] ? "[" : "", held, held[0] ? "]" : "", one);
		if (i >= CYCLE_TOLD)
			continue;
		fill_link(g, members[i], &a);
		where_link(&a, fn, sizeof(fn));
		lock_name(&lw, a.pid, wants, sizeof(wants));
		if (k == 1) {
			snprintf(v->summary, sizeof(v->summary),
				 "%s (pid %d) in %s re-acquires %s which it already holds%s",
				 a.comm, a.pid, fn, wants, more);
			copy_str(h->lock_sig, sizeof(h->lock_sig), one);
			continue;
		}
		/* each holds the lock the one before it waits for */
		lock_from_snap(&lh, &p->wait);
		lock_name(&lh, a.pid, held, sizeof(held));
		if (i == 0)
			snprintf(v->summary, sizeof(v->summary), "%s: ",
				 k == 2 ? "ABBA deadlock" : "deadlock cycle");
		cat(v->summary, sizeof(v->summary),
		    "%s%s (pid %d) in %s holds %s and waits for %s", i ? "; " : "",
		    a.comm, a.pid, fn, held, wants);
	}
	if (k > 1) {
		if (k > CYCLE_TOLD)
			cat(v->summary, sizeof(v->summary),
			    "; ... %zu tasks in all", k);
		cat(v->summary, sizeof(v->summary), "%s", more);
		/* sorted: the same cycle whichever task it is entered by */
		qsort(parts, k, sizeof(*parts), cmp_part);
		snprintf(v->signature, sizeof(v->signature), "hung_task/deadlock:");
		for (i = 0; i < k; i++)
			if (!i || strcmp(parts[i], parts[i - 1]) != 0)
				cat(v->signature, sizeof(v->signature), "%s%s",
				    i ? "+" : "", parts[i]);
	}
	free(parts);
	free(members);
	evidence(v, "wait-for cycle of %zu task%s: %s", k, k == 1 ? "" :
		 "s", k == 1 ? "the task owns the lock it waits for" :
		 "each owns the lock the one before it waits for");
}

static void say_frozen(struct hung_ctx *h, struct verdict *v)
{
	const struct hung_graph *g = h->g;
	const struct snap_task *t = &g->snap->tasks[g->roots[h->root].task];
	size_t *ix = calloc(g->n ? g->n : 1, sizeof(*ix)), n = 0, i;
	char list[VERDICT_TEXT] = "", fs[TRIAGE_SYM_LEN + 40];
	char more[VERDICT_TEXT];

	fill_culprit(g, g->roots[h->root].task, v);
	if (t->wait.detail[0])
		snprintf(fs, sizeof(fs), "%s", t->wait.detail);
	else
		snprintf(fs, sizeof(fs), "(super_block 0x%" PRIx64 ")",
			 t->wait.container_addr);
	snprintf(v->summary, sizeof(v->summary),
		 "%s (pid %d) blocked writing to frozen filesystem %s, frozen at %s (level %d) \u2014 fsfreeze -u to thaw",
		 t->comm, t->pid, fs, frozen_name(t->wait.sb_frozen),
		 t->wait.sb_frozen);
	copy_str(h->lock_sig, sizeof(h->lock_sig), "sb_writers");
	if (!ix)
		return;
	for (i = 0; i < g->n; i++) {
		const struct snap_task *w = &g->snap->tasks[i];

		if (snap_task_blocked(w) && !w->short_head &&
		    hung_lock_frozen(&w->wait) &&
		    w->wait.container_addr == t->wait.container_addr)
			ix[n++] = i;
	}
	qsort_r(ix, n, sizeof(*ix), cmp_pid, (void *)g->snap->tasks);
	if (n > 1) {
		names(g, ix, n, list, sizeof(list));
		cat(v->summary, sizeof(v->summary), "; %zu writers blocked (%s)",
		    n, list);
	}
	evidence(v, "super_block 0x%" PRIx64 " %s: s_writers.frozen = %d (%s); pid %d waits on its level-%u rw_sem (%s)",
		 t->wait.container_addr, fs, t->wait.sb_frozen,
		 frozen_name(t->wait.sb_frozen), t->pid, t->wait.level,
		 t->wait.level == 1 ? "SB_FREEZE_WRITE: a write" :
		 t->wait.level == 2 ? "SB_FREEZE_PAGEFAULT: a page fault" :
		 t->wait.level == 3 ? "SB_FREEZE_FS: a filesystem transaction" :
		 "level unknown");
	behind_text(g, h->root, t->pid, "it", more, sizeof(more));
	if (more[0])
		evidence(v, "besides the writers%s", more);
	free(ix);
}

static void owner_state(const struct snap_task *t, char *buf, size_t size)
{
	if (t->task_flags & TRIAGE_TASK_F_ON_CPU)
		snprintf(buf, size, "running on CPU %d, not blocked", t->cpu);
	else
		snprintf(buf, size, "runnable (state R), not blocked");
}

/* The primitive a task sleeps in ("msleep", "io_schedule"), not counting
 * the scheduler itself; "" if its innermost frames are none. */
static void sleeps_in(const struct snap_task *t, char *buf, size_t size)
{
	char func[TRIAGE_SYM_LEN + 1], base[TRIAGE_SYM_LEN + 1];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < t->nr_frames; i++) {
		sym_split(t->frames[i].sym, func, sizeof(func), NULL, 0);
		kfunc_base(func, base, sizeof(base));
		if (!base[0] || strcmp(base, "__schedule") == 0 ||
		    strcmp(base, "schedule") == 0 ||
		    starts_with(base, "schedule_timeout") ||
		    starts_with(base, "schedule_hrtimeout") ||
		    starts_with(base, "__switch_to") ||
		    strcmp(base, "context_switch") == 0)
			continue;
		if (kfunc_is(base, KF_WAIT))
			snprintf(buf, size, "%s", base);
		return;
	}
}

static void say_held(struct hung_ctx *h, struct verdict *v, const char *kind)
{
	const struct hung_graph *g = h->g;
	const struct hung_root *r = &g->roots[h->root];
	const struct snap_task *t = &g->snap->tasks[r->task];
	struct verdict_link o;
	char fn[200], held[VERDICT_TEXT], more[VERDICT_TEXT], state[256];
	char wname[TRIAGE_SYM_LEN * 2];

	fill_culprit(g, r->task, v);
	fill_link(g, r->task, &o);
	where_link(&o, fn, sizeof(fn));
	through(g, h->root, t->pid, held, sizeof(held));
	behind_text(g, h->root, t->pid, "it", more, sizeof(more));
	if (strcmp(kind, "lock_held_by_running") == 0) {
		owner_state(t, state, sizeof(state));
	} else {
		switch (r->end) {
		case HUNG_END_NO_OWNER:
			lock_name(&o.wait, t->pid, wname, sizeof(wname));
			snprintf(state, sizeof(state),
				 "itself blocked on %s %s, which has no owner to blame",
				 snap_lock_type_name(o.wait.type), wname);
			break;
		case HUNG_END_SLEEPING:
			sleeps_in(t, wname, sizeof(wname));
			snprintf(state, sizeof(state),
				 "asleep (state %s)%s%s outside any lock wait that was found",
				 o.state, wname[0] ? " in " : "", wname);
			break;
		case HUNG_END_TRUNCATED:
			snprintf(state, sizeof(state),
				 "itself blocked (its record was cut short: what it waits on is unknown)");
			break;
		default:
			sleeps_in(t, wname, sizeof(wname));
			snprintf(state, sizeof(state), "itself blocked %s%s%s",
				 r->io ? "in I/O" : wname[0] ? "in " :
				 "on something the snapshot could not name",
				 r->io && wname[0] ? " in " : "",
				 wname);
			break;
		}
	}
	snprintf(v->summary, sizeof(v->summary), "%s (pid %d) in %s holds %s and is %s%s",
		 t->comm, t->pid, fn, held[0] ? held : "a lock", state, more);
	/* the lock it holds, for the signature */
	{
		char one[TRIAGE_SYM_LEN + 1];
		size_t i;

		/* the smallest name: the same whatever order tasks came in */
		for (i = 0; i < g->n; i++) {
			if (g->next[i] == (long)r->task) {
				struct verdict_lock l;

				lock_from_snap(&l, &g->snap->tasks[i].wait);
				lock_sig(&l, one, sizeof(one));
				if (!h->lock_sig[0] ||
				    strcmp(one, h->lock_sig) < 0)
					copy_str(h->lock_sig,
						 sizeof(h->lock_sig), one);
			}
		}
	}
}

/* The chain ends at a waiter whose lock's owner is not in the snapshot. */
static void say_unrecorded(struct hung_ctx *h, struct verdict *v)
{
	const struct hung_graph *g = h->g;
	const struct hung_root *r = &g->roots[h->root];
	struct verdict_link w;
	char fn[200], lname[TRIAGE_SYM_LEN * 2], more[VERDICT_TEXT];
	size_t *ix = calloc(g->n ? g->n : 1, sizeof(*ix)), n = 0;

	fill_link(g, r->task, &w);
	fill_culprit(g, r->task, v);
	copy_str(h->site_func, sizeof(h->site_func), v->culprit.function);
	copy_str(h->site_mod, sizeof(h->site_mod), v->culprit.module);
	lock_name(&w.wait, -1, lname, sizeof(lname));
	lock_sig(&w.wait, h->lock_sig, sizeof(h->lock_sig));
	if (ix)
		n = blocked_of(g, h->root, ix);
	more[0] = '\0';
	if (n)
		snprintf(more, sizeof(more), ", with %zu more task%s behind it",
			 n, n == 1 ? "" : "s");
	free(ix);
	where_link(&w, fn, sizeof(fn));
	if (r->end == HUNG_END_NOT_RECORDED && w.owner_pid >= 0) {
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) in %s waits for %s held by pid %d, which the snapshot did not record%s",
			 w.comm, w.pid, fn, lname, w.owner_pid, more);
		/* the owner is the root cause, known by its pid alone */
		v->culprit.pid = w.owner_pid;
		v->culprit.comm[0] = '\0';
		v->culprit.function[0] = v->culprit.module[0] = '\0';
		v->culprit.cpu = -1;
	} else if (w.reader_owned && w.owner_pid < 0 &&
		   (w.wait.flags & TRIAGE_LOCK_F_RT_BASED)) {
		/* PREEMPT_RT rw_semaphores keep no reader, not even a hint */
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) in %s waits for %s, held for read by %" PRIu64 " reader%s that the lock does not record (no reader hint)%s",
			 w.comm, w.pid, fn, lname, w.wait.raw,
			 w.wait.raw == 1 ? "" : "s", more);
	} else {
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) in %s waits for %s%s, whose owner is not known%s",
			 w.comm, w.pid, fn, lname,
			 w.reader_owned ? " (held by readers)" : "", more);
	}
}

static void say_alone(struct hung_ctx *h, struct verdict *v, const char *kind)
{
	const struct hung_graph *g = h->g;
	const struct hung_root *r = &g->roots[h->root];
	const struct snap_task *t = &g->snap->tasks[r->task];
	struct verdict_link w;
	char fn[200], lname[TRIAGE_SYM_LEN * 2], more[VERDICT_TEXT];

	fill_culprit(g, r->task, v);
	fill_link(g, r->task, &w);
	where_link(&w, fn, sizeof(fn));
	behind_text(g, h->root, t->pid, "it", more, sizeof(more));
	if (strcmp(kind, "no_owner") == 0) {
		lock_name(&w.wait, t->pid, lname, sizeof(lname));
		lock_sig(&w.wait, h->lock_sig, sizeof(h->lock_sig));
		if (w.wait.type == TRIAGE_LOCK_WAITQUEUE && !w.wait.symbol[0])
			snprintf(lname, sizeof(lname), "a wait queue at 0x%" PRIx64,
				 w.wait.addr);
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) waits in %s on %s %s%s%s%s, which has no owner: there is no owner to blame; whoever should %s it never did%s",
			 t->comm, t->pid, fn,
			 snap_lock_type_name(w.wait.type), lname,
			 w.wait.wait_fn[0] ? " (wake function " : "",
			 w.wait.wait_fn, w.wait.wait_fn[0] ? ")" : "",
			 w.wait.type == TRIAGE_LOCK_COMPLETION ? "complete" :
			 w.wait.type == TRIAGE_LOCK_SEMAPHORE ? "up() it" :
			 "wake", more);
	} else if (strcmp(kind, "io") == 0) {
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) is blocked in I/O in %s with no lock owner to blame: the I/O it waits for never completed%s",
			 t->comm, t->pid, fn, more);
	} else {
		snprintf(v->summary, sizeof(v->summary),
			 "%s (pid %d) is blocked in %s on %s%s",
			 t->comm, t->pid, fn,
			 r->end == HUNG_END_TRUNCATED ?
			 "something its cut-short record does not say" :
			 "nothing the snapshot could name", more);
	}
}

/* ---- evidence ---------------------------------------------------------- */

static void sysctl_line(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_sysctl *y;

	/* No record, or no value in it (no data symbols in kallsyms to find
	 * the sysctls by: Debian arm64 6.1): the panic message says it. */
	if (!c->snap || !c->snap->has_sysctl ||
	    c->snap->sysctl.hung_task_panic < 0) {
		if (strstr(c->message, HUNG_MSG))
			evidence(v, "panic message \"%s\": kernel.hung_task_panic was set",
				 c->message);
		return;
	}
	y = &c->snap->sysctl;
	if (y->hung_task_panic >= 0 && y->hung_task_timeout_secs >= 0)
		evidence(v, "kernel.hung_task_panic=%d, hung_task_timeout_secs=%lld%s",
			 y->hung_task_panic,
			 (long long)y->hung_task_timeout_secs,
			 y->hung_task_panic > 0 ?
			 ": khungtaskd panics on a task blocked longer than that" :
			 "");
	else if (y->hung_task_panic >= 0)
		evidence(v, "kernel.hung_task_panic=%d", y->hung_task_panic);
	else if (y->hung_task_timeout_secs >= 0)
		evidence(v, "kernel.hung_task_timeout_secs=%lld",
			 (long long)y->hung_task_timeout_secs);
}

static void walk_line(const struct judge_ctx *c, struct verdict *v)
{
	const struct triage_rec_tasks *w = &c->snap->taskwalk;

	if (!c->snap->has_taskwalk)
		return;
	evidence(v, "task walk: %u threads, %u running, %u in D state, %u recorded, %.3f ms%s%s%s%s",
		 w->nr_threads, w->nr_running, w->nr_uninterruptible,
		 w->nr_recorded, w->walk_ns / 1e6,
		 w->walk_flags & TRIAGE_WALK_F_CUT ? "; the walk stopped early" : "",
		 w->walk_flags & TRIAGE_WALK_F_BUDGET ? "; the time budget ran out" : "",
		 w->walk_flags & TRIAGE_WALK_F_CORRUPT ? "; the task list was unreadable" : "",
		 w->walk_flags & TRIAGE_WALK_F_FULL ? "; some tasks found were not recorded" : "");
	left_out_evidence(c, v);
}

static void link_line(struct verdict *v, const struct verdict_link *k)
{
	char fn[200], lname[TRIAGE_SYM_LEN * 2], blocked[48] = "";

	where_link(k, fn, sizeof(fn));
	if (k->has_blocked)
		snprintf(blocked, sizeof(blocked), ", blocked %.1f s",
			 k->blocked_ns / 1e9);
	if (!k->has_wait) {
		evidence(v, "%s (pid %d, state %s%s) in %s%s", k->comm, k->pid,
			 k->state ? k->state : "?", blocked, fn,
			 k->truncated ? ": its record was cut short" : "");
		return;
	}
	lock_name(&k->wait, k->pid, lname, sizeof(lname));
	evidence(v, "%s (pid %d, state %s%s) in %s waits on %s%s %s at 0x%" PRIx64 "%s",
		 k->comm, k->pid, k->state ? k->state : "?", blocked, fn,
		 snap_lock_type_name(k->wait.type),
		 k->wait.flags & TRIAGE_LOCK_F_WRITE ? " (write)" :
		 k->wait.flags & TRIAGE_LOCK_F_READ ? " (read)" : "",
		 lname, k->wait.addr,
		 k->heuristic ? " [found by scanning the stack]" : "");
	if (k->owner_pid >= 0)
		cat(v->evidence[v->nr_evidence - 1], VERDICT_TEXT,
		    ", owned by pid %d%s%s", k->owner_pid,
		    k->wait.flags & TRIAGE_LOCK_F_WRITER_OWNED ? " (held for write)" :
		    k->reader_owned ? " (a reader's hint)" : "",
		    k->matched_by && strcmp(k->matched_by, "pid") == 0 ?
		    " (matched by pid only)" : "");
	else if (k->wait.flags & TRIAGE_LOCK_F_OWNER_GONE)
		cat(v->evidence[v->nr_evidence - 1], VERDICT_TEXT,
		    ", whose owner has exited (its owner word names no live task)");
}

static void caveats(const struct hung_graph *g, struct verdict *v)
{
	size_t i;
	bool heur = false;
	char lname[TRIAGE_SYM_LEN * 2];

	for (i = 0; i < v->nr_chain; i++) {
		const struct verdict_link *k = &v->chain[i];

		if (k->reader_owned && k->has_wait && k->owner_pid >= 0) {
			lock_name(&k->wait, -1, lname, sizeof(lname));
			evidence(v, "caveat: %s is held by readers; pid %d is only the last reader's hint, other readers may hold it too",
				 lname, k->owner_pid);
			cat(v->summary, sizeof(v->summary),
			    " (caveat: %s is reader-owned; pid %d is only the last reader's hint)",
			    lname, k->owner_pid);
		}
		if (k->heuristic)
			heur = true;
		if (k->truncated)
			evidence(v, "the record of pid %d was cut short", k->pid);
	}
	if (heur)
		evidence(v, "caveat: a wait in this chain was found by scanning the stack (heuristic)");
	if (v->chain_elided)
		evidence(v, "the chain has %zu links; %zu in the middle are left out",
			 v->chain_elided + v->nr_chain, v->chain_elided);
	(void)g;
}

static void other_roots(const struct hung_graph *g, long picked,
			struct verdict *v)
{
	const struct hung_root *pt = &g->roots[picked];
	size_t i, shown = 0, others = 0;

	for (i = 0; i < g->nr_roots; i++) {
		const struct hung_root *r = &g->roots[i];
		const struct snap_task *t = &g->snap->tasks[r->task];

		if ((long)i == picked || !r->blocked)
			continue;
		/* writers of the same frozen filesystem are already named */
		if (r->end == HUNG_END_FROZEN_FS && pt->end == HUNG_END_FROZEN_FS &&
		    t->wait.container_addr ==
		    g->snap->tasks[pt->task].wait.container_addr)
			continue;
		others++;
		if (shown >= 3)
			continue;
		shown++;
		evidence(v, "also: %zu blocked task%s end%s at %s (pid %d): %s",
			 r->blocked, r->blocked == 1 ? "" : "s",
			 r->blocked == 1 ? "s" : "", t->comm, t->pid,
			 hung_root_kind(g, r));
	}
	if (others > shown)
		evidence(v, "also: %zu more independent groups of blocked tasks",
			 others - shown);
}

static void list_blocked(const struct hung_graph *g, struct verdict *v)
{
	size_t *ix = calloc(g->n ? g->n : 1, sizeof(*ix)), n, i;

	if (!ix)
		return;
	n = blocked_of(g, -1, ix);
	v->nr_blocked_total = n;
	for (i = 0; i < n && i < VERDICT_MAX_BLOCKED; i++)
		fill_link(g, ix[i], &v->blocked[i]);
	v->nr_blocked = i;
	free(ix);
}

/* ---- the chain start and the signature ---------------------------------- */

#define MAX_REPORTED	256

/* The pids khungtaskd printed "INFO: task ..." lines for. */
struct reported {
	size_t n;
	int pid[MAX_REPORTED];
};

static void collect_reported(const struct loglines *l, struct reported *r)
{
	struct info_line in;
	size_t i;

	r->n = 0;
	for (i = 0; i < l->nr && r->n < MAX_REPORTED; i++)
		if (strstr(l->line[i], INFO_TASK) && parse_info(l, (long)i, &in))
			r->pid[r->n++] = in.pid;
}

static bool was_reported(const struct reported *r, int pid)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->pid[i] == pid)
			return true;
	return false;
}

/*
 * Where the chain shown starts: the blocked task farthest from the cause
 * (so the chain shows the most), then one the kernel reported, then the one
 * blocked longest, then the lowest pid.
 */
static size_t pick_start(const struct hung_graph *g, long root,
			 const struct reported *rep)
{
	size_t i, best = g->roots[root].task;
	bool have = false, best_rep = false;

	for (i = 0; i < g->n; i++) {
		const struct snap_task *t = &g->snap->tasks[i], *b;
		bool r;

		if (g->root[i] != root || !snap_task_blocked(t))
			continue;
		b = &g->snap->tasks[best];
		r = was_reported(rep, t->pid);
		if (!have || g->depth[i] > g->depth[best] ||
		    (g->depth[i] == g->depth[best] &&
		     ((r && !best_rep) ||
		      (r == best_rep &&
		       (t->blocked_ns > b->blocked_ns ||
			(t->blocked_ns == b->blocked_ns &&
			 t->pid < b->pid)))))) {
			best = i;
			best_rep = r;
			have = true;
		}
	}
	return best;
}

static void hung_signature(struct hung_ctx *h, struct verdict *v)
{
	char func[TRIAGE_SYM_LEN + 1];
	size_t n;

	if (v->signature[0])
		return;
	n = (size_t)snprintf(v->signature, sizeof(v->signature),
			     "hung_task/%s", v->kind);
	if (h->site_func[0]) {
		kfunc_base(h->site_func, func, sizeof(func));
		n += (size_t)snprintf(v->signature + n, sizeof(v->signature) - n,
				      ":%s", func);
		if (h->site_mod[0] && n < sizeof(v->signature))
			n += (size_t)snprintf(v->signature + n,
					      sizeof(v->signature) - n, "[%s]",
					      h->site_mod);
	}
	if (h->lock_sig[0] && n < sizeof(v->signature))
		snprintf(v->signature + n, sizeof(v->signature) - n, ":%s",
			 h->lock_sig);
}

/* ---- the kernel's own blocker lines (v6.15+) ------------------------------ */

/* The blocker lines of a log (hung.h), the last of each blocked pid. */
struct blockers {
	size_t n;
	struct hung_blocker b[MAX_REPORTED];
};

static struct blockers *read_blockers(const struct loglines *l)
{
	struct blockers *bl = calloc(1, sizeof(*bl));

	if (bl)
		bl->n = hung_log_blockers(l, bl->b, MAX_REPORTED);
	return bl;
}

/*
 * With task records, the kernel's lines are a second opinion: say where they
 * agree with the chain the snapshot gives, and what they say where not.
 */
static void corroborate(const struct judge_ctx *c, struct verdict *v)
{
	struct blockers *bl = read_blockers(&c->log);
	char text[VERDICT_TEXT], snap[64];
	size_t i, told = 0;

	for (i = 0; bl && i < v->nr_chain && told < 4; i++) {
		const struct verdict_link *k = &v->chain[i];
		const struct hung_blocker *b = hung_blocker_of(bl->b, bl->n,
							       k->pid);

		if (!b)
			continue;
		told++;
		hung_blocker_text(b, text, sizeof(text));
		if (k->has_wait && k->wait.type == b->type &&
		    k->owner_pid == b->owner_pid) {
			evidence(v, "log: the kernel's hung-task detector agrees: %s (pid %d) is blocked on %s",
				 b->comm, b->pid, text);
			continue;
		}
		if (!k->has_wait)
			snprintf(snap, sizeof(snap), "no lock");
		else if (k->owner_pid >= 0)
			snprintf(snap, sizeof(snap), "a %s owned by pid %d",
				 snap_lock_type_name(k->wait.type), k->owner_pid);
		else
			snprintf(snap, sizeof(snap), "a %s with no owner named",
				 snap_lock_type_name(k->wait.type));
		evidence(v, "log: the kernel's hung-task detector says %s (pid %d) is blocked on %s; the snapshot found %s",
			 b->comm, b->pid, text, snap);
	}
	free(bl);
}

/* The log line "INFO: task comm:pid blocked for more than" of @pid, or -1. */
static long info_line_of(const struct loglines *l, int32_t pid)
{
	struct info_line in;
	long i;

	for (i = (long)l->nr - 1; i >= 0; i--)
		if (strstr(l->line[i], INFO_TASK) && parse_info(l, i, &in) &&
		    in.pid == pid)
			return i;
	return -1;
}

/*
 * The kernel shows the holder of a blocker right after its line, unless
 * (v6.18+) the holder is a hung task itself: "task:comm state:S ...
 * pid:N ...", then its backtrace.  The state of @b's holder, or NULL when
 * the next line is not its dump.
 */
static const char *holder_state(const struct loglines *l,
				const struct hung_blocker *b)
{
	static const char *const states[] = {
		"R", "S", "D", "T", "t", "X", "Z", "P", "I",
	};
	const char *s, *p;
	size_t i;

	if (b->line < 0 || b->owner_pid < 0 || b->line + 1 >= (long)l->nr)
		return NULL;
	s = l->line[b->line + 1];
	p = strstr(s, " pid:");
	if (!starts_with(s, "task:") || !p || atoi(p + 5) != b->owner_pid)
		return NULL;
	p = strstr(s, " state:");
	for (i = 0; p && i < sizeof(states) / sizeof(states[0]); i++)
		if (p[7] == states[i][0])
			return states[i];
	return "?";
}

/* The blocked task @i of @v->blocked, or NULL. */
static struct verdict_link *reported(struct verdict *v, int32_t pid)
{
	size_t i;

	for (i = 0; i < v->nr_blocked; i++)
		if (v->blocked[i].pid == pid)
			return &v->blocked[i];
	return NULL;
}

/* The chain from @pid through the blocker lines: its pids, how many, and
 * where it closes on itself (-1: it does not). */
static size_t follow(const struct blockers *bl, int32_t pid, int32_t *pids,
		     size_t max, long *cycle_at)
{
	const struct hung_blocker *b;
	size_t n = 0, k;

	*cycle_at = -1;
	while (n < max) {
		for (k = 0; k < n; k++)
			if (pids[k] == pid) {
				*cycle_at = (long)k;
				return n;
			}
		pids[n++] = pid;
		b = hung_blocker_of(bl->b, bl->n, pid);
		if (!b || b->owner_pid < 0)
			break;
		pid = b->owner_pid;
	}
	return n;
}

static const char *lock_word(uint32_t type)
{
	return type == TRIAGE_LOCK_SEMAPHORE ? "semaphore" :
	       type == TRIAGE_LOCK_RWSEM ? "rw-semaphore" : "mutex";
}

/* Link @i of the chain @pids: from its report and the blocker lines. */
static void log_link(const struct judge_ctx *c, struct verdict *v,
		     const struct blockers *bl, const int32_t *pids, size_t i,
		     struct verdict_link *k, struct verdict *tmp)
{
	const struct hung_blocker *b = hung_blocker_of(bl->b, bl->n, pids[i]);
	const struct hung_blocker *prev = i ? hung_blocker_of(bl->b, bl->n,
							      pids[i - 1]) : NULL;
	const struct verdict_link *r = reported(v, pids[i]);
	long f;

	if (r) {
		*k = *r;
	} else {
		memset(k, 0, sizeof(*k));
		k->pid = pids[i];
		k->cpu = -1;
		k->owner_pid = -1;
		if (prev)
			copy_str(k->comm, sizeof(k->comm), prev->owner_comm);
		k->state = prev ? holder_state(&c->log, prev) : NULL;
		/* where the holder is: its first frame that is no wait
		 * primitive (msleep, schedule_timeout...), as with records */
		if (k->state && tmp) {
			use_log_frames(tmp, &c->log, prev->line + 1);
			for (f = 0; f < (long)tmp->nr_frames; f++) {
				sym_split(tmp->frames[f].sym, k->function,
					  sizeof(k->function), k->module,
					  sizeof(k->module));
				if (k->function[0] &&
				    !kfunc_is(k->function, KF_WAIT))
					break;
				k->function[0] = k->module[0] = '\0';
			}
		}
	}
	if (b) {
		k->has_wait = true;
		memset(&k->wait, 0, sizeof(k->wait));
		k->wait.type = b->type;
		k->wait.flags = b->flags;
		k->wait.container_pid = -1;
		k->wait.sb_frozen = -1;
		k->owner_pid = b->owner_pid;
	}
}

static void named(char *buf, size_t size, const struct verdict_link *k)
{
	snprintf(buf, size, "%s (pid %d) in %s%s%s%s", k->comm[0] ? k->comm : "?",
		 k->pid, k->function[0] ? k->function : "an unknown function",
		 k->module[0] ? " [" : "", k->module, k->module[0] ? "]" : "");
}

/* A cycle's signature as with task records: its members' "func[mod]:lock",
 * sorted, so that it is the same whichever member the log reported last. */
static void log_cycle_signature(struct verdict *v, size_t from, size_t nb)
{
	char (*parts)[TRIAGE_SYM_LEN * 2] = calloc(nb, sizeof(*parts));
	size_t i, k = 0;

	if (!parts)
		return;
	for (i = from; i < nb; i++) {
		const struct verdict_link *m = &v->chain[i];

		snprintf(parts[k++], sizeof(parts[0]), "%s%s%s%s:%s",
			 m->function[0] ? m->function : "?",
			 m->module[0] ? "[" : "", m->module,
			 m->module[0] ? "]" : "",
			 snap_lock_type_name(m->wait.type));
	}
	qsort(parts, k, sizeof(*parts), cmp_part);
	snprintf(v->signature, sizeof(v->signature), "hung_task/deadlock:");
	for (i = 0; i < k; i++)
		if (!i || strcmp(parts[i], parts[i - 1]) != 0)
			cat(v->signature, sizeof(v->signature), "%s%s",
			    i ? "+" : "", parts[i]);
	free(parts);
}

/*
 * Without task records: the chain the kernel's blocker lines make (a task
 * blocked on a lock likely held by another, that one on another...), from
 * the reported task it is longest for, and the verdict it gives.  False when
 * the lines give no chain (none, or only owners the kernel did not find).
 */
static bool log_chain(const struct judge_ctx *c, struct verdict *v)
{
	struct blockers *bl = read_blockers(&c->log);
	struct verdict *tmp = calloc(1, sizeof(*tmp));
	int32_t pids[VERDICT_MAX_CHAIN], best[VERDICT_MAX_CHAIN];
	size_t i, n, nb = 0;
	long at, best_at = -1, line;
	char one[VERDICT_TEXT], who[TRIAGE_SYM_LEN * 2];
	struct verdict_link *end;
	bool ok = false;

	if (!bl || !tmp || !bl->n)
		goto out;
	/* the blocked tasks' own waits, as the kernel names them */
	for (i = 0; i < v->nr_blocked; i++) {
		const struct hung_blocker *b = hung_blocker_of(bl->b, bl->n,
							       v->blocked[i].pid);

		if (!b)
			continue;
		v->blocked[i].has_wait = true;
		memset(&v->blocked[i].wait, 0, sizeof(v->blocked[i].wait));
		v->blocked[i].wait.type = b->type;
		v->blocked[i].wait.flags = b->flags;
		v->blocked[i].wait.container_pid = -1;
		v->blocked[i].wait.sb_frozen = -1;
		v->blocked[i].owner_pid = b->owner_pid;
	}
	for (i = 0; i < bl->n && i < 6; i++)
		evidence(v, "log: \"%s\"", c->log.line[bl->b[i].line]);
	/* the longest chain; among equals the one of the last task reported */
	for (i = 0; i < v->nr_blocked; i++) {
		n = follow(bl, v->blocked[i].pid, pids, VERDICT_MAX_CHAIN, &at);
		if (n > nb || (n == nb && v->blocked[i].pid == v->culprit.pid)) {
			nb = n;
			best_at = at;
			memcpy(best, pids, n * sizeof(*pids));
		}
	}
	if (nb < 2 && best_at < 0)
		goto out;
	ok = true;
	for (i = 0; i < nb; i++)
		log_link(c, v, bl, best, i, &v->chain[i], tmp);
	v->nr_chain = nb;
	end = &v->chain[nb - 1];
	if (best_at >= 0) {
		size_t k = nb - (size_t)best_at;

		end->cycle = true;
		end->end = "cycle";
		v->kind = "deadlock";
		v->cycle_len = k;
		v->nr_cycle = k < VERDICT_MAX_CYCLE ? k : VERDICT_MAX_CYCLE;
		for (i = 0; i < v->nr_cycle; i++)
			v->cycle[i] = best[best_at + (long)i];
		end = &v->chain[best_at];
	} else if (end->has_wait) {
		end->end = "owner_unknown";
		v->kind = "lock_held";
	} else if (reported(v, end->pid)) {
		end->end = "no_lock_found";
		v->kind = "lock_held_by_blocked";
	} else if (end->state && strcmp(end->state, "R") == 0) {
		end->end = "owner_running";
		v->kind = "lock_held_by_running";
	} else if (end->state) {
		end->end = strcmp(end->state, "D") == 0 ? "no_lock_found" :
			   "owner_sleeping";
		v->kind = "lock_held_by_blocked";
	} else {
		end->end = "owner_not_recorded";
		v->kind = "lock_held";
	}
	/* the culprit: the holder at the end, or where the cycle is entered */
	v->culprit.pid = end->pid;
	copy_str(v->culprit.comm, sizeof(v->culprit.comm), end->comm);
	copy_str(v->culprit.function, sizeof(v->culprit.function),
		 end->function);
	copy_str(v->culprit.module, sizeof(v->culprit.module), end->module);
	v->culprit.cpu = -1;
	line = info_line_of(&c->log, end->pid);
	if (line < 0 && end != &v->chain[0] && !reported(v, end->pid) &&
	    end->state) {
		const struct hung_blocker *p =
			hung_blocker_of(bl->b, bl->n, (end - 1)->pid);

		line = p ? p->line + 1 : -1;
	}
	v->nr_frames = 0;
	v->bt_source = NULL;
	if (line >= 0)
		use_log_frames(v, &c->log, line);
	title_in(v, "INFO: task hung");
	/* the summary */
	named(who, sizeof(who), end);
	if (best_at >= 0 && v->cycle_len == 1) {
		snprintf(v->summary, sizeof(v->summary),
			 "%s re-acquires a %s it already holds: the kernel's hung-task detector reports it blocked on a %s likely owned by itself",
			 who, lock_word(end->wait.type), lock_word(end->wait.type));
	} else if (best_at >= 0) {
		snprintf(v->summary, sizeof(v->summary), "%s, as the kernel's hung-task detector reports it: ",
			 v->cycle_len == 2 ? "ABBA deadlock" : "deadlock cycle");
		for (i = (size_t)best_at; i < nb; i++) {
			const struct hung_blocker *b =
				hung_blocker_of(bl->b, bl->n, v->chain[i].pid);

			named(who, sizeof(who), &v->chain[i]);
			if (b)
				hung_blocker_text(b, one, sizeof(one));
			cat(v->summary, sizeof(v->summary), "%s%s waits on %s",
			    i > (size_t)best_at ? "; " : "", who, b ? one : "?");
		}
	} else if (end->has_wait) {
		hung_blocker_text(hung_blocker_of(bl->b, bl->n, end->pid), one,
				  sizeof(one));
		snprintf(v->summary, sizeof(v->summary),
			 "%s is blocked on %s", who, one);
	} else {
		const struct verdict_link *w = end - 1;
		char state[48] = "";

		if (strcmp(end->end, "owner_running") == 0)
			snprintf(state, sizeof(state), ", running (state R),");
		else if (strcmp(end->end, "owner_sleeping") == 0)
			snprintf(state, sizeof(state), ", asleep (state %s),",
				 end->state);
		else if (strcmp(end->end, "no_lock_found") == 0)
			snprintf(state, sizeof(state), ", itself blocked,");
		snprintf(v->summary, sizeof(v->summary),
			 "%s%s likely holds the %s that %s (pid %d) waits on",
			 who,
			 state, lock_word(w->wait.type), w->comm, w->pid);
	}
	if (best_at < 0 && nb > 2)
		cat(v->summary, sizeof(v->summary), "; %zu tasks are blocked behind it",
		    nb - 1);
	cat(v->summary, sizeof(v->summary), " (from the kernel's hung-task report%s)",
	    c->snap ? "" : "; no snapshot: lock addresses unknown");
	evidence(v, "log: the chain is the kernel's own (CONFIG_DETECT_HUNG_TASK_BLOCKER): each \"blocked on ... likely owned by\" line names the lock kind and its holder");
	set_signature(v, snap_lock_type_name(end->has_wait ? end->wait.type :
					     v->chain[nb - 2].wait.type));
	if (best_at >= 0 && v->cycle_len > 1)
		log_cycle_signature(v, (size_t)best_at, nb);
out:
	free(tmp);
	free(bl);
	return ok;
}

static bool judge_from_tasks(const struct judge_ctx *c, struct verdict *v,
			     const struct info_line *info)
{
	struct hung_graph g;
	struct hung_ctx h = { .c = c, .g = &g };
	struct reported rep;
	const char *kind;
	size_t i;

	if (hung_graph_build(&g, c->snap) != ST_OK)
		return false;
	h.root = hung_pick_root(&g, info ? info->pid : -1);
	if (h.root < 0) {
		hung_graph_free(&g);
		return false;
	}
	kind = hung_root_kind(&g, &g.roots[h.root]);
	v->kind = kind;
	collect_reported(&c->log, &rep);
	h.start = pick_start(&g, h.root, &rep);
	if (build_chain(&g, h.start, v) != ST_OK) {
		hung_graph_free(&g);
		return false;
	}
	sysctl_line(c, v);
	if (info)
		evidence(v, "log: \"%s\"", c->log.line[info->line]);
	if (strcmp(kind, "deadlock") == 0)
		say_deadlock(&h, v);
	else if (strcmp(kind, "frozen_fs") == 0)
		say_frozen(&h, v);
	else if (strcmp(kind, "lock_held_by_running") == 0 ||
		 strcmp(kind, "lock_held_by_blocked") == 0)
		say_held(&h, v, kind);
	else if (strcmp(kind, "lock_held") == 0)
		say_unrecorded(&h, v);
	else
		say_alone(&h, v, kind);
	if (!h.site_func[0]) {
		copy_str(h.site_func, sizeof(h.site_func), v->culprit.function);
		copy_str(h.site_mod, sizeof(h.site_mod), v->culprit.module);
	}
	caveats(&g, v);
	for (i = 0; i < v->nr_chain && i < 8; i++)
		link_line(v, &v->chain[i]);
	corroborate(c, v);
	walk_line(c, v);
	other_roots(&g, h.root, v);
	list_blocked(&g, v);
	if (h.site_func[0]) {
		char func[TRIAGE_SYM_LEN + 1];

		kfunc_base(h.site_func, func, sizeof(func));
		snprintf(v->title, sizeof(v->title), "INFO: task hung in %s",
			 func);
	} else {
		copy_str(v->title, sizeof(v->title), "INFO: task hung");
	}
	hung_signature(&h, v);
	hung_graph_free(&g);
	return true;
}

/* ---- without task records: what khungtaskd printed ---------------------- */

static void judge_from_log(const struct judge_ctx *c, struct verdict *v,
			   const struct info_line *last)
{
	struct verdict *tmp = calloc(1, sizeof(*tmp));
	struct info_line in;
	char list[VERDICT_TEXT] = "";
	long i;
	size_t n = 0, k;

	v->culprit.cpu = -1;
	sysctl_line(c, v);
	if (!last) {
		copy_str(v->title, sizeof(v->title), "INFO: task hung");
		copy_str(v->summary, sizeof(v->summary),
			 "hung task: khungtaskd panicked, but the blocked tasks are not in the log");
		set_signature(v, NULL);
		free(tmp);
		return;
	}
	/* every task khungtaskd reported, the last report of each pid */
	for (i = 0; tmp && i < (long)c->log.nr; i++) {
		struct verdict_link *k2 = NULL;
		long f;

		if (!strstr(c->log.line[i], INFO_TASK) ||
		    !parse_info(&c->log, i, &in))
			continue;
		for (k = 0; k < n; k++)
			if (v->blocked[k].pid == in.pid)
				k2 = &v->blocked[k];
		if (!k2 && n < VERDICT_MAX_BLOCKED)
			k2 = &v->blocked[n++];
		if (!k2)
			continue;
		memset(k2, 0, sizeof(*k2));
		k2->pid = in.pid;
		copy_str(k2->comm, sizeof(k2->comm), in.comm);
		k2->state = "D";
		k2->cpu = -1;
		k2->owner_pid = -1;
		k2->has_blocked = true;
		k2->blocked_at_least = true;
		k2->blocked_ns = (uint64_t)(in.secs > 0 ? in.secs : 0) *
				 1000000000ull;
		use_log_frames(tmp, &c->log, i);	/* resets tmp's frames */
		f = first_culprit_frame(tmp, KF_SLEEP);
		if (f >= 0)
			sym_split(tmp->frames[f].sym, k2->function,
				  sizeof(k2->function), k2->module,
				  sizeof(k2->module));
	}
	v->nr_blocked = v->nr_blocked_total = n;
	free(tmp);

	copy_str(v->culprit.comm, sizeof(v->culprit.comm), last->comm);
	v->culprit.pid = last->pid;
	use_log_frames(v, &c->log, last->line);
	set_culprit_frame(v, first_culprit_frame(v, KF_SLEEP));
	title_in(v, "INFO: task hung");
	for (k = 0; k < n && k < 4; k++)
		cat(list, sizeof(list), "%s%s pid %d", k ? ", " : "",
		    v->blocked[k].comm, v->blocked[k].pid);
	if (n > 4)
		cat(list, sizeof(list), ", and %zu more", n - 4);
	snprintf(v->summary, sizeof(v->summary),
		 "task %s (pid %d) hung in %s%s%s%s, blocked for more than %ld seconds%s; hung_task_panic made it a panic",
		 v->culprit.comm, v->culprit.pid,
		 v->culprit.function[0] ? v->culprit.function :
		 "an unknown function",
		 v->culprit.module[0] ? " [" : "", v->culprit.module,
		 v->culprit.module[0] ? "]" : "", last->secs,
		 c->snap ? "" : " (no snapshot: lock owners unknown)");
	if (n > 1)
		cat(v->summary, sizeof(v->summary), "; %zu tasks reported blocked (%s)",
		    n, list);
	for (k = 0; k < n && k < 8; k++)
		evidence(v, "log: task %s (pid %d) blocked for more than %.0f seconds in %s",
			 v->blocked[k].comm, v->blocked[k].pid,
			 v->blocked[k].blocked_ns / 1e9,
			 v->blocked[k].function[0] ? v->blocked[k].function :
			 "an unknown function");
	if (c->snap)
		evidence(v, "the snapshot holds no blocked task records: lock owners and wait-for chains are unknown");
	/* a v6.15+ kernel names the locks and their holders itself */
	if (!log_chain(c, v))
		set_signature(v, NULL);
}

bool judge_hung_task(const struct judge_ctx *c, struct verdict *v)
{
	struct info_line info;
	long line = last_info(&c->log, &info);
	bool by_msg = strstr(c->message, HUNG_MSG) != NULL;

	if (!by_msg && !(line >= 0 && !c->message[0]))
		return false;
	v->cls = VC_HUNG_TASK;
	if (c->snap && c->snap->nr_tasks &&
	    judge_from_tasks(c, v, line >= 0 ? &info : NULL))
		return true;
	/* nothing usable in the task records: start over from the log */
	v->nr_chain = v->nr_cycle = v->cycle_len = v->nr_evidence = 0;
	v->nr_blocked = v->nr_blocked_total = v->chain_elided = 0;
	v->kind = NULL;
	v->summary[0] = v->signature[0] = v->title[0] = '\0';
	judge_from_log(c, v, line >= 0 ? &info : NULL);
	return true;
}
