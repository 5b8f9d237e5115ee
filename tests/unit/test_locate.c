// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_locate.c - finding the snapshot in a raw image and, through
 * libkdumpfile, in a small synthetic ELF vmcore.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "elfcore.h"
#include "fixtures.h"
#include "locate.h"
#include "unit.h"

#define MEM_BASE	0x1000000ull		/* 16 MiB */
#define MEM_LEN		(8u << 20)

/* libkdumpfile's x86_64 support wants pgtable_l5_enabled even to read
 * physical memory; real kernels always export it. */
#define VMCI_BASE	"OSRELEASE=6.1.0-56-amd64\nPAGESIZE=4096\n" \
			"CRASHTIME=1700000000\nNUMBER(pgtable_l5_enabled)=0\n"

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	CHECK(f && fwrite(buf, 1, len, f) == len);
	if (f)
		fclose(f);
}

/* A vmcore whose memory holds the fx_panic snapshot at @at (written for
 * address @phys), with @extra VMCOREINFO lines. */
static void make_vmcore(const char *path, uint64_t at, uint64_t phys,
			const char *extra)
{
	uint8_t *mem = calloc(1, MEM_LEN);
	struct snapbuild b;
	char info[1024];

	fx_panic(&b);
	sb_hdr(&b)->region_phys = phys;
	sb_rehash_header(&b);
	memcpy(mem + (at - MEM_BASE), b.buf, b.region_size);
	snprintf(info, sizeof(info), "%s%s", VMCI_BASE, extra);
	CHECK(elfcore_write(path, info, mem, MEM_LEN, MEM_BASE) == 0);
	sb_free(&b);
	free(mem);
}

static enum status find(const char *path, const struct locate_opts *o,
			struct region_source *src, struct region *r)
{
	enum status st = locate_open(src, path, SOURCE_VMCORE);

	if (st != ST_OK)
		return st;
	return locate_find(src, o, r);
}

static bool notes_contain(const struct region_source *src, const char *s)
{
	size_t i;

	for (i = 0; i < src->nr_notes; i++)
		if (strstr(src->notes[i], s))
			return true;
	return false;
}

static void test_locate_image(void)
{
	struct snapbuild b;
	struct region_source src;
	struct region r;
	char path[512];

	fx_panic(&b);
	snprintf(path, sizeof(path), "%s/region.img", unit_tmpdir);
	write_file(path, b.buf, b.region_size);
	CHECK(locate_open(&src, path, SOURCE_IMAGE) == ST_OK);
	CHECK(locate_find(&src, &(struct locate_opts){ 0 }, &r) == ST_OK);
	CHECK(r.len == b.region_size && memcmp(r.buf, b.buf, r.len) == 0);
	CHECK_STR(r.located_by, "image");
	region_free(&r);
	locate_close(&src);
	sb_free(&b);
}

static void test_locate_vmcoreinfo_parse(void)
{
	struct region_source src;

	memset(&src, 0, sizeof(src));
	locate_parse_vmcoreinfo(&src,
		"OSRELEASE=6.12.0-1-arm64\nPAGESIZE=65536\n"
		"TRIAGE_REGION=0x1000000,0x100000\nSYMBOL(x)=ffff\n"
		"TRIAGE_REGION=garbage\n"
		"TRIAGE_REGION=0x2000000,0x200000\nCRASHTIME=42");
	CHECK(src.facts.present);
	CHECK_STR(src.facts.osrelease, "6.12.0-1-arm64");
	CHECK(src.facts.page_size == 65536);
	CHECK(src.facts.has_crashtime && src.facts.crashtime == 42);
	CHECK(src.nr_lines == 2);
	CHECK(src.lines[1].phys == 0x2000000 && src.lines[1].size == 0x200000);
	CHECK(src.nr_notes == 1);	/* the malformed line */
}

static void test_locate_vmcore(void)
{
	struct region_source src;
	struct region r;
	struct snapshot s;
	char path[512];
	uint64_t at = MEM_BASE + (2u << 20);

	snprintf(path, sizeof(path), "%s/a.vmcore", unit_tmpdir);
	make_vmcore(path, at, at, "TRIAGE_REGION=0x1200000,0x100000\n");
	CHECK(find(path, &(struct locate_opts){ .scan_budget_s = 1 }, &src, &r) == ST_OK);
	CHECK_STR(r.located_by, "vmcoreinfo");
	CHECK(r.has_phys && r.phys == at);
	CHECK(snapshot_decode(&s, r.buf, r.len) == ST_OK);
	CHECK_STR(s.crash.comm, "insmod");
	CHECK_STR(src.facts.osrelease, "6.1.0-56-amd64");
	CHECK(src.facts.page_size == 4096 && src.facts.crashtime == 1700000000);
	snapshot_free(&s);
	region_free(&r);
	locate_close(&src);
}

