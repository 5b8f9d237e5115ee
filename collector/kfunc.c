// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kfunc.c - what a kernel function is (see kfunc.h): one table of the
 * kernel's machinery by class.  Names are bare function names as kallsyms
 * prints them; the compiler's clone suffixes (".cold", ".constprop.0",
 * ".isra.0", ".part.0") are cut before comparing.
 */
#include <stdio.h>
#include <string.h>

#include "kfunc.h"

enum kfunc_match { KM_EXACT, KM_PREFIX, KM_SUBSTR };

struct kfunc_list {
	unsigned int cls;
	enum kfunc_match match;
	const char *const *names;	/* NULL-terminated */
	const char *label;		/* kfunc_label(): a checker's kind, a
					 * softirq's name, or NULL */
};

/* panic(), kexec, the stack dumpers and notifier chains. */
static const char *const panic_path[] = {
	"panic", "vpanic", "nmi_panic", "__crash_kexec", "crash_kexec",
	"dump_stack", "dump_stack_lvl", "show_stack", "dump_backtrace",
	"notifier_call_chain", "atomic_notifier_call_chain",
	"raw_notifier_call_chain", "blocking_notifier_call_chain",
	"check_panic_on_warn", "machine_kexec", "__stack_chk_fail",
	NULL,
};

/* Trap and die entry, the fault handlers, report_bug. */
static const char *const trap_path[] = {
	"oops_end", "die", "__die", "__die_body", "die_addr", "do_trap",
	"do_error_trap", "handle_invalid_op", "handle_bug", "exc_invalid_op",
	"asm_exc_invalid_op", "exc_general_protection",
	"asm_exc_general_protection", "exc_page_fault", "asm_exc_page_fault",
	"page_fault_oops", "kernelmode_fixup_or_oops", "__bad_area_nosemaphore",
	"bad_area_nosemaphore", "do_user_addr_fault", "do_kern_addr_fault",
	"notify_die", "exc_double_fault", "asm_exc_double_fault",
	"handle_stack_overflow", "arm64_notify_die", "do_mem_abort",
	"el1_abort", "el1h_64_sync_handler", "el1h_64_sync", "__do_kernel_fault",
	"do_page_fault", "do_translation_fault", "die_kernel_fault",
	"bug_handler", "bug_brk_handler", "brk_handler", "call_break_hook",
	"do_debug_exception", "el1_dbg", "report_bug", "__warn",
	"warn_slowpath_fmt",
	NULL,
};

/* WARN(): __warn and the trap frames that lead to it. */
static const char *const warn_path[] = {
	"__warn", "warn_slowpath_fmt", "report_bug",
	"handle_bug", "exc_invalid_op", "asm_exc_invalid_op",
	"bug_handler", "brk_handler", "call_break_hook",
	"do_debug_exception", "el1_dbg", "__warn_printk", "el1_sync_handler",
	NULL,
};

/* Asleep in the scheduler or a sleeping lock, the sleep checkers. */
static const char *const sleep_path[] = {
	"__schedule", "schedule", "schedule_preempt_disabled",
	"schedule_timeout", "schedule_timeout_uninterruptible", "io_schedule",
	"io_schedule_timeout", "__switch_to", "__switch_to_asm",
	"context_switch", "__mutex_lock", "__mutex_lock_slowpath",
	"mutex_lock", "mutex_lock_nested", "mutex_lock_killable",
	"mutex_lock_interruptible", "__down", "__down_common", "down",
	"__down_read_common", "__down_write_common", "rwsem_down_read_slowpath",
	"rwsem_down_write_slowpath", "down_read", "down_write",
	"down_read_killable", "down_write_killable", "percpu_rwsem_wait",
	"__percpu_down_read", "percpu_down_write", "wait_for_completion",
	"__wait_for_common", "do_wait_for_common", "wait_for_common",
	"rt_mutex_schedule", "rt_mutex_slowlock", "__rt_mutex_slowlock",
	"rt_mutex_slowlock_block", "__rt_mutex_slowlock_locked",
	"rt_mutex_handle_deadlock", "rt_spin_lock", "rtlock_slowlock",
	"rtlock_slowlock_locked", "schedule_rtlock", "rwbase_write_lock",
	"rwbase_read_lock", "__rwbase_read_lock",
	"rwbase_rtmutex_slowlock_locked", "rt_read_lock", "rt_write_lock",
	"bit_wait", "bit_wait_io", "__wait_on_bit",
	"out_of_line_wait_on_bit", "folio_wait_bit_common", "__schedule_bug",
	"schedule_debug", "preempt_schedule_common", "__cond_resched",
	"dump_stack", "dump_stack_lvl", "panic", "check_panic_on_warn",
	"__might_resched", "__might_sleep", "do_nanosleep",
	"hrtimer_nanosleep", "sb_wait_write", "__sb_start_write",
	NULL,
};

