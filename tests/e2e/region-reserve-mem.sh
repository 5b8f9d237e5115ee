# region=reserve_mem:NAME on Debian's 6.12 kernel: the range reserve_mem=
# set aside at boot (System RAM that memblock keeps, found by name) holds the
# region; kdump finds the snapshot through VMCOREINFO, in the dump itself.
. "$(dirname "$0")/lib.sh"
setup='
insmod /lib/triage/triage_capture.ko region=reserve_mem:nosuch && { echo "accepted an unknown name"; exit 1; }
dmesg | grep -q "no reserve_mem=SIZE:ALIGN:nosuch" || { echo "no message for an unknown name"; exit 1; }
insmod /lib/triage/triage_capture.ko region=reserve_mem:triage || exit 1
dmesg | grep -q "armed: reserved region of 1048576 bytes" || { echo "not armed in the reserve_mem range"; exit 1; }
. /job/job.conf
kexec -p -u && kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"
'
crashvm region-reserve-mem --kernel 6.12 --no-module --cmdline 'reserve_mem=1M:1M:triage' \
	--setup "$setup" --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by vmcoreinfo
expect .class sysrq
expect .degraded false
e2e_done
