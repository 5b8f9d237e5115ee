// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_torn.c - verdicts from torn snapshots (format 1.4): judged from the
 * records the capture finished, as a committed snapshot with the same
 * records would be, marked degraded, with where and why the capture stopped;
 * and the 1.4 facts that say what a figure is worth (left-out tasks,
 * approximate or unknown memory counters).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "render.h"
#include "unit.h"

/* Judge @b as it is; the verdict keeps no pointer into the snapshot. */
static void judge_built(struct verdict *v, struct snapbuild *b,
			struct snapshot *s)
{
	struct judge_input in = { .snap = s };
	struct errmsg err;

	snapshot_decode(s, b->buf, sb_len(b));
	CHECK(verdict_judge(v, &in, &err) == ST_OK);
}

/*
 * @build's snapshot, its first @keep records (0: all): committed, and torn
 * (WRITING in @section) give the same verdict, but the torn one is degraded
 * and says where the capture stopped.
 */
static void same_verdict(void (*build)(struct snapbuild *), uint32_t keep,
			 uint32_t section, enum verdict_class want)
{
	static struct verdict vc, vt;
	struct snapbuild b;
	struct snapshot sc, st;
	char where[96];

	build(&b);
	if (keep)
		sb_keep_records(&b, keep);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	judge_built(&vc, &b, &sc);
	sb_tear(&b, TRIAGE_STATE_WRITING, section, 0);
	judge_built(&vt, &b, &st);
	CHECK(sc.valid && !st.valid && st.recovered);
	CHECK(vc.cls == want && vt.cls == want);
	CHECK(!vc.degraded && vt.degraded);
	CHECK_STR(vt.kind ? vt.kind : "-", vc.kind ? vc.kind : "-");
	CHECK_STR(vt.title, vc.title);
	CHECK_STR(vt.summary, vc.summary);
	CHECK_STR(vt.signature, vc.signature);
	CHECK_STR(vt.culprit.function, vc.culprit.function);
	CHECK_STR(vt.culprit.module, vc.culprit.module);
	CHECK(vt.culprit.pid == vc.culprit.pid && vt.culprit.cpu == vc.culprit.cpu);
	CHECK(vt.nr_chain == vc.nr_chain);
	snprintf(where, sizeof(where),
		 "the capture stopped in section %s after %zu records (cut short",
		 snapshot_section_name(section), st.nr_records);
	CHECK(vt.nr_evidence > 0 && strstr(vt.evidence[0], where));
	CHECK(fx_evidence_has(&vt, "degraded: the snapshot is torn; the verdict is judged from the"));
	CHECK(!fx_evidence_has(&vc, "torn"));
	CHECK_STR(vt.log_source ? vt.log_source : "-",
		  vc.log_source ? (strcmp(vc.log_source, "snapshot") ? vc.log_source :
				   "torn snapshot") : "-");
	snapshot_free(&sc);
	snapshot_free(&st);
	sb_free(&b);
}

static void fx_sysrq1(struct snapbuild *b) { fx_sysrq(b, 1); }
static void fx_lockup1(struct snapbuild *b) { fx_lockup_watchdog(b, 1); }

static void test_torn_same_class(void)
{
	same_verdict(fx_oops_null, 0, TRIAGE_SECT_WALK, VC_OOPS);
	same_verdict(fx_panic, 0, TRIAGE_SECT_MODULES, VC_PANIC);
	same_verdict(fx_sysrq1, 0, TRIAGE_SECT_CPUS, VC_SYSRQ);
	same_verdict(fx_bug, 0, TRIAGE_SECT_TASKS, VC_OOPS);
	same_verdict(fx_warn, 0, TRIAGE_SECT_TASKS, VC_WARN);
	same_verdict(fx_hung_self, 0, TRIAGE_SECT_TASKS, VC_HUNG_TASK);
	same_verdict(fx_hung_abba, 0, TRIAGE_SECT_OWNERS, VC_HUNG_TASK);
	same_verdict(fx_oom, 0, TRIAGE_SECT_MODULES, VC_OOM);
	same_verdict(fx_soft_lockup, 0, TRIAGE_SECT_WALK, VC_SOFT_LOCKUP);
	same_verdict(fx_lockup1, 0, TRIAGE_SECT_SYSTEM, VC_HARD_LOCKUP);
	/* cut short right after the crash record and its backtraces (no
	 * modules, no log): still judged from what is there */
	same_verdict(fx_oops_null, 4, TRIAGE_SECT_MODULES, VC_OOPS);
}

