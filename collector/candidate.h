/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * candidate.h - the snapshot headers a search found, and which one to judge.
 * A dump may hold several: one region per module load (VMCOREINFO keeps a
 * TRIAGE_REGION line for each), a retired one, stale copies of an earlier
 * capture (a region image in the page cache).  No I/O.
 */
#ifndef TC_CANDIDATE_H
#define TC_CANDIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "triage_format.h"

/**
 * struct candidate - a snapshot header found at @phys
 * @phys: where it was found
 * @size: bytes of region to read there (0: the header's region_size)
 * @by: how: "vmcoreinfo", "scan", "region" (by hand) or "devmem"
 * @devmem: read from the crashed kernel's physical memory, not the dump
 * @hdr: the header
 * @sane: snapshot_header_sane() said yes
 * @stale: @hdr.region_phys is not @phys: a copy of a snapshot written
 *	elsewhere, of an earlier capture
 */
struct candidate {
	uint64_t phys;
	uint64_t size;
	const char *by;
	bool devmem;
	struct triage_header hdr;
	bool sane;
	bool stale;
};

/*
 * Which of two candidates to judge: > 0 @a, < 0 @b, 0 neither.  A fresh one
 * before a stale copy, a sane header before a damaged one, then by state:
 * committed, torn, writing, armed, retired (an unknown state last); among
 * equals the newest: capture_start_ns, then sequence, then load_ns.
 */
int candidate_cmp(const struct candidate *a, const struct candidate *b);

/* The best of @n (the later one among equals), or -1 when @n is 0. */
long candidate_best(const struct candidate *c, size_t n);

/* Is @c a capture worth a verdict: fresh, sane, and committed, torn or
 * writing (not armed or retired)? */
bool candidate_is_capture(const struct candidate *c);

/* "a committed snapshot at 0x1200000 (vmcoreinfo)", "a stale copy (written
 * for 0x..) of a committed snapshot at 0x.. (scan)". */
void candidate_describe(const struct candidate *c, char *buf, size_t size);

#endif /* TC_CANDIDATE_H */
