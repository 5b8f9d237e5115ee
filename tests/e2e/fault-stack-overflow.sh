# A kernel stack overflow: the guard page is hit, the #DF handler dies, and
# the capture runs on the exception stack.  The dump is saved with a verdict.
. "$(dirname "$0")/lib.sh"
crashvm fault-stack-overflow --keep-dump --extra "$(test_module faultme)" \
	--cmdline oops=panic --trigger 'insmod /extra/faultme.ko what=stack_overflow' --timeout 240 || e2e_done
expect_dump
expect .snapshot.valid true
expect_match '.summary + .kind' 'stack|faultme_recurse'
expect_no_splat
e2e_done
