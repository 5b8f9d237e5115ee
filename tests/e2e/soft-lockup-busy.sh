# A soft lockup with no lock at all: hangme_busy_loop loops for ever with
# preemption off.  The kernel's printed call trace (x86) starts at its caller;
# the culprit is the function at the interrupted pc, which the capture records
# from the watchdog's timer interrupt (get_irq_regs).
. "$(dirname "$0")/lib.sh"
crashvm soft-lockup-busy --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/softlockup_panic; echo 2 > /proc/sys/kernel/watchdog_thresh' \
	--trigger 'insmod /extra/hangme.ko what=busy' --timeout 240 || e2e_done
expect .class soft_lockup
expect .degraded false
expect .culprit.comm hangme_busy
expect .culprit.module hangme
expect .culprit.function hangme_busy_loop
expect .culprit.cpu 1
expect '[.cpus[] | select(.cpu == 1)][0].flags | index("irq_regs") != null' true
expect '[.cpus[] | select(.cpu == 1)][0].backtrace[0] | test("hangme_busy_loop")' true
expect .lockup.lock null
expect .lockup.holder null
expect_true '.summary | test("spins|recursive") | not'
expect_match .summary 'hangme_busy_loop'
e2e_done
