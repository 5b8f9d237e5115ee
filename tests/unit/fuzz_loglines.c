// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_loglines.c - libFuzzer harness for the kernel log parsing: the input
 * is a dump's log as makedumpfile --dump-dmesg writes it (hostile: the
 * crashed kernel's memory).  It is made printable as dmesg.c does, split
 * into lines (prefixes stripped), searched, and judged as the log of a dump
 * without a snapshot (the rules' own log parsing: oops, hung task, lockup,
 * OOM lines).  Rendering is fuzz_decode's: it costs two thirds of a run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "loglines.h"

static volatile size_t sink;

static void search(const struct loglines *l)
{
	static const char *const needles[] = {
		"Kernel panic - not syncing: ", "BUG: ", "RIP: ", "Call Trace:",
		"INFO: task ", "watchdog: BUG: soft lockup", "Out of memory",
		"",
	};
	const char *after;
	size_t i;
	long at;

	for (i = 0; i < l->nr; i++)
		if (!l->line[i])
			__builtin_trap();
	for (i = 0; i < sizeof(needles) / sizeof(needles[0]); i++) {
		at = loglines_rfind(l, needles[i], l->nr);
		if (at >= (long)l->nr)
			__builtin_trap();
		at = loglines_find(l, needles[i], at < 0 ? 0 : (size_t)at);
		if (at >= (long)l->nr)
			__builtin_trap();
		after = loglines_last_after(l, needles[i]);
		if (after)
			sink += strlen(after);	/* within its line */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct verdict v;
	struct judge_input in = { 0 };
	struct loglines l;
	struct errmsg err;
	char *text = loglines_copy(data, size);

	if (!text)
		return 0;
	if (loglines_parse(&l, text)) {
		search(&l);
		loglines_free(&l);
	}
	in.dump_log = text;
	verdict_judge(&v, &in, &err);
	free(text);
	return 0;
}
