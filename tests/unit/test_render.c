// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_render.c - triage.json parses back and keeps the triage/1 contract;
 * triage.txt starts with the verdict.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "judge.h"
#include "render.h"
#include "unit.h"

struct rendered {
	char *json;
	char *text;
	json_t *root;
};

static void render_fx(struct rendered *out, void (*build)(struct snapbuild *),
		      const char *dump_log)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { .dump_log = dump_log };
	struct report r = { .v = &v, .input = "test.img", .located_by = "image" };
	struct errmsg err;
	json_error_t jerr;

	if (build) {
		build(&b);
		snapshot_decode(&s, b.buf, sb_len(&b));
		in.snap = &s;
		r.snap = &s;
	}
	verdict_judge(&v, &in, &err);
	out->json = report_json(&r, &err);
	out->text = report_text(&r, &err);
	CHECK(out->json && out->text);
	out->root = out->json ? json_loads(out->json, 0, &jerr) : NULL;
	CHECK(out->root != NULL);
	if (build) {
		snapshot_free(&s);
		sb_free(&b);
	}
}

static void rendered_free(struct rendered *r)
{
	free(r->json);
	free(r->text);
	json_decref(r->root);
}

static const char *jget_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void check_contract(json_t *root)
{
	static const char *const keys[] = {
		"schema", "class", "kind", "title", "summary", "signature",
		"culprit", "chain", "evidence", "degraded", "snapshot",
		"message", "kernel", "crash", "backtrace", "modules", "capture",
		"log_tail",
	};
	static const char *const culprit_keys[] = {
		"pid", "comm", "function", "module", "cpu",
	};
	json_t *c;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(root, keys[i])) {
			fprintf(stderr, "  missing key %s\n", keys[i]);
			CHECK(!"contract key missing");
		}
	CHECK_STR(jget_str(root, "schema"), "triage/1");
	CHECK(json_is_string(json_object_get(root, "class")));
	CHECK(json_is_array(json_object_get(root, "chain")));
	CHECK(json_is_array(json_object_get(root, "evidence")));
	CHECK(json_is_boolean(json_object_get(root, "degraded")));
	CHECK(json_is_boolean(json_object_get(json_object_get(root, "snapshot"), "valid")));
	c = json_object_get(root, "culprit");
	CHECK(json_is_object(c));
	for (i = 0; i < sizeof(culprit_keys) / sizeof(culprit_keys[0]); i++)
		CHECK(json_object_get(c, culprit_keys[i]) != NULL);
}

static void test_render_json_valid(void)
{
	struct rendered r;
	json_t *c, *k;

	render_fx(&r, fx_oops_null, NULL);
	check_contract(r.root);
	CHECK_STR(jget_str(r.root, "class"), "oops");
	CHECK_STR(jget_str(r.root, "kind"), "null_deref");
	CHECK(json_is_false(json_object_get(r.root, "degraded")));
	c = json_object_get(r.root, "culprit");
	CHECK(json_integer_value(json_object_get(c, "pid")) == 377);
	CHECK_STR(jget_str(c, "module"), "crashme");
	k = json_object_get(r.root, "kernel");
	CHECK_STR(jget_str(k, "taint"), "OE");
	CHECK_STR(jget_str(k, "release"), "6.1.0-56-amd64");
	k = json_object_get(r.root, "crash");
	CHECK(json_integer_value(json_object_get(k, "trap")) == 14);
	CHECK_STR(jget_str(k, "fault_address"), "0x10");
	CHECK_STR(jget_str(json_object_get(k, "registers"), "ip"),
		  "0xffffffffc0a01234");
	CHECK_STR(json_string_value(json_array_get(json_object_get(r.root, "backtrace"), 0)),
		  "crashme_null_deref+0x11/0x20 [crashme]");
	CHECK_STR(jget_str(json_object_get(r.root, "capture"), "hook"), "crash_kexec");
	CHECK_STR(jget_str(json_object_get(r.root, "snapshot"), "state"), "committed");
	CHECK(json_array_size(json_object_get(r.root, "modules")) == 1);
	CHECK(json_array_size(json_object_get(r.root, "log_tail")) == 5);
	rendered_free(&r);
}

static void test_render_json_degraded(void)
{
	struct rendered r;
	json_t *s, *c;

	render_fx(&r, NULL, fx_log_vfs_panic);
	check_contract(r.root);
	CHECK(json_is_true(json_object_get(r.root, "degraded")));
	s = json_object_get(r.root, "snapshot");
	CHECK(json_is_false(json_object_get(s, "valid")));
	CHECK(json_is_string(json_object_get(s, "error")));
	CHECK(json_is_null(json_object_get(r.root, "kind")));
	c = json_object_get(r.root, "culprit");
	CHECK(json_is_null(json_object_get(c, "module")));
	CHECK(json_integer_value(json_object_get(c, "pid")) == 1);
	rendered_free(&r);
}

static void fx_sysrq_proc(struct snapbuild *b) { fx_sysrq(b, 1); }

static void test_render_text(void)
{
	struct rendered r;

	render_fx(&r, fx_sysrq_proc, NULL);
	CHECK(strncmp(r.text, "crash triggered by hand through /proc/sysrq-trigger by bash (pid 212) on CPU 1\n",
		      79) == 0);
	CHECK_CONTAINS(r.text, "Evidence:\n  - ");
	CHECK_CONTAINS(r.text, "write_sysrq_trigger+0x42/0x50");
	CHECK_CONTAINS(r.text, "Snapshot:  valid, located by image");
	rendered_free(&r);
	render_fx(&r, NULL, fx_log_vfs_panic);
	CHECK(strncmp(r.text, "[degraded] panic() called from mount_block_root", 47) == 0);
	CHECK_CONTAINS(r.text, "Log tail (dump):");
	rendered_free(&r);
}

/* A long log: the tail is the last 40 lines, in order. */
static void test_render_log_tail(void)
{
	struct rendered r;
	char *log = malloc(100 * 32), *p = log;
	json_t *tail;
	int i;

	for (i = 0; i < 100; i++)
		p += sprintf(p, "[ %d.0] line %d\n", i, i);
	render_fx(&r, NULL, log);
	tail = json_object_get(r.root, "log_tail");
	CHECK(json_array_size(tail) == 40);
	CHECK_STR(json_string_value(json_array_get(tail, 0)), "[ 60.0] line 60");
	CHECK_STR(json_string_value(json_array_get(tail, 39)), "[ 99.0] line 99");
	rendered_free(&r);
	free(log);
}

void render_tests(void)
{
	RUN(test_render_json_valid);
	RUN(test_render_json_degraded);
	RUN(test_render_text);
	RUN(test_render_log_tail);
}
