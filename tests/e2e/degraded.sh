# No triage_capture loaded: the collector still judges from the dump, degraded.
. "$(dirname "$0")/lib.sh"
crashvm degraded --no-module --trigger 'echo c > /proc/sysrq-trigger' || e2e_done
expect .degraded true
expect .snapshot.valid false
expect .class sysrq
expect_match .message 'sysrq triggered crash'
expect_match '.evidence | join(" ")' '[Dd]egraded|no (valid )?snapshot'
# no snapshot: the host name is the crashed kernel's, read from the dump
expect .host.name crashvm
expect .host.name_source vmcore
e2e_done
