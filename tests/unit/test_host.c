// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_host.c - the host a verdict is of: the crashed kernel's nodename
 * first, then /etc; what is not a host name or a machine id is refused;
 * triage.json carries both with their source.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "host.h"
#include "judge.h"
#include "render.h"
#include "unit.h"

static void put(const char *dir, const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_host_parse(void)
{
	char n[HOST_NAME_LEN + 1], id[HOST_MACHINE_ID_LEN + 1];

	CHECK(host_parse_name("  db-7.example.org \n", n, sizeof(n)));
	CHECK_STR(n, "db-7.example.org");
	CHECK(!host_parse_name("(none)", n, sizeof(n)));
	CHECK(!host_parse_name("localhost\n", n, sizeof(n)));
	CHECK(!host_parse_name("", n, sizeof(n)));
	CHECK(!host_parse_name("bad host", n, sizeof(n)));
	CHECK(!host_parse_name(NULL, n, sizeof(n)));
	CHECK(host_parse_machine_id("3D1219C7C4C5404AAA1F6D2A48ADFDA4\n", id));
	CHECK_STR(id, "3d1219c7c4c5404aaa1f6d2a48adfda4");
	CHECK(!host_parse_machine_id("uninitialized\n", id));
	CHECK(!host_parse_machine_id("00000000000000000000000000000000\n", id));
	CHECK(!host_parse_machine_id("3d1219c7c4c5404aaa1f6d2a48adfda", id));
	CHECK(!host_parse_machine_id("3d1219c7c4c5404aaa1f6d2a48adfda4ff", id));
}

static void test_host_sources(void)
{
	char etc[512];
	struct host_id h;

	snprintf(etc, sizeof(etc), "%s/host-etc", unit_tmpdir);
	CHECK(mkdir(etc, 0700) == 0);
	put(etc, "hostname", "web-3\n");
	put(etc, "machine-id", "0123456789abcdef0123456789abcdef\n");
	host_identify(&h, "web-3", "dump-node", etc);
	CHECK_STR(h.name, "web-3");
	CHECK_STR(h.name_source, "snapshot");
	CHECK_STR(h.machine_id, "0123456789abcdef0123456789abcdef");
	CHECK_STR(h.machine_id_source, "etc_machine_id");
	/* a dump of another host judged here: not this machine's id */
	host_identify(&h, "(none)", "dump-node", etc);
	CHECK_STR(h.name, "dump-node");
	CHECK_STR(h.name_source, "vmcore");
	CHECK_STR(h.machine_id, "");
	CHECK(h.machine_id_source == NULL);
	put(etc, "hostname", "Dump-Node.example.org\n");
	host_identify(&h, NULL, "dump-node", etc);
	CHECK_STR(h.machine_id, "0123456789abcdef0123456789abcdef");
	put(etc, "hostname", "web-3\n");
	host_identify(&h, NULL, "", etc);
	CHECK_STR(h.name, "web-3");
	CHECK_STR(h.name_source, "etc_hostname");
	put(etc, "machine-id", "uninitialized\n");
	host_identify(&h, NULL, NULL, etc);
	CHECK_STR(h.machine_id, "");
	CHECK(h.machine_id_source == NULL);
}

static void test_host_json(void)
{
	static struct verdict v;
	struct host_id h = { .name = "web-3", .name_source = "etc_hostname",
			     .machine_id = "0123456789abcdef0123456789abcdef",
			     .machine_id_source = "etc_machine_id" };
	struct report r = { .v = &v, .input = "x", .located_by = "image",
			    .host = &h, .collected_at = 1700000000 };
	struct judge_input in = { .dump_log = NULL };
	struct errmsg err;
	json_t *root, *o;
	char *json, *text;

	verdict_judge(&v, &in, &err);
	json = report_json(&r, &err);
	text = report_text(&r, &err);
	root = json ? json_loads(json, 0, NULL) : NULL;
	CHECK(root != NULL);
	o = json_object_get(root, "host");
	CHECK_STR(json_string_value(json_object_get(o, "name")), "web-3");
	CHECK_STR(json_string_value(json_object_get(o, "name_source")),
		  "etc_hostname");
	CHECK_STR(json_string_value(json_object_get(o, "machine_id")),
		  "0123456789abcdef0123456789abcdef");
	CHECK(json_integer_value(json_object_get(root, "collected_at")) ==
	      1700000000);
	CHECK_CONTAINS(text, "Host:      web-3 (etc_hostname), machine id 0123456789abcdef0123456789abcdef");
	json_decref(root);
	free(json);
	free(text);
}

void host_tests(void)
{
	RUN(test_host_parse);
	RUN(test_host_sources);
	RUN(test_host_json);
}
