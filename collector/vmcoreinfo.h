/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * vmcoreinfo.h - the parser of a dump's VMCOREINFO text: the facts the
 * verdict uses and the TRIAGE_REGION lines that name snapshot regions.
 * No I/O; the text is hostile.
 */
#ifndef TC_VMCOREINFO_H
#define TC_VMCOREINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "triage_format.h"

/* What VMCOREINFO says about the crashed kernel (vmcore inputs only). */
struct dump_facts {
	bool present;
	char osrelease[TRIAGE_UTS_LEN + 1];
	bool has_crashtime;
	long long crashtime;		/* CRASHTIME: seconds since the epoch */
	unsigned long page_size;	/* PAGESIZE, 0 if unknown */
};

#define VMCI_MAX_LINES		16
#define VMCI_MAX_NOTES		4
#define VMCI_NOTE_LEN		120

struct region_line {		/* a TRIAGE_REGION=0x<phys>,0x<size> line */
	uint64_t phys;
	uint64_t size;
};

/**
 * struct vmcoreinfo - what was read from VMCOREINFO
 * @facts: OSRELEASE, CRASHTIME, PAGESIZE
 * @lines: TRIAGE_REGION lines in order, oldest first (one per module load:
 *	the last is the newest); only the newest VMCI_MAX_LINES are kept
 * @notes: lines that were ignored, and why
 */
struct vmcoreinfo {
	struct dump_facts facts;
	size_t nr_lines;
	struct region_line lines[VMCI_MAX_LINES];
	size_t nr_notes;
	char notes[VMCI_MAX_NOTES][VMCI_NOTE_LEN];
};

/* Parse @text (NUL-terminated) into @vi, which it fills from zero. */
void vmcoreinfo_parse(struct vmcoreinfo *vi, const char *text);

#endif /* TC_VMCOREINFO_H */
