// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * output.c - puts report files on disk: 0600 files in 0700 directories,
 * written to a temporary file, fsync'ed and renamed into place, so a reader
 * never sees half a report and a full disk leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

enum status output_mkdirs(const char *dir, struct errmsg *err)
{
	char path[PATH_MAX];
	struct stat st;
	size_t i, n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return errmsg_set(err, ST_ERR_INVALID, "%s: bad directory name",
				  dir);
	memcpy(path, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
					  strerror(errno));
		path[i] = dir[i];
	}
	if (stat(dir, &st) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", dir,
				  strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", dir,
				  strerror(ENOTDIR));
	return ST_OK;
}

static enum status write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return ST_ERR_SYSTEM;
		}
		data += n;
		len -= (size_t)n;
	}
	return ST_OK;
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);	/* best effort: the rename is what matters */
		close(fd);
	}
}

enum status output_write(const char *dir, const char *name, const char *data,
			 size_t len, struct errmsg *err)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int fd, e;

	if (snprintf(dst, sizeof(dst), "%s/%s", dir, name) >= (int)sizeof(dst) ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >=
	    (int)sizeof(tmp))
		return errmsg_set(err, ST_ERR_INVALID, "%s/%s: path too long",
				  dir, name);
	fd = mkostemp(tmp, O_CLOEXEC);	/* mode 0600 */
	if (fd < 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot create %s: %s",
				  dst, strerror(errno));
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, len) != ST_OK ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot write %s: %s",
				  dst, strerror(e));
	}
	if (close(fd) != 0 || rename(tmp, dst) != 0) {
		e = errno;
		unlink(tmp);
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot write %s: %s",
				  dst, strerror(e));
	}
	fsync_dir(dir);
	return ST_OK;
}

void output_stamp(char *buf, size_t size, time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y%m%d%H%M", &tm))
		snprintf(buf, size, "unknown");
}
