// SPDX-License-Identifier: GPL-2.0
/*
 * triage_spinlock.c - the spinlock a stuck CPU spins on.
 *
 * A queued spinlock records no owner, only its state: the locked byte, the
 * pending bit and the tail of its MCS queue (include/asm-generic/qspinlock_types.h,
 * the same layout on x86_64 and, since v5.8, arm64).  So the lock is found
 * from the spinner, best source first:
 *
 *  1. its lock argument (x86 RDI, arm64 x0) when the interrupted pc is in the
 *     spinlock slowpath: the lock itself, even on the heap (on x86 also when
 *     the interrupt caught the softirqs its entry frame ran on the way out);
 *  2. another register, or a word of its live stack frames, pointing at a
 *     locked word;
 *  3. without registers (no NMI, the Pi's GICv2): a word of its stack;
 *  4. locked words in the writable data of a module whose code is on its
 *     stack (a static lock's address is an immediate: it may be in no
 *     register and on no stack at all).
 *
 * With registers, nothing is looked for unless the CPU is in a spinlock's
 * slowpath (its pc, or a frame of its stack).  Candidates of 2-4 must be valid queued-spinlock
 * words, have a name (kallsyms, or module+offset) and lie in writable data,
 * kernel .data/.bss or a module's data: a read-only bitmap whose low byte is
 * 1 is not a lock.  A contended word (pending bit or queue tail set, as the
 * spinner leaves it) beats a merely locked one, and a scan (3, 4) that finds
 * only merely locked words believes one only when it is the only one.
 * Everything read is read nofault, within the capture's deadline.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <asm/irq_regs.h>
#ifdef CONFIG_X86_64
#include <asm/unwind.h>
#endif
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "triage.h"

#define TRIAGE_LIVE_STACK_WORDS	256	/* live frames scanned above sp */
#define TRIAGE_MOD_DATA_MAX	(256 * 1024)	/* bytes of one module's data */
#define TRIAGE_LOCK_MODS	2	/* modules whose data is scanned */

/* Scores of a candidate: the best one is kept. */
enum {
	TRIAGE_CAND_LOCKED = 1,		/* locked byte set */
	TRIAGE_CAND_CONTENDED = 2,	/* and pending bit or queue tail */
	TRIAGE_CAND_ARGUMENT = 3,	/* the slowpath's lock argument */
};

/* Kernel .data and .bss, resolved at load (no symbols: unknown). */
static unsigned long triage_sdata, triage_edata, triage_sbss, triage_ebss;

/**
 * triage_spinlock_init() - resolve the kernel's writable data ranges
 */
void triage_spinlock_init(void)
{
	triage_sdata = triage_ksym("_sdata");
	triage_edata = triage_ksym("_edata");
	triage_sbss = triage_ksym("__bss_start");
	triage_ebss = triage_ksym("__bss_stop");
}

/* May a lock live at @v?  Kernel or module writable data. */
static bool triage_writable_data(unsigned long v)
{
	if (triage_sdata && v >= triage_sdata && v < triage_edata)
		return true;
	if (triage_sbss && v >= triage_sbss && v < triage_ebss)
		return true;
	if (triage_module_in_rw_data(v))
		return true;
	/* Without the kernel's ranges, a named kernel word may do. */
	return !triage_sdata && !triage_sbss;
}

struct triage_lock_search {
	struct triage_rec_lockup *l;
	int best;
	unsigned long seen[8];		/* distinct candidates counted */
	unsigned int nr_seen;
	unsigned int words;		/* words looked at */
	unsigned int locked;		/* of them valid locked spinlock words */
	unsigned int scan_locked;	/* distinct uncontended ones of a scan */
};

/*
 * The score of the word at @v as a held queued spinlock, 0 if none.  The
 * layout (NR_CPUS < 16K): locked byte (_Q_LOCKED_VAL 1; the paravirt
 * slowpath's _Q_SLOW_VAL 3), pending byte (0 or 1), tail index in bits
 * 16-17, tail CPU + 1 in bits 18-31 (never 0 when the tail is set).
 */
