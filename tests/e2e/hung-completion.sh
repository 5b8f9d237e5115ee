# A kernel thread waits for a completion nobody completes: no owner to blame;
# the verdict says so and names where it waits and the completion.
. "$(dirname "$0")/lib.sh"
crashvm hung-completion --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs' \
	--trigger 'insmod /extra/hangme.ko what=completion' --timeout 240 || e2e_done
expect .class hung_task
expect .kind no_owner
expect .culprit.comm hangme_waiter
expect .culprit.function hangme_wait_for_done
expect .culprit.module hangme
expect_match .summary 'hangme_done'
expect_match .summary '[Nn]o owner|no one|nobody'
expect_match '[.chain[] | .waits_on.type] | join(" ")' 'completion'
e2e_done
