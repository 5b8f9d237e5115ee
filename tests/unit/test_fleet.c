// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_fleet.c - triage-collect --list: a synthetic tree of verdicts from
 * three hosts (two signatures, times from CRASHTIME, collected_at and the
 * file's mtime, a verdict older than "host") with bad files beside them
 * (truncated, not JSON, another schema, no signature, a FIFO, symbolic
 * links, a loop, a tree too deep) is grouped and every bad file named; and
 * tests/fleet/tree, verdicts of real crashes (tests/fleet/README), through
 * the program itself.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fleet.h"
#include "unit.h"

static char root[512];

static void mkdirs(const char *rel)
{
	char path[1024], *p;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	mkdir(path, 0700);
}

static void put(const char *rel, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A verdict as triage-collect writes it, with what --list reads. */
static void verdict(const char *rel, const char *sig, const char *host,
		    const char *kernel, const char *time_key, long long t)
{
	char text[2048];

	snprintf(text, sizeof(text),
		 "{\"schema\": \"triage/1\", \"class\": \"hung_task\", \"kind\": \"deadlock\",\n"
		 " \"title\": \"title of %s\", \"summary\": \"summary of %s at %lld\",\n"
		 " \"signature\": \"%s\", \"degraded\": false,\n"
		 " \"kernel\": {\"release\": \"%s\", \"nodename\": \"%s\"},\n"
		 " %s\"%s\": %lld%s}\n",
		 sig, sig, t, sig, kernel, host,
		 strcmp(time_key, "crashtime") ? "" : "\"vmcoreinfo\": {",
		 time_key, t, strcmp(time_key, "crashtime") ? "" : "}");
	if (strcmp(host, "gamma") != 0) {	/* gamma's verdicts predate "host" */
		char *end = strrchr(text, '}');

		snprintf(end, sizeof(text) - (size_t)(end - text),
			 ", \"host\": {\"name\": \"%s\", \"name_source\": \"snapshot\"}}\n",
			 host);
	}
	put(rel, text);
}

static void build_tree(void)
{
	struct timeval tv[2] = { { 4000, 0 }, { 4000, 0 } };
	char path[1024], deep[256] = "deep";
	int i;

	snprintf(root, sizeof(root), "%s/fleet", unit_tmpdir);
	CHECK(mkdir(root, 0700) == 0);
	mkdirs("alpha/var/crash/202601010000");
	mkdirs("alpha/var/crash/202601020000");
	mkdirs("beta/202601030000");
	mkdirs("gamma/old");
	mkdirs("bad");
	verdict("alpha/var/crash/202601010000/triage.json", "S1", "alpha",
		"6.1.0-1-amd64", "crashtime", 1000);
	verdict("alpha/var/crash/202601020000/triage.json", "S1", "alpha",
		"6.12.0-1-amd64", "collected_at", 3000);
	verdict("beta/202601030000/triage.json", "S1", "beta",
		"6.1.0-1-amd64", "crashtime", 2000);
	verdict("beta/202601030000/triage-1.json", "S2", "beta",
		"6.1.0-1-amd64", "crashtime", 5000);
	verdict("gamma/old/triage.json", "S2", "gamma", "6.1.0-1-amd64",
		"none", 0);
	snprintf(path, sizeof(path), "%s/gamma/old/triage.json", root);
	CHECK(utimes(path, tv) == 0);
	/* not verdicts by name: never read */
	put("alpha/var/crash/202601010000/triage.txt", "not json");
	put("alpha/other.json", "not json");
	put("alpha/triage-100.json", "not json");
	/* bad verdicts */
	put("bad/triage.json", "{\"schema\": \"triage/1\", \"class\": \"oops\", \"signa");
	put("bad/triage-1.json", "hello\n");
	put("bad/triage-2.json", "{\"schema\": \"triage/2\", \"class\": \"oops\", \"signature\": \"x\"}");
	put("bad/triage-3.json", "[1, 2]");
	put("bad/triage-4.json", "{\"schema\": \"triage/1\", \"class\": \"oops\"}");
	put("bad/triage-5.json", "");
	snprintf(path, sizeof(path), "%s/bad/triage-6.json", root);
	CHECK(mkfifo(path, 0600) == 0);
	snprintf(path, sizeof(path), "%s/bad/triage-7.json", root);
	CHECK(symlink("../alpha/var/crash/202601010000/triage.json", path) == 0);
	snprintf(path, sizeof(path), "%s/bad/loop", root);
	CHECK(symlink("..", path) == 0);
	for (i = 0; i < FLEET_MAX_DEPTH + 1; i++)
		strcat(deep, "/d");
	mkdirs(deep);
	strcat(deep, "/triage.json");
	verdict(deep, "S3", "delta", "6.1.0-1-amd64", "crashtime", 9000);
}

static const struct fleet_skip *skipped(const struct fleet *f,
					const char *tail)
{
	size_t i, n = strlen(tail);

	for (i = 0; i < f->nr_skip; i++) {
		size_t m = strlen(f->skip[i].path);

		if (m >= n && !strcmp(f->skip[i].path + m - n, tail))
			return &f->skip[i];
	}
	return NULL;
}

#define CHECK_SKIP(f, tail, why) do {					\
	const struct fleet_skip *s_ = skipped(f, tail);			\
	CHECK(s_ != NULL);						\
	if (s_)								\
		CHECK_CONTAINS(s_->reason, why);			\
} while (0)

static void test_fleet_synthetic(void)
{
	struct errmsg err;
	struct fleet f;
	const struct fleet_group *g;
	char *text, *json;
	json_t *j;

	build_tree();
	fleet_init(&f, root);
	CHECK(fleet_walk(&f, &err) == ST_OK);
	CHECK(fleet_group(&f, &err) == ST_OK);
	CHECK(f.nr == 5);
	CHECK(f.nr_groups == 2);
	CHECK(f.nr_hosts == 3);
	g = &f.groups[0];
	CHECK_STR(g->signature, "S1");
	CHECK(g->count == 3 && g->first == 1000 && g->last == 3000);
	CHECK(g->nr_hosts == 2 && !strcmp(g->hosts[0], "alpha") &&
	      !strcmp(g->hosts[1], "beta"));
	CHECK(g->nr_kernels == 2 && !strcmp(g->kernels[0], "6.1.0-1-amd64") &&
	      !strcmp(g->kernels[1], "6.12.0-1-amd64"));
	CHECK_CONTAINS(g->example->path, "alpha/var/crash/202601020000/triage.json");
	CHECK_STR(g->example->seen_from, "collected_at");
	g = &f.groups[1];
	CHECK_STR(g->signature, "S2");
	CHECK(g->count == 2 && g->first == 4000 && g->last == 5000);
	CHECK(g->nr_hosts == 2 && !strcmp(g->hosts[0], "beta") &&
	      !strcmp(g->hosts[1], "gamma"));	/* gamma: kernel.nodename */
	CHECK_CONTAINS(g->example->path, "beta/202601030000/triage-1.json");
	CHECK(f.nr_skip == 10);
	CHECK_SKIP(&f, "bad/triage.json", "not JSON");
	CHECK_SKIP(&f, "bad/triage-1.json", "not JSON");
	CHECK_SKIP(&f, "bad/triage-2.json", "another schema");
	CHECK_SKIP(&f, "bad/triage-3.json", "not an object");
	CHECK_SKIP(&f, "bad/triage-4.json", "no signature");
	CHECK_SKIP(&f, "bad/triage-5.json", "not JSON");
	CHECK_SKIP(&f, "bad/triage-6.json", "not a regular file");
	CHECK_SKIP(&f, "bad/triage-7.json", "symbolic link");
	CHECK_SKIP(&f, "bad/loop", "symbolic link to a directory");
	CHECK_SKIP(&f, "/d/d", "deeper than 8 levels");
	text = fleet_text(&f, &err);
	CHECK_CONTAINS(text, ": 5 verdicts, 2 signatures, 3 hosts, 10 skipped\n");
	CHECK_CONTAINS(text, "    3  1970-01-01 00:16  1970-01-01 00:50      2        2  S1\n");
	CHECK_CONTAINS(text, "       hosts: alpha, beta\n");
	CHECK_CONTAINS(text, "       example: ");
	CHECK_CONTAINS(text, "202601020000 (triage.json, alpha)\n         summary of S1 at 3000\n");
	CHECK_CONTAINS(text, "skipped 10:\n");
	CHECK_CONTAINS(text, "bad/triage-2.json: not a triage/1 verdict (another schema)\n");
	json = fleet_json(&f, &err);
	j = json ? json_loads(json, 0, NULL) : NULL;
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "schema")), "triage-list/1");
	CHECK(json_array_size(json_object_get(j, "groups")) == 2);
	CHECK(json_array_size(json_object_get(j, "skipped")) == 10);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
		json_object_get(j, "groups"), 1), "first_seen")),
		"1970-01-01T01:06:40Z");
	json_decref(j);
	free(text);
	free(json);
	fleet_free(&f);
}

