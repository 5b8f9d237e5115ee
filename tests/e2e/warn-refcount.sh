# A refcount_t dropped below zero by a module, under panic_on_warn:
# refcount_warn_saturate() WARNs "refcount_t: underflow; use-after-free".
# The checker is the kind, the module's function that did the put the
# culprit.
. "$(dirname "$0")/lib.sh"
crashvm warn-refcount --extra "$(test_module crashme)" \
	--setup 'echo 1 > /proc/sys/kernel/panic_on_warn' \
	--trigger 'insmod /extra/crashme.ko what=refcount' || e2e_done
expect .class warn
expect .kind refcount
expect .degraded false
expect .culprit.function crashme_refcount_underflow
expect .culprit.module crashme
expect .culprit.checker refcount_warn_saturate
expect .culprit.context task
expect .culprit.comm insmod
expect_match .title '^WARNING: refcount bug in crashme_refcount_underflow$'
expect_match .summary 'refcount_t: underflow; use-after-free'
expect_match .summary 'crashme_refcount_underflow \[crashme\]'
expect_match .signature '^warn/refcount:crashme_refcount_underflow\[crashme\]'
e2e_done
