// SPDX-License-Identifier: GPL-2.0
/*
 * triage_crash.c - the crash record (who, where, why, registers) and the
 * backtrace of the crash, symbolized now.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/irqflags.h>
#include <linux/kstrtox.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "triage.h"

#define TRIAGE_BT_MAX	64
#define TRIAGE_PANIC_PREFIX "Kernel panic - not syncing: "

/* Scratch for the records, used under the capture guard only. */
static struct triage_rec_crash triage_crash_rec;
static unsigned long triage_bt_addrs[TRIAGE_BT_MAX];
static struct pt_regs triage_caller_regs;

/* The text after the last occurrence of @key in the log, or NULL. */
static const char *triage_log_find(const char *log, size_t len, const char *key)
{
	const size_t klen = strlen(key);
	const char *hit = NULL, *p = log, *end = log + len;

	while (p + klen <= end) {
		const char *q = memchr(p, key[0], end - p);

		if (!q || q + klen > end)
			break;
		if (!memcmp(q, key, klen))
			hit = q + klen;
		p = q + 1;
	}
	return hit;
}

/*
 * The panic message of the last "Kernel panic - not syncing: " line in the
 * log tail: panic() prints it before it calls __crash_kexec().
 */
static void triage_find_panic_message(const char *log, size_t len, char *out,
				      size_t out_len)
{
	const char *hit = triage_log_find(log, len, TRIAGE_PANIC_PREFIX);
	const char *end = log + len, *eol;
	size_t n;

	if (!hit)
		return;
	eol = memchr(hit, '\n', end - hit);
	n = (eol ? eol : end) - hit;
	n = min(n, out_len - 1);
	memcpy(out, hit, n);
	out[n] = '\0';
}

/*
 * The faulting address of a kernel page fault, from the line the fault
 * handler printed before it died (x86: arch/x86/mm/fault.c
 * show_fault_oops(); arm64: arch/arm64/mm/fault.c die_kernel_fault()).  The
 * registers that held it (CR2, FAR_EL1) have been overwritten by then.
 */
static bool triage_find_fault_addr(const char *log, size_t len, u64 *addr)
{
	static const char * const keys[] = {
		"BUG: kernel NULL pointer dereference, address: ",
		"BUG: unable to handle page fault for address: ",
		"Unable to handle kernel NULL pointer dereference at virtual address ",
		"Unable to handle kernel paging request at virtual address ",
		"Unable to handle kernel access to user memory outside uaccess routines at virtual address ",
	};
	const char *hit = NULL, *h, *end = log + len;
	char hex[17];
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		h = triage_log_find(log, len, keys[i]);
		if (h > hit)
			hit = h;
	}
	if (!hit)
		return false;
	for (n = 0; n < 16 && hit + n < end && isxdigit(hit[n]); n++)
		hex[n] = hit[n];
	hex[n] = '\0';
	return n && !kstrtoull(hex, 16, addr);
}

/**
 * triage_regs_irqs_off() - were IRQs disabled in these registers?
 * @regs: registers of an interrupted or faulting context
 *
 * Return: true when the interrupt flag (x86 IF, arm64 PSTATE.I) was off.
 */
bool triage_regs_irqs_off(const struct pt_regs *regs)
{
#if defined(CONFIG_X86_64)
	return !(regs->flags & X86_EFLAGS_IF);
#elif defined(CONFIG_ARM64)
	return !interrupts_enabled(regs);
#else
	return false;
#endif
}

/**
 * triage_copy_regs_raw() - registers into a snapshot's register array
 * @out: TRIAGE_MAX_REGS slots
 * @arch: set to TRIAGE_ARCH_*
 * @regs: the registers
 *
 * Return: the number of slots filled.
 */
u32 triage_copy_regs_raw(__u64 *out, __u32 *arch, const struct pt_regs *regs)
{
#if defined(CONFIG_X86_64)
	BUILD_BUG_ON(sizeof(struct pt_regs) / sizeof(u64) > TRIAGE_MAX_REGS);
	memcpy(out, regs, sizeof(struct pt_regs));
	*arch = TRIAGE_ARCH_X86_64;
	return sizeof(struct pt_regs) / sizeof(u64);
#elif defined(CONFIG_ARM64)
	BUILD_BUG_ON(sizeof(struct user_pt_regs) / sizeof(u64) > TRIAGE_MAX_REGS);
	memcpy(out, &regs->user_regs, sizeof(struct user_pt_regs));
	*arch = TRIAGE_ARCH_ARM64;
	return sizeof(struct user_pt_regs) / sizeof(u64);
#else
	*arch = 0;
	return 0;
#endif
}

static void triage_copy_regs(struct triage_rec_crash *c, struct pt_regs *regs)
{
	c->nr_regs = triage_copy_regs_raw(c->regs, &c->regs_arch, regs);
	c->crash_flags |= TRIAGE_CF_REGS;
	if (user_mode(regs))
		c->crash_flags |= TRIAGE_CF_IN_USER;
}

