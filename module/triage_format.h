/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * triage_format.h - the snapshot format, shared by triage_capture.ko (writer)
 * and triage-collect (reader).  This is the ONE definition of the format.
 *
 * Layout of the region (all integers little-endian, as on x86_64 and arm64):
 *
 *   +----------------------+  offset 0
 *   | struct triage_header |  header_size bytes
 *   +----------------------+  offset header_size
 *   | record 0             |  struct triage_record + payload, padded to 8
 *   | record 1             |
 *   | ...                  |  data_size bytes in all
 *   +----------------------+
 *   | unused               |  up to region_size
 *   +----------------------+
 *
 * Commit protocol: the writer sets @state to TRIAGE_STATE_WRITING, writes the
 * records, fills in the header fields and both CRCs (header_crc is computed as
 * if @state were TRIAGE_STATE_COMMITTED), issues a write barrier and only then
 * stores TRIAGE_STATE_COMMITTED.  A reader that sees any other state, or a CRC
 * that does not match, has a torn or corrupt snapshot.
 *
 * Torn snapshots (1.4): while @state is TRIAGE_STATE_WRITING, @data_size,
 * @record_count and @data_crc always describe the records finished so far
 * (each record is written, then a write barrier, then these three), and
 * @section names the part of the capture in progress.  A capture cut short
 * (its CPU stopped by another CPU's kexec, a reset) leaves such a header: its
 * finished records are readable, its header_crc is not valid.  A capture that
 * faulted is sealed by the module's die notifier with TRIAGE_HDR_F_TORN |
 * TRIAGE_HDR_F_FAULT, header_crc computed as if @state were
 * TRIAGE_STATE_TORN, then @state = TRIAGE_STATE_TORN.  Readers recover the
 * records of both and say where the capture stopped.
 *
 * Compatibility: a reader accepts any snapshot whose @version_major it knows;
 * minor versions only add record types or append fields at the end of a
 * payload.  Readers skip record types they do not know, and read a payload
 * shorter than the struct they expect as zero-filled.
 */
#ifndef TRIAGE_FORMAT_H
#define TRIAGE_FORMAT_H

#include <linux/types.h>

/* "TRIAGE\x01\xa5" read as a little-endian u64 */
#define TRIAGE_MAGIC		0xa501454741495254ULL
#define TRIAGE_VERSION_MAJOR	1
#define TRIAGE_VERSION_MINOR	6

/* Values of triage_header.state: unlikely bit patterns on purpose. */
#define TRIAGE_STATE_ARMED	0x41524d44u	/* "DMRA": loaded, nothing captured */
#define TRIAGE_STATE_WRITING	0x57524954u	/* "TIRW": capture in progress */
#define TRIAGE_STATE_COMMITTED	0x434f4d54u	/* "TMOC": snapshot complete */
#define TRIAGE_STATE_RETIRED	0x52455449u	/* "ITER": module unloaded */
#define TRIAGE_STATE_TORN	0x4e524f54u	/* "TORN": sealed after a fault (1.4) */

/* Values of triage_header.arch */
#define TRIAGE_ARCH_X86_64	1
#define TRIAGE_ARCH_ARM64	2

/* Values of triage_header.hook: which hook took the snapshot. */
#define TRIAGE_HOOK_NONE	0
#define TRIAGE_HOOK_CRASH_KEXEC	1	/* kprobe on __crash_kexec() */
#define TRIAGE_HOOK_PANIC	2	/* panic notifier */
#define TRIAGE_HOOK_DIE		3	/* die notifier (oops) */
#define TRIAGE_HOOK_OOM		4	/* OOM notifier */
#define TRIAGE_HOOK_NMI		5	/* NMI handler (hard lockup) */
#define TRIAGE_HOOK_WATCHDOG	6	/* the module's own watchdog */
#define TRIAGE_HOOK_MANUAL	7	/* test/debug trigger */

/* Bits of triage_header.flags */
#define TRIAGE_HDR_F_TRUNCATED	(1u << 0)	/* a record was cut short */
#define TRIAGE_HDR_F_FULL	(1u << 1)	/* records were dropped: region full */
#define TRIAGE_HDR_F_BUDGET	(1u << 2)	/* the time budget ran out */
#define TRIAGE_HDR_F_NESTED	(1u << 3)	/* a second crash hit during capture */
#define TRIAGE_HDR_F_TORN	(1u << 4)	/* the capture did not finish (1.4) */
#define TRIAGE_HDR_F_FAULT	(1u << 5)	/* it faulted: see the last note (1.4) */

/*
 * Values of triage_header.section (1.4): the part of the capture in progress,
 * in the order they are written.  A committed snapshot says TRIAGE_SECT_DONE.
 */
#define TRIAGE_SECT_NONE	0
#define TRIAGE_SECT_SAMPLE	1	/* the NMI round to the other CPUs */
#define TRIAGE_SECT_CRASH	2	/* crash record and its backtrace */
#define TRIAGE_SECT_LOCKUP	3	/* the stuck CPU and its lock */
#define TRIAGE_SECT_CPUS	4	/* one record per CPU */
#define TRIAGE_SECT_SYSTEM	5	/* system and sysctl records */
#define TRIAGE_SECT_LOG		6	/* the log tail */
#define TRIAGE_SECT_MEMORY	7	/* memory and OOM records */
#define TRIAGE_SECT_MODULES	8	/* the suspect modules */
#define TRIAGE_SECT_WALK	9	/* the walk over every thread */
#define TRIAGE_SECT_OWNERS	10	/* lock owners and their chains */
#define TRIAGE_SECT_TASKS	11	/* the other blocked tasks */
#define TRIAGE_SECT_DONE	12	/* all written, being committed */
#define TRIAGE_SECT_COUNT	13

/* Their names, for messages and the reader: an array initializer. */
#define TRIAGE_SECT_NAMES {						\
	[TRIAGE_SECT_NONE] = "none", [TRIAGE_SECT_SAMPLE] = "sample",	\
	[TRIAGE_SECT_CRASH] = "crash", [TRIAGE_SECT_LOCKUP] = "lockup",	\
	[TRIAGE_SECT_CPUS] = "cpus", [TRIAGE_SECT_SYSTEM] = "system",	\
	[TRIAGE_SECT_LOG] = "log", [TRIAGE_SECT_MEMORY] = "memory",	\
	[TRIAGE_SECT_MODULES] = "modules", [TRIAGE_SECT_WALK] = "walk",	\
	[TRIAGE_SECT_OWNERS] = "owners", [TRIAGE_SECT_TASKS] = "tasks",	\
	[TRIAGE_SECT_DONE] = "done",					\
}

