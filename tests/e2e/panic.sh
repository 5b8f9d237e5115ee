# An explicit panic() from an out-of-tree module: class, message, function, module.
. "$(dirname "$0")/lib.sh"
crashvm panic --extra "$(test_module crashme)" --trigger 'insmod /extra/crashme.ko what=panic' || e2e_done
expect .class panic
expect .degraded false
expect .message 'crashme: explicit panic from the test module'
expect .culprit.function crashme_explicit_panic
expect .culprit.module crashme
expect .culprit.comm insmod
expect_match .summary 'crashme_explicit_panic'
expect_match .summary 'crashme'
expect_true '[.modules[] | select(.name == "crashme")] | length == 1'
expect_true '.signature | test("[0-9]{3,}") | not'
e2e_done
