// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_decode.c - the snapshot validator on good, damaged, torn, old and
 * future snapshots built by snapbuild.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decode.h"
#include "fixtures.h"
#include "unit.h"

static enum status decode_buf(struct snapshot *s, const void *buf, size_t len)
{
	return snapshot_decode(s, buf, len);
}

static void recrc_data(struct snapbuild *b)
{
	struct triage_header *h = sb_hdr(b);

	h->data_crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0),
				      b->buf + h->header_size, h->data_size);
	sb_rehash_header(b);
}

static void test_decode_good(void)
{
	struct snapbuild b;
	struct snapshot s;
	const struct snap_backtrace *bt;

	fx_panic(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.valid && s.header_ok);
	CHECK(s.has_system && s.has_crash && s.has_modules);
	CHECK_STR(s.system.release, "6.1.0-56-amd64");
	CHECK(s.system.taint == ((1u << 12) | (1u << 13)));
	CHECK_STR(s.crash.comm, "insmod");
	/* the trailing newline of the panic message is dropped */
	CHECK_STR(s.crash.message, "crashme: explicit panic from the test module");
	CHECK(s.crash.raw.pid == 4321);
	bt = snapshot_backtrace(&s, TRIAGE_BT_CURRENT);
	CHECK(bt && bt->nr_frames == 12);
	CHECK(bt && strcmp(bt->frames[5].sym, "crashme_explicit_panic+0x15/0x20 [crashme]") == 0);
	CHECK(s.nr_modules == 1 && strcmp(s.modules[0].name, "crashme") == 0);
	CHECK(s.nr_loaded == 42);
	CHECK_CONTAINS(s.log, "Kernel panic - not syncing: crashme");
	CHECK(s.nr_notes == 1);
	CHECK(s.nr_records == 6 && s.nr_unknown == 0 && s.nr_warnings == 0);
	snapshot_free(&s);
	/* A region read whole (trailing zeroes) is the same snapshot. */
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_OK);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_truncated(void)
{
	struct snapbuild b;
	struct snapshot s;
	size_t len, n, bad = 0;

	fx_panic(&b);
	len = sb_len(&b);
	for (n = 0; n < len; n++) {
		uint8_t *copy = malloc(n ? n : 1);	/* exact size for ASan */

		memcpy(copy, b.buf, n);
		if (decode_buf(&s, copy, n) == ST_OK || s.valid)
			bad++;
		if (n >= sizeof(struct triage_header) && n < len)
			CHECK(s.status == ST_ERR_CORRUPT);
		snapshot_free(&s);
		free(copy);
	}
	CHECK(bad == 0);
	CHECK(decode_buf(&s, b.buf, 100) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "truncated header");
	snapshot_free(&s);
	CHECK(decode_buf(&s, b.buf, len - 1) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "truncated");
	CHECK(s.header_ok && s.has_system);	/* what fits is still read */
	snapshot_free(&s);
	sb_free(&b);
}

/* CRC-32 catches every single-bit error: no flip may pass as valid. */
static void test_decode_bitflips(void)
{
	struct snapbuild b;
	struct snapshot s;
	size_t len, bit, accepted = 0;
	uint8_t *copy;

	fx_oops_null(&b);
	len = sb_len(&b);
	copy = malloc(len);
	for (bit = 0; bit < len * 8; bit++) {
		memcpy(copy, b.buf, len);
		copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (decode_buf(&s, copy, len) == ST_OK || s.valid)
			accepted++;
		snapshot_free(&s);
	}
	CHECK(accepted == 0);
	free(copy);
	sb_free(&b);
}

