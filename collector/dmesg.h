/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * dmesg.h - the crashed kernel's log, extracted from a vmcore by Debian's
 * makedumpfile --dump-dmesg run as a subprocess.
 */
#ifndef TC_DMESG_H
#define TC_DMESG_H

#include "status.h"

#define DMESG_TIMEOUT_S		30
#define DMESG_MAX_BYTES		(16u << 20)

/* Returns the log text (malloc'd, printable ASCII and newlines) in @text. */
enum status dmesg_read(const char *vmcore, char **text, struct errmsg *err);

#endif /* TC_DMESG_H */
