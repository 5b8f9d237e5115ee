// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * decode.c - validates and parses a snapshot region held in memory.  No I/O:
 * the input is a const buffer and a length, so it can be fuzzed.  Nothing in
 * the buffer is trusted: sizes are checked before every read, counts are
 * bounded by the bytes that hold them, strings are copied with a bound.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "decode.h"
#include "text.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the snapshot format is little-endian; add byte swapping for this host"
#endif

#define HDR_SIZE	sizeof(struct triage_header)

/* Remember the first error only: it is the one that explains the rest. */
static void snap_fail(struct snapshot *s, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void snap_fail(struct snapshot *s, enum status st, const char *fmt, ...)
{
	va_list ap;

	if (s->status != ST_OK)
		return;
	va_start(ap, fmt);
	errmsg_vset(&s->err, st, fmt, ap);
	va_end(ap);
	s->status = st;
}

static void snap_warn(struct snapshot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void snap_warn(struct snapshot *s, const char *fmt, ...)
{
	va_list ap;

	if (s->nr_warnings >= SNAP_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(s->warnings[s->nr_warnings++], sizeof(s->warnings[0]), fmt,
		  ap);
	va_end(ap);
}

/* A damaged record: fatal for a snapshot that claims to be complete; for a
 * torn one, whose records are read as far as they go, a warning. */
static void snap_damaged(struct snapshot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void snap_damaged(struct snapshot *s, const char *fmt, ...)
{
	char msg[ERRMSG_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->torn.present) {
		s->torn.walk_error = true;
		snap_warn(s, "%s", msg);
	} else {
		snap_fail(s, ST_ERR_CORRUPT, "%s", msg);
	}
}

/* A heap copy of @n untrusted bytes of text (no NUL expected inside). */
static char *safe_textdup(const char *src, size_t n)
{
	char *t = malloc(n + 1);
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < n; i++)
		t[i] = safe_char((unsigned char)src[i], true);
	t[n] = '\0';
	return t;
}

/* Copy a payload into a struct: short payloads read as zero-filled (older
 * minor versions), longer ones are cut to what this collector knows. */
static void copy_payload(void *dst, size_t dst_size, const uint8_t *p,
			 size_t n)
{
	memset(dst, 0, dst_size);
	memcpy(dst, p, n < dst_size ? n : dst_size);
}

bool snapshot_has_magic(const void *buf, size_t len)
{
	uint64_t magic;

	if (len < sizeof(magic))
		return false;
	memcpy(&magic, buf, sizeof(magic));
	return magic == TRIAGE_MAGIC;
}

static enum status check_header(struct snapshot *s, const uint8_t *buf,
				size_t len)
{
	const struct triage_header *h = &s->hdr;
	uint64_t magic = 0;

	if (len < sizeof(magic))
		return errmsg_set(&s->err, ST_ERR_NOTFOUND,
				  "no snapshot: only %zu bytes", len);
	memcpy(&magic, buf, sizeof(magic));
	if (magic != TRIAGE_MAGIC)
		return errmsg_set(&s->err, ST_ERR_NOTFOUND,
				  "no snapshot here (magic 0x%016llx, want 0x%016llx)",
				  (unsigned long long)magic,
				  (unsigned long long)TRIAGE_MAGIC);
	if (len < HDR_SIZE)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "truncated header: %zu of %zu bytes", len,
				  HDR_SIZE);
	memcpy(&s->hdr, buf, HDR_SIZE);
	if (h->version_major > TRIAGE_VERSION_MAJOR)
		return errmsg_set(&s->err, ST_ERR_VERSION,
				  "snapshot format version %u is newer than this collector (%u)",
				  h->version_major, TRIAGE_VERSION_MAJOR);
	if (h->version_major == 0)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "snapshot format version 0 does not exist");
	if (h->header_size < HDR_SIZE || h->header_size % TRIAGE_RECORD_ALIGN)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "bad header_size %u (want a multiple of %u, at least %zu)",
				  h->header_size, TRIAGE_RECORD_ALIGN, HDR_SIZE);
	if (h->region_size < h->header_size)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "header_size %u is larger than the region (%llu bytes)",
				  h->header_size,
				  (unsigned long long)h->region_size);
	if (h->data_size > h->region_size - h->header_size)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "data_size %u does not fit in the region (%llu bytes, header %u)",
				  h->data_size,
				  (unsigned long long)h->region_size,
				  h->header_size);
	if (h->header_size > len)
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "truncated header: %zu of %u bytes", len,
				  h->header_size);
	s->header_ok = true;
	return ST_OK;
}

/*
 * Format 1.4 keeps data_size, record_count and data_crc true while the
 * capture writes, and adds the TORN state: only then are the records of a
 * capture that did not finish read as what they are.
 */
static bool torn_readable(const struct triage_header *h)
{
	return h->version_major == 1 && h->version_minor >= 4;
}

/* Returns ST_OK when the records may be read (committed, or torn). */
static enum status check_state(struct snapshot *s)
{
	switch (s->hdr.state) {
	case TRIAGE_STATE_COMMITTED:
		return ST_OK;
	case TRIAGE_STATE_WRITING:
		if (torn_readable(&s->hdr))
			break;
		snap_fail(s, ST_ERR_STATE, "torn: the capture did not finish");
		return ST_OK;
	case TRIAGE_STATE_TORN:
		if (torn_readable(&s->hdr))
			break;
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "unknown state 0x%08x", s->hdr.state);
	case TRIAGE_STATE_ARMED:
		return errmsg_set(&s->err, ST_ERR_STATE,
				  "the module was loaded but nothing was captured");
	case TRIAGE_STATE_RETIRED:
		return errmsg_set(&s->err, ST_ERR_STATE,
				  "module unloaded: the region was retired");
	default:
		return errmsg_set(&s->err, ST_ERR_CORRUPT,
				  "unknown state 0x%08x", s->hdr.state);
	}
	/* torn, and readable as such (1.4) */
	s->torn.present = true;
	s->torn.state = s->hdr.state;
	s->torn.section = s->hdr.section;
	s->torn.faulted = s->hdr.flags & TRIAGE_HDR_F_FAULT;
	return ST_OK;
}

