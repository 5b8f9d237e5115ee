/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * memory.h - the memory picture of a snapshot as crash's "kmem -i" shows it:
 * figures in pages and bytes, percentages of total RAM (of the commit limit
 * for committed memory, of swap for swap), truncated to whole percent as
 * crash prints them.  Unknown fields stay unknown; no I/O.
 */
#ifndef TC_MEMORY_H
#define TC_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"

struct mem_figure {
	bool known;
	bool approx;		/* read without the lock its exact value needs */
	uint64_t pages;
	uint64_t bytes;
	long pct;		/* of the figure's base; -1: unknown */
};

struct mem_picture {
	uint64_t page_size;
	struct mem_figure total, free, used, available, shared, buffers, cached,
			  slab, swap_total, swap_free, swap_used, committed,
			  commit_limit;
};

/* @page_size 0 is taken as 4096. */
void mem_picture(struct mem_picture *p, const struct snap_memory *m,
		 uint64_t page_size);
/* part * 100 / whole, truncated; -1 when either is unknown or whole is 0. */
long mem_pct(uint64_t part, uint64_t whole);
/* "1.8 GiB", "50.6 MiB", "712 KiB", "0 B". */
void mem_human(uint64_t bytes, char *buf, size_t size);
/* Pages to bytes, saturating. */
uint64_t mem_bytes(uint64_t pages, uint64_t page_size);

/* The kernel's names of the gfp flags set in @gfp, "|"-joined, as Linux
 * 5.x-6.x print them ("GFP_HIGHUSER_MOVABLE|__GFP_COMP"). */
void gfp_names(uint32_t gfp, char *buf, size_t size);

#endif /* TC_MEMORY_H */
