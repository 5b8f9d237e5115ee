# A warm reset without kdump (pstore-like): with region= in a memmap= range,
# a panic with panic=1 and no capture kernel resets the guest, RAM is kept,
# and the module, loaded again at the next boot, hands the committed snapshot
# over in debugfs triage/previous; a verdict is judged from it
# (triage-collect --image), and a write releases the copy.
. "$(dirname "$0")/lib.sh"
setup='
mark() { echo "crashvm: $*" >/dev/kmsg; }
mount -t debugfs none /sys/kernel/debug 2>/dev/null
insmod /lib/triage/triage_capture.ko region=0x10000000,1M || exit 1
p=/sys/kernel/debug/triage/previous
if [ -e $p ]; then
	mark "warm: second boot, boot id $(cat /proc/sys/kernel/random/boot_id)"
	dmesg | grep -q "a committed snapshot from a previous boot (.* bytes) is kept" && mark "warm: kept message"
	cat $p >/tmp/previous
	r=/share/result
	mkdir -p $r
	rc=0
	triage-collect --image /tmp/previous --out $r >$r/collect.log 2>&1 || rc=$?
	echo 1 >$p
	[ -z "$(head -c 1 $p)" ] && mark "warm: released"
	mark "verdict written (triage-collect exit $rc)"
	sync
	poweroff -f
fi
# The share is on the host: it tells a second boot from the first.
if [ -e /share/result/first-boot ]; then
	mark "error: warm: second boot, but the module kept no snapshot"
	exit 1
fi
mkdir -p /share/result && : >/share/result/first-boot
mark "warm: first boot, boot id $(cat /proc/sys/kernel/random/boot_id); no capture kernel"
kexec -p -u
'
crashvm warm-reset --no-module --reboot --cmdline 'memmap=1M$0x10000000 panic=1' \
	--setup "$setup" --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by image
expect .class sysrq
expect .degraded false
console=$E2E_DIR/console.log
first=$(sed -n 's/.*crashvm: warm: first boot, boot id \([0-9a-f-]*\).*/\1/p' "$console" | head -n 1)
second=$(sed -n 's/.*crashvm: warm: second boot, boot id \([0-9a-f-]*\).*/\1/p' "$console" | head -n 1)
expect_sh "the snapshot is the first boot's ($first), judged in the second ($second)" \
	'[ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ] && [ "$(jq -r .kernel.boot_id "$E2E_JSON")" = "$first" ]'
expect_sh "the module said it kept a committed snapshot" 'grep -q "crashvm: warm: kept message" "$console"'
expect_sh "a write to triage/previous released it" 'grep -q "crashvm: warm: released" "$console"'
e2e_done