/* What a blocked task waits in (exact names). */
static const char *const wait_exact[] = {
	"down", "schedule", "io_schedule", "context_switch",
	"finish_wait", "prepare_to_wait", "prepare_to_wait_event",
	"prepare_to_wait_exclusive", "sb_wait_write",
	"__sb_start_write", "sb_start_write", "sb_start_pagefault",
	"sb_start_intwrite", "do_nanosleep", "hrtimer_nanosleep",
	"preempt_schedule_common", "preempt_schedule",
	"preempt_schedule_irq", "__cond_resched", "_cond_resched",
	"__might_resched", "__might_sleep", "do_raw_spin_lock",
	"queued_spin_lock_slowpath", "native_queued_spin_lock_slowpath",
	"rcuwait_wait_event", "__rcuwait_wait_event", "stop_one_cpu",
	"kthread_park", "usleep_range_state", "usleep_range", "msleep",
	"msleep_interruptible", "ssleep", "fsleep",
	NULL,
};

/* What a blocked task waits in (name prefixes). */
static const char *const wait_prefix[] = {
	"__schedule", "schedule_", "io_schedule", "__mutex_lock",
	"mutex_lock", "__mutex_", "__ww_mutex_lock", "ww_mutex_lock",
	"rwsem_down_", "down_", "__down", "percpu_", "__percpu_",
	"wait_for_completion", "__wait_for_common", "do_wait_for_common",
	"wait_for_common", "rt_mutex_", "__rt_mutex", "rt_spin_lock",
	"rtlock_", "rwbase_", "__rwbase_", "rt_read_lock", "rt_write_lock",
	"bit_wait", "__wait_on_bit", "out_of_line_wait_on_bit",
	"wait_on_bit", "folio_wait", "__folio_lock", "wait_on_page",
	"__lock_page", "__wait_on_buffer", "__switch_to", "_raw_spin_lock",
	"_raw_read_lock", "_raw_write_lock", "__wait_rcu_gp",
	"synchronize_rcu", "__synchronize_srcu", "synchronize_srcu",
	"kprobe", "ftrace",
	NULL,
};

/* Waits that mean I/O (name prefixes). */
static const char *const io_prefix[] = {
	"io_schedule", "bit_wait_io", "blk_", "__blk_", "folio_wait",
	"__folio_lock", "wait_on_page", "__lock_page", "submit_bio_wait",
	"__wait_on_buffer", "wait_on_buffer", "__filemap_get_folio",
	"filemap_fdatawait", "__filemap_fdatawait", "jbd2_log_wait",
	"nfs_wait", "rpc_wait",
	NULL,
};

/* Spinning on a lock: the spinner is the caller of these. */
static const char *const spin_path[] = {
	"native_queued_spin_lock_slowpath", "queued_spin_lock_slowpath",
	"__pv_queued_spin_lock_slowpath", "pv_queued_spin_lock_slowpath",
	"__pv_queued_spin_lock", "queued_spin_lock", "arch_spin_lock",
	"do_raw_spin_lock", "_raw_spin_lock", "_raw_spin_lock_irq",
	"_raw_spin_lock_irqsave", "_raw_spin_lock_bh", "_raw_spin_lock_nested",
	"_raw_spin_lock_irqsave_nested", "__raw_spin_lock",
	"__raw_spin_lock_irqsave", "spin_lock", "spin_lock_irqsave",
	"queued_read_lock_slowpath", "queued_write_lock_slowpath",
	"_raw_read_lock", "_raw_write_lock", "_raw_read_lock_irqsave",
	"_raw_write_lock_irqsave", "_raw_write_lock_irq", "_raw_read_lock_irq",
	"rt_spin_lock", "virt_spin_lock",
	NULL,
};

/* Busy-wait helpers: a loop around them is the looping code's own. */
static const char *const cpu_relax[] = {
	"cpu_relax", "rep_nop", "__delay", "delay_tsc", "delay_loop",
	"delay_halt", "delay_halt_tpause", "delay_halt_mwaitx", "__const_udelay",
	"__udelay", "__ndelay", "udelay", "ndelay", "mdelay",
	NULL,
};

