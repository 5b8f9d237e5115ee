# A spinlock left locked by a task that went back to user space: the shell's
# write to /sys/module/hangme/parameters/grab takes leak_lock and returns
# holding it; hangme_leakspin then spins on it (IRQs on) until the kernel's
# soft-lockup detector panics.  The verdict names the lock (from the spinner's
# interrupted registers, recorded in the watchdog's timer interrupt), and the
# holder from the evidence - the shell, which the kernel caught scheduling
# while atomic - never "a recursive spin_lock".
. "$(dirname "$0")/lib.sh"
crashvm soft-lockup-leak --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/softlockup_panic; echo 2 > /proc/sys/kernel/watchdog_thresh' \
	--trigger 'insmod /extra/hangme.ko what=leak || exit 1
echo "crashvm-test: grabber pid $$" > /dev/kmsg
echo 1 > /sys/module/hangme/parameters/grab
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
	# spin_lock raised the shell's preempt count: it scheduled while atomic
	expect .lockup.holder.kind task
	expect .lockup.holder.pid "$grabber"
	expect .lockup.holder.comm sh
	expect .lockup.holder.evidence 'scheduled while atomic'
	expect_match .summary "held by sh \\(pid $grabber\\)"
else
	# no preempt count to leak: nothing shows the shell, and nothing tells
	# a leak from recursion; no other CPU holds it
	expect .lockup.holder.kind none_on_other_cpu
	expect_match .summary 'no other CPU holds it'
fi
e2e_done
