// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_hung.c - task, task-walk and sysctl records: decoding them, the
 * wait-for graph (chains, cycles, owners that are missing, running or
 * matched by pid only, records cut short, 1,000 tasks), and the hung_task
 * verdicts and JSON built on it.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "fixtures.h"
#include "hung.h"
#include "judge.h"
#include "render.h"
#include "unit.h"

#define D	TRIAGE_TASK_F_UNINTERRUPTIBLE
#define MAGIC	0xffffffffc0dd9120ull

/* ---- building and judging ---------------------------------------------- */

static void begin(struct snapbuild *b, size_t region)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x107/0x2bb",
		"check_hung_uninterruptible_tasks.cold+0xc/0xc",
		"watchdog+0x9a/0xa0",
	};
	struct triage_rec_sysctl y = sb_sysctl_defaults(10, 1);

	sb_init(b, region, FX_PHYS);
	sb_system(b, "6.1.0-56-amd64", "x86_64", 1u << 12);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 47, "khungtaskd",
		 "hung_task: blocked tasks\n", NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 47, 0, bt, N(bt));
	sb_sysctl(b, &y);
}

/* A task blocked in @fn on a lock (type 0: on nothing found). */
static void waiter(struct snapbuild *b, int pid, const char *comm,
		   uint32_t flags, uint32_t type, uint64_t lock,
		   const char *sym, int owner, const char *fn)
{
	const char *frames[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"schedule_preempt_disabled+0xe/0x10",
		"__mutex_lock.constprop.0+0x3a4/0x6a0", "mutex_lock+0x2b/0x30",
		fn, "do_syscall_64+0x58/0xc0",
	};
	struct triage_rec_task t = sb_task_head(pid, comm, flags, 30 + pid % 7);

	if (type)
		sb_task_wait(&t, type, lock, sym, owner, 0);
	sb_task(b, &t, frames, N(frames));
}

static void judge_built(struct snapbuild *b, struct verdict *v)
{
	struct snapshot s;
	struct judge_input in = { 0 };
	struct errmsg err;

	sb_commit(b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b->buf, sb_len(b)) == ST_OK);
	in.snap = &s;
	CHECK(verdict_judge(v, &in, &err) == ST_OK);
	v->log = NULL;
	snapshot_free(&s);
	sb_free(b);
}

static void judge_fixture(void (*fx)(struct snapbuild *), struct verdict *v)
{
	struct snapbuild b;

	fx(&b);
	/* already committed: committing again changes nothing */
	judge_built(&b, v);
}

static json_t *render_built(struct snapbuild *b, struct verdict *v)
{
	struct snapshot s;
	struct judge_input in = { 0 };
	struct report r = { .v = v, .input = "t.img", .located_by = "image" };
	struct errmsg err;
	json_error_t jerr;
	json_t *root;
	char *json, *text;

	sb_commit(b, TRIAGE_STATE_COMMITTED);
	snapshot_decode(&s, b->buf, sb_len(b));
	in.snap = r.snap = &s;
	verdict_judge(v, &in, &err);
	json = report_json(&r, &err);
	text = report_text(&r, &err);
	CHECK(json && text);
	root = json ? json_loads(json, 0, &jerr) : NULL;
	CHECK(root != NULL);
	CHECK_CONTAINS(text, "Wait-for chain:");
	free(json);
	free(text);
	v->log = NULL;
	snapshot_free(&s);
	sb_free(b);
	return root;
}

/* ---- decoding ---------------------------------------------------------- */

static void test_decode_task_records(void)
{
	struct snapbuild b;
	struct snapshot s;
	const struct snap_task *t;

	fx_hung_self(&b);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.nr_tasks == 4 && s.nr_warnings == 0 && s.nr_unknown == 0);
	CHECK(s.has_taskwalk && s.taskwalk.nr_threads == 213 &&
	      s.taskwalk.nr_uninterruptible == 3);
	CHECK(s.has_sysctl && s.sysctl.hung_task_panic == 1 &&
	      s.sysctl.hung_task_timeout_secs == 120);
	t = &s.tasks[3];
	CHECK(t->pid == 212 && strcmp(t->comm, "bash") == 0);
	CHECK(snap_task_blocked(t) && !snap_task_running(t));
	CHECK_STR(snap_task_state_letter(t), "D");
	CHECK(t->wait.type == TRIAGE_LOCK_MUTEX && t->wait.owner_pid == 212);
	CHECK_STR(t->wait.symbol, "magic_mutex+0x0/0x20 [smajdalf]");
	CHECK(t->nr_frames == 12 && t->nr_claimed == 12 && !t->short_head);
	CHECK_STR(t->frames[6].sym, "take_the_lock_of_power+0x4e/0x90 [smajdalf]");
	CHECK(snap_task_running(&s.tasks[0]));
	CHECK(s.tasks[1].wait.container == TRIAGE_CONT_MM &&
	      s.tasks[1].wait.container_pid == 212);
	snapshot_free(&s);
	sb_free(&b);
}

/* A later minor version's longer head: frames are still found at the end. */
static void test_decode_task_longer_head(void)
{
	static const char *const fr[] = { "a+0x1/0x2", "b+0x1/0x2 [m]" };
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_task t = sb_task_head(9, "x", D, 1);
	uint8_t *p = calloc(1, sizeof(t) + 40 + 2 * sizeof(struct triage_frame));
	struct triage_frame f[2];

	t.nr_frames = 2;
	memcpy(p, &t, sizeof(t));
	memset(f, 0, sizeof(f));
	snprintf(f[0].sym, sizeof(f[0].sym), "%s", fr[0]);
	snprintf(f[1].sym, sizeof(f[1].sym), "%s", fr[1]);
	memcpy(p + sizeof(t) + 40, f, sizeof(f));
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_record(&b, TRIAGE_REC_TASK, 0, p,
		  (uint32_t)(sizeof(t) + 40 + sizeof(f)));
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.nr_tasks == 1 && s.tasks[0].nr_frames == 2);
	CHECK_STR(s.tasks[0].frames[1].sym, "b+0x1/0x2 [m]");
	CHECK(!s.tasks[0].short_head && s.nr_warnings == 0);
	snapshot_free(&s);
	sb_free(&b);
	free(p);
}

static void test_decode_task_absurd_frames(void)
{
	static const char *const fr[] = { "a+0x1/0x2", "b+0x1/0x2" };
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_task t = sb_task_head(9, "x", D, 1);
	uint8_t *p;
	size_t size;
	uint32_t claims[] = { 0xffffffffu, 0x7fffffffu, 3, 1u << 25 };
	size_t i;

	for (i = 0; i < N(claims); i++) {
		sb_init(&b, 1 << 16, FX_PHYS);
		sb_task(&b, &t, fr, 2);
		/* rewrite nr_frames in place */
		size = sizeof(struct triage_header) + sizeof(struct triage_record);
		p = b.buf + size;
		memcpy(p + offsetof(struct triage_rec_task, nr_frames),
		       &claims[i], 4);
		sb_commit(&b, TRIAGE_STATE_COMMITTED);
		CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
		CHECK(s.nr_tasks == 1 && s.tasks[0].pid == 9);
		CHECK(s.tasks[0].nr_frames == 2);
		CHECK(s.tasks[0].nr_claimed == claims[i]);
		CHECK(s.nr_warnings == 1);
		CHECK_CONTAINS(s.warnings[0], "task record of pid 9 claims");
		CHECK(s.tasks[0].wait.owner_pid == -1);
		snapshot_free(&s);
		sb_free(&b);
	}
	/* more frames than a task keeps: the innermost SNAP_MAX_TASK_FRAMES */
	{
		const char *many[200];

		for (i = 0; i < N(many); i++)
			many[i] = "deep+0x1/0x2";
		many[0] = "top+0x1/0x2";
		sb_init(&b, 1 << 16, FX_PHYS);
		sb_task(&b, &t, many, N(many));
		sb_commit(&b, TRIAGE_STATE_COMMITTED);
		CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
		CHECK(s.tasks[0].nr_frames == SNAP_MAX_TASK_FRAMES);
		CHECK(s.tasks[0].nr_claimed == 200);
		CHECK_STR(s.tasks[0].frames[0].sym, "top+0x1/0x2");
		snapshot_free(&s);
		sb_free(&b);
	}
}