/* The header CRC, taken with header_crc = 0 and state = @as_state. */
static uint32_t header_crc(const uint8_t *buf, uint32_t header_size,
			   uint32_t as_state)
{
	struct triage_header h;
	uLong crc;

	memcpy(&h, buf, HDR_SIZE);
	h.header_crc = 0;
	h.state = as_state;
	crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, (const Bytef *)&h, HDR_SIZE);
	/* A newer minor version's header is longer: its tail counts too. */
	crc = crc32(crc, buf + HDR_SIZE, header_size - HDR_SIZE);
	return (uint32_t)crc;
}

static bool check_header_crc(struct snapshot *s, const uint8_t *buf)
{
	uint32_t crc = header_crc(buf, s->hdr.header_size,
				  TRIAGE_STATE_COMMITTED);

	if (crc == s->hdr.header_crc)
		return true;
	snap_fail(s, ST_ERR_CORRUPT,
		  "header CRC mismatch (stored 0x%08x, computed 0x%08x)",
		  s->hdr.header_crc, crc);
	return false;
}

/* A sealed torn header has a CRC, taken as if its state were TORN; one still
 * WRITING has none.  A mismatch is said, not fatal: the data has its own. */
static void check_torn_header_crc(struct snapshot *s, const uint8_t *buf)
{
	uint32_t crc;

	if (s->torn.state != TRIAGE_STATE_TORN)
		return;
	crc = header_crc(buf, s->hdr.header_size, TRIAGE_STATE_TORN);
	s->torn.header_crc_ok = crc == s->hdr.header_crc;
	if (!s->torn.header_crc_ok)
		snap_warn(s, "torn header CRC mismatch (stored 0x%08x, computed 0x%08x)",
			  s->hdr.header_crc, crc);
}

static void decode_system(struct snapshot *s, const uint8_t *p, size_t n)
{
	struct triage_rec_system r;
	struct snap_system *y = &s->system;

	copy_payload(&r, sizeof(r), p, n);
	safe_strcpy(y->release, r.release, sizeof(r.release));
	safe_strcpy(y->version, r.version, sizeof(r.version));
	safe_strcpy(y->machine, r.machine, sizeof(r.machine));
	safe_strcpy(y->nodename, r.nodename, sizeof(r.nodename));
	safe_strcpy(y->boot_id, r.boot_id, sizeof(r.boot_id));
	y->uptime_ns = r.uptime_ns;
	y->realtime_s = r.realtime_s;
	y->taint = r.taint;
	y->page_size = r.page_size;
	y->nr_cpus_online = r.nr_cpus_online;
	y->nr_cpus_possible = r.nr_cpus_possible;
	y->kernel_flags = r.kernel_flags;
	s->has_system = true;
}

static void decode_crash(struct snapshot *s, const uint8_t *p, size_t n,
			 uint16_t flags)
{
	struct snap_crash *c = &s->crash;

	copy_payload(&c->raw, sizeof(c->raw), p, n);
	c->rec_flags = flags;
	if (c->raw.nr_regs > TRIAGE_MAX_REGS) {
		snap_warn(s, "crash record claims %u registers; %u kept",
			  c->raw.nr_regs, TRIAGE_MAX_REGS);
		c->raw.nr_regs = TRIAGE_MAX_REGS;
	}
	safe_strcpy(c->comm, c->raw.comm, sizeof(c->raw.comm));
	safe_strcpy(c->die_str, c->raw.die_str, sizeof(c->raw.die_str));
	safe_strcpy(c->message, c->raw.message, sizeof(c->raw.message));
	s->has_crash = true;
}

/* How many @stride-byte entries after a @fixed-byte head fit in @n bytes,
 * at most @claimed. */
static size_t entries_fit(size_t n, size_t fixed, size_t stride,
			  uint32_t claimed)
{
	size_t room = n > fixed ? (n - fixed) / stride : 0;

	return claimed < room ? claimed : room;
}

static enum status decode_backtrace(struct snapshot *s, const uint8_t *p,
				    size_t n, uint16_t flags)
{
	struct triage_rec_backtrace r;
	struct snap_backtrace *bt, *arr;
	size_t i, nr;

	copy_payload(&r, sizeof(r), p, n);
	nr = entries_fit(n, sizeof(r), sizeof(struct triage_frame),
			 r.nr_frames);
	if (nr < r.nr_frames)
		snap_warn(s, "backtrace claims %u frames, its payload holds %zu",
			  r.nr_frames, nr);
	arr = realloc(s->backtraces, (s->nr_backtraces + 1) * sizeof(*arr));
	if (!arr)
		return ST_ERR_NOMEM;
	s->backtraces = arr;
	bt = &arr[s->nr_backtraces];
	memset(bt, 0, sizeof(*bt));
	bt->frames = calloc(nr ? nr : 1, sizeof(*bt->frames));
	if (!bt->frames)
		return ST_ERR_NOMEM;
	s->nr_backtraces++;
	bt->pid = r.pid;
	bt->cpu = r.cpu;
	bt->source = r.source;
	bt->skipped = r.skipped;
	bt->nr_claimed = r.nr_frames;
	bt->rec_flags = flags;
	bt->nr_frames = nr;
	for (i = 0; i < nr; i++) {
		struct triage_frame f;

		memcpy(&f, p + sizeof(r) + i * sizeof(f), sizeof(f));
		bt->frames[i].addr = f.addr;
		safe_strcpy(bt->frames[i].sym, f.sym, sizeof(f.sym));
	}
	return ST_OK;
}

