/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * decode.h - the snapshot parser: bytes of a region -> struct snapshot.
 * No I/O; every input is treated as hostile.
 */
#ifndef TC_DECODE_H
#define TC_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "triage_format.h"
#include "status.h"

/* The most a collector reads or decodes of one region. */
#define SNAPSHOT_MAX_BYTES	(64u << 20)

#define SNAP_MAX_WARNINGS	8

struct snap_frame {
	uint64_t addr;
	char sym[TRIAGE_SYM_LEN + 1];
};

struct snap_backtrace {
	int32_t pid;
	int32_t cpu;
	uint32_t source;		/* TRIAGE_BT_* */
	uint32_t skipped;
	uint32_t nr_claimed;		/* nr_frames as written */
	uint16_t rec_flags;		/* TRIAGE_REC_F_* */
	size_t nr_frames;		/* frames decoded */
	struct snap_frame *frames;
};

struct snap_module {
	char name[TRIAGE_MODNAME_LEN + 1];
	uint64_t text_base;
	uint32_t text_size;
	uint32_t flags;			/* TRIAGE_MOD_* */
	uint64_t taints;
};

struct snap_note {
	uint32_t kind;			/* TRIAGE_NOTE_* */
	char *text;
};

/* A lock (or wait object) reference, strings made safe. */
struct snap_lock {
	uint32_t type;			/* TRIAGE_LOCK_* */
	uint32_t flags;			/* TRIAGE_LOCK_F_* */
	uint64_t addr;
	uint64_t owner;			/* owner's task_struct, 0: unknown */
	int32_t owner_pid;		/* -1: none or unknown */
	uint32_t container;		/* TRIAGE_CONT_* */
	uint64_t container_addr;
	int32_t container_pid;		/* -1: unknown */
	int32_t sb_frozen;
	uint32_t level;
	uint64_t raw;
	char symbol[TRIAGE_SYM_LEN + 1];
	char detail[TRIAGE_SYM_LEN + 1];
	char wait_fn[TRIAGE_SYM_LEN + 1];
};

/* Bounds on what one snapshot may make the collector hold. */
#define SNAP_MAX_TASKS		16384
#define SNAP_MAX_TASK_FRAMES	64

/**
 * struct snap_task - one task record
 * @short_head: the payload ended before the whole head: what it lacked
 *	reads as unknown (a wait of type TRIAGE_LOCK_NONE, owner pid -1)
 * @nr_claimed: nr_frames as written
 * @nr_frames: frames decoded (at most SNAP_MAX_TASK_FRAMES, innermost first)
 */
struct snap_task {
	int32_t pid;
	int32_t tgid;
	char comm[TRIAGE_COMM_LEN + 1];
	uint32_t state;			/* raw __state */
	uint32_t task_flags;		/* TRIAGE_TASK_F_* */
	int32_t cpu;
	uint64_t task;			/* task_struct address */
	uint64_t blocked_ns;
	uint32_t blocked_source;	/* TRIAGE_BLOCKED_* */
	uint32_t nr_claimed;
	uint16_t rec_flags;		/* TRIAGE_REC_F_* */
	bool short_head;
	struct snap_lock wait;
	size_t nr_frames;
	struct snap_frame *frames;
};

/* Bounds on the CPU records one snapshot may make the collector hold. */
#define SNAP_MAX_CPUS		4096
#define SNAP_MAX_CPU_FRAMES	64

/**
 * struct snap_cpu - one CPU record (format 1.2)
 * @short_head: the payload ended before the whole head: what it lacked
 *	reads as unknown (pid -1, no registers, no frames)
 * @nr_frames: frames decoded (innermost first; frame 0 of an NMI trace is
 *	the interrupted ip)
 */
struct snap_cpu {
	int32_t cpu;
	uint32_t flags;			/* TRIAGE_CPU_F_* */
	int32_t pid;			/* -1: unknown; 0: idle */
	uint32_t preempt_count;
	char comm[TRIAGE_COMM_LEN + 1];
	uint64_t task;
	uint32_t nr_regs;		/* at most TRIAGE_MAX_REGS */
	uint32_t regs_arch;
	uint64_t regs[TRIAGE_MAX_REGS];
	uint32_t source;		/* TRIAGE_BT_* */
	uint32_t nr_claimed;
	uint16_t rec_flags;
	bool short_head;
	size_t nr_frames;
	struct snap_frame *frames;
};

/*
 * A stuck CPU and its lock: the module watchdog's record (@detected_by >= 0)
 * or, from 1.6, a kernel detector's panic in the interrupt it stopped
 * (@detected_by -1); fields not written read unknown.
 */
