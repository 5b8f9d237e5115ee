// SPDX-License-Identifier: GPL-2.0
/*
 * triage_region.c - the snapshot region: allocated or a range reserved at
 * boot, the bounded record writer, and the commit protocol of
 * triage_format.h (state word last).
 *
 * The writer runs with the capture guard held (triage_snapshot.c), so it has
 * one user at a time and keeps its cursor in plain statics.  It never writes
 * past the region: a record that does not fit is cut (TRIAGE_REC_F_TRUNCATED)
 * or dropped (TRIAGE_HDR_F_FULL).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pfn.h>
#include <linux/sizes.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include "triage.h"

static struct page *triage_pages;	/* allocated region, or */
static unsigned int triage_order;
static void *triage_mapped;		/* a reserved range, memremap()ed */
static struct triage_header *triage_hdr;
static size_t triage_size;
static phys_addr_t triage_phys;

/* Writer cursor: offset of the next record, and the open record if any. */
static size_t triage_used;
static u32 triage_count;
static u32 triage_flags;
static struct triage_record *triage_open;
static u32 triage_open_max;
/* crc32_le() state over the finished records (seed ~0, not yet inverted). */
static u32 triage_crc_state;
/* Bytes at the end of the region kept for records that carry the root cause. */
static size_t triage_keep;

static u32 triage_crc(const void *p, size_t len)
{
	/* CRC-32 as zlib's crc32(): seed ~0, result inverted. */
	return crc32_le(~0U, p, len) ^ ~0U;
}

static u8 *triage_data(void)
{
	return (u8 *)triage_hdr + sizeof(*triage_hdr);
}

static size_t triage_data_room(void)
{
	return triage_size - sizeof(*triage_hdr);
}

/* Write a fresh ARMED header at @hdr, which maps @size bytes at @phys. */
static void triage_region_arm(void *hdr, phys_addr_t phys, size_t size)
{
	triage_hdr = hdr;
	triage_size = size;
	triage_phys = phys;

	triage_hdr->magic = TRIAGE_MAGIC;
	triage_hdr->version_major = TRIAGE_VERSION_MAJOR;
	triage_hdr->version_minor = TRIAGE_VERSION_MINOR;
	triage_hdr->header_size = sizeof(*triage_hdr);
	triage_hdr->region_size = triage_size;
	triage_hdr->region_phys = phys;
#if defined(CONFIG_X86_64)
	triage_hdr->arch = TRIAGE_ARCH_X86_64;
#elif defined(CONFIG_ARM64)
	triage_hdr->arch = TRIAGE_ARCH_ARM64;
#endif
	triage_hdr->cpu = -1;
	triage_hdr->load_ns = ktime_get_boot_fast_ns();
	/* The header before the state that makes it meaningful. */
	smp_wmb();
	WRITE_ONCE(triage_hdr->state, TRIAGE_STATE_ARMED);
}

/**
 * triage_region_init() - allocate the region from the page allocator
 * @size: bytes, a power of two
 *
 * Return: 0, or -ENOMEM.
 */
int triage_region_init(size_t size)
{
	triage_order = get_order(size);
	/*
	 * alloc_pages() gives a physically contiguous block aligned to its
	 * size, which is what lets the collector also find it by scanning
	 * aligned addresses when VMCOREINFO does not name it.
	 */
	triage_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN,
				   triage_order);
	if (!triage_pages)
		return -ENOMEM;
	triage_region_arm(page_address(triage_pages),
			  page_to_phys(triage_pages), PAGE_SIZE << triage_order);
	return 0;
}

/*
 * Is [@phys, @phys + @size) a range reserved at boot for us?  Not System RAM
 * at all, and wholly inside a "reserved" resource of /proc/iomem: an E820
 * reserved range (memmap=SIZE$PHYS on x86) or a device-tree reserved-memory
 * node with no-map (arm64 lists nomap memory as "reserved", desc
 * IORES_DESC_RESERVED).  Anything else may be the kernel's own memory or a
 * device's registers, which no WB mapping may touch.  Memory that memblock
 * reserved but left in System RAM cannot be told apart from the kernel's own
 * here: it is accepted only by name (reserve_mem:NAME, triage_main.c).
 */
static int triage_region_busy(struct resource *res, void *arg)
{
	*(struct resource *)arg = *res;
	return 1;	/* the first one is enough */
}

