/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * status.h - errors as values: a status code plus a message buffer that the
 * object reporting the error owns (the model is libkdumpfile's kdump_status
 * with kdump_get_err()).
 */
#ifndef TC_STATUS_H
#define TC_STATUS_H

#include <stdarg.h>
#include <stddef.h>

enum status {
	ST_OK = 0,
	ST_ERR_SYSTEM,		/* an OS call failed; the message has errno text */
	ST_ERR_NOMEM,		/* an allocation failed */
	ST_ERR_NOTFOUND,	/* no snapshot where one was looked for */
	ST_ERR_CORRUPT,		/* the data is damaged or inconsistent */
	ST_ERR_VERSION,		/* the format is newer than this collector */
	ST_ERR_STATE,		/* the snapshot is not committed (armed, torn...) */
	ST_ERR_INVALID,		/* a bad argument or input */
	ST_ERR_LIB,		/* an error reported by a library */
	ST_ERR_UNSAFE,		/* a path refused: a symbolic link, another
				 * user's or a writable directory */
};

#define ERRMSG_LEN	512

struct errmsg {
	char text[ERRMSG_LEN];
};

/* Format a message into @e and return @st, so callers can write
 * "return errmsg_set(&x->err, ST_ERR_CORRUPT, "...", ...);". */
enum status errmsg_set(struct errmsg *e, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum status errmsg_vset(struct errmsg *e, enum status st, const char *fmt,
			va_list ap) __attribute__((format(printf, 3, 0)));

/* Prepend context ("reading X: ") to an existing message. */
void errmsg_prefix(struct errmsg *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

const char *status_name(enum status st);

#endif /* TC_STATUS_H */
