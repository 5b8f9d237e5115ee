/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * text.h - the small string helpers every stage uses.
 */
#ifndef TC_TEXT_H
#define TC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Does @s start with @prefix? */
bool starts_with(const char *s, const char *prefix);
/* @src (NULL: "") into @dst, cut to @size. */
void copy_str(char *dst, size_t size, const char *src);

/* One byte of untrusted text made printable ASCII: '\n' and '\t' kept
 * when @text, else a space; anything else unprintable becomes '?'. */
char safe_char(unsigned char c, bool text);
/* Copy at most @n bytes of untrusted text into @dst (size @n + 1), stopping
 * at a NUL, replacing anything but printable ASCII with '?'. */
void safe_strcpy(char *dst, const char *src, size_t n);

#endif /* TC_TEXT_H */
