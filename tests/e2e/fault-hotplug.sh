# CPUs go offline and online again while the crash is captured (a loop in
# the background); the capture reads each online CPU as it finds it.
. "$(dirname "$0")/lib.sh"
crashvm fault-hotplug --keep-dump --cpus 4 \
	--setup '(while :; do for c in 1 2 3; do echo 0 > /sys/devices/system/cpu/cpu$c/online; echo 1 > /sys/devices/system/cpu/cpu$c/online; done; done) >/dev/null 2>&1 &
sleep 3' \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 300 || e2e_done
expect_dump
expect .class sysrq
expect .snapshot.valid true
expect_no_splat
e2e_done