/* Every cut of a task record decodes; what is missing reads as unknown. */
static void test_decode_task_short(void)
{
	static const char *const fr[] = { "a+0x1/0x2" };
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_task t = sb_task_head(77, "cut", D, 1);
	uint32_t cut, full = sizeof(t) + sizeof(struct triage_frame);

	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0x1000, "m+0x0/0x8", 5, 0);
	for (cut = 1; cut < full; cut += 3) {
		sb_init(&b, 1 << 16, FX_PHYS);
		sb_task_ex(&b, &t, fr, 1, cut, TRIAGE_REC_F_TRUNCATED);
		sb_commit(&b, TRIAGE_STATE_COMMITTED);
		CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
		CHECK(s.nr_tasks == 1);
		if (cut < sizeof(t)) {
			CHECK(s.tasks[0].short_head);
			CHECK(s.tasks[0].nr_frames == 0);
		}
		if (cut < offsetof(struct triage_rec_task, wait.owner_pid) + 4)
			CHECK(s.tasks[0].wait.owner_pid == -1);
		if (cut >= 4)
			CHECK(s.tasks[0].pid == 77);
		CHECK(s.nr_rec_truncated == 1);
		snapshot_free(&s);
		sb_free(&b);
	}
}

static void test_decode_sysctl_short(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_sysctl y = sb_sysctl_defaults(10, 1);

	y.panic_on_oops = 1;
	sb_init(&b, 1 << 16, FX_PHYS);
	/* up to and including panic_on_oops, and half of panic_on_warn */
	sb_record(&b, TRIAGE_REC_SYSCTL, 0, &y,
		  offsetof(struct triage_rec_sysctl, panic_on_warn) + 2);
	sb_tasks(&b, 1, 1, 0, 0, 0);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_sysctl && s.sysctl.hung_task_timeout_secs == 10);
	CHECK(s.sysctl.hung_task_panic == 1 && s.sysctl.panic_on_oops == 1);
	CHECK(s.sysctl.panic_on_warn == -1 && s.sysctl.panic_on_oom == -1);
	CHECK(s.sysctl.hung_task_check_count == -1);
	snapshot_free(&s);
	sb_free(&b);
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_record(&b, TRIAGE_REC_SYSCTL, 0, &y, 6);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.sysctl.hung_task_timeout_secs == -1);
	CHECK(s.sysctl.hung_task_panic == -1);
	snapshot_free(&s);
	sb_free(&b);
}

/* ---- seeds 000 and 003 ------------------------------------------------- */

static void test_hung_seed000_self_deadlock(void)
{
	static struct verdict v;

	judge_fixture(fx_hung_self, &v);
	CHECK(v.cls == VC_HUNG_TASK && !v.degraded);
	CHECK_STR(v.kind, "deadlock");
	CHECK_STR(v.summary, "bash (pid 212) in take_the_lock_of_power [smajdalf] re-acquires magic_mutex [smajdalf] which it already holds; 2 tasks are blocked behind it through its mmap_lock (systemd pid 1, systemd-tmpfile pid 4589)");
	CHECK_STR(v.title, "INFO: task hung in take_the_lock_of_power");
	CHECK_STR(v.signature, "hung_task/deadlock:take_the_lock_of_power[smajdalf]:magic_mutex");
	CHECK(v.culprit.pid == 212);
	CHECK_STR(v.culprit.comm, "bash");
	CHECK_STR(v.culprit.function, "take_the_lock_of_power");
	CHECK_STR(v.culprit.module, "smajdalf");
	/* the chain from the task khungtaskd reported, through mmap_lock */
	CHECK(v.nr_chain == 2);
	CHECK(v.chain[0].pid == 1 && v.chain[0].owner_pid == 212);
	CHECK(v.chain[0].wait.type == TRIAGE_LOCK_RWSEM);
	CHECK(v.chain[0].wait.container == TRIAGE_CONT_MM);
	CHECK_STR(v.chain[0].function, "do_user_addr_fault");
	CHECK(!v.chain[0].cycle);
	CHECK(v.chain[1].pid == 212 && v.chain[1].owner_pid == 212);
	CHECK_STR(v.chain[1].wait.symbol, "magic_mutex+0x0/0x20 [smajdalf]");
	CHECK(v.chain[1].cycle);
	CHECK_STR(v.chain[1].matched_by, "task");
	CHECK(v.nr_cycle == 1 && v.cycle[0] == 212);
	CHECK(v.nr_blocked == 3 && v.nr_blocked_total == 3);
	CHECK(v.blocked[0].pid == 1 && v.blocked[1].pid == 212 &&
	      v.blocked[2].pid == 4589);
	CHECK(fx_evidence_has(&v, "kernel.hung_task_panic=1, hung_task_timeout_secs=120"));
	CHECK(fx_evidence_has(&v, "blocked 122.3 s"));
	CHECK(fx_evidence_has(&v, "log: \"INFO: task systemd:1 blocked for more than 122 seconds.\""));
	CHECK(fx_evidence_has(&v, "task walk: 213 threads"));
	CHECK(fx_evidence_has(&v, "module smajdalf is loaded"));
	/* the backtrace shown is the culprit's */
	CHECK(v.nr_frames == 12);
	CHECK_STR(v.frames[6].sym, "take_the_lock_of_power+0x4e/0x90 [smajdalf]");
}

static void test_hung_seed003_frozen(void)
{
	static struct verdict v;

	judge_fixture(fx_hung_frozen, &v);
	CHECK(v.cls == VC_HUNG_TASK);
	CHECK_STR(v.kind, "frozen_fs");
	CHECK_STR(v.summary, "dd (pid 7224) blocked writing to frozen filesystem vda1 (ext4), frozen at SB_FREEZE_COMPLETE (level 4) \u2014 fsfreeze -u to thaw; 2 writers blocked (dd pid 7224, cp pid 7230)");
	CHECK(v.culprit.pid == 7224);
	CHECK_STR(v.culprit.function, "vfs_write");
	CHECK_STR(v.title, "INFO: task hung in vfs_write");
	CHECK_STR(v.signature, "hung_task/frozen_fs:vfs_write:sb_writers");
	CHECK(v.nr_chain == 1 && v.chain[0].pid == 7224);
	CHECK(v.chain[0].owner_pid == -1);
	CHECK_STR(v.chain[0].end, "frozen_fs");
	CHECK(v.chain[0].wait.sb_frozen == 4 && v.chain[0].wait.level == 1);
	CHECK(v.nr_cycle == 0);
	CHECK(fx_evidence_has(&v, "kernel.hung_task_panic=1, hung_task_timeout_secs=10"));
	CHECK(fx_evidence_has(&v, "s_writers.frozen = 4 (SB_FREEZE_COMPLETE)"));
}

