// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fleet.c - one collected verdict's JSON -> what --list keeps of it (or why
 * it is skipped), and the verdicts grouped by signature.  No I/O: the walk
 * (fleet_walk.c) hands it the bytes.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"

void fleet_init(struct fleet *f, const char *root)
{
	memset(f, 0, sizeof(*f));
	f->root = root;
}

static void verdict_free(struct fleet_verdict *v)
{
	free(v->path);
	free(v->signature);
	free(v->cls);
	free(v->title);
	free(v->summary);
	free(v->host);
	free(v->kernel);
}

void fleet_free(struct fleet *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		verdict_free(&f->v[i]);
	for (i = 0; i < f->nr_skip; i++) {
		free(f->skip[i].path);
		free(f->skip[i].reason);
	}
	for (i = 0; i < f->nr_groups; i++) {
		free(f->groups[i].hosts);
		free(f->groups[i].kernels);
	}
	free(f->v);
	free(f->skip);
	free(f->groups);
	memset(f, 0, sizeof(*f));
}

static enum status nomem(struct errmsg *err)
{
	return errmsg_set(err, ST_ERR_NOMEM, "out of memory listing verdicts");
}

/* Make room for one more of @size bytes in *@a (holding @nr of @cap). */
static bool grow(void **a, size_t *cap, size_t nr, size_t size)
{
	size_t n = *cap ? *cap * 2 : 16;
	void *p;

	if (nr < *cap)
		return true;
	p = realloc(*a, n * size);
	if (!p)
		return false;
	*a = p;
	*cap = n;
	return true;
}

/* A copy with control characters (escape sequences, newlines) made '?':
 * the table is printed on a terminal, and a verdict is another host's. */
static char *clean_dup(const char *s)
{
	char *d = strdup(s), *p;

	for (p = d; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return d;
}

enum status fleet_skip(struct fleet *f, const char *path, const char *reason,
		       struct errmsg *err)
{
	struct fleet_skip *s;

	if (!grow((void **)&f->skip, &f->cap_skip, f->nr_skip, sizeof(*s)))
		return nomem(err);
	s = &f->skip[f->nr_skip];
	s->path = clean_dup(path);
	s->reason = clean_dup(reason);
	if (!s->path || !s->reason) {
		free(s->path);
		free(s->reason);
		return nomem(err);
	}
	f->nr_skip++;
	return ST_OK;
}

/* The string at @key (a dotted path of objects), or NULL. */
static const char *jpath_str(json_t *o, const char *k1, const char *k2)
{
	json_t *j = json_object_get(o, k1);

	if (k2)
		j = json_is_object(j) ? json_object_get(j, k2) : NULL;
	return json_is_string(j) && json_string_length(j) ?
	       json_string_value(j) : NULL;
}

static long long jpath_int(json_t *o, const char *k1, const char *k2)
{
	json_t *j = json_object_get(o, k1);

	if (k2)
		j = json_is_object(j) ? json_object_get(j, k2) : NULL;
	return json_is_integer(j) && json_integer_value(j) > 0 ?
	       (long long)json_integer_value(j) : 0;
}

static char *dup_or(const char *s, const char *dflt)
{
	return clean_dup(s ? s : dflt);
}

enum status fleet_add(struct fleet *f, const char *path, const char *text,
		      size_t len, long long mtime, struct errmsg *err)
{
	struct fleet_verdict *v;
	json_error_t jerr;
	json_t *root;
	const char *schema, *sig;
	char why[300];
	long long t;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(why, sizeof(why), "not JSON (line %d: %s)", jerr.line,
			 jerr.text);
		return fleet_skip(f, path, why, err);
	}
	schema = json_is_object(root) ? jpath_str(root, "schema", NULL) : NULL;
	sig = schema ? jpath_str(root, "signature", NULL) : NULL;
	if (!schema || strcmp(schema, "triage/1") != 0 || !sig ||
	    !jpath_str(root, "class", NULL)) {
		snprintf(why, sizeof(why), "%s",
			 !json_is_object(root) ? "not a triage/1 verdict (not an object)" :
			 !schema ? "not a triage/1 verdict (no schema)" :
			 strcmp(schema, "triage/1") ? "not a triage/1 verdict (another schema)" :
			 !sig ? "not a triage/1 verdict (no signature)" :
			 "not a triage/1 verdict (no class)");
		json_decref(root);
		return fleet_skip(f, path, why, err);
	}
	if (!grow((void **)&f->v, &f->cap, f->nr, sizeof(*v))) {
		json_decref(root);
		return nomem(err);
	}
	v = &f->v[f->nr];
	memset(v, 0, sizeof(*v));
	v->path = clean_dup(path);
	v->signature = clean_dup(sig);
	v->cls = dup_or(jpath_str(root, "class", NULL), "unknown");
	v->title = dup_or(jpath_str(root, "title", NULL), "");
	v->summary = dup_or(jpath_str(root, "summary", NULL), "");
	/* older verdicts have no "host": the kernel's nodename then */
	v->host = dup_or(jpath_str(root, "host", "name") ?
			 jpath_str(root, "host", "name") :
			 jpath_str(root, "kernel", "nodename"), "unknown");
	v->kernel = dup_or(jpath_str(root, "kernel", "release") ?
			   jpath_str(root, "kernel", "release") :
			   jpath_str(root, "vmcoreinfo", "osrelease"),
			   "unknown");
	if ((t = jpath_int(root, "vmcoreinfo", "crashtime"))) {
		v->seen = t;
		v->seen_from = "crashtime";
	} else if ((t = jpath_int(root, "collected_at", NULL))) {
		v->seen = t;
		v->seen_from = "collected_at";
	} else if (mtime > 0) {
		v->seen = mtime;
		v->seen_from = "mtime";
	}
	json_decref(root);
	if (!v->path || !v->signature || !v->cls || !v->title ||
	    !v->summary || !v->host || !v->kernel) {
		verdict_free(v);
		return nomem(err);
	}
	f->nr++;
	return ST_OK;
}