static int triage_lock_word(unsigned long v, u32 *val)
{
	u32 tail;

	if (!triage_kaddr(v) || (v & 3) || get_kernel_nofault(*val, (u32 *)v))
		return 0;
	if ((*val & 0xff) != 1 && (*val & 0xff) != 3)
		return 0;
	if (((*val >> 8) & 0xff) > 1)
		return 0;
	tail = *val >> 16;
	if (tail && (!(tail >> 2) || (tail >> 2) > nr_cpu_ids))
		return 0;
	return (*val & ~0xffu) ? TRIAGE_CAND_CONTENDED : TRIAGE_CAND_LOCKED;
}

/* Consider the word at @v found by @source; keep it if it is the best. */
static void triage_lock_consider(struct triage_lock_search *s,
				 unsigned long v, u8 source, u8 reg,
				 bool argument)
{
	struct triage_rec_lockup *l = s->l;
	char sym[TRIAGE_SYM_LEN];
	unsigned int i;
	u32 val;
	int score;

	s->words++;
	score = triage_lock_word(v, &val);
	if (!score || v == l->lock_addr)
		return;
	s->locked++;
	if (argument) {
		score = TRIAGE_CAND_ARGUMENT;
		triage_data_symbol(v, sym, sizeof(sym));
	} else {
		if (!triage_writable_data(v))
			return;
		triage_data_symbol(v, sym, sizeof(sym));
		/* Only a named word is believable: a heap word proves little. */
		if (!sym[0])
			return;
	}
	for (i = 0; i < s->nr_seen && s->seen[i] != v; i++)
		;
	if (i == s->nr_seen && s->nr_seen < ARRAY_SIZE(s->seen))
		s->seen[s->nr_seen++] = v;
	l->nr_candidates = s->nr_seen;
	if (score == TRIAGE_CAND_LOCKED && i == s->nr_seen - 1 &&
	    source >= TRIAGE_LOCK_SRC_STACK)
		s->scan_locked++;
	if (score <= s->best)
		return;
	s->best = score;
	l->lock_addr = v;
	l->lock_val = val;
	l->lock_source = source;
	l->lock_reg = reg;
	memcpy(l->lock_symbol, sym, sizeof(l->lock_symbol));
}

/* Is @ip in a spinlock's slowpath, where the lock argument still lives? */
static bool triage_in_spin_slowpath(unsigned long ip)
{
	static const char * const slow[] = {
		"native_queued_spin_lock_slowpath", "queued_spin_lock_slowpath",
		"__pv_queued_spin_lock_slowpath", "queued_read_lock_slowpath",
		"queued_write_lock_slowpath", "do_raw_spin_lock",
		"_raw_spin_lock",
	};
	static char sym[KSYM_SYMBOL_LEN];	/* under the capture guard */
	unsigned int i;

	if (!sprint_symbol_no_offset(sym, ip))
		return false;
	for (i = 0; i < ARRAY_SIZE(slow); i++)
		if (!strncmp(sym, slow[i], strlen(slow[i])))
			return true;
	return false;
}

/* Sources 1 and 2: the stuck CPU's registers and its live frames. */
static void triage_lock_from_regs(struct triage_lock_search *s,
				  struct pt_regs *regs)
{
	__u64 raw[TRIAGE_MAX_REGS];
	unsigned long sp, v;
	u32 arch, n, i;
#ifdef CONFIG_X86_64
	const u32 arg = offsetof(struct pt_regs, di) / sizeof(long);
#else
	const u32 arg = 0;	/* x0 */
#endif

	if (user_mode(regs))
		return;
	n = triage_copy_regs_raw(raw, &arch, regs);
	if (arg < n && triage_in_spin_slowpath(instruction_pointer(regs)))
		triage_lock_consider(s, raw[arg], TRIAGE_LOCK_SRC_ARGUMENT,
				     arg, true);
	for (i = 0; i < n; i++)
		triage_lock_consider(s, raw[i], TRIAGE_LOCK_SRC_REGISTER, i,
				     false);
	/* The slowpath's callers keep copies in their frames. */
	sp = kernel_stack_pointer(regs);
	for (i = 0; i < TRIAGE_LIVE_STACK_WORDS && triage_kaddr(sp); i++) {
		if (get_kernel_nofault(v, (unsigned long *)(sp + i * sizeof(v))))
			break;
		triage_lock_consider(s, v, TRIAGE_LOCK_SRC_STACK, 0, false);
	}
}