/* The module was reloaded elsewhere: the newest line is stale. */
static void test_locate_stale_line(void)
{
	struct region_source src;
	struct region r;
	char path[512];
	uint64_t at = MEM_BASE + (2u << 20);

	snprintf(path, sizeof(path), "%s/b.vmcore", unit_tmpdir);
	make_vmcore(path, at, at,
		    "TRIAGE_REGION=0x1200000,0x100000\n"
		    "TRIAGE_REGION=0x1500000,0x100000\n");
	CHECK(find(path, &(struct locate_opts){ .scan_budget_s = 1 }, &src, &r) == ST_OK);
	CHECK(r.phys == at);
	CHECK_STR(r.located_by, "vmcoreinfo");
	CHECK(notes_contain(&src, "0x1500000,0x100000 skipped: no snapshot magic"));
	region_free(&r);
	locate_close(&src);
}

static void test_locate_scan(void)
{
	struct region_source src;
	struct region r;
	char path[512];
	uint64_t at = MEM_BASE + (5u << 20);

	snprintf(path, sizeof(path), "%s/c.vmcore", unit_tmpdir);
	make_vmcore(path, at, at, "");
	CHECK(find(path, &(struct locate_opts){ .scan_budget_s = 1 }, &src, &r) == ST_OK);
	CHECK_STR(r.located_by, "scan");
	CHECK(r.phys == at);
	CHECK(notes_contain(&src, "no TRIAGE_REGION line"));
	region_free(&r);
	locate_close(&src);

	/* a copy written for another address is seen, but not taken */
	make_vmcore(path, at, at + 0x1000, "");
	CHECK(find(path, &(struct locate_opts){ .scan_budget_s = 1 }, &src, &r) == ST_ERR_NOTFOUND);
	CHECK(r.nr_candidates == 1 && r.cand[0].stale && r.taken == -1);
	CHECK(notes_contain(&src, "not taken: a stale copy (written for 0x1501000) of a committed snapshot at 0x1500000 (scan)"));
	region_free(&r);
	locate_close(&src);
}

static void test_locate_region_option(void)
{
	struct region_source src;
	struct region r;
	char path[512];
	uint64_t at = MEM_BASE + (3u << 20);

	snprintf(path, sizeof(path), "%s/d.vmcore", unit_tmpdir);
	make_vmcore(path, at, at, "");
	CHECK(find(path, &(struct locate_opts){ .has_region = true,
		   .region_phys = at, .region_size = 4096 }, &src, &r) == ST_OK);
	CHECK_STR(r.located_by, "region");
	CHECK(r.len <= 4096);
	region_free(&r);
	locate_close(&src);
	/* no SIZE: header + data, bounded by the header's region_size */
	CHECK(find(path, &(struct locate_opts){ .has_region = true,
		   .region_phys = at }, &src, &r) == ST_OK);
	CHECK(r.len == ((struct triage_header *)r.buf)->header_size +
		       ((struct triage_header *)r.buf)->data_size);
	region_free(&r);
	locate_close(&src);
	CHECK(find(path, &(struct locate_opts){ .has_region = true,
		   .region_phys = at + 0x100000 }, &src, &r) == ST_ERR_NOTFOUND);
	CHECK_CONTAINS(src.err.text, "no snapshot at");
	region_free(&r);
	locate_close(&src);
}

