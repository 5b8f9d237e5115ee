# BUG() in a module under panic_on_oops: oops/bug in the right function.
. "$(dirname "$0")/lib.sh"
crashvm oops-bug --extra "$(test_module crashme)" --cmdline 'oops=panic' \
	--trigger 'insmod /extra/crashme.ko what=bug' || e2e_done
expect .class oops
expect .kind bug
expect .culprit.function crashme_bug
expect .culprit.module crashme
expect_match .title 'kernel BUG in crashme_bug'
e2e_done