/* ---- the log's reports on the snapshot path ---------------------------- */

/* insmod (pid 350) oopses holding magic_mutex; sh (pid 400) then hangs on
 * it.  @oops_pid: the task the oops names. */
static void hung_after_oops(struct snapbuild *b, int oops_pid)
{
	static char log[2048];

	snprintf(log, sizeof(log),
		 "[    5.000000] BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
		 "[    5.000001] #PF: supervisor write access in kernel mode\n"
		 "[    5.000002] #PF: error_code(0x0002) - not-present page\n"
		 "[    5.000003] PGD 0 P4D 0 \n"
		 "[    5.000004] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
		 "[    5.000005] CPU: 1 PID: %d Comm: insmod Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.158-1\n"
		 "[    5.000006] RIP: 0010:hold_and_crash+0x20/0x40 [smajdalf]\n"
		 "[    5.000007] Call Trace:\n"
		 "[    5.000008]  <TASK>\n"
		 "[    5.000009]  smajdalf_write+0x1d/0x30 [smajdalf]\n"
		 "[    5.000010]  vfs_write+0xb9/0x290\n"
		 "[    5.000011]  ksys_write+0x5f/0xe0\n"
		 "[    5.000012]  do_syscall_64+0x5c/0x90\n"
		 "[    5.000013]  </TASK>\n"
		 "[    5.000014] ---[ end trace 0000000000000000 ]---\n"
		 "[   45.000000] INFO: task sh:400 blocked for more than 30 seconds.\n"
		 "[   45.000001] Kernel panic - not syncing: hung_task: blocked tasks\n",
		 oops_pid);
	begin(b, 1 << 20);
	sb_log(b, log);
	waiter(b, 400, "sh", D, TRIAGE_LOCK_MUTEX, MAGIC,
	       "magic_mutex+0x0/0x20 [smajdalf]", 350,
	       "take_the_lock_of_power+0x4e/0x90 [smajdalf]");
}

/* The owner of the mutex the hung task waits on oopsed first: the oops is
 * the root, the hang its consequence. */
static void test_hung_after_oops_root(void)
{
	static struct verdict v;
	struct snapbuild b;

	hung_after_oops(&b, 350);
	judge_built(&b, &v);
	CHECK(v.cls == VC_OOPS);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.title, "BUG: unable to handle kernel NULL pointer dereference in hold_and_crash");
	CHECK(v.culprit.pid == 350);
	CHECK_STR(v.culprit.comm, "insmod");
	CHECK_STR(v.culprit.module, "smajdalf");
	CHECK(!v.degraded);
	CHECK(fx_evidence_has(&v, "insmod (pid 350), whose report came first, is a task the hang waits on"));
	CHECK(fx_evidence_has(&v, "the snapshot alone reads as: INFO: task hung in take_the_lock_of_power"));
	CHECK(v.nr_reports == 3);
	CHECK_STR(v.reports[0].cls, "oops");
	CHECK_STR(v.reports[0].role, "root");
	CHECK(v.reports[0].pid == 350 && v.reports[0].cpu == 1);
	CHECK_STR(v.reports[0].taint, "GOE");
	CHECK_STR(v.reports[1].cls, "hung_task");
	CHECK_STR(v.reports[1].role, "consequence");
	CHECK(v.reports[1].cause == 0);
	CHECK_STR(v.reports[2].cls, "panic");
}

/* The same log, but the oops is another task's (pid 999), which the hang
 * does not wait on: the snapshot's hang stays the verdict. */
static void test_hung_after_oops_unrelated(void)
{
	static struct verdict v;
	struct snapbuild b;

	hung_after_oops(&b, 999);
	judge_built(&b, &v);
	CHECK(v.cls == VC_HUNG_TASK);
	CHECK_STR(v.title, "INFO: task hung in take_the_lock_of_power");
	CHECK(!fx_evidence_has(&v, "whose report came first"));
	CHECK(v.nr_reports == 3);
	CHECK(v.reports[0].pid == 999);
}

/* reports[] in triage.json, on the snapshot path. */
static void test_hung_reports_json(void)
{
	static struct verdict v;
	struct snapbuild b;
	json_t *root, *a, *r0;

	hung_after_oops(&b, 350);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	{
		struct snapshot s;
		struct judge_input in = { 0 };
		struct report r = { .v = &v, .input = "t.img", .located_by = "image" };
		struct errmsg err;
		json_error_t jerr;
		char *json;

		CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
		in.snap = r.snap = &s;
		CHECK(verdict_judge(&v, &in, &err) == ST_OK);
		json = report_json(&r, &err);
		CHECK(json != NULL);
		root = json ? json_loads(json, 0, &jerr) : NULL;
		free(json);
		v.log = NULL;
		snapshot_free(&s);
	}
	sb_free(&b);
	CHECK(root != NULL);
	if (!root)
		return;
	a = json_object_get(root, "reports");
	CHECK(json_is_array(a) && json_array_size(a) == 3);
	r0 = json_array_get(a, 0);
	CHECK_STR(json_string_value(json_object_get(r0, "class")), "oops");
	CHECK_STR(json_string_value(json_object_get(r0, "kind")), "null_deref");
	CHECK_STR(json_string_value(json_object_get(r0, "function")), "hold_and_crash");
	CHECK_STR(json_string_value(json_object_get(r0, "module")), "smajdalf");
	CHECK_STR(json_string_value(json_object_get(r0, "comm")), "insmod");
	CHECK(json_integer_value(json_object_get(r0, "pid")) == 350);
	CHECK(json_integer_value(json_object_get(r0, "cpu")) == 1);
	CHECK_STR(json_string_value(json_object_get(r0, "role")), "root");
	CHECK(json_integer_value(json_object_get(r0, "line")) == 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "role")), "consequence");
	CHECK(json_integer_value(json_object_get(json_array_get(a, 1), "cause")) == 0);
	json_decref(root);
}