/* The acceptance case: crash and log records, WRITING, right class. */
static void test_torn_writing_oops(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;

	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_TASKS, 0);
	judge_built(&v, &b, &s);
	CHECK(v.cls == VC_OOPS && v.degraded);
	CHECK_STR(v.kind, "null_deref");
	CHECK_STR(v.culprit.function, "crashme_null_deref");
	CHECK_STR(v.culprit.module, "crashme");
	CHECK_STR(v.evidence[0], "the capture stopped in section tasks after 6 records (cut short: its CPU was stopped before it finished, by another CPU's kexec or a reset)");
	CHECK_STR(v.log_source, "torn snapshot");
	CHECK(fx_evidence_has(&v, "snapshot taken by the crash_kexec hook on CPU 1; the capture did not finish"));
	snapshot_free(&s);
	sb_free(&b);
}

static const char fault_note[] =
	"fault in section tasks at triage_walk_tasks+0x7c/0x210 [triage_capture] (address 0xdead000000000100)";

static void test_torn_sealed_fault(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;

	fx_hung_self(&b);
	sb_note(&b, TRIAGE_NOTE_TRUNCATED, fault_note);
	sb_tear(&b, TRIAGE_STATE_TORN, TRIAGE_SECT_TASKS,
		TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	judge_built(&v, &b, &s);
	CHECK(v.cls == VC_HUNG_TASK && v.degraded);
	CHECK_CONTAINS(v.evidence[0], "the capture stopped in section tasks after");
	CHECK_CONTAINS(v.evidence[0], "(it faulted: fault in section tasks at triage_walk_tasks+0x7c/0x210 [triage_capture] (address 0xdead000000000100))");
	snapshot_free(&s);
	sb_free(&b);
}

static void test_torn_bad_crc(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;
	uint32_t crc5;

	fx_oops_null(&b);
	sb_keep_records(&b, 5);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_LOG, 0);
	crc5 = sb_hdr(&b)->data_crc;
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_MEMORY, 0);
	sb_hdr(&b)->data_crc = crc5;
	judge_built(&v, &b, &s);
	CHECK(v.cls == VC_OOPS && v.degraded);
	CHECK_STR(v.evidence[1], "the torn snapshot's data CRC does not match: its records were read unverified (the CRC vouches for the first 5 of 6)");
	snapshot_free(&s);
	sb_free(&b);
}

/* Evidence lines of a torn capture come first and are never crowded out. */
static void test_torn_evidence_first(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { 0 };
	struct errmsg err;

	fx_hung_abba(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_OWNERS, 0);
	snapshot_decode(&s, b.buf, sb_len(&b));
	in.snap = &s;
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.nr_evidence <= VERDICT_MAX_EVIDENCE);
	CHECK_CONTAINS(v.evidence[0], "the capture stopped in section owners");
	CHECK_CONTAINS(v.evidence[1], "degraded: the snapshot is torn");
	snapshot_free(&s);
	sb_free(&b);
}

/* More D-state tasks than the module's cap: said, with how many. */
static void test_torn_left_out(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_tasks *w;

	fx_hung_self(&b);
	w = sb_find(&b, TRIAGE_REC_TASKS);
	CHECK(w != NULL);
	if (w) {
		w->walk_flags |= TRIAGE_WALK_F_CAPPED;
		w->nr_left_out = 1234;
	}
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	judge_built(&v, &b, &s);
	CHECK(v.cls == VC_HUNG_TASK && !v.degraded);
	CHECK(fx_evidence_has(&v, "1234 blocked tasks were left out (cap)"));
	snapshot_free(&s);
	sb_free(&b);

	/* not a hung task: the line still comes */
	fx_panic(&b);
	sb_tasks(&b, 5000, 2, 1500, 1000, TRIAGE_WALK_F_CAPPED);
	w = sb_find(&b, TRIAGE_REC_TASKS);
	if (w)
		w->nr_left_out = 500;
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	judge_built(&v, &b, &s);
	CHECK(v.cls == VC_PANIC);
	CHECK(fx_evidence_has(&v, "500 blocked tasks were left out (cap)"));
	snapshot_free(&s);
	sb_free(&b);
}

static json_t *report_of(struct snapbuild *b, struct snapshot *s,
			 char **text)
{
	static struct verdict v;
	struct report r = { .v = &v, .snap = s, .input = "test",
			    .located_by = "image" };
	struct errmsg err;
	json_t *root;
	char *json;

	judge_built(&v, b, s);
	json = report_json(&r, &err);
	*text = report_text(&r, &err);
	root = json ? json_loads(json, 0, NULL) : NULL;
	free(json);
	return root;
}

