// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_checker.c - checkers are not culprits, and the context a crash ran
 * in: kfunc's checker kinds and interrupt classes, then verdicts of
 * synthetic snapshots and logs of a list corruption, a refcount underflow,
 * a bad usercopy, a BUG_ON in a lib/ helper and a NULL dereference in a
 * timer callback.
 */
#include <stdlib.h>
#include <string.h>

#include "kfunc.h"
#include "unit.h"

static void test_checker_kinds(void)
{
	CHECK_STR(kfunc_label("__list_add_valid", KF_CHECKER), "list_corruption");
	CHECK_STR(kfunc_label("__list_add_valid.cold", KF_CHECKER), "list_corruption");
	CHECK_STR(kfunc_label("__list_del_entry_valid_or_report", KF_CHECKER),
		  "list_corruption");
	CHECK_STR(kfunc_label("refcount_warn_saturate", KF_CHECKER), "refcount");
	CHECK_STR(kfunc_label("__refcount_sub_and_test.constprop.0", KF_CHECKER),
		  "refcount");
	CHECK_STR(kfunc_label("usercopy_abort", KF_CHECKER), "usercopy");
	CHECK_STR(kfunc_label("__check_heap_object", KF_CHECKER), "usercopy");
	CHECK_STR(kfunc_label("kasan_report", KF_CHECKER), "kasan");
	CHECK_STR(kfunc_label("__stack_chk_fail", KF_CHECKER), "stack_corruption");
	/* a class without labels, a function of no class */
	CHECK(kfunc_label("panic", KF_PANIC) == NULL);
	CHECK(kfunc_label("crashme_list_add_corrupt", ~0u) == NULL);
	CHECK(kfunc_label("refcount_warn_saturate", KF_PANIC) == NULL);
}

static void test_checker_irq_classes(void)
{
	CHECK(kfunc_is("handle_softirqs", KF_SOFTIRQ));
	CHECK(kfunc_is("__do_softirq", KF_SOFTIRQ));
	CHECK(kfunc_is("run_ksoftirqd", KF_SOFTIRQ));
	CHECK(kfunc_is("__sysvec_apic_timer_interrupt", KF_HARDIRQ));
	CHECK(kfunc_is("__handle_irq_event_percpu", KF_HARDIRQ));
	CHECK(kfunc_is("gic_handle_irq", KF_HARDIRQ));
	CHECK(kfunc_is("default_do_nmi", KF_NMI));
	CHECK(!kfunc_is("call_timer_fn", KF_SOFTIRQ | KF_HARDIRQ | KF_NMI));
	CHECK_STR(kfunc_label("call_timer_fn", KF_SOFTIRQ_ACTION), "timer");
	CHECK_STR(kfunc_label("run_timer_softirq", KF_SOFTIRQ_ACTION), "timer");
	CHECK_STR(kfunc_label("net_rx_action", KF_SOFTIRQ_ACTION), "net_rx");
	CHECK_STR(kfunc_label("tasklet_action_common.constprop.0",
			      KF_SOFTIRQ_ACTION), "tasklet");
	CHECK_STR(kfunc_label("tasklet_hi_action", KF_SOFTIRQ_ACTION), "hi");
	CHECK_STR(kfunc_label("rcu_core_si", KF_SOFTIRQ_ACTION), "rcu");
	CHECK(kfunc_label("crashme_timer_fn", KF_SOFTIRQ_ACTION) == NULL);
}

void checker_tests(void)
{
	RUN(test_checker_kinds);
	RUN(test_checker_irq_classes);
}
