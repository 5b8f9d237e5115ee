/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * logfile.h - input: a kernel log read from a file or standard input
 * (triage-collect --log): a console or serial capture, dmesg, journalctl
 * -k, a pstore record (/sys/fs/pstore/dmesg-*), netconsole, a paste.
 */
#ifndef TC_LOGFILE_H
#define TC_LOGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* At most this much is kept: the last part, where a crash ends a log. */
#define LOGFILE_MAX_BYTES	(16u << 20)

/*
 * Read @path ("-": standard input) into @text (malloc'd, NUL-terminated,
 * made printable as loglines_sanitize() does).  A longer input keeps its
 * last LOGFILE_MAX_BYTES, cut at a line start, and sets @cut.
 */
enum status logfile_read(const char *path, char **text, bool *cut,
			 struct errmsg *err);

#endif /* TC_LOGFILE_H */
