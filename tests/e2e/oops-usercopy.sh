# copy_to_user() of 512 bytes of a 16-byte kmalloc() object by a module:
# hardened usercopy (CONFIG_HARDENED_USERCOPY) BUGs in usercopy_abort()
# before anything is copied.  The checker is the kind, the module's
# function that asked for the copy the culprit.
. "$(dirname "$0")/lib.sh"
crashvm oops-usercopy --extra "$(test_module crashme)" --cmdline 'oops=panic' \
	--trigger 'insmod /extra/crashme.ko what=usercopy' || e2e_done
expect .class oops
expect .kind usercopy
expect .degraded false
expect .culprit.function crashme_usercopy
expect .culprit.module crashme
expect .culprit.checker usercopy_abort
expect .culprit.context task
expect .culprit.comm insmod
expect_match .title '^BUG: bad usercopy in crashme_usercopy$'
expect_match .summary "^usercopy: Kernel memory exposure attempt detected from SLUB object '[^']*kmalloc[^']*' \\(offset 0, size 512\\) in crashme_usercopy \\[crashme\\]"
expect_match .signature '^oops/usercopy:crashme_usercopy\[crashme\]'
e2e_done
