/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * snapbuild.h - builds synthetic snapshots for the tests and the fuzz corpus,
 * the way triage_capture.ko lays them out.
 */
#ifndef SNAPBUILD_H
#define SNAPBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "triage_format.h"

struct snapbuild {
	uint8_t *buf;		/* region_size bytes */
	size_t region_size;
	size_t used;		/* header + records so far */
	uint32_t nr_records;
};

void sb_init(struct snapbuild *b, size_t region_size, uint64_t phys);
void sb_free(struct snapbuild *b);
struct triage_header *sb_hdr(struct snapbuild *b);

/* Append a record; returns a pointer to its payload in the buffer. */
void *sb_record(struct snapbuild *b, uint16_t type, uint16_t flags,
		const void *payload, uint32_t size);

void sb_system(struct snapbuild *b, const char *release, const char *machine,
	       uint64_t taint);
void sb_crash(struct snapbuild *b, uint32_t reason, int cpu, int pid,
	      const char *comm, const char *message, const char *die_str,
	      int trapnr);
/* Frames are "sym" strings; addresses are made up. */
void sb_backtrace(struct snapbuild *b, uint32_t source, int pid, int cpu,
		  const char *const *syms, unsigned int n);
void sb_module(struct snapbuild *b, const char *name, uint64_t base,
	       uint32_t size, uint32_t flags);
void sb_log(struct snapbuild *b, const char *text);
void sb_note(struct snapbuild *b, uint32_t kind, const char *text);

/* A task record: @t's head (nr_frames is set here), then @n frames made of
 * @syms.  @cut > 0 writes only the first @cut bytes of the payload;
 * @rec_flags are the record's TRIAGE_REC_F_* flags. */
void sb_task_ex(struct snapbuild *b, const struct triage_rec_task *t,
		const char *const *syms, unsigned int n, uint32_t cut,
		uint16_t rec_flags);
void sb_task(struct snapbuild *b, const struct triage_rec_task *t,
	     const char *const *syms, unsigned int n);
/* A task head: D state when @flags has TRIAGE_TASK_F_UNINTERRUPTIBLE;
 * its task_struct address is sb_task_addr(@pid); it waits on nothing. */
struct triage_rec_task sb_task_head(int pid, const char *comm,
				    uint32_t flags, double blocked_s);
uint64_t sb_task_addr(int pid);
/* Make @t wait on a lock of @type at @addr (symbol @sym or NULL) owned by
 * @owner_pid (-1: none; its task_struct is sb_task_addr(owner_pid)). */
void sb_task_wait(struct triage_rec_task *t, uint32_t type, uint64_t addr,
		  const char *sym, int owner_pid, uint32_t flags);
void sb_tasks(struct snapbuild *b, uint32_t threads, uint32_t running,
	      uint32_t d, uint32_t recorded, uint32_t flags);
/* Sysctls: the hung-task pair; the others are 0 unless set afterwards. */
struct triage_rec_sysctl sb_sysctl_defaults(long long hung_timeout,
					    int hung_panic);
void sb_sysctl(struct snapbuild *b, const struct triage_rec_sysctl *y);

/* A CPU record: @cpu_flags, its task (@pid, @comm; pid < 0: none), the
 * interrupted @preempt_count, x86 registers with ip = frame 0's address
 * when @n > 0, and @n frames of @syms (source TRIAGE_BT_NMI when
 * TRIAGE_CPU_F_RESPONDED).  @cut > 0 writes only that many bytes. */
void sb_cpu_ex(struct snapbuild *b, int cpu, uint32_t cpu_flags, int pid,
	       const char *comm, uint32_t preempt_count,
	       const char *const *syms, unsigned int n, uint32_t cut);
void sb_cpu(struct snapbuild *b, int cpu, uint32_t cpu_flags, int pid,
	    const char *comm, uint32_t preempt_count,
	    const char *const *syms, unsigned int n);
/* The watchdog's lockup record (@lock_sym NULL: no lock found). */
void sb_lockup(struct snapbuild *b, int cpu, int detected_by,
	       uint64_t stuck_ms, uint64_t threshold_ms, uint64_t lock_addr,
	       const char *lock_sym);
/* A memory record from @m (sizes given), cut to @cut bytes when > 0. */
void sb_memory(struct snapbuild *b, const struct triage_rec_memory *m,
	       uint32_t cut);
void sb_oom(struct snapbuild *b, int pid, const char *comm, uint32_t gfp,
	    int order, uint32_t cut);
/* Set kernel_flags of the system record already written (0 if none). */
void sb_kernel_flags(struct snapbuild *b, uint32_t kf);

/* Fill in sizes and both CRCs, then set @state (COMMITTED normally). */
void sb_commit(struct snapbuild *b, uint32_t state);
/* Recompute the header CRC only (after editing header fields). */
void sb_rehash_header(struct snapbuild *b);
/* The payload of the first record of @type, or NULL (to edit a fixture;
 * recommit afterwards). */
void *sb_find(struct snapbuild *b, uint16_t type);
/* Keep only the first @keep records (what a capture cut short had written). */
void sb_keep_records(struct snapbuild *b, uint32_t keep);
/*
 * Leave the snapshot torn, as a 1.4 module does (see triage_format.h):
 * data_size, record_count and data_crc describe the records written, @section
 * is in progress, @flags are added; @state TRIAGE_STATE_TORN gets a header
 * CRC taken as if the state were TORN, TRIAGE_STATE_WRITING none (0).
 */
void sb_tear(struct snapbuild *b, uint32_t state, uint32_t section,
	     uint32_t flags);

/* Header + data bytes, what a reader would read. */
size_t sb_len(const struct snapbuild *b);

#endif /* SNAPBUILD_H */