/* Interrupt, NMI and watchdog frames above the interrupted code. */
static const char *const irq_path[] = {
	"watchdog_timer_fn", "__hrtimer_run_queues", "hrtimer_interrupt",
	"__sysvec_apic_timer_interrupt", "sysvec_apic_timer_interrupt",
	"asm_sysvec_apic_timer_interrupt", "hrtimer_run_queues",
	"update_process_times", "tick_sched_handle", "tick_sched_timer",
	"tick_nohz_handler", "arch_timer_handler_virt",
	"arch_timer_handler_phys", "handle_percpu_devid_irq",
	"generic_handle_domain_irq", "handle_domain_irq", "gic_handle_irq",
	"call_on_irq_stack", "do_interrupt_handler", "el1_interrupt",
	"el1h_64_irq_handler", "el1h_64_irq", "irq_exit_rcu",
	"__irq_exit_rcu", "__do_softirq", "__sysvec_call_function_single",
	"sysvec_call_function_single", "asm_sysvec_call_function_single",
	"watchdog_overflow_callback", "__perf_event_overflow",
	"perf_event_overflow", "handle_pmi_common", "intel_pmu_handle_irq",
	"amd_pmu_handle_irq", "x86_pmu_handle_irq", "perf_event_nmi_handler",
	"nmi_handle", "default_do_nmi", "exc_nmi", "asm_exc_nmi",
	"end_repeat_nmi", "repeat_nmi", "nmi_cpu_backtrace",
	"nmi_cpu_backtrace_handler", "nmi_trigger_cpumask_backtrace",
	"arch_trigger_cpumask_backtrace", "watchdog_hardlockup_check",
	"watchdog_buddy_check_hardlockup", "watchdog_check_hardlockup_other_cpu",
	"arm64_serror_panic", "ipi_handler", "do_handle_IPI",
	"asm_common_interrupt",
	"common_interrupt", "__common_interrupt", "handle_edge_irq",
	NULL,
};

/* A task waiting for other CPUs to answer an IPI. */
static const char *const ipi_wait[] = {
	"smp_call_function_many_cond", "smp_call_function_many",
	"smp_call_function", "smp_call_function_single", "on_each_cpu_cond_mask",
	"on_each_cpu_mask", "native_flush_tlb_multi", "flush_tlb_multi",
	"flush_tlb_mm_range", "kick_all_cpus_sync", "stop_machine_cpuslocked",
	NULL,
};

/* rt_mutex based locks: PREEMPT_RT's mutexes and rwsems, rt_mutex. */
static const char *const rt_lock[] = {
	"__rt_mutex_slowlock_locked", "__rt_mutex_slowlock",
	"rt_mutex_slowlock", "rt_mutex_handle_deadlock", "__rt_mutex_lock",
	"rt_mutex_lock", "rt_mutex_lock_interruptible",
	"rt_mutex_lock_killable", "mutex_lock", "_mutex_lock",
	"__mutex_lock_common", "mutex_lock_nested", "mutex_lock_killable",
	"mutex_lock_interruptible", "rwbase_write_lock",
	"rwbase_read_lock", "__rwbase_read_lock",
	"rwbase_rtmutex_slowlock_locked", "rwbase_rtmutex_lock_state",
	"down_write", "down_read", "down_write_killable",
	"down_read_killable",
	NULL,
};

/* The page allocator and the OOM killer. */
static const char *const alloc_path[] = {
	"out_of_memory", "__alloc_pages_slowpath", "__alloc_pages",
	"__alloc_pages_may_oom", "alloc_pages", "__folio_alloc",
	"folio_alloc", "alloc_pages_vma", "vma_alloc_folio",
	"__alloc_pages_nodemask", "check_panic_on_oom", "alloc_pages_mpol",
	"pagefault_out_of_memory", "__vmalloc_node_range", "__do_kmalloc_node",
	"__kmalloc", "kmalloc_large", "kmalloc_order", "alloc_page_interleave",
	"alloc_pages_current", "__get_free_pages", "get_zeroed_page",
	"oom_kill_process", "dump_header",
	NULL,
};

static const char *const trace_substr[] = { "kprobe", "ftrace", NULL };

static const char *const kprobe_entry[] = {
	"opt_pre_handler", "aggr_pre_handler", "optimized_callback", NULL,
};

/*
 * Checkers: they find someone else's bug and report it, so the culprit
 * is their caller.  lib/list_debug.c (v6.6 renamed the checks *_or_report
 * and inlined the fast path), lib/refcount.c, mm/usercopy.c,
 * kernel/stackprotector, lib/string_helpers.c (fortify: fortify_panic
 * until v6.8, __fortify_report/__fortify_panic since), mm/page_alloc.c
 * (bad page), mm/slub.c debugging, lib/debugobjects.c,
 * lib/smp_processor_id.c, kernel/dma/debug.c.  One list per kind of
 * report: its label is the kind (kfunc_label()).
 */