static void test_decode_states(void)
{
	struct snapbuild b;
	struct snapshot s;

	/* format 1.3: a capture that did not finish is just not committed */
	fx_panic(&b);
	sb_hdr(&b)->version_minor = 3;
	sb_commit(&b, TRIAGE_STATE_WRITING);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(!s.valid && !s.recovered && !s.torn.present);
	CHECK_STR(s.err.text, "torn: the capture did not finish");
	CHECK(s.has_crash);	/* partially decoded, still not valid */
	CHECK(!snapshot_usable(&s));
	snapshot_free(&s);
	/* ... and TORN is no state of 1.3 */
	sb_commit(&b, TRIAGE_STATE_TORN);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	CHECK_STR(s.err.text, "unknown state 0x4e524f54");
	snapshot_free(&s);

	sb_commit(&b, TRIAGE_STATE_ARMED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK_STR(s.err.text, "the module was loaded but nothing was captured");
	CHECK(!s.has_crash && s.header_ok);
	snapshot_free(&s);

	sb_commit(&b, TRIAGE_STATE_RETIRED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK_CONTAINS(s.err.text, "module unloaded");
	snapshot_free(&s);

	sb_commit(&b, 0x12345678);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "unknown state");
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_future_major(void)
{
	struct snapbuild b;
	struct snapshot s;

	fx_panic(&b);
	sb_hdr(&b)->version_major = 2;
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_VERSION);
	CHECK_STR(s.err.text,
		  "snapshot format version 2 is newer than this collector (1)");
	snapshot_free(&s);
	sb_hdr(&b)->version_major = 0;
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	snapshot_free(&s);
	sb_free(&b);
}

/* A newer minor: a longer header, a longer crash payload, a new record. */
static void test_decode_future_minor(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_crash *c;
	uint8_t big[sizeof(*c) + 40], blob[24] = { 1, 2, 3 };

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_hdr(&b)->version_minor = 7;
	sb_hdr(&b)->header_size = sizeof(struct triage_header) + 16;
	memset(b.buf + sizeof(struct triage_header), 0xee, 16);
	b.used = sb_hdr(&b)->header_size;
	memset(big, 0x77, sizeof(big));
	c = (struct triage_rec_crash *)big;
	memset(c, 0, sizeof(*c));
	c->reason = TRIAGE_REASON_PANIC;
	c->pid = 99;
	strcpy(c->comm, "newer");
	strcpy(c->message, "from the future");
	sb_record(&b, 99, 0, blob, sizeof(blob));
	sb_record(&b, TRIAGE_REC_CRASH, 0, big, sizeof(big));
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.valid && s.nr_unknown == 1 && s.has_crash);
	CHECK(s.crash.raw.pid == 99);
	CHECK_STR(s.crash.comm, "newer");
	CHECK_STR(s.crash.message, "from the future");
	snapshot_free(&s);
	sb_free(&b);
}