/**
 * struct triage_header - the fixed header at the start of the region
 * @magic: TRIAGE_MAGIC
 * @version_major: incompatible format revision (TRIAGE_VERSION_MAJOR)
 * @version_minor: compatible additions (TRIAGE_VERSION_MINOR)
 * @header_size: sizeof(struct triage_header) of the writer; records start here
 * @region_size: bytes of the whole region, header included
 * @region_phys: physical address the writer put the region at (a reader
 *	that found it elsewhere knows it is looking at a stale copy)
 * @data_size: bytes of records after the header
 * @record_count: number of records
 * @data_crc: CRC-32 (IEEE 802.3, as zlib's crc32()) of the @data_size bytes
 * @flags: TRIAGE_HDR_F_* bits
 * @arch: TRIAGE_ARCH_*
 * @hook: TRIAGE_HOOK_* that took the snapshot
 * @cpu: CPU the hook ran on
 * @section: TRIAGE_SECT_* in progress (1.4; zero before)
 * @load_ns: CLOCK_BOOTTIME (ns) at module load
 * @capture_start_ns: CLOCK_MONOTONIC (ns) at hook entry
 * @capture_ns: duration hook entry -> commit, in ns, measured by the module
 * @sequence: captures taken since load (1 for the first)
 * @state: TRIAGE_STATE_*; written last
 * @header_crc: CRC-32 of this header with @header_crc = 0 and
 *	@state = TRIAGE_STATE_COMMITTED (TRIAGE_STATE_TORN for a torn one)
 */
struct triage_header {
	__u64 magic;
	__u16 version_major;
	__u16 version_minor;
	__u32 header_size;
	__u64 region_size;
	__u64 region_phys;
	__u32 data_size;
	__u32 record_count;
	__u32 data_crc;
	__u32 flags;
	__u32 arch;
	__u32 hook;
	__s32 cpu;
	__u32 section;
	__u64 load_ns;
	__u64 capture_start_ns;
	__u64 capture_ns;
	__u64 sequence;
	__u32 state;
	__u32 header_crc;
};

/* Record types.  Numbers are never reused; readers skip unknown ones. */
#define TRIAGE_REC_SYSTEM	1	/* struct triage_rec_system */
#define TRIAGE_REC_CRASH	2	/* struct triage_rec_crash */
#define TRIAGE_REC_BACKTRACE	3	/* struct triage_rec_backtrace + frames */
#define TRIAGE_REC_MODULES	4	/* struct triage_rec_modules + entries */
#define TRIAGE_REC_LOG		5	/* struct triage_rec_log + text */
#define TRIAGE_REC_NOTE		6	/* struct triage_rec_note + text */
#define TRIAGE_REC_TASK		7	/* struct triage_rec_task + frames */
#define TRIAGE_REC_TASKS	8	/* struct triage_rec_tasks: the task walk */
#define TRIAGE_REC_SYSCTL	9	/* struct triage_rec_sysctl */
#define TRIAGE_REC_CPU		10	/* struct triage_rec_cpu + frames */
#define TRIAGE_REC_LOCKUP	11	/* struct triage_rec_lockup */
#define TRIAGE_REC_MEMORY	12	/* struct triage_rec_memory */
#define TRIAGE_REC_OOM		13	/* struct triage_rec_oom */

