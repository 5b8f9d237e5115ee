/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * output.h - writes report files root-only and atomically.
 */
#ifndef TC_OUTPUT_H
#define TC_OUTPUT_H

#include <stddef.h>
#include <time.h>

#include "status.h"

/* Create @dir and any missing parents, mode 0700. */
enum status output_mkdirs(const char *dir, struct errmsg *err);

/* Write @dir/@name (mode 0600) through a temporary file in @dir that is
 * fsync'ed and renamed over it; on failure nothing is left behind. */
enum status output_write(const char *dir, const char *name, const char *data,
			 size_t len, struct errmsg *err);

/* "YYYYMMDDHHMM" of @t in local time, as kdump-tools names its dirs. */
void output_stamp(char *buf, size_t size, time_t t);

#endif /* TC_OUTPUT_H */