struct snap_lockup {
	int32_t cpu;			/* -1: unknown */
	int32_t detected_by;		/* -1: unknown */
	uint64_t stuck_ns;
	uint64_t threshold_ns;
	uint64_t lock_addr;		/* 0: none found */
	uint32_t lock_val;
	char lock_symbol[TRIAGE_SYM_LEN + 1];
	uint8_t lock_source;		/* TRIAGE_LOCK_SRC_*, 0: unknown */
	uint8_t lock_reg;		/* register index of the register sources */
	uint16_t nr_candidates;		/* locked words that qualified */
	uint16_t rec_flags;		/* TRIAGE_REC_F_HEURISTIC: lock by scan */
};

/* The memory picture; counts are pages, SNAP_MEM_UNKNOWN where unknown. */
#define SNAP_MEM_UNKNOWN	(~(uint64_t)0)

struct snap_mem_task {
	int32_t pid;
	int32_t oom_score_adj;
	char comm[TRIAGE_COMM_LEN + 1];
	uint64_t rss_pages;
	uint64_t anon_pages;
	uint64_t swap_entries;
};

/*
 * @mem_flags: TRIAGE_MEM_F_* (format 1.4; 0 before).  TRIAGE_MEM_F_NO_BUFFERS
 * makes @buffers SNAP_MEM_UNKNOWN (the module wrote 0, not a fact);
 * TRIAGE_MEM_F_APPROX marks @committed approximate.
 */
struct snap_memory {
	uint64_t total, free, available, buffers, cached, shared;
	uint64_t slab_reclaimable, slab_unreclaimable;
	uint64_t swap_total, swap_free, committed, commit_limit;
	uint32_t mem_flags;
	uint16_t rec_flags;
	size_t nr_top;			/* whole entries decoded */
	struct snap_mem_task top[TRIAGE_MEM_TOP];
};

/* The last out_of_memory() call; @has_* say what the payload held. */
struct snap_oom {
	int32_t pid;			/* -1: unknown */
	int32_t tgid;
	char comm[TRIAGE_COMM_LEN + 1];
	uint32_t gfp_mask;
	int32_t order;			/* -1: sysrq-f */
	uint32_t memcg;
	uint32_t count;
	uint64_t age_ns;
	uint64_t totalpages;
	bool has_gfp, has_order, has_memcg, has_age, has_totalpages;
	uint16_t rec_flags;
};

/* The system record, strings made safe (NUL-terminated, printable). */
struct snap_system {
	char release[TRIAGE_UTS_LEN + 1];
	char version[TRIAGE_UTS_LEN + 1];
	char machine[TRIAGE_UTS_LEN + 1];
	char nodename[TRIAGE_UTS_LEN + 1];
	char boot_id[TRIAGE_BOOT_ID_LEN + 1];
	uint64_t uptime_ns;
	uint64_t realtime_s;
	uint64_t taint;
	uint32_t page_size;
	uint32_t nr_cpus_online;
	uint32_t nr_cpus_possible;
	uint32_t kernel_flags;
};

/* The crash record: the raw numbers, plus safe copies of its strings. */
struct snap_crash {
	struct triage_rec_crash raw;	/* zero-filled if written short */
	uint16_t rec_flags;
	char comm[TRIAGE_COMM_LEN + 1];
	char die_str[TRIAGE_DIE_STR_LEN + 1];
	char message[TRIAGE_MSG_LEN + 1];
};

/* How much of a torn snapshot's data its data CRC vouches for. */
enum snap_crc {
	SNAP_CRC_OK,			/* all data_size bytes match */
	SNAP_CRC_MISMATCH,		/* they do not: records read unverified */
	SNAP_CRC_SHORT,			/* fewer bytes than data_size were read */
};

/**
 * struct snap_torn - a capture that did not finish (format 1.4)
 * @present: state TRIAGE_STATE_WRITING or TRIAGE_STATE_TORN in a snapshot of
 *	format 1.4 or later, whose data_size/record_count/data_crc describe
 *	the records finished so far (older ones are only "not committed")
 * @state: TRIAGE_STATE_WRITING (cut short) or TRIAGE_STATE_TORN (sealed by
 *	the module after a fault)
 * @section: TRIAGE_SECT_* in progress when it stopped
 * @faulted: TRIAGE_HDR_F_FAULT: the capture faulted
 * @fault: the text of the note that closes a faulted capture, or NULL
 * @header_crc_ok: TORN: its header CRC (taken as if state were TORN) matched
 * @data_crc: what the data CRC says of the @data_size bytes
 * @verified_records: records the data CRC vouches for: all of them when it
 *	matched, else the records before the last record boundary at which it
 *	does match (0 if none does)
 * @walk_error: the record walk stopped early on a damaged record
 */
struct snap_torn {
	bool present;
	uint32_t state;
	uint32_t section;
	bool faulted;
	const char *fault;
	bool header_crc_ok;
	enum snap_crc data_crc;
	size_t verified_records;
	bool walk_error;
};

