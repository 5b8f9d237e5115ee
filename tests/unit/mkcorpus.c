// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mkcorpus.c - writes the fuzzer's seed corpus: the test fixtures and a few
 * edge cases, each as header + data bytes, and the test logs as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*build)(struct snapbuild *);
	} fx[] = {
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

	if (argc != 2) {
		fprintf(stderr, "usage: mkcorpus DIR\n");
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
