# Two CPUs crash at once: a panic on CPU 0 and an oops in an hrtimer callback
# on CPU 1, which goes straight to crash_kexec().  One captures, the other
# waits for its commit (bounded) before kexec, so the snapshot is whole.
. "$(dirname "$0")/lib.sh"
crashvm fault-panic2 --keep-dump --extra "$(test_module faultme)" \
	--trigger 'insmod /extra/faultme.ko what=panic2' --timeout 240 || e2e_done
expect_dump
expect .snapshot.valid true
expect_true '.snapshot.torn != true'
expect_match '.class' 'panic|oops'
expect_no_splat
e2e_done
