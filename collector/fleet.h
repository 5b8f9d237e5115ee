/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * fleet.h - triage-collect --list: the verdicts collected under a directory
 * tree (one host's /var/crash, or many hosts' copied together) grouped by
 * signature: how many, first and last seen, on which hosts and kernels, one
 * example each; files that are not verdicts are named with the reason.
 *
 *   fleet_walk.c    the only I/O: walks the tree (bounded depth, no
 *                   symbolic link followed, no directory entered twice)
 *                   and hands each triage.json / triage-N.json to
 *   fleet.c         fleet_add(): reads one verdict's JSON (jansson), or
 *                   records why it is skipped; fleet_group() groups them
 *   fleet_render.c  the table for a person and the JSON (triage-list/1)
 */
#ifndef TC_FLEET_H
#define TC_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#define FLEET_MAX_DEPTH		8		/* directory levels below DIR */
#define FLEET_MAX_FILE		(16u << 20)	/* a verdict larger is skipped */
#define FLEET_MAX_FILES		100000		/* files read, at most */

/**
 * struct fleet_verdict - what --list keeps of one verdict
 * @seen: when, seconds since the epoch (0: unknown), and @seen_from where
 *	that came from: "crashtime" (the dump's CRASHTIME), "collected_at"
 *	(when the collector judged it) or "mtime" (the file's)
 */
struct fleet_verdict {
	char *path;
	char *signature;
	char *cls;
	char *title;
	char *summary;
	char *host;			/* "unknown" when it names none */
	char *kernel;			/* "unknown" likewise */
	long long seen;
	const char *seen_from;
};

struct fleet_skip {
	char *path;
	char *reason;
};

/* One signature's verdicts; @example is the latest of them. */
struct fleet_group {
	const char *signature;		/* borrowed from the verdicts */
	size_t count;
	long long first, last;		/* 0: unknown */
	const char **hosts;		/* sorted, distinct */
	size_t nr_hosts;
	const char **kernels;		/* sorted, distinct */
	size_t nr_kernels;
	const struct fleet_verdict *example;
};

struct fleet {
	const char *root;		/* the directory listed */
	struct fleet_verdict *v;
	size_t nr, cap;
	struct fleet_skip *skip;
	size_t nr_skip, cap_skip;
	struct fleet_group *groups;	/* after fleet_group() */
	size_t nr_groups;
	size_t nr_hosts;		/* distinct hosts in all */
	size_t nr_dirs;			/* directories walked */
};

void fleet_init(struct fleet *f, const char *root);
void fleet_free(struct fleet *f);

/* Read the verdict @path holds (@text, @len bytes, not NUL-terminated);
 * @mtime is its file's (0: unknown).  What is not a triage/1 verdict is
 * recorded as skipped with the reason.  Fails only when out of memory. */
enum status fleet_add(struct fleet *f, const char *path, const char *text,
		      size_t len, long long mtime, struct errmsg *err);

/* Record @path as skipped for @reason.  Fails only when out of memory. */
enum status fleet_skip(struct fleet *f, const char *path, const char *reason,
		       struct errmsg *err);

/* Group the verdicts by signature: most frequent first, then the most
 * recent; skipped files sorted by path.  Fails only when out of memory. */
enum status fleet_group(struct fleet *f, struct errmsg *err);

/* Walk @f->root: every triage.json and triage-N.json (N 1..99) in it and
 * below, FLEET_MAX_DEPTH levels deep at most, each read and added; a
 * symbolic link is never followed (a link where a verdict or a directory
 * would be is skipped, with the reason), nor a directory entered twice
 * (bind mounts), nor a file other than a regular one read.  Fails
 * (ST_ERR_SYSTEM) only when @f->root itself cannot be read, or out of
 * memory; whatever else cannot be read is skipped with the reason. */
enum status fleet_walk(struct fleet *f, struct errmsg *err);

/* The table for a person / the triage-list/1 JSON: malloc'd, NUL-terminated,
 * ending in '\n'; NULL with a message in @err when out of memory. */
char *fleet_text(const struct fleet *f, struct errmsg *err);
char *fleet_json(const struct fleet *f, struct errmsg *err);

#endif /* TC_FLEET_H */