static void test_torn_json(void)
{
	struct snapbuild b;
	struct snapshot s;
	json_t *root, *snap, *torn;
	char *text = NULL;

	fx_oops_null(&b);
	sb_note(&b, TRIAGE_NOTE_TRUNCATED, fault_note);
	sb_tear(&b, TRIAGE_STATE_TORN, TRIAGE_SECT_TASKS,
		TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	root = report_of(&b, &s, &text);
	CHECK(root != NULL);
	snap = json_object_get(root, "snapshot");
	CHECK(json_is_false(json_object_get(snap, "valid")));
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK_STR(json_string_value(json_object_get(root, "class")), "oops");
	CHECK_STR(json_string_value(json_object_get(snap, "state")), "torn");
	CHECK(json_is_true(json_object_get(snap, "torn")));
	torn = json_object_get(snap, "stopped");
	CHECK(json_is_object(torn));
	CHECK_STR(json_string_value(json_object_get(torn, "state")), "torn");
	CHECK_STR(json_string_value(json_object_get(torn, "section")), "tasks");
	CHECK(json_integer_value(json_object_get(torn, "records")) == 7);
	CHECK_STR(json_string_value(json_object_get(torn, "fault")), fault_note);
	CHECK_STR(json_string_value(json_object_get(torn, "data_crc")), "ok");
	CHECK_STR(json_string_value(json_object_get(torn, "header_crc")), "ok");
	CHECK(json_integer_value(json_object_get(torn, "verified_records")) == 7);
	/* the records are shown as from a snapshot: kernel, crash, modules */
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "kernel"), "release")),
		  "6.1.0-56-amd64");
	CHECK(json_array_size(json_object_get(root, "modules")) == 1);
	CHECK(json_is_null(json_object_get(json_object_get(root, "capture"), "capture_ns")));
	CHECK_CONTAINS(text, "Snapshot:  TORN, its records recovered (torn: the capture faulted in section tasks after 7 records)");
	CHECK_CONTAINS(text, "torn: stopped in section tasks after 7 records; data CRC ok (7 records vouched for); fault: fault in section tasks");
	json_decref(root);
	free(text);
	snapshot_free(&s);
	sb_free(&b);

	/* committed: not torn, "stopped" is null */
	fx_oops_null(&b);
	root = report_of(&b, &s, &text);
	CHECK(json_is_false(json_object_get(json_object_get(root, "snapshot"), "torn")));
	CHECK(json_is_null(json_object_get(json_object_get(root, "snapshot"), "stopped")));
	json_decref(root);
	free(text);
	snapshot_free(&s);
	sb_free(&b);
}

/* TRIAGE_MEM_F_*: a counter read without its lock is "approximate", one not
 * read at all "unknown", never a 0 shown as a fact. */
static void test_torn_memory_flags(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_memory *m;
	json_t *root, *mem;
	char *text = NULL;

	fx_oom(&b);
	m = sb_find(&b, TRIAGE_REC_MEMORY);
	CHECK(m != NULL);
	if (m) {
		m->buffers = 0;
		m->mem_flags = TRIAGE_MEM_F_APPROX | TRIAGE_MEM_F_NO_BUFFERS;
	}
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	root = report_of(&b, &s, &text);
	CHECK(root != NULL);
	mem = json_object_get(root, "memory");
	CHECK(json_is_null(json_object_get(mem, "buffers")));
	CHECK(json_is_true(json_object_get(json_object_get(mem, "committed"), "approximate")));
	CHECK(json_object_get(json_object_get(mem, "cached"), "approximate") == NULL);
	CHECK_CONTAINS(text, "BUFFERS            unknown");
	CHECK_CONTAINS(text, "% of COMMIT LIMIT  (approximate)");
	{
		static struct verdict v;
		struct snapshot s2;

		judge_built(&v, &b, &s2);
		CHECK(fx_evidence_has(&v, " (approximate) is "));
		snapshot_free(&s2);
	}
	json_decref(root);
	free(text);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_torn_tasks_json(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_tasks *w;
	json_t *root, *t, *flags;
	char *text = NULL;

	fx_hung_self(&b);
	w = sb_find(&b, TRIAGE_REC_TASKS);
	if (w) {
		w->walk_flags |= TRIAGE_WALK_F_CAPPED;
		w->nr_left_out = 42;
	}
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	root = report_of(&b, &s, &text);
	t = json_object_get(root, "tasks");
	CHECK(json_integer_value(json_object_get(t, "left_out")) == 42);
	flags = json_object_get(t, "flags");
	CHECK(json_array_size(flags) == 1 &&
	      strcmp(json_string_value(json_array_get(flags, 0)), "capped") == 0);
	json_decref(root);
	free(text);
	snapshot_free(&s);
	sb_free(&b);
}

void torn_tests(void)
{
	RUN(test_torn_same_class);
	RUN(test_torn_writing_oops);
	RUN(test_torn_sealed_fault);
	RUN(test_torn_bad_crc);
	RUN(test_torn_evidence_first);
	RUN(test_torn_left_out);
	RUN(test_torn_json);
	RUN(test_torn_memory_flags);
	RUN(test_torn_tasks_json);
}
