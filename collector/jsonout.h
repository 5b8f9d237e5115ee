/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * jsonout.h - what the renderers of JSON (triage.json, --list --json) share.
 */
#ifndef TC_JSONOUT_H
#define TC_JSONOUT_H

#include <jansson.h>
#include <stddef.h>

#include "status.h"

/* Set @key of @o to @val, taking it; a NULL @val (jansson out of memory)
 * becomes null. */
void json_set(json_t *o, const char *key, json_t *val);

/*
 * @o as text (jansson's json_dumps() @flags) ending in a newline, and @o
 * released.  Return: the text (the caller frees it), or NULL with @err set
 * ("cannot format @what").
 */
char *json_text(json_t *o, size_t flags, const char *what, struct errmsg *err);

#endif