static int triage_region_check_reserved(phys_addr_t phys, size_t size)
{
	unsigned long long p = phys;
	struct resource busy;
	unsigned long pfn;

	switch (region_intersects(phys, size, IORESOURCE_SYSTEM_RAM,
				  IORES_DESC_NONE)) {
	case REGION_INTERSECTS:
		pr_err("region=0x%llx,%zu is System RAM in use by the kernel: reserve it at boot (memmap=SIZE$PHYS, reserved-memory with no-map, or reserve_mem= with region=reserve_mem:NAME)\n",
		       p, size);
		return -EINVAL;
	case REGION_MIXED:
		pr_err("region=0x%llx,%zu is partly System RAM: reserve all of it at boot\n",
		       p, size);
		return -EINVAL;
	}
	if (region_intersects(phys, size, IORESOURCE_MEM,
			      IORES_DESC_RESERVED) != REGION_INTERSECTS) {
		pr_err("region=0x%llx,%zu is not wholly inside a range reserved at boot (see \"reserved\" in /proc/iomem)\n",
		       p, size);
		return -EINVAL;
	}
	/*
	 * E820 (and memmap=) also call device MMIO "reserved", and the region
	 * is cleared at load: only RAM-like memory is accepted.  Below 1 MiB
	 * lie the BIOS and legacy device windows; RAM taken out of use at boot
	 * keeps its struct pages (pfn_valid()), an MMIO window above RAM has
	 * none; and no device may have claimed any of it.
	 */
	if (phys < SZ_1M) {
		pr_err("region=0x%llx,%zu is below 1 MiB (BIOS and legacy device memory)\n",
		       p, size);
		return -EINVAL;
	}
	for (pfn = PHYS_PFN(phys); pfn < PHYS_PFN(phys + size); pfn++) {
		if (!pfn_valid(pfn)) {
			pr_err("region=0x%llx,%zu is not RAM: no memory map at 0x%llx (device MMIO or a hole)\n",
			       p, size, (unsigned long long)PFN_PHYS(pfn));
			return -EINVAL;
		}
	}
	if (walk_iomem_res_desc(IORES_DESC_NONE,
				IORESOURCE_MEM | IORESOURCE_BUSY, phys,
				phys + size - 1, &busy,
				triage_region_busy) == 1) {
		pr_err("region=0x%llx,%zu overlaps %pR (%s), claimed by a device\n",
		       p, size, &busy, busy.name ? busy.name : "?");
		return -EINVAL;
	}
	return 0;
}

/**
 * triage_region_init_phys() - use a range reserved at boot as the region
 * @phys: physical address, page-aligned
 * @size: bytes, a power of two
 * @named: the range comes from reserve_mem_find_by_name(), which vouches for
 *	it; otherwise it must be a reserved range of /proc/iomem
 *
 * A snapshot committed (or torn) there before this load is from before a
 * reset, since unloading retires the region: it is handed to
 * triage_previous_keep() before the region is cleared and armed.  The range
 * is not requested busy, so /dev/mem keeps serving it to the boot unit
 * (CONFIG_IO_STRICT_DEVMEM).
 *
 * Return: 0, -EINVAL for a range the kernel uses, -ENOMEM if it cannot be
 * mapped.
 */
int triage_region_init_phys(phys_addr_t phys, size_t size, bool named)
{
	void *base;
	int ret;

	ret = named ? 0 : triage_region_check_reserved(phys, size);
	if (ret)
		return ret;
	base = memremap(phys, size, MEMREMAP_WB);
	if (!base) {
		pr_err("region=0x%llx,%zu cannot be mapped\n",
		       (unsigned long long)phys, size);
		return -ENOMEM;
	}
	triage_previous_keep(base, size);
	memset(base, 0, size);
	triage_mapped = base;
	triage_region_arm(base, phys, size);
	return 0;
}

void triage_region_exit(void)
{
	if (!triage_hdr)
		return;
	/*
	 * Say so, in case the pages are read before they are reused (or, for
	 * a reserved range, by the next boot: a retired region is not kept).
	 */
	WRITE_ONCE(triage_hdr->state, TRIAGE_STATE_RETIRED);
	if (triage_pages)
		__free_pages(triage_pages, triage_order);
	if (triage_mapped)
		memunmap(triage_mapped);
	triage_pages = NULL;
	triage_mapped = NULL;
	triage_hdr = NULL;
}

