/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * snapbuild.h - builds synthetic snapshots for the tests and the fuzz corpus,
 * the way triage_capture.ko lays them out.
 */
#ifndef SNAPBUILD_H
#define SNAPBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "triage_format.h"

struct snapbuild {
	uint8_t *buf;		/* region_size bytes */
	size_t region_size;
	size_t used;		/* header + records so far */
	uint32_t nr_records;
};

void sb_init(struct snapbuild *b, size_t region_size, uint64_t phys);
void sb_free(struct snapbuild *b);
struct triage_header *sb_hdr(struct snapbuild *b);

/* Append a record; returns a pointer to its payload in the buffer. */
void *sb_record(struct snapbuild *b, uint16_t type, uint16_t flags,
		const void *payload, uint32_t size);

void sb_system(struct snapbuild *b, const char *release, const char *machine,
	       uint64_t taint);
void sb_crash(struct snapbuild *b, uint32_t reason, int cpu, int pid,
	      const char *comm, const char *message, const char *die_str,
	      int trapnr);
/* Frames are "sym" strings; addresses are made up. */
void sb_backtrace(struct snapbuild *b, uint32_t source, int pid, int cpu,
		  const char *const *syms, unsigned int n);
void sb_module(struct snapbuild *b, const char *name, uint64_t base,
	       uint32_t size, uint32_t flags);
void sb_log(struct snapbuild *b, const char *text);
void sb_note(struct snapbuild *b, uint32_t kind, const char *text);

/* Fill in sizes and both CRCs, then set @state (COMMITTED normally). */
void sb_commit(struct snapbuild *b, uint32_t state);
/* Recompute the header CRC only (after editing header fields). */
void sb_rehash_header(struct snapbuild *b);
/* Header + data bytes, what a reader would read. */
size_t sb_len(const struct snapbuild *b);

#endif /* SNAPBUILD_H */
