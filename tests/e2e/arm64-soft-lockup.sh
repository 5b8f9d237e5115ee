# Seed 004 case 4 on the Raspberry Pi 4-like board: a recursive spin_lock with
# IRQs on, softlockup_panic set.  Debian arm64 6.1 has no PREEMPT_COUNT, so the
# kernel's soft-lockup detector still fires (its hrtimer interrupts the spin)
# and panics; the verdict names the CPU, the spinning task and its function.
. "$(dirname "$0")/lib.sh"
crashvm_arm64 arm64-soft-lockup rpi4 --extra "$(test_module_arm64 hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/softlockup_panic; echo 2 > /proc/sys/kernel/watchdog_thresh' \
	--trigger 'insmod /extra/hangme.ko what=spin' --timeout 240 || e2e_done
expect .degraded false
expect .class soft_lockup
expect .culprit.comm hangme_spin
expect .culprit.module hangme
expect .culprit.function hangme_spin_twice
expect .culprit.cpu 1
expect_match .summary 'hangme_spin'
e2e_done
