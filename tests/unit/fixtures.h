/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * fixtures.h - synthetic snapshots of typical crashes, shaped like what
 * triage_capture.ko writes for them, and logs as the kernel prints them.
 */
#ifndef FIXTURES_H
#define FIXTURES_H

#include "snapbuild.h"

#define FX_PHYS		0x7f000000ull
#define FX_REGION	(1u << 20)

/* Each starts a fresh builder and leaves it committed. */
void fx_panic(struct snapbuild *b);
void fx_sysrq(struct snapbuild *b, int via_proc);
void fx_oops_null(struct snapbuild *b);
void fx_bug(struct snapbuild *b);
void fx_gpf(struct snapbuild *b);
void fx_warn(struct snapbuild *b);

/* A dump log of an x86 boot that panicked in mount_block_root. */
extern const char fx_log_vfs_panic[];
/* An arm64 NULL dereference with kdump loaded: no panic line at all. */
extern const char fx_log_arm64_null[];
/* The seed 002 sysrq crash as makedumpfile --dump-dmesg prints it. */
extern const char fx_log_sysrq[];

#endif /* FIXTURES_H */