/* The same deadlock judged from the log alone: degraded, still named. */
static void test_hung_degraded_log(void)
{
	static struct verdict v;
	static const char two[] =
		"[ 1.0] INFO: task a:10 blocked for more than 30 seconds.\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  __schedule+0x1/0x2\n"
		"[ 1.0]  schedule+0x1/0x2\n"
		"[ 1.0]  mutex_lock+0x1/0x2\n"
		"[ 1.0]  foo_ioctl+0x1/0x2 [foo]\n"
		"[ 1.0] INFO: task b c:11 blocked for more than 40 seconds.\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  __schedule+0x1/0x2\n"
		"[ 1.0]  io_schedule+0x1/0x2\n"
		"[ 1.0]  folio_wait_bit_common+0x1/0x2\n"
		"[ 1.0]  ext4_writepages+0x1/0x2\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";
	struct judge_input in = { .dump_log = fx_log_hung };
	struct errmsg err;

	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_HUNG_TASK && v.degraded);
	CHECK(v.culprit.pid == 1);
	CHECK_STR(v.culprit.comm, "systemd");
	CHECK_STR(v.culprit.function, "do_user_addr_fault");
	CHECK_STR(v.title, "INFO: task hung in do_user_addr_fault");
	CHECK_CONTAINS(v.summary, "blocked for more than 122 seconds");
	CHECK(v.nr_blocked == 1 && v.blocked[0].pid == 1);
	CHECK(v.blocked[0].blocked_at_least);

	in.dump_log = two;
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_HUNG_TASK && v.degraded);
	CHECK(v.nr_blocked == 2);
	CHECK(v.blocked[0].pid == 10 && v.blocked[1].pid == 11);
	CHECK_STR(v.blocked[0].function, "foo_ioctl");
	CHECK_STR(v.blocked[0].module, "foo");
	CHECK_STR(v.blocked[1].comm, "b c");
	CHECK_STR(v.blocked[1].function, "ext4_writepages");
	CHECK_CONTAINS(v.summary, "2 tasks reported blocked (a pid 10, b c pid 11)");
	CHECK(v.culprit.pid == 11);

	/* khungtaskd's line with no panic message at all (kdump by hand) */
	in.dump_log = "[ 1.0] INFO: task a:10 blocked for more than 30 seconds.\n";
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_HUNG_TASK && v.culprit.pid == 10);
}

/* ---- cycles ------------------------------------------------------------ */

static void test_hung_abba(void)
{
	static struct verdict v;

	judge_fixture(fx_hung_abba, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.nr_cycle == 2);
	CHECK((v.cycle[0] == 301 && v.cycle[1] == 302) ||
	      (v.cycle[0] == 302 && v.cycle[1] == 301));
	CHECK_CONTAINS(v.summary, "ABBA deadlock: ");
	CHECK_CONTAINS(v.summary, "kworker/u4:2 (pid 301) in abba_first [abba] holds lock_a [abba] and waits for lock_b [abba]");
	CHECK_CONTAINS(v.summary, "kworker/u4:3 (pid 302) in abba_second [abba] holds lock_b [abba] and waits for lock_a [abba]");
	CHECK_CONTAINS(v.summary, "1 task is blocked behind them through lock_a [abba] (sh pid 400)");
	CHECK_STR(v.signature, "hung_task/deadlock:abba_first[abba]:lock_b+abba_second[abba]:lock_a");
	/* the chain from the one waiter outside the cycle, around it */
	CHECK(v.nr_chain == 3);
	CHECK(v.chain[0].pid == 400 && v.chain[0].owner_pid == 301);
	CHECK(v.chain[1].pid == 301 && v.chain[1].owner_pid == 302);
	CHECK(v.chain[2].pid == 302 && v.chain[2].owner_pid == 301);
	CHECK(v.chain[2].cycle && !v.chain[1].cycle);
	CHECK(v.culprit.pid == 301);
}

/* Entered from the other side, the cycle has the same signature. */
static void test_hung_abba_signature_stable(void)
{
	static struct verdict a, b2;
	struct snapbuild b;

	begin(&b, 1 << 20);
	waiter(&b, 302, "kworker/u4:3", D, TRIAGE_LOCK_MUTEX,
	       0xffffffffc0b02000ull, "lock_a+0x0/0x20 [abba]", 301,
	       "abba_second+0x2e/0x60 [abba]");
	waiter(&b, 301, "kworker/u4:2", D, TRIAGE_LOCK_MUTEX,
	       0xffffffffc0b02040ull, "lock_b+0x0/0x20 [abba]", 302,
	       "abba_first+0x2e/0x60 [abba]");
	judge_built(&b, &a);
	judge_fixture(fx_hung_abba, &b2);
	CHECK_STR(a.signature, b2.signature);
	CHECK_STR(a.kind, "deadlock");
}

static void test_hung_cycle3(void)
{
	static struct verdict v;
	struct snapbuild b;

	begin(&b, 1 << 20);
	waiter(&b, 11, "t11", D, TRIAGE_LOCK_MUTEX, 0xa000, "la+0x0/0x20 [m3]",
	       12, "f11+0x1/0x10 [m3]");
	waiter(&b, 12, "t12", D, TRIAGE_LOCK_RWSEM, 0xb000, "lb+0x0/0x20 [m3]",
	       13, "f12+0x1/0x10 [m3]");
	waiter(&b, 13, "t13", D, TRIAGE_LOCK_MUTEX, 0xc000, "lc+0x0/0x20 [m3]",
	       11, "f13+0x1/0x10 [m3]");
	judge_built(&b, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.nr_cycle == 3 && v.cycle_len == 3);
	CHECK(v.nr_chain == 3 && v.chain[2].cycle);
	CHECK_CONTAINS(v.summary, "deadlock cycle: ");
	CHECK_CONTAINS(v.summary, "t12 (pid 12) in f12 [m3] holds la [m3] and waits for lb [m3]");
	CHECK_CONTAINS(v.signature, "f11[m3]:la+f12[m3]:lb+f13[m3]:lc");
}

/* A self-loop matched by pid alone (the owner address was not kept). */
static void test_hung_self_loop_by_pid(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(50, "selfish", D, 60);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "rwsem_down_write_slowpath+0x1/0x2",
		"down_write+0x1/0x2", "selfish_fn+0x10/0x40 [sl]",
	};

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_RWSEM, 0xffffffffc0c00100ull,
		     "sl_sem+0x0/0x28 [sl]", 50,
		     TRIAGE_LOCK_F_WRITE | TRIAGE_LOCK_F_WRITER_OWNED);
	t.wait.owner = 0;
	sb_task(&b, &t, fr, N(fr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.nr_chain == 1 && v.chain[0].cycle);
	CHECK_STR(v.chain[0].matched_by, "pid");
	CHECK_STR(v.summary, "selfish (pid 50) in selfish_fn [sl] re-acquires sl_sem [sl] which it already holds");
	CHECK(fx_evidence_has(&v, "matched by pid only"));
}

/* ---- chains that end elsewhere ----------------------------------------- */

/* Ten waiters in a row, the last lock held by a running task. */
static void test_hung_chain10_running_owner(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task o;
	static const char *const busy[] = {
		"spin_forever+0x20/0x40 [hog]", "hog_write+0x11/0x30 [hog]",
	};
	char comm[16], fn[40];
	int i;

	begin(&b, 1 << 20);
	for (i = 0; i < 10; i++) {
		snprintf(comm, sizeof(comm), "w%d", i);
		snprintf(fn, sizeof(fn), "step%d+0x1/0x10", i);
		waiter(&b, 100 + i, comm, D, TRIAGE_LOCK_MUTEX,
		       0x10000 + 0x100 * (uint64_t)i, NULL, 101 + i, fn);
	}
	o = sb_task_head(110, "hog", TRIAGE_TASK_F_ON_CPU | TRIAGE_TASK_F_OWNER,
			 0);
	o.cpu = 1;
	sb_task(&b, &o, busy, N(busy));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_running");
	CHECK(v.culprit.pid == 110);
	CHECK_STR(v.culprit.function, "spin_forever");
	CHECK_STR(v.culprit.module, "hog");
	CHECK(v.nr_chain == 11 && v.chain_elided == 0);
	CHECK(v.chain[0].pid == 100 && v.chain[9].pid == 109);
	CHECK(v.chain[10].pid == 110 && !v.chain[10].has_wait);
	CHECK_STR(v.chain[10].end, "owner_running");
	CHECK(v.chain[9].owner_pid == 110);
	CHECK_CONTAINS(v.summary, "hog (pid 110) in spin_forever [hog] holds mutex 0x10900 and is running on CPU 1, not blocked; 10 tasks are blocked behind it");
	CHECK_STR(v.signature, "hung_task/lock_held_by_running:spin_forever[hog]:mutex");
	CHECK_STR(v.title, "INFO: task hung in spin_forever");
}