/* ---- grouping ---------------------------------------------------------- */

static int by_signature(const void *a, const void *b)
{
	const struct fleet_verdict *x = a, *y = b;
	int c = strcmp(x->signature, y->signature);

	return c ? c : strcmp(x->path, y->path);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_count_then_recent(const void *a, const void *b)
{
	const struct fleet_group *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->last != y->last)
		return x->last > y->last ? -1 : 1;
	return strcmp(x->signature, y->signature);
}

static int skip_by_path(const void *a, const void *b)
{
	return strcmp(((const struct fleet_skip *)a)->path,
		      ((const struct fleet_skip *)b)->path);
}

/* Sort @a (@n strings) and drop repeats; the new count. */
static size_t distinct(const char **a, size_t n)
{
	size_t i, k = 0;

	qsort(a, n, sizeof(*a), by_string);
	for (i = 0; i < n; i++)
		if (!k || strcmp(a[k - 1], a[i]))
			a[k++] = a[i];
	return k;
}

enum status fleet_group(struct fleet *f, struct errmsg *err)
{
	const char **all;
	size_t i, j, k;

	if (f->nr)
		qsort(f->v, f->nr, sizeof(*f->v), by_signature);
	if (f->nr_skip)
		qsort(f->skip, f->nr_skip, sizeof(*f->skip), skip_by_path);
	f->groups = calloc(f->nr ? f->nr : 1, sizeof(*f->groups));
	all = calloc(f->nr ? f->nr : 1, sizeof(*all));
	if (!f->groups || !all) {
		free(all);
		return nomem(err);
	}
	for (i = 0; i < f->nr; i = j) {
		struct fleet_group *g = &f->groups[f->nr_groups++];

		for (j = i; j < f->nr &&
		     !strcmp(f->v[j].signature, f->v[i].signature); j++)
			;
		g->signature = f->v[i].signature;
		g->count = j - i;
		g->hosts = calloc(g->count, sizeof(*g->hosts));
		g->kernels = calloc(g->count, sizeof(*g->kernels));
		if (!g->hosts || !g->kernels) {
			free(all);
			return nomem(err);
		}
		for (k = i; k < j; k++) {
			const struct fleet_verdict *v = &f->v[k];

			g->hosts[k - i] = v->host;
			g->kernels[k - i] = v->kernel;
			if (v->seen && (!g->first || v->seen < g->first))
				g->first = v->seen;
			if (v->seen && v->seen > g->last)
				g->last = v->seen;
			/* the latest; among equals the first by path */
			if (!g->example || v->seen > g->example->seen)
				g->example = v;
		}
		g->nr_hosts = distinct(g->hosts, g->count);
		g->nr_kernels = distinct(g->kernels, g->count);
	}
	qsort(f->groups, f->nr_groups, sizeof(*f->groups),
	      by_count_then_recent);
	for (i = 0; i < f->nr; i++)
		all[i] = f->v[i].host;
	f->nr_hosts = distinct(all, f->nr);
	free(all);
	return ST_OK;
}