/* Bits of triage_record.flags */
#define TRIAGE_REC_F_TRUNCATED	(1u << 0)	/* payload was cut to fit */
#define TRIAGE_REC_F_HEURISTIC	(1u << 1)	/* contents found by heuristic */

#define TRIAGE_RECORD_ALIGN	8

/**
 * struct triage_record - header of one typed record
 * @type: TRIAGE_REC_*
 * @flags: TRIAGE_REC_F_* bits
 * @size: payload bytes following this header (not counting padding); the
 *	next record starts at the next multiple of TRIAGE_RECORD_ALIGN
 */
struct triage_record {
	__u16 type;
	__u16 flags;
	__u32 size;
};

#define TRIAGE_COMM_LEN		16
#define TRIAGE_UTS_LEN		65
#define TRIAGE_BOOT_ID_LEN	37
#define TRIAGE_SYM_LEN		120
#define TRIAGE_MSG_LEN		256
#define TRIAGE_DIE_STR_LEN	64
#define TRIAGE_MODNAME_LEN	56
#define TRIAGE_MAX_REGS		34

/**
 * struct triage_rec_system - the machine and kernel
 * @release: utsname release, e.g. "6.1.0-56-amd64"
 * @version: utsname version ("#1 SMP PREEMPT_DYNAMIC Debian ...")
 * @machine: utsname machine ("x86_64", "aarch64")
 * @nodename: host name
 * @boot_id: /proc/sys/kernel/random/boot_id as read at module load
 * @pad: zero
 * @uptime_ns: CLOCK_BOOTTIME at capture
 * @realtime_s: CLOCK_REALTIME seconds at capture (0 if unknown)
 * @taint: taint mask, bit n = TAINT n of include/linux/panic.h
 * @page_size: PAGE_SIZE
 * @nr_cpus_online: CPUs online at capture
 * @nr_cpus_possible: nr_cpu_ids
 * @kernel_flags: TRIAGE_KF_* bits (what the kernel was built/booted with)
 */
struct triage_rec_system {
	char release[TRIAGE_UTS_LEN];
	char version[TRIAGE_UTS_LEN];
	char machine[TRIAGE_UTS_LEN];
	char nodename[TRIAGE_UTS_LEN];
	char boot_id[TRIAGE_BOOT_ID_LEN];
	char pad[7];
	__u64 uptime_ns;
	__u64 realtime_s;
	__u64 taint;
	__u32 page_size;
	__u32 nr_cpus_online;
	__u32 nr_cpus_possible;
	__u32 kernel_flags;
};

/* Bits of triage_rec_system.kernel_flags */
#define TRIAGE_KF_POST_NOTIFIERS (1u << 0)	/* crash_kexec_post_notifiers */
#define TRIAGE_KF_PANIC_ON_OOPS	(1u << 1)
#define TRIAGE_KF_KDUMP_LOADED	(1u << 2)	/* a crash kernel is loaded */
#define TRIAGE_KF_PREEMPT_COUNT	(1u << 3)	/* CONFIG_PREEMPT_COUNT */
#define TRIAGE_KF_PREEMPT_RT	(1u << 4)	/* CONFIG_PREEMPT_RT */

/* Values of triage_rec_crash.reason: what the hook saw. */
#define TRIAGE_REASON_UNKNOWN	0
#define TRIAGE_REASON_PANIC	1	/* panic() */
#define TRIAGE_REASON_DIE	2	/* oops/die, then panic or crash_kexec */
#define TRIAGE_REASON_OOM	3
#define TRIAGE_REASON_LOCKUP	4	/* the module's own lockup detection */

/* Bits of triage_rec_crash.crash_flags */
#define TRIAGE_CF_REGS		(1u << 0)	/* @regs holds a register set */
#define TRIAGE_CF_REGS_EXACT	(1u << 1)	/* ... of the crash point itself */
#define TRIAGE_CF_FAULT_ADDR	(1u << 2)	/* @fault_addr is valid */
#define TRIAGE_CF_ESR		(1u << 3)	/* @esr is valid (arm64) */
#define TRIAGE_CF_IRQS_OFF	(1u << 4)	/* IRQs were disabled at the crash */
#define TRIAGE_CF_IN_USER	(1u << 5)	/* @regs are of user mode */

