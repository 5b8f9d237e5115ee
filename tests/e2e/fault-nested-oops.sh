# A fault inside the capture itself (the test build reads the NULL page when
# the task walk starts): the records written before it (the log tail, the
# crash and its backtrace) are sealed as a torn snapshot and the crash still
# goes on to kdump.  The verdict comes from what was recovered.
. "$(dirname "$0")/lib.sh"
TRIAGE_MODULE_KO=$(fault_module) crashvm fault-nested-oops --keep-dump --no-module \
	--setup "$(triage_load fault=oops:walk)" \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 240 || e2e_done
expect_dump
expect .class sysrq
expect_true '.snapshot.torn == true'
expect_match '.snapshot | tostring' 'walk'
expect_match '.evidence | join(" ")' 'faulted|torn'
expect_sh "the injected fault is the only one in triage_capture" \
	"[ \$(grep -aE '$TRIAGE_SPLAT_RE' '$E2E_DIR/console.log' | grep -ac 'RIP: ') -eq 1 ] &&
	 grep -aE '$TRIAGE_SPLAT_RE' '$E2E_DIR/console.log' | grep -a 'RIP: ' | grep -q triage_fault_point &&
	 grep -aq 'injecting a fault in section walk' '$E2E_DIR/console.log'"
e2e_done
