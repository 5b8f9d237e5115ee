# A writer blocks on an rw_semaphore whose reader exited holding it: the
# lock's owner word is a hint naming a freed task (init_on_free=1 zeroes it).
# The capture must not unwind the freed task (it oopsed in __unwind_start()
# and kexec never ran); the dump is saved and the verdict says the owner is
# gone.
. "$(dirname "$0")/lib.sh"
args=(--cmdline init_on_free=1 --extra "$(test_module faultme)"
	--setup 'echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs'
	--trigger 'insmod /extra/faultme.ko what=reader_exit' --timeout 240)
crashvm_baseline fault-owner-exited-base "${args[@]}"
crashvm fault-owner-exited --keep-dump "${args[@]}" || e2e_done
expect_not_worse
expect_dump
expect .class hung_task
expect .snapshot.valid true
expect_match '.summary' 'faultme_writer'
expect_match '.summary + (.evidence | join(" "))' 'faultme_sem'
expect_true '[.chain[]? | select(.comm == "faultme_writer")][0].waits_on.type == "rwsem"'
expect_true '[.chain[]? | .owner_pid // -1] | all(. != 0)'
# Freed (zeroed) or reused by a task started since: either way it is gone.
expect_match '.evidence | join(" ")' 'exited'
expect_true '.culprit.comm == "faultme_writer" or .culprit.comm == null or .culprit.comm == "faultme_reader"'
expect_no_splat
e2e_done