/* lib/list_debug.c and the list.h inlines that call it */
static const char *const checker_list[] = {
	"__list_add_valid", "__list_add_valid_or_report",
	"__list_del_entry_valid", "__list_del_entry_valid_or_report",
	"__list_add", "list_add", "list_add_tail", "__list_add_rcu",
	"list_add_rcu", "list_add_tail_rcu", "__list_del_entry", "list_del",
	"list_del_init", "list_del_rcu", "list_del_init_careful", "list_move",
	"list_move_tail",
	NULL,
};

/* lib/refcount.c, kref */
static const char *const checker_refcount[] = {
	"refcount_warn_saturate", "kref_get", "kref_put", "kref_put_mutex",
	"kref_put_lock", "kref_get_unless_zero",
	NULL,
};

static const char *const checker_refcount_prefix[] = {
	"refcount_", "__refcount_", NULL,
};

/* mm/usercopy.c, and the copy_overflow() of include/linux/ucopysize.h */
static const char *const checker_usercopy[] = {
	"usercopy_abort", "usercopy_warn", "__check_object_size",
	"check_object_size", "check_heap_object", "__check_heap_object",
	"check_stack_object", "check_kernel_text_object",
	"check_bogus_address", "check_page_span", "__copy_overflow",
	"copy_overflow",
	NULL,
};

/* KASAN's report and shadow checks */
static const char *const checker_kasan[] = {
	"check_memory_region", "check_memory_region_inline",
	"check_region_inline", "print_address_description", "print_report",
	"print_error_description", "describe_object", "start_report",
	"end_report", "report_enabled", "print_track", "describe_object_addr",
	"describe_object_stacks", "print_memory_metadata",
	NULL,
};

static const char *const checker_kasan_prefix[] = {
	"kasan_", "__kasan_", "___kasan_", "____kasan_", "__asan_",
	"__hwasan_", "save_stack", "__save_stack", "kasan_save", NULL,
};

static const char *const checker_kmsan_prefix[] = {
	"kmsan_", "__msan_", NULL,
};

static const char *const checker_kcsan_prefix[] = {
	"kcsan_", "__tsan_", NULL,
};

static const char *const checker_kfence_prefix[] = {
	"kfence_", "__kfence_", NULL,
};

/* the stack protector */
static const char *const checker_stack[] = {
	"__stack_chk_fail", "__stack_chk_fail_local", NULL,
};

/* FORTIFY_SOURCE */
static const char *const checker_fortify[] = {
	"fortify_panic", "__fortify_panic", "__fortify_report",
	"fortify_report",
	NULL,
};

/* lib/ubsan.c's static helpers */
static const char *const checker_ubsan[] = {
	"handle_overflow", "handle_null_ptr_deref", "handle_misaligned_access",
	"handle_object_size_mismatch",
	NULL,
};

static const char *const checker_ubsan_prefix[] = {
	"__ubsan_handle_", "ubsan_", NULL,
};

/* mm/page_alloc.c: "BUG: Bad page state" */
static const char *const checker_bad_page[] = {
	"bad_page", "free_page_is_bad", "free_page_is_bad_report",
	"check_free_page", "check_free_page_bad", "free_pages_check",
	"free_pages_check_bad", "check_new_page", "check_new_page_bad",
	"check_new_pages", "free_tail_pages_check", "free_tail_page_prepare",
	"dump_page", "__dump_page",
	NULL,
};

/* mm/slub.c debugging */
static const char *const checker_slab[] = {
	"slab_err", "object_err", "slab_bug", "slab_fix", "print_trailer",
	"check_object", "check_bytes_and_report", "check_pad_bytes",
	"slab_pad_check", "check_slab", "free_debug_processing",
	"alloc_debug_processing", "free_consistency_checks",
	"alloc_consistency_checks", "on_freelist",
	NULL,
};

/* lib/debugobjects.c */
static const char *const checker_debugobjects[] = {
	"debug_print_object", "debug_check_no_obj_freed",
	"__debug_check_no_obj_freed",
	NULL,
};

static const char *const checker_debugobjects_prefix[] = {
	"debug_object_", NULL,
};

/* lib/smp_processor_id.c */
static const char *const checker_preemptible[] = {
	"check_preemption_disabled", "debug_smp_processor_id",
	"__this_cpu_preempt_check",
	NULL,
};

