/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * render.h - a verdict and what backs it -> triage.txt and triage.json text.
 */
#ifndef TC_RENDER_H
#define TC_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "candidate.h"
#include "decode.h"
#include "host.h"
#include "status.h"
#include "verdict.h"
#include "vmcoreinfo.h"

#define REPORT_LOG_TAIL	40

/* Everything a report shows; all borrowed. */
struct report {
	const struct verdict *v;
	const struct snapshot *snap;	/* NULL when none was found */
	const struct dump_facts *facts;	/* NULL unless read from a vmcore */
	const char *input;		/* the file read */
	const char *located_by;		/* "vmcoreinfo", "scan", "region", "image" */
	bool has_region;
	uint64_t region_phys;
	const char *const *notes;	/* about how the snapshot was found */
	size_t nr_notes;
	const struct candidate *candidates;	/* the headers a vmcore search
						 * found, or NULL */
	size_t nr_candidates;
	long taken;			/* the index of the one read, or -1 */
	const struct host_id *host;	/* the host it is of, or NULL */
	long long collected_at;		/* when judged, seconds since the
					 * epoch; 0 unknown */
};

/* Both return a malloc'd NUL-terminated text ending in '\n', or NULL with
 * a message in @err. */
char *report_json(const struct report *r, struct errmsg *err);
char *report_text(const struct report *r, struct errmsg *err);

#endif /* TC_RENDER_H */