/* A running owner is not unwound at capture: its CPU's NMI trace names it. */
static void test_hung_running_owner_nmi_frames(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task o = sb_task_head(77, "spinner",
						TRIAGE_TASK_F_ON_CPU |
						TRIAGE_TASK_F_OWNER, 0);
	static const char *const nmi[] = {
		"spin_with_lock+0x30/0x60 [spin]", "spin_ioctl+0x11/0x20 [spin]",
	};

	begin(&b, 1 << 20);
	waiter(&b, 76, "victim", D, TRIAGE_LOCK_MUTEX, 0xffffffffc0a20000ull,
	       "spin_mutex [spin]", 77, "victim_fn+0x1/0x2");
	o.cpu = 1;
	sb_task(&b, &o, NULL, 0);
	sb_backtrace(&b, TRIAGE_BT_NMI, -1, 1, nmi, N(nmi));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_running");
	CHECK(v.culprit.pid == 77 && v.culprit.cpu == 1);
	CHECK_STR(v.culprit.function, "spin_with_lock");
	CHECK_STR(v.culprit.module, "spin");
	CHECK_STR(v.chain[1].function, "spin_with_lock");
	CHECK_STR(v.bt_source, "snapshot (backtrace of the task's CPU)");
	/* a symbol as the module writes it, without "+0x0/size" */
	CHECK_CONTAINS(v.summary, "spinner (pid 77) in spin_with_lock [spin] holds spin_mutex [spin] and is running on CPU 1");
	CHECK_STR(v.signature, "hung_task/lock_held_by_running:spin_with_lock[spin]:spin_mutex");
}

static void test_hung_owner_missing(void)
{
	static struct verdict v;
	struct snapbuild b;

	begin(&b, 1 << 20);
	waiter(&b, 20, "a", D, TRIAGE_LOCK_MUTEX, 0xffffffffc0d00000ull,
	       "gone_lock+0x0/0x20 [gone]", 9999, "a_fn+0x1/0x10 [gone]");
	waiter(&b, 21, "b", D, TRIAGE_LOCK_MUTEX, 0x5000, NULL, 20,
	       "b_fn+0x1/0x10");
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held");
	CHECK(v.culprit.pid == 9999);
	CHECK(v.nr_chain == 2 && v.chain[0].pid == 21 && v.chain[1].pid == 20);
	CHECK_STR(v.chain[1].end, "owner_not_recorded");
	CHECK(v.chain[1].owner_pid == 9999);
	CHECK_CONTAINS(v.summary, "a (pid 20) in a_fn [gone] waits for gone_lock [gone] held by pid 9999, which the snapshot did not record, with 1 more task behind it");
	CHECK_STR(v.title, "INFO: task hung in a_fn");
	CHECK_STR(v.signature, "hung_task/lock_held:a_fn[gone]:gone_lock");
}

/* The owner's address does not match (stale), its pid does. */
static void test_hung_owner_by_pid(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(30, "waiter", D, 50);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "mutex_lock+0x1/0x2", "wfn+0x1/0x2",
	};
	struct triage_rec_task o = sb_task_head(31, "holder", 0, 0);
	static const char *const ofr[] = {
		"__schedule+0x1/0x2", "schedule_timeout+0x1/0x2",
		"msleep_interruptible+0x1/0x2", "holder_fn+0x1/0x2 [h]",
	};

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0x7000, "hm+0x0/0x20 [h]", 31, 0);
	t.wait.owner = 0xdeadbeef000ull;
	sb_task(&b, &t, fr, N(fr));
	sb_task(&b, &o, ofr, N(ofr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.nr_chain == 2);
	CHECK_STR(v.chain[0].matched_by, "pid");
	CHECK(v.chain[0].owner_pid == 31);
	CHECK_STR(v.chain[1].end, "owner_sleeping");
	CHECK(v.culprit.pid == 31);
	CHECK_STR(v.culprit.function, "holder_fn");
	CHECK_STR(v.culprit.module, "h");
	CHECK_CONTAINS(v.summary, "holder (pid 31) in holder_fn [h] holds hm [h] and is asleep (state S) in msleep_interruptible outside any lock wait that was found");
}

/* The owner's record was cut before its wait: the chain ends there. */
static void test_hung_truncated_owner(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task o = sb_task_head(41, "owner", D, 80);

	begin(&b, 1 << 20);
	waiter(&b, 40, "w", D, TRIAGE_LOCK_MUTEX, 0x9000, "tm+0x0/0x8 [t]", 41,
	       "w_fn+0x1/0x2 [t]");
	sb_task_wait(&o, TRIAGE_LOCK_MUTEX, 0x9100, NULL, 40, 0);
	sb_task_ex(&b, &o, NULL, 0, offsetof(struct triage_rec_task, wait) + 8,
		   TRIAGE_REC_F_TRUNCATED);
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.nr_chain == 2 && v.chain[1].pid == 41);
	CHECK(v.chain[1].truncated && !v.chain[1].has_wait);
	CHECK_STR(v.chain[1].end, "record_truncated");
	CHECK(v.culprit.pid == 41);
	CHECK(fx_evidence_has(&v, "the record of pid 41 was cut short"));
	CHECK(v.nr_cycle == 0);		/* its wait on pid 40 was not read */
}

static void test_hung_reader_owned(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(60, "writer", D, 70);
	struct triage_rec_task r = sb_task_head(61, "reader", D, 65);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "rwsem_down_write_slowpath+0x1/0x2",
		"down_write+0x1/0x2", "writer_fn+0x1/0x2 [rw]",
	};
	static const char *const rfr[] = {
		"__schedule+0x1/0x2", "wait_for_completion+0x1/0x2",
		"reader_fn+0x1/0x2 [rw]",
	};

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_RWSEM, 0xffffffffc0e00000ull,
		     "rw_sem+0x0/0x28 [rw]", 61,
		     TRIAGE_LOCK_F_WRITE | TRIAGE_LOCK_F_READER_OWNED);
	sb_task(&b, &t, fr, N(fr));
	sb_task_wait(&r, TRIAGE_LOCK_COMPLETION, 0xffffffffc0e00100ull,
		     "rw_done+0x0/0x20 [rw]", -1, TRIAGE_LOCK_F_NO_OWNER);
	sb_task(&b, &r, rfr, N(rfr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.culprit.pid == 61);
	CHECK(v.chain[0].reader_owned);
	CHECK_CONTAINS(v.summary, "reader (pid 61) in reader_fn [rw] holds rw_sem [rw] and is itself blocked on completion rw_done [rw], which has no owner to blame");
	CHECK_CONTAINS(v.summary, "caveat: rw_sem [rw] is reader-owned; pid 61 is only the last reader's hint");
	CHECK(fx_evidence_has(&v, "is held by readers; pid 61 is only the last reader's hint"));
}

