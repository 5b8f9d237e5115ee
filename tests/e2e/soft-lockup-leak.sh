# A spinlock left locked by a task that went back to user space: grablock's
# write to /sys/module/hangme/parameters/grab takes leak_lock and returns
# holding it (grablock then sleeps, on CPU 0); hangme_leakspin then spins on it
# (IRQs on, on the last CPU) until the kernel's soft-lockup detector panics.
# The verdict names the lock (from the spinner's interrupted registers,
# recorded in the watchdog's timer interrupt), and the
# holder from the evidence - grablock, which the kernel caught scheduling
# while atomic - never "a recursive spin_lock".  (A shell as the holder made
# the run racy: its next page fault with the count raised killed it, and on
# the spinner's CPU it kept the spinner from ever running.)
. "$(dirname "$0")/lib.sh"
crashvm soft-lockup-leak --extra "$(test_module hangme)" --extra "$(test_prog grablock)" \
	--setup 'echo 1 > /proc/sys/kernel/softlockup_panic; echo 2 > /proc/sys/kernel/watchdog_thresh' \
	--trigger 'insmod /extra/hangme.ko what=leak || exit 1
/extra/grablock /sys/module/hangme/parameters/grab &
sleep 60' --timeout 240 || e2e_done
grabber=$(grep -ao 'crashvm-test: grabber pid [0-9]*' "$E2E_DIR/console.log" | grep -o '[0-9]*$' | head -n 1)
expect .class soft_lockup
expect .degraded false
expect .culprit.comm hangme_leakspin
expect .culprit.module hangme
expect .culprit.function hangme_take_leaked
expect_match .lockup.lock.symbol "$(e2e_lock_re '^leak_lock \[hangme\]$' '^hangme')"
expect_true '.summary | test("recursive") | not'
expect_true '.lockup.holder.recursive | not'
if e2e_kconfig PREEMPT_COUNT; then
	# spin_lock raised grablock's preempt count: it scheduled while atomic
	expect .lockup.holder.kind task
	expect .lockup.holder.pid "$grabber"
	expect .lockup.holder.comm grablock
	expect .lockup.holder.evidence 'scheduled while atomic'
	expect_match .summary "held by grablock \\(pid $grabber\\)"
else
	# no preempt count to leak: nothing shows grablock, and nothing tells
	# a leak from recursion; no other CPU holds it
	expect .lockup.holder.kind none_on_other_cpu
	expect_match .summary 'no other CPU holds it'
fi
e2e_done