static enum status decode_modules(struct snapshot *s, const uint8_t *p,
				  size_t n, uint16_t flags)
{
	struct triage_rec_modules r;
	struct snap_module *arr;
	size_t i, nr;

	if (s->has_modules) {
		snap_warn(s, "a second modules record was ignored");
		return ST_OK;
	}
	copy_payload(&r, sizeof(r), p, n);
	nr = entries_fit(n, sizeof(r), sizeof(struct triage_module),
			 r.nr_entries);
	if (nr < r.nr_entries)
		snap_warn(s, "modules record claims %u entries, its payload holds %zu",
			  r.nr_entries, nr);
	arr = calloc(nr ? nr : 1, sizeof(*arr));
	if (!arr)
		return ST_ERR_NOMEM;
	for (i = 0; i < nr; i++) {
		struct triage_module m;

		memcpy(&m, p + sizeof(r) + i * sizeof(m), sizeof(m));
		safe_strcpy(arr[i].name, m.name, sizeof(m.name));
		arr[i].text_base = m.text_base;
		arr[i].text_size = m.text_size;
		arr[i].flags = m.flags;
		arr[i].taints = m.taints;
	}
	s->modules = arr;
	s->nr_modules = nr;
	s->nr_loaded = r.nr_loaded;
	s->modules_rec_flags = flags;
	s->has_modules = true;
	return ST_OK;
}

/* The text that follows a {u32, u32 len} head, bounded by the payload. */
static size_t text_fit(struct snapshot *s, const char *what, size_t n,
		       size_t fixed, uint32_t len)
{
	size_t room = n > fixed ? n - fixed : 0;

	if (len <= room)
		return len;
	snap_warn(s, "%s text claims %u bytes, its payload holds %zu", what,
		  len, room);
	return room;
}

static enum status decode_log(struct snapshot *s, const uint8_t *p, size_t n,
			      uint16_t flags)
{
	struct triage_rec_log r;
	size_t len;
	char *t, *joined;

	copy_payload(&r, sizeof(r), p, n);
	len = text_fit(s, "log", n, sizeof(r), r.len);
	t = safe_textdup((const char *)p + sizeof(r) * (n >= sizeof(r)), len);
	if (!t)
		return ST_ERR_NOMEM;
	if (!s->log) {
		s->log = t;
		s->log_len = len;
	} else {
		/* Several log records are pieces in order: join them. */
		joined = realloc(s->log, s->log_len + len + 1);
		if (!joined) {
			free(t);
			return ST_ERR_NOMEM;
		}
		memcpy(joined + s->log_len, t, len + 1);
		s->log = joined;
		s->log_len += len;
		free(t);
	}
	s->log_dropped += r.dropped;
	if (flags & TRIAGE_REC_F_TRUNCATED)
		s->log_truncated = true;
	return ST_OK;
}

static enum status decode_note(struct snapshot *s, const uint8_t *p, size_t n)
{
	struct triage_rec_note r;
	struct snap_note *arr;
	size_t len;

	copy_payload(&r, sizeof(r), p, n);
	len = text_fit(s, "note", n, sizeof(r), r.len);
	arr = realloc(s->notes, (s->nr_notes + 1) * sizeof(*arr));
	if (!arr)
		return ST_ERR_NOMEM;
	s->notes = arr;
	arr[s->nr_notes].kind = r.kind;
	arr[s->nr_notes].text =
		safe_textdup((const char *)p + sizeof(r) * (n >= sizeof(r)), len);
	if (!arr[s->nr_notes].text)
		return ST_ERR_NOMEM;
	s->nr_notes++;
	return ST_OK;
}

/* Does a payload of @n bytes hold the whole field at @off of @size bytes? */
static bool covers(size_t n, size_t off, size_t size)
{
	return n >= off + size;
}

#define TASK_HEAD	sizeof(struct triage_rec_task)
#define TASK_WAIT_OFF	offsetof(struct triage_rec_task, wait)
#define FRAME_SIZE	sizeof(struct triage_frame)

static void decode_lock_ref(struct snap_lock *l,
			    const struct triage_lock_ref *r, size_t have)
{
#define LCOV(f) covers(have, offsetof(struct triage_lock_ref, f), sizeof(r->f))
	l->type = r->type;
	l->flags = r->flags;
	l->addr = r->addr;
	l->owner = r->owner;
	l->owner_pid = LCOV(owner_pid) ? r->owner_pid : -1;
	l->container = r->container;
	l->container_addr = r->container_addr;
	l->container_pid = LCOV(container_pid) ? r->container_pid : -1;
	l->sb_frozen = r->sb_frozen;
	l->level = r->level;
	l->raw = r->raw;
	safe_strcpy(l->symbol, r->symbol, sizeof(r->symbol));
	safe_strcpy(l->detail, r->detail, sizeof(r->detail));
	safe_strcpy(l->wait_fn, r->wait_fn, sizeof(r->wait_fn));
#undef LCOV
}

static struct snap_task *new_task(struct snapshot *s)
{
	struct snap_task *arr;
	size_t cap;

	if (s->nr_tasks == s->tasks_cap) {
		cap = s->tasks_cap ? s->tasks_cap * 2 : 64;
		if (cap > SNAP_MAX_TASKS)
			cap = SNAP_MAX_TASKS;
		arr = realloc(s->tasks, cap * sizeof(*arr));
		if (!arr)
			return NULL;
		s->tasks = arr;
		s->tasks_cap = cap;
	}
	memset(&s->tasks[s->nr_tasks], 0, sizeof(s->tasks[0]));
	return &s->tasks[s->nr_tasks];
}