static void test_hung_completion(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(70, "modprobe", D, 200);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "schedule_timeout+0x1/0x2",
		"__wait_for_common+0x1/0x2", "wait_for_completion+0x1/0x2",
		"fw_load_wait+0x1/0x2 [fwl]", "fwl_probe+0x1/0x2 [fwl]",
	};

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_COMPLETION, 0xffffffffc0f00040ull,
		     "fw_done+0x0/0x20 [fwl]", -1, TRIAGE_LOCK_F_NO_OWNER);
	sb_task(&b, &t, fr, N(fr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "no_owner");
	CHECK(v.culprit.pid == 70);
	CHECK_STR(v.culprit.function, "fw_load_wait");
	CHECK_CONTAINS(v.summary, "modprobe (pid 70) waits in fw_load_wait [fwl] on completion fw_done [fwl], which has no owner: there is no owner to blame");
	CHECK_STR(v.signature, "hung_task/no_owner:fw_load_wait[fwl]:fw_done");
	CHECK(v.nr_chain == 1 && v.chain[0].owner_pid == -1);
	CHECK_STR(v.chain[0].end, "no_owner");
}

static void test_hung_waitqueue_and_io(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(80, "kthr", D, 200);
	struct triage_rec_task io = sb_task_head(81, "dd", D, 100);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "schedule+0x1/0x2",
		"waiter_loop+0x1/0x2 [wq]",
	};
	static const char *const iofr[] = {
		"__schedule+0x1/0x2", "io_schedule+0x1/0x2",
		"folio_wait_bit_common+0x1/0x2", "ext4_sync_file+0x1/0x2",
	};

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_WAITQUEUE, 0xffff888012340000ull, NULL,
		     -1, TRIAGE_LOCK_F_NO_OWNER);
	snprintf(t.wait.wait_fn, sizeof(t.wait.wait_fn),
		 "autoremove_wake_function+0x0/0x50");
	sb_task(&b, &t, fr, N(fr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "no_owner");
	CHECK_CONTAINS(v.summary, "on waitqueue a wait queue at 0xffff888012340000 (wake function autoremove_wake_function+0x0/0x50)");

	begin(&b, 1 << 20);
	sb_task(&b, &io, iofr, N(iofr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "io");
	CHECK_STR(v.culprit.function, "ext4_sync_file");
	CHECK_CONTAINS(v.summary, "dd (pid 81) is blocked in I/O in ext4_sync_file");
	CHECK_STR(v.signature, "hung_task/io:ext4_sync_file");
}

/* Two unrelated groups: the deadlock is the cause, the other is noted. */
static void test_hung_picks_deadlock(void)
{
	static struct verdict v;
	struct snapbuild b;

	begin(&b, 1 << 20);
	waiter(&b, 5, "busy1", D, TRIAGE_LOCK_MUTEX, 0x100, NULL, 6, "x+0x1/0x2");
	waiter(&b, 7, "busy2", D, TRIAGE_LOCK_MUTEX, 0x100, NULL, 6, "x+0x1/0x2");
	waiter(&b, 6, "holder", D, 0, 0, NULL, -1, "io_schedule+0x1/0x2");
	waiter(&b, 90, "self", D, TRIAGE_LOCK_MUTEX, 0x900, "s+0x0/0x8 [s]",
	       90, "self_fn+0x1/0x2 [s]");
	judge_built(&b, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.culprit.pid == 90);
	CHECK(fx_evidence_has(&v, "also: 3 blocked tasks end at holder (pid 6): lock_held_by_blocked"));
	CHECK(v.nr_blocked == 4);
}

/* khungtaskd's last report is the owner itself (it is in D state too): the
 * chain still starts at a task behind it, so it shows the way in. */
static void test_hung_start_outside_cycle(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t;
	static const char *const cat[] = {
		"__schedule+0x1/0x2", "rwsem_down_read_slowpath+0x1/0x2",
		"down_read_killable+0x1/0x2", "__access_remote_vm+0x1/0x2",
		"environ_read+0x1/0x2",
	};

	begin(&b, 1 << 20);
	sb_log(&b, "[ 9.0] INFO: task sh:150 blocked for more than 5 seconds.\n"
		   "[ 9.1] Kernel panic - not syncing: hung_task: blocked tasks\n");
	waiter(&b, 150, "sh", D | TRIAGE_TASK_F_OWNER, TRIAGE_LOCK_MUTEX,
	       MAGIC, "magic_mutex+0x0/0x20 [smajdalf]", 150,
	       "take_the_lock_of_power+0x4e/0x90 [smajdalf]");
	/* a TASK_KILLABLE reader: D by its state, though not flagged */
	t = sb_task_head(160, "cat", 0, 4);
	t.state = 0x102;
	sb_task_wait(&t, TRIAGE_LOCK_RWSEM, 0xffff888005000070ull, NULL, 150,
		     TRIAGE_LOCK_F_READ | TRIAGE_LOCK_F_WRITER_OWNED);
	t.wait.container = TRIAGE_CONT_MM;
	t.wait.container_pid = 150;
	sb_task(&b, &t, cat, N(cat));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.culprit.pid == 150);
	CHECK(v.nr_chain == 2 && v.chain[0].pid == 160);
	CHECK_STR(v.chain[0].state, "D");
	CHECK_STR(v.chain[0].function, "__access_remote_vm");
	CHECK(v.chain[0].owner_pid == 150 && v.chain[1].cycle);
	CHECK_CONTAINS(v.summary, "1 task is blocked behind it through its mmap_lock (cat pid 160)");
	CHECK(fx_evidence_has(&v, "log: \"INFO: task sh:150 blocked"));
}

/* The owner sleeps in msleep() in D state with nothing to wait on. */
static void test_hung_owner_in_msleep(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task o = sb_task_head(201, "hangme_reader", D, 50);
	static const char *const fr[] = {
		"__schedule+0x1/0x2", "schedule_timeout+0x1/0x2",
		"msleep+0x1/0x2", "hangme_reader_fn+0x1/0x2 [hangme]",
		"kthread+0x1/0x2",
	};

	begin(&b, 1 << 20);
	waiter(&b, 202, "hangme_writer", D, TRIAGE_LOCK_RWSEM,
	       0xffffffffc0a10000ull, "hangme_sem+0x0/0x28 [hangme]", 201,
	       "hangme_writer_fn+0x1/0x2 [hangme]");
	sb_task(&b, &o, fr, N(fr));
	judge_built(&b, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.culprit.pid == 201);
	CHECK_STR(v.culprit.function, "hangme_reader_fn");
	CHECK_CONTAINS(v.summary, "hangme_reader (pid 201) in hangme_reader_fn [hangme] holds hangme_sem [hangme] and is itself blocked in msleep; 1 task is blocked behind it through hangme_sem [hangme] (hangme_writer pid 202)");
}

