/* SPDX-License-Identifier: GPL-2.0 */
/*
 * triage.h - declarations shared by the files of triage_capture.ko.
 * The snapshot format itself is in triage_format.h.
 */
#ifndef TRIAGE_H
#define TRIAGE_H

#include <linux/types.h>
#include <linux/ptrace.h>
#include <asm/page.h>

struct task_struct;
#include "triage_format.h"

/* Module parameters (triage_main.c), fixed after load. */
extern unsigned long triage_region_size;
extern unsigned int triage_log_bytes;
extern unsigned int triage_budget_ms;

/* --- triage_region.c: the region and the record writer --- */
int triage_region_init(size_t size);
int triage_region_init_phys(phys_addr_t phys, size_t size, bool named);
void triage_region_exit(void);
phys_addr_t triage_region_phys(void);
size_t triage_region_bytes(void);
const void *triage_region_base(void);
void triage_region_begin(int hook);
void triage_region_commit(u64 start_ns, u64 duration_ns);
void triage_region_flag(u32 hdr_flags);
void triage_region_section(u32 section);
void triage_region_keep(size_t bytes);
size_t triage_region_room(void);
void triage_region_abandon(void);
void triage_region_seal_torn(void);
void *triage_rec_reserve(u16 type, u32 want, u32 min, u32 *got);
void triage_rec_finish(void *payload, u32 used, u16 flags);
int triage_rec_add(u16 type, u16 flags, const void *data, u32 len);
void triage_note(u32 kind, const char *fmt, ...) __printf(2, 3);

/* --- triage_previous.c: a snapshot kept across a reset --- */
struct dentry;
void triage_previous_keep(const void *base, size_t size);
void triage_previous_debugfs(struct dentry *dir);
void triage_previous_exit(void);

/* --- triage_ksym.c: symbols the kernel does not export --- */
int triage_ksym_init(void);
unsigned long triage_ksym(const char *name);
void triage_vmcoreinfo_publish(phys_addr_t phys, size_t size);
bool triage_post_notifiers(void);

/* --- triage_snapshot.c: taking a snapshot --- */

/**
 * struct triage_die - what the die notifier saw of an oops
 * @valid: the fields below hold an oops of @task
 * @task: the task that oopsed (compared, never dereferenced later)
 * @cpu: CPU it oopsed on
 * @trapnr: trap number
 * @err: error code (arm64: ESR)
 * @str: the die string
 * @regs: the registers at the fault
 */
struct triage_die {
	bool valid;
	const void *task;
	int cpu;
	int trapnr;
	unsigned long err;
	char str[TRIAGE_DIE_STR_LEN];
	struct pt_regs regs;
};

/**
 * struct triage_ctx - one capture in progress
 * @hook: TRIAGE_HOOK_* that fired
 * @reason: TRIAGE_REASON_*
 * @regs: registers of the crash point, or NULL
 * @hook_regs: registers at the hook itself (kprobe), or NULL
 * @message: panic message if the hook was handed one, or NULL
 * @die: oops details from the die notifier, if they belong to this crash
 * @start_ns: CLOCK_MONOTONIC at hook entry
 * @deadline_ns: @start_ns + the time budget
 * @stuck_cpu: the CPU the watchdog found stuck, or -1; if it is the
 *	capturing CPU (self-capture from NMI), @regs are its registers
 * @stuck_ns: how long its heartbeat had stopped
 */
struct triage_ctx {
	int hook;
	u32 reason;
	struct pt_regs *regs;
	struct pt_regs *hook_regs;
	const char *message;
	const struct triage_die *die;
	u64 start_ns;
	u64 deadline_ns;
	int stuck_cpu;
	u64 stuck_ns;
};

void triage_capture(int hook, u32 reason, struct pt_regs *regs,
		    struct pt_regs *hook_regs, const char *message);
int triage_capture_manual(void);
bool triage_capture_lockup(int stuck_cpu, u64 stuck_ns, struct pt_regs *regs,
			   bool keep_guard);
void triage_die_record(const char *str, long err, int trapnr,
		       struct pt_regs *regs);
bool triage_capture_faulted(const char *str, struct pt_regs *regs);
void triage_capture_release(void);
bool triage_over_budget(const struct triage_ctx *ctx);
bool triage_time_up(void);
int triage_capturing(void);

/* Pieces of a capture, one file each. */
void triage_system_init(void);
void triage_capture_system(const struct triage_ctx *ctx);
void triage_capture_crash(const struct triage_ctx *ctx, const char *log,
			  size_t log_len);
void triage_capture_backtrace(const struct triage_ctx *ctx);
void triage_modules_init(void);
void triage_capture_modules(const struct triage_ctx *ctx);
void triage_module_data_name(unsigned long addr, char *out, size_t len);
bool triage_module_in_rw_data(unsigned long addr);
void triage_data_symbol(unsigned long addr, char *out, size_t len);
bool triage_module_rw_data_of(unsigned long text_addr, unsigned long *base,
			      unsigned long *size, unsigned long *self);
const char *triage_capture_log(const struct triage_ctx *ctx, size_t *len);

/* --- triage_tasks.c, triage_locks.c: blocked tasks and their locks --- */
#define TRIAGE_MAX_TASKS	256	/* task records in one snapshot */
void triage_walk_tasks(const struct triage_ctx *ctx);
void triage_capture_tasks(const struct triage_ctx *ctx);
void triage_capture_tasks_summary(const struct triage_ctx *ctx);
void triage_locks_begin(void);
void triage_find_wait(struct task_struct *t, const struct triage_frame *frames,
		      unsigned int nr, struct triage_lock_ref *w, bool blocked);
