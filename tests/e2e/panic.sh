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
# which host: the crashed kernel's nodename (crashvm sets it), its machine id
expect .host.name crashvm
expect .host.name_source snapshot
expect .host.machine_id "$(printf crashvm | md5sum | cut -c1-32)"
expect .host.machine_id_source etc_machine_id
expect_true '.collected_at > 1700000000'
expect_no_dot	# no blocked task, no lockup: no graph
e2e_done