/**
 * struct triage_rec_crash - what crashed, where, and why
 * @reason: TRIAGE_REASON_*
 * @crash_flags: TRIAGE_CF_* bits
 * @cpu: CPU that crashed
 * @pid: pid of the task that crashed (0 for the idle task)
 * @tgid: its thread-group id
 * @preempt_count: preempt_count() at the hook
 * @comm: its comm
 * @trapnr: trap number from the die notifier (x86 vector; -1 if none)
 * @reserved1: zero
 * @die_err: error code from the die notifier (x86 error code, arm64 ESR)
 * @fault_addr: faulting address of a kernel page fault, as the fault
 *	handler printed it (CR2 and FAR_EL1 are overwritten by the time the die
 *	notifier runs)
 * @esr: arm64 ESR_ELx of the fault
 * @nr_regs: valid entries of @regs
 * @regs_arch: TRIAGE_ARCH_* of @regs
 * @regs: registers in the arch's struct pt_regs order (x86_64: r15 r14 r13
 *	r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss;
 *	arm64: x0..x30 sp pc pstate)
 * @die_str: die notifier string ("Oops", "general protection fault", ...)
 * @message: panic message, without "Kernel panic - not syncing: "
 */
struct triage_rec_crash {
	__u32 reason;
	__u32 crash_flags;
	__s32 cpu;
	__s32 pid;
	__s32 tgid;
	__u32 preempt_count;
	char comm[TRIAGE_COMM_LEN];
	__s32 trapnr;
	__u32 reserved1;
	__u64 die_err;
	__u64 fault_addr;
	__u64 esr;
	__u32 nr_regs;
	__u32 regs_arch;
	__u64 regs[TRIAGE_MAX_REGS];
	char die_str[TRIAGE_DIE_STR_LEN];
	char message[TRIAGE_MSG_LEN];
};

/* Values of triage_rec_backtrace.source */
#define TRIAGE_BT_CURRENT	1	/* unwound from the hook itself */
#define TRIAGE_BT_REGS		2	/* unwound from the crash registers */
#define TRIAGE_BT_NMI		3	/* unwound on that CPU in NMI */
#define TRIAGE_BT_STACK_SCAN	4	/* text addresses found on the stack */
#define TRIAGE_BT_SLEEPING	5	/* unwound from a sleeping task's frame */

/**
 * struct triage_frame - one symbolized return address
 * @addr: the address
 * @sym: "function+0xoff/0xsize [module]" as sprint_symbol() made it at
 *	capture time, NUL-terminated ("" when no symbol was found)
 */
struct triage_frame {
	__u64 addr;
	char sym[TRIAGE_SYM_LEN];
};

/**
 * struct triage_rec_backtrace - a backtrace; struct triage_frame entries follow
 * @pid: task the trace is of (-1: the CPU's current context)
 * @cpu: CPU it ran on (-1 if not running)
 * @source: TRIAGE_BT_*
 * @nr_frames: entries that follow
 * @skipped: frames dropped from the top (the hook's own frames)
 * @reserved: zero
 */
struct triage_rec_backtrace {
	__s32 pid;
	__s32 cpu;
	__u32 source;
	__u32 nr_frames;
	__u32 skipped;
	__u32 reserved;
	/* struct triage_frame frames[nr_frames]; */
};

/* Bits of triage_module.flags */
#define TRIAGE_MOD_OOT		(1u << 0)	/* out-of-tree (TAINT_OOT_MODULE) */
#define TRIAGE_MOD_UNSIGNED	(1u << 1)	/* TAINT_UNSIGNED_MODULE */
#define TRIAGE_MOD_PROPRIETARY	(1u << 2)	/* TAINT_PROPRIETARY_MODULE */
#define TRIAGE_MOD_LIVE		(1u << 3)	/* MODULE_STATE_LIVE */
#define TRIAGE_MOD_SELF		(1u << 4)	/* triage_capture itself */

/**
 * struct triage_module - one loaded module
 * @name: module name
 * @text_base: start of its core text
 * @text_size: bytes of core text
 * @flags: TRIAGE_MOD_* bits
 * @taints: the module's own taint mask (bit n = TAINT n)
 */
struct triage_module {
	char name[TRIAGE_MODNAME_LEN];
	__u64 text_base;
	__u32 text_size;
	__u32 flags;
	__u64 taints;
};

/**
 * struct triage_rec_modules - suspect modules; struct triage_module entries follow
 * @nr_loaded: modules loaded in all
 * @nr_entries: entries that follow (out-of-tree, unsigned or proprietary
 *	modules, and triage_capture itself)
 */
struct triage_rec_modules {
	__u32 nr_loaded;
	__u32 nr_entries;
	/* struct triage_module entries[nr_entries]; */
};

/**
 * struct triage_rec_log - the tail of the kernel log; text follows
 * @len: bytes of text that follow (no NUL; lines end in '\n')
 * @dropped: older log records left out (they did not fit)
 */
