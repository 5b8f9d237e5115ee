// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_report.c - libFuzzer harness for the kernel report parser: the input
 * is any kernel log text (a console capture, a pstore record, a paste; as
 * hostile as a dump's log).  It is made printable as dmesg.c does, split
 * into lines, and parsed into reports; every string kept must be
 * NUL-terminated within its field, every index within the log.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loglines.h"
#include "report.h"

static void check_str(const char *s, size_t size)
{
	if (strnlen(s, size) == size)
		__builtin_trap();
}

static void check(const struct kreports *k, const struct loglines *l)
{
	size_t i, j;

	if (k->nr > KR_MAX_REPORTS ||
	    (k->root >= 0 && (size_t)k->root >= k->nr) ||
	    (k->nr && k->root < 0))
		__builtin_trap();
	for (i = 0; i < k->nr; i++) {
		const struct kreport *r = &k->r[i];

		check_str(r->title, sizeof(r->title));
		check_str(r->func, sizeof(r->func));
		check_str(r->mod, sizeof(r->mod));
		check_str(r->comm, sizeof(r->comm));
		check_str(r->kind, sizeof(r->kind));
		check_str(r->location, sizeof(r->location));
		check_str(r->ip_sym, sizeof(r->ip_sym));
		check_str(r->taint, sizeof(r->taint));
		if (!r->cls || !r->category || r->first_line > r->last_line ||
		    r->last_line >= (l->nr ? l->nr : 1) ||
		    r->nr_frames > KR_MAX_FRAMES ||
		    r->nr_regs > KR_MAX_REGS || r->nr_keys > KR_MAX_KEYS ||
		    (r->cause >= 0 && (size_t)r->cause >= k->nr))
			__builtin_trap();
		for (j = 0; j < r->nr_frames; j++)
			check_str(r->frames[j].sym, sizeof(r->frames[j].sym));
		for (j = 0; j < r->nr_keys; j++)
			check_str(r->keys[j].text, sizeof(r->keys[j].text));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct loglines l;
	struct kreports k;
	struct errmsg err;
	char *text = loglines_copy(data, size);

	if (!text)
		return 0;
	if (loglines_parse(&l, text)) {
		if (kreports_parse(&k, &l, &err) == ST_OK) {
			check(&k, &l);
			kreports_free(&k);
		}
		loglines_free(&l);
	}
	free(text);
	return 0;
}
