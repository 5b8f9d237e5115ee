// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * jsonout.c - what the renderers of JSON share.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"

void json_set(json_t *o, const char *key, json_t *val)
{
	json_object_set_new(o, key, val ? val : json_null());
}

char *json_text(json_t *o, size_t flags, const char *what, struct errmsg *err)
{
	char *text = json_dumps(o, flags), *out;
	size_t n;

	json_decref(o);
	if (!text) {
		errmsg_set(err, ST_ERR_NOMEM, "cannot format %s", what);
		return NULL;
	}
	n = strlen(text);
	out = realloc(text, n + 2);
	if (!out) {
		free(text);
		errmsg_set(err, ST_ERR_NOMEM, "cannot format %s", what);
		return NULL;
	}
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}