/* An older minor: a crash payload cut short reads as zero-filled. */
static void test_decode_short_payload(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_crash c;

	memset(&c, 0x55, sizeof(c));
	c.reason = TRIAGE_REASON_DIE;
	c.pid = 7;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_record(&b, TRIAGE_REC_CRASH, 0, &c, offsetof(struct triage_rec_crash, comm));
	sb_record(&b, TRIAGE_REC_BACKTRACE, 0, &c, 3);
	sb_record(&b, TRIAGE_REC_LOG, 0, NULL, 0);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.crash.raw.pid == 7 && s.crash.comm[0] == '\0');
	CHECK(s.crash.raw.nr_regs == 0 && s.crash.message[0] == '\0');
	CHECK(s.nr_backtraces == 1 && s.backtraces[0].nr_frames == 0);
	CHECK(s.log && s.log_len == 0);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_record_overflow(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_record *r;

	fx_panic(&b);
	/* the second record claims more than the data holds */
	r = (struct triage_record *)(b.buf + sizeof(struct triage_header) +
				     sizeof(*r) +
				     ((sizeof(struct triage_rec_system) + 7) & ~7ul));
	CHECK(r->type == TRIAGE_REC_CRASH);
	r->size = 0xfffffff0u;
	recrc_data(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "overflows");
	CHECK(s.has_system && !s.has_crash);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_header_sizes(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_header *h;

	fx_panic(&b);
	h = sb_hdr(&b);
	h->header_size = (uint32_t)b.region_size + 8;
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "header_size");
	snapshot_free(&s);

	h->header_size = 64;
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_CORRUPT);
	snapshot_free(&s);
	h->header_size = sizeof(*h) + 4;	/* not aligned */
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_CORRUPT);
	snapshot_free(&s);

	h->header_size = sizeof(*h);
	h->data_size = (uint32_t)b.region_size;	/* past the region */
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "does not fit");
	snapshot_free(&s);

	h->data_size = 0;
	h->region_size = 16;			/* smaller than its header */
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_CORRUPT);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_counts(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct {
		struct triage_rec_backtrace h;
		struct triage_frame f[2];
	} bt;
	struct {
		struct triage_rec_modules h;
		struct triage_module m;
	} mods;
	struct {
		struct triage_rec_log h;
		char text[8];
	} log;

	memset(&bt, 0, sizeof(bt));
	bt.h.source = TRIAGE_BT_REGS;
	bt.h.nr_frames = 1000000;
	strcpy(bt.f[0].sym, "a+0x1/0x2");
	memset(bt.f[1].sym, 'Z', sizeof(bt.f[1].sym));	/* no NUL */
	memset(&mods, 0, sizeof(mods));
	mods.h.nr_entries = 0xffffffffu;
	memset(mods.m.name, 'M', sizeof(mods.m.name));		/* no NUL */
	memset(&log, 0, sizeof(log));
	log.h.len = 0x7fffffff;
	memcpy(log.text, "abc\ndef\n", 8);
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_record(&b, TRIAGE_REC_BACKTRACE, 0, &bt, sizeof(bt));
	sb_record(&b, TRIAGE_REC_MODULES, 0, &mods, sizeof(mods));
	sb_record(&b, TRIAGE_REC_LOG, 0, &log, sizeof(log));
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.nr_backtraces == 1 && s.backtraces[0].nr_frames == 2);
	CHECK(s.backtraces[0].nr_claimed == 1000000);
	CHECK(strlen(s.backtraces[0].frames[1].sym) == TRIAGE_SYM_LEN);
	CHECK(s.nr_modules == 1 && strlen(s.modules[0].name) == TRIAGE_MODNAME_LEN);
	CHECK(s.log_len == 8 && strcmp(s.log, "abc\ndef\n") == 0);
	CHECK(s.nr_warnings == 3);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_strings_unterminated(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_crash c;

	memset(&c, 0, sizeof(c));
	memset(c.comm, 'A', sizeof(c.comm));
	memset(c.message, 'B', sizeof(c.message));
	memset(c.die_str, 0x01, sizeof(c.die_str));	/* control bytes */
	c.nr_regs = 9999;
	sb_init(&b, 1 << 16, FX_PHYS);
	sb_record(&b, TRIAGE_REC_CRASH, 0, &c, sizeof(c));
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(strlen(s.crash.comm) == TRIAGE_COMM_LEN);
	CHECK(strlen(s.crash.message) == TRIAGE_MSG_LEN);
	CHECK(s.crash.die_str[0] == '?');
	CHECK(s.crash.raw.nr_regs == TRIAGE_MAX_REGS);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_bad_data_crc(void)
{
	struct snapbuild b;
	struct snapshot s;

	fx_panic(&b);
	sb_hdr(&b)->data_crc ^= 1;
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "data CRC mismatch");
	CHECK(!s.valid && s.header_ok && s.has_crash);	/* partial, untrusted */
	snapshot_free(&s);
	sb_free(&b);

	fx_panic(&b);
	sb_hdr(&b)->cpu = 5;				/* header changed, CRC not */
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_CORRUPT);
	CHECK_CONTAINS(s.err.text, "header CRC");
	CHECK(!s.has_crash);
	snapshot_free(&s);
	sb_free(&b);
}

/* A 1.3 snapshot decodes as before 1.4: its reserved words are no facts. */
static void test_decode_old_minor(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_rec_memory m;

	sb_init(&b, 1 << 16, FX_PHYS);
	sb_hdr(&b)->version_minor = 3;
	sb_hdr(&b)->section = 0;	/* reserved0 */
	sb_tasks(&b, 100, 3, 1, 1, 0);
	((struct triage_rec_tasks *)(b.buf + b.used - sizeof(struct triage_rec_tasks)))->nr_left_out = 7;
	memset(&m, 0, sizeof(m));
	m.total = 1000;
	m.buffers = 0;
	m.mem_flags = TRIAGE_MEM_F_NO_BUFFERS;	/* a 1.3 writer's "reserved" */
	sb_memory(&b, &m, 0);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.valid && !s.recovered && !s.torn.present);
	CHECK(s.taskwalk.nr_left_out == 0);
	CHECK(s.memory.mem_flags == 0 && s.memory.buffers == 0);
	snapshot_free(&s);
	/* the same in 1.4: both are read */
	sb_hdr(&b)->version_minor = 4;
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_OK);
	CHECK(s.taskwalk.nr_left_out == 7);
	CHECK(s.memory.mem_flags == TRIAGE_MEM_F_NO_BUFFERS);
	CHECK(s.memory.buffers == SNAP_MEM_UNKNOWN);
	snapshot_free(&s);
	sb_free(&b);
}

