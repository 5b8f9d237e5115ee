# A corrupt task list (the test build makes the process list loop back on
# itself, never reaching init_task again): the walk is cut by its bounds and
# the deadline, the rest of the snapshot is written and committed, and the
# capture takes no longer than its budget allows.
. "$(dirname "$0")/lib.sh"
TRIAGE_MODULE_KO=$(fault_module) crashvm fault-walk-corrupt --keep-dump --no-module \
	--setup "$(triage_load 'fault=walk-loop budget_ms=200')" \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 240 || e2e_done
expect_dump
expect .class sysrq
expect .snapshot.valid true
expect_capture_within 260
expect_match '.evidence + [.capture | tostring] | join(" ")' 'walk stopped|time budget|budget'
expect_true '[.cpus[]?] | length == 2'
expect_no_splat
e2e_done
