# Seed 001: a memory hog with vm.panic_on_oom=1.  The verdict names the
# allocating task, the memory picture, the top consumer, and that
# panic_on_oom turned the OOM kill into a panic.
. "$(dirname "$0")/lib.sh"
crashvm oom --extra "$(test_prog memhog)" --setup 'echo 1 > /proc/sys/vm/panic_on_oom' \
	--trigger './memhog' || e2e_done
expect .class oom
expect .degraded false
expect .culprit.comm memhog
expect .memory.top_consumers[0].comm memhog
expect_match .summary 'memhog'
expect_match .summary 'panic_on_oom'
expect_match '.evidence | join(" ")' 'order=0|order 0'
expect_true '.memory.top_consumers[0].rss_pages > 50000'
e2e_done