/* 1.4: a capture cut short (state still WRITING) keeps every record it
 * finished, vouched for by the running data CRC. */
static void test_decode_torn_writing(void)
{
	struct snapbuild b;
	struct snapshot s;

	fx_oops_null(&b);		/* system crash bt bt modules log */
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_WALK, 0);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(!s.valid && s.recovered && snapshot_usable(&s));
	CHECK(s.torn.present && s.torn.state == TRIAGE_STATE_WRITING);
	CHECK(s.torn.section == TRIAGE_SECT_WALK && !s.torn.faulted);
	CHECK(s.torn.data_crc == SNAP_CRC_OK);
	CHECK(s.torn.verified_records == 6 && s.nr_records == 6);
	CHECK(s.torn.fault == NULL && !s.torn.walk_error);
	CHECK_STR(s.err.text, "torn: the capture stopped in section walk after 6 records");
	CHECK(s.has_system && s.has_crash && s.has_modules && s.log);
	CHECK(s.nr_warnings == 0);
	snapshot_free(&s);

	/* cut earlier: only what was finished, and nothing past data_size */
	sb_free(&b);
	fx_oops_null(&b);
	sb_keep_records(&b, 2);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_CRASH, 0);
	CHECK(decode_buf(&s, b.buf, b.region_size) == ST_ERR_STATE);
	CHECK(s.recovered && s.nr_records == 2 && s.has_crash && !s.log);
	CHECK_STR(snapshot_section_name(s.torn.section), "crash");
	snapshot_free(&s);

	/* the commit itself was interrupted: every record is there */
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_DONE, 0);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK_STR(s.err.text, "torn: the capture stopped while committing (6 records written)");
	snapshot_free(&s);
	sb_free(&b);
}

/* 1.4: a capture that faulted, sealed TORN; its last note says where. */
static void test_decode_torn_sealed(void)
{
	struct snapbuild b;
	struct snapshot s;

	fx_oops_null(&b);
	sb_note(&b, TRIAGE_NOTE_TRUNCATED,
		"fault in section tasks at triage_walk_tasks+0x7c/0x210 [triage_capture] (address 0xdead000000000100)");
	sb_tear(&b, TRIAGE_STATE_TORN, TRIAGE_SECT_TASKS,
		TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && s.torn.state == TRIAGE_STATE_TORN);
	CHECK(s.torn.faulted && s.torn.header_crc_ok);
	CHECK(s.torn.data_crc == SNAP_CRC_OK && s.torn.verified_records == 7);
	CHECK_CONTAINS(s.torn.fault, "fault in section tasks at triage_walk_tasks+0x7c");
	CHECK_STR(s.err.text, "torn: the capture faulted in section tasks after 7 records");
	CHECK(s.nr_warnings == 0);
	snapshot_free(&s);

	/* its header CRC is taken as if TORN: one as if COMMITTED is wrong */
	sb_rehash_header(&b);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && !s.torn.header_crc_ok);
	CHECK(s.nr_warnings == 1);
	CHECK_CONTAINS(s.warnings[0], "torn header CRC mismatch");
	snapshot_free(&s);

	/* flagged as faulted but no closing note: said, not invented */
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_TORN, TRIAGE_SECT_LOG,
		TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && s.torn.fault == NULL);
	CHECK(s.nr_warnings == 1);
	CHECK_CONTAINS(s.warnings[0], "its last record is not the note");
	snapshot_free(&s);
	sb_free(&b);
}

/* 1.4 WRITING whose data CRC does not match: the records are still walked,
 * bounded, and said to be unverified; where the CRC matches an earlier
 * record boundary, that many are vouched for. */
