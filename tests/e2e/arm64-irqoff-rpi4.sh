# Seed 004 case 5 on a Raspberry Pi 4-like board (GICv2: no pseudo-NMI, no
# NMI watchdog, nothing in the kernel notices): a recursive spinlock with IRQs
# off.  triage_capture's buddy watchdog (watchdog_ms=2000) notices from the
# healthy CPU, captures the stuck CPU from afar (its task, preempt count and
# a backtrace recovered from its stack), and panics so kdump runs.  Its
# registers cannot be read here, so the lock is the contended spinlock word in
# the data of the module whose code is on its stack: "hang_lock [hangme]", or
# "hangme.core+0x..." where kallsyms has no data symbols (Debian arm64 6.1
# lacks KALLSYMS_ALL), never a read-only word that merely looks locked.
. "$(dirname "$0")/lib.sh"
E2E_ARCH=arm64	# e2e_kconfig and e2e_lock_re: the arm64 kernel's config
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
expect_match .lockup.lock.symbol "$(e2e_lock_re '^hang_lock \[hangme\]$' '^hangme')"
expect .lockup.lock.heuristic true
expect_true '.lockup.lock.value | test("^0x0*101$")'
if e2e_kconfig PREEMPT_COUNT; then
	expect_match .summary 'probably a recursive spin_lock'
else	# no preempt count: recursion cannot be told from a leak
	expect .lockup.holder.kind none_on_other_cpu
fi
e2e_done
