// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_fleet.c - libFuzzer harness for --list's verdict reader: any bytes
 * as a collected triage.json (twice, as two hosts' files), then grouping
 * and both renderings.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fleet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errmsg err;
	struct fleet f;
	char *a, *b;

	fleet_init(&f, "fuzz");
	fleet_add(&f, "fuzz/a/triage.json", (const char *)data, size, 1, &err);
	fleet_add(&f, "fuzz/b/triage-1.json", (const char *)data, size / 2, 0,
		  &err);
	if (fleet_group(&f, &err) == ST_OK) {
		a = fleet_text(&f, &err);
		b = fleet_json(&f, &err);
		free(a);
		free(b);
	}
	fleet_free(&f);
	return 0;
}
