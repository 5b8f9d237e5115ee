// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fleet_walk.c - the I/O of --list: walks a directory tree of collected
 * verdicts and hands every triage.json / triage-N.json to fleet_add().
 * Every level is opened relative to the one before with O_NOFOLLOW, so no
 * symbolic link is followed (a link where a verdict or a directory is
 * expected is skipped, with the reason); a directory already on the path
 * (a bind mount of an ancestor) is not entered again; depth is bounded.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fleet.h"

struct walk {
	struct fleet *f;
	struct errmsg *err;
	size_t nr_files;
	bool capped;			/* FLEET_MAX_FILES read: no more */
	dev_t dev[FLEET_MAX_DEPTH + 1];	/* the directories on the path */
	ino_t ino[FLEET_MAX_DEPTH + 1];
};

/* "triage.json", or "triage-N.json" with N from 1 to 99 (place.c's). */
static bool verdict_name(const char *name)
{
	const char *p = name + 7;

	if (strncmp(name, "triage", 6) != 0)
		return false;
	if (strcmp(name + 6, ".json") == 0)
		return true;
	if (name[6] != '-' || p[0] < '1' || p[0] > '9')
		return false;
	p += p[1] >= '0' && p[1] <= '9' ? 2 : 1;
	return strcmp(p, ".json") == 0;
}

/* Read the verdict @name in @dfd (@path for messages) and add it. */
static enum status read_verdict(struct walk *w, int dfd, const char *name,
				const char *path)
{
	char why[300], *buf;
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd;
	enum status s;

	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, sizeof(why), "%s",
			 errno == ELOOP ? "a symbolic link, not followed" :
			 strerror(errno));
		return fleet_skip(w->f, path, why, w->err);
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > FLEET_MAX_FILE) {
		snprintf(why, sizeof(why), "%s",
			 !S_ISREG(st.st_mode) ? "not a regular file" :
			 "larger than 16 MiB");
		close(fd);
		return fleet_skip(w->f, path, why, w->err);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return errmsg_set(w->err, ST_ERR_NOMEM,
				  "out of memory reading %s", path);
	}
	while (got < (size_t)st.st_size &&
	       (n = read(fd, buf + got, (size_t)st.st_size - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, sizeof(why), "unreadable: %s",
				 strerror(errno));
			free(buf);
			close(fd);
			return fleet_skip(w->f, path, why, w->err);
		}
		got += (size_t)n;
	}
	close(fd);
	s = fleet_add(w->f, path, buf, got, (long long)st.st_mtime, w->err);
	free(buf);
	return s;
}

static enum status walk_dir(struct walk *w, int dfd, const char *path,
			    unsigned int depth);

/* Enter the directory @name of @dfd, unless it is a link, too deep, or
 * already on the path. */
static enum status enter(struct walk *w, int dfd, const char *name,
			 const char *path, unsigned int depth)
{
	char why[300];
	struct stat st;
	unsigned int i;
	int fd;
	enum status s;

	if (depth > FLEET_MAX_DEPTH) {
		snprintf(why, sizeof(why),
			 "a directory deeper than %u levels, not entered",
			 FLEET_MAX_DEPTH);
		return fleet_skip(w->f, path, why, w->err);
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, sizeof(why), "directory unreadable: %s",
			 strerror(errno));
		return fleet_skip(w->f, path, why, w->err);
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return ST_OK;
	}
	for (i = 0; i < depth; i++)
		if (w->dev[i] == st.st_dev && w->ino[i] == st.st_ino) {
			close(fd);
			return fleet_skip(w->f, path,
					  "a directory already on the path (a bind mount loop), not entered again",
					  w->err);
		}
	w->dev[depth] = st.st_dev;
	w->ino[depth] = st.st_ino;
	s = walk_dir(w, fd, path, depth);	/* closes fd */
	return s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk the directory open on @fd (closed here), @depth levels below root. */
static enum status walk_dir(struct walk *w, int fd, const char *path,
			    unsigned int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	char **names = NULL, sub[4096];
	size_t n = 0, cap = 0, i;
	enum status s = ST_OK;

	if (!d) {
		close(fd);
		return fleet_skip(w->f, path, "directory unreadable", w->err);
	}
	w->f->nr_dirs++;
	/* names sorted: the same tree is always walked the same way */
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 32) *
					   sizeof(*names));
			if (!p) {
				s = errmsg_set(w->err, ST_ERR_NOMEM,
					       "out of memory walking %s", path);
				goto out;
			}
			names = p;
		}
		if (!(names[n] = strdup(e->d_name))) {
			s = errmsg_set(w->err, ST_ERR_NOMEM,
				       "out of memory walking %s", path);
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && s == ST_OK; i++) {
		struct stat st;

		snprintf(sub, sizeof(sub), "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;	/* gone since readdir */
		if (S_ISDIR(st.st_mode)) {
			s = enter(w, dirfd(d), names[i], sub, depth + 1);
		} else if (verdict_name(names[i])) {
			if (w->nr_files == FLEET_MAX_FILES) {
				if (!w->capped)
					s = fleet_skip(w->f, sub,
						       "100000 verdicts read: this one and the rest not read",
						       w->err);
				w->capped = true;
				continue;
			}
			w->nr_files++;
			s = read_verdict(w, dirfd(d), names[i], sub);
		} else if (S_ISLNK(st.st_mode)) {
			struct stat t;

			/* a link to a directory, say so: it may hold verdicts */
			if (fstatat(dirfd(d), names[i], &t, 0) == 0 &&
			    S_ISDIR(t.st_mode))
				s = fleet_skip(w->f, sub,
					       "a symbolic link to a directory, not followed",
					       w->err);
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return s;
}

enum status fleet_walk(struct fleet *f, struct errmsg *err)
{
	struct walk w = { .f = f, .err = err };
	struct stat st;
	int fd;

	/* DIR itself may be a link (/var/crash -> /srv/crash): it is named */
	fd = open(f->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", f->root,
				  strerror(errno));
	if (fstat(fd, &st) == 0) {
		w.dev[0] = st.st_dev;
		w.ino[0] = st.st_ino;
	}
	return walk_dir(&w, fd, f->root, 0);
}
