// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * unit_main.c - runs every unit test group and prints the closing line
 * "unit: N passed, M failed"; exits non-zero on any failure.
 */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

int unit_passed, unit_failed, unit_current_failed;
const char *unit_tmpdir;

int main(void)
{
	static char tmpl[] = "/tmp/triage-unit.XXXXXX";
	char cmd[64];

	unit_tmpdir = mkdtemp(tmpl);
	if (!unit_tmpdir) {
		perror("mkdtemp");
		return 2;
	}
	decode_tests();
	judge_tests();
	render_tests();
	output_tests();
	locate_tests();
	cli_tests();
	hung_tests();
	records_tests();
	lockup_tests();
	torn_tests();
	place_tests();
	blocker_tests();
	kfunc_tests();
	report_tests();
	checker_tests();
	host_tests();
	fleet_tests();
	dot_tests();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", unit_tmpdir);
	if (!unit_failed && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", unit_tmpdir);
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
