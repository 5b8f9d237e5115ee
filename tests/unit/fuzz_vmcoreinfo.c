// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_vmcoreinfo.c - libFuzzer harness for the VMCOREINFO parser: the input
 * is the note's text, as a dump (hostile) holds it.  The parse must stay in
 * its bounds, and what it keeps must be safe to print.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmcoreinfo.h"

static void check_text(const char *s, size_t size)
{
	size_t n = strnlen(s, size);
	size_t i;

	if (n == size)
		__builtin_trap();	/* not NUL-terminated */
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vmcoreinfo vi;
	char *text = malloc(size + 1);
	size_t i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	vmcoreinfo_parse(&vi, text);
	if (vi.nr_lines > VMCI_MAX_LINES || vi.nr_notes > VMCI_MAX_NOTES ||
	    !vi.facts.present)
		__builtin_trap();
	check_text(vi.facts.osrelease, sizeof(vi.facts.osrelease));
	for (i = 0; i < vi.nr_notes; i++)
		check_text(vi.notes[i], sizeof(vi.notes[i]));
	free(text);
	return 0;
}
