// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_dot.c - triage.dot: a chain without a cycle has no red edge; an
 * ABBA and a self-deadlock have exactly their cycle's edges red; a lockup
 * draws the stuck CPU, its lock and the holder; no graph for a panic;
 * strings escaped; and, where Graphviz is installed, dot accepts each.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "render_dot.h"
#include "unit.h"

static struct verdict v;

static void judge_fx(void (*fx)(struct snapbuild *))
{
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { 0 };
	struct errmsg err;

	fx(&b);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	in.snap = &s;
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	v.log = NULL;
	snapshot_free(&s);
	sb_free(&b);
}

static char *dot_of(void)
{
	struct errmsg err;
	char *dot = NULL;

	CHECK(report_dot(&v, &dot, &err) == ST_OK);
	CHECK(dot != NULL);
	return dot;
}

/* How many lines of @dot contain both @a and @b. */
static int lines_with(const char *dot, const char *a, const char *b)
{
	const char *p = dot, *e;
	int n = 0;

	for (; p && *p; p = e + (*e == '\n')) {
		char line[2048];

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
		n += strstr(line, a) && (!b || strstr(line, b));
	}
	return n;
}

/* dot -Tsvg accepts it (when Graphviz is installed: tools/setup adds it;
 * the e2e hung-abba requires it). */
