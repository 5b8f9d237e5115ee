# crash_kexec_post_notifiers: panic() stops the other CPUs and runs the panic
# notifiers before kdump; the panic notifier captures then.
. "$(dirname "$0")/lib.sh"
crashvm fault-post-notifiers --keep-dump --cmdline crash_kexec_post_notifiers \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 240 || e2e_done
expect_dump
expect .class sysrq
expect .snapshot.valid true
expect .capture.hook panic
expect_match '.capture.notes | join(" ")' 'panic notifier \(crash_kexec_post_notifiers=1\)'
expect_no_splat
e2e_done