static void test_decode_torn_bad_crc(void)
{
	struct snapbuild b;
	struct snapshot s;
	struct triage_header *h;
	uint32_t crc5;

	fx_oops_null(&b);
	sb_keep_records(&b, 5);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_LOG, 0);
	crc5 = sb_hdr(&b)->data_crc;
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_MEMORY, 0);
	h = sb_hdr(&b);
	h->data_crc = crc5;	/* data_size moved on, the CRC did not yet */
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && s.nr_records == 6 && s.log);
	CHECK(s.torn.data_crc == SNAP_CRC_MISMATCH);
	CHECK(s.torn.verified_records == 5);
	CHECK(s.nr_warnings == 1);
	CHECK_CONTAINS(s.warnings[0], "data CRC mismatch");
	CHECK_CONTAINS(s.warnings[0], "read unverified");
	snapshot_free(&s);

	/* garbage CRC: no boundary matches */
	h->data_crc ^= 0x5a5a5a5a;
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && s.torn.verified_records == 0);
	snapshot_free(&s);

	/* a record whose size runs past data_size: the walk stops there */
	((struct triage_record *)(b.buf + h->header_size))[0].size = 1u << 30;
	CHECK(decode_buf(&s, b.buf, sb_len(&b)) == ST_ERR_STATE);
	CHECK(s.recovered && s.torn.walk_error && s.nr_records == 0);
	CHECK_STR(s.err.text, "torn: the capture stopped in section memory after 0 records");
	snapshot_free(&s);

	/* fewer bytes than data_size: what is there, no CRC */
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_MEMORY, 0);
	CHECK(decode_buf(&s, b.buf, sb_len(&b) - 100) == ST_ERR_STATE);
	CHECK(s.recovered && s.torn.data_crc == SNAP_CRC_SHORT);
	CHECK(s.torn.walk_error && s.has_crash);
	snapshot_free(&s);
	sb_free(&b);
}

static void test_decode_no_magic(void)
{
	struct snapshot s;
	uint8_t zero[4096] = { 0 };

	CHECK(decode_buf(&s, zero, sizeof(zero)) == ST_ERR_NOTFOUND);
	CHECK(!s.header_ok);
	snapshot_free(&s);
	CHECK(decode_buf(&s, zero, 3) == ST_ERR_NOTFOUND);
	snapshot_free(&s);
	CHECK(decode_buf(&s, NULL, 0) == ST_ERR_NOTFOUND);
	snapshot_free(&s);
}

/* Random bytes behind a plausible header: never a crash, never valid. */
static void test_decode_random(void)
{
	struct snapbuild b;
	struct snapshot s;
	unsigned int seed = 12345, i, accepted = 0;
	size_t len, j;
	uint8_t *copy;

	fx_warn(&b);
	len = sb_len(&b);
	copy = malloc(len);
	for (i = 0; i < 3000; i++) {
		memcpy(copy, b.buf, len);
		for (j = 0; j < 1 + i % 16; j++)
			copy[sizeof(struct triage_header) +
			     rand_r(&seed) % (len - sizeof(struct triage_header))] =
				(uint8_t)rand_r(&seed);
		/* fix the CRCs so the walk itself meets the garbage */
		((struct triage_header *)copy)->data_crc =
			(uint32_t)crc32(crc32(0L, Z_NULL, 0),
					copy + sizeof(struct triage_header),
					(uInt)(len - sizeof(struct triage_header)));
		{
			struct snapbuild t = { .buf = copy, .region_size = len };

			sb_rehash_header(&t);
		}
		if (decode_buf(&s, copy, len) == ST_OK)
			accepted++;
		snapshot_free(&s);
	}
	CHECK(accepted > 0);	/* garbage in payloads is fine, safely read */
	free(copy);
	sb_free(&b);
}

void decode_tests(void)
{
	RUN(test_decode_good);
	RUN(test_decode_truncated);
	RUN(test_decode_bitflips);
	RUN(test_decode_states);
	RUN(test_decode_future_major);
	RUN(test_decode_future_minor);
	RUN(test_decode_short_payload);
	RUN(test_decode_record_overflow);
	RUN(test_decode_header_sizes);
	RUN(test_decode_counts);
	RUN(test_decode_strings_unterminated);
	RUN(test_decode_bad_data_crc);
	RUN(test_decode_old_minor);
	RUN(test_decode_torn_writing);
	RUN(test_decode_torn_sealed);
	RUN(test_decode_torn_bad_crc);
	RUN(test_decode_no_magic);
	RUN(test_decode_random);
}
