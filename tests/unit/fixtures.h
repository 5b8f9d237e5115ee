/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * fixtures.h - synthetic snapshots of typical crashes, shaped like what
 * triage_capture.ko writes for them, and logs as the kernel prints them.
 */
#ifndef FIXTURES_H
#define FIXTURES_H

#include <stdbool.h>

#include "judge.h"
#include "snapbuild.h"

/* Does any line of @v's evidence contain @needle? */
bool fx_evidence_has(const struct verdict *v, const char *needle);

#define FX_PHYS		0x7f000000ull
#define FX_REGION	(1u << 20)

/* Each starts a fresh builder and leaves it committed. */
void fx_panic(struct snapbuild *b);
void fx_sysrq(struct snapbuild *b, int via_proc);
void fx_oops_null(struct snapbuild *b);
void fx_bug(struct snapbuild *b);
void fx_gpf(struct snapbuild *b);
void fx_warn(struct snapbuild *b);

/* Seed 000: bash (pid 212) holds its mmap_lock for write and locks
 * magic_mutex [smajdalf] twice; systemd (1) and systemd-tmpfile (4589) block
 * on the mmap_lock; khungtaskd (47) panics (hung_task_panic=1). */
void fx_hung_self(struct snapbuild *b);
/* Seed 003: vda1 (ext4) frozen (SB_FREEZE_COMPLETE); dd (7224) and cp
 * (7230) block in sb_start_write; hung_task_panic=1, timeout 10 s. */
void fx_hung_frozen(struct snapbuild *b);
/* ABBA: kworker/u4:2 (301) holds lock_a, waits for lock_b; kworker/u4:3
 * (302) holds lock_b, waits for lock_a; sh (400) waits for lock_a. */
void fx_hung_abba(struct snapbuild *b);
/* The seed 000 log, as khungtaskd printed it (for degraded verdicts). */
extern const char fx_log_hung[];
/* v6.15+ hung-task reports with the kernel's blocker lines (a chain) */
extern const char fx_log_hung_blocker[];

/* A dump log of an x86 boot that panicked in mount_block_root. */
extern const char fx_log_vfs_panic[];
/* An arm64 NULL dereference with kdump loaded: no panic line at all. */
extern const char fx_log_arm64_null[];
/* The seed 002 sysrq crash as makedumpfile --dump-dmesg prints it. */
extern const char fx_log_sysrq[];

/* Seed 001: stress (2359) OOM with panic_on_oom=1, seed figures. */
void fx_oom(struct snapbuild *b);
/* Seed 004/5 on x86: triage's watchdog on CPU 0 finds CPU 1 stuck 2002 ms
 * spinning on hang_lock [hangme] (IRQs off when @irqs_off). */
void fx_lockup_watchdog(struct snapbuild *b, int irqs_off);
/* Seed 004/4: softlockup_panic on CPU 1, hangme_spin (123) spinning
 * twice on its own lock. */
void fx_soft_lockup(struct snapbuild *b);
extern const char fx_log_soft_lockup[];
/* SPEC 5: init (1) on CPU 0 reported by the soft-lockup detector while it
 * waits in smp_call_function_many_cond; CPU 1 has @stuck_flags. */
void fx_soft_victim(struct snapbuild *b, int stuck_flags);
/* Seed 004/3: insmod (311) slept with preempt count 2; the log has
 * "Preemption disabled at:" when @debug_preempt. */
void fx_atomic_sleep(struct snapbuild *b, int debug_preempt,
		     int preempt_count);

#endif /* FIXTURES_H */