/* Source 3: any word of @t's stack, except pointers into the stack. */
static void triage_lock_from_stack(struct triage_lock_search *s,
				   struct task_struct *t)
{
	unsigned long stack, v, a;
	void *base = NULL;

	if (!t || get_kernel_nofault(base, &t->stack) || !base)
		return;
	stack = (unsigned long)base;
	for (a = stack; a < stack + THREAD_SIZE; a += sizeof(long)) {
		if (!((a / sizeof(long)) & 63) && triage_time_up())
			return;
		if (get_kernel_nofault(v, (unsigned long *)a) ||
		    (v >= stack && v < stack + THREAD_SIZE))
			continue;
		triage_lock_consider(s, v, TRIAGE_LOCK_SRC_STACK, 0, false);
	}
}

/* Source 4: the writable data of the modules whose code is on its stack. */
static void triage_lock_from_module_data(struct triage_lock_search *s,
					 const unsigned long *frames,
					 unsigned int nr)
{
	unsigned long done[TRIAGE_LOCK_MODS], base, size, a, self;
	unsigned int i, k, mods = 0;

	for (i = 0; i < nr && mods < TRIAGE_LOCK_MODS; i++) {
		if (!triage_module_rw_data_of(frames[i], &base, &size, &self))
			continue;
		for (k = 0; k < mods && done[k] != base; k++)
			;
		if (k < mods)
			continue;
		done[mods++] = base;
		size = min_t(unsigned long, size, TRIAGE_MOD_DATA_MAX);
		for (a = ALIGN(base, 4); a + 4 <= base + size; a += 4) {
			if (!((a / 4) & 255) && triage_time_up())
				return;
			/* not its struct module: a refcount of 1 is no lock */
			if (a >= self && a < self + sizeof(struct module))
				continue;
			triage_lock_consider(s, a, TRIAGE_LOCK_SRC_MODULE_DATA,
					     0, false);
		}
	}
}

/*
 * The registers the spinner was interrupted with, when the interrupt that
 * @regs are of caught something else on its way out: x86 runs softirqs on an
 * interrupt's exit, so the soft-lockup watchdog's timer may interrupt the
 * softirq loop that itself interrupted the spinner.  The ORC unwinder hands
 * over each entry frame's pt_regs; the first whose ip is in a spinlock
 * slowpath is the spinner's.  Elsewhere: NULL.
 */
static struct pt_regs *triage_spinner_regs(struct pt_regs *regs)
{
#ifdef CONFIG_X86_64
	static struct pt_regs copy;	/* under the capture guard */
	struct unwind_state state;
	struct pt_regs *r;
	unsigned int n = 0;
	bool partial;

	if (user_mode(regs) || triage_in_spin_slowpath(regs->ip))
		return NULL;
	for (unwind_start(&state, current, regs, NULL);
	     !unwind_done(&state) && n < 64; unwind_next_frame(&state), n++) {
		r = unwind_get_entry_regs(&state, &partial);
		if (!r || r == regs || partial ||
		    copy_from_kernel_nofault(&copy, r, sizeof(copy)))
			continue;
		if (!user_mode(&copy) && triage_in_spin_slowpath(copy.ip))
			return &copy;
	}
#endif
	return NULL;
}

/* Does a spinlock slowpath show in the interrupted pc or the frames? */
static bool triage_spinning(struct pt_regs *regs, const unsigned long *frames,
			    unsigned int nr)
{
	unsigned int i;

	if (regs && !user_mode(regs) &&
	    triage_in_spin_slowpath(instruction_pointer(regs)))
		return true;
	/* a stack scan's first frames may be stale ones: look at them all */
	for (i = 0; i < nr; i++)
		if (triage_in_spin_slowpath(frames[i] - 1))
			return true;
	return false;
}