/* A region in a reserved range is not in the dump: /dev/mem stands in. */
static void test_locate_devmem(void)
{
	struct region_source src;
	struct region r;
	struct snapbuild b;
	struct snapshot s;
	char path[512], mem[512];
	uint64_t at = 0x10000000;	/* past the dump's memory */
	struct locate_opts o = { .scan_budget_s = 1, .devmem = mem };
	FILE *f;

	snprintf(path, sizeof(path), "%s/e.vmcore", unit_tmpdir);
	snprintf(mem, sizeof(mem), "%s/e.devmem", unit_tmpdir);
	make_vmcore(path, MEM_BASE, MEM_BASE + 0x1000, "TRIAGE_REGION=0x10000000,0x100000\n");
	fx_panic(&b);
	sb_hdr(&b)->region_phys = at;
	sb_rehash_header(&b);
	f = fopen(mem, "wb");	/* sparse: the snapshot at offset @at */
	CHECK(f && fseeko(f, (off_t)at, SEEK_SET) == 0 &&
	      fwrite(b.buf, 1, b.region_size, f) == b.region_size);
	if (f)
		fclose(f);
	CHECK(find(path, &o, &src, &r) == ST_OK);
	CHECK_STR(r.located_by, "devmem");
	CHECK(r.has_phys && r.phys == at);
	CHECK(notes_contain(&src, "does not hold 0x10000000 (a reserved range): read from"));
	CHECK(snapshot_decode(&s, r.buf, r.len) == ST_OK && s.valid);
	snapshot_free(&s);
	region_free(&r);
	locate_close(&src);

	/* without a devmem the line is skipped and the scan finds nothing */
	o.devmem = NULL;
	CHECK(find(path, &o, &src, &r) == ST_ERR_NOTFOUND);
	CHECK(notes_contain(&src, "vmcoreinfo 0x10000000,0x100000 skipped: reading 0x10000000"));
	region_free(&r);
	locate_close(&src);

	/* a devmem that does not hold it either: noted, not found */
	o.devmem = "/nonexistent/mem";
	CHECK(find(path, &o, &src, &r) == ST_ERR_NOTFOUND);
	CHECK(notes_contain(&src, "/nonexistent/mem: No such file or directory"));
	region_free(&r);
	locate_close(&src);
	sb_free(&b);
}

/* A snapshot (fx_panic) in @mem at @at, written for @written_for, in
 * @state, with the header's times. */
