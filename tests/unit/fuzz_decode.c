// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_decode.c - libFuzzer harness for the snapshot decoder.  The input is
 * a region; half the time its CRCs are fixed up first so the fuzzer gets
 * past them into the record walk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decode.h"

static void fix_crcs(uint8_t *buf, size_t len)
{
	struct triage_header h, tmp;

	if (len < sizeof(h))
		return;
	memcpy(&h, buf, sizeof(h));
	if (h.header_size < sizeof(h) || h.header_size > len)
		return;
	if ((uint64_t)h.header_size + h.data_size <= len)
		h.data_crc = (uint32_t)crc32(0, buf + h.header_size,
					     h.data_size);
	/* the header CRC is taken with header_crc = 0, state = COMMITTED */
	tmp = h;
	tmp.header_crc = 0;
	tmp.state = TRIAGE_STATE_COMMITTED;
	memcpy(buf, &tmp, sizeof(tmp));
	h.header_crc = (uint32_t)crc32(0, buf, h.header_size);
	memcpy(buf, &h, sizeof(h));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot s;
	uint8_t *copy;

	/* exactly @size bytes, so ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size && (data[size - 1] & 1))
		fix_crcs(copy, size);
	snapshot_decode(&s, copy, size);
	if (s.valid) {
		/* touch what a judge would read */
		size_t i, n = 0;

		for (i = 0; i < s.nr_backtraces; i++)
			if (s.backtraces[i].nr_frames)
				n += strlen(s.backtraces[i].frames[0].sym);
		if (s.log)
			n += strlen(s.log);
		(void)n;
	}
	snapshot_free(&s);
	free(copy);
	return 0;
}
