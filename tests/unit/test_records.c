// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_records.c - the format 1.2/1.3 records (CPU, lockup, memory, OOM):
 * whole, cut short, lying about their counts.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "unit.h"

static const char *const nmi_bt[] = {
	"native_queued_spin_lock_slowpath+0x1a/0x2b0",
	"_raw_spin_lock+0x29/0x30",
	"hangme_spin_twice_irqoff+0x2e/0x50 [hangme]",
	"hangme_write+0x40/0x80 [hangme]",
	"vfs_write+0xb5/0x290",
};

static void test_records_cpu(void)
{
	struct snapbuild b;
	struct snapshot s;
	const struct snap_cpu *c;

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_cpu(&b, 0, TRIAGE_CPU_F_CAPTURING, 1, "init", 0, NULL, 0);
	sb_cpu(&b, 1, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQS_OFF |
	       TRIAGE_CPU_F_STUCK, 123, "hangme_spin", 2, nmi_bt, 5);
	/* claims 9 frames, holds 2: the 2 are kept, after the head */
	sb_cpu_ex(&b, 2, TRIAGE_CPU_F_RESPONDED, 7, "x", 0, nmi_bt, 2, 0);
	((struct triage_rec_cpu *)(b.buf + b.used -
		((sizeof(struct triage_rec_cpu) + 2 * sizeof(struct triage_frame) + 7) & ~7u)))->nr_frames = 9;
	/* a head cut short: pid unknown, no registers, no frames */
	sb_cpu_ex(&b, 3, TRIAGE_CPU_F_NO_RESPONSE, 9, "y", 0, NULL, 0, 8);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.nr_cpus == 4);
	c = snapshot_cpu(&s, 1);
	CHECK(c && c->pid == 123 && c->nr_frames == 5 && c->preempt_count == 2);
	CHECK(c && (c->flags & TRIAGE_CPU_F_STUCK) && c->nr_regs == 21);
	CHECK(c && strcmp(c->frames[2].sym, "hangme_spin_twice_irqoff+0x2e/0x50 [hangme]") == 0);
	CHECK_STR(c ? c->comm : NULL, "hangme_spin");
	c = snapshot_cpu(&s, 2);
	CHECK(c && c->nr_frames == 2 && c->nr_claimed == 9);
	CHECK(c && strcmp(c->frames[0].sym, nmi_bt[0]) == 0);
	c = snapshot_cpu(&s, 3);
	CHECK(c && c->short_head && c->pid == -1 && c->nr_regs == 0 &&
	      c->nr_frames == 0);
	CHECK(snapshot_cpu(&s, 4) == NULL && snapshot_cpu(&s, -1) == NULL);
	CHECK(s.nr_warnings >= 1);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_records_lockup(void)
{
	struct snapbuild b;
	struct snapshot s;

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_lockup(&b, 1, 0, 2002, 2000, 0xffffffffc0a03000ull,
		  "hang_lock+0x0/0x4 [hangme]");
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_lockup && s.lockup.cpu == 1 && s.lockup.detected_by == 0);
	CHECK(s.lockup.stuck_ns == 2002000000ull);
	CHECK(s.lockup.lock_addr == 0xffffffffc0a03000ull && s.lockup.lock_val == 1);
	CHECK_STR(s.lockup.lock_symbol, "hang_lock+0x0/0x4 [hangme]");
	CHECK(s.lockup.rec_flags & TRIAGE_REC_F_HEURISTIC);
	snapshot_free(&s);
	sb_free(&b);

	/* cut after the threshold: no lock, detector unknown stays known */
	sb_init(&b, 1 << 16, FX_PHYS);
	{
		struct triage_rec_lockup r = { .cpu = 3, .detected_by = 2,
					       .stuck_ns = 5, .threshold_ns = 4,
					       .lock_addr = 0x1234 };
		sb_record(&b, TRIAGE_REC_LOCKUP, 0, &r, 40);
		sb_record(&b, TRIAGE_REC_LOCKUP, 0, &r, 2);
	}
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_lockup && s.lockup.cpu == -1 && s.lockup.detected_by == -1);
	CHECK(s.lockup.lock_addr == 0 && s.lockup.lock_symbol[0] == '\0');
	snapshot_free(&s);
	sb_free(&b);
}

static void test_records_memory(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_memory m;

	memset(&m, 0, sizeof(m));
	m.total = 262144;
	m.free = 3000;
	m.committed = 600000;
	m.commit_limit = 131072;
	m.nr_top = 12;		/* more than the format holds */
	snprintf(m.top[0].comm, sizeof(m.top[0].comm), "stress");
	m.top[0].pid = 2359;
	m.top[0].rss_pages = 200000;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_memory(&b, &m, 0);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_memory && s.memory.total == 262144 &&
	      s.memory.nr_top == TRIAGE_MEM_TOP);
	CHECK_STR(s.memory.top[0].comm, "stress");
	CHECK(s.memory.top[0].rss_pages == 200000);
	snapshot_free(&s);
	sb_free(&b);

	/* cut in the middle of committed and of top[1]: unknown, 1 entry */
	m.nr_top = 2;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_memory(&b, &m, offsetof(struct triage_rec_memory, committed) + 4);
	sb_memory(&b, &m, offsetof(struct triage_rec_memory, top) +
		  sizeof(struct triage_mem_task) + 10);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_memory && s.memory.nr_top == 1);
	snapshot_free(&s);
	sb_free(&b);
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_memory(&b, &m, offsetof(struct triage_rec_memory, committed) + 4);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.memory.free == 3000 && s.memory.committed == SNAP_MEM_UNKNOWN &&
	      s.memory.commit_limit == SNAP_MEM_UNKNOWN && s.memory.nr_top == 0);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_records_oom(void)
{
	struct snapbuild b;
	struct snapshot s;

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_oom(&b, 2359, "stress", 0x140cca, 0, 0);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_oom && s.oom.pid == 2359 && s.oom.gfp_mask == 0x140cca);
	CHECK(s.oom.has_order && s.oom.order == 0 && s.oom.has_totalpages);
	CHECK_STR(s.oom.comm, "stress");
	snapshot_free(&s);
	sb_free(&b);
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_oom(&b, 2359, "stress", 0x140cca, 3, 26);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.has_oom && s.oom.pid == 2359 && !s.oom.has_gfp &&
	      !s.oom.has_order);
	snapshot_free(&s);
	sb_free(&b);
}

void records_tests(void)
{
	RUN(test_records_cpu);
	RUN(test_records_lockup);
	RUN(test_records_memory);
	RUN(test_records_oom);
}