/*
 * A task record: the head, then nr_frames frames that are the LAST bytes of
 * the payload (a later head may be longer than ours).  Task records came
 * with format 1.1, whose head is ours: a head can be longer, never shorter.
 * A count that does not fit after our head keeps the frames that do, right
 * after it (a record cut short); a payload shorter than our head reads as
 * zero-filled, and what it lacks as unknown.
 */
static enum status decode_task(struct snapshot *s, const uint8_t *p, size_t n,
			       uint16_t flags)
{
	struct triage_rec_task r;
	struct snap_task *t;
	size_t nr, head, i, keep;

	if (s->nr_tasks >= SNAP_MAX_TASKS) {
		if (!s->nr_tasks_dropped++)
			snap_warn(s, "more than %u task records: the rest were ignored",
				  SNAP_MAX_TASKS);
		return ST_OK;
	}
	copy_payload(&r, sizeof(r), p, n);
	nr = r.nr_frames;
	if (n >= TASK_HEAD && (uint64_t)nr * FRAME_SIZE <= n - TASK_HEAD) {
		head = n - nr * FRAME_SIZE;
	} else {
		nr = n > TASK_HEAD ? (n - TASK_HEAD) / FRAME_SIZE : 0;
		if (nr > r.nr_frames)
			nr = r.nr_frames;
		if (nr != r.nr_frames)
			snap_warn(s, "task record of pid %d claims %u frames, its payload holds %zu",
				  covers(n, 0, 4) ? r.pid : -1, r.nr_frames,
				  nr);
		head = n < TASK_HEAD ? n : TASK_HEAD;
	}
	copy_payload(&r, sizeof(r), p, head);
	t = new_task(s);
	if (!t)
		return ST_ERR_NOMEM;
	t->pid = r.pid;
	t->tgid = r.tgid;
	safe_strcpy(t->comm, r.comm, sizeof(r.comm));
	t->state = r.state;
	t->task_flags = r.task_flags;
	t->cpu = covers(head, offsetof(struct triage_rec_task, cpu), 4) ?
		 r.cpu : -1;
	t->task = r.task;
	t->blocked_ns = r.blocked_ns;
	t->blocked_source = r.blocked_source;
	t->nr_claimed = r.nr_frames;
	t->rec_flags = flags;
	t->short_head = head < TASK_HEAD;
	decode_lock_ref(&t->wait, &r.wait,
			head > TASK_WAIT_OFF ? head - TASK_WAIT_OFF : 0);
	keep = nr < SNAP_MAX_TASK_FRAMES ? nr : SNAP_MAX_TASK_FRAMES;
	t->frames = calloc(keep ? keep : 1, sizeof(*t->frames));
	if (!t->frames)
		return ST_ERR_NOMEM;
	t->nr_frames = keep;
	for (i = 0; i < keep; i++) {
		struct triage_frame f;

		memcpy(&f, p + head + i * FRAME_SIZE, sizeof(f));
		t->frames[i].addr = f.addr;
		safe_strcpy(t->frames[i].sym, f.sym, sizeof(f.sym));
	}
	s->nr_tasks++;
	return ST_OK;
}

/*
 * Where the frames of a record with @head_size bytes of head and @claimed
 * frames at the END of its @n-byte payload start (*head), and how many of
 * them there are.  A count that does not fit keeps the frames that do,
 * right after our head (a record cut short); false then.
 */
static bool tail_frames(size_t n, size_t head_size, uint32_t claimed,
			size_t *head, size_t *nr)
{
	if (n >= head_size && (uint64_t)claimed * FRAME_SIZE <= n - head_size) {
		*nr = claimed;
		*head = n - (size_t)claimed * FRAME_SIZE;
		return true;
	}
	*nr = n > head_size ? (n - head_size) / FRAME_SIZE : 0;
	if (*nr > claimed)
		*nr = claimed;
	*head = n < head_size ? n : head_size;
	return *nr == claimed;
}

static enum status copy_frames(struct snap_frame **out, size_t *nr_out,
			       const uint8_t *p, size_t nr, size_t max)
{
	size_t keep = nr < max ? nr : max, i;

	*out = calloc(keep ? keep : 1, sizeof(**out));
	if (!*out)
		return ST_ERR_NOMEM;
	*nr_out = keep;
	for (i = 0; i < keep; i++) {
		struct triage_frame f;

		memcpy(&f, p + i * FRAME_SIZE, sizeof(f));
		(*out)[i].addr = f.addr;
		safe_strcpy((*out)[i].sym, f.sym, sizeof(f.sym));
	}
	return ST_OK;
}

#define CPU_HEAD	sizeof(struct triage_rec_cpu)

