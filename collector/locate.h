/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * locate.h - the input layer: opens a vmcore (through libkdumpfile) or a raw
 * region image, and finds the bytes of the triage snapshot in it.
 */
#ifndef TC_LOCATE_H
#define TC_LOCATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "candidate.h"
#include "status.h"
#include "vmcoreinfo.h"

#define LOCATE_TEXT	384	/* one sentence: which snapshot was taken */

#define LOCATE_MAX_NOTES	8
#define LOCATE_NOTE_LEN		200

enum source_kind {
	SOURCE_VMCORE,
	SOURCE_IMAGE,
};

struct region_source {
	enum source_kind kind;
	const char *path;
	int fd;
	struct _kdump_ctx *kdump;	/* vmcore only */
	int memfd;			/* locate_opts.devmem once opened;
					 * -1 not yet, -2 it cannot be */
	char dump_path[32];		/* "/proc/self/fd/N" of an unflattened
					 * copy, for makedumpfile; "" if none */
	struct errmsg err;

	struct dump_facts facts;	/* from VMCOREINFO */
	char nodename[65];		/* libkdumpfile's linux.uts.nodename
					 * (the crashed kernel's), or "" */
	size_t nr_lines;		/* TRIAGE_REGION lines, in order */
	struct region_line lines[VMCI_MAX_LINES];

	size_t nr_notes;		/* how the search went, for the report */
	char notes[LOCATE_MAX_NOTES][LOCATE_NOTE_LEN];
	const char *note_ptrs[LOCATE_MAX_NOTES];
};

struct locate_opts {
	bool has_region;		/* --region PHYS[,SIZE] */
	uint64_t region_phys;
	uint64_t region_size;		/* 0: take it from the header */
	double scan_budget_s;		/* time limit of the fallback scan */
	uint64_t scan_step;		/* alignment scanned (1 MiB) */
	const char *devmem;		/* the crashed kernel's physical
					 * memory for a region the dump
					 * lacks (a reserved range in a
					 * capture kernel: /dev/mem), or
					 * NULL */
};

#define LOCATE_MAX_CANDIDATES	16

/**
 * struct region - the snapshot bytes found in a source
 * @located_by: "image", "region", "vmcoreinfo", "scan" or "devmem"
 * @cand: the snapshot headers a vmcore search found (none for an image)
 * @nr_dropped: more than LOCATE_MAX_CANDIDATES: the worst were left out
 * @taken: the index in @cand of the one read, -1 for an image
 * @choice: which one was taken over which others ("" when there was no
 *	choice), or that the one taken by hand is a stale copy
 */
struct region {
	uint8_t *buf;
	size_t len;
	bool has_phys;
	uint64_t phys;
	const char *located_by;
	size_t nr_candidates;
	struct candidate cand[LOCATE_MAX_CANDIDATES];
	size_t nr_dropped;
	long taken;
	char choice[LOCATE_TEXT];
};

/* Open @path as a raw region image or as a vmcore.  Failure means the
 * input cannot be read at all; the message is in src->err. */
enum status locate_open(struct region_source *src, const char *path,
			enum source_kind kind);

/* Find the snapshot.  In a vmcore every header found is a candidate (every
 * TRIAGE_REGION line, a reserved range through the devmem file, and, when
 * these hold no capture, a scan) and the best is read (candidate.h); a
 * stale copy is taken only when given by hand (--region).  ST_ERR_NOTFOUND
 * when there is none (with the reasons in src->notes); the caller decodes
 * and validates what comes back. */
enum status locate_find(struct region_source *src,
			const struct locate_opts *opts, struct region *out);

void region_free(struct region *r);
void locate_close(struct region_source *src);

/* Parse VMCOREINFO text: facts and TRIAGE_REGION lines (exposed for tests). */
void locate_parse_vmcoreinfo(struct region_source *src, const char *text);

#endif /* TC_LOCATE_H */
