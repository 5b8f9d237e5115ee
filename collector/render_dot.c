// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * render_dot.c - a verdict's wait-for graph as Graphviz DOT (render_dot.h).
 *
 * Nodes: tasks "tPID" (boxes: comm, pid, state, CPU, function, how long
 * blocked), locks "lN" (ellipses: type, name or address, container, who
 * holds it), CPUs "cpuN" (a lockup's stuck CPU).  Edges: task -> lock
 * "waits on", lock -> task "owned by", cpu -> lock "spins on", lock -> task
 * or CPU "held by".  Edges and nodes of the deadlock cycle (or of a CPU
 * spinning on a lock it holds) are red, penwidth 3.  Only from the verdict:
 * no I/O, every string escaped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfunc.h"
#include "render_dot.h"

#define CYCLE_ATTRS	"color=\"red\", fontcolor=\"red\", penwidth=3"
#define MAX_LOCKS	(VERDICT_MAX_CHAIN + VERDICT_MAX_BLOCKED)
#define MAX_TASKS	(2 * MAX_LOCKS + 2)

/* A lock's owner edge, drawn once after every wait is known. */
struct owned {
	size_t lock;
	int owner;
	bool cycle;			/* a waiter and the owner on the cycle */
	bool hint;			/* a reader-owned lock's owner hint */
};

struct graph {
	FILE *f;
	const struct verdict *v;
	const struct verdict_lock *locks[MAX_LOCKS];	/* by address */
	size_t nr_locks;
	struct owned owned[MAX_LOCKS];
	size_t nr_owned;
	int tasks[MAX_TASKS];				/* drawn pids */
	size_t nr_tasks;
};

/* @s inside a DOT double-quoted string: quotes and backslashes escaped,
 * control characters made '?'. */
static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
	}
}

/* A symbol at offset 0 as the lock's name: "lock_a [mod]" (as render.c). */
static void sym_name(FILE *f, const char *sym)
{
	char fn[TRIAGE_SYM_LEN + 1], mod[TRIAGE_MODNAME_LEN + 1];

	if (!strstr(sym, "+0x0/")) {
		esc(f, sym);
		return;
	}
	sym_split(sym, fn, sizeof(fn), mod, sizeof(mod));
	esc(f, fn);
	if (mod[0]) {
		fprintf(f, " [");
		esc(f, mod);
		fprintf(f, "]");
	}
}

static bool in_cycle(const struct verdict *v, int pid)
{
	size_t i;

	for (i = 0; i < v->nr_cycle; i++)
		if (v->cycle[i] == pid)
			return true;
	return false;
}

/* The best record of @pid: its chain link, else its blocked-task entry. */
static const struct verdict_link *link_of(const struct verdict *v, int pid)
{
	size_t i;

	for (i = 0; i < v->nr_chain; i++)
		if (v->chain[i].pid == pid)
			return &v->chain[i];
	for (i = 0; i < v->nr_blocked; i++)
		if (v->blocked[i].pid == pid)
			return &v->blocked[i];
	return NULL;
}

static void task_node(struct graph *g, int pid, const char *comm, int cpu,
		      const char *extra)
{
	const struct verdict_link *k = link_of(g->v, pid);
	FILE *f = g->f;
	size_t i;

	for (i = 0; i < g->nr_tasks; i++)
		if (g->tasks[i] == pid)
			return;
	if (g->nr_tasks == MAX_TASKS)
		return;
	g->tasks[g->nr_tasks++] = pid;
	fprintf(f, "  t%d [shape=box, label=\"", pid);
	esc(f, k ? k->comm : comm && *comm ? comm : "?");
	fprintf(f, "\\npid %d", pid);
	if (k && k->state) {
		fprintf(f, ", ");
		esc(f, k->state);
	}
	if (k && k->cpu >= 0)
		fprintf(f, ", CPU %d", k->cpu);
	else if (!k && cpu >= 0)
		fprintf(f, ", CPU %d", cpu);
	if (k && k->function[0]) {
		fprintf(f, "\\n");
		esc(f, k->function);
		if (k->module[0]) {
			fprintf(f, " [");
			esc(f, k->module);
			fprintf(f, "]");
		}
	}
	if (k && k->has_blocked)
		fprintf(f, "\\nblocked %s%.0f s", k->blocked_at_least ?
			"over " : "", k->blocked_ns / 1e9);
	if (!k && !extra)
		fprintf(f, "\\n(not blocked: not recorded)");
	if (extra) {
		fprintf(f, "\\n");
		esc(f, extra);
	}
	fprintf(f, "\"%s%s];\n", in_cycle(g->v, pid) ? ", " CYCLE_ATTRS : "",
		g->v->culprit.pid == pid ? ", style=\"bold\"" : "");
}