phys_addr_t triage_region_phys(void)
{
	return triage_hdr ? triage_phys : 0;
}

size_t triage_region_bytes(void)
{
	return triage_size;
}

const void *triage_region_base(void)
{
	return triage_hdr;
}

/*
 * Make the finished records readable should the capture never finish (its
 * CPU stopped by another's kexec, a reset): the records first, then the
 * three fields that describe them (triage_format.h, "Torn snapshots").
 */
static void triage_region_publish(void)
{
	struct triage_header *h = triage_hdr;

	/* The records before the fields that say they are there. */
	smp_wmb();
	WRITE_ONCE(h->data_size, triage_used);
	WRITE_ONCE(h->record_count, triage_count);
	WRITE_ONCE(h->data_crc, triage_crc_state ^ ~0U);
	h->flags = triage_flags;
}

/*
 * Seal the snapshot in @state (COMMITTED or TORN): the header describes the
 * finished records (a record left open is dropped), both CRCs, then the
 * state word last.
 */
static void triage_region_seal(u32 state)
{
	struct triage_header *h = triage_hdr;

	triage_open = NULL;
	h->data_size = triage_used;
	h->record_count = triage_count;
	h->flags = triage_flags;
	h->data_crc = triage_crc(triage_data(), triage_used);
	h->sequence++;
	h->state = state;
	h->header_crc = 0;
	h->header_crc = triage_crc(h, sizeof(*h));
	h->state = TRIAGE_STATE_WRITING;
	/* Records and header must be visible before the state says so. */
	smp_wmb();
	WRITE_ONCE(h->state, state);
	/* And the state before whatever kexec, a panic or a reset does next. */
	smp_mb();
}

/**
 * triage_region_abandon() - drop the record being written, if any
 */
void triage_region_abandon(void)
{
	triage_open = NULL;
}

/**
 * triage_region_seal_torn() - seal a capture that cannot finish
 *
 * Called on the capturing CPU when the capture faulted (the die notifier):
 * the records finished so far stay readable, the header says the snapshot
 * is torn and is checksummed as such (triage_format.h).
 */
void triage_region_seal_torn(void)
{
	if (!triage_hdr)
		return;
	triage_flags |= TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT;
	triage_region_seal(TRIAGE_STATE_TORN);
}

/**
 * triage_region_section() - say which part of the capture is in progress
 * @section: TRIAGE_SECT_*
 */
void triage_region_section(u32 section)
{
	WRITE_ONCE(triage_hdr->section, section);
}

/**
 * triage_region_keep() - keep room at the end of the region
 * @bytes: records reserved from now on leave this much free; 0 lifts it
 *
 * For the records that carry the root cause (the CPUs, lock owners), so
 * that bulk records written before them (the log tail, blocked tasks)
 * cannot use it up.
 */
void triage_region_keep(size_t bytes)
{
	triage_keep = bytes;
}

/**
 * triage_region_room() - bytes still free for records
 *
 * Return: what a record could use now (its header included), not counting
 * the room kept by triage_region_keep().
 */
size_t triage_region_room(void)
{
	size_t room = triage_data_room() - triage_used;

	return room > triage_keep ? room - triage_keep : 0;
}

/**
 * triage_region_begin() - start a new snapshot, invalidating the old one
 * @hook: TRIAGE_HOOK_* taking it
 */
void triage_region_begin(int hook)
{
	WRITE_ONCE(triage_hdr->state, TRIAGE_STATE_WRITING);
	/* Invalidate the old snapshot before overwriting its records. */
	smp_wmb();
	triage_used = 0;
	triage_count = 0;
	triage_flags = 0;
	triage_open = NULL;
	triage_keep = 0;
	triage_crc_state = ~0U;
	triage_hdr->hook = hook;
	triage_hdr->cpu = raw_smp_processor_id();
	triage_hdr->section = TRIAGE_SECT_NONE;
	triage_hdr->capture_start_ns = 0;
	triage_hdr->capture_ns = 0;
	triage_region_publish();
}

void triage_region_flag(u32 hdr_flags)
{
	triage_flags |= hdr_flags;
}

/**
 * triage_region_commit() - seal the snapshot: header, CRCs, then the state
 * @start_ns: CLOCK_MONOTONIC at hook entry
 * @duration_ns: hook entry to now
 */