/* kernel/locking/spinlock_debug.c, and the unlock path it checks */
static const char *const checker_spinlock[] = {
	"spin_dump", "spin_bug", "rwlock_bug", "debug_spin_lock_before",
	"debug_spin_lock_after", "debug_spin_unlock", "debug_write_lock_before",
	"debug_write_lock_after", "debug_write_unlock", "debug_read_unlock",
	"do_raw_spin_unlock", "do_raw_write_unlock", "do_raw_read_unlock",
	"do_raw_write_lock", "do_raw_read_lock", "do_raw_spin_trylock",
	"_raw_spin_unlock", "_raw_spin_unlock_irq", "_raw_spin_unlock_bh",
	"_raw_spin_unlock_irqrestore", "_raw_write_unlock",
	"_raw_read_unlock", "_raw_write_unlock_irqrestore",
	"_raw_read_unlock_irqrestore", "__raw_spin_unlock",
	NULL,
};

/* kernel/dma/debug.c */
static const char *const checker_dma[] = {
	"check_unmap", "check_sync", "check_for_stack",
	"check_for_illegal_area", "err_printk",
	NULL,
};

static const char *const checker_dma_prefix[] = {
	"debug_dma_", NULL,
};

/*
 * Interrupt context.  Where a crash's frames first leave the function that
 * crashed for one of these, it ran in that context: the softirq loop
 * (from an interrupt's exit, a local_bh_enable(), ksoftirqd, PREEMPT_RT's
 * ktimers thread: run_timersd in the RT patches, run_ktimerd since it was
 * merged; v6.8 split handle_softirqs() out of __do_softirq()), a hard
 * interrupt's entry or handler dispatch, an NMI.
 */
static const char *const softirq_entry[] = {
	"__do_softirq", "handle_softirqs", "do_softirq", "do_softirq_own_stack",
	"invoke_softirq", "run_ksoftirqd", "run_ktimerd", "run_timersd",
	"__local_bh_enable_ip",
	"local_bh_enable", "irq_exit", "irq_exit_rcu", "__irq_exit_rcu",
	NULL,
};

static const char *const hardirq_entry[] = {
	"__handle_irq_event_percpu", "handle_irq_event_percpu",
	"handle_irq_event", "handle_edge_irq", "handle_level_irq",
	"handle_fasteoi_irq", "handle_percpu_irq", "handle_percpu_devid_irq",
	"generic_handle_irq", "generic_handle_domain_irq", "handle_domain_irq",
	"handle_irq_desc", "__common_interrupt", "common_interrupt",
	"asm_common_interrupt", "hrtimer_interrupt", "local_apic_timer_interrupt",
	"gic_handle_irq", "do_interrupt_handler", "call_on_irq_stack",
	"el1_interrupt", "el1h_64_irq_handler", "el1h_64_irq", "el0_interrupt",
	"__flush_smp_call_function_queue", "flush_smp_call_function_queue",
	"generic_smp_call_function_single_interrupt", "ipi_handler",
	"do_handle_IPI", "irq_work_run", "irq_work_run_list", "irq_work_single",
	NULL,
};

static const char *const hardirq_prefix[] = {
	"__sysvec_", "sysvec_", "asm_sysvec_", NULL,
};

static const char *const nmi_entry[] = {
	"exc_nmi", "asm_exc_nmi", "default_do_nmi", "nmi_handle",
	"end_repeat_nmi", "repeat_nmi", "do_nmi", "arm64_enter_nmi",
	"el1_nmi", "el1_interrupt_nmi", "__el1_pnmi",
	NULL,
};

/*
 * The softirq actions (kernel/softirq.c's softirq_to_name[], lower case)
 * and the functions below them that say which one ran.
 */
static const char *const softirq_hi[] = { "tasklet_hi_action", NULL };
static const char *const softirq_timer[] = {
	"run_timer_softirq", "__run_timers", "run_timer_base", "call_timer_fn",
	"expire_timers", "__run_timer_base",
	NULL,
};
static const char *const softirq_net_tx[] = { "net_tx_action", NULL };
static const char *const softirq_net_rx[] = {
	"net_rx_action", "__napi_poll", "napi_poll",
	NULL,
};
static const char *const softirq_block[] = {
	"blk_done_softirq", "blk_complete_reqs",
	NULL,
};
static const char *const softirq_irq_poll[] = { "irq_poll_softirq", NULL };
static const char *const softirq_tasklet[] = {
	"tasklet_action", "tasklet_action_common",
	NULL,
};
static const char *const softirq_sched[] = {
	"run_rebalance_domains", "sched_balance_softirq",
	NULL,
};
static const char *const softirq_hrtimer[] = { "hrtimer_run_softirq", NULL };
static const char *const softirq_rcu[] = {
	"rcu_core_si", "rcu_core", "rcu_do_batch", "rcu_process_callbacks",
	NULL,
};

