// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * vmcoreinfo.c - parses VMCOREINFO text ("KEY=value" lines): the kernel's
 * release, crash time and page size, and the TRIAGE_REGION lines.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vmcoreinfo.h"

static void vi_note(struct vmcoreinfo *vi, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void vi_note(struct vmcoreinfo *vi, const char *fmt, ...)
{
	va_list ap;

	if (vi->nr_notes >= VMCI_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(vi->notes[vi->nr_notes++], VMCI_NOTE_LEN, fmt, ap);
	va_end(ap);
}

static void parse_region_line(struct vmcoreinfo *vi, const char *val)
{
	char shown[64];
	char *end;
	uint64_t phys, size;

	errno = 0;
	phys = strtoull(val, &end, 0);
	if (errno || end == val || *end != ',') {
		safe_strcpy(shown, val, 60);
		vi_note(vi, "ignored a malformed %s line: \"%s\"",
			TRIAGE_VMCOREINFO_KEY, shown);
		return;
	}
	val = end + 1;
	size = strtoull(val, &end, 0);
	if (errno || end == val || (*end && *end != '\n')) {
		vi_note(vi, "ignored a malformed %s line", TRIAGE_VMCOREINFO_KEY);
		return;
	}
	if (vi->nr_lines == VMCI_MAX_LINES) {
		/* keep the newest ones */
		memmove(vi->lines, vi->lines + 1,
			(VMCI_MAX_LINES - 1) * sizeof(vi->lines[0]));
		vi->nr_lines--;
	}
	vi->lines[vi->nr_lines].phys = phys;
	vi->lines[vi->nr_lines].size = size;
	vi->nr_lines++;
}

void vmcoreinfo_parse(struct vmcoreinfo *vi, const char *text)
{
	const char *p = text, *nl, *eq;
	char line[256];
	size_t n;

	memset(vi, 0, sizeof(*vi));
	while (p && *p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line))
			n = sizeof(line) - 1;	/* no key we read is longer */
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : NULL;
		eq = strchr(line, '=');
		if (!eq)
			continue;
		if (strncmp(line, TRIAGE_VMCOREINFO_KEY "=",
			    sizeof(TRIAGE_VMCOREINFO_KEY)) == 0)
			parse_region_line(vi, eq + 1);
		else if (strncmp(line, "OSRELEASE=", 10) == 0)
			safe_strcpy(vi->facts.osrelease, eq + 1,
				    sizeof(vi->facts.osrelease) - 1);
		else if (strncmp(line, "CRASHTIME=", 10) == 0) {
			vi->facts.crashtime = strtoll(eq + 1, NULL, 10);
			vi->facts.has_crashtime = true;
		} else if (strncmp(line, "PAGESIZE=", 9) == 0)
			vi->facts.page_size = strtoul(eq + 1, NULL, 10);
	}
	vi->facts.present = true;
}
