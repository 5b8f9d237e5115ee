/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * place.h - where a verdict goes, so that no verdict ever replaces another
 * crash's.  An explicit directory (--out; in the capture kernel, kdump-tools'
 * directory of this crash) gets triage.json and triage.txt, or triage-1.*,
 * triage-2.* ... when it holds the verdict of another capture.  A crash
 * directory (--crash-dir) gets a <stamp>/ subdirectory, or <stamp>-1/,
 * <stamp>-2/ ... likewise.  A verdict of the same capture is replaced (the
 * collector run again on the same dump).  Captures are told apart by
 * capture_id_of_json().
 */
#ifndef TC_PLACE_H
#define TC_PLACE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "output.h"
#include "status.h"

#define PLACE_MAX_SUFFIX	99
#define PLACE_MAX_JSON		(16u << 20)

/**
 * struct place - the directory and file names a verdict is written to
 * @dir: the directory, open
 * @n: 0, or the -N suffix used (on @dir's name when @dir_suffix, else on
 *	the file names)
 * @replaces: the directory held a verdict of the same capture: replaced
 * @json, @txt, @log: "triage.json", "triage-1.json", ...
 */
struct place {
	struct outdir dir;
	unsigned int n;
	bool dir_suffix;
	bool replaces;
	char json[32];
	char txt[32];
	char log[32];
};

/*
 * The identity of the capture a triage.json text is the verdict of: its
 * snapshot's boot id and uptime at capture ("boot:<id>:<ns>", what
 * triage-boot compares too), else the dump's VMCOREINFO CRASHTIME
 * ("crashtime:<s>"), else "" (unknown: never the same as another).
 */
void capture_id_of_json(const char *json, char *id, size_t size);

/* The verdict of capture @id in the directory @dir (created if missing). */
enum status place_in_dir(struct place *p, const char *dir, const char *id,
			 struct errmsg *err);

/* The verdict of capture @id in @crash_dir/<stamp of @now>[-N]/. */
enum status place_in_crash_dir(struct place *p, const char *crash_dir,
			       time_t now, const char *id, struct errmsg *err);

void place_close(struct place *p);

#endif /* TC_PLACE_H */
