# The locks a capture used to take (si_meminfo() -> nr_blockdev_pages():
# s_inode_list_lock; vm_memory_committed() -> percpu_counter_sum(): the
# counter's raw spinlock) are held by another CPU when the crash comes.  The
# stock kernel saves its dump; with triage loaded it must too, with a
# verdict, and the memory figures read without the locks say so.
. "$(dirname "$0")/lib.sh"
args=(--extra "$(test_module faultme)" --trigger 'insmod /extra/faultme.ko what=hold_locks' --timeout 240)
crashvm_baseline fault-locks-held-base "${args[@]}"
crashvm fault-locks-held --keep-dump "${args[@]}" || e2e_done
expect_not_worse
expect_dump
expect .class panic
expect_match .summary 'faultme'
expect .snapshot.valid true
expect .degraded false
expect_no_splat
expect_match '(.evidence | join(" ")) + (.memory | tostring)' 'approximate|unknown'
e2e_done