/**
 * triage_find_stuck_lock() - the spinlock a stuck CPU most likely spins on
 * @l: the record to fill (lock_* and nr_candidates); lock_addr 0 if none
 * @regs: the stuck CPU's interrupted registers, or NULL (not readable)
 * @t: the task running on it, or NULL
 * @frames: return sites of its stack (a backtrace or a scan), innermost
 *	first
 * @nr: entries of @frames
 */
void triage_find_stuck_lock(struct triage_rec_lockup *l,
			    struct pt_regs *regs, struct task_struct *t,
			    const unsigned long *frames, unsigned int nr)
{
	struct triage_lock_search s = { .l = l };
	struct pt_regs *inner;

	/*
	 * With its registers, a CPU stuck elsewhere than in a spinlock
	 * slowpath waits for no lock.  Without them (a stack scan) the
	 * slowpath's own frame cannot show: it is the innermost, running
	 * function, and arm64 inlines _raw_spin_lock() into its callers.
	 */
	if (regs && !triage_spinning(regs, frames, nr)) {
		triage_note(TRIAGE_NOTE_INFO,
			    "lockup: CPU %d is in no spinlock slowpath (%u frames): no lock looked for",
			    l->cpu, nr);
		return;
	}
	if (regs) {
		triage_lock_from_regs(&s, regs);
		inner = triage_spinner_regs(regs);
		if (inner && s.best < TRIAGE_CAND_ARGUMENT)
			triage_lock_from_regs(&s, inner);
	} else {
		triage_lock_from_stack(&s, t);
	}
	if (s.best < TRIAGE_CAND_CONTENDED)
		triage_lock_from_module_data(&s, frames, nr);
	/*
	 * Found by a scan, merely locked (x86 guests without paravirt
	 * spinlocks spin in virt_spin_lock(), which never sets the pending
	 * bit): believed only when it is the one such word.
	 */
	if (s.best == TRIAGE_CAND_LOCKED &&
	    l->lock_source >= TRIAGE_LOCK_SRC_STACK && s.scan_locked > 1) {
		triage_note(TRIAGE_NOTE_INFO,
			    "lockup: CPU %d spins; %u locked words in its stack or module data, none contended: no lock named",
			    l->cpu, s.scan_locked);
		l->lock_addr = 0;
		l->lock_val = 0;
		l->lock_symbol[0] = '\0';
		l->lock_source = 0;
		return;
	}
	if (!l->lock_addr)
		triage_note(TRIAGE_NOTE_INFO,
			    "lockup: CPU %d spins, but no lock qualified: %u words looked at (%s), %u of them locked spinlock words, none named and writable",
			    l->cpu, s.words,
			    regs ? "registers, live frames, module data" :
			    "its stack, module data", s.locked);
}

/**
 * triage_irq_regs() - the interrupted registers of a capture that runs in a
 *	hard interrupt of this CPU (panic() from the soft-lockup watchdog's
 *	hrtimer, an RCU-stall panic, a timer callback), or NULL
 *
 * set_irq_regs() is called by the arch's interrupt entry and undone on its
 * exit, so outside a hard interrupt get_irq_regs() is NULL or an outer,
 * still live, frame.  An NMI, and the x86 int3 of a kprobe, counts one hard
 * interrupt of its own (__nmi_enter() adds NMI_OFFSET + HARDIRQ_OFFSET):
 * only a hard-interrupt level beyond those is a real interrupt.
 */
struct pt_regs *triage_irq_regs(void)
{
	static struct pt_regs copy;	/* under the capture guard */
	unsigned int pc = preempt_count();
	struct pt_regs *r;

	if (((pc & HARDIRQ_MASK) >> HARDIRQ_SHIFT) <=
	    ((pc & NMI_MASK) >> NMI_SHIFT))
		return NULL;
	r = get_irq_regs();
	if (!r || !triage_kaddr((unsigned long)r) ||
	    copy_from_kernel_nofault(&copy, r, sizeof(copy)))
		return NULL;
	return &copy;
}
