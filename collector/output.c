// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * output.c - report files on disk (see output.h).  /var/crash is writable by
 * everyone on some systems (Ubuntu: 1777), and stamps are predictable: a
 * local user could plant /var/crash/<stamp> as a symbolic link to /etc, or
 * as a directory of their own, before a crash.  So every level is opened
 * with O_NOFOLLOW relative to the one before, created with mkdirat(), and
 * checked with fstat() on the descriptor that is then used.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_CLOEXEC)

/* Only root or we can change it: a symbolic link in it was put there by
 * one of us. */
static bool trusted(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == geteuid()) &&
	       !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static bool ours_or_root(const struct stat *st)
{
	return st->st_uid == 0 || st->st_uid == geteuid();
}

static enum status unsafe(struct errmsg *err, const char *path,
			  const char *why)
{
	return errmsg_set(err, ST_ERR_UNSAFE, "%s: %s: refused", path, why);
}

static bool is_symlink(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISLNK(st.st_mode);
}

/*
 * @path (its first @n bytes name this level) is the directory @name in
 * @parent (@pst its stat, @via_link: reached through a symbolic link).  Open
 * it into *@fd, creating it when asked; *@followed says whether that took a
 * symbolic link, *@made whether it was created.
 */
static enum status open_level(int parent, const struct stat *pst,
			      bool via_link, const char *name,
			      const char *path, bool last, bool create,
			      int *fd, bool *followed, bool *made,
			      struct errmsg *err)
{
	*followed = *made = false;
	*fd = openat(parent, name, DIR_FLAGS | O_NOFOLLOW);
	if (*fd < 0 && errno == ENOENT && create) {
		if (via_link)
			return unsafe(err, path,
				      "would be created in a directory reached through a symbolic link");
		if (!ours_or_root(pst))
			return unsafe(err, path,
				      "would be created in a directory owned by another user");
		if (mkdirat(parent, name, 0700) == 0)
			*made = true;
		else if (errno != EEXIST)
			return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
					  strerror(errno));
		*fd = openat(parent, name, DIR_FLAGS | O_NOFOLLOW);
	}
	if (*fd >= 0)
		return ST_OK;
	if ((errno == ENOTDIR || errno == ELOOP) && is_symlink(parent, name)) {
		if (last || *made)
			return unsafe(err, path, "is a symbolic link");
		if (!trusted(pst))
			return unsafe(err, path,
				      "is a symbolic link in a directory others can write to");
		*fd = openat(parent, name, DIR_FLAGS);
		*followed = true;
		if (*fd >= 0)
			return ST_OK;
	}
	return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path, strerror(errno));
}

/* The directory reports go into: ours or root's, not replaceable by others. */
static enum status check_final(const struct stat *st, const char *path,
			       struct errmsg *err)
{
	char why[96];

	if (!ours_or_root(st)) {
		snprintf(why, sizeof(why),
			 "owned by uid %u, neither root nor uid %u",
			 (unsigned int)st->st_uid, (unsigned int)geteuid());
		return unsafe(err, path, why);
	}
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX)) {
		snprintf(why, sizeof(why),
			 "writable by %s (mode %04o) without the sticky bit",
			 st->st_mode & S_IWOTH ? "others" : "its group",
			 (unsigned int)(st->st_mode & 07777));
		return unsafe(err, path, why);
	}
	return ST_OK;
}

enum status outdir_open(struct outdir *d, const char *path, bool create,
			struct errmsg *err)
{
	const char *p = path, *end;
	char name[NAME_MAX + 1];
	struct stat st;
	bool via_link = false, followed, made;
	int fd, next;
	size_t n;
	enum status rc;

	d->fd = -1;
	d->created = false;
	n = strlen(path);
	if (n == 0 || n >= sizeof(d->path))
		return errmsg_set(err, ST_ERR_INVALID, "%s: bad directory name",
				  path);
	memcpy(d->path, path, n + 1);
	fd = open(path[0] == '/' ? "/" : ".", DIR_FLAGS);
	if (fd < 0 || fstat(fd, &st) != 0) {
		rc = errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
				strerror(errno));
		goto fail;
	}
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = p + strcspn(p, "/");
		n = (size_t)(end - p);
		if (n > NAME_MAX) {
			rc = errmsg_set(err, ST_ERR_INVALID,
					"%s: a name is too long", path);
			goto fail;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		p = end;
		while (*p == '/')
			p++;
		/* this level's path, for messages */
		snprintf(d->path, sizeof(d->path), "%.*s",
			 (int)(end - path), path);
		rc = open_level(fd, &st, via_link, name, d->path, !*p, create,
				&next, &followed, &made, err);
		if (rc != ST_OK)
			goto fail;
		close(fd);
		fd = next;
		if (fstat(fd, &st) != 0) {
			rc = errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", d->path,
					strerror(errno));
			goto fail;
		}
		if (made && st.st_uid != geteuid()) {
			rc = unsafe(err, d->path,
				    "was replaced by another user's directory as it was made");
			goto fail;
		}
		via_link = followed;
		d->created = made;
	}
	snprintf(d->path, sizeof(d->path), "%s", path);
	rc = check_final(&st, path, err);
	if (rc != ST_OK)
		goto fail;
	d->fd = fd;
	return ST_OK;
