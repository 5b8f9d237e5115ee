// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * verdict.c - the words of a verdict that the judge and the renderer share:
 * class names, the context the culprit ran in.
 */
#include <stdio.h>
#include <string.h>

#include "verdict.h"

const char *verdict_class_name(enum verdict_class cls)
{
	static const char *const names[] = {
		[VC_PANIC] = "panic",
		[VC_SYSRQ] = "sysrq",
		[VC_OOPS] = "oops",
		[VC_WARN] = "warn",
		[VC_HUNG_TASK] = "hung_task",
		[VC_SOFT_LOCKUP] = "soft_lockup",
		[VC_HARD_LOCKUP] = "hard_lockup",
		[VC_RCU_STALL] = "rcu_stall",
		[VC_OOM] = "oom",
		[VC_ATOMIC_SLEEP] = "atomic_sleep",
		[VC_HANG_NO_PANIC] = "hang_no_panic",
		[VC_MEMORY_CORRUPTION] = "memory_corruption",
		[VC_LOCKDEP] = "lockdep",
		[VC_BAD_PAGE] = "bad_page",
		[VC_MEMORY_LEAK] = "memory_leak",
		[VC_HARDWARE_ERROR] = "hardware_error",
		[VC_UNDEFINED_BEHAVIOR] = "undefined_behavior",
		[VC_DATA_RACE] = "data_race",
		[VC_WORKQUEUE_STALL] = "workqueue_stall",
		[VC_KERNEL_BUG] = "kernel_bug",
		[VC_UNKNOWN] = "unknown",
	};

	if ((unsigned int)cls < sizeof(names) / sizeof(names[0]))
		return names[cls];
	return "unknown";
}

const char *context_phrase(const struct verdict *v, char *buf, size_t size)
{
	const char *ctx = v->culprit.context;
	char what[48];

	if (!ctx || strcmp(ctx, "task") == 0) {
		buf[0] = '\0';
		return buf;
	}
	if (strcmp(ctx, "softirq") == 0)
		snprintf(what, sizeof(what), "%s%ssoftirq",
			 v->culprit.softirq ? v->culprit.softirq : "",
			 v->culprit.softirq ? " " : "");
	else if (strcmp(ctx, "hardirq") == 0)
		snprintf(what, sizeof(what), "hard interrupt");
	else
		snprintf(what, sizeof(what), "NMI");
	/* the softirq threads (PREEMPT_RT runs timers in ktimers/N) */
	if (strncmp(v->culprit.interrupted_comm, "ksoftirqd/", 10) == 0 ||
	    strncmp(v->culprit.interrupted_comm, "ktimers/", 8) == 0)
		snprintf(buf, size, "in %s, run by %s (pid %d)", what,
			 v->culprit.interrupted_comm, v->culprit.interrupted_pid);
	else if (v->culprit.interrupted_comm[0])
		snprintf(buf, size, "in %s, interrupting %s (pid %d)", what,
			 v->culprit.interrupted_comm, v->culprit.interrupted_pid);
	else
		snprintf(buf, size, "in %s", what);
	return buf;
}