/* What is not valid is skipped, also control characters are made '?'. */
static void test_fleet_add(void)
{
	static const char v[] = "{\"schema\": \"triage/1\", \"class\": \"oops\", "
		"\"signature\": \"s\", \"summary\": \"a\\u001b[2Jb\\nc\"}";
	struct errmsg err;
	struct fleet f;

	fleet_init(&f, "x");
	CHECK(fleet_add(&f, "x/triage.json", v, strlen(v), 0, &err) == ST_OK);
	CHECK(fleet_add(&f, "x/triage-1.json", v, strlen(v) - 1, 0, &err) ==
	      ST_OK);
	CHECK(fleet_add(&f, "x/triage-2.json", "\0\0", 2, 0, &err) == ST_OK);
	CHECK(f.nr == 1 && f.nr_skip == 2);
	CHECK_STR(f.v[0].summary, "a?[2Jb?c");
	CHECK_STR(f.v[0].host, "unknown");
	CHECK(f.v[0].seen == 0 && f.v[0].seen_from == NULL);
	CHECK(fleet_group(&f, &err) == ST_OK);
	CHECK(f.nr_groups == 1 && f.groups[0].first == 0);
	fleet_free(&f);
	fleet_init(&f, "/nonexistent/dir");
	CHECK(fleet_walk(&f, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, "/nonexistent/dir");
	fleet_free(&f);
}

/* The program over tests/fleet/tree: verdicts of real crashes in QEMU. */
static int run_list(const char *arg1, const char *arg2, char *out,
		    size_t size)
{
	const char *prog = getenv("TRIAGE_COLLECT");
	char cmd[1024];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "%s --list %s %s 2>&1",
		 prog ? prog : "./triage-collect", arg1, arg2);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_fleet_real_tree(void)
{
	static char out[1 << 16];
	const char *tree = "../tests/fleet/tree";
	json_t *j, *groups, *g;
	size_t i, total = 0;

	CHECK(run_list(tree, "", out, sizeof(out)) == 0);
	CHECK_CONTAINS(out, "../tests/fleet/tree: 6 verdicts, 4 signatures, 3 hosts, 1 skipped\n");
	CHECK_CONTAINS(out, "hung_task/deadlock:hangme_a[hangme]:lock_b+hangme_b[hangme]:lock_a\n");
	CHECK_CONTAINS(out, "hosts: crashvm, web-2\n");
	CHECK_CONTAINS(out, "bad/triage.json: not JSON");
	CHECK(run_list(tree, "--json", out, sizeof(out)) == 0);
	j = json_loads(out, 0, NULL);
	CHECK(j != NULL);
	groups = json_object_get(j, "groups");
	CHECK(json_array_size(groups) == 4);
	json_array_foreach(groups, i, g)
		total += (size_t)json_integer_value(json_object_get(g, "count"));
	CHECK(total == 6);
	g = json_array_get(groups, 0);	/* ABBA: on two hosts, the largest */
	CHECK(json_integer_value(json_object_get(g, "count")) == 2);
	CHECK_STR(json_string_value(json_object_get(g, "class")), "hung_task");
	json_decref(j);
	CHECK(run_list("/nonexistent/dir", "", out, sizeof(out)) == 3);
	CHECK(run_list(tree, "--vmcore x", out, sizeof(out)) == 2);
}

void fleet_tests(void)
{
	RUN(test_fleet_add);
	RUN(test_fleet_synthetic);
	RUN(test_fleet_real_tree);
}