struct triage_rec_log {
	__u32 len;
	__u32 dropped;
	/* char text[len]; */
};

/* Values of triage_rec_note.kind */
#define TRIAGE_NOTE_INFO	0
#define TRIAGE_NOTE_SKIPPED	1	/* something was skipped; text says why */
#define TRIAGE_NOTE_TRUNCATED	2	/* something was cut; text says what */

/**
 * struct triage_rec_note - a line about the capture itself; text follows
 * @kind: TRIAGE_NOTE_*
 * @len: bytes of text that follow (no NUL)
 */
struct triage_rec_note {
	__u32 kind;
	__u32 len;
	/* char text[len]; */
};

/* Values of triage_lock_ref.type: what a task waits on. */
#define TRIAGE_LOCK_NONE	0	/* not waiting on anything found */
#define TRIAGE_LOCK_MUTEX	1	/* struct mutex */
#define TRIAGE_LOCK_RWSEM	2	/* struct rw_semaphore */
#define TRIAGE_LOCK_SEMAPHORE	3	/* struct semaphore (no owner) */
#define TRIAGE_LOCK_PERCPU_RWSEM 4	/* struct percpu_rw_semaphore */
#define TRIAGE_LOCK_RT_MUTEX	5	/* struct rt_mutex */
#define TRIAGE_LOCK_COMPLETION	6	/* struct completion (no owner) */
#define TRIAGE_LOCK_WAITQUEUE	7	/* a wait queue (no owner) */
/* spinning on a (raw) spinlock; on PREEMPT_RT asleep on a spinlock_t */
#define TRIAGE_LOCK_SPINLOCK	8
#define TRIAGE_LOCK_RWLOCK	9	/* PREEMPT_RT rwlock_t (1.5) */

/* Bits of triage_lock_ref.flags */
#define TRIAGE_LOCK_F_HEURISTIC	(1u << 0)	/* found by scanning the stack */
#define TRIAGE_LOCK_F_BLOCKER	(1u << 1)	/* from task->blocker (v6.15+) */
#define TRIAGE_LOCK_F_WRITE	(1u << 2)	/* the waiter wants it for write */
#define TRIAGE_LOCK_F_READ	(1u << 3)	/* the waiter wants it for read */
/* rwsem held by readers: @owner is only a hint, the last reader to take it */
#define TRIAGE_LOCK_F_READER_OWNED (1u << 4)
#define TRIAGE_LOCK_F_WRITER_OWNED (1u << 5)	/* held for write by @owner */
#define TRIAGE_LOCK_F_NO_OWNER	(1u << 6)	/* this kind of wait has no owner */
/*
 * @owner names no live task (exited, freed), or a task started after the
 * waiter last ran (its task_struct reused since): @owner_pid is -1 (1.4)
 */
#define TRIAGE_LOCK_F_OWNER_GONE (1u << 7)
/*
 * found through task->pi_blocked_on: the rt_mutex the task sleeps on and its
 * owner are exact, not a guess (1.5)
 */
#define TRIAGE_LOCK_F_RT_WAITER (1u << 8)
/*
 * a PREEMPT_RT lock built on an rt_mutex; a reader-owned rw_semaphore then
 * records no reader, not even a hint, and @raw is its count of readers (1.5)
 */
#define TRIAGE_LOCK_F_RT_BASED	(1u << 9)

/* Values of triage_lock_ref.container: the object the lock is part of. */
#define TRIAGE_CONT_NONE	0	/* static (see @symbol) or unknown */
#define TRIAGE_CONT_MM		1	/* mm_struct.mmap_lock */
#define TRIAGE_CONT_SB_WRITERS	2	/* super_block.s_writers.rw_sem[level] */
#define TRIAGE_CONT_INODE	3	/* inode.i_rwsem */

/**
 * struct triage_lock_ref - a lock (or wait object) and who holds it
 * @type: TRIAGE_LOCK_*
 * @flags: TRIAGE_LOCK_F_*
 * @addr: address of the lock
 * @owner: task_struct address of its owner (0: none or unknown)
 * @owner_pid: pid of the owner (-1: none or unknown)
 * @container: TRIAGE_CONT_*
 * @container_addr: address of the containing object
 * @container_pid: TRIAGE_CONT_MM: pid of the mm's owner task (-1 unknown)
 * @sb_frozen: TRIAGE_CONT_SB_WRITERS: super_block.s_writers.frozen
 *	(SB_FREEZE_COMPLETE is 4)
 * @level: TRIAGE_CONT_SB_WRITERS: which rw_sem (1 = SB_FREEZE_WRITE,
 *	2 = SB_FREEZE_PAGEFAULT, 3 = SB_FREEZE_FS)
 * @reserved: zero
 * @raw: the lock word (mutex/rwsem owner word, semaphore count, ...)
 * @symbol: "name+0xoff/0xsize [module]" when @addr is in a static object,
 *	else ""
 * @detail: what the container is, e.g. "vda1 (ext4)" or "mm of pid 1 (systemd)"
 * @wait_fn: for wait queues, the wake function of the waiter ("" otherwise)
 */
