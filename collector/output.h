/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * output.h - puts report files on disk safely: in directories reached
 * without following a symbolic link an unprivileged user could have planted,
 * held open and used only through their descriptor (openat, mkdirat), owned
 * by root or by us and not replaceable by others; files 0600, written to a
 * temporary file (O_CREAT | O_EXCL | O_NOFOLLOW) and renamed into place.
 */
#ifndef TC_OUTPUT_H
#define TC_OUTPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "status.h"

/**
 * struct outdir - a directory reports are written into, held open
 * @fd: O_DIRECTORY | O_NOFOLLOW descriptor; everything in the directory is
 *	reached through it, never through @path again
 * @path: its path, for messages
 * @created: it did not exist and was made (mode 0700)
 */
struct outdir {
	int fd;
	char path[PATH_MAX];
	bool created;
};

/*
 * Open the directory @path for writing reports; with @create, make the
 * levels that are missing (mode 0700).  Refused (ST_ERR_UNSAFE, with a
 * message): @path itself, or a level it creates or creates into, being a
 * symbolic link; a symbolic link anywhere in a directory others can write
 * to; a directory it creates into, or @path, owned by anyone but root or
 * the effective user; @path writable by group or others without the sticky
 * bit.
 */
enum status outdir_open(struct outdir *d, const char *path, bool create,
			struct errmsg *err);

/* The same for @name, a direct child of @parent. */
enum status outdir_sub(struct outdir *d, const struct outdir *parent,
		       const char *name, bool create, struct errmsg *err);

void outdir_close(struct outdir *d);

/* Is there anything called @name in @d (a dangling symbolic link too)? */
bool outdir_has(const struct outdir *d, const char *name);

/* Read @d/@name, a regular file (not followed if a symbolic link) of at
 * most @max bytes, into a malloc'd NUL-terminated *@text. */
enum status outdir_read(const struct outdir *d, const char *name, size_t max,
			char **text, struct errmsg *err);

/* Write @d/@name (mode 0600) through a temporary file in @d that is
 * fsync'ed and renamed over it; on failure nothing is left behind. */
enum status outdir_write(const struct outdir *d, const char *name,
			 const char *data, size_t len, struct errmsg *err);

/* "YYYYMMDDHHMM" of @t in local time, as kdump-tools names its dirs. */
void output_stamp(char *buf, size_t size, time_t t);

#endif /* TC_OUTPUT_H */