/* A CPU record: laid out like a task record (frames at the end). */
static enum status decode_cpu(struct snapshot *s, const uint8_t *p, size_t n,
			      uint16_t flags)
{
	struct triage_rec_cpu r;
	struct snap_cpu *c, *arr;
	size_t nr, head, cap;

	if (s->nr_cpus >= SNAP_MAX_CPUS) {
		if (!s->nr_cpus_dropped++)
			snap_warn(s, "more than %u CPU records: the rest were ignored",
				  SNAP_MAX_CPUS);
		return ST_OK;
	}
	copy_payload(&r, sizeof(r), p, n);
	if (!tail_frames(n, CPU_HEAD, r.nr_frames, &head, &nr))
		snap_warn(s, "CPU record of CPU %d claims %u frames, its payload holds %zu",
			  covers(n, 0, 4) ? r.cpu : -1, r.nr_frames, nr);
	copy_payload(&r, sizeof(r), p, head);
	if (s->nr_cpus == s->cpus_cap) {
		cap = s->cpus_cap ? s->cpus_cap * 2 : 8;
		if (cap > SNAP_MAX_CPUS)
			cap = SNAP_MAX_CPUS;
		arr = realloc(s->cpus, cap * sizeof(*arr));
		if (!arr)
			return ST_ERR_NOMEM;
		s->cpus = arr;
		s->cpus_cap = cap;
	}
	c = &s->cpus[s->nr_cpus];
	memset(c, 0, sizeof(*c));
#define CCOV(f) covers(head, offsetof(struct triage_rec_cpu, f), sizeof(r.f))
	c->cpu = CCOV(cpu) ? r.cpu : -1;
	c->flags = r.cpu_flags;
	c->pid = CCOV(pid) ? r.pid : -1;
	c->preempt_count = r.preempt_count;
	safe_strcpy(c->comm, r.comm, sizeof(r.comm));
	c->task = r.task;
	c->regs_arch = r.regs_arch;
	c->nr_regs = CCOV(regs) ? r.nr_regs : 0;
	if (c->nr_regs > TRIAGE_MAX_REGS) {
		snap_warn(s, "CPU record of CPU %d claims %u registers; %u kept",
			  c->cpu, c->nr_regs, TRIAGE_MAX_REGS);
		c->nr_regs = TRIAGE_MAX_REGS;
	}
	memcpy(c->regs, r.regs, sizeof(c->regs));
	c->source = r.source;
#undef CCOV
	c->nr_claimed = r.nr_frames;
	c->rec_flags = flags;
	c->short_head = head < CPU_HEAD;
	if (copy_frames(&c->frames, &c->nr_frames, p + head, nr,
			SNAP_MAX_CPU_FRAMES) != ST_OK)
		return ST_ERR_NOMEM;
	s->nr_cpus++;
	return ST_OK;
}

static void decode_lockup(struct snapshot *s, const uint8_t *p, size_t n,
			  uint16_t flags)
{
	struct triage_rec_lockup r;
	struct snap_lockup *l = &s->lockup;

	if (s->has_lockup)
		snap_warn(s, "a second lockup record replaced the first");
	copy_payload(&r, sizeof(r), p, n);
#define LKCOV(f) covers(n, offsetof(struct triage_rec_lockup, f), sizeof(r.f))
	memset(l, 0, sizeof(*l));
	l->cpu = LKCOV(cpu) ? r.cpu : -1;
	l->detected_by = LKCOV(detected_by) ? r.detected_by : -1;
	l->stuck_ns = r.stuck_ns;
	l->threshold_ns = r.threshold_ns;
	/* a lock is believed only with its whole symbol and word */
	if (LKCOV(lock_val)) {
		l->lock_addr = r.lock_addr;
		l->lock_val = r.lock_val;
		safe_strcpy(l->lock_symbol, r.lock_symbol,
			    sizeof(r.lock_symbol));
	}
	/* 1.6: where the lock was found; before, always "unknown" */
	if (s->hdr.version_minor >= 6 && LKCOV(nr_candidates)) {
		l->lock_source = r.lock_source;
		l->lock_reg = r.lock_reg;
		l->nr_candidates = r.nr_candidates;
	}
#undef LKCOV
	l->rec_flags = flags;
	s->has_lockup = true;
}

/* Counts the payload does not hold read SNAP_MEM_UNKNOWN, not 0. */
static void decode_memory(struct snapshot *s, const uint8_t *p, size_t n,
			  uint16_t flags)
{
	struct triage_rec_memory r;
	struct snap_memory *m = &s->memory;
	size_t i, top_off = offsetof(struct triage_rec_memory, top), have;

	if (s->has_memory)
		snap_warn(s, "a second memory record replaced the first");
	memset(&r, 0xff, sizeof(r));
	have = n < sizeof(r) ? n : sizeof(r);
	have = have < top_off ? have & ~(size_t)7 : have;
	memcpy(&r, p, have);
	memset(m, 0, sizeof(*m));
	m->total = r.total;
	m->free = r.free;
	m->available = r.available;
	m->buffers = r.buffers;
	m->cached = r.cached;
	m->shared = r.shared;
	m->slab_reclaimable = r.slab_reclaimable;
	m->slab_unreclaimable = r.slab_unreclaimable;
	m->swap_total = r.swap_total;
	m->swap_free = r.swap_free;
	m->committed = r.committed;
	m->commit_limit = r.commit_limit;
	m->rec_flags = flags;
	if (s->hdr.version_minor >= 4 &&
	    covers(n, offsetof(struct triage_rec_memory, mem_flags), 4))
		m->mem_flags = r.mem_flags;
	/* buffers not read: the 0 written there is no figure */
	if (m->mem_flags & TRIAGE_MEM_F_NO_BUFFERS)
		m->buffers = SNAP_MEM_UNKNOWN;
	if (covers(n, offsetof(struct triage_rec_memory, nr_top), 4)) {
		size_t fit = n > top_off ?
			     (n - top_off) / sizeof(struct triage_mem_task) : 0;

		m->nr_top = r.nr_top < TRIAGE_MEM_TOP ? r.nr_top :
			    TRIAGE_MEM_TOP;
		if (r.nr_top > TRIAGE_MEM_TOP)
			snap_warn(s, "memory record claims %u top users; %u kept",
				  r.nr_top, TRIAGE_MEM_TOP);
		if (m->nr_top > fit)
			m->nr_top = fit;
	}
	for (i = 0; i < m->nr_top; i++) {
		const struct triage_mem_task *t = &r.top[i];

		m->top[i].pid = t->pid;
		m->top[i].oom_score_adj = t->oom_score_adj;
		safe_strcpy(m->top[i].comm, t->comm, sizeof(t->comm));
		m->top[i].rss_pages = t->rss_pages;
		m->top[i].anon_pages = t->anon_pages;
		m->top[i].swap_entries = t->swap_entries;
	}
	s->has_memory = true;
}

