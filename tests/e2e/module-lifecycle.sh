# Bad parameters are refused with a clear message, unload is clean, and after
# many loads and unloads VMCOREINFO still has one TRIAGE_REGION line (each
# load used to append one to its 4 KiB buffer: a WARN once full), no kprobe
# is left behind, no memory is lost, and after a kdump reload the snapshot is
# found through VMCOREINFO.
. "$(dirname "$0")/lib.sh"
cycles=${E2E_LIFECYCLES:-30}
setup='
ko=/lib/triage/triage_capture.ko
for bad in region_size=3000 region_size=8M region_size=1X log_bytes=10 budget_ms=0 watchdog_action=reboot; do
	if insmod $ko $bad; then echo "accepted $bad"; exit 1; fi
done
dmesg | grep -q "region_size=3000 is invalid" || { echo "no message for region_size=3000"; exit 1; }
dmesg | grep -q "budget_ms=0 is invalid" || { echo "no message for budget_ms=0"; exit 1; }
dmesg | grep -q "watchdog_action=reboot is not panic, capture or warn" || { echo "no message for watchdog_action"; exit 1; }
insmod $ko region_size=512K && rmmod triage_capture && insmod $ko || exit 1
dmesg | grep -q "region of 524288 bytes" || { echo "region_size=512K not honoured"; exit 1; }
rmmod triage_capture || exit 1
free0=$(sed -n "s/^MemFree: *\([0-9]*\) kB/\1/p" /proc/meminfo)
t0=$(cut -d" " -f1 /proc/uptime)
i=0
while [ $i -lt '"$cycles"' ]; do
	insmod $ko || { echo "load $i failed"; exit 1; }
	rmmod triage_capture || { echo "unload $i failed"; exit 1; }
	i=$((i + 1))
done
t1=$(cut -d" " -f1 /proc/uptime)
free1=$(sed -n "s/^MemFree: *\([0-9]*\) kB/\1/p" /proc/meminfo)
echo "crashvm-test: '"$cycles"' load/unload cycles from $t0 to $t1 s, MemFree $free0 -> $free1 kB" > /dev/kmsg
! dmesg | grep -q "vmcoreinfo data exceeds" || { echo "VMCOREINFO overflowed"; exit 1; }
! grep -q triage /sys/kernel/debug/kprobes/list || { echo "kprobes left behind"; exit 1; }
[ $((free0 - free1)) -lt 16384 ] || { echo "lost $((free0 - free1)) kB in '"$cycles"' cycles"; exit 1; }
insmod $ko || exit 1
# What "kdump-config reload" does: the kernel copies VMCOREINFO at load time.
. /job/job.conf
kexec -p -u && kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"
'
crashvm module-lifecycle --no-module --keep-dump --setup "$setup" \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout $((300 + cycles * 2)) || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by vmcoreinfo
expect .class sysrq
expect .degraded false
expect_sh "VMCOREINFO has one TRIAGE_REGION line after $cycles loads" \
	"[ \$('$E2E_TOP/tests/tools/vmcoreinfo-of' '$E2E_DIR/vmcore' | grep -c '^TRIAGE_REGION=') -eq 1 ]"
grep -a 'load/unload cycles' "$E2E_DIR/console.log" | sed 's/^.*crashvm-test: /  /'
expect_dump
e2e_done
