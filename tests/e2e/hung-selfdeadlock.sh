# Seed 000: a module takes the writer's mmap_lock, then its own mutex twice;
# readers of that process's /proc files block behind the mmap_lock;
# hung_task_panic.  The verdict names the self-deadlock, the mutex and its
# module, the owner and its function, and the chain through the mmap_lock.
. "$(dirname "$0")/lib.sh"
trigger='
insmod /extra/smajdalf.ko
sh -c "echo 1 > /proc/smajdalf" & P=$!
echo $P > /tmp/owner.pid
sleep 1
cat /proc/$P/environ >/dev/null &
cat /proc/$P/cmdline >/dev/null &
wait'
setup='echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs'
if e2e_is_rt; then
	# PREEMPT_RT: the second mutex_lock() does not hang in D; the rtmutex
	# code sees the owner is the task itself, WARNs "rtmutex deadlock
	# detected" and sleeps in S for ever, and the readers wait killable,
	# which khungtaskd does not report: only panic_on_warn makes it a crash.
	crashvm hung-selfdeadlock --extra "$(test_module smajdalf)" \
		--setup "$setup; echo 1 > /proc/sys/kernel/panic_on_warn" \
		--trigger "$trigger" --timeout 240 || e2e_done
	expect .class warn
	expect .kind deadlock
	expect .degraded false
	expect .culprit.comm sh
	expect .culprit.function take_the_lock_of_power
	expect .culprit.module smajdalf
	expect_match .summary 're-acquires.*already holds'
	expect_match .summary 'rtmutex deadlock detected'
	e2e_done
fi
crashvm hung-selfdeadlock --extra "$(test_module smajdalf)" --setup "$setup" \
	--trigger "$trigger" --timeout 240 || e2e_done
expect .class hung_task
expect .kind deadlock
expect .degraded false
expect .culprit.comm sh
expect .culprit.function take_the_lock_of_power
expect .culprit.module smajdalf
expect_match .summary 'take_the_lock_of_power'
expect_match .summary "$(e2e_lock_re magic_mutex smajdalf)"
expect_match .summary 'smajdalf'
expect_match .summary 're-acquires|already holds'
expect_match .title 'INFO: task hung in take_the_lock_of_power'
# The cycle is the owner alone; the chain starts at the blocked readers.
expect_true '.cycle | length == 1'
expect_true '.cycle[0] == .culprit.pid'
expect_true '[.chain[] | select(.comm == "cat")] | length >= 1'
expect_true '[.chain[] | select(.comm == "cat")][0].owner_pid == .culprit.pid'
expect_match '[.chain[] | select(.comm == "cat")][0].waits_on.type' 'rwsem'
expect_match '[.chain[] | .waits_on.symbol // ""] | join(" ")' "$(e2e_lock_re magic_mutex smajdalf)"
expect_match '.evidence | join(" ")' 'hung_task_panic'
expect_match '.evidence | join(" ")' 'mmap_lock|mm of pid'
# the graph: its own mutex, waited on and owned, red; the cats not
expect_dot 2
pid=$(jq -r .culprit.pid "$E2E_JSON")
ok=0
grep -q "^  t$pid -> l[0-9]* .*color=\"red\"" "$E2E_DIR/triage.dot" &&
	grep -q "^  l[0-9]* -> t$pid .*owned by.*color=\"red\"" "$E2E_DIR/triage.dot" && ok=1
_check $ok "triage.dot: pid $pid waits on the lock it owns, in red"
e2e_done
