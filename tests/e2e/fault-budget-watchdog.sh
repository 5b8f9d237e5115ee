# A healthy host is never panicked by triage's own watchdog: a manual capture
# that keeps IRQs off for a whole budget_ms of 1 s (the test build stalls in
# it) with watchdog_ms=500, then IRQs kept off for 3 s by a driver that calls
# touch_nmi_watchdog() as slow consoles do.  Only the crash that follows is
# captured, and its snapshot says the budget ran out.
. "$(dirname "$0")/lib.sh"
setup="$(triage_load 'fault=stall:cpus budget_ms=1000 watchdog_ms=500')
mount -t debugfs none /sys/kernel/debug 2>/dev/null
echo 1 > /sys/kernel/debug/triage/capture || { echo 'manual capture failed'; exit 1; }
insmod /extra/faultme.ko what=irqoff_touch ms=3000 || exit 1
sleep 2"
TRIAGE_MODULE_KO=$(fault_module) crashvm fault-budget-watchdog --keep-dump --no-module \
	--extra "$(test_module faultme)" --setup "$setup" \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 240 || e2e_done
expect_dump
expect .class sysrq
expect .snapshot.valid true
expect_sh "no watchdog report: no 'hard LOCKUP' and no 'interrupts off' from triage" \
	"! grep -aE 'hard LOCKUP|has had interrupts off' '$E2E_DIR/console.log'"
expect_sh "the manual capture ran and the IRQs-off driver finished" \
	"grep -aq 'IRQs were off for 3000 ms' '$E2E_DIR/console.log'"
expect_match '.evidence + [.capture | tostring] | join(" ")' 'budget'
expect_no_splat
e2e_done
