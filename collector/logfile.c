// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * logfile.c - reads a kernel log from a file or standard input for --log
 * (see logfile.h).  The only I/O of the log-only path; the text goes to
 * loglines and the report parser like the dump's log does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logfile.h"
#include "loglines.h"

#define CHUNK	(64u << 10)

enum status logfile_read(const char *path, char **text, bool *cut,
			 struct errmsg *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	size_t len = 0, cap = 4 * CHUNK, n;
	char *buf, *nbuf;

	*text = NULL;
	*cut = false;
	if (!f)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
				  strerror(errno));
	buf = malloc(cap);
	if (!buf) {
		if (!is_stdin)
			fclose(f);
		return errmsg_set(err, ST_ERR_NOMEM, "out of memory");
	}
	for (;;) {
		if (len + CHUNK + 1 > cap) {
			cap *= 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				if (!is_stdin)
					fclose(f);
				free(buf);
				return errmsg_set(err, ST_ERR_NOMEM,
						  "out of memory");
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, CHUNK, f);
		if (!n)
			break;
		len += n;
		if (len > 2 * LOGFILE_MAX_BYTES) {
			/* keep the last LOGFILE_MAX_BYTES: the end matters */
			memmove(buf, buf + len - LOGFILE_MAX_BYTES,
				LOGFILE_MAX_BYTES);
			len = LOGFILE_MAX_BYTES;
			*cut = true;
		}
	}
	if (ferror(f)) {
		int e = errno;

		if (!is_stdin)
			fclose(f);
		free(buf);
		return errmsg_set(err, ST_ERR_SYSTEM, "reading %s: %s",
				  is_stdin ? "standard input" : path,
				  strerror(e));
	}
	if (!is_stdin)
		fclose(f);
	if (len > LOGFILE_MAX_BYTES) {
		memmove(buf, buf + len - LOGFILE_MAX_BYTES, LOGFILE_MAX_BYTES);
		len = LOGFILE_MAX_BYTES;
		*cut = true;
	}
	if (*cut) {
		char *nl = memchr(buf, '\n', len);

		if (nl) {
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len);
		}
	}
	loglines_finish(buf, len);
	*text = buf;
	return ST_OK;
}