static void decode_oom(struct snapshot *s, const uint8_t *p, size_t n,
		       uint16_t flags)
{
	struct triage_rec_oom r;
	struct snap_oom *o = &s->oom;

	if (s->has_oom)
		snap_warn(s, "a second OOM record replaced the first");
	copy_payload(&r, sizeof(r), p, n);
#define OCOV(f) covers(n, offsetof(struct triage_rec_oom, f), sizeof(r.f))
	memset(o, 0, sizeof(*o));
	o->pid = OCOV(pid) ? r.pid : -1;
	o->tgid = OCOV(tgid) ? r.tgid : -1;
	safe_strcpy(o->comm, r.comm, sizeof(r.comm));
	o->gfp_mask = r.gfp_mask;
	o->order = r.order;
	o->memcg = r.memcg;
	o->count = r.count;
	o->age_ns = r.age_ns;
	o->totalpages = r.totalpages;
	o->has_gfp = OCOV(gfp_mask);
	o->has_order = OCOV(order);
	o->has_memcg = OCOV(memcg);
	o->has_age = OCOV(age_ns);
	o->has_totalpages = OCOV(totalpages);
#undef OCOV
	o->rec_flags = flags;
	s->has_oom = true;
}

static void decode_taskwalk(struct snapshot *s, const uint8_t *p, size_t n,
			    uint16_t flags)
{
	if (s->has_taskwalk)
		snap_warn(s, "a second task-walk record replaced the first");
	copy_payload(&s->taskwalk, sizeof(s->taskwalk), p, n);
	if (s->hdr.version_minor < 4)	/* reserved before 1.4 */
		s->taskwalk.nr_left_out = 0;
	s->taskwalk_rec_flags = flags;
	s->has_taskwalk = true;
}

/* Settings the payload does not hold read -1 (unknown), not 0. */
static void decode_sysctl(struct snapshot *s, const uint8_t *p, size_t n)
{
	struct triage_rec_sysctl *y = &s->sysctl;
	size_t have = n < sizeof(*y) ? n : sizeof(*y);

	if (s->has_sysctl)
		snap_warn(s, "a second sysctl record replaced the first");
	memset(y, 0xff, sizeof(*y));
	/* whole fields only: every one is 4 or 8 bytes, 4-aligned */
	have &= ~(size_t)3;
	memcpy(y, p, have);
	if (have < sizeof(y->hung_task_timeout_secs))
		y->hung_task_timeout_secs = -1;
	s->has_sysctl = true;
}

static enum status decode_record(struct snapshot *s,
				 const struct triage_record *rec,
				 const uint8_t *p)
{
	size_t n = rec->size;

	if (rec->flags & TRIAGE_REC_F_TRUNCATED)
		s->nr_rec_truncated++;
	switch (rec->type) {
	case TRIAGE_REC_SYSTEM:
		if (s->has_system)
			snap_warn(s, "a second system record replaced the first");
		decode_system(s, p, n);
		return ST_OK;
	case TRIAGE_REC_CRASH:
		if (s->has_crash)
			snap_warn(s, "a second crash record replaced the first");
		decode_crash(s, p, n, rec->flags);
		return ST_OK;
	case TRIAGE_REC_BACKTRACE:
		return decode_backtrace(s, p, n, rec->flags);
	case TRIAGE_REC_MODULES:
		return decode_modules(s, p, n, rec->flags);
	case TRIAGE_REC_LOG:
		return decode_log(s, p, n, rec->flags);
	case TRIAGE_REC_NOTE:
		return decode_note(s, p, n);
	case TRIAGE_REC_TASK:
		return decode_task(s, p, n, rec->flags);
	case TRIAGE_REC_TASKS:
		decode_taskwalk(s, p, n, rec->flags);
		return ST_OK;
	case TRIAGE_REC_SYSCTL:
		decode_sysctl(s, p, n);
		return ST_OK;
	case TRIAGE_REC_CPU:
		return decode_cpu(s, p, n, rec->flags);
	case TRIAGE_REC_LOCKUP:
		decode_lockup(s, p, n, rec->flags);
		return ST_OK;
	case TRIAGE_REC_MEMORY:
		decode_memory(s, p, n, rec->flags);
		return ST_OK;
	case TRIAGE_REC_OOM:
		decode_oom(s, p, n, rec->flags);
		return ST_OK;
	}
	s->nr_unknown++;
	return ST_OK;
}

/*
 * A torn snapshot whose data CRC does not match: the CRC may still match at
 * an earlier record boundary (the module stopped between writing data_size
 * and data_crc).  @crc runs over the data up to @end.
 */
static void torn_crc_at(struct snapshot *s, uLong *crc, const uint8_t *data,
			size_t *done, size_t end)
{
	if (!s->torn.present || s->torn.data_crc != SNAP_CRC_MISMATCH ||
	    end <= *done)
		return;
	*crc = crc32(*crc, data + *done, (uInt)(end - *done));
	*done = end;
	if ((uint32_t)*crc == s->hdr.data_crc)
		s->torn.verified_records = s->nr_records;
}

