// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * snapbuild.c - writes synthetic snapshots in the triage format, for unit
 * tests and the fuzzer's seed corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "snapbuild.h"

struct triage_header *sb_hdr(struct snapbuild *b)
{
	return (struct triage_header *)b->buf;
}

void sb_init(struct snapbuild *b, size_t region_size, uint64_t phys)
{
	struct triage_header *h;

	b->buf = calloc(1, region_size);
	if (!b->buf) {
		perror("snapbuild");
		abort();
	}
	b->region_size = region_size;
	b->used = sizeof(*h);
	b->nr_records = 0;
	h = sb_hdr(b);
	h->magic = TRIAGE_MAGIC;
	h->version_major = TRIAGE_VERSION_MAJOR;
	h->version_minor = TRIAGE_VERSION_MINOR;
	h->header_size = sizeof(*h);
	h->region_size = region_size;
	h->region_phys = phys;
	h->arch = TRIAGE_ARCH_X86_64;
	h->hook = TRIAGE_HOOK_CRASH_KEXEC;
	h->cpu = 1;
	h->capture_ns = 123456;
	h->sequence = 1;
	h->state = TRIAGE_STATE_ARMED;
}

void sb_free(struct snapbuild *b)
{
	free(b->buf);
	b->buf = NULL;
}

void *sb_record(struct snapbuild *b, uint16_t type, uint16_t flags,
		const void *payload, uint32_t size)
{
	struct triage_record rec = { .type = type, .flags = flags, .size = size };
	size_t need = sizeof(rec) + ((size + 7u) & ~7u);
	uint8_t *p;

	if (b->used + need > b->region_size) {
		fprintf(stderr, "snapbuild: region full\n");
		abort();
	}
	memcpy(b->buf + b->used, &rec, sizeof(rec));
	p = b->buf + b->used + sizeof(rec);
	if (payload)
		memcpy(p, payload, size);
	b->used += need;
	b->nr_records++;
	return p;
}

void sb_system(struct snapbuild *b, const char *release, const char *machine,
	       uint64_t taint)
{
	struct triage_rec_system r;

	memset(&r, 0, sizeof(r));
	snprintf(r.release, sizeof(r.release), "%s", release);
	snprintf(r.version, sizeof(r.version), "#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1");
	snprintf(r.machine, sizeof(r.machine), "%s", machine);
	snprintf(r.nodename, sizeof(r.nodename), "testhost");
	snprintf(r.boot_id, sizeof(r.boot_id), "0b6c1a4e-1f2d-4c3b-9a8e-123456789abc");
	r.uptime_ns = 79803924000ull;
	r.realtime_s = 1700000000;
	r.taint = taint;
	r.page_size = 4096;
	r.nr_cpus_online = 2;
	r.nr_cpus_possible = 2;
	sb_record(b, TRIAGE_REC_SYSTEM, 0, &r, sizeof(r));
}

void sb_crash(struct snapbuild *b, uint32_t reason, int cpu, int pid,
	      const char *comm, const char *message, const char *die_str,
	      int trapnr)
{
	struct triage_rec_crash r;

	memset(&r, 0, sizeof(r));
	r.reason = reason;
	r.cpu = cpu;
	r.pid = pid;
	r.tgid = pid;
	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	snprintf(r.message, sizeof(r.message), "%s", message ? message : "");
	snprintf(r.die_str, sizeof(r.die_str), "%s", die_str ? die_str : "");
	r.trapnr = trapnr;
	if (reason == TRIAGE_REASON_DIE) {
		r.crash_flags = TRIAGE_CF_REGS | TRIAGE_CF_REGS_EXACT |
				TRIAGE_CF_FAULT_ADDR;
		r.fault_addr = trapnr == 14 ? 0x10 : 0;
		r.regs_arch = TRIAGE_ARCH_X86_64;
		r.nr_regs = 21;
		r.regs[16] = 0xffffffffc0a01234ull;	/* ip */
		r.regs[19] = 0xffffb4c2c0137d88ull;	/* sp */
	}
	sb_record(b, TRIAGE_REC_CRASH, 0, &r, sizeof(r));
}