struct triage_lock_ref {
	__u32 type;
	__u32 flags;
	__u64 addr;
	__u64 owner;
	__s32 owner_pid;
	__u32 container;
	__u64 container_addr;
	__s32 container_pid;
	__s32 sb_frozen;
	__u32 level;
	__u32 reserved;
	__u64 raw;
	char symbol[TRIAGE_SYM_LEN];
	char detail[TRIAGE_SYM_LEN];
	char wait_fn[TRIAGE_SYM_LEN];
};

/* Bits of triage_rec_task.task_flags */
#define TRIAGE_TASK_F_UNINTERRUPTIBLE (1u << 0)	/* TASK_UNINTERRUPTIBLE (D) */
#define TRIAGE_TASK_F_ON_CPU	(1u << 1)	/* running on @cpu now */
#define TRIAGE_TASK_F_CRASHING	(1u << 2)	/* the task that crashed */
/* captured as the owner of a lock that another captured task waits on */
#define TRIAGE_TASK_F_OWNER	(1u << 3)
#define TRIAGE_TASK_F_KTHREAD	(1u << 4)	/* kernel thread */
#define TRIAGE_TASK_F_IDLE	(1u << 5)	/* TASK_IDLE (D but not counted) */
#define TRIAGE_TASK_F_FROZEN	(1u << 6)	/* frozen by the freezer */
/* PREEMPT_RT: TASK_RTLOCK_WAIT, asleep on a spinlock_t or rwlock_t (1.5) */
#define TRIAGE_TASK_F_RTLOCK	(1u << 7)

/* Values of triage_rec_task.blocked_source */
#define TRIAGE_BLOCKED_UNKNOWN	0
#define TRIAGE_BLOCKED_HUNG_TASK 1	/* jiffies - last_switch_time (khungtaskd) */
#define TRIAGE_BLOCKED_SCHED	2	/* since sched_info.last_arrival */

/**
 * struct triage_rec_task - one task worth naming; struct triage_frame follow
 * @pid: pid
 * @tgid: thread-group id
 * @comm: comm
 * @state: raw __state
 * @task_flags: TRIAGE_TASK_F_*
 * @cpu: task_cpu()
 * @reserved: zero
 * @task: task_struct address (to match @wait.owner of other tasks)
 * @blocked_ns: how long it has not run, as @blocked_source measured it
 * @blocked_source: TRIAGE_BLOCKED_*
 * @nr_frames: frames in the payload (its backtrace, innermost first)
 * @wait: what it waits on (type TRIAGE_LOCK_NONE: nothing was found)
 *
 * The frames are the last @nr_frames * sizeof(struct triage_frame) bytes of
 * the payload, so that later minor versions can grow this head.
 */
struct triage_rec_task {
	__s32 pid;
	__s32 tgid;
	char comm[TRIAGE_COMM_LEN];
	__u32 state;
	__u32 task_flags;
	__s32 cpu;
	__u32 reserved;
	__u64 task;
	__u64 blocked_ns;
	__u32 blocked_source;
	__u32 nr_frames;
	struct triage_lock_ref wait;
	/* struct triage_frame frames[nr_frames]; at the end of the payload */
};

/* Bits of triage_rec_tasks.walk_flags */
#define TRIAGE_WALK_F_CUT	(1u << 0)	/* the walk stopped early (bound) */
#define TRIAGE_WALK_F_BUDGET	(1u << 1)	/* the time budget ran out */
#define TRIAGE_WALK_F_CORRUPT	(1u << 2)	/* the task list was unreadable */
#define TRIAGE_WALK_F_FULL	(1u << 3)	/* tasks found but not recorded */
/* more D-state tasks than the bulk cap: @nr_left_out were not recorded (1.4) */
#define TRIAGE_WALK_F_CAPPED	(1u << 4)

/**
 * struct triage_rec_tasks - the walk over every thread
 * @nr_threads: threads walked
 * @nr_running: of them TASK_RUNNING
 * @nr_uninterruptible: of them in D state (not TASK_IDLE)
 * @nr_recorded: TRIAGE_REC_TASK records written
 * @walk_flags: TRIAGE_WALK_F_*
 * @nr_left_out: D-state tasks found but not recorded (cap, region, budget;
 *	1.4, zero before)
 * @walk_ns: time the walk and the task records took
 */
struct triage_rec_tasks {
	__u32 nr_threads;
	__u32 nr_running;
	__u32 nr_uninterruptible;
	__u32 nr_recorded;
	__u32 walk_flags;
	__u32 nr_left_out;
	__u64 walk_ns;
};

