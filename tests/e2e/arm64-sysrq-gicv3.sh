# sysrq c on an arm64 board with a GICv3 (QEMU virt,gic-version=3): the
# manual trigger and the writer.
. "$(dirname "$0")/lib.sh"
crashvm_arm64 arm64-sysrq-gicv3 gicv3 --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .class sysrq
expect .degraded false
expect .snapshot.valid true
expect .culprit.comm sh
expect_true '.culprit.pid > 1'
expect_match .summary 'sysrq-trigger'
expect_match .message 'sysrq triggered crash'
expect_match '.backtrace | join(" ")' 'write_sysrq_trigger'
expect_match .kernel.release 'arm64$'
expect_match .kernel.machine 'aarch64'
e2e_done