/**
 * triage_capture_crash() - write the TRIAGE_REC_CRASH record
 * @ctx: the capture
 * @log: the log tail already captured (for the panic message), or NULL
 * @log_len: its length
 */
void triage_capture_crash(const struct triage_ctx *ctx, const char *log,
			  size_t log_len)
{
	struct triage_rec_crash *c = &triage_crash_rec;
	const struct triage_die *d = ctx->die;

	memset(c, 0, sizeof(*c));
	c->reason = ctx->reason;
	c->cpu = raw_smp_processor_id();
	c->pid = task_pid_nr(current);
	c->tgid = task_tgid_nr(current);
	c->preempt_count = preempt_count();
	strscpy(c->comm, current->comm, sizeof(c->comm));
	c->trapnr = -1;

	if (d) {
		c->trapnr = d->trapnr;
		c->die_err = d->err;
		strscpy(c->die_str, d->str, sizeof(c->die_str));
		if (log && triage_find_fault_addr(log, log_len, &c->fault_addr))
			c->crash_flags |= TRIAGE_CF_FAULT_ADDR;
#ifdef CONFIG_ARM64
		c->esr = d->err;
		c->crash_flags |= TRIAGE_CF_ESR;
#endif
	}
	if (ctx->regs) {
		triage_copy_regs(c, ctx->regs);
		c->crash_flags |= TRIAGE_CF_REGS_EXACT;
		/* Only the crash point's own flags say whether IRQs were off:
		 * panic() disables them itself.
		 */
		if (triage_regs_irqs_off(ctx->regs))
			c->crash_flags |= TRIAGE_CF_IRQS_OFF;
	} else if (ctx->hook_regs) {
		triage_copy_regs(c, ctx->hook_regs);
	}

	if (ctx->message)
		strscpy(c->message, ctx->message, sizeof(c->message));
	else if (log)
		triage_find_panic_message(log, log_len, c->message,
					  sizeof(c->message));
	triage_rec_add(TRIAGE_REC_CRASH, 0, c, sizeof(*c));
}

/* The first frame that belongs to the crash rather than to the hook. */
static bool triage_is_crash_entry(const char *sym)
{
	static const char * const entries[] = {
		"__crash_kexec+", "crash_kexec+", "panic+", "vpanic+",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(entries); i++)
		if (!strncmp(sym, entries[i], strlen(entries[i])))
			return true;
	return false;
}

/**
 * triage_capture_backtrace() - write the crash's TRIAGE_REC_BACKTRACE
 * @ctx: the capture
 *
 * From the crash registers when there are some (an oops: frame 0 is the
 * faulting instruction), else from the caller of the probed function (the
 * kprobe hook: frame 0 is in panic() or crash_kexec()), else from the hook
 * itself, dropping the frames of the hook machinery above panic().
 */
void triage_capture_backtrace(const struct triage_ctx *ctx)
{
	struct triage_rec_backtrace *bt;
	struct triage_frame *f;
	struct pt_regs *regs = ctx->regs;
	unsigned int n, i, first = 0, room;
	bool cut = false, found = false;
	u32 got;

	if (!regs && ctx->hook_regs &&
	    triage_entry_caller(ctx->hook_regs, &triage_caller_regs))
		regs = &triage_caller_regs;
	n = triage_unwind(regs, triage_bt_addrs, TRIAGE_BT_MAX);
	bt = triage_rec_reserve(TRIAGE_REC_BACKTRACE,
				sizeof(*bt) + n * sizeof(*f),
				sizeof(*bt) + sizeof(*f), &got);
	if (!bt)
		return;
	room = (got - sizeof(*bt)) / sizeof(*f);
	f = (struct triage_frame *)(bt + 1);
	bt->pid = task_pid_nr(current);
	bt->cpu = raw_smp_processor_id();
	bt->source = ctx->regs ? TRIAGE_BT_REGS : TRIAGE_BT_CURRENT;

	/* Symbolize first, then drop the hook's own frames if we see where
	 * the crash path starts.
	 */
	for (i = 0; i < n && i < room; i++) {
		f[i].addr = triage_bt_addrs[i];
		/* Only the ip of exact crash registers is not a return address. */
		triage_symbolize(f[i].addr, i > 0 || !ctx->regs, f[i].sym,
				 sizeof(f[i].sym));
		if (!ctx->regs && !found && triage_is_crash_entry(f[i].sym)) {
			first = i;
			found = true;
		}
		if (triage_over_budget(ctx)) {
			cut = true;
			i++;
			break;
		}
	}
	n = i;
	if (first) {
		memmove(f, f + first, (n - first) * sizeof(*f));
		n -= first;
	}
	bt->skipped = first;
	bt->nr_frames = n;
	triage_rec_finish(bt, sizeof(*bt) + n * sizeof(*f),
			  cut || n + first == TRIAGE_BT_MAX ?
			  TRIAGE_REC_F_TRUNCATED : 0);
	if (cut)
		triage_note(TRIAGE_NOTE_TRUNCATED,
			    "crash backtrace cut at frame %u: time budget",
			    n + first);
}
