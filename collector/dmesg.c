// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * dmesg.c - gets the kernel log out of a vmcore by running
 * "makedumpfile --dump-dmesg VMCORE FILE" (makedumpfile.c) into a private
 * temporary directory, with a time limit.  The text is made printable by
 * loglines_finish() (I/O-free, fuzzed with the rest of the log parsing).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dmesg.h"
#include "loglines.h"
#include "makedumpfile.h"

static enum status slurp(const char *path, char **text, struct errmsg *err)
{
	FILE *f = fopen(path, "r");
	size_t n;
	char *buf;

	if (!f)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
				  strerror(errno));
	buf = malloc(DMESG_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		return errmsg_set(err, ST_ERR_NOMEM, "out of memory");
	}
	n = fread(buf, 1, DMESG_MAX_BYTES, f);
	fclose(f);
	loglines_finish(buf, n);
	*text = buf;
	return ST_OK;
}

enum status dmesg_read(const char *vmcore, char **text, struct errmsg *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], out[PATH_MAX + 16];
	char *argv[5];
	enum status st;

	*text = NULL;
	snprintf(dir, sizeof(dir), "%s/triage-dmesg.XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "cannot make a temporary directory: %s",
				  strerror(errno));
	snprintf(out, sizeof(out), "%s/dmesg", dir);
	argv[0] = (char *)mdf_program();
	argv[1] = "--dump-dmesg";
	argv[2] = (char *)vmcore;
	argv[3] = out;
	argv[4] = NULL;
	st = mdf_run(argv, -1, DMESG_TIMEOUT_S, err);
	if (st == ST_OK)
		st = slurp(out, text, err);
	unlink(out);
	rmdir(dir);
	return st;
}
