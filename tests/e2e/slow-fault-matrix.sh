# Every injected fault of the test build, one crash each: a nested oops at
# the start of each section, a stall that runs each loop into the deadline,
# and each corrupt task list.  Each row asserts that kdump saved the dump,
# that a verdict was written, and that the snapshot is committed or flagged
# torn; the table at the end is the figure.  `make check-faults`.
. "$(dirname "$0")/lib.sh"
faults=${FAULTS:-"oops:sample oops:log oops:crash oops:walk oops:lockup oops:cpus oops:system oops:memory oops:modules oops:owners oops:tasks stall:walk stall:cpus stall:owners walk-loop walk-bad walk-empty"}
trigger='
insmod /extra/smajdalf.ko
sh -c "echo 1 > /proc/smajdalf" & P=$!
sleep 1
cat /proc/$P/environ >/dev/null &
cat /proc/$P/cmdline >/dev/null &
wait'
rows=
dumps=0 verdicts=0 total=0
for f in $faults; do
	name=slow-fault-${f//:/-}
	total=$((total + 1))
	# Seed 000's hung tasks, so that the walk and the owner chain have work.
	TRIAGE_MODULE_KO=$(fault_module) crashvm "$name" --keep-dump --no-module \
		--extra "$(test_module smajdalf)" \
		--setup "$(triage_load "fault=$f budget_ms=200")
echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs" \
		--trigger "$trigger" --timeout 240
	dump=no verdict=no state=-
	[ -s "$E2E_DIR/vmcore" ] && { dump=yes; dumps=$((dumps + 1)); }
	if [ -s "$E2E_JSON" ]; then
		verdict=$(jq -r .class "$E2E_JSON")
		verdicts=$((verdicts + 1))
		state=$(jq -r 'if .snapshot.torn == true then "torn" elif .snapshot.valid then "committed" else "invalid" end' "$E2E_JSON")
	fi
	_check $([ $dump = yes ] && echo 1 || echo 0) "$f: kdump saved the dump"
	_check $([ $verdict != no ] && echo 1 || echo 0) "$f: a verdict was written ($verdict)"
	_check $([ "$state" = committed ] || [ "$state" = torn ] && echo 1 || echo 0) "$f: snapshot $state"
	rm -f "$E2E_DIR/vmcore"
	rows="$rows$(printf '%-14s %-5s %-10s %s' "$f" "$dump" "$verdict" "$state")\n"
done
printf '\n  %-14s %-5s %-10s %s\n' fault dump verdict snapshot
printf "$rows" | sed 's/^/  /'
echo "  dumps saved $dumps/$total, verdicts $verdicts/$total"
e2e_done