/* lockdep's own frames. */
static const char *const lockdep_exact[] = {
	"lock_acquire", "lock_release", "lock_acquired", "lock_contended",
	"lock_is_held_type", "lock_sync", "__lock_acquire", "__lock_release",
	"validate_chain", "check_prev_add", "check_prevs_add",
	"check_noncircular", "check_deadlock", "check_irq_usage",
	"print_circular_bug", "print_deadlock_bug", "print_usage_bug",
	"print_bad_irq_dependency", "print_unlock_imbalance_bug",
	"print_lock_invalid_wait_context", "check_wait_context", "mark_lock",
	"mark_usage", "mark_lock_irq", "valid_state", "lockdep_init_map_type",
	"lockdep_init_map_waits", "register_lock_class", "look_up_lock_class",
	"lockdep_rcu_suspicious", "debug_check_no_locks_freed",
	"debug_check_no_locks_held", "print_held_locks_bug",
	"lockdep_sys_exit", "debug_show_all_locks", "lockdep_print_held_locks",
	"lock_set_class", "lock_downgrade", "__lock_downgrade",
	"__lock_set_class", "lock_pin_lock", "lock_unpin_lock",
	"lockdep_hardirqs_on_prepare", "lockdep_hardirqs_on",
	"lockdep_hardirqs_off", "trace_hardirqs_on", "trace_hardirqs_off",
	"print_irqtrace_events", "debug_lockdep_rcu_enabled",
	"rcu_read_lock_held", "rcu_read_lock_sched_held",
	"rcu_read_lock_bh_held", "rcu_read_lock_held_common",
	NULL,
};

static const char *const lockdep_prefix[] = {
	"lockdep_assert", "__lockdep_", "lockdep_", NULL,
};

/* RCU's stall detector, and the NMI backtrace machinery it uses. */
static const char *const rcu_stall[] = {
	"rcu_sched_clock_irq", "rcu_pending", "check_cpu_stall",
	"print_cpu_stall", "print_other_cpu_stall", "rcu_dump_cpu_stacks",
	"rcu_check_gp_kthread_starvation", "rcu_print_task_stall",
	"rcu_check_callbacks", "rcu_stall_kick_kthreads",
	"rcu_dump_cpu_stacks", "dump_cpu_task", "sched_show_task",
	"show_stack", "trigger_single_cpu_backtrace",
	"nmi_trigger_cpumask_backtrace", "arch_trigger_cpumask_backtrace",
	"nmi_cpu_backtrace", "nmi_cpu_backtrace_handler",
	"print_cpu_stall_info", "synchronize_rcu_expedited_wait",
	"rcu_exp_wait_wake", "synchronize_rcu_expedited",
	NULL,
};

/* Slab and page allocation and freeing (name prefixes). */
static const char *const slab_prefix[] = {
	"kmalloc", "__kmalloc", "kzalloc", "kcalloc", "krealloc", "__krealloc",
	"kvmalloc", "__kvmalloc", "kvzalloc", "kvcalloc", "kvrealloc",
	"kmem_cache_alloc", "__kmem_cache_alloc", "kmem_cache_zalloc",
	"kmem_cache_free", "__kmem_cache_free", "kfree", "kvfree", "kzfree",
	"kfree_sensitive", "__kfree", "kmemdup", "kstrdup", "kstrndup",
	"kasprintf", "kvasprintf", "slab_", "__slab_", "___slab_",
	"kmemleak_", "__kmemleak_", "alloc_pages", "__alloc_pages",
	"alloc_page", "__get_free_pages", "get_zeroed_page", "free_pages",
	"__free_pages", "free_page", "__free_page", "__folio_alloc",
	"folio_alloc", "__vmalloc", "vmalloc", "vzalloc", "vfree",
	"__vfree", "alloc_slab_page", "allocate_slab", "new_slab",
	"do_slab_free", "___cache_free", "__cache_free", "cache_alloc",
	"____cache_alloc", "__do_kmalloc", "do_kmalloc", "free_unref_page",
	"free_unref_folios", "__put_page", "put_page", "folio_put",
	"__folio_put", "release_pages", "post_alloc_hook",
	"prep_new_page", "get_page_from_freelist", "rmqueue",
	"page_ext_", "set_track", "init_object", "alloc_debug_processing",
	"kmem_cache_alloc_lru", "kmem_cache_alloc_node",
	"kmem_cache_alloc_bulk", "kmem_cache_free_bulk",
	"__do_kmalloc_node", "kmalloc_trace", "kmalloc_node_trace",
	"__kmalloc_cache", "__kmalloc_noprof", "kfree_rcu", "kvfree_call_rcu",
	"alloc_hooks", "__alloc_tagging", "vm_area_alloc", "dup_task_struct",
	NULL,
};

