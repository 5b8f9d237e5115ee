// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * candidate.c - ranks the snapshot headers a search found (candidate.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "candidate.h"
#include "decode.h"

static int state_rank(uint32_t state)
{
	switch (state) {
	case TRIAGE_STATE_COMMITTED:	return 5;
	case TRIAGE_STATE_TORN:		return 4;
	case TRIAGE_STATE_WRITING:	return 3;
	case TRIAGE_STATE_ARMED:	return 2;
	case TRIAGE_STATE_RETIRED:	return 1;
	}
	return 0;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

int candidate_cmp(const struct candidate *a, const struct candidate *b)
{
	int d;

	if (a->stale != b->stale)
		return a->stale ? -1 : 1;
	if (a->sane != b->sane)
		return a->sane ? 1 : -1;
	d = state_rank(a->hdr.state) - state_rank(b->hdr.state);
	if (d)
		return d;
	d = cmp_u64(a->hdr.capture_start_ns, b->hdr.capture_start_ns);
	if (d)
		return d;
	d = cmp_u64(a->hdr.sequence, b->hdr.sequence);
	if (d)
		return d;
	return cmp_u64(a->hdr.load_ns, b->hdr.load_ns);
}

long candidate_best(const struct candidate *c, size_t n)
{
	long best = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (best < 0 || candidate_cmp(&c[i], &c[best]) >= 0)
			best = (long)i;
	return best;
}

bool candidate_is_capture(const struct candidate *c)
{
	return !c->stale && c->sane && state_rank(c->hdr.state) >= 3;
}

void candidate_describe(const struct candidate *c, char *buf, size_t size)
{
	char what[48];

	snprintf(what, sizeof(what), "%s%s", c->sane ? "" : "damaged ",
		 snapshot_state_name(c->hdr.state));
	if (c->stale)
		snprintf(buf, size,
			 "a stale copy (written for 0x%" PRIx64 ") of %s %s snapshot at 0x%" PRIx64 " (%s)",
			 (uint64_t)c->hdr.region_phys, strchr("aeiou", what[0]) ? "an" : "a",
			 what, c->phys, c->by);
	else
		snprintf(buf, size, "%s %s snapshot at 0x%" PRIx64 " (%s)",
			 strchr("aeiou", what[0]) ? "an" : "a", what, c->phys,
			 c->by);
}
