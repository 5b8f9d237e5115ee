# sysrq c from a shell: the verdict names the manual trigger and the writer.
. "$(dirname "$0")/lib.sh"
crashvm sysrq --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .schema triage/1
expect .class sysrq
expect .degraded false
expect .snapshot.valid true
expect .culprit.comm sh
expect_true '.culprit.pid > 1'
expect_true '.culprit.cpu >= 0'
expect_match .summary 'sysrq-trigger'
expect_match .summary 'by sh \(pid [0-9]+\) on CPU [0-9]+'
expect_match .message 'sysrq triggered crash'
expect_match '.backtrace | join(" ")' 'write_sysrq_trigger'
expect_match .kernel.release '^6\.'
expect_true '.capture.capture_ns > 0'
expect_file_mode "$E2E_DIR/triage.json" 600
expect_file_mode "$E2E_DIR/triage.txt" 600
e2e_done
