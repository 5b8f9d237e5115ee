// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fleet_render.c - the grouped verdicts of --list as a table for a person
 * and as JSON (schema triage-list/1, through jansson).  Times are UTC.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fleet.h"
#include "jsonout.h"

static void utc(char *buf, size_t size, long long t, bool iso)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t || !gmtime_r(&tt, &tm)) {
		snprintf(buf, size, "%s", iso ? "" : "unknown");
		return;
	}
	strftime(buf, size, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M",
		 &tm);
}

/* "a, b, c" of @n strings into @f. */
static void list(FILE *f, const char *const *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", s[i]);
}

/* The directory of @path (a verdict file), and the file's name. */
static void split(const char *path, char *dir, size_t size, const char **file)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		snprintf(dir, size, ".");
		*file = path;
		return;
	}
	snprintf(dir, size, "%.*s", (int)(slash - path), path);
	*file = slash + 1;
}

char *fleet_text(const struct fleet *f, struct errmsg *err)
{
	char *text = NULL, first[32], last[32], dir[4096];
	const char *file;
	size_t len = 0, i;
	FILE *o = open_memstream(&text, &len);

	if (!o) {
		errmsg_set(err, ST_ERR_NOMEM, "cannot format the list");
		return NULL;
	}
	fprintf(o, "%s: %zu verdict%s, %zu signature%s, %zu host%s, %zu skipped\n",
		f->root, f->nr, f->nr == 1 ? "" : "s", f->nr_groups,
		f->nr_groups == 1 ? "" : "s", f->nr_hosts,
		f->nr_hosts == 1 ? "" : "s", f->nr_skip);
	if (f->nr_groups)
		fprintf(o, "\n%5s  %-16s  %-16s  %5s  %7s  %s\n", "COUNT",
			"FIRST SEEN (UTC)", "LAST SEEN (UTC)", "HOSTS",
			"KERNELS", "SIGNATURE");
	for (i = 0; i < f->nr_groups; i++) {
		const struct fleet_group *g = &f->groups[i];
		const struct fleet_verdict *e = g->example;

		utc(first, sizeof(first), g->first, false);
		utc(last, sizeof(last), g->last, false);
		fprintf(o, "%5zu  %-16s  %-16s  %5zu  %7zu  %s\n", g->count,
			first, last, g->nr_hosts, g->nr_kernels, g->signature);
		fprintf(o, "%7s%s: %s\n", "", e->cls, e->title);
		fprintf(o, "%7shosts: ", "");
		list(o, g->hosts, g->nr_hosts);
		fprintf(o, "\n%7skernels: ", "");
		list(o, g->kernels, g->nr_kernels);
		split(e->path, dir, sizeof(dir), &file);
		fprintf(o, "\n%7sexample: %s (%s, %s)\n%7s  %s\n", "", dir,
			file, e->host, "", e->summary);
	}
	if (f->nr_skip) {
		fprintf(o, "\nskipped %zu:\n", f->nr_skip);
		for (i = 0; i < f->nr_skip; i++)
			fprintf(o, "  %s: %s\n", f->skip[i].path,
				f->skip[i].reason);
	}
	if (fclose(o) != 0 || !text) {
		free(text);
		errmsg_set(err, ST_ERR_NOMEM, "cannot format the list");
		return NULL;
	}
	return text;
}

static json_t *jtime(long long t)
{
	char buf[32];

	if (!t)
		return json_null();
	utc(buf, sizeof(buf), t, true);
	return json_string(buf);
}

static json_t *jstrings(const char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
	return a;
}

/* jansson refuses text that is not UTF-8: such a string becomes a note. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);

	return j ? j : json_string("(not valid UTF-8)");
}

char *fleet_json(const struct fleet *f, struct errmsg *err)
{
	json_t *root = json_object(), *groups = json_array(),
	       *skipped = json_array();
	char dir[4096];
	const char *file;
	size_t i;

	json_set(root, "schema", json_string("triage-list/1"));
	json_set(root, "root", jstr(f->root));
	json_set(root, "verdicts", json_integer((json_int_t)f->nr));
	json_set(root, "hosts", json_integer((json_int_t)f->nr_hosts));
	for (i = 0; i < f->nr_groups; i++) {
		const struct fleet_group *g = &f->groups[i];
		const struct fleet_verdict *e = g->example;
		json_t *o = json_object(), *x = json_object();

		json_set(o, "signature", jstr(g->signature));
		json_set(o, "class", jstr(e->cls));
		json_set(o, "title", jstr(e->title));
		json_set(o, "count", json_integer((json_int_t)g->count));
		json_set(o, "first_seen", jtime(g->first));
		json_set(o, "last_seen", jtime(g->last));
		json_set(o, "first_seen_s", g->first ? json_integer(g->first) :
		    json_null());
		json_set(o, "last_seen_s", g->last ? json_integer(g->last) :
		    json_null());
		json_set(o, "hosts", jstrings(g->hosts, g->nr_hosts));
		json_set(o, "kernels", jstrings(g->kernels, g->nr_kernels));
		split(e->path, dir, sizeof(dir), &file);
		json_set(x, "dir", jstr(dir));
		json_set(x, "file", jstr(file));
		json_set(x, "host", jstr(e->host));
		json_set(x, "kernel", jstr(e->kernel));
		json_set(x, "seen", jtime(e->seen));
		json_set(x, "seen_from", e->seen_from ? json_string(e->seen_from) :
		    json_null());
		json_set(x, "summary", jstr(e->summary));
		json_set(o, "example", x);
		json_array_append_new(groups, o);
	}
	json_set(root, "groups", groups);
	for (i = 0; i < f->nr_skip; i++) {
		json_t *o = json_object();

		json_set(o, "path", jstr(f->skip[i].path));
		json_set(o, "reason", jstr(f->skip[i].reason));
		json_array_append_new(skipped, o);
	}
	json_set(root, "skipped", skipped);
	return json_text(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, "the list as JSON", err);
}