void sb_backtrace(struct snapbuild *b, uint32_t source, int pid, int cpu,
		  const char *const *syms, unsigned int n)
{
	size_t size = sizeof(struct triage_rec_backtrace) +
		      n * sizeof(struct triage_frame);
	struct triage_rec_backtrace *r = calloc(1, size);
	struct triage_frame *f = (struct triage_frame *)(r + 1);
	unsigned int i;

	r->pid = pid;
	r->cpu = cpu;
	r->source = source;
	r->nr_frames = n;
	for (i = 0; i < n; i++) {
		f[i].addr = 0xffffffff81000000ull + 0x1000 * i;
		snprintf(f[i].sym, sizeof(f[i].sym), "%s", syms[i]);
	}
	sb_record(b, TRIAGE_REC_BACKTRACE, 0, r, (uint32_t)size);
	free(r);
}

void sb_module(struct snapbuild *b, const char *name, uint64_t base,
	       uint32_t size, uint32_t flags)
{
	struct {
		struct triage_rec_modules h;
		struct triage_module m;
	} r;

	memset(&r, 0, sizeof(r));
	r.h.nr_loaded = 42;
	r.h.nr_entries = 1;
	snprintf(r.m.name, sizeof(r.m.name), "%s", name);
	r.m.text_base = base;
	r.m.text_size = size;
	r.m.flags = flags;
	r.m.taints = 1u << 12;
	sb_record(b, TRIAGE_REC_MODULES, 0, &r, sizeof(r));
}

static void sb_text(struct snapbuild *b, uint16_t type, uint32_t a,
		    const char *text)
{
	size_t n = strlen(text);
	uint8_t *p = malloc(8 + n + 1);
	uint32_t len = (uint32_t)n;

	if (type == TRIAGE_REC_LOG) {
		memcpy(p, &len, 4);
		memcpy(p + 4, &a, 4);
	} else {
		memcpy(p, &a, 4);
		memcpy(p + 4, &len, 4);
	}
	memcpy(p + 8, text, n);
	sb_record(b, type, 0, p, (uint32_t)(8 + n));
	free(p);
}

void sb_log(struct snapbuild *b, const char *text)
{
	sb_text(b, TRIAGE_REC_LOG, 0, text);
}

void sb_note(struct snapbuild *b, uint32_t kind, const char *text)
{
	sb_text(b, TRIAGE_REC_NOTE, kind, text);
}

uint64_t sb_task_addr(int pid)
{
	return 0xffff888004000000ull + (uint64_t)(uint32_t)pid * 0x2400;
}

struct triage_rec_task sb_task_head(int pid, const char *comm,
				    uint32_t flags, double blocked_s)
{
	struct triage_rec_task t;

	memset(&t, 0, sizeof(t));
	t.pid = pid;
	t.tgid = pid;
	snprintf(t.comm, sizeof(t.comm), "%s", comm);
	t.task_flags = flags;
	t.state = (flags & TRIAGE_TASK_F_UNINTERRUPTIBLE) ? 2 :
		  (flags & TRIAGE_TASK_F_ON_CPU) ? 0 : 1;
	t.cpu = pid % 2;
	t.task = sb_task_addr(pid);
	t.blocked_ns = (uint64_t)(blocked_s * 1e9);
	t.blocked_source = TRIAGE_BLOCKED_HUNG_TASK;
	t.wait.owner_pid = -1;
	t.wait.container_pid = -1;
	return t;
}

void sb_task_wait(struct triage_rec_task *t, uint32_t type, uint64_t addr,
		  const char *sym, int owner_pid, uint32_t flags)
{
	t->wait.type = type;
	t->wait.addr = addr;
	t->wait.flags = flags;
	t->wait.owner_pid = owner_pid;
	t->wait.owner = owner_pid >= 0 ? sb_task_addr(owner_pid) : 0;
	t->wait.raw = t->wait.owner;
	snprintf(t->wait.symbol, sizeof(t->wait.symbol), "%s", sym ? sym : "");
}

void sb_task_ex(struct snapbuild *b, const struct triage_rec_task *t,
		const char *const *syms, unsigned int n, uint32_t cut,
		uint16_t rec_flags)
{
	size_t size = sizeof(*t) + n * sizeof(struct triage_frame);
	uint8_t *p = calloc(1, size);
	struct triage_rec_task *h = (struct triage_rec_task *)p;
	struct triage_frame *f = (struct triage_frame *)(p + sizeof(*t));
	unsigned int i;

	*h = *t;
	h->nr_frames = n;
	for (i = 0; i < n; i++) {
		f[i].addr = 0xffffffff81100000ull + 0x1000 * i;
		snprintf(f[i].sym, sizeof(f[i].sym), "%s", syms[i]);
	}
	sb_record(b, TRIAGE_REC_TASK, rec_flags, p,
		  cut ? cut : (uint32_t)size);
	free(p);
}