/* ---- scale and hostility ----------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 1,000 tasks in one chain, and 1,000 behind one lock: fast, bounded. */
static void test_hung_1000_tasks(void)
{
	static struct verdict v;
	struct snapbuild b;
	double t0;
	int i;

	begin(&b, 4u << 20);
	for (i = 0; i < 1000; i++)
		waiter(&b, 1000 + i, "chain", D, TRIAGE_LOCK_MUTEX,
		       0x100000 + 0x40 * (uint64_t)i, NULL,
		       i == 999 ? 1000 : 1001 + i, "link_fn+0x1/0x2 [big]");
	t0 = now_s();
	judge_built(&b, &v);
	CHECK(now_s() - t0 < 2.0);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.cycle_len == 1000 && v.nr_cycle == VERDICT_MAX_CYCLE);
	CHECK(v.nr_chain == VERDICT_MAX_CHAIN);
	CHECK(v.chain_elided == 1000 - VERDICT_MAX_CHAIN);
	CHECK(v.chain[VERDICT_MAX_CHAIN - 1].cycle);
	CHECK(v.nr_blocked == VERDICT_MAX_BLOCKED && v.nr_blocked_total == 1000);
	CHECK_CONTAINS(v.summary, "1000 tasks in all");

	begin(&b, 4u << 20);
	for (i = 0; i < 1000; i++)
		waiter(&b, 3000 + i, "crowd", D, TRIAGE_LOCK_MUTEX, 0x4242,
		       "big_lock+0x0/0x20 [big]", 2999, "crowd_fn+0x1/0x2 [big]");
	{
		struct triage_rec_task o = sb_task_head(2999, "owner",
							TRIAGE_TASK_F_ON_CPU, 0);
		static const char *const fr[] = { "owner_fn+0x1/0x2 [big]" };

		sb_task(&b, &o, fr, 1);
	}
	t0 = now_s();
	judge_built(&b, &v);
	CHECK(now_s() - t0 < 2.0);
	CHECK_STR(v.kind, "lock_held_by_running");
	CHECK(v.culprit.pid == 2999);
	CHECK_CONTAINS(v.summary, "1000 tasks are blocked behind it through big_lock [big] (crowd pid 3000, crowd pid 3001, crowd pid 3002, crowd pid 3003, and 996 more)");

	/* and a chain of 1,000 into a running owner, walked from each end */
	begin(&b, 4u << 20);
	for (i = 999; i >= 0; i--)
		waiter(&b, 5000 + i, "c", D, TRIAGE_LOCK_MUTEX,
		       0x200000 + 0x40 * (uint64_t)i, NULL, 5001 + i, "f+0x1/0x2");
	{
		struct triage_rec_task o = sb_task_head(6000, "end",
							TRIAGE_TASK_F_ON_CPU, 0);

		sb_task(&b, &o, NULL, 0);
	}
	t0 = now_s();
	judge_built(&b, &v);
	CHECK(now_s() - t0 < 2.0);
	CHECK(v.culprit.pid == 6000);
	CHECK(v.chain[0].pid == 5000);	/* the deepest start */
	CHECK(v.chain_elided == 1001 - VERDICT_MAX_CHAIN);
}

/* Random graphs with duplicates, bad pids and wild owners: every blocked
 * task gets a root, every chain ends, nothing reads out of bounds. */
static void test_hung_random_graphs(void)
{
	static struct verdict v;
	unsigned int seed = 12345, round, i;

	for (round = 0; round < 40; round++) {
		struct snapbuild b;
		struct snapshot s;
		struct hung_graph g;
		unsigned int n = 1 + (seed = seed * 1103515245u + 12345u) % 60;

		begin(&b, 1 << 20);
		for (i = 0; i < n; i++) {
			struct triage_rec_task t;
			unsigned int r = (seed = seed * 1103515245u + 12345u) >> 8;
			static const char *const fr[] = { "a+0x1/0x2", "b+0x1/0x2" };

			t = sb_task_head((int)(r % 40) - 2, "r", r & 1 ? D : 0, r % 9);
			if (r & 2)
				sb_task_wait(&t, 1 + (r >> 4) % 8, 0x1000 + (r >> 12) % 5,
					     NULL, (int)((r >> 5) % 45) - 3,
					     (r >> 10) & 0x7f);
			if (r & 4)
				t.wait.owner = sb_task_addr((int)(r >> 13) % 40);
			if (r & 8)
				t.task = 0;
			if (r & 16)
				t.wait.container = TRIAGE_CONT_SB_WRITERS;
			t.wait.sb_frozen = (r >> 20) % 3;
			sb_task_ex(&b, &t, fr, 2, (r & 32) ? (r >> 7) % 600 + 1 : 0, 0);
		}
		sb_commit(&b, TRIAGE_STATE_COMMITTED);
		CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
		CHECK(hung_graph_build(&g, &s) == ST_OK);
		for (i = 0; i < g.n; i++) {
			if (!snap_task_blocked(&s.tasks[i]))
				continue;
			CHECK(g.root[i] >= 0 && (size_t)g.root[i] < g.nr_roots);
			CHECK(g.depth[i] >= 1 && g.depth[i] <= g.n);
		}
		hung_graph_free(&g);
		snapshot_free(&s);
		judge_built(&b, &v);	/* b is still intact: judge it too */
		CHECK(v.cls == VC_HUNG_TASK);
		CHECK(v.nr_chain <= VERDICT_MAX_CHAIN);
	}
}

/* ---- JSON -------------------------------------------------------------- */

static void test_hung_json(void)
{
	static struct verdict v;
	struct snapbuild b;
	json_t *root, *chain, *l, *w;

	fx_hung_self(&b);
	root = render_built(&b, &v);
	if (!root)
		return;
	CHECK_STR(json_string_value(json_object_get(root, "class")), "hung_task");
	CHECK_STR(json_string_value(json_object_get(root, "kind")), "deadlock");
	chain = json_object_get(root, "chain");
	CHECK(json_array_size(chain) == 2);
	l = json_array_get(chain, 0);
	CHECK(json_integer_value(json_object_get(l, "pid")) == 1);
	CHECK(json_integer_value(json_object_get(l, "owner_pid")) == 212);
	w = json_object_get(l, "waits_on");
	CHECK_STR(json_string_value(json_object_get(w, "type")), "rwsem");
	CHECK(json_is_null(json_object_get(w, "symbol")));
	CHECK_STR(json_string_value(json_object_get(w, "mode")), "read");
	CHECK_STR(json_string_value(json_object_get(json_object_get(w, "container"), "kind")), "mm");
	CHECK(json_integer_value(json_object_get(json_object_get(w, "container"), "pid")) == 212);
	CHECK(json_is_false(json_object_get(l, "cycle")));
	CHECK(json_real_value(json_object_get(l, "blocked_s")) > 122.2);
	l = json_array_get(chain, 1);
	CHECK_STR(json_string_value(json_object_get(json_object_get(l, "waits_on"), "symbol")),
		  "magic_mutex+0x0/0x20 [smajdalf]");
	CHECK_STR(json_string_value(json_object_get(json_object_get(l, "waits_on"), "address")),
		  "0xffffffffc0dd9120");
	CHECK_STR(json_string_value(json_object_get(l, "function")), "take_the_lock_of_power");
	CHECK_STR(json_string_value(json_object_get(l, "module")), "smajdalf");
	CHECK(json_is_true(json_object_get(l, "cycle")));
	CHECK(json_is_false(json_object_get(l, "heuristic")));
	CHECK(json_array_size(json_object_get(root, "cycle")) == 1);
	CHECK(json_integer_value(json_array_get(json_object_get(root, "cycle"), 0)) == 212);
	CHECK(json_array_size(json_object_get(root, "blocked_tasks")) == 3);
	CHECK(json_integer_value(json_object_get(root, "blocked_tasks_total")) == 3);
	CHECK(json_integer_value(json_object_get(json_object_get(root, "culprit"), "pid")) == 212);
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "culprit"), "function")),
		  "take_the_lock_of_power");
	CHECK(json_integer_value(json_object_get(json_object_get(root, "sysctl"), "hung_task_panic")) == 1);
	CHECK(json_integer_value(json_object_get(json_object_get(root, "tasks"), "threads")) == 213);
	json_decref(root);

	fx_hung_frozen(&b);
	root = render_built(&b, &v);
	if (!root)
		return;
	CHECK(json_is_null(json_object_get(root, "cycle")));
	l = json_array_get(json_object_get(root, "chain"), 0);
	CHECK(json_is_null(json_object_get(l, "owner_pid")));
	w = json_object_get(json_object_get(l, "waits_on"), "container");
	CHECK_STR(json_string_value(json_object_get(w, "kind")), "sb_writers");
	CHECK_STR(json_string_value(json_object_get(w, "detail")), "vda1 (ext4)");
	CHECK(json_integer_value(json_object_get(w, "frozen")) == 4);
	CHECK_STR(json_string_value(json_object_get(w, "frozen_name")), "SB_FREEZE_COMPLETE");
	json_decref(root);
}

