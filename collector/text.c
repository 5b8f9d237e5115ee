// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * text.c - the small string helpers every stage uses.
 */
#include <stdio.h>
#include <string.h>

#include "text.h"

bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

char safe_char(unsigned char c, bool text)
{
	if (c == '\n' || c == '\t')
		return text ? (char)c : ' ';
	if (c >= 0x20 && c < 0x7f)
		return (char)c;
	return '?';
}

void safe_strcpy(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = safe_char((unsigned char)src[i], false);
	/* "panic message\n": the newline is not part of the message */
	while (i > 0 && dst[i - 1] == ' ')
		i--;
	dst[i] = '\0';
}