/* The node of @l (one per address; an unnamed lock at 0 per waiter). */
static size_t lock_node(struct graph *g, const struct verdict_lock *l)
{
	const char *cont = snap_container_name(l->container);
	FILE *f = g->f;
	size_t i;

	for (i = 0; i < g->nr_locks; i++)
		if (l->addr && g->locks[i]->addr == l->addr)
			return i;
	if (g->nr_locks == MAX_LOCKS)
		return MAX_LOCKS;
	g->locks[g->nr_locks] = l;
	fprintf(f, "  l%zu [shape=ellipse, label=\"", g->nr_locks);
	esc(f, snap_lock_type_name(l->type));
	fprintf(f, "\\n");
	sym_name(f, l->symbol);
	if (l->symbol[0] && l->addr)
		fprintf(f, "\\n");
	if (l->addr)
		fprintf(f, "0x%" PRIx64, l->addr);
	if (cont) {
		fprintf(f, "\\nin ");
		esc(f, l->detail[0] ? l->detail : cont);
	}
	if (l->flags & TRIAGE_LOCK_F_OWNER_GONE)
		fprintf(f, "\\nowner exited");
	else if (l->flags & TRIAGE_LOCK_F_READER_OWNED)
		fprintf(f, "\\nheld by readers");
	else if (l->flags & TRIAGE_LOCK_F_NO_OWNER)
		fprintf(f, "\\nno owner");
	fprintf(f, "\"];\n");
	return g->nr_locks++;
}

/* A blocked task: it, the lock it waits on, and that lock's owner. */
static void task_waits(struct graph *g, const struct verdict_link *k)
{
	const struct verdict *v = g->v;
	bool cyc;
	size_t l, i;

	task_node(g, k->pid, k->comm, k->cpu, NULL);
	if (!k->has_wait)
		return;
	l = lock_node(g, &k->wait);
	if (l == MAX_LOCKS)
		return;
	/* on the cycle: the waiter and the owner both in it */
	cyc = in_cycle(v, k->pid) && k->owner_pid > 0 &&
	      in_cycle(v, k->owner_pid);
	fprintf(g->f, "  t%d -> l%zu [label=\"waits on%s\"%s%s];\n", k->pid, l,
		k->wait.flags & TRIAGE_LOCK_F_WRITE ? " (write)" :
		k->wait.flags & TRIAGE_LOCK_F_READ ? " (read)" : "",
		k->heuristic ? ", style=\"dashed\"" : "",
		cyc ? ", " CYCLE_ATTRS : "");
	if (k->owner_pid <= 0)
		return;
	task_node(g, k->owner_pid, NULL, -1, NULL);
	for (i = 0; i < g->nr_owned; i++)
		if (g->owned[i].lock == l && g->owned[i].owner == k->owner_pid)
			break;
	if (i == g->nr_owned) {
		if (g->nr_owned == MAX_LOCKS)
			return;
		g->owned[g->nr_owned++] = (struct owned){
			.lock = l, .owner = k->owner_pid,
			.hint = k->reader_owned };
	}
	g->owned[i].cycle |= cyc;
}

/* Each lock's owner, once: red when on the cycle. */
static void owner_edges(struct graph *g)
{
	size_t i;

	for (i = 0; i < g->nr_owned; i++) {
		const struct owned *o = &g->owned[i];

		fprintf(g->f, "  l%zu -> t%d [label=\"%s\"%s%s];\n", o->lock,
			o->owner,
			o->hint ? "held by (a reader, hint)" : "owned by",
			o->hint ? ", style=\"dashed\"" : "",
			o->cycle ? ", " CYCLE_ATTRS : "");
	}
}

/* Each edge once: a task's wait is drawn from its first record. */
static bool drawn_wait(const struct graph *g, int pid, size_t before,
		       bool in_blocked)
{
	const struct verdict *v = g->v;
	size_t i;

	for (i = 0; i < (in_blocked ? v->nr_chain : before); i++)
		if (v->chain[i].pid == pid)
			return true;
	if (in_blocked)
		for (i = 0; i < before; i++)
			if (v->blocked[i].pid == pid)
				return true;
	return false;
}

