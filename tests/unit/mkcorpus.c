// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mkcorpus.c - writes the fuzzers' seed corpora: for fuzz_decode the test
 * fixtures and a few edge cases, each as header + data bytes, and the test
 * logs as text; with --vmcoreinfo, VMCOREINFO texts for fuzz_vmcoreinfo;
 * with --logs, kernel logs for fuzz_loglines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"

static void emit(const char *dir, const char *name, struct snapbuild *b,
		 size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b->buf, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
	sb_free(b);
}

static void emit_text(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

struct fixture {
	const char *name;
	void (*build)(struct snapbuild *);
};

static void fx_sysrq1(struct snapbuild *b) { fx_sysrq(b, 1); }
static void fx_lockup1(struct snapbuild *b) { fx_lockup_watchdog(b, 1); }
static void fx_victim(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_RESPONDED | TRIAGE_CPU_F_IRQS_OFF);
}
static void fx_victim_deaf(struct snapbuild *b)
{
	fx_soft_victim(b, TRIAGE_CPU_F_NO_RESPONSE);
}
static void fx_atomic1(struct snapbuild *b) { fx_atomic_sleep(b, 1, 1); }

/* Seeds of the VMCOREINFO parser: what kernels write, and near misses. */
static void vmcoreinfo_seeds(const char *dir)
{
	static const char *const seeds[][2] = {
		{ "vmci_x86", "OSRELEASE=6.1.0-56-amd64\nBUILD-ID=4c1a3f\nPAGESIZE=4096\n"
		  "SYMBOL(init_uts_ns)=ffffffff82a15480\nOFFSET(list_head.next)=0\n"
		  "NUMBER(pgtable_l5_enabled)=0\nKERNELOFFSET=1e000000\n"
		  "TRIAGE_REGION=0x7f000000,0x100000\nCRASHTIME=1700000000\n" },
		{ "vmci_arm64", "OSRELEASE=6.12.0-1-arm64\nPAGESIZE=65536\n"
		  "NUMBER(VA_BITS)=48\nTRIAGE_REGION=0x40000000,0x100000\n"
		  "TRIAGE_REGION=0x41000000,0x400000\nCRASHTIME=-5\n" },
		{ "vmci_reloads", "TRIAGE_REGION=0x1000000,0x100000\nTRIAGE_REGION=0x1100000,0x100000\n"
		  "TRIAGE_REGION=0x1200000,0x100000\nTRIAGE_REGION=0x1300000,0x100000\n"
		  "TRIAGE_REGION=0x1400000,0x100000\nTRIAGE_REGION=0x1500000,0x100000\n"
		  "TRIAGE_REGION=0x1600000,0x100000\nTRIAGE_REGION=0x1700000,0x100000\n"
		  "TRIAGE_REGION=0x1800000,0x100000\nTRIAGE_REGION=0x1900000,0x100000\n"
		  "TRIAGE_REGION=0x1a00000,0x100000\nTRIAGE_REGION=0x1b00000,0x100000\n"
		  "TRIAGE_REGION=0x1c00000,0x100000\nTRIAGE_REGION=0x1d00000,0x100000\n"
		  "TRIAGE_REGION=0x1e00000,0x100000\nTRIAGE_REGION=0x1f00000,0x100000\n"
		  "TRIAGE_REGION=0x2000000,0x100000\n" },
		{ "vmci_bad", "TRIAGE_REGION=garbage\nTRIAGE_REGION=0x1,\nTRIAGE_REGION=,0x2\n"
		  "TRIAGE_REGION=0xffffffffffffffffff,1\nTRIAGE_REGION=1,2junk\n"
		  "OSRELEASE=\x01\xff\tlong release name that goes on and on and on and on and on and on past the field\n"
		  "PAGESIZE=-1\nCRASHTIME=99999999999999999999999\n=\n\n\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
		emit_text(dir, seeds[i][0], seeds[i][1]);
}

/* Seeds of the log parsing: the test logs, and the log tail of every
 * fixture snapshot (oops, BUG, WARN, hung task, OOM, lockups...). */
static void log_seeds(const char *dir, const struct fixture *fx, size_t n)
{
	struct snapbuild b;
	struct snapshot s;
	char name[64];
	size_t i;

	emit_text(dir, "log_vfs_panic", fx_log_vfs_panic);
	emit_text(dir, "log_arm64_null", fx_log_arm64_null);
	emit_text(dir, "log_sysrq", fx_log_sysrq);
	emit_text(dir, "log_hung", fx_log_hung);
	emit_text(dir, "log_hung_blocker", fx_log_hung_blocker);
	emit_text(dir, "log_soft_lockup", fx_log_soft_lockup);
	for (i = 0; i < n; i++) {
		fx[i].build(&b);
		snapshot_decode(&s, b.buf, sb_len(&b));
		if (s.log) {
			snprintf(name, sizeof(name), "log_of_%s", fx[i].name);
			emit_text(dir, name, s.log);
		}
		snapshot_free(&s);
		sb_free(&b);
	}
}

int main(int argc, char **argv)
{
	static const struct fixture fx[] = {
		{ "panic", fx_panic }, { "sysrq", fx_sysrq1 },
		{ "oops_null", fx_oops_null }, { "bug", fx_bug },
		{ "gpf", fx_gpf }, { "warn", fx_warn },
		{ "hung_self", fx_hung_self }, { "hung_frozen", fx_hung_frozen },
		{ "hung_abba", fx_hung_abba },
		{ "oom", fx_oom }, { "lockup_watchdog", fx_lockup1 },
		{ "soft_lockup", fx_soft_lockup }, { "soft_victim", fx_victim },
		{ "soft_victim_deaf", fx_victim_deaf },
		{ "atomic_sleep", fx_atomic1 },
	};
	struct snapbuild b;
	struct triage_rec_memory *mem;
	struct triage_rec_tasks *walk;
	uint32_t crc;
	size_t i;

	if (argc == 3 && strcmp(argv[1], "--vmcoreinfo") == 0) {
		vmcoreinfo_seeds(argv[2]);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--logs") == 0) {
		log_seeds(argv[2], fx, sizeof(fx) / sizeof(fx[0]));
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: mkcorpus [--vmcoreinfo | --logs] DIR\n");
		return 2;
	}
	for (i = 0; i < sizeof(fx) / sizeof(fx[0]); i++) {
		fx[i].build(&b);
		emit(argv[1], fx[i].name, &b, sb_len(&b));
	}
	fx_panic(&b);
	sb_commit(&b, TRIAGE_STATE_WRITING);
	emit(argv[1], "torn", &b, sb_len(&b));
	/* format 1.4 torn snapshots: cut short, sealed after a fault, with
	 * a data CRC one record behind, and the same cut short by 1.3 */
	fx_oops_null(&b);
	sb_keep_records(&b, 4);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_MODULES, 0);
	emit(argv[1], "torn_writing", &b, sb_len(&b));
	fx_hung_self(&b);
	sb_note(&b, TRIAGE_NOTE_TRUNCATED,
		"fault in section tasks at triage_walk_tasks+0x7c/0x210 [triage_capture]");
	sb_tear(&b, TRIAGE_STATE_TORN, TRIAGE_SECT_TASKS,
		TRIAGE_HDR_F_TORN | TRIAGE_HDR_F_FAULT);
	emit(argv[1], "torn_sealed", &b, sb_len(&b));
	fx_oops_null(&b);
	sb_keep_records(&b, 5);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_LOG, 0);
	crc = sb_hdr(&b)->data_crc;
	sb_free(&b);
	fx_oops_null(&b);
	sb_tear(&b, TRIAGE_STATE_WRITING, TRIAGE_SECT_MEMORY, 0);
	sb_hdr(&b)->data_crc = crc;
	emit(argv[1], "torn_crc_behind", &b, sb_len(&b));
	fx_oops_null(&b);
	sb_hdr(&b)->version_minor = 3;
	sb_keep_records(&b, 4);
	sb_commit(&b, TRIAGE_STATE_WRITING);
	emit(argv[1], "writing_1_3", &b, sb_len(&b));
	/* 1.4 facts: tasks left out past the cap, memory counters not read */
	fx_oom(&b);
	mem = sb_find(&b, TRIAGE_REC_MEMORY);
	if (mem)
		mem->mem_flags = TRIAGE_MEM_F_APPROX | TRIAGE_MEM_F_NO_BUFFERS;
	sb_tasks(&b, 20000, 4, 3000, 1024, TRIAGE_WALK_F_CAPPED);
	walk = sb_find(&b, TRIAGE_REC_TASKS);
	if (walk)
		walk->nr_left_out = 1976;
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	emit(argv[1], "oom_flags_1_4", &b, sb_len(&b));
	sb_init(&b, 4096, 0x1000);
	sb_commit(&b, TRIAGE_STATE_ARMED);
	emit(argv[1], "armed", &b, sb_len(&b));
	sb_init(&b, 4096, 0x1000);
	sb_record(&b, 99, 0, "future", 6);
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	emit(argv[1], "unknown_record", &b, sb_len(&b));
	emit_text(argv[1], "log_vfs_panic", fx_log_vfs_panic);
	emit_text(argv[1], "log_arm64_null", fx_log_arm64_null);
	emit_text(argv[1], "log_sysrq", fx_log_sysrq);
	emit_text(argv[1], "log_hung", fx_log_hung);
	emit_text(argv[1], "log_soft_lockup", fx_log_soft_lockup);
	return 0;
}