static void walk_records(struct snapshot *s, const uint8_t *data, size_t len,
			 bool complete)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	size_t off = 0, crc_done = 0;

	while (off < len) {
		struct triage_record rec;
		size_t next;

		if (len - off < sizeof(rec)) {
			snap_damaged(s, "record %zu at data offset %zu: header cut short (%zu bytes left)",
				     s->nr_records, off, len - off);
			return;
		}
		memcpy(&rec, data + off, sizeof(rec));
		if (rec.size > len - off - sizeof(rec)) {
			snap_damaged(s, "record %zu at data offset %zu: size %u overflows the data (%zu bytes left)",
				     s->nr_records, off, rec.size,
				     len - off - sizeof(rec));
			return;
		}
		if (decode_record(s, &rec, data + off + sizeof(rec)) != ST_OK) {
			snap_fail(s, ST_ERR_NOMEM,
				  "out of memory decoding record %zu",
				  s->nr_records);
			return;
		}
		s->nr_records++;
		s->last_type = rec.type;
		next = off + sizeof(rec) + rec.size;
		next = (next + TRIAGE_RECORD_ALIGN - 1) &
		       ~(size_t)(TRIAGE_RECORD_ALIGN - 1);
		torn_crc_at(s, &crc, data, &crc_done, next < len ? next : len);
		off = next;	/* padding past @len ends the walk */
	}
	if (complete && s->nr_records != s->hdr.record_count)
		snap_warn(s, "header says %u records, the data holds %zu",
			  s->hdr.record_count, s->nr_records);
}

/* A torn snapshot: what its records are worth, and why it is not valid. */
static void finish_torn(struct snapshot *s)
{
	struct snap_torn *t = &s->torn;
	const char *sect = snapshot_section_name(t->section);

	if (t->data_crc == SNAP_CRC_OK)
		t->verified_records = s->nr_records;
	if (t->faulted && s->nr_notes && s->last_type == TRIAGE_REC_NOTE)
		t->fault = s->notes[s->nr_notes - 1].text;
	else if (t->faulted)
		snap_warn(s, "the capture faulted, but its last record is not the note that says where");
	s->recovered = true;
	if (t->section == TRIAGE_SECT_DONE && !t->faulted)
		snap_fail(s, ST_ERR_STATE,
			  "torn: the capture stopped while committing (%zu records written)",
			  s->nr_records);
	else
		snap_fail(s, ST_ERR_STATE,
			  "torn: the capture %s in section %s after %zu records",
			  t->faulted ? "faulted" : "stopped", sect,
			  s->nr_records);
}

enum status snapshot_decode(struct snapshot *s, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	size_t avail, walk;
	uLong crc;
	enum status st;

	memset(s, 0, sizeof(*s));
	s->bytes = len;
	if (len > SNAPSHOT_MAX_BYTES)
		len = SNAPSHOT_MAX_BYTES;
	st = check_header(s, b, len);
	if (st == ST_OK)
		st = check_state(s);
	if (st != ST_OK) {
		s->status = st;
		return st;
	}
	if (s->torn.present)
		check_torn_header_crc(s, b);
	else if (!check_header_crc(s, b))
		return s->status;

	avail = len - s->hdr.header_size;
	walk = s->hdr.data_size;
	if (walk > avail) {
		if (s->torn.present) {
			s->torn.data_crc = SNAP_CRC_SHORT;
			snap_warn(s, "truncated: %zu of %u data bytes present",
				  avail, s->hdr.data_size);
		} else {
			snap_fail(s, ST_ERR_CORRUPT,
				  "truncated: %zu of %u data bytes present",
				  avail, s->hdr.data_size);
		}
		walk = avail;
	} else {
		crc = crc32(crc32(0L, Z_NULL, 0), b + s->hdr.header_size,
			    (uInt)walk);
		if ((uint32_t)crc == s->hdr.data_crc) {
			s->torn.data_crc = SNAP_CRC_OK;
		} else if (s->torn.present) {
			s->torn.data_crc = SNAP_CRC_MISMATCH;
			snap_warn(s, "data CRC mismatch (stored 0x%08x, computed 0x%08x): the torn snapshot's records were read unverified",
				  s->hdr.data_crc, (uint32_t)crc);
		} else {
			snap_fail(s, ST_ERR_CORRUPT,
				  "data CRC mismatch (stored 0x%08x, computed 0x%08x): the records are not trusted",
				  s->hdr.data_crc, (uint32_t)crc);
		}
	}
	walk_records(s, b + s->hdr.header_size, walk,
		     walk == s->hdr.data_size);
	if (s->torn.present)
		finish_torn(s);
	s->valid = s->status == ST_OK;
	return s->status;
}

bool snapshot_header_sane(const void *buf, size_t len)
{
	struct snapshot s;
	uint32_t as_state;

	memset(&s, 0, sizeof(s));
	if (check_header(&s, buf, len) != ST_OK)
		return false;
	if (s.hdr.state == TRIAGE_STATE_COMMITTED)
		as_state = TRIAGE_STATE_COMMITTED;
	else if (s.hdr.state == TRIAGE_STATE_TORN && torn_readable(&s.hdr))
		as_state = TRIAGE_STATE_TORN;
	else
		return true;	/* no header CRC to check */
	return header_crc(buf, s.hdr.header_size, as_state) ==
	       s.hdr.header_crc;
}

void snapshot_free(struct snapshot *s)
{
	size_t i;

	for (i = 0; i < s->nr_backtraces; i++)
		free(s->backtraces[i].frames);
	free(s->backtraces);
	for (i = 0; i < s->nr_notes; i++)
		free(s->notes[i].text);
	free(s->notes);
	free(s->modules);
	free(s->log);
	for (i = 0; i < s->nr_tasks; i++)
		free(s->tasks[i].frames);
	free(s->tasks);
	for (i = 0; i < s->nr_cpus; i++)
		free(s->cpus[i].frames);
	free(s->cpus);
	s->cpus = NULL;
	s->nr_cpus = s->cpus_cap = 0;
	s->tasks = NULL;
	s->nr_tasks = s->tasks_cap = 0;
	s->backtraces = NULL;
	s->notes = NULL;
	s->modules = NULL;
	s->log = NULL;
	s->nr_backtraces = s->nr_notes = s->nr_modules = 0;
}

