# Bad parameters are refused with a clear message, unload is clean, and after a
# reload (and a kdump reload) the snapshot is still found through VMCOREINFO,
# whose first TRIAGE_REGION line now points at freed memory.
. "$(dirname "$0")/lib.sh"
setup='
ko=/lib/triage/triage_capture.ko
for bad in region_size=3000 region_size=8M region_size=1X log_bytes=10 budget_ms=0; do
	if insmod $ko $bad; then echo "accepted $bad"; exit 1; fi
done
dmesg | grep -q "region_size=3000 is invalid" || { echo "no message for region_size=3000"; exit 1; }
dmesg | grep -q "budget_ms=0 is invalid" || { echo "no message for budget_ms=0"; exit 1; }
insmod $ko region_size=512K && rmmod triage_capture && insmod $ko || exit 1
dmesg | grep -q "region of 524288 bytes" || { echo "region_size=512K not honoured"; exit 1; }
# What "kdump-config reload" does: the kernel copies VMCOREINFO at load time.
. /job/job.conf
kexec -p -u && kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"
'
crashvm module-lifecycle --no-module --setup "$setup" --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by vmcoreinfo
expect .class sysrq
expect .degraded false
e2e_done