/**
 * struct triage_rec_sysctl - the crash-related settings in force; -1: unknown
 * @hung_task_timeout_secs: kernel.hung_task_timeout_secs
 * @hung_task_panic: kernel.hung_task_panic
 * @softlockup_panic: kernel.softlockup_panic
 * @hardlockup_panic: kernel.hardlockup_panic
 * @panic_on_oops: kernel.panic_on_oops
 * @panic_on_warn: kernel.panic_on_warn
 * @panic_on_oom: vm.panic_on_oom
 * @panic_timeout: kernel.panic
 * @watchdog_thresh: kernel.watchdog_thresh
 * @hung_task_check_count: kernel.hung_task_check_count
 * @reserved: zero
 */
struct triage_rec_sysctl {
	__s64 hung_task_timeout_secs;
	__s32 hung_task_panic;
	__s32 softlockup_panic;
	__s32 hardlockup_panic;
	__s32 panic_on_oops;
	__s32 panic_on_warn;
	__s32 panic_on_oom;
	__s32 panic_timeout;
	__s32 watchdog_thresh;
	__s32 hung_task_check_count;
	__s32 reserved;
};

/* Bits of triage_rec_cpu.cpu_flags */
#define TRIAGE_CPU_F_CAPTURING	(1u << 0)	/* the CPU that took the snapshot */
#define TRIAGE_CPU_F_RESPONDED	(1u << 1)	/* answered the NMI: fields are live */
#define TRIAGE_CPU_F_NO_RESPONSE (1u << 2)	/* asked, never answered */
#define TRIAGE_CPU_F_NOT_ASKED	(1u << 3)	/* no NMI here: fields from afar */
#define TRIAGE_CPU_F_IRQS_OFF	(1u << 4)	/* IRQs were disabled */
#define TRIAGE_CPU_F_USER	(1u << 5)	/* it was in user mode */
#define TRIAGE_CPU_F_IDLE	(1u << 6)	/* running its idle task */
#define TRIAGE_CPU_F_IN_NMI	(1u << 7)	/* already in NMI context */
#define TRIAGE_CPU_F_IN_HARDIRQ	(1u << 8)	/* in a hard interrupt */
#define TRIAGE_CPU_F_IN_SOFTIRQ	(1u << 9)	/* serving softirqs */
#define TRIAGE_CPU_F_STUCK	(1u << 10)	/* the watchdog found it stuck */
/*
 * The capturing CPU ran the capture in a hard interrupt (panic() from the
 * soft-lockup watchdog's hrtimer, an RCU-stall panic): its registers, IRQ
 * state and frames are those of the interrupted context (1.6).
 */
#define TRIAGE_CPU_F_IRQ_REGS	(1u << 11)

/**
 * struct triage_rec_cpu - one CPU's state at the capture; frames follow
 * @cpu: CPU number
 * @cpu_flags: TRIAGE_CPU_F_*
 * @pid: its current task's pid (0: idle)
 * @preempt_count: the interrupted context's preempt_count (the NMI's own
 *	share taken out)
 * @comm: its current task's comm
 * @task: its current task_struct address
 * @nr_regs: valid entries of @regs (the interrupted registers)
 * @regs_arch: TRIAGE_ARCH_* of @regs
 * @regs: as in struct triage_rec_crash
 * @source: TRIAGE_BT_* of the frames
 * @nr_frames: frames at the end of the payload, innermost first
 */
struct triage_rec_cpu {
	__s32 cpu;
	__u32 cpu_flags;
	__s32 pid;
	__u32 preempt_count;
	char comm[TRIAGE_COMM_LEN];
	__u64 task;
	__u32 nr_regs;
	__u32 regs_arch;
	__u64 regs[TRIAGE_MAX_REGS];
	__u32 source;
	__u32 nr_frames;
	/* struct triage_frame frames[nr_frames]; at the end of the payload */
};

/**
 * struct triage_rec_lockup - a stuck CPU and the spinlock it spins on
 * @cpu: the CPU found stuck (its heartbeat stopped), or the capturing CPU
 *	when the capture runs in the hard interrupt that a kernel detector
 *	(soft lockup, RCU stall) panicked from (1.6)
 * @detected_by: the CPU that noticed; -1: a kernel detector, not triage's
 *	watchdog (1.6)
 * @stuck_ns: how long its heartbeat had been stopped (0: not measured)
 * @threshold_ns: the threshold in force (module parameter watchdog_ms)
 * @lock_addr: the locked spinlock it most likely spins on, or 0
 * @lock_symbol: its symbol ("hang_lock [hangme]"), "" if none
 * @lock_val: the lock word
 * @lock_source: TRIAGE_LOCK_SRC_*: where @lock_addr was found (1.6)
 * @lock_reg: the register index (in struct triage_rec_crash's @regs order)
 *	for the register sources (1.6)
 * @nr_candidates: distinct locked words that qualified, @lock_addr among
 *	them (1.6)
 */