/* A heuristic wait says so in the JSON. */
static void test_hung_json_heuristic(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(90, "h", D, 10);
	struct triage_rec_task o = sb_task_head(91, "o", TRIAGE_TASK_F_ON_CPU, 0);
	json_t *root, *l;

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_MUTEX, 0x7777, NULL, 91,
		     TRIAGE_LOCK_F_HEURISTIC);
	sb_task(&b, &t, NULL, 0);
	sb_task(&b, &o, NULL, 0);
	root = render_built(&b, &v);
	if (!root)
		return;
	l = json_array_get(json_object_get(root, "chain"), 0);
	CHECK(json_is_true(json_object_get(l, "heuristic")));
	CHECK(fx_evidence_has(&v, "found by scanning the stack"));
	json_decref(root);
}

/* ---- sysctls in the evidence of other classes -------------------------- */

static void test_sysctl_other_classes(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_sysctl y = sb_sysctl_defaults(120, 0);
	static const char *const bt[] = { "f+0x1/0x10 [m]" };

	y.panic_on_oom = 1;
	y.panic_on_oops = 1;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_crash(&b, TRIAGE_REASON_OOM, 0, 900, "hog",
		 "Out of memory: compulsory panic_on_oom is enabled\n", NULL, -1);
	sb_sysctl(&b, &y);
	judge_built(&b, &v);
	CHECK(v.cls == VC_OOM);
	CHECK(fx_evidence_has(&v, "vm.panic_on_oom=1 turned the OOM kill into a panic"));
	CHECK(!fx_evidence_has(&v, "vm.panic_on_oom is set"));

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_crash(&b, TRIAGE_REASON_DIE, 0, 10, "x", NULL, "Oops", 14);
	sb_backtrace(&b, TRIAGE_BT_REGS, 10, 0, bt, 1);
	sb_sysctl(&b, &y);
	judge_built(&b, &v);
	CHECK(v.cls == VC_OOPS);
	CHECK(fx_evidence_has(&v, "kernel.panic_on_oops=1 turned the oops into a panic"));

	y.softlockup_panic = 1;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_crash(&b, TRIAGE_REASON_PANIC, 0, 10, "x", "softlockup: hung tasks",
		 NULL, -1);
	sb_sysctl(&b, &y);
	judge_built(&b, &v);
	CHECK(v.cls == VC_SOFT_LOCKUP);
	CHECK(fx_evidence_has(&v, "kernel.softlockup_panic=1 turned the soft lockup into a panic"));
}

/* 1.4: a lock whose owner word names no live task (it exited holding it). */
static void test_hung_owner_gone(void)
{
	static const char *const frames[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"rwsem_down_write_slowpath+0x29a/0x520",
		"down_write+0x5b/0x60", "faultme_writer+0x1c/0x40 [faultme]",
	};
	static struct verdict v;
	struct snapbuild b;
	struct triage_rec_task t = sb_task_head(300, "faultme_writer", D, 40);
	json_t *root, *w;

	begin(&b, 1 << 20);
	sb_task_wait(&t, TRIAGE_LOCK_RWSEM, 0xffffffffc0c00100ull,
		     "faultme_sem+0x0/0x28 [faultme]", -1,
		     TRIAGE_LOCK_F_WRITE | TRIAGE_LOCK_F_OWNER_GONE);
	t.wait.owner = 0xffff888012345600ull;	/* freed */
	sb_task(&b, &t, frames, N(frames));
	sb_tasks(&b, 100, 2, 1, 1, 0);
	root = render_built(&b, &v);
	CHECK(v.cls == VC_HUNG_TASK);
	CHECK(fx_evidence_has(&v, "faultme_sem [faultme] at 0xffffffffc0c00100, whose owner has exited (its owner word names no live task)"));
	w = json_object_get(json_array_get(json_object_get(root, "chain"), 0),
			    "waits_on");
	CHECK_STR(json_string_value(json_object_get(w, "held_by")), "exited");
	json_decref(root);
}

/* A hung_task panic whose snapshot has no task records: from the log. */
static void test_hung_no_task_records(void)
{
	static struct verdict v;
	struct snapbuild b;

	begin(&b, 1 << 20);
	sb_log(&b, fx_log_hung);
	judge_built(&b, &v);
	CHECK(v.cls == VC_HUNG_TASK && !v.degraded);
	CHECK(v.culprit.pid == 1);
	CHECK(v.nr_chain == 0);
	CHECK(fx_evidence_has(&v, "no blocked task records"));
	CHECK(fx_evidence_has(&v, "kernel.hung_task_panic=1, hung_task_timeout_secs=10"));
}

void hung_tests(void)
{
	RUN(test_decode_task_records);
	RUN(test_decode_task_longer_head);
	RUN(test_decode_task_absurd_frames);
	RUN(test_decode_task_short);
	RUN(test_decode_sysctl_short);
	RUN(test_hung_seed000_self_deadlock);
	RUN(test_hung_seed003_frozen);
	RUN(test_hung_degraded_log);
	RUN(test_hung_after_oops_root);
	RUN(test_hung_after_oops_unrelated);
	RUN(test_hung_reports_json);
	RUN(test_hung_abba);
	RUN(test_hung_abba_signature_stable);
	RUN(test_hung_cycle3);
	RUN(test_hung_self_loop_by_pid);
	RUN(test_hung_chain10_running_owner);
	RUN(test_hung_running_owner_nmi_frames);
	RUN(test_hung_owner_missing);
	RUN(test_hung_owner_by_pid);
	RUN(test_hung_truncated_owner);
	RUN(test_hung_reader_owned);
	RUN(test_hung_completion);
	RUN(test_hung_waitqueue_and_io);
	RUN(test_hung_picks_deadlock);
	RUN(test_hung_start_outside_cycle);
	RUN(test_hung_owner_in_msleep);
	RUN(test_hung_1000_tasks);
	RUN(test_hung_random_graphs);
	RUN(test_hung_json);
	RUN(test_hung_json_heuristic);
	RUN(test_sysctl_other_classes);
	RUN(test_hung_no_task_records);
	RUN(test_hung_owner_gone);
}
