// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * place.c - chooses where a verdict goes (see place.h).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place.h"

void capture_id_of_json(const char *json, char *id, size_t size)
{
	json_t *root = json ? json_loads(json, 0, NULL) : NULL;
	json_t *kernel, *boot, *up, *vmci, *crashtime;

	id[0] = '\0';
	if (!root)
		return;
	kernel = json_object_get(root, "kernel");
	boot = json_object_get(kernel, "boot_id");
	up = json_object_get(kernel, "uptime_ns");
	vmci = json_object_get(root, "vmcoreinfo");
	crashtime = json_object_get(vmci, "crashtime");
	if (json_is_string(boot) && json_string_length(boot) && json_is_integer(up))
		snprintf(id, size, "boot:%s:%lld", json_string_value(boot),
			 (long long)json_integer_value(up));
	else if (json_is_integer(crashtime))
		snprintf(id, size, "crashtime:%lld",
			 (long long)json_integer_value(crashtime));
	json_decref(root);
}

static void set_names(struct place *p, unsigned int n, bool on_files)
{
	if (n && on_files) {
		snprintf(p->json, sizeof(p->json), "triage-%u.json", n);
		snprintf(p->txt, sizeof(p->txt), "triage-%u.txt", n);
		snprintf(p->log, sizeof(p->log), "triage-%u.log", n);
	} else {
		snprintf(p->json, sizeof(p->json), "triage.json");
		snprintf(p->txt, sizeof(p->txt), "triage.txt");
		snprintf(p->log, sizeof(p->log), "triage.log");
	}
}

enum slot { SLOT_TAKEN, SLOT_FREE, SLOT_SAME };

/* May the verdict of capture @id go in as @p's names in @p->dir? */
static enum slot slot(const struct place *p, const char *id)
{
	char *old = NULL, old_id[256];
	struct errmsg e;

	if (!outdir_has(&p->dir, p->json))
		return outdir_has(&p->dir, p->txt) ||
		       outdir_has(&p->dir, p->log) ? SLOT_TAKEN : SLOT_FREE;
	if (!id[0] ||
	    outdir_read(&p->dir, p->json, PLACE_MAX_JSON, &old, &e) != ST_OK)
		return SLOT_TAKEN;
	capture_id_of_json(old, old_id, sizeof(old_id));
	free(old);
	return old_id[0] && strcmp(old_id, id) == 0 ? SLOT_SAME : SLOT_TAKEN;
}

enum status place_in_dir(struct place *p, const char *dir, const char *id,
			 struct errmsg *err)
{
	enum status st;
	enum slot s;
	unsigned int n;

	memset(p, 0, sizeof(*p));
	st = outdir_open(&p->dir, dir, true, err);
	if (st != ST_OK)
		return st;
	for (n = 0; n <= PLACE_MAX_SUFFIX; n++) {
		set_names(p, n, true);
		s = slot(p, id);
		if (s != SLOT_TAKEN) {
			p->n = n;
			p->replaces = s == SLOT_SAME;
			return ST_OK;
		}
	}
	outdir_close(&p->dir);
	return errmsg_set(err, ST_ERR_INVALID,
			  "%s holds the verdicts of %d other crashes (triage.json to triage-%d.json): nothing is replaced",
			  dir, PLACE_MAX_SUFFIX + 1, PLACE_MAX_SUFFIX);
}

enum status place_in_crash_dir(struct place *p, const char *crash_dir,
			       time_t now, const char *id, struct errmsg *err)
{
	struct outdir base;
	char stamp[32], name[48];
	enum status st;
	enum slot s;
	unsigned int n;

	memset(p, 0, sizeof(*p));
	p->dir.fd = -1;
	st = outdir_open(&base, crash_dir, true, err);
	if (st != ST_OK)
		return st;
	output_stamp(stamp, sizeof(stamp), now);
	set_names(p, 0, false);
	for (n = 0; n <= PLACE_MAX_SUFFIX; n++) {
		if (n)
			snprintf(name, sizeof(name), "%s-%u", stamp, n);
		else
			snprintf(name, sizeof(name), "%s", stamp);
		st = outdir_sub(&p->dir, &base, name, true, err);
		if (st != ST_OK)
			break;
		s = slot(p, id);
		if (s != SLOT_TAKEN) {
			p->n = n;
			p->dir_suffix = true;
			p->replaces = s == SLOT_SAME;
			outdir_close(&base);
			return ST_OK;
		}
		outdir_close(&p->dir);
	}
	if (st == ST_OK)
		st = errmsg_set(err, ST_ERR_INVALID,
				"%s/%s to %s/%s-%d hold the verdicts of other crashes: nothing is replaced",
				crash_dir, stamp, crash_dir, stamp,
				PLACE_MAX_SUFFIX);
	outdir_close(&base);
	return st;
}

void place_close(struct place *p)
{
	outdir_close(&p->dir);
}
