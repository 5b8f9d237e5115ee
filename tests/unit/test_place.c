// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_place.c - where a verdict goes: never over another capture's
 * verdict (triage-N.* in an explicit directory, <stamp>-N/ in a crash
 * directory), over the same capture's (a rerun), at most 99 more.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "place.h"
#include "unit.h"

#define JSON_A	"{\"kernel\": {\"boot_id\": \"aaaa\", \"uptime_ns\": 100}}\n"
#define JSON_B	"{\"kernel\": {\"boot_id\": \"aaaa\", \"uptime_ns\": 200}}\n"
#define JSON_C	"{\"kernel\": {\"release\": \"6.1\"}, \"vmcoreinfo\": {\"crashtime\": 1700000000}}\n"

static void test_place_capture_id(void)
{
	char id[128];

	capture_id_of_json(JSON_A, id, sizeof(id));
	CHECK_STR(id, "boot:aaaa:100");
	capture_id_of_json(JSON_C, id, sizeof(id));
	CHECK_STR(id, "crashtime:1700000000");
	capture_id_of_json("{\"kernel\": {\"boot_id\": null}}", id, sizeof(id));
	CHECK_STR(id, "");
	capture_id_of_json("not json", id, sizeof(id));
	CHECK_STR(id, "");
	capture_id_of_json(NULL, id, sizeof(id));
	CHECK_STR(id, "");
}

/* Place and write a verdict of @json; the names used. */
static unsigned int put(struct place *p, const char *dir, const char *json,
			bool *replaces)
{
	struct errmsg err;
	char id[128];
	unsigned int n;

	capture_id_of_json(json, id, sizeof(id));
	if (place_in_dir(p, dir, id, &err) != ST_OK) {
		fprintf(stderr, "  %s\n", err.text);
		return 1000;
	}
	CHECK(outdir_write(&p->dir, p->json, json, strlen(json), &err) == ST_OK);
	CHECK(outdir_write(&p->dir, p->txt, "x\n", 2, &err) == ST_OK);
	n = p->n;
	*replaces = p->replaces;
	place_close(p);
	return n;
}

static void test_place_in_dir(void)
{
	char dir[512];
	struct place p;
	bool rep;

	snprintf(dir, sizeof(dir), "%s/place-dir", unit_tmpdir);
	CHECK(put(&p, dir, JSON_A, &rep) == 0 && !rep);
	CHECK(put(&p, dir, JSON_A, &rep) == 0 && rep);		/* rerun */
	CHECK(put(&p, dir, JSON_B, &rep) == 1 && !rep);
	CHECK_STR(p.json, "triage-1.json");
	CHECK_STR(p.txt, "triage-1.txt");
	CHECK(put(&p, dir, JSON_B, &rep) == 1 && rep);
	CHECK(put(&p, dir, JSON_C, &rep) == 2 && !rep);
	/* unknown capture: never the same as another */
	CHECK(put(&p, dir, "{}", &rep) == 3 && !rep);
	CHECK(put(&p, dir, "{}", &rep) == 4 && !rep);
}

/* A triage.txt alone (or a triage.json not ours to read) is taken too. */
static void test_place_taken(void)
{
	char dir[512], path[600];
	struct place p;
	struct errmsg err;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/place-txt", unit_tmpdir);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/triage.txt", dir);
	f = fopen(path, "w");
	if (f)
		fclose(f);
	CHECK(place_in_dir(&p, dir, "boot:x:1", &err) == ST_OK);
	CHECK(p.n == 1);
	place_close(&p);
	snprintf(path, sizeof(path), "%s/triage-1.json", dir);
	CHECK(mkfifo(path, 0600) == 0);	/* never read: not a regular file */
	CHECK(place_in_dir(&p, dir, "boot:x:1", &err) == ST_OK);
	CHECK(p.n == 2);
	place_close(&p);
}

/* 100 verdicts of other captures: the 101st is refused, clearly. */
static void test_place_bounded(void)
{
	char dir[512], path[600];
	struct place p;
	struct errmsg err;
	unsigned int n;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/place-full", unit_tmpdir);
	mkdir(dir, 0700);
	for (n = 0; n <= PLACE_MAX_SUFFIX; n++) {
		if (n)
			snprintf(path, sizeof(path), "%s/triage-%u.json", dir, n);
		else
			snprintf(path, sizeof(path), "%s/triage.json", dir);
		f = fopen(path, "w");
		if (f) {
			fputs(JSON_A, f);
			fclose(f);
		}
	}
	CHECK(place_in_dir(&p, dir, "boot:other:1", &err) == ST_ERR_INVALID);
	CHECK_CONTAINS(err.text, "holds the verdicts of 100 other crashes (triage.json to triage-99.json): nothing is replaced");
	CHECK(place_in_dir(&p, dir, "boot:aaaa:100", &err) == ST_OK);
	CHECK(p.n == 0 && p.replaces);
	place_close(&p);
}

static void test_place_crash_dir(void)
{
	char base[512], stamp[32], want[600];
	struct place p;
	struct errmsg err;
	time_t now = 1700000000;

	snprintf(base, sizeof(base), "%s/place-crash", unit_tmpdir);
	output_stamp(stamp, sizeof(stamp), now);
	CHECK(place_in_crash_dir(&p, base, now, "boot:a:1", &err) == ST_OK);
	snprintf(want, sizeof(want), "%s/%s", base, stamp);
	CHECK_STR(p.dir.path, want);
	CHECK(p.n == 0 && !p.replaces && p.dir.created);
	CHECK_STR(p.json, "triage.json");
	CHECK(outdir_write(&p.dir, p.json, JSON_A, strlen(JSON_A), &err) == ST_OK);
	place_close(&p);
	/* another crash in the same minute: <stamp>-1/ */
	CHECK(place_in_crash_dir(&p, base, now + 30, "boot:aaaa:200", &err) == ST_OK);
	snprintf(want, sizeof(want), "%s/%s-1", base, stamp);
	CHECK_STR(p.dir.path, want);
	CHECK(p.n == 1 && p.dir_suffix);
	CHECK_STR(p.json, "triage.json");
	place_close(&p);
	/* the same capture again: its own directory */
	CHECK(place_in_crash_dir(&p, base, now, "boot:aaaa:100", &err) == ST_OK);
	CHECK(p.n == 0 && p.replaces);
	place_close(&p);
}

void place_tests(void)
{
	RUN(test_place_capture_id);
	RUN(test_place_in_dir);
	RUN(test_place_taken);
	RUN(test_place_bounded);
	RUN(test_place_crash_dir);
}