void sb_task(struct snapbuild *b, const struct triage_rec_task *t,
	     const char *const *syms, unsigned int n)
{
	sb_task_ex(b, t, syms, n, 0, 0);
}

void sb_tasks(struct snapbuild *b, uint32_t threads, uint32_t running,
	      uint32_t d, uint32_t recorded, uint32_t flags)
{
	struct triage_rec_tasks r;

	memset(&r, 0, sizeof(r));
	r.nr_threads = threads;
	r.nr_running = running;
	r.nr_uninterruptible = d;
	r.nr_recorded = recorded;
	r.walk_flags = flags;
	r.walk_ns = 412000;
	sb_record(b, TRIAGE_REC_TASKS, 0, &r, sizeof(r));
}

struct triage_rec_sysctl sb_sysctl_defaults(long long hung_timeout,
					    int hung_panic)
{
	struct triage_rec_sysctl y;

	memset(&y, 0, sizeof(y));
	y.hung_task_timeout_secs = hung_timeout;
	y.hung_task_panic = hung_panic;
	y.panic_timeout = 0;
	y.watchdog_thresh = 10;
	y.hung_task_check_count = 4194304;
	return y;
}

void sb_sysctl(struct snapbuild *b, const struct triage_rec_sysctl *y)
{
	sb_record(b, TRIAGE_REC_SYSCTL, 0, y, sizeof(*y));
}

void sb_cpu_ex(struct snapbuild *b, int cpu, uint32_t cpu_flags, int pid,
	       const char *comm, uint32_t preempt_count,
	       const char *const *syms, unsigned int n, uint32_t cut)
{
	size_t size = sizeof(struct triage_rec_cpu) +
		      n * sizeof(struct triage_frame);
	uint8_t *p = calloc(1, size);
	struct triage_rec_cpu *r = (struct triage_rec_cpu *)p;
	struct triage_frame *f = (struct triage_frame *)(r + 1);
	unsigned int i;

	r->cpu = cpu;
	r->cpu_flags = cpu_flags;
	r->pid = pid;
	r->preempt_count = preempt_count;
	if (comm)
		snprintf(r->comm, sizeof(r->comm), "%s", comm);
	r->task = pid >= 0 ? sb_task_addr(pid) : 0;
	if (cpu_flags & TRIAGE_CPU_F_RESPONDED) {
		r->regs_arch = TRIAGE_ARCH_X86_64;
		r->nr_regs = 21;
		r->regs[4] = 0xffffffffc0a03000ull;	/* bp: the lock */
		r->regs[16] = 0xffffffff81a00000ull;	/* ip */
		r->regs[18] = (cpu_flags & TRIAGE_CPU_F_IRQS_OFF) ? 0x46 :
			      0x246;			/* flags */
		r->source = TRIAGE_BT_NMI;
	}
	r->nr_frames = n;
	for (i = 0; i < n; i++) {
		f[i].addr = 0xffffffff81a00000ull + 0x100 * i;
		snprintf(f[i].sym, sizeof(f[i].sym), "%s", syms[i]);
	}
	sb_record(b, TRIAGE_REC_CPU, 0, p, cut ? cut : (uint32_t)size);
	free(p);
}

void sb_cpu(struct snapbuild *b, int cpu, uint32_t cpu_flags, int pid,
	    const char *comm, uint32_t preempt_count,
	    const char *const *syms, unsigned int n)
{
	sb_cpu_ex(b, cpu, cpu_flags, pid, comm, preempt_count, syms, n, 0);
}