/* The mem and str helpers (exact names). */
static const char *const string_exact[] = {
	"memcpy", "__memcpy", "memmove", "__memmove", "memset", "__memset",
	"memcmp", "__memcmp", "bcmp", "memchr", "memscan", "memchr_inv",
	"strlen", "strnlen", "strcpy", "strncpy", "strscpy", "strscpy_pad",
	"sized_strscpy", "strlcpy", "strcat", "strncat", "strlcat", "strcmp",
	"strncmp", "strcasecmp", "strncasecmp", "strchr", "strrchr",
	"strnchr", "strstr", "strnstr", "strsep", "strspn", "strcspn",
	"strpbrk", "memcpy_erms", "memcpy_orig", "memset_erms", "memset_orig",
	"copy_user_generic_string", "copy_user_enhanced_fast_string",
	"rep_movs_alternative", "copy_user_generic_unrolled",
	"_copy_from_user", "_copy_to_user", "__copy_from_user",
	"__copy_to_user", "copy_from_user", "copy_to_user",
	"raw_copy_from_user", "raw_copy_to_user", "__arch_copy_from_user",
	"__arch_copy_to_user", "instrument_copy_from_user_before",
	"instrument_copy_to_user", "read_word_at_a_time",
	NULL,
};

/* The bottom of every stack (exact names and prefixes). */
static const char *const entry_exact[] = {
	"ret_from_fork", "ret_from_fork_asm", "kthread", "worker_thread",
	"process_one_work", "process_scheduled_works", "smpboot_thread_fn",
	"do_syscall_64", "do_syscall_x64", "do_int80_syscall_32",
	"__do_fast_syscall_32", "do_fast_syscall_32",
	"entry_SYSCALL_64_after_hwframe", "entry_SYSCALL_64",
	"entry_SYSENTER_compat_after_hwframe", "entry_INT80_compat",
	"el0_svc", "el0_svc_common", "do_el0_svc", "el0t_64_sync_handler",
	"el0t_64_sync", "el0t_32_sync_handler", "el0t_32_sync",
	"invoke_syscall", "el0_svc_handler", "el0_sync", "el0_sync_handler",
	"cpu_startup_entry", "do_idle", "cpuidle_idle_call", "rest_init",
	"start_kernel", "arch_call_rest_init", "kernel_init",
	"kernel_init_freeable", "secondary_startup_64",
	"secondary_startup_64_no_verify", "x86_64_start_kernel",
	"x86_64_start_reservations", "start_secondary",
	"secondary_start_kernel", "__secondary_switched", "__primary_switched",
	"common_startup_64", "syscall_exit_to_user_mode",
	"exit_to_user_mode_prepare", "exit_to_user_mode_loop",
	"irqentry_exit_to_user_mode", "do_group_exit", "do_exit",
	"get_signal", "arch_do_signal_or_restart",
	NULL,
};

