# A writer blocks on an rw_semaphore held for read by a sleeping reader: the
# owner is the reader, with the caveat that the kernel keeps only a hint.
# On PREEMPT_RT an rw_semaphore keeps no reader at all (rwbase_rt counts
# them): the verdict names the writer, the lock, the count of readers, and
# says that they are not recorded, instead of guessing.
. "$(dirname "$0")/lib.sh"
crashvm hung-rwsem-reader --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs' \
	--trigger 'insmod /extra/hangme.ko what=rwsem_reader' --timeout 240 || e2e_done
expect .class hung_task
expect_match .summary 'hangme_sem'
expect_match .summary 'hangme_writer'
expect_match .summary 'read'
expect_true '[.chain[] | select(.comm == "hangme_writer")][0].waits_on.type == "rwsem"'
expect_true '[.chain[] | select(.comm == "hangme_writer")][0].waits_on.held_by == "readers"'
if e2e_is_rt; then
	expect .culprit.comm hangme_writer
	expect_match .culprit.function "^hangme_write(r)?$"
	expect_match .summary '1 reader that the lock does not record'
else
	expect .culprit.comm hangme_reader
	expect .culprit.module hangme
	expect_match '.evidence | join(" ")' 'hint|last reader'
fi
e2e_done
