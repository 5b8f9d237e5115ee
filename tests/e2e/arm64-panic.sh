# Seed 004 case 0 on arm64 (Raspberry Pi 4-like board: GICv2, cortex-a72): an
# explicit panic() from a module: class, message, function, module.
. "$(dirname "$0")/lib.sh"
crashvm_arm64 arm64-panic rpi4 --extra "$(test_module_arm64 crashme)" \
	--trigger 'insmod /extra/crashme.ko what=panic' || e2e_done
expect .class panic
expect .degraded false
expect .snapshot.valid true
expect .message 'crashme: explicit panic from the test module'
expect .culprit.function crashme_explicit_panic
expect .culprit.module crashme
expect .culprit.comm insmod
expect_match .kernel.release 'arm64$'
expect_match .summary 'crashme_explicit_panic'
expect_true '[.modules[] | select(.name == "crashme")] | length == 1'
expect_true '[.modules[].name] | all(test("^[A-Za-z0-9_]+$"))'
expect_true '.signature | test("[0-9]{3,}") | not'
e2e_done
