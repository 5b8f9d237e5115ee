// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * status.c - formats error messages carried with status codes.
 */
#include <stdio.h>
#include <string.h>

#include "status.h"

enum status errmsg_vset(struct errmsg *e, enum status st, const char *fmt,
			va_list ap)
{
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	return st;
}

enum status errmsg_set(struct errmsg *e, enum status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errmsg_vset(e, st, fmt, ap);
	va_end(ap);
	return st;
}

void errmsg_prefix(struct errmsg *e, const char *fmt, ...)
{
	char old[ERRMSG_LEN];
	size_t n;
	va_list ap;

	memcpy(old, e->text, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	n = strlen(e->text);
	snprintf(e->text + n, sizeof(e->text) - n, "%s", old);
}

const char *status_name(enum status st)
{
	switch (st) {
	case ST_OK:		return "ok";
	case ST_ERR_SYSTEM:	return "system error";
	case ST_ERR_NOMEM:	return "out of memory";
	case ST_ERR_NOTFOUND:	return "not found";
	case ST_ERR_CORRUPT:	return "corrupt";
	case ST_ERR_VERSION:	return "unsupported version";
	case ST_ERR_STATE:	return "not committed";
	case ST_ERR_INVALID:	return "invalid";
	case ST_ERR_LIB:	return "library error";
	case ST_ERR_UNSAFE:	return "unsafe path";
	}
	return "unknown status";
}
