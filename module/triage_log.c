// SPDX-License-Identifier: GPL-2.0
/*
 * triage_log.c - the tail of the kernel log, read straight from the printk
 * ring buffer with the kmsg_dump iterator (lockless since v5.10's
 * printk_ringbuffer, so safe in panic and NMI context).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kmsg_dump.h>
#include "triage.h"

/**
 * triage_capture_log() - write the TRIAGE_REC_LOG record
 * @ctx: the capture
 * @len: set to the length of the text captured
 *
 * Return: the captured text inside the region (not NUL-terminated), or NULL.
 */
const char *triage_capture_log(const struct triage_ctx *ctx, size_t *len)
{
	struct kmsg_dump_iter iter;
	struct triage_rec_log *l;
	size_t n = 0;
	u32 got;

	*len = 0;
	l = triage_rec_reserve(TRIAGE_REC_LOG, sizeof(*l) + triage_log_bytes,
			       sizeof(*l) + 256, &got);
	if (!l)
		return NULL;
	kmsg_dump_rewind(&iter);
	/* Fills the buffer with the newest whole lines that fit. */
	kmsg_dump_get_buffer(&iter, false, (char *)(l + 1), got - sizeof(*l),
			     &n);
	l->len = n;
	/* The iterator now ends at the oldest line returned. */
	l->dropped = min_t(u64, iter.next_seq - iter.cur_seq, U32_MAX);
	triage_rec_finish(l, sizeof(*l) + n, 0);
	*len = n;
	return (const char *)(l + 1);
}
