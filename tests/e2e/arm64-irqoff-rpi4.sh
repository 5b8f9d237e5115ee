# Seed 004 case 5 on a Raspberry Pi 4-like board (GICv2: no pseudo-NMI, no
# NMI watchdog, nothing in the kernel notices): a recursive spinlock with IRQs
# off.  triage_capture's buddy watchdog (watchdog_ms=2000) notices from the
# healthy CPU, captures the stuck CPU from afar (its task, preempt count and
# a backtrace recovered from its stack), and panics so kdump runs.  The lock
# itself cannot be named here: Debian's arm64 kernels lack KALLSYMS_ALL, so
# kallsyms has no data symbols, not even a module's.
. "$(dirname "$0")/lib.sh"
setup='
rmmod triage_capture && insmod /lib/triage/triage_capture.ko watchdog_ms=2000 || exit 1
. /job/job.conf
kdump-kallsyms-fix kexec -p -u
kdump-kallsyms-fix kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"'
crashvm_arm64 arm64-irqoff-rpi4 rpi4 --extra "$(test_module_arm64 hangme)" --setup "$setup" \
	--trigger 'insmod /extra/hangme.ko what=irqoff_spin' --timeout 300 || e2e_done
expect .degraded false
expect_match .class 'hard_lockup|hang_no_panic'
expect .culprit.comm hangme_spin
expect .culprit.cpu 1
expect .culprit.module hangme
expect .lockup.cpu 1
expect_match .summary 'hangme_spin'
expect_match '[.cpus[] | select(.cpu == 1)][0].backtrace | join(" ")' 'hangme_spin_twice_irqoff'
e2e_done