static void lockup(struct graph *g)
{
	const struct verdict_lockup *L = &g->v->lockup;
	const struct verdict_culprit *c = &g->v->culprit;
	const struct verdict_holder *h = &L->holder;
	bool self = h->kind && !strcmp(h->kind, "self");
	FILE *f = g->f;
	char cpu[16];

	/* the node's id: "cpuN", or "cpu" when the CPU is unknown */
	snprintf(cpu, sizeof(cpu), L->cpu >= 0 ? "cpu%d" : "cpu", L->cpu);
	fprintf(f, "  %s [shape=box, peripheries=2, label=\"CPU ", cpu);
	if (L->cpu >= 0)
		fprintf(f, "%d", L->cpu);
	else
		fprintf(f, "?");
	fprintf(f, " stuck");
	if (L->has_stuck)
		fprintf(f, " %s%.1f s", L->stuck_at_least ? "over " : "",
			L->stuck_ns / 1e9);
	if (L->irqs_off == 1)
		fprintf(f, ", IRQs off");
	if (c->comm[0] || c->pid >= 0) {
		fprintf(f, "\\n");
		esc(f, c->comm[0] ? c->comm : "?");
		if (c->pid >= 0)
			fprintf(f, " (pid %d)", c->pid);
	}
	if (c->function[0]) {
		fprintf(f, "\\nin ");
		esc(f, c->function);
		if (c->module[0]) {
			fprintf(f, " [");
			esc(f, c->module);
			fprintf(f, "]");
		}
	}
	fprintf(f, "\", " CYCLE_ATTRS "];\n");
	if (L->has_victim) {
		char extra[64];

		snprintf(extra, sizeof(extra), "reported as %s, a victim",
			 L->victim_reported_as ? L->victim_reported_as : "?");
		task_node(g, L->victim_pid, L->victim_comm, L->victim_cpu,
			  extra);
		fprintf(f, "  t%d -> %s [label=\"behind\", style=\"dashed\"];\n",
			L->victim_pid, cpu);
	}
	if (!L->has_lock)
		return;
	fprintf(f, "  lk [shape=ellipse, label=\"spinlock\\n");
	sym_name(f, L->lock_symbol);
	fprintf(f, "%s0x%" PRIx64, L->lock_symbol[0] ? "\\n" : "", L->lock_addr);
	if (L->has_lock_val)
		fprintf(f, " = 0x%x", L->lock_val);
	fprintf(f, "%s\"%s];\n", L->heuristic ? "\\n(found by heuristic)" : "",
		self ? ", " CYCLE_ATTRS : "");
	fprintf(f, "  %s -> lk [label=\"spins on\", " CYCLE_ATTRS "];\n", cpu);
	if (self) {
		fprintf(f, "  lk -> %s [label=\"held by%s\", " CYCLE_ATTRS "];\n",
			cpu, h->recursive ? " (itself: recursive)" : "");
	} else if (h->kind && !strcmp(h->kind, "task") && h->pid > 0) {
		task_node(g, h->pid, h->comm, h->cpu,
			  h->gone ? "exited" : NULL);
		fprintf(f, "  lk -> t%d [label=\"held by\"%s];\n", h->pid,
			h->heuristic ? ", style=\"dashed\"" : "");
	} else if (h->kind) {
		fprintf(f, "  holder [shape=note, label=\"");
		esc(f, h->why[0] ? h->why : h->kind);
		fprintf(f, "\"];\n  lk -> holder [label=\"held by\", style=\"dashed\"];\n");
	}
}

enum status report_dot(const struct verdict *v, char **out,
		       struct errmsg *err)
{
	static struct graph g;		/* large: keep it off the stack */
	size_t len = 0, i;
	char *text = NULL;

	*out = NULL;
	if (!v->nr_chain && !v->nr_blocked && !v->lockup.present)
		return ST_OK;
	memset(&g, 0, sizeof(g));
	g.v = v;
	g.f = open_memstream(&text, &len);
	if (!g.f)
		return errmsg_set(err, ST_ERR_NOMEM, "cannot format triage.dot");
	fprintf(g.f, "// triage.dot: the wait-for graph of this verdict; render with\n"
		"//   dot -Tsvg triage.dot > wait.svg\n"
		"digraph triage {\n  graph [rankdir=LR, labelloc=t, label=\"");
	esc(g.f, v->title);
	fprintf(g.f, "\\n");
	esc(g.f, v->signature);
	fprintf(g.f, "\"];\n  node [fontname=\"monospace\", fontsize=10];\n"
		"  edge [fontname=\"monospace\", fontsize=9];\n");
	if (v->lockup.present)
		lockup(&g);
	for (i = 0; i < v->nr_chain; i++)
		if (!drawn_wait(&g, v->chain[i].pid, i, false))
			task_waits(&g, &v->chain[i]);
	for (i = 0; i < v->nr_blocked; i++)
		if (!drawn_wait(&g, v->blocked[i].pid, i, true))
			task_waits(&g, &v->blocked[i]);
	owner_edges(&g);
	fprintf(g.f, "}\n");
	if (fclose(g.f) != 0 || !text) {
		free(text);
		return errmsg_set(err, ST_ERR_NOMEM, "cannot format triage.dot");
	}
	*out = text;
	return ST_OK;
}
