// SPDX-License-Identifier: GPL-2.0
/*
 * triage_hooks.c - where a capture starts.
 *
 * panic() calls __crash_kexec() *before* the panic notifier chain unless
 * crash_kexec_post_notifiers is set (kernel/panic.c, v6.1 and v6.12 alike),
 * so a panic notifier alone never runs before kdump.  A kprobe on
 * __crash_kexec() runs first on every path into kdump: panic(), and oopses
 * through crash_kexec() when panic_on_oops is set (or in interrupt or init).
 * The panic notifier covers the other order (post_notifiers, or no crash
 * kernel at all), and the die notifier remembers the oops details (trap,
 * error code, registers) for the capture that follows.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/kprobes.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include "triage.h"

static int triage_crash_kexec_pre(struct kprobe *p, struct pt_regs *regs)
{
	/* __crash_kexec(struct pt_regs *regs): NULL from panic(). */
	struct pt_regs *crash_regs =
		(struct pt_regs *)regs_get_kernel_argument(regs, 0);

	triage_capture(TRIAGE_HOOK_CRASH_KEXEC, TRIAGE_REASON_PANIC, crash_regs,
		       regs, NULL);
	return 0;
}

static struct kprobe triage_crash_kexec_kp = {
	.symbol_name = "__crash_kexec",
	.pre_handler = triage_crash_kexec_pre,
};
static bool triage_kprobe_armed;

static int triage_panic_event(struct notifier_block *nb, unsigned long event,
			      void *msg)
{
	triage_capture(TRIAGE_HOOK_PANIC, TRIAGE_REASON_PANIC, NULL, NULL, msg);
	return NOTIFY_DONE;
}

static struct notifier_block triage_panic_nb = {
	.notifier_call = triage_panic_event,
	.priority = INT_MAX,	/* before notifiers that may hang */
};

static int triage_die_event(struct notifier_block *nb, unsigned long event,
			    void *data)
{
	struct die_args *args = data;

	if (event != DIE_OOPS)
		return NOTIFY_DONE;
	/* A fault inside a capture: sealed torn, and on to kdump. */
	if (!triage_capture_faulted(args->str, args->regs))
		triage_die_record(args->str, args->err, args->trapnr,
				  args->regs);
	return NOTIFY_DONE;
}

static struct notifier_block triage_die_nb = {
	.notifier_call = triage_die_event,
	.priority = INT_MAX,	/* a fault in a capture is sealed first */
};

int triage_hooks_init(void)
{
	int ret;

	ret = register_die_notifier(&triage_die_nb);
	if (ret)
		return ret;
	atomic_notifier_chain_register(&panic_notifier_list, &triage_panic_nb);
	ret = register_kprobe(&triage_crash_kexec_kp);
	if (ret < 0) {
		/*
		 * Still useful without it: the panic notifier captures when
		 * there is no crash kernel or post_notifiers is set.
		 */
		pr_warn("cannot probe __crash_kexec (%d): snapshots will be taken only by the panic notifier, after kdump unless crash_kexec_post_notifiers is set\n",
			ret);
	} else {
		triage_kprobe_armed = true;
	}
	return 0;
}

void triage_hooks_exit(void)
{
	if (triage_kprobe_armed)
		unregister_kprobe(&triage_crash_kexec_kp);
	triage_kprobe_armed = false;
	atomic_notifier_chain_unregister(&panic_notifier_list, &triage_panic_nb);
	unregister_die_notifier(&triage_die_nb);
}
