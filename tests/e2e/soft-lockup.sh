# Seed 004 case 4: a recursive spin_lock (IRQs on) with softlockup_panic: the
# verdict names the CPU, the spinning task and its function, the lock (from
# the spinner's registers, read in the watchdog's interrupt) and, where the
# preempt count tells, that it holds the lock itself.
. "$(dirname "$0")/lib.sh"
crashvm soft-lockup --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/softlockup_panic; echo 2 > /proc/sys/kernel/watchdog_thresh' \
	--trigger 'insmod /extra/hangme.ko what=spin' --timeout 240 || e2e_done
expect .class soft_lockup
expect .culprit.comm hangme_spin
expect .culprit.module hangme
expect .culprit.function hangme_spin_twice
expect .culprit.cpu 1
expect_match .summary 'hangme_spin'
expect_match .lockup.lock.symbol "$(e2e_lock_re '^hang_lock \[hangme\]$' '^hangme')"
if e2e_kconfig PREEMPT_COUNT; then
	expect .lockup.holder.kind self
	expect .lockup.holder.recursive true
	expect_dot 2	# the CPU spins on the lock it holds
else
	expect_dot 1	# the CPU spins on the lock
fi
ok=0
grep -q '^  cpu1 -> lk .*spins on' "$E2E_DIR/triage.dot" && ok=1
_check $ok "triage.dot: CPU 1 spins on the lock"
e2e_done