void triage_region_commit(u64 start_ns, u64 duration_ns)
{
	struct triage_header *h = triage_hdr;

	h->section = TRIAGE_SECT_DONE;
	h->capture_start_ns = start_ns;
	h->capture_ns = duration_ns;
	triage_region_seal(TRIAGE_STATE_COMMITTED);
}

/**
 * triage_rec_reserve() - open a record and get room for its payload
 * @type: TRIAGE_REC_*
 * @want: payload bytes wanted
 * @min: fewest bytes worth writing; below that nothing is reserved
 * @got: bytes actually reserved (@min <= *@got <= @want)
 *
 * Return: the payload, to be closed with triage_rec_finish(), or NULL when
 * the region is full (TRIAGE_HDR_F_FULL is then set).
 */
void *triage_rec_reserve(u16 type, u32 want, u32 min, u32 *got)
{
	size_t room = triage_region_room();
	struct triage_record *r;

	*got = 0;
	if (triage_open)	/* one record at a time */
		return NULL;
	if (room < sizeof(*r) + min) {
		triage_flags |= TRIAGE_HDR_F_FULL;
		return NULL;
	}
	room -= sizeof(*r);
	r = (struct triage_record *)(triage_data() + triage_used);
	r->type = type;
	r->flags = 0;
	r->size = 0;
	*got = min_t(size_t, want, room);
	if (*got < want) {
		r->flags |= TRIAGE_REC_F_TRUNCATED;
		triage_flags |= TRIAGE_HDR_F_TRUNCATED;
	}
	triage_open = r;
	triage_open_max = *got;
	return r + 1;
}

/**
 * triage_rec_finish() - close the open record
 * @payload: what triage_rec_reserve() returned
 * @used: payload bytes written (clamped to what was reserved)
 * @flags: TRIAGE_REC_F_* to add
 */
void triage_rec_finish(void *payload, u32 used, u16 flags)
{
	struct triage_record *r = triage_open;
	size_t end;

	if (!r || payload != (void *)(r + 1))
		return;
	used = min(used, triage_open_max);
	r->size = used;
	r->flags |= flags;
	if (flags & TRIAGE_REC_F_TRUNCATED)
		triage_flags |= TRIAGE_HDR_F_TRUNCATED;
	end = triage_used + sizeof(*r) + used;
	/* Zero the padding so the CRC covers defined bytes. */
	memset(triage_data() + end, 0,
	       min_t(size_t, ALIGN(end, TRIAGE_RECORD_ALIGN) - end,
		     triage_data_room() - end));
	end = min_t(size_t, ALIGN(end, TRIAGE_RECORD_ALIGN), triage_data_room());
	triage_crc_state = crc32_le(triage_crc_state, (u8 *)r, end - triage_used);
	triage_used = end;
	triage_count++;
	triage_open = NULL;
	triage_region_publish();
}

/**
 * triage_rec_add() - append a whole record
 * @type: TRIAGE_REC_*
 * @flags: TRIAGE_REC_F_*
 * @data: payload
 * @len: payload bytes; cut to fit if the region is nearly full
 *
 * Return: 0, or -ENOSPC when nothing could be written.
 */
int triage_rec_add(u16 type, u16 flags, const void *data, u32 len)
{
	u32 got;
	void *p = triage_rec_reserve(type, len, min_t(u32, len, 64), &got);

	if (!p)
		return -ENOSPC;
	memcpy(p, data, got);
	triage_rec_finish(p, got, flags);
	return 0;
}

/**
 * triage_note() - add a line about the capture itself
 * @kind: TRIAGE_NOTE_*
 * @fmt: printf format
 */
void triage_note(u32 kind, const char *fmt, ...)
{
	struct triage_rec_note *n;
	va_list ap;
	u32 got;
	int len;

	n = triage_rec_reserve(TRIAGE_REC_NOTE, sizeof(*n) + 224,
			       sizeof(*n) + 16, &got);
	if (!n)
		return;
	va_start(ap, fmt);
	len = vscnprintf((char *)(n + 1), got - sizeof(*n), fmt, ap);
	va_end(ap);
	n->kind = kind;
	n->len = len;
	triage_rec_finish(n, sizeof(*n) + len, 0);
}
