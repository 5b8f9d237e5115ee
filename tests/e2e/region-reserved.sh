# region=PHYS,SIZE: the region is a range reserved at boot (memmap=, an E820
# reserved range) instead of allocated pages.  Bad ranges are refused with a
# message: RAM in use, ranges not reserved, and reserved ranges that are not
# RAM (device windows, the BIOS area), which would be cleared at load.  kexec-tools leaves reserved ranges out of the dump, so the
# collector in the capture kernel reads the range VMCOREINFO names from /dev/mem.
. "$(dirname "$0")/lib.sh"
setup='
ko=/lib/triage/triage_capture.ko
refuse() {	# refuse PARAM MESSAGE: insmod must fail and say MESSAGE
	if insmod $ko "$1"; then echo "accepted $1"; rmmod triage_capture; exit 1; fi
	dmesg | grep -q "$2" || { echo "no message \"$2\" for $1"; exit 1; }
}
refuse region=0x10000000 "is not PHYS,SIZE"
refuse region=0x10000800,1M "must be page-aligned"
refuse region=0x10000000,768K "is invalid: it must be a power of two"
refuse region=0x01000000,1M "is System RAM in use by the kernel"
refuse region=0x0ff80000,1M "is partly System RAM"
refuse region=0xfee00000,64K "is not wholly inside a range reserved at boot"
refuse region=0xf0000,64K "is below 1 MiB"
refuse region=0xc0000000,1M "is not RAM: no memory map"
refuse region=reserve_mem:triage "reserve_mem"
insmod $ko region=0x10000000,1M || exit 1
dmesg | grep -q "armed: reserved region of 1048576 bytes at phys 0x10000000" || { echo "not armed at 0x10000000"; exit 1; }
[ ! -e /sys/kernel/debug/triage/previous ] || { echo "kept a previous snapshot from a fresh range"; exit 1; }
. /job/job.conf
kexec -p -u && kexec -p $JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="$JOB_APPEND"
'
# 0xc0000000 is in the PCI hole of a 1 GiB guest: E820 calls it reserved once
# memmap= says so, as firmware does for device windows; it is not RAM.
crashvm region-reserved --no-module --cmdline 'memmap=1M$0x10000000 memmap=1M$0xc0000000' --setup "$setup" \
	--trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by devmem
expect .snapshot.region_phys 0x10000000
expect .class sysrq
expect .degraded false
e2e_done