void triage_lock_set_owner(struct triage_lock_ref *w, unsigned long owner);
bool triage_read_ulong(unsigned long addr, unsigned long *v);
bool triage_on_task_stack(struct task_struct *t, unsigned long addr);
unsigned long triage_task_saved_sp(struct task_struct *t);
bool triage_task_alive(unsigned long t);

/* --- triage_rtmutex.c: waits on an rt_mutex (all locks on PREEMPT_RT) --- */
bool triage_rt_find_wait(struct task_struct *t,
			 const struct triage_frame *frames, unsigned int nr,
			 struct triage_lock_ref *w);

/* --- triage_sysctl.c: the crash-related settings in force --- */
void triage_sysctl_init(void);
void triage_capture_sysctl(const struct triage_ctx *ctx);

/* --- triage_memory.c: kmem -i, the top users, the OOM --- */
void triage_memory_init(void);
void triage_memory_exit(void);
void triage_memory_begin(void);
void triage_memory_task(struct task_struct *t);
void triage_capture_memory(const struct triage_ctx *ctx);

/* --- triage_crash.c: registers --- */
bool triage_regs_irqs_off(const struct pt_regs *regs);
u32 triage_copy_regs_raw(__u64 *out, __u32 *arch, const struct pt_regs *regs);

/* --- triage_cpus.c: every CPU's state (an NMI round on x86) --- */
#define TRIAGE_MAX_CPUS		64	/* CPUs sampled in detail */
void triage_cpus_init(void);
void triage_cpus_exit(void);
void triage_cpus_sample(const struct triage_ctx *ctx, int self);
void triage_cpus_begin(void);
void triage_cpus_note_current(int cpu, struct task_struct *t);
void triage_capture_cpus(const struct triage_ctx *ctx, int stuck);
const struct pt_regs *triage_cpu_regs(int cpu);
void triage_capture_lockup_rec(const struct triage_ctx *ctx);

/* --- triage_spinlock.c: the spinlock a stuck CPU spins on --- */
void triage_spinlock_init(void);
void triage_find_stuck_lock(struct triage_rec_lockup *l,
			    struct pt_regs *regs, struct task_struct *t,
			    const unsigned long *frames, unsigned int nr);
struct pt_regs *triage_irq_regs(void);

/* --- triage_watchdog.c: IRQ-off hangs --- */
/* watchdog_action=: what a confirmed IRQ-off stall leads to. */
enum triage_wd_action {
	TRIAGE_WD_PANIC,	/* capture, then panic into kdump (default) */
	TRIAGE_WD_CAPTURE,	/* capture, say so, go on */
	TRIAGE_WD_WARN,		/* say so only */
};

extern unsigned int triage_watchdog_ms;
extern enum triage_wd_action triage_watchdog_action;
int triage_watchdog_init(unsigned int threshold_ms);
void triage_watchdog_exit(void);
void triage_watchdog_touch(void);

/* --- triage_fault.c: fault injection, in test builds only --- */
#ifdef TRIAGE_FAULT_INJECT
void triage_fault_point(u32 section);
struct task_struct *triage_fault_next_task(struct task_struct *p,
					   struct task_struct *next);
int triage_fault_init(void);
#else
static inline void triage_fault_point(u32 section)
{
}

static inline struct task_struct *
triage_fault_next_task(struct task_struct *p, struct task_struct *next)
{
	return next;
}

static inline int triage_fault_init(void)
{
	return 0;
}
#endif

/* --- triage_stack.c: unwinding and symbolizing --- */
unsigned int triage_unwind(struct pt_regs *regs, unsigned long *addrs,
			   unsigned int max);
bool triage_entry_caller(const struct pt_regs *entry, struct pt_regs *out);
bool triage_return_site(unsigned long addr);
void triage_symbolize_begin(void);
void triage_symbolize(unsigned long addr, bool is_return, char *out,
		      size_t len);

/* --- triage_hooks.c: where captures start --- */
int triage_hooks_init(void);
void triage_hooks_exit(void);

/* --- triage_debugfs.c: manual capture and read-back for tests --- */
void triage_debugfs_init(void);
void triage_debugfs_exit(void);

/* Time, safe in NMI context. */
u64 triage_now_ns(void);

/**
 * triage_kaddr() - may @v be read as a kernel address?
 * @v: a pointer read from memory that may be corrupt or stale
 *
 * Kernel addresses are in the upper half on x86_64 and arm64.  On x86 the
 * address must also be canonical for the paging mode in use:
 * copy_from_kernel_nofault() checks against the CPU's virtual-address width,
 * so on an LA57-capable CPU running 4-level paging a 57-bit-canonical address
 * passes its check, raises #GP, and the fixup WARNs (seen on the lockdep
 * test kernel under QEMU -cpu max).
 *
 * Return: true when a nofault read of @v cannot raise #GP.
 */
static inline bool triage_kaddr(unsigned long v)
{
#ifdef CONFIG_X86_64
	if (!__is_canonical_address(v, __VIRTUAL_MASK_SHIFT + 1))
		return false;
#endif
	return (long)v < 0;
}

#endif /* TRIAGE_H */
