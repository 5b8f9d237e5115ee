# A NULL dereference in a module under panic_on_oops: oops/null_deref, faulting function.
. "$(dirname "$0")/lib.sh"
crashvm oops-null --extra "$(test_module crashme)" --setup 'echo 1 > /proc/sys/kernel/panic_on_oops' \
	--trigger 'insmod /extra/crashme.ko what=null' || e2e_done
expect .class oops
expect .kind null_deref
expect .degraded false
expect .culprit.function crashme_null_deref
expect .culprit.module crashme
expect_match .summary 'NULL pointer dereference'
expect_match .summary 'crashme_null_deref'
expect_match '.backtrace[0]' '^crashme_null_deref\+0x[0-9a-f]+/0x[0-9a-f]+ \[crashme\]$'
if [ "${E2E_ARCH:-}" = arm64 ]; then	# a data abort: ESR, not a trap number
	expect_match '.crash.esr' '^0x9600000[4-7]$'
else
	expect_true '.crash.trap == 14'
fi
e2e_done
