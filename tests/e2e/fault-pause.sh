# The guest is paused from the QEMU monitor for 3x watchdog_ms, as live
# migration does: every CPU stalls at once, nobody is to blame, and triage's
# watchdog must not panic the host.  The crash afterwards is a sysrq.
. "$(dirname "$0")/lib.sh"
mon=$E2E_OUT/fault-pause.monitor
# A console.log left by an earlier run must not look like this one's (the
# pauser would talk to a monitor that does not exist yet).
rm -f "$mon" "$mon.paused" "$E2E_OUT/fault-pause/console.log"
hmp() {	# hmp COMMAND: one command to the monitor
	python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); time.sleep(0.3)
s.sendall((sys.argv[2]+"\n").encode()); time.sleep(0.3); s.close()' "$mon" "$1"
}
(
	# Once the module is armed: pause 6 s (3 x 2000 ms), then go on.
	for _ in $(seq 1 600); do
		[ -S "$mon" ] && grep -aq 'pausing now' "$E2E_OUT/fault-pause/console.log" 2>/dev/null &&
			break
		sleep 0.5
	done
	hmp stop && sleep 6 && hmp cont && touch "$mon.paused"
) &
pauser=$!
crashvm fault-pause --keep-dump --no-module --monitor "$mon" \
	--setup "$(triage_load watchdog_ms=2000)
echo 'crashvm-test: pausing now' > /dev/kmsg; sleep 15" \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 300
rc=$?
kill $pauser 2>/dev/null
wait $pauser 2>/dev/null
[ $rc -eq 0 ] || e2e_done
expect_dump
expect .class sysrq
expect_sh "no watchdog report after the pause" \
	"! grep -aE 'hard LOCKUP|has had interrupts off' '$E2E_DIR/console.log'"
expect_sh "the guest was paused for 6 s from the monitor while armed" "[ -e '$mon.paused' ]"
e2e_done