static void check_graphviz(const char *dot)
{
	char path[600], cmd[1300];
	FILE *f;

	if (system("command -v dot >/dev/null 2>&1") != 0) {
		fprintf(stderr, "  (no Graphviz: dot -Tsvg not tried)\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/t.dot", unit_tmpdir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(dot, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dot -Tsvg '%s' -o '%s.svg' 2>'%s.err' && grep -q '<svg' '%s.svg' && ! [ -s '%s.err' ]",
		 path, path, path, path, path);
	CHECK(system(cmd) == 0);
}

static void link_set(struct verdict_link *k, int pid, const char *comm,
		     const char *state, int owner, uint64_t lock)
{
	memset(k, 0, sizeof(*k));
	k->pid = pid;
	snprintf(k->comm, sizeof(k->comm), "%s", comm);
	k->state = state;
	k->cpu = -1;
	k->owner_pid = owner;
	snprintf(k->function, sizeof(k->function), "f_%s", comm);
	if (lock) {
		k->has_wait = true;
		k->wait.type = TRIAGE_LOCK_MUTEX;
		k->wait.addr = lock;
		snprintf(k->wait.symbol, sizeof(k->wait.symbol), "lock_%d", pid);
	}
}

/* a (10) -> m1 -> b (20) -> m2 -> c (30, running on CPU 1): no cycle */
static void test_dot_chain(void)
{
	char *dot;

	memset(&v, 0, offsetof(struct verdict, chain));
	v.cls = VC_HUNG_TASK;
	snprintf(v.title, sizeof(v.title), "INFO: task hung in \"f_a\"");
	v.culprit.pid = 30;
	link_set(&v.chain[0], 10, "a", "D", 20, 0x1000);
	link_set(&v.chain[1], 20, "b", "D", 30, 0x2000);
	link_set(&v.chain[2], 30, "c\"x", "R", -1, 0);
	v.chain[2].cpu = 1;
	v.nr_chain = 3;
	link_set(&v.blocked[0], 10, "a", "D", 20, 0x1000);
	link_set(&v.blocked[1], 11, "a2", "D", 20, 0x1000);
	v.nr_blocked = 2;
	dot = dot_of();
	CHECK_CONTAINS(dot, "digraph triage {");
	CHECK_CONTAINS(dot, "label=\"INFO: task hung in \\\"f_a\\\"\\n");
	CHECK_CONTAINS(dot, "  t10 [shape=box, label=\"a\\npid 10, D\\nf_a\"];\n");
	CHECK_CONTAINS(dot, "  t30 [shape=box, label=\"c\\\"x\\npid 30, R, CPU 1\\nf_c\\\"x\", style=\"bold\"];\n");
	CHECK_CONTAINS(dot, "  l0 [shape=ellipse, label=\"mutex\\nlock_10\\n0x1000\"];\n");
	CHECK_CONTAINS(dot, "  t10 -> l0 [label=\"waits on\"];\n");
	CHECK_CONTAINS(dot, "  l0 -> t20 [label=\"owned by\"];\n");
	CHECK_CONTAINS(dot, "  t20 -> l1 [label=\"waits on\"];\n");
	CHECK_CONTAINS(dot, "  l1 -> t30 [label=\"owned by\"];\n");
	/* a second waiter on the same lock: the same node, a second edge */
	CHECK_CONTAINS(dot, "  t11 -> l0 [label=\"waits on\"];\n");
	CHECK(lines_with(dot, "t10 -> l0", NULL) == 1);
	CHECK(lines_with(dot, "shape=ellipse", NULL) == 2);
	CHECK(!strstr(dot, "red"));
	check_graphviz(dot);
	free(dot);
}

static void test_dot_abba(void)
{
	char *dot;

	judge_fx(fx_hung_abba);
	CHECK(v.nr_cycle == 2);
	dot = dot_of();
	/* both waits of the cycle and both ownerships red, nothing else */
	CHECK(lines_with(dot, "-> l", "color=\"red\"") == 2);
	CHECK(lines_with(dot, "-> t", "color=\"red\"") == 2);
	CHECK(lines_with(dot, "t301 -> l", "color=\"red\"") == 1);
	CHECK(lines_with(dot, "t302 -> l", "color=\"red\"") == 1);
	CHECK(lines_with(dot, "-> t301", "owned by") == 1);
	CHECK(lines_with(dot, "-> t302", "owned by") == 1);
	CHECK(lines_with(dot, "t400 -> l", "waits on") == 1);
	CHECK(lines_with(dot, "t400 -> l", "red") == 0);
	CHECK(lines_with(dot, "  t301 [shape", "red") == 1);
	CHECK(lines_with(dot, "  t400 [shape", "red") == 0);
	CHECK(lines_with(dot, "\\nlock_a [abba]\\n", "shape=ellipse") == 1);
	CHECK(lines_with(dot, "\\nlock_b [abba]\\n", "shape=ellipse") == 1);
	check_graphviz(dot);
	free(dot);
}

static void test_dot_self(void)
{
	char *dot;

	judge_fx(fx_hung_self);
	CHECK(v.nr_cycle == 1 && v.cycle[0] == 212);
	dot = dot_of();
	CHECK(lines_with(dot, "t212 -> l", "color=\"red\"") == 1);
	CHECK(lines_with(dot, "-> t212", "color=\"red\"") == 1);
	CHECK(lines_with(dot, "magic_mutex", "shape=ellipse") == 1);
	/* the tasks behind it, through its mmap_lock: not in the cycle */
	CHECK(lines_with(dot, "t1 -> l", "waits on") == 1);
	CHECK(lines_with(dot, "t4589 -> l", "waits on") == 1);
	CHECK(lines_with(dot, "t1 -> l", "red") == 0);
	CHECK(lines_with(dot, "rwsem", "in mm of pid 212") == 1);
	CHECK(lines_with(dot, "color=\"red\"", NULL) == 3);	/* 2 edges, t212 */
	CHECK(lines_with(dot, "  t212 [shape", "red") == 1);
	check_graphviz(dot);
	free(dot);
}

static void test_dot_lockup(void)
{
	char *dot;

	judge_fx(fx_soft_lockup);
	CHECK(v.lockup.present && v.lockup.cpu == 1);
	dot = dot_of();
	CHECK(lines_with(dot, "cpu1 [", "CPU 1 stuck") == 1);
	CHECK(lines_with(dot, "cpu1 [", "hangme_spin (pid 123)") == 1);
	CHECK(lines_with(dot, "lk [", "spinlock\\n0x") == 1);
	CHECK(lines_with(dot, "cpu1 -> lk", "spins on") == 1);
	if (v.lockup.holder.kind && !strcmp(v.lockup.holder.kind, "self"))
		CHECK(lines_with(dot, "lk -> cpu1", "held by") == 1);
	else
		CHECK(lines_with(dot, "lk -> ", "held by") == 1);
	check_graphviz(dot);
	free(dot);
}

static void fx_watchdog_irqs_off(struct snapbuild *b)
{
	fx_lockup_watchdog(b, 1);
}

static void test_dot_watchdog_and_none(void)
{
	struct errmsg err;
	char *dot = (char *)1;

	judge_fx(fx_watchdog_irqs_off);
	dot = dot_of();
	CHECK(lines_with(dot, "cpu1 [", "IRQs off") == 1);
	CHECK(lines_with(dot, "lk [", "hang_lock [hangme]") == 1);
	CHECK(lines_with(dot, "cpu1 -> lk", "spins on") == 1);
	check_graphviz(dot);
	free(dot);
	judge_fx(fx_panic);
	dot = (char *)1;
	CHECK(report_dot(&v, &dot, &err) == ST_OK);
	CHECK(dot == NULL);
}

void dot_tests(void)
{
	RUN(test_dot_chain);
	RUN(test_dot_abba);
	RUN(test_dot_self);
	RUN(test_dot_lockup);
	RUN(test_dot_watchdog_and_none);
}
