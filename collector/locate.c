// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * locate.c - finds the snapshot: in a raw region image, or in a vmcore's
 * physical memory through libkdumpfile, at the place a TRIAGE_REGION line
 * of VMCOREINFO names (newest first, stale lines skipped), at an address
 * given by hand, or, failing all that, by scanning aligned RAM for the magic.
 * A region in a range reserved at boot (module parameter region=) is not in
 * the dump (kexec-tools puts only System RAM in the ELF core header): in the
 * capture kernel it is read from /dev/mem instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libkdumpfile/kdumpfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "locate.h"
#include "makedumpfile.h"
#include "vmcoreinfo.h"

static void note(struct region_source *src, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(struct region_source *src, const char *fmt, ...)
{
	va_list ap;

	if (src->nr_notes >= LOCATE_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(src->notes[src->nr_notes], LOCATE_NOTE_LEN, fmt, ap);
	va_end(ap);
	src->note_ptrs[src->nr_notes] = src->notes[src->nr_notes];
	src->nr_notes++;
}

/* ---- VMCOREINFO -------------------------------------------------------- */

void locate_parse_vmcoreinfo(struct region_source *src, const char *text)
{
	struct vmcoreinfo vi;
	size_t i;

	vmcoreinfo_parse(&vi, text);
	src->facts = vi.facts;
	src->nr_lines = vi.nr_lines;
	memcpy(src->lines, vi.lines, sizeof(vi.lines));
	for (i = 0; i < vi.nr_notes; i++)
		note(src, "%s", vi.notes[i]);
}

/* ---- opening ----------------------------------------------------------- */

/* The crashed kernel's host name, for the verdict's "host".  A
 * kdump-compressed dump carries its utsname in the header (libkdumpfile's
 * linux.uts.nodename); for an ELF one (/proc/vmcore) libkdumpfile 0.5.1
 * has none, so it is read where VMCOREINFO says: SYMBOL(init_uts_ns) +
 * OFFSET(uts_namespace.name), a struct new_utsname whose sysname must be
 * "Linux" (nodename follows it, both __NEW_UTS_LEN + 1 = 65 bytes). */
static void dump_nodename(struct region_source *src)
{
	kdump_ctx_t *ctx = src->kdump;
	const char *s = NULL;
	char uts[2 * 65];
	kdump_vaddr_t va;
	kdump_num_t off;
	size_t n = sizeof(uts);

	if (kdump_get_string_attr(ctx, "linux.uts.nodename", &s) == KDUMP_OK &&
	    s) {
		snprintf(src->nodename, sizeof(src->nodename), "%s", s);
	} else if (kdump_vmcoreinfo_symbol(ctx, "init_uts_ns", &va) ==
		   KDUMP_OK &&
		   kdump_get_number_attr(ctx,
					 "linux.vmcoreinfo.OFFSET.uts_namespace.name",
					 &off) == KDUMP_OK &&
		   kdump_read(ctx, KDUMP_KVADDR, va + off, uts, &n) ==
		   KDUMP_OK && n == sizeof(uts)) {
		uts[sizeof(uts) - 1] = '\0';
		if (memcmp(uts, "Linux", 6) == 0)
			snprintf(src->nodename, sizeof(src->nodename), "%s",
				 uts + 65);
		else
			note(src, "no host name in the dump: init_uts_ns does not hold a utsname");
	} else {
		note(src, "no host name in the dump (libkdumpfile: %s)",
		     kdump_get_err(ctx));
	}
	kdump_clear_err(ctx);
}

static enum status open_vmcore(struct region_source *src)
{
	kdump_ctx_t *ctx = kdump_new();
	kdump_status ks;
	char *raw = NULL;

	if (!ctx)
		return errmsg_set(&src->err, ST_ERR_NOMEM,
				  "%s: cannot allocate a libkdumpfile context",
				  src->path);
	/* Without this, VMCOREINFO look-ups fail on Linux dumps. */
	ks = kdump_set_string_attr(ctx, KDUMP_ATTR_OSTYPE, "linux");
	if (ks == KDUMP_OK)
		ks = kdump_open_fd(ctx, src->fd);
	if (ks != KDUMP_OK) {
		errmsg_set(&src->err, ST_ERR_LIB,
			   "%s: not a vmcore (libkdumpfile: %s)", src->path,
			   kdump_get_err(ctx));
		kdump_free(ctx);
		return ST_ERR_LIB;
	}
	src->kdump = ctx;
	dump_nodename(src);
	ks = kdump_vmcoreinfo_raw(ctx, &raw);
	if (ks == KDUMP_OK && raw) {
		locate_parse_vmcoreinfo(src, raw);
		free(raw);
	} else {
		note(src, "no VMCOREINFO in the dump (libkdumpfile: %s)",
		     kdump_get_err(ctx));
	}
	return ST_OK;
}

enum status locate_open(struct region_source *src, const char *path,
			enum source_kind kind)
{
	struct stat st;

	memset(src, 0, sizeof(*src));
	src->memfd = -1;
	src->kind = kind;
	src->path = path;
	src->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (src->fd < 0)
		return errmsg_set(&src->err, ST_ERR_SYSTEM, "%s: %s", path,
				  strerror(errno));
	if (fstat(src->fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		errmsg_set(&src->err, ST_ERR_SYSTEM, "%s: %s", path,
			   S_ISDIR(st.st_mode) ? "is a directory" :
			   strerror(errno));
		close(src->fd);
		src->fd = -1;
		return ST_ERR_SYSTEM;
	}
	if (kind == SOURCE_IMAGE)
		return ST_OK;
	if (mdf_is_flattened(src->fd)) {
		/* kdump-tools saves with makedumpfile -F; libkdumpfile 0.5.1
		 * reads no flattened dumps.
		 */
		int fd;

		if (mdf_unflatten(path, &fd, &src->err) != ST_OK) {
			close(src->fd);
			src->fd = -1;
			return ST_ERR_SYSTEM;
		}
		close(src->fd);
		src->fd = fd;
		snprintf(src->dump_path, sizeof(src->dump_path),
			 "/proc/self/fd/%d", fd);
		note(src, "flattened dump (makedumpfile -F): read through makedumpfile -R");
	}
	if (open_vmcore(src) != ST_OK) {
		close(src->fd);
		src->fd = -1;
		return ST_ERR_LIB;
	}
	return ST_OK;
}

void locate_close(struct region_source *src)
{
	if (src->memfd >= 0)
		close(src->memfd);
	src->memfd = -1;
	if (src->kdump)
		kdump_free(src->kdump);
	src->kdump = NULL;
	if (src->fd >= 0)
		close(src->fd);
	src->fd = -1;
}

void region_free(struct region *r)
{
	free(r->buf);
	r->buf = NULL;
	r->len = 0;
}

/* ---- raw image --------------------------------------------------------- */

static enum status find_in_image(struct region_source *src, struct region *out)
{
	size_t cap = 1 << 16, len = 0;
	uint8_t *buf = malloc(cap), *nb;
	ssize_t n;

	while (buf) {
		if (len == cap) {
			if (cap >= SNAPSHOT_MAX_BYTES)
				break;	/* the rest cannot be a snapshot */
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb)
				break;
			buf = nb;
		}
		n = read(src->fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return errmsg_set(&src->err, ST_ERR_SYSTEM,
					  "%s: %s", src->path, strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!buf)
		return errmsg_set(&src->err, ST_ERR_NOMEM, "%s: out of memory",
				  src->path);
	out->buf = buf;
	out->len = len;
	out->located_by = "image";
	return ST_OK;
}

/* ---- vmcore ------------------------------------------------------------ */

/* The devmem file, opened once; false (said once) if it cannot be. */
static bool devmem_open(struct region_source *src, const char *devmem)
{
	if (src->memfd >= 0)
		return true;
	if (src->memfd == -2)
		return false;
	src->memfd = open(devmem, O_RDONLY | O_CLOEXEC);
	if (src->memfd >= 0)
		return true;
	note(src, "%s: %s", devmem, strerror(errno));
	src->memfd = -2;
	return false;
}

/* Read physical memory: from the dump, or from the devmem file. */
static enum status read_phys(struct region_source *src, bool devmem,
			     uint64_t phys, void *buf, size_t *len)
{
	kdump_status ks;

	if (devmem) {
		size_t want = *len, got = 0;
		ssize_t n = 0;

		while (got < want) {
			n = pread(src->memfd, (char *)buf + got, want - got,
				  (off_t)(phys + got));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		*len = got;
		if (got == want)
			return ST_OK;
		return errmsg_set(&src->err, ST_ERR_SYSTEM,
				  "reading 0x%" PRIx64 " from physical memory: %s",
				  phys + got, n < 0 ? strerror(errno) :
				  "end of file");
	}
	ks = kdump_read(src->kdump, KDUMP_KPHYSADDR, phys, buf, len);
	if (ks == KDUMP_OK)
		return ST_OK;
	return errmsg_set(&src->err, ST_ERR_LIB, "reading 0x%" PRIx64 ": %s",
			  phys, kdump_get_err(src->kdump));
}

#define PROBE_BYTES	4096	/* a header and its CRC'd tail, one page */

/* The first page at @phys, or at least a header's worth of it. */
static enum status read_head(struct region_source *src, bool devmem,
			     uint64_t phys, uint8_t *buf, size_t *len)
{
	*len = PROBE_BYTES;
	if (read_phys(src, devmem, phys, buf, len) == ST_OK)
		return ST_OK;
	*len = sizeof(struct triage_header);
	return read_phys(src, devmem, phys, buf, len);
}

static struct candidate *candidate_at(struct region *out, uint64_t phys)
{
	size_t i;

	for (i = 0; i < out->nr_candidates; i++)
		if (out->cand[i].phys == phys)
			return &out->cand[i];
	return NULL;
}

/* Keep @c; when the list is full it replaces the worst, if it is better. */
static void add_candidate(struct region_source *src, struct region *out,
			  const struct candidate *c)
{
	size_t i, worst = 0;

	if (out->nr_candidates < LOCATE_MAX_CANDIDATES) {
		out->cand[out->nr_candidates++] = *c;
		return;
	}
	if (!out->nr_dropped++)
		note(src, "more than %d snapshot headers found: only the best are kept",
		     LOCATE_MAX_CANDIDATES);
	for (i = 1; i < out->nr_candidates; i++)
		if (candidate_cmp(&out->cand[i], &out->cand[worst]) < 0)
			worst = i;
	if (candidate_cmp(c, &out->cand[worst]) > 0)
		out->cand[worst] = *c;
}

/* A header with the magic in @buf (@len bytes) found at @phys. */
static void found(struct region_source *src, struct region *out,
		  const uint8_t *buf, size_t len, uint64_t phys, uint64_t size,
		  const char *by, bool devmem)
{
	struct candidate c;
	char what[160];

	memset(&c, 0, sizeof(c));
	memcpy(&c.hdr, buf, sizeof(c.hdr));
	c.phys = phys;
	c.size = size;
	c.by = by;
	c.devmem = devmem;
	c.sane = snapshot_header_sane(buf, len);
	c.stale = c.hdr.region_phys != phys;
	if (c.stale || !c.sane) {
		candidate_describe(&c, what, sizeof(what));
		note(src, "found %s: ranked below the others", what);
	}
	add_candidate(src, out, &c);
}

/*
 * Is there a snapshot header at @phys (a region of @size bytes, 0: as its
 * header says)?  If so it becomes a candidate.  A region the dump does not
 * hold (a range reserved at boot, module parameter region=) is looked for
 * in @o->devmem, the crashed kernel's physical memory.
 */
static void probe(struct region_source *src, const struct locate_opts *o,
		  struct region *out, uint64_t phys, uint64_t size,
		  const char *by)
{
	static uint8_t buf[PROBE_BYTES];
	const char *where = by;
	bool devmem = false;
	size_t len;

	if (candidate_at(out, phys))
		return;		/* named twice */
	if (read_head(src, false, phys, buf, &len) != ST_OK) {
		note(src, "%s 0x%" PRIx64 ",0x%" PRIx64 " skipped: %s", by,
		     phys, size, src->err.text);
		/* not in the dump at all: a reserved range (region=) */
		if (!o->devmem || !devmem_open(src, o->devmem))
			return;
		where = o->devmem;
		if (read_head(src, true, phys, buf, &len) != ST_OK) {
			note(src, "%s 0x%" PRIx64 ",0x%" PRIx64 " skipped: %s",
			     where, phys, size, src->err.text);
			return;
		}
		devmem = true;
	}
	if (!snapshot_has_magic(buf, len)) {
		note(src, "%s 0x%" PRIx64 ",0x%" PRIx64 " skipped: no snapshot magic there",
		     where, phys, size);
		return;
	}
	if (devmem)
		note(src, "the dump does not hold 0x%" PRIx64 " (a reserved range): read from %s",
		     phys, o->devmem);
	found(src, out, buf, len, phys, size, devmem ? "devmem" : by, devmem);
}

/* Read header + records, bounded by the region and SNAPSHOT_MAX_BYTES. */
static enum status read_snapshot(struct region_source *src,
				 const struct candidate *c, struct region *out)
{
	const struct triage_header *h = &c->hdr;
	uint64_t total = (uint64_t)h->header_size + h->data_size;
	uint64_t region_size = c->size;
	size_t len;
	uint8_t *buf;

	if (total < sizeof(*h))
		total = sizeof(*h);
	if (!region_size)	/* not given: trust the header's, bounded below */
		region_size = h->region_size;
	if (region_size && total > region_size)
		total = region_size < sizeof(*h) ? sizeof(*h) : region_size;
	if (total > SNAPSHOT_MAX_BYTES)
		total = SNAPSHOT_MAX_BYTES;
	len = (size_t)total;
	buf = malloc(len);
	if (!buf)
		return errmsg_set(&src->err, ST_ERR_NOMEM, "out of memory");
	if (read_phys(src, c->devmem, c->phys, buf, &len) != ST_OK)
		note(src, "read %zu of %" PRIu64 " snapshot bytes: %s", len,
		     total, src->err.text);
	out->buf = buf;
	out->len = len;
	out->has_phys = true;
	out->phys = c->phys;
	return ST_OK;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The file's page bitmap lets the scan jump over holes. */
static kdump_bmp_t *file_pagemap(struct region_source *src)
{
	kdump_attr_t attr;

	attr.type = KDUMP_BITMAP;
	if (kdump_get_typed_attr(src->kdump, KDUMP_ATTR_FILE_PAGEMAP, &attr) !=
	    KDUMP_OK)
		return NULL;
	kdump_bmp_incref(attr.val.bitmap);
	return attr.val.bitmap;
}

/* Next address >= @addr, @step-aligned, whose page the dump holds. */
static bool next_present(kdump_bmp_t *bmp, uint64_t page_size, uint64_t step,
			 uint64_t *addr)
{
	kdump_addr_t idx;

	if (!bmp)
		return true;
	idx = *addr / page_size;
	if (kdump_bmp_find_set(bmp, &idx) != KDUMP_OK)
		return false;
	if (idx * page_size > *addr)
		*addr = (idx * page_size + step - 1) & ~(step - 1);
	return true;
}

/* Every header at a @step-aligned address of the dump, in the time budget. */
static void scan(struct region_source *src, const struct locate_opts *o,
		 struct region *out)
{
	static uint8_t buf[PROBE_BYTES];
	kdump_num_t max_pfn = 0, page_size = 4096;
	uint64_t addr, end, step = o->scan_step ? o->scan_step : 1 << 20;
	double deadline = now_s() + o->scan_budget_s;
	kdump_bmp_t *bmp;
	unsigned long probes = 0, hits = 0;
	size_t len;

	if (kdump_get_number_attr(src->kdump, "max_pfn", &max_pfn) != KDUMP_OK ||
	    !max_pfn) {
		note(src, "scan: the dump does not say how much memory it holds");
		return;
	}
	kdump_get_number_attr(src->kdump, KDUMP_ATTR_PAGE_SIZE, &page_size);
	end = (uint64_t)max_pfn * page_size;
	bmp = file_pagemap(src);
	for (addr = 0; addr < end; addr += step) {
		struct triage_header h;

		if (!next_present(bmp, page_size, step, &addr) || addr >= end)
			break;
		if ((++probes & 255) == 0 && now_s() > deadline) {
			note(src, "scan: time budget of %.1f s ran out at 0x%" PRIx64,
			     o->scan_budget_s, addr);
			break;
		}
		len = sizeof(h);
		if (kdump_read(src->kdump, KDUMP_KPHYSADDR, addr, &h, &len) !=
		    KDUMP_OK || h.magic != TRIAGE_MAGIC)
			continue;
		hits++;
		if (candidate_at(out, addr) ||
		    read_head(src, false, addr, buf, &len) != ST_OK)
			continue;
		found(src, out, buf, len, addr, h.region_size, "scan", false);
	}
	if (bmp)
		kdump_bmp_decref(bmp);
	if (!hits)
		note(src, "scan: no snapshot magic at any %" PRIu64 " KiB boundary below 0x%" PRIx64,
		     step >> 10, end);
}

/* Did the search find a capture worth a verdict (not only armed, retired,
 * damaged or stale headers)? */
static bool have_capture(const struct region *out)
{
	size_t i;

	for (i = 0; i < out->nr_candidates; i++)
		if (candidate_is_capture(&out->cand[i]))
			return true;
	return false;
}

/* Say which candidate was taken, over which others. */
static void describe_choice(struct region *out)
{
	char what[160];
	size_t i, n;

	if (out->taken < 0)
		return;
	if (out->cand[out->taken].stale) {
		const struct candidate *c = &out->cand[out->taken];

		snprintf(out->choice, sizeof(out->choice),
			 "the snapshot at 0x%" PRIx64 " is a stale copy, written for 0x%" PRIx64 ": it may be of an earlier crash",
			 c->phys, (uint64_t)c->hdr.region_phys);
		return;
	}
	if (out->nr_candidates < 2)
		return;
	candidate_describe(&out->cand[out->taken], what, sizeof(what));
	n = (size_t)snprintf(out->choice, sizeof(out->choice),
			     "took %s over %zu other candidate%s:", what,
			     out->nr_candidates - 1 + out->nr_dropped,
			     out->nr_candidates == 2 && !out->nr_dropped ? "" :
			     "s");
	for (i = 0; i < out->nr_candidates && n < sizeof(out->choice); i++) {
		if ((long)i == out->taken)
			continue;
		candidate_describe(&out->cand[i], what, sizeof(what));
		n += (size_t)snprintf(out->choice + n, sizeof(out->choice) - n,
				      "%s %s", n && out->choice[n - 1] == ':' ?
				      "" : ";", what);
	}
}

static enum status take(struct region_source *src, struct region *out,
			long best)
{
	out->taken = best;
	out->located_by = out->cand[best].by;
	describe_choice(out);
	return read_snapshot(src, &out->cand[best], out);
}

static enum status find_in_vmcore(struct region_source *src,
				  const struct locate_opts *o,
				  struct region *out)
{
	char what[160];
	long best;
	size_t i;

	if (o->has_region) {
		/* by hand: whatever header is there, even a stale copy */
		probe(src, o, out, o->region_phys, o->region_size, "region");
		if (!out->nr_candidates)
			return errmsg_set(&src->err, ST_ERR_NOTFOUND,
					  "no snapshot at 0x%" PRIx64,
					  o->region_phys);
		return take(src, out, 0);
	}
	/* every TRIAGE_REGION line, one per module load, oldest first */
	for (i = 0; i < src->nr_lines; i++)
		probe(src, o, out, src->lines[i].phys, src->lines[i].size,
		      "vmcoreinfo");
	if (!src->nr_lines)
		note(src, "no %s line in VMCOREINFO (module not loaded?)",
		     TRIAGE_VMCOREINFO_KEY);
	if (!have_capture(out))
		scan(src, o, out);
	best = candidate_best(out->cand, out->nr_candidates);
	if (best >= 0 && out->cand[best].stale) {
		/* a copy of an earlier capture is no verdict of this crash */
		candidate_describe(&out->cand[best], what, sizeof(what));
		note(src, "not taken: %s, the best header found", what);
		best = -1;
	}
	if (best < 0)
		return errmsg_set(&src->err, ST_ERR_NOTFOUND,
				  "no triage snapshot in %s", src->path);
	return take(src, out, best);
}

enum status locate_find(struct region_source *src,
			const struct locate_opts *opts, struct region *out)
{
	memset(out, 0, sizeof(*out));
	out->taken = -1;
	if (src->kind == SOURCE_IMAGE)
		return find_in_image(src, out);
	return find_in_vmcore(src, opts, out);
}