const struct snap_backtrace *snapshot_backtrace(const struct snapshot *s,
						uint32_t source)
{
	size_t i;

	for (i = 0; i < s->nr_backtraces; i++)
		if (s->backtraces[i].source == source)
			return &s->backtraces[i];
	return NULL;
}

const struct snap_cpu *snapshot_cpu(const struct snapshot *s, int cpu)
{
	size_t i;

	for (i = 0; cpu >= 0 && i < s->nr_cpus; i++)
		if (s->cpus[i].cpu == cpu)
			return &s->cpus[i];
	return NULL;
}

bool snapshot_usable(const struct snapshot *s)
{
	return s && (s->valid || s->recovered);
}

const char *snapshot_state_name(uint32_t state)
{
	switch (state) {
	case TRIAGE_STATE_ARMED:	return "armed";
	case TRIAGE_STATE_WRITING:	return "writing";
	case TRIAGE_STATE_COMMITTED:	return "committed";
	case TRIAGE_STATE_RETIRED:	return "retired";
	case TRIAGE_STATE_TORN:		return "torn";
	}
	return "unknown";
}

const char *snapshot_section_name(uint32_t section)
{
	static const char *const names[TRIAGE_SECT_COUNT] = TRIAGE_SECT_NAMES;

	if (section < TRIAGE_SECT_COUNT && names[section])
		return names[section];
	return "unknown";
}

const char *snapshot_hook_name(uint32_t hook)
{
	static const char *const names[] = {
		[TRIAGE_HOOK_NONE] = "none",
		[TRIAGE_HOOK_CRASH_KEXEC] = "crash_kexec",
		[TRIAGE_HOOK_PANIC] = "panic",
		[TRIAGE_HOOK_DIE] = "die",
		[TRIAGE_HOOK_OOM] = "oom",
		[TRIAGE_HOOK_NMI] = "nmi",
		[TRIAGE_HOOK_WATCHDOG] = "watchdog",
		[TRIAGE_HOOK_MANUAL] = "manual",
	};

	if (hook < sizeof(names) / sizeof(names[0]) && names[hook])
		return names[hook];
	return "unknown";
}

const char *snapshot_arch_name(uint32_t arch)
{
	switch (arch) {
	case TRIAGE_ARCH_X86_64:	return "x86_64";
	case TRIAGE_ARCH_ARM64:		return "arm64";
	}
	return "unknown";
}

bool snap_task_blocked(const struct snap_task *t)
{
	if (t->task_flags & TRIAGE_TASK_F_IDLE)
		return false;
	if (t->task_flags & TRIAGE_TASK_F_UNINTERRUPTIBLE)
		return true;
	/* TASK_KILLABLE waits (mmap_read_lock_killable...) are D as well,
	 * though khungtaskd of 6.1 skips them; TASK_IDLE ones are not */
	return !(t->task_flags & TRIAGE_TASK_F_ON_CPU) && (t->state & 0x2) &&
	       !(t->state & 0x400);
}

bool snap_task_running(const struct snap_task *t)
{
	if (t->task_flags & TRIAGE_TASK_F_ON_CPU)
		return true;
	return t->state == 0 && !(t->task_flags &
				  (TRIAGE_TASK_F_UNINTERRUPTIBLE |
				   TRIAGE_TASK_F_IDLE));
}

const char *snap_task_state_letter(const struct snap_task *t)
{
	uint32_t st = t->state;

	if (t->task_flags & TRIAGE_TASK_F_IDLE)
		return "I";
	if (t->task_flags & TRIAGE_TASK_F_UNINTERRUPTIBLE)
		return "D";
	if (st == 0 || (t->task_flags & TRIAGE_TASK_F_ON_CPU))
		return "R";
	if ((st & 0x402) == 0x402)	/* TASK_IDLE */
		return "I";
	if (st & 0x1)			/* TASK_INTERRUPTIBLE */
		return "S";
	if (st & 0x2)			/* TASK_UNINTERRUPTIBLE */
		return "D";
	if (st & 0x4)			/* __TASK_STOPPED */
		return "T";
	if (st & 0x8)			/* __TASK_TRACED */
		return "t";
	if (st & 0x40)			/* TASK_PARKED */
		return "P";
	if (st & 0x80)			/* TASK_DEAD */
		return "X";
	return "?";
}

const char *snap_lock_type_name(uint32_t type)
{
	static const char *const names[] = {
		[TRIAGE_LOCK_NONE] = "none",
		[TRIAGE_LOCK_MUTEX] = "mutex",
		[TRIAGE_LOCK_RWSEM] = "rwsem",
		[TRIAGE_LOCK_SEMAPHORE] = "semaphore",
		[TRIAGE_LOCK_PERCPU_RWSEM] = "percpu_rwsem",
		[TRIAGE_LOCK_RT_MUTEX] = "rt_mutex",
		[TRIAGE_LOCK_COMPLETION] = "completion",
		[TRIAGE_LOCK_WAITQUEUE] = "waitqueue",
		[TRIAGE_LOCK_SPINLOCK] = "spinlock",
		[TRIAGE_LOCK_RWLOCK] = "rwlock",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "unknown";
}

const char *snap_container_name(uint32_t container)
{
	switch (container) {
	case TRIAGE_CONT_MM:		return "mm";
	case TRIAGE_CONT_SB_WRITERS:	return "sb_writers";
	case TRIAGE_CONT_INODE:		return "inode";
	}
	return NULL;
}
