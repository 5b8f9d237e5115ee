// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_decode.c - libFuzzer harness for the snapshot decoder.  The input is
 * a region; half the time its CRCs are fixed up first so the fuzzer gets
 * past them into the record walk (a torn one's too: see mkcorpus).  Whatever decodes is then judged and
 * rendered, and an input that is not a snapshot is also judged as the
 * dump's log text, so the log parsing behind degraded verdicts is fuzzed too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decode.h"
#include "judge.h"
#include "render.h"

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
	/* the header CRC is taken with header_crc = 0, state = COMMITTED
	 * (TORN for a torn one) */
	tmp = h;
	tmp.header_crc = 0;
	if (tmp.state != TRIAGE_STATE_TORN)
		tmp.state = TRIAGE_STATE_COMMITTED;
	memcpy(buf, &tmp, sizeof(tmp));
	h.header_crc = (uint32_t)crc32(0, buf, h.header_size);
	memcpy(buf, &h, sizeof(h));
}

static void judge_and_render(const struct snapshot *s, const char *log)
{
	static struct verdict v;
	struct judge_input in = { .snap = s, .dump_log = log };
	struct report r = { .v = &v, .snap = s, .input = "fuzz" };
	struct errmsg err;

	if (verdict_judge(&v, &in, &err) != ST_OK)
		return;
	free(report_json(&r, &err));
	free(report_text(&r, &err));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot s;
	uint8_t *copy;
	char *log = NULL;

	/* exactly @size bytes, so ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size && (data[size - 1] & 1))
		fix_crcs(copy, size);
	snapshot_decode(&s, copy, size);
	if (!s.header_ok) {
		/* not a snapshot: read it as a log (text, NUL-terminated) */
		log = malloc(size + 1);
		if (log) {
			memcpy(log, data, size);
			log[size] = '\0';
		}
	}
	judge_and_render(&s, log);
	snapshot_free(&s);
	free(log);
	free(copy);
	return 0;
}
