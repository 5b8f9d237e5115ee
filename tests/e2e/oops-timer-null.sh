# A NULL dereference in a module's timer callback: an oops in the timer
# softirq.  kdump runs without panic_on_oops (an oops in interrupt context
# always does); the verdict names the callback and the softirq, and does
# not blame the task the softirq interrupted.
. "$(dirname "$0")/lib.sh"
crashvm oops-timer-null --extra "$(test_module crashme)" \
	--trigger 'insmod /extra/crashme.ko what=timer; sleep 5' || e2e_done
expect .class oops
expect .kind null_deref
expect .degraded false
expect .culprit.function crashme_timer_fn
expect .culprit.module crashme
expect .culprit.context softirq
expect .culprit.softirq timer
expect .culprit.pid null
expect_true '.culprit.interrupted.comm | type == "string" and length > 0'
expect_match .summary 'in crashme_timer_fn \[crashme\] in timer softirq, (interrupting|run by) [^ ]+'
expect_match .title 'NULL pointer dereference in crashme_timer_fn$'
# The softirq bits of the preempt count (PREEMPT_RT counts softirqs per
# task instead, and runs timers in the ktimers/N thread: "run by").
if ! e2e_is_rt; then
	expect_true '(.crash.preempt_count | ltrimstr("0x") | explode | length) >= 3'
fi
expect_true '[.evidence[] | select(test("timer softirq"))] | length >= 1'
e2e_done
