// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * frame.c - one frame of a backtrace (frame.h).
 */
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "kfunc.h"

void frame_set(struct frame *f, const char *sym, bool unreliable)
{
	snprintf(f->sym, sizeof(f->sym), "%s", sym ? sym : "");
	sym_split(f->sym, f->func, sizeof(f->func), f->mod, sizeof(f->mod));
	f->unreliable = unreliable;
}
