# PREEMPT_RT: a spinlock_t taken twice sleeps (TASK_RTLOCK_WAIT) instead of
# spinning, and khungtaskd never reports a task in that state; what the
# machine reports is the task behind it, blocked on a mutex the sleeper
# holds.  The verdict must still follow the chain to the spinlock and name
# the self-deadlock: the lock, its owner (the sleeper itself), its function.
. "$(dirname "$0")/lib.sh"
e2e_is_rt || e2e_skip "needs a PREEMPT_RT kernel (E2E_KERNEL=...-rt-amd64): on others spin_lock spins (soft-lockup)"
crashvm hung-rtspin --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs' \
	--trigger 'insmod /extra/hangme.ko what=rtspin' --timeout 240 || e2e_done
expect .class hung_task
expect .kind deadlock
expect .degraded false
expect .culprit.comm hangme_rtspin
expect .culprit.module hangme
expect .culprit.function hangme_sleep_on_spinlock_twice
expect_match .summary "$(e2e_lock_re sleep_lock hangme)"
expect_match .summary 're-acquires|already holds'
expect_true '.cycle | length == 1'
expect_true '.cycle[0] == .culprit.pid'
# The victim's wait is exact (task->pi_blocked_on), on lock_a, owned by the
# sleeper; the sleeper's own (no waiter is queued on a self-deadlock) is
# found by scanning its stack.
victim='[.blocked_tasks[] | select(.comm == "hangme_victim")][0]'
expect_true "$victim.owner_pid == .culprit.pid"
expect_match "$victim.waits_on.symbol" "$(e2e_lock_re lock_a hangme)"
expect "$victim.waits_on.type" mutex
expect "$victim.waits_on.found_by" pi_blocked_on
expect_true '[.chain[] | select(.comm == "hangme_rtspin")][0].waits_on.type == "spinlock"'
expect_true '[.chain[] | select(.comm == "hangme_rtspin")][0].owner_pid == .culprit.pid'
e2e_done