static void put(uint8_t *mem, uint64_t at, uint32_t state,
		uint64_t written_for, uint64_t cap_ns, uint64_t seq,
		uint64_t load_ns)
{
	struct snapbuild b;
	struct triage_header *h;

	fx_panic(&b);
	h = sb_hdr(&b);
	h->region_phys = written_for;
	h->capture_start_ns = cap_ns;
	h->sequence = seq;
	h->load_ns = load_ns;
	if (state == TRIAGE_STATE_TORN)
		sb_tear(&b, state, TRIAGE_SECT_TASKS,
			TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	else if (state == TRIAGE_STATE_WRITING)
		sb_tear(&b, state, TRIAGE_SECT_LOG, 0);
	else
		sb_commit(&b, state);
	memcpy(mem + (at - MEM_BASE), b.buf, b.region_size);
	sb_free(&b);
}

#define MIB(n)	(MEM_BASE + ((uint64_t)(n) << 20))

static void write_core(const char *path, const uint8_t *mem,
		       const char *lines)
{
	char info[1024];

	snprintf(info, sizeof(info), "%s%s", VMCI_BASE, lines);
	CHECK(elfcore_write(path, info, mem, MEM_LEN, MEM_BASE) == 0);
}

/* Find in a core made of @mem and @lines; the phys taken, or 0. */
static uint64_t taken(const uint8_t *mem, const char *lines,
		      struct region_source *src, struct region *r)
{
	char path[512];
	uint64_t phys;

	snprintf(path, sizeof(path), "%s/multi.vmcore", unit_tmpdir);
	write_core(path, mem, lines);
	if (find(path, &(struct locate_opts){ .scan_budget_s = 1 }, src, r) != ST_OK)
		return 0;
	phys = r->phys;
	CHECK(r->taken >= 0 && r->cand[r->taken].phys == phys);
	return phys;
}

#define LINE(n)	"TRIAGE_REGION=0x" #n "00000,0x100000\n"

/* One line per module load: the committed capture wins over the newer,
 * armed region of a later load and over a retired one. */
static void test_locate_best_state(void)
{
	uint8_t *mem = calloc(1, MEM_LEN);
	struct region_source src;
	struct region r;

	put(mem, MIB(1), TRIAGE_STATE_COMMITTED, MIB(1), 5000, 1, 100);
	put(mem, MIB(2), TRIAGE_STATE_RETIRED, MIB(2), 0, 0, 200);
	put(mem, MIB(3), TRIAGE_STATE_ARMED, MIB(3), 0, 0, 300);
	CHECK(taken(mem, LINE(11) LINE(12) LINE(13), &src, &r) == MIB(1));
	CHECK(r.nr_candidates == 3);
	CHECK_STR(r.located_by, "vmcoreinfo");
	CHECK_STR(r.choice, "took a committed snapshot at 0x1100000 (vmcoreinfo) over 2 other candidates: a retired snapshot at 0x1200000 (vmcoreinfo); an armed snapshot at 0x1300000 (vmcoreinfo)");
	region_free(&r);
	locate_close(&src);

	/* committed over torn over writing, whatever the line order */
	put(mem, MIB(1), TRIAGE_STATE_WRITING, MIB(1), 9000, 3, 100);
	put(mem, MIB(2), TRIAGE_STATE_TORN, MIB(2), 8000, 2, 100);
	put(mem, MIB(3), TRIAGE_STATE_COMMITTED, MIB(3), 7000, 1, 100);
	CHECK(taken(mem, LINE(13) LINE(11) LINE(12), &src, &r) == MIB(3));
	region_free(&r);
	locate_close(&src);
	put(mem, MIB(3), TRIAGE_STATE_RETIRED, MIB(3), 7000, 1, 100);
	CHECK(taken(mem, LINE(13) LINE(11) LINE(12), &src, &r) == MIB(2));
	region_free(&r);
	locate_close(&src);
	put(mem, MIB(2), TRIAGE_STATE_ARMED, MIB(2), 0, 0, 100);
	CHECK(taken(mem, LINE(13) LINE(11) LINE(12), &src, &r) == MIB(1));
	CHECK(r.cand[r.taken].hdr.state == TRIAGE_STATE_WRITING);
	region_free(&r);
	locate_close(&src);
	free(mem);
}

/* Among equals the newest: capture_start_ns, then sequence, then load_ns;
 * a damaged header (CRC) ranks below a sane one. */
static void test_locate_best_newest(void)
{
	uint8_t *mem = calloc(1, MEM_LEN);
	struct region_source src;
	struct region r;
	struct triage_header *h;

	put(mem, MIB(1), TRIAGE_STATE_COMMITTED, MIB(1), 9000, 1, 100);
	put(mem, MIB(2), TRIAGE_STATE_COMMITTED, MIB(2), 5000, 7, 900);
	CHECK(taken(mem, LINE(12) LINE(11), &src, &r) == MIB(1));
	region_free(&r);
	locate_close(&src);
	put(mem, MIB(2), TRIAGE_STATE_COMMITTED, MIB(2), 9000, 2, 50);
	CHECK(taken(mem, LINE(12) LINE(11), &src, &r) == MIB(2));
	region_free(&r);
	locate_close(&src);
	put(mem, MIB(2), TRIAGE_STATE_COMMITTED, MIB(2), 9000, 1, 50);
	CHECK(taken(mem, LINE(12) LINE(11), &src, &r) == MIB(1));
	region_free(&r);
	locate_close(&src);
	/* all equal: the later line */
	put(mem, MIB(2), TRIAGE_STATE_COMMITTED, MIB(2), 9000, 1, 100);
	CHECK(taken(mem, LINE(12) LINE(11), &src, &r) == MIB(1));
	region_free(&r);
	locate_close(&src);
	CHECK(taken(mem, LINE(11) LINE(12), &src, &r) == MIB(2));
	region_free(&r);
	locate_close(&src);
	/* the newest, but its header CRC is wrong: a sane torn one wins */
	put(mem, MIB(1), TRIAGE_STATE_COMMITTED, MIB(1), 99000, 9, 100);
	h = (struct triage_header *)(mem + (MIB(1) - MEM_BASE));
	h->cpu ^= 1;
	put(mem, MIB(2), TRIAGE_STATE_TORN, MIB(2), 9000, 1, 100);
	CHECK(taken(mem, LINE(11) LINE(12), &src, &r) == MIB(2));
	CHECK(!r.cand[0].sane && r.cand[1].sane);
	CHECK_CONTAINS(r.choice, "over 1 other candidate: a damaged committed snapshot at 0x1100000");
	region_free(&r);
	locate_close(&src);
	free(mem);
}

/* Lines with no capture behind them: the scan finds every header, fresh
 * and stale, and the best fresh one is taken; stale copies rank last. */
static void test_locate_best_scan(void)
{
	uint8_t *mem = calloc(1, MEM_LEN);
	struct region_source src;
	struct region r;
	size_t i, stale = 0;

	put(mem, MIB(1), TRIAGE_STATE_RETIRED, MIB(1), 0, 0, 100);
	put(mem, MIB(4), TRIAGE_STATE_COMMITTED, MIB(6), 99000, 5, 900);
	put(mem, MIB(5), TRIAGE_STATE_COMMITTED, MIB(5), 1000, 1, 200);
	put(mem, MIB(6), TRIAGE_STATE_ARMED, MIB(6), 0, 0, 300);
	CHECK(taken(mem, LINE(11), &src, &r) == MIB(5));
	CHECK_STR(r.located_by, "scan");
	CHECK(r.nr_candidates == 4);
	for (i = 0; i < r.nr_candidates; i++)
		stale += r.cand[i].stale;
	CHECK(stale == 1);
	CHECK_CONTAINS(r.choice, "took a committed snapshot at 0x1500000 (scan) over 3 other candidates");
	CHECK_CONTAINS(r.choice, "a stale copy (written for 0x1600000) of a committed snapshot at 0x1400000 (scan)");
	region_free(&r);
	locate_close(&src);

	/* a line with a committed capture: no scan */
	CHECK(taken(mem, LINE(15), &src, &r) == MIB(5));
	CHECK(r.nr_candidates == 1 && r.choice[0] == '\0');
	region_free(&r);
	locate_close(&src);

	/* --region by hand takes a stale copy, and says so */
	{
		char path[512];

		snprintf(path, sizeof(path), "%s/multi.vmcore", unit_tmpdir);
		CHECK(find(path, &(struct locate_opts){ .has_region = true,
			   .region_phys = MIB(4) }, &src, &r) == ST_OK);
		CHECK(r.taken == 0 && r.cand[0].stale);
		CHECK_STR(r.choice, "the snapshot at 0x1400000 is a stale copy, written for 0x1600000: it may be of an earlier crash");
		region_free(&r);
		locate_close(&src);
	}
	free(mem);
}

/* The ranking itself. */
static void test_locate_candidate_cmp(void)
{
	struct candidate a, b;

	memset(&a, 0, sizeof(a));
	a.sane = true;
	a.hdr.state = TRIAGE_STATE_ARMED;
	b = a;
	b.hdr.state = TRIAGE_STATE_RETIRED;
	CHECK(candidate_cmp(&a, &b) > 0 && candidate_cmp(&b, &a) < 0);
	b.hdr.state = 0x1234;
	CHECK(candidate_cmp(&a, &b) > 0);
	b.hdr.state = TRIAGE_STATE_COMMITTED;
	b.stale = true;
	CHECK(candidate_cmp(&a, &b) > 0);	/* fresh armed over stale */
	b.stale = false;
	b.sane = false;
	CHECK(candidate_cmp(&a, &b) > 0);	/* sane armed over damaged */
	b = a;
	CHECK(candidate_cmp(&a, &b) == 0);
	CHECK(candidate_best(&a, 1) == 0);
	CHECK(candidate_best(&a, 0) == -1);
	CHECK(!candidate_is_capture(&a));
	a.hdr.state = TRIAGE_STATE_WRITING;
	CHECK(candidate_is_capture(&a));
	a.stale = true;
	CHECK(!candidate_is_capture(&a));
}

static void test_locate_bad_inputs(void)
{
	struct region_source src;
	char path[512];

	snprintf(path, sizeof(path), "%s/not-a-vmcore", unit_tmpdir);
	write_file(path, "hello, world\n", 13);
	CHECK(locate_open(&src, path, SOURCE_VMCORE) == ST_ERR_LIB);
	CHECK_CONTAINS(src.err.text, "not a vmcore (libkdumpfile: ");
	locate_close(&src);
	CHECK(locate_open(&src, "/nonexistent/vmcore", SOURCE_VMCORE) == ST_ERR_SYSTEM);
	CHECK_STR(src.err.text, "/nonexistent/vmcore: No such file or directory");
	locate_close(&src);
	CHECK(locate_open(&src, unit_tmpdir, SOURCE_IMAGE) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(src.err.text, "is a directory");
	locate_close(&src);
}

void locate_tests(void)
{
	RUN(test_locate_image);
	RUN(test_locate_vmcoreinfo_parse);
	RUN(test_locate_vmcore);
	RUN(test_locate_stale_line);
	RUN(test_locate_scan);
	RUN(test_locate_region_option);
	RUN(test_locate_devmem);
	RUN(test_locate_best_state);
	RUN(test_locate_best_newest);
	RUN(test_locate_best_scan);
	RUN(test_locate_candidate_cmp);
	RUN(test_locate_bad_inputs);
}
