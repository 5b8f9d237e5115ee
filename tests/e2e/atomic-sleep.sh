# Seed 004 case 3: a module returns to user space with a spinlock held; the
# task's next schedule() is "scheduling while atomic", a panic under
# panic_on_warn.  The verdict names the leaked preempt count and the task.
. "$(dirname "$0")/lib.sh"
crashvm atomic-sleep --extra "$(test_module crashme)" --setup 'echo 1 > /proc/sys/kernel/panic_on_warn' \
	--trigger 'insmod /extra/crashme.ko what=atomic; echo 1 > /proc/crashme_atomic; sleep 1' || e2e_done
expect .class atomic_sleep
expect .culprit.comm sh
expect_match .summary 'preempt|atomic'
expect_match .summary '0x0*[1-9]'
e2e_done
