/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * makedumpfile.h - Debian's makedumpfile, run as a subprocess for what it
 * does well: reading the log out of a dump (--dump-dmesg) and turning the
 * flattened format that kdump-tools writes (-F) back into a dump
 * libkdumpfile reads (-R).
 */
#ifndef TC_MAKEDUMPFILE_H
#define TC_MAKEDUMPFILE_H

#include <stdbool.h>

#include "status.h"

/* The program run; the environment variable TRIAGE_MAKEDUMPFILE overrides. */
#define MDF_PROGRAM		"makedumpfile"

/* The program to run (the override or MDF_PROGRAM). */
const char *mdf_program(void);

/*
 * Run @argv (argv[0] is the program) with stdin from @stdin_fd (-1:
 * /dev/null) and stdout/stderr to /dev/null; kill it after @timeout_s.
 */
enum status mdf_run(char *const argv[], int stdin_fd, int timeout_s,
		    struct errmsg *err);

/* Is @fd a dump in makedumpfile's flattened format (its signature at 0)? */
bool mdf_is_flattened(int fd);

/*
 * Rebuild the flattened dump @path into an unlinked temporary file under
 * $TMPDIR (it needs the dump's size in free space); its descriptor in @fd.
 */
enum status mdf_unflatten(const char *path, int *fd, struct errmsg *err);

#endif /* TC_MAKEDUMPFILE_H */
