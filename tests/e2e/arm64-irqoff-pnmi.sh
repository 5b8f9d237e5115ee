# Seed 004 case 5 with pseudo-NMI (GICv3, CONFIG_ARM64_PSEUDO_NMI, booted with
# irqchip.gicv3_pseudo_nmi=1): the PMU cycle counter's overflow reaches the
# CPU spinning with IRQs off as an NMI, and the stuck CPU captures itself
# (exact registers, its own backtrace, the lock its registers point at) and
# panics there, so kdump sees every CPU.  Debian's kernels lack the option:
# this runs on the kernel `make pnmi-kernel` builds, and is skipped without it.
. "$(dirname "$0")/lib.sh"
use_pnmi_kernel
setup='
dmesg | grep -q "Pseudo-NMIs enabled" || { echo "pseudo-NMI is not enabled"; exit 1; }
rmmod triage_capture && insmod /lib/triage/triage_capture.ko watchdog_ms=2000 || exit 1
. /job/job.conf
kdump-kallsyms-fix kexec -p -u
kdump-kallsyms-fix kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"'
crashvm_arm64 arm64-irqoff-pnmi gicv3 --cmdline 'irqchip.gicv3_pseudo_nmi=1' \
	--extra "$(test_module_arm64 hangme)" --setup "$setup" \
	--trigger 'insmod /extra/hangme.ko what=irqoff_spin' --timeout 300 || e2e_done
expect .degraded false
expect .class hard_lockup
expect .culprit.comm hangme_spin
expect .culprit.cpu 1
expect .culprit.function hangme_spin_twice_irqoff
expect .culprit.module hangme
expect .lockup.cpu 1
expect .lockup.detected_by 1
expect .lockup.irqs_off true
expect_match .lockup.lock.symbol 'hang_lock'
# its registers are read on it: x0 of the slowpath is the lock, exactly
expect .lockup.lock.heuristic false
expect_match .lockup.lock.found_by 'lock argument register'
expect .lockup.holder.recursive true
expect_match '[.cpus[] | select(.cpu == 1)][0].flags | join(" ")' 'responded'
expect_match '[.cpus[] | select(.cpu == 1)][0].backtrace | join(" ")' 'queued_spin_lock_slowpath.*hangme_spin_twice_irqoff'
e2e_done
