# Seed 004 case 5 on x86: a recursive spinlock with IRQs off never panics by
# itself; triage_capture's watchdog (watchdog_ms=2000 here) notices, reaches
# the stuck CPU by NMI, captures and panics.  The verdict names the stuck
# CPU, its task and function, the lock, and that IRQs were off.
. "$(dirname "$0")/lib.sh"
setup='
rmmod triage_capture && insmod /lib/triage/triage_capture.ko watchdog_ms=2000 || exit 1
. /job/job.conf
kexec -p -u && kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"'
crashvm hard-lockup --extra "$(test_module hangme)" --setup "$setup" \
	--trigger 'insmod /extra/hangme.ko what=irqoff_spin' --timeout 240 || e2e_done
expect .class hard_lockup
expect .degraded false
expect .culprit.comm hangme_spin
expect .culprit.cpu 1
expect .culprit.module hangme
expect .culprit.function hangme_spin_twice_irqoff
expect .lockup.cpu 1
expect .lockup.lock.symbol 'hang_lock [hangme]'
expect_match .summary 'interrupts off|IRQs off'
expect_match .summary 'hang_lock'
expect_true '[.cpus[] | select(.cpu == 1)][0].irqs_off == true'
e2e_done
