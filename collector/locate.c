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

static enum status read_phys(struct region_source *src, uint64_t phys,
			     void *buf, size_t *len)
{
	kdump_status ks;

	if (src->memfd >= 0) {
		size_t want = *len, got = 0;
		ssize_t n;

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

/*
 * Does a snapshot that knows it lives at @phys start there?  ST_OK if so,
 * ST_ERR_NOTFOUND if the bytes there are something else, read_phys()'s
 * error if they cannot be read; *@why says which.
 */
static enum status header_at(struct region_source *src, uint64_t phys,
			     struct triage_header *h, const char **why)
{
	size_t len = sizeof(*h);
	enum status st = read_phys(src, phys, h, &len);

	if (st != ST_OK) {
		*why = src->err.text;
		return st;
	}
	if (h->magic != TRIAGE_MAGIC) {
		*why = "no snapshot magic there";
		return ST_ERR_NOTFOUND;
	}
	if (h->region_phys != phys) {
		*why = "a copy that was written for another address";
		return ST_ERR_NOTFOUND;
	}
	return ST_OK;
}

/* Read header + records, bounded by the region and SNAPSHOT_MAX_BYTES. */
static enum status read_snapshot(struct region_source *src, uint64_t phys,
				 uint64_t region_size,
				 const struct triage_header *h,
				 struct region *out)
{
	uint64_t total = (uint64_t)h->header_size + h->data_size;
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
	if (read_phys(src, phys, buf, &len) != ST_OK)
		note(src, "read %zu of %" PRIu64 " snapshot bytes: %s", len,
		     total, src->err.text);
	out->buf = buf;
	out->len = len;
	out->has_phys = true;
	out->phys = phys;
	return ST_OK;
}

/*
 * The dump lacks the region's pages: read them from @devmem, the crashed
 * kernel's physical memory as the capture kernel sees it.
 */
static enum status try_devmem(struct region_source *src, const char *devmem,
			      uint64_t phys, uint64_t size,
			      struct region *out)
{
	struct triage_header h;
	const char *why;
	enum status st;

	src->memfd = open(devmem, O_RDONLY | O_CLOEXEC);
	if (src->memfd < 0) {
		note(src, "%s: %s", devmem, strerror(errno));
		return ST_ERR_NOTFOUND;
	}
	if (header_at(src, phys, &h, &why) != ST_OK) {
		note(src, "%s 0x%" PRIx64 ",0x%" PRIx64 " skipped: %s", devmem,
		     phys, size, why);
		st = ST_ERR_NOTFOUND;
	} else {
		note(src, "the dump does not hold 0x%" PRIx64 " (a reserved range): read from %s",
		     phys, devmem);
		out->located_by = "devmem";
		st = read_snapshot(src, phys, size, &h, out);
	}
	close(src->memfd);
	src->memfd = -1;
	return st;
}

static enum status try_region(struct region_source *src,
			      const struct locate_opts *o, uint64_t phys,
			      uint64_t size, const char *by,
			      struct region *out)
{
	struct triage_header h;
	const char *why;
	enum status st = header_at(src, phys, &h, &why);

	if (st != ST_OK) {
		note(src, "%s 0x%" PRIx64 ",0x%" PRIx64 " skipped: %s", by,
		     phys, size, why);
		/* not in the dump at all: a reserved range (region=) */
		if (o->devmem && st != ST_ERR_NOTFOUND)
			return try_devmem(src, o->devmem, phys, size, out);
		return ST_ERR_NOTFOUND;
	}
	out->located_by = by;
	return read_snapshot(src, phys, size, &h, out);
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

static enum status scan(struct region_source *src,
			const struct locate_opts *o, struct region *out)
{
	kdump_num_t max_pfn = 0, page_size = 4096;
	uint64_t addr, end, step = o->scan_step ? o->scan_step : 1 << 20;
	double deadline = now_s() + o->scan_budget_s;
	kdump_bmp_t *bmp;
	enum status st = ST_ERR_NOTFOUND;
	struct triage_header h;
	unsigned long probes = 0;

	if (kdump_get_number_attr(src->kdump, "max_pfn", &max_pfn) != KDUMP_OK ||
	    !max_pfn) {
		note(src, "scan: the dump does not say how much memory it holds");
		return ST_ERR_NOTFOUND;
	}
	kdump_get_number_attr(src->kdump, KDUMP_ATTR_PAGE_SIZE, &page_size);
	end = (uint64_t)max_pfn * page_size;
	bmp = file_pagemap(src);
	for (addr = 0; addr < end; addr += step) {
		size_t len = sizeof(h);

		if (!next_present(bmp, page_size, step, &addr) || addr >= end)
			break;
		if ((++probes & 255) == 0 && now_s() > deadline) {
			note(src, "scan: time budget of %.1f s ran out at 0x%" PRIx64,
			     o->scan_budget_s, addr);
			break;
		}
		if (kdump_read(src->kdump, KDUMP_KPHYSADDR, addr, &h, &len) !=
		    KDUMP_OK || h.magic != TRIAGE_MAGIC ||
		    h.region_phys != addr)
			continue;
		out->located_by = "scan";
		st = read_snapshot(src, addr, h.region_size, &h, out);
		break;
	}
	if (bmp)
		kdump_bmp_decref(bmp);
	if (st == ST_ERR_NOTFOUND)
		note(src, "scan: no snapshot magic at any %" PRIu64 " KiB boundary below 0x%" PRIx64,
		     step >> 10, end);
	return st;
}

static enum status find_in_vmcore(struct region_source *src,
				  const struct locate_opts *o,
				  struct region *out)
{
	enum status st;
	size_t i;

	if (o->has_region)
		return try_region(src, o, o->region_phys, o->region_size,
				  "region", out) == ST_OK ? ST_OK :
		       errmsg_set(&src->err, ST_ERR_NOTFOUND,
				  "no snapshot at 0x%" PRIx64, o->region_phys);
	for (i = src->nr_lines; i-- > 0;) {
		st = try_region(src, o, src->lines[i].phys,
				src->lines[i].size, "vmcoreinfo", out);
		if (st != ST_ERR_NOTFOUND)
			return st;
	}
	if (!src->nr_lines)
		note(src, "no %s line in VMCOREINFO (module not loaded?)",
		     TRIAGE_VMCOREINFO_KEY);
	st = scan(src, o, out);
	if (st == ST_ERR_NOTFOUND)
		errmsg_set(&src->err, ST_ERR_NOTFOUND,
			   "no triage snapshot in %s", src->path);
	return st;
}

enum status locate_find(struct region_source *src,
			const struct locate_opts *opts, struct region *out)
{
	memset(out, 0, sizeof(*out));
	if (src->kind == SOURCE_IMAGE)
		return find_in_image(src, out);
	return find_in_vmcore(src, opts, out);
}
