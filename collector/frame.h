/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * frame.h - one frame of a backtrace, as the judge, the report parser and
 * the renderer hold it: the symbol as printed and its function and module.
 * (The snapshot decoder keeps the module's raw records, struct snap_frame:
 * an address and a symbol; frame_set() turns one into this.)
 */
#ifndef TC_FRAME_H
#define TC_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#define FRAME_SYM_LEN	160	/* "func+0x1/0x2 [mod]" */
#define FRAME_FUNC_LEN	128
#define FRAME_MOD_LEN	64

struct frame {
	char sym[FRAME_SYM_LEN];	/* as printed, address and '?' cut;
					 * "0x..." for an address with no
					 * symbol */
	char func[FRAME_FUNC_LEN];
	char mod[FRAME_MOD_LEN];	/* "" for vmlinux */
	bool unreliable;		/* printed with '?': a stale return
					 * address the unwinder did not vouch
					 * for */
};

/* @f from symbol @sym ("func+0x1/0x2 [mod]"): func and mod split from it. */
void frame_set(struct frame *f, const char *sym, bool unreliable);

#endif /* TC_FRAME_H */
