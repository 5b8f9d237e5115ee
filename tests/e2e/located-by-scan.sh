# The module loaded after kdump armed: VMCOREINFO does not name the region (the
# kernel copied it at kexec load), so the collector finds it by its aligned scan.
. "$(dirname "$0")/lib.sh"
crashvm located-by-scan --no-module --setup 'insmod /lib/triage/triage_capture.ko' \
	--trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .snapshot.valid true
expect .snapshot.located_by scan
expect .class sysrq
expect .degraded false
e2e_done
