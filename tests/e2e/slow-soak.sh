# Soak: SOAK_MIN minutes (default 20) of scheduler, memory, fork and CPU
# hotplug stress in a 2-CPU guest (as the machines here) with watchdog_ms=2000: triage's watchdog
# must never fire (zero false positives), and the crash at the end is judged
# as what it is.  `make soak`; not in the default suite.
. "$(dirname "$0")/lib.sh"
min=${SOAK_MIN:-20}
setup="$(triage_load watchdog_ms=2000)
end=\$(( \$(cut -d. -f1 /proc/uptime) + $min * 60 ))
stop() { [ \$(cut -d. -f1 /proc/uptime) -ge \$end ]; }
for c in 1 2 3; do (while ! stop; do :; done) & done
(while ! stop; do /extra/memhog >/dev/null 2>&1; done) &
(while ! stop; do for i in 1 2 3 4 5 6 7 8; do sh -c true; done; done) &
(while ! stop; do echo 0 > /sys/devices/system/cpu/cpu1/online; sleep 1; echo 1 > /sys/devices/system/cpu/cpu1/online; sleep 1; done) >/dev/null 2>&1 &
(while ! stop; do dd if=/dev/zero of=/dev/null bs=1M count=256 2>/dev/null; done) &
while ! stop; do sleep 10; done
echo 'crashvm-test: soak of $min min done' > /dev/kmsg
wait"
crashvm slow-soak --keep-dump --no-module --cpus 2 --extra "$(test_prog memhog)" \
	--setup "$setup" --trigger 'echo c > /proc/sysrq-trigger' \
	--timeout $(( min * 60 + 600 )) || e2e_done
expect_dump
expect .class sysrq
expect_sh "the soak ran its $min minutes" "grep -aq 'soak of $min min done' '$E2E_DIR/console.log'"
expect_sh "zero false positives: no 'hard LOCKUP' and no 'interrupts off' from triage" \
	"! grep -aE 'hard LOCKUP|has had interrupts off' '$E2E_DIR/console.log'"
expect_no_splat
e2e_done
