/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * snapinfo.h - readings of decoded snapshot records that the judge and the
 * renderer share.
 */
#ifndef TC_SNAPINFO_H
#define TC_SNAPINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "frame.h"

/* Is "func"/"mod" a frame above the code a CPU ran (an NMI, interrupt,
 * watchdog, panic or spinlock frame, a probe's)? */
bool cpu_frame_noise(const char *func, const char *mod);

/* The first meaningful frame of a CPU record's backtrace (not an NMI,
 * interrupt, watchdog or spinlock primitive frame): "func"/"mod", false
 * when there is none. */
bool cpu_function(const struct snap_cpu *c, char *func, size_t func_size,
		  char *mod, size_t mod_size);
/* TRIAGE_CPU_F_* -> names ("responded", "irqs_off", ...), one at a time:
 * the name of bit @bit, or NULL. */
const char *cpu_flag_name(uint32_t bit);

/* Taint mask -> "POE" (letters of the set bits, as the kernel prints them). */
void taint_string(uint64_t taint, char *buf, size_t size);

/* A backtrace's raw records (@n of them) into at most @max frames: the
 * symbol, or "0x%016x" of an address with none.  Returns how many. */
size_t frames_from_snap(struct frame *out, size_t max,
			const struct snap_frame *in, size_t n);

#endif /* TC_SNAPINFO_H */
