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

/**
 * struct snapshot - a decoded snapshot
 * @valid: every check passed (magic, version, sizes, state, both CRCs,
 *	records); only then is the content trusted
 * @header_ok: the header itself is sane (magic, version, sizes), so @hdr
 *	can be shown even when @valid is false
 * @status: ST_OK when @valid, else why not
 * @err: the message for @status
 */
struct snapshot {
	bool valid;
	bool header_ok;
	enum status status;
	struct errmsg err;

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

	size_t nr_records;		/* records walked */
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

/* Does @buf start with TRIAGE_MAGIC? */
bool snapshot_has_magic(const void *buf, size_t len);

/* The backtrace record of a given source, or NULL. */
const struct snap_backtrace *snapshot_backtrace(const struct snapshot *s,
						uint32_t source);

const char *snapshot_state_name(uint32_t state);
const char *snapshot_hook_name(uint32_t hook);
const char *snapshot_arch_name(uint32_t arch);

/* Copy at most @n bytes of untrusted text into @dst (size @n + 1), stopping
 * at a NUL, replacing anything but printable ASCII with '?'. */
void safe_strcpy(char *dst, const char *src, size_t n);

#endif /* TC_DECODE_H */