static const struct kfunc_list lists[] = {
	{ KF_PANIC, KM_EXACT, panic_path, NULL },
	{ KF_TRAP, KM_EXACT, trap_path, NULL },
	{ KF_WARN, KM_EXACT, warn_path, NULL },
	{ KF_SLEEP, KM_EXACT, sleep_path, NULL },
	{ KF_WAIT, KM_EXACT, wait_exact, NULL },
	{ KF_WAIT, KM_PREFIX, wait_prefix, NULL },
	{ KF_IO_WAIT, KM_PREFIX, io_prefix, NULL },
	{ KF_SPIN, KM_EXACT, spin_path, NULL },
	{ KF_CPU_RELAX, KM_EXACT, cpu_relax, NULL },
	{ KF_IRQ, KM_EXACT, irq_path, NULL },
	{ KF_IPI_WAIT, KM_EXACT, ipi_wait, NULL },
	{ KF_RT_LOCK, KM_EXACT, rt_lock, NULL },
	{ KF_ALLOC, KM_EXACT, alloc_path, NULL },
	{ KF_TRACE, KM_SUBSTR, trace_substr, NULL },
	{ KF_KPROBE_ENTRY, KM_PREFIX, kprobe_entry, NULL },
	{ KF_CHECKER, KM_EXACT, checker_list, "list_corruption" },
	{ KF_CHECKER, KM_EXACT, checker_refcount, "refcount" },
	{ KF_CHECKER, KM_PREFIX, checker_refcount_prefix, "refcount" },
	{ KF_CHECKER, KM_EXACT, checker_usercopy, "usercopy" },
	{ KF_CHECKER, KM_EXACT, checker_kasan, "kasan" },
	{ KF_CHECKER, KM_PREFIX, checker_kasan_prefix, "kasan" },
	{ KF_CHECKER, KM_PREFIX, checker_kmsan_prefix, "kmsan" },
	{ KF_CHECKER, KM_PREFIX, checker_kcsan_prefix, "kcsan" },
	{ KF_CHECKER, KM_PREFIX, checker_kfence_prefix, "kfence" },
	{ KF_CHECKER, KM_EXACT, checker_stack, "stack_corruption" },
	{ KF_CHECKER, KM_EXACT, checker_fortify, "fortify" },
	{ KF_CHECKER, KM_EXACT, checker_ubsan, "ubsan" },
	{ KF_CHECKER, KM_PREFIX, checker_ubsan_prefix, "ubsan" },
	{ KF_CHECKER, KM_EXACT, checker_bad_page, "bad_page" },
	{ KF_CHECKER, KM_EXACT, checker_slab, "slab_corruption" },
	{ KF_CHECKER, KM_EXACT, checker_debugobjects, "debug_objects" },
	{ KF_CHECKER, KM_PREFIX, checker_debugobjects_prefix, "debug_objects" },
	{ KF_CHECKER, KM_EXACT, checker_preemptible, "preemptible" },
	{ KF_CHECKER, KM_EXACT, checker_spinlock, "spinlock" },
	{ KF_CHECKER, KM_EXACT, checker_dma, "dma_debug" },
	{ KF_CHECKER, KM_PREFIX, checker_dma_prefix, "dma_debug" },
	{ KF_SOFTIRQ, KM_EXACT, softirq_entry, NULL },
	{ KF_HARDIRQ, KM_EXACT, hardirq_entry, NULL },
	{ KF_HARDIRQ, KM_PREFIX, hardirq_prefix, NULL },
	{ KF_NMI, KM_EXACT, nmi_entry, NULL },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_hi, "hi" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_timer, "timer" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_net_tx, "net_tx" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_net_rx, "net_rx" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_block, "block" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_irq_poll, "irq_poll" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_tasklet, "tasklet" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_sched, "sched" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_hrtimer, "hrtimer" },
	{ KF_SOFTIRQ_ACTION, KM_EXACT, softirq_rcu, "rcu" },
	{ KF_LOCKDEP, KM_EXACT, lockdep_exact, NULL },
	{ KF_LOCKDEP, KM_PREFIX, lockdep_prefix, NULL },
	{ KF_RCU_STALL, KM_EXACT, rcu_stall, NULL },
	{ KF_SLAB, KM_PREFIX, slab_prefix, NULL },
	{ KF_STRING, KM_EXACT, string_exact, NULL },
	{ KF_ENTRY, KM_EXACT, entry_exact, NULL },
};

void kfunc_base(const char *func, char *out, size_t size)
{
	size_t n = strcspn(func, ".");

	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(out, func, n);
	out[n] = '\0';
}

static bool list_has(const struct kfunc_list *l, const char *func,
		     const char *base)
{
	const char *const *p;

	for (p = l->names; *p; p++) {
		switch (l->match) {
		case KM_EXACT:
			if (strcmp(base, *p) == 0)
				return true;
			break;
		case KM_PREFIX:
			if (strncmp(base, *p, strlen(*p)) == 0)
				return true;
			break;
		case KM_SUBSTR:	/* anywhere in the whole name */
			if (strstr(func, *p))
				return true;
			break;
		}
	}
	return false;
}

/* The first list of @classes that has @func, or NULL. */
static const struct kfunc_list *kfunc_find(const char *func,
					   unsigned int classes)
{
	char base[256];
	size_t i;

	if (!func || !func[0])
		return NULL;
	kfunc_base(func, base, sizeof(base));
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if ((lists[i].cls & classes) && list_has(&lists[i], func, base))
			return &lists[i];
	return NULL;
}

bool kfunc_is(const char *func, unsigned int classes)
{
	return kfunc_find(func, classes) != NULL;
}

const char *kfunc_label(const char *func, unsigned int classes)
{
	const struct kfunc_list *l = kfunc_find(func, classes);

	return l ? l->label : NULL;
}

void sym_split(const char *sym, char *func, size_t func_size, char *mod,
	       size_t mod_size)
{
	size_t n = strcspn(sym, "+ ");
	const char *open = strchr(sym, '['), *close;

	snprintf(func, func_size, "%.*s", (int)n, sym);
	if (mod) {
		mod[0] = '\0';
		close = open ? strchr(open, ']') : NULL;
		if (open && close)
			snprintf(mod, mod_size, "%.*s",
				 (int)(close - open - 1), open + 1);
	}
}