void sb_lockup(struct snapbuild *b, int cpu, int detected_by,
	       uint64_t stuck_ms, uint64_t threshold_ms, uint64_t lock_addr,
	       const char *lock_sym)
{
	struct triage_rec_lockup r;

	memset(&r, 0, sizeof(r));
	r.cpu = cpu;
	r.detected_by = detected_by;
	r.stuck_ns = stuck_ms * 1000000ull;
	r.threshold_ns = threshold_ms * 1000000ull;
	if (lock_sym) {
		r.lock_addr = lock_addr;
		r.lock_val = 1;
		snprintf(r.lock_symbol, sizeof(r.lock_symbol), "%s", lock_sym);
	}
	sb_record(b, TRIAGE_REC_LOCKUP, lock_sym ? TRIAGE_REC_F_HEURISTIC : 0,
		  &r, sizeof(r));
}

void sb_memory(struct snapbuild *b, const struct triage_rec_memory *m,
	       uint32_t cut)
{
	sb_record(b, TRIAGE_REC_MEMORY, 0, m, cut ? cut : sizeof(*m));
}

void sb_oom(struct snapbuild *b, int pid, const char *comm, uint32_t gfp,
	    int order, uint32_t cut)
{
	struct triage_rec_oom r;

	memset(&r, 0, sizeof(r));
	r.pid = pid;
	r.tgid = pid;
	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	r.gfp_mask = gfp;
	r.order = order;
	r.count = 1;
	r.age_ns = 2000000;
	r.totalpages = 262144;
	sb_record(b, TRIAGE_REC_OOM, 0, &r, cut ? cut : sizeof(r));
}

void sb_kernel_flags(struct snapbuild *b, uint32_t kf)
{
	size_t off = sizeof(struct triage_header);

	while (off + sizeof(struct triage_record) <= b->used) {
		struct triage_record *rec = (void *)(b->buf + off);

		if (rec->type == TRIAGE_REC_SYSTEM) {
			struct triage_rec_system *y = (void *)(rec + 1);

			y->kernel_flags = kf;
			return;
		}
		off += sizeof(*rec) + ((rec->size + 7u) & ~7u);
	}
}

void sb_rehash_header(struct snapbuild *b)
{
	struct triage_header *h = sb_hdr(b);
	uint32_t state = h->state;
	uLong crc;

	h->header_crc = 0;
	h->state = TRIAGE_STATE_COMMITTED;
	crc = crc32(crc32(0L, Z_NULL, 0), b->buf, h->header_size);
	h->header_crc = (uint32_t)crc;
	h->state = state;
}

void sb_commit(struct snapbuild *b, uint32_t state)
{
	struct triage_header *h = sb_hdr(b);

	h->data_size = (uint32_t)(b->used - h->header_size);
	h->record_count = b->nr_records;
	h->data_crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0),
				      b->buf + h->header_size, h->data_size);
	h->state = state;
	sb_rehash_header(b);
}

size_t sb_len(const struct snapbuild *b)
{
	const struct triage_header *h = (const void *)b->buf;

	return h->header_size + h->data_size;
}

void *sb_find(struct snapbuild *b, uint16_t type)
{
	size_t off = sizeof(struct triage_header);

	while (off + sizeof(struct triage_record) <= b->used) {
		struct triage_record *rec = (void *)(b->buf + off);

		if (rec->type == type)
			return rec + 1;
		off += sizeof(*rec) + ((rec->size + 7u) & ~7u);
	}
	return NULL;
}

void sb_keep_records(struct snapbuild *b, uint32_t keep)
{
	size_t off = sizeof(struct triage_header);
	uint32_t n = 0;

	while (n < keep && off + sizeof(struct triage_record) <= b->used) {
		const struct triage_record *rec = (void *)(b->buf + off);

		off += sizeof(*rec) + ((rec->size + 7u) & ~7u);
		n++;
	}
	memset(b->buf + off, 0, b->used - off);
	b->used = off;
	b->nr_records = n;
}

void sb_tear(struct snapbuild *b, uint32_t state, uint32_t section,
	     uint32_t flags)
{
	struct triage_header *h = sb_hdr(b);
	uLong crc;

	h->data_size = (uint32_t)(b->used - h->header_size);
	h->record_count = b->nr_records;
	h->data_crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0),
				      b->buf + h->header_size, h->data_size);
	h->section = section;
	h->flags |= flags;
	h->capture_ns = 0;	/* the module sets it at commit */
	h->header_crc = 0;
	h->state = state;
	if (state == TRIAGE_STATE_TORN) {
		crc = crc32(crc32(0L, Z_NULL, 0), b->buf, h->header_size);
		h->header_crc = (uint32_t)crc;
	}
}
