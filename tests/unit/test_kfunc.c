// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_kfunc.c - what a kernel function is (collector/kfunc.c): classes,
 * clone suffixes, prefix and substring classes, the checkers.
 */
#include "kfunc.h"
#include "unit.h"

static void test_kfunc_classes(void)
{
	CHECK(kfunc_is("panic", KF_PANIC));
	CHECK(kfunc_is("panic", KF_SLEEP));
	CHECK(!kfunc_is("panic", KF_SPIN));
	CHECK(kfunc_is("asm_exc_page_fault", KF_TRAP));
	CHECK(kfunc_is("__warn", KF_WARN | KF_SPIN));
	CHECK(kfunc_is("native_queued_spin_lock_slowpath", KF_SPIN));
	CHECK(!kfunc_is("cpu_relax", KF_SPIN));
	CHECK(kfunc_is("cpu_relax", KF_SPIN | KF_CPU_RELAX));
	CHECK(kfunc_is("smp_call_function_many_cond", KF_IPI_WAIT));
	CHECK(kfunc_is("rt_mutex_slowlock", KF_RT_LOCK));
	CHECK(kfunc_is("__alloc_pages_slowpath", KF_ALLOC));
	CHECK(kfunc_is("hrtimer_interrupt", KF_IRQ));
	CHECK(!kfunc_is("crashme_null_deref", ~0u));
	CHECK(!kfunc_is("", ~0u));
	CHECK(!kfunc_is(NULL, ~0u));
	CHECK(!kfunc_is("panic", 0));
}

static void test_kfunc_suffixes(void)
{
	char b[16];

	CHECK(kfunc_is("__handle_sysrq.cold", KF_PANIC) == false);
	CHECK(kfunc_is("panic.cold", KF_PANIC));
	CHECK(kfunc_is("__schedule.constprop.0", KF_SLEEP));
	CHECK(kfunc_is("__list_add_valid_or_report.isra.0", KF_CHECKER));
	kfunc_base("foo.part.0", b, sizeof(b));
	CHECK_STR(b, "foo");
	kfunc_base("a_very_long_function_name", b, sizeof(b));
	CHECK_STR(b, "a_very_long_fun");
}

static void test_kfunc_prefix_substr(void)
{
	/* KF_WAIT: exact names and prefixes */
	CHECK(kfunc_is("msleep", KF_WAIT));
	CHECK(kfunc_is("mutex_lock_nested", KF_WAIT));
	CHECK(kfunc_is("rwsem_down_write_slowpath", KF_WAIT));
	CHECK(!kfunc_is("take_the_lock_of_power", KF_WAIT));
	CHECK(kfunc_is("blk_mq_get_tag", KF_IO_WAIT));
	/* KF_TRACE: anywhere in the name */
	CHECK(kfunc_is("kprobe_ftrace_handler", KF_TRACE));
	CHECK(kfunc_is("arch_ftrace_ops_list_func", KF_TRACE));
	CHECK(kfunc_is("opt_pre_handler", KF_KPROBE_ENTRY));
	CHECK(!kfunc_is("opt_pre_handler", KF_TRACE));
}

static void test_kfunc_checkers(void)
{
	static const char *const yes[] = {
		"__list_add_valid", "__list_add_valid_or_report",
		"__list_del_entry_valid_or_report", "refcount_warn_saturate",
		"refcount_dec_not_one", "usercopy_abort",
		"__check_object_size", "check_heap_object",
		"__ubsan_handle_out_of_bounds", "kasan_report",
		"__asan_load8", "kasan_check_range", "kfence_report_error",
		"__stack_chk_fail", "fortify_panic", "__fortify_report",
		"bad_page",
	};
	size_t i;

	for (i = 0; i < N(yes); i++) {
		if (!kfunc_is(yes[i], KF_CHECKER))
			fprintf(stderr, "  not a checker: %s\n", yes[i]);
		CHECK(kfunc_is(yes[i], KF_CHECKER));
	}
	CHECK(!kfunc_is("ext4_fill_super", KF_CHECKER));
	CHECK(!kfunc_is("list_lru_add", KF_CHECKER));
}

void kfunc_tests(void)
{
	RUN(test_kfunc_classes);
	RUN(test_kfunc_suffixes);
	RUN(test_kfunc_prefix_substr);
	RUN(test_kfunc_checkers);
}