/**
 * struct snapshot - a decoded snapshot
 * @valid: every check passed (magic, version, sizes, state, both CRCs,
 *	records); only then is the content trusted
 * @header_ok: the header itself is sane (magic, version, sizes), so @hdr
 *	can be shown even when @valid is false
 * @recovered: not valid, but torn (@torn): the records written before the
 *	capture stopped were read and may be judged, as a degraded verdict
 * @status: ST_OK when @valid, else why not
 * @err: the message for @status
 */
struct snapshot {
	bool valid;
	bool header_ok;
	bool recovered;
	enum status status;
	struct errmsg err;
	struct snap_torn torn;

	struct triage_header hdr;
	size_t bytes;			/* bytes offered to the decoder */

	bool has_system;
	struct snap_system system;
	bool has_crash;
	struct snap_crash crash;

	size_t nr_backtraces;
	struct snap_backtrace *backtraces;

	bool has_modules;
	uint32_t nr_loaded;
	size_t nr_modules;
	struct snap_module *modules;
	uint16_t modules_rec_flags;

	char *log;			/* NUL-terminated, printable + '\n' */
	size_t log_len;
	uint32_t log_dropped;
	bool log_truncated;

	size_t nr_notes;
	struct snap_note *notes;

	size_t nr_tasks;
	struct snap_task *tasks;
	size_t tasks_cap;
	size_t nr_tasks_dropped;	/* task records past SNAP_MAX_TASKS */
	bool has_taskwalk;
	struct triage_rec_tasks taskwalk;	/* zero-filled if written short */
	uint16_t taskwalk_rec_flags;
	bool has_sysctl;
	struct triage_rec_sysctl sysctl;	/* fields not written read -1 */

	size_t nr_cpus;
	struct snap_cpu *cpus;
	size_t cpus_cap;
	size_t nr_cpus_dropped;		/* CPU records past SNAP_MAX_CPUS */
	bool has_lockup;
	struct snap_lockup lockup;
	bool has_memory;
	struct snap_memory memory;
	bool has_oom;
	struct snap_oom oom;

	size_t nr_records;		/* records walked */
	uint16_t last_type;		/* type of the last record walked */
	size_t nr_unknown;		/* records of unknown type skipped */
	size_t nr_rec_truncated;	/* records flagged TRIAGE_REC_F_TRUNCATED */

	size_t nr_warnings;
	char warnings[SNAP_MAX_WARNINGS][160];
};

/*
 * Decode @len bytes at @buf.  Always fills @s (free it with snapshot_free(),
 * whatever the result).  Returns ST_OK only for a valid snapshot; any other
 * status comes with a message in s->err.text, and whatever could be decoded
 * safely is still there (s->valid is false).
 */
enum status snapshot_decode(struct snapshot *s, const void *buf, size_t len);
void snapshot_free(struct snapshot *s);

/* May @s be judged: valid, or torn with its records recovered? */
bool snapshot_usable(const struct snapshot *s);

/* Is the header at @buf sane: magic, a version this collector reads,
 * consistent sizes, and its CRC where its state has one (committed; torn,
 * format 1.4)?  Records are not looked at. */
bool snapshot_header_sane(const void *buf, size_t len);

/* Does @buf start with TRIAGE_MAGIC? */
bool snapshot_has_magic(const void *buf, size_t len);

/* The backtrace record of a given source, or NULL. */
const struct snap_backtrace *snapshot_backtrace(const struct snapshot *s,
						uint32_t source);

/* The CPU record of @cpu, or NULL. */
const struct snap_cpu *snapshot_cpu(const struct snapshot *s, int cpu);

/* Is @t in D state (TASK_UNINTERRUPTIBLE, not TASK_IDLE)? */
bool snap_task_blocked(const struct snap_task *t);
/* Is @t running or runnable? */
bool snap_task_running(const struct snap_task *t);
/* "R", "S", "D", "T", "t", "X", "Z", "I", "P" or "?" for a task. */
const char *snap_task_state_letter(const struct snap_task *t);
/* "mutex", "rwsem", ... for TRIAGE_LOCK_*. */
const char *snap_lock_type_name(uint32_t type);
/* "mm", "sb_writers", "inode" or NULL for TRIAGE_CONT_*. */
const char *snap_container_name(uint32_t container);

const char *snapshot_state_name(uint32_t state);
/* "crash", "tasks", ... for TRIAGE_SECT_*, "unknown" otherwise. */
const char *snapshot_section_name(uint32_t section);
const char *snapshot_hook_name(uint32_t hook);
const char *snapshot_arch_name(uint32_t arch);

#endif /* TC_DECODE_H */
