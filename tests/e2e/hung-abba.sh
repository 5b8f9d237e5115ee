# Two kernel threads each hold one mutex and wait for the other (ABBA): the
# verdict names both tasks, both locks and the cycle.
. "$(dirname "$0")/lib.sh"
crashvm hung-abba --extra "$(test_module hangme)" \
	--setup 'echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs' \
	--trigger 'insmod /extra/hangme.ko what=abba' --timeout 240 || e2e_done
expect .class hung_task
expect .kind deadlock
expect_true '.cycle | length == 2'
expect_match .culprit.comm '^hangme_[ab]$'
expect .culprit.module hangme
expect_match .summary 'hangme_a'
expect_match .summary 'hangme_b'
expect_match .summary "$(e2e_lock_re lock_a hangme)"
expect_match .summary "$(e2e_lock_re lock_b hangme)"
expect_true "[.chain[] | .waits_on.symbol] | map(test(\"$(e2e_lock_re 'lock_[ab]' hangme)\")) | all"
expect_true '[.chain[] | .waits_on.type] | all(. == "mutex")'
# the wait-for graph: both tasks' waits and both locks' owners red
expect_dot 4
for pid in $(jq -r '.cycle[]' "$E2E_JSON"); do
	ok=0
	grep -q "^  t$pid -> l[0-9]* .*waits on.*color=\"red\"" "$E2E_DIR/triage.dot" &&
		grep -q "^  l[0-9]* -> t$pid .*owned by.*color=\"red\"" "$E2E_DIR/triage.dot" && ok=1
	_check $ok "triage.dot: pid $pid waits on a lock and owns one, on the red cycle"
done
e2e_done
