# Seed 004 case 1 on arm64 (rpi4 board): a NULL dereference in a module under
# panic_on_oops: oops/null_deref, the faulting function, the ESR decoded
# (data abort taken at EL1, a translation fault).
. "$(dirname "$0")/lib.sh"
crashvm_arm64 arm64-oops-null rpi4 --extra "$(test_module_arm64 crashme)" \
	--setup 'echo 1 > /proc/sys/kernel/panic_on_oops' \
	--trigger 'insmod /extra/crashme.ko what=null' || e2e_done
expect .class oops
expect .kind null_deref
expect .degraded false
expect .culprit.function crashme_null_deref
expect .culprit.module crashme
expect .culprit.comm insmod
expect_match .summary 'NULL pointer dereference'
expect_match .summary 'crashme_null_deref'
expect_true '.crash.fault_address == "0x0" or .crash.fault_address == 0'
expect_match '.crash.esr' '^0x9600000[4-7]$'
expect_match '.evidence | join(" ")' 'exception class DABT \(current EL\), level [0-3] translation fault \(FSC 0x0[4-7]\), read'
e2e_done
