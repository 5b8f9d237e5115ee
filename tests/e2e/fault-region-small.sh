# A small region (64 KiB) and 300 tasks blocked behind one mutex: the task
# records would fill it many times over.  The records that carry the root
# cause (crash, every CPU, the owner) still fit; the blocked tasks are capped
# and the snapshot says how many were left out.
. "$(dirname "$0")/lib.sh"
crashvm fault-region-small --keep-dump --no-module --extra "$(test_module faultme)" \
	--setup "$(triage_load region_size=64K)
echo 1 > /proc/sys/kernel/hung_task_panic; echo 5 > /proc/sys/kernel/hung_task_timeout_secs" \
	--trigger 'insmod /extra/faultme.ko what=dstorm n=300' --timeout 300 || e2e_done
expect_dump
expect .class hung_task
expect .snapshot.valid true
expect_match '.summary' 'faultme_mutex'
expect_match '.summary' 'faultme_holder'
expect_true '[.cpus[]?] | length == 2'
expect_match '.evidence | join(" ")' 'left out|not recorded|[0-9]+ blocked'
expect_no_splat
e2e_done
