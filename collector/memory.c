// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * memory.c - kmem -i arithmetic and gfp flag names (see memory.h).
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "memory.h"

uint64_t mem_bytes(uint64_t pages, uint64_t page_size)
{
	if (page_size && pages > UINT64_MAX / page_size)
		return UINT64_MAX;
	return pages * page_size;
}

long mem_pct(uint64_t part, uint64_t whole)
{
	if (part == SNAP_MEM_UNKNOWN || whole == SNAP_MEM_UNKNOWN || !whole)
		return -1;
	/* part * 100 could overflow for absurd inputs: divide first then */
	if (part > UINT64_MAX / 100)
		return part / whole > (uint64_t)(LONG_MAX / 100) ? LONG_MAX :
		       (long)(part / whole * 100);
	return (part * 100 / whole) > (uint64_t)LONG_MAX ? LONG_MAX :
	       (long)(part * 100 / whole);
}

void mem_human(uint64_t bytes, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	double x = (double)bytes;
	size_t u = 0;

	if (bytes < 1024) {
		snprintf(buf, size, "%" PRIu64 " B", bytes);
		return;
	}
	x /= 1024;
	while (x >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		x /= 1024;
		u++;
	}
	if (u == 0 || x >= 100)
		snprintf(buf, size, "%.0f %s", x, units[u]);
	else
		snprintf(buf, size, "%.1f %s", x, units[u]);
}

static void fig(struct mem_figure *f, uint64_t pages, uint64_t base,
		uint64_t page_size)
{
	f->known = pages != SNAP_MEM_UNKNOWN;
	f->pages = f->known ? pages : 0;
	f->bytes = f->known ? mem_bytes(pages, page_size) : 0;
	f->pct = f->known ? mem_pct(pages, base) : -1;
}

static uint64_t sum(uint64_t a, uint64_t b)
{
	if (a == SNAP_MEM_UNKNOWN || b == SNAP_MEM_UNKNOWN)
		return SNAP_MEM_UNKNOWN;
	return a > SNAP_MEM_UNKNOWN - 1 - b ? SNAP_MEM_UNKNOWN - 1 : a + b;
}

static uint64_t diff(uint64_t a, uint64_t b)
{
	if (a == SNAP_MEM_UNKNOWN || b == SNAP_MEM_UNKNOWN)
		return SNAP_MEM_UNKNOWN;
	return a > b ? a - b : 0;
}

void mem_picture(struct mem_picture *p, const struct snap_memory *m,
		 uint64_t page_size)
{
	uint64_t total = m->total, ps = page_size ? page_size : 4096;

	memset(p, 0, sizeof(*p));
	p->page_size = ps;
	fig(&p->total, total, SNAP_MEM_UNKNOWN, ps);
	fig(&p->free, m->free, total, ps);
	fig(&p->used, diff(total, m->free), total, ps);
	fig(&p->available, m->available, total, ps);
	fig(&p->shared, m->shared, total, ps);
	fig(&p->buffers, m->buffers, total, ps);
	fig(&p->cached, m->cached, total, ps);
	fig(&p->slab, sum(m->slab_reclaimable, m->slab_unreclaimable), total,
	    ps);
	fig(&p->swap_total, m->swap_total, SNAP_MEM_UNKNOWN, ps);
	fig(&p->swap_free, m->swap_free, m->swap_total, ps);
	fig(&p->swap_used, diff(m->swap_total, m->swap_free), m->swap_total,
	    ps);
	fig(&p->commit_limit, m->commit_limit, SNAP_MEM_UNKNOWN, ps);
	fig(&p->committed, m->committed, m->commit_limit, ps);
	p->committed.approx = p->committed.known &&
			      (m->mem_flags & TRIAGE_MEM_F_APPROX);
}

/* include/linux/gfp_types.h of 6.1 (the same bits since 4.x, mostly). */
void gfp_names(uint32_t gfp, char *buf, size_t size)
{
	static const struct { uint32_t mask; const char *name; } t[] = {
		/* composites first, as the kernel's %pGg does */
		{ 0x100cca, "GFP_HIGHUSER_MOVABLE" },
		{ 0x100cc2, "GFP_HIGHUSER" },
		{ 0x100cc0, "GFP_USER" },
		{ 0x400cc0, "GFP_KERNEL_ACCOUNT" },
		{ 0x000cc0, "GFP_KERNEL" },
		{ 0x000c40, "GFP_NOFS" },
		{ 0x000c00, "GFP_NOIO" },
		{ 0x000a20, "GFP_ATOMIC" },
		{ 0x000800, "GFP_NOWAIT" },
		{ 0x01, "__GFP_DMA" }, { 0x02, "__GFP_HIGHMEM" },
		{ 0x04, "__GFP_DMA32" }, { 0x08, "__GFP_MOVABLE" },
		{ 0x10, "__GFP_RECLAIMABLE" }, { 0x20, "__GFP_HIGH" },
		{ 0x40, "__GFP_IO" }, { 0x80, "__GFP_FS" },
		{ 0x100, "__GFP_ZERO" }, { 0x200, "__GFP_ATOMIC" },
		{ 0x400, "__GFP_DIRECT_RECLAIM" },
		{ 0x800, "__GFP_KSWAPD_RECLAIM" }, { 0x1000, "__GFP_WRITE" },
		{ 0x2000, "__GFP_NOWARN" }, { 0x4000, "__GFP_RETRY_MAYFAIL" },
		{ 0x8000, "__GFP_NOFAIL" }, { 0x10000, "__GFP_NORETRY" },
		{ 0x20000, "__GFP_MEMALLOC" }, { 0x40000, "__GFP_COMP" },
		{ 0x80000, "__GFP_NOMEMALLOC" }, { 0x100000, "__GFP_HARDWALL" },
		{ 0x200000, "__GFP_THISNODE" }, { 0x400000, "__GFP_ACCOUNT" },
		{ 0x800000, "__GFP_ZEROTAGS" },
	};
	uint32_t left = gfp;
	size_t i, n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof(t) / sizeof(t[0]) && left; i++) {
		if ((left & t[i].mask) != t[i].mask)
			continue;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
				      n ? "|" : "", t[i].name);
		left &= ~t[i].mask;
		if (n >= size)
			break;
	}
	if (left && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s0x%x", n ? "|" : "",
				      left);
	if (!gfp)
		snprintf(buf, size, "0");
}