struct triage_rec_lockup {
	__s32 cpu;
	__s32 detected_by;
	__u64 stuck_ns;
	__u64 threshold_ns;
	__u64 lock_addr;
	char lock_symbol[TRIAGE_SYM_LEN];
	__u32 lock_val;
	__u8 lock_source;
	__u8 lock_reg;
	__u16 nr_candidates;
};

/* Values of triage_rec_lockup.lock_source (1.6), most exact first */
#define TRIAGE_LOCK_SRC_ARGUMENT	1	/* the slowpath's lock argument register */
#define TRIAGE_LOCK_SRC_REGISTER	2	/* another register of the stuck CPU */
#define TRIAGE_LOCK_SRC_STACK		3	/* a word of its stack */
#define TRIAGE_LOCK_SRC_MODULE_DATA	4	/* a word of a module's data on its stack */

#define TRIAGE_MEM_TOP		10

/**
 * struct triage_mem_task - one of the largest memory users
 * @pid: thread-group leader's pid
 * @oom_score_adj: its oom_score_adj
 * @comm: its comm
 * @rss_pages: resident pages (anon + file + shmem)
 * @anon_pages: of them anonymous
 * @swap_entries: pages swapped out
 */
struct triage_mem_task {
	__s32 pid;
	__s32 oom_score_adj;
	char comm[TRIAGE_COMM_LEN];
	__u64 rss_pages;
	__u64 anon_pages;
	__u64 swap_entries;
};

/*
 * Bits of triage_rec_memory.mem_flags.  The capture takes no lock, so the
 * counters whose exact value needs one are read without it: global
 * counters without the per-CPU deltas not yet folded in (committed), and
 * buffers without the block-device inode walk (0 then, "unknown").
 */
#define TRIAGE_MEM_F_APPROX	(1u << 0)	/* committed is approximate */
#define TRIAGE_MEM_F_NO_BUFFERS	(1u << 1)	/* @buffers not read (no lock) */

/**
 * struct triage_rec_memory - the memory picture ("kmem -i"), in pages;
 *	~0 where unknown
 * @total: RAM pages managed by the kernel
 * @free: free pages
 * @available: estimate of pages available without swapping (MemAvailable)
 * @buffers: block-device buffer pages
 * @cached: page cache, less swap cache and buffers
 * @shared: shmem/tmpfs pages
 * @slab_reclaimable: reclaimable slab
 * @slab_unreclaimable: unreclaimable slab
 * @swap_total: swap pages
 * @swap_free: free swap pages
 * @committed: committed address space (Committed_AS)
 * @commit_limit: CommitLimit
 * @nr_top: valid entries of @top
 * @mem_flags: TRIAGE_MEM_F_* (1.4; zero before)
 * @top: the largest users by resident pages, largest first
 */
struct triage_rec_memory {
	__u64 total;
	__u64 free;
	__u64 available;
	__u64 buffers;
	__u64 cached;
	__u64 shared;
	__u64 slab_reclaimable;
	__u64 slab_unreclaimable;
	__u64 swap_total;
	__u64 swap_free;
	__u64 committed;
	__u64 commit_limit;
	__u32 nr_top;
	__u32 mem_flags;
	struct triage_mem_task top[TRIAGE_MEM_TOP];
};

/**
 * struct triage_rec_oom - the last out_of_memory() call before the capture
 * @pid: the allocating task
 * @tgid: its thread group
 * @comm: its comm
 * @gfp_mask: the allocation's gfp mask
 * @order: the allocation's order (-1: sysrq-f)
 * @memcg: 1 for a memory-cgroup OOM
 * @count: out_of_memory() calls seen since the module loaded
 * @age_ns: how long before the capture it was called
 * @totalpages: what the OOM killer counted as available in all
 */
struct triage_rec_oom {
	__s32 pid;
	__s32 tgid;
	char comm[TRIAGE_COMM_LEN];
	__u32 gfp_mask;
	__s32 order;
	__u32 memcg;
	__u32 count;
	__u64 age_ns;
	__u64 totalpages;
};

/*
 * How the capture kernel finds the region: the module puts this line in
 * VMCOREINFO at load ("TRIAGE_REGION=0x<phys>,0x<size>", fixed-width hex
 * since 1.4, rewritten in place by later loads; older modules appended one
 * per load).  A reader looks at the header behind every such line (and, when
 * none holds a capture, at an aligned scan) and takes the best: committed over
 * torn over writing over armed over retired, then the newest.
 */
#define TRIAGE_VMCOREINFO_KEY	"TRIAGE_REGION"

#endif /* TRIAGE_FORMAT_H */