fail:
	if (fd >= 0)
		close(fd);
	snprintf(d->path, sizeof(d->path), "%s", path);
	return rc;
}

enum status outdir_sub(struct outdir *d, const struct outdir *parent,
		       const char *name, bool create, struct errmsg *err)
{
	struct stat pst, st;
	bool followed, made;
	enum status rc;
	int fd;

	d->fd = -1;
	d->created = false;
	if (snprintf(d->path, sizeof(d->path), "%s/%s", parent->path, name) >=
	    (int)sizeof(d->path) || !name[0] || strchr(name, '/'))
		return errmsg_set(err, ST_ERR_INVALID, "%s: bad directory name",
				  d->path);
	if (fstat(parent->fd, &pst) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", parent->path,
				  strerror(errno));
	rc = open_level(parent->fd, &pst, false, name, d->path, true, create,
			&fd, &followed, &made, err);
	if (rc != ST_OK)
		return rc;
	if (fstat(fd, &st) != 0) {
		rc = errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", d->path,
				strerror(errno));
	} else if (made && st.st_uid != geteuid()) {
		rc = unsafe(err, d->path,
			    "was replaced by another user's directory as it was made");
	} else {
		rc = check_final(&st, d->path, err);
	}
	if (rc != ST_OK) {
		close(fd);
		return rc;
	}
	d->fd = fd;
	d->created = made;
	return ST_OK;
}

void outdir_close(struct outdir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

bool outdir_has(const struct outdir *d, const char *name)
{
	struct stat st;

	return fstatat(d->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	       errno != ENOENT;
}

enum status outdir_read(const struct outdir *d, const char *name, size_t max,
			char **text, struct errmsg *err)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *buf;
	int fd;

	*text = NULL;
	fd = openat(d->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
	if (fd < 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s/%s: %s", d->path,
				  name, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > max) {
		close(fd);
		return errmsg_set(err, ST_ERR_INVALID,
				  "%s/%s: not a regular file of at most %zu bytes",
				  d->path, name, max);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return errmsg_set(err, ST_ERR_NOMEM, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*text = buf;
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

/* A new, empty, 0600 temporary file ".@name.XXXXXX" in @d. */
static int make_temp(const struct outdir *d, const char *name, char *tmp,
		     size_t size)
{
	static unsigned int counter;
	uint64_t r;
	int fd, i;

	for (i = 0; i < 100; i++) {
		if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r))
			r = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL) ^
			    (uint64_t)++counter * 0x9e3779b97f4a7c15ull;
		if (snprintf(tmp, size, ".%s.%06llx", name,
			     (unsigned long long)(r & 0xffffff)) >= (int)size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		fd = openat(d->fd, tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

enum status outdir_write(const struct outdir *d, const char *name,
			 const char *data, size_t len, struct errmsg *err)
{
	char tmp[NAME_MAX + 1];
	int fd, e;

	fd = make_temp(d, name, tmp, sizeof(tmp));
	if (fd < 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot create %s/%s: %s",
				  d->path, name, strerror(errno));
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, len) != ST_OK ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlinkat(d->fd, tmp, 0);
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot write %s/%s: %s",
				  d->path, name, strerror(e));
	}
	/* rename() replaces a symbolic link called @name, never follows it */
	if (close(fd) != 0 || renameat(d->fd, tmp, d->fd, name) != 0) {
		e = errno;
		unlinkat(d->fd, tmp, 0);
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot write %s/%s: %s",
				  d->path, name, strerror(e));
	}
	fsync(d->fd);	/* best effort: the rename is what matters */
	return ST_OK;
}

void output_stamp(char *buf, size_t size, time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y%m%d%H%M", &tm))
		snprintf(buf, size, "unknown");
}
