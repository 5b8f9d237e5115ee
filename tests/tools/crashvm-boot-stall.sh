#!/bin/bash
# crashvm-boot-stall.sh — qemu/crashvm against a stand-in QEMU that prints a
# console: a soft lockup or RCU stall before the guest's init ran ends the
# run at once as "stalled while booting" (tests/e2e/lib.sh boots once more
# then); the same after init is the scenario's and waits for --timeout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/crashvm-boot-stall.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0

# fake_qemu LINE...: a qemu-system-x86_64 that prints LINEs, then hangs.
fake_qemu() {
	{
		echo '#!/bin/bash'
		echo 'echo "[    0.000000] Linux version 6.1.0 (stand-in)"'
		for l in "$@"; do printf 'echo %q\n' "$l"; done
		echo 'exec sleep 600'
	} >"$work/qemu-system-x86_64"
	chmod +x "$work/qemu-system-x86_64"
}

# check NAME WANT-REGEX MAX-SECONDS
check() {
	local start=$SECONDS msg
	msg=$(PATH=$work:$PATH "$top/qemu/crashvm" --out "$work/out" --timeout 8 \
		--trigger 'echo c > /proc/sysrq-trigger' 2>&1 | tail -n 1)
	if [[ $msg =~ $2 ]] && [ $((SECONDS - start)) -le "$3" ]; then
		echo "  ok   $1"
	else
		echo "  FAIL $1: '$msg' after $((SECONDS - start)) s"
		failed=1
	fi
}

fake_qemu '[   21.000000] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:'
check "RCU stall before init: stopped at once" 'stalled while booting' 15
fake_qemu '[   49.460824] watchdog: BUG: soft lockup - CPU#7 stuck for 45s! [kworker/7:0:52]'
check "soft lockup before init: stopped at once" 'stalled while booting' 15
fake_qemu '[    3.000000] crashvm: first kernel up' \
	'[   21.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [x:1]'
check "soft lockup after init: the scenario's, until --timeout" 'no panic within 8 s' 40
[ $failed -eq 0 ] && echo "crashvm-boot-stall: all passed"
exit $failed
