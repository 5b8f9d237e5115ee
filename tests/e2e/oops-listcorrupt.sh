# list_add() on a list a module corrupted: CONFIG_DEBUG_LIST's check BUGs
# (CONFIG_BUG_ON_DATA_CORRUPTION) in __list_add_valid (_or_report since
# v6.6).  The checker is the kind, the module's function the culprit.
. "$(dirname "$0")/lib.sh"
crashvm oops-listcorrupt --extra "$(test_module crashme)" --cmdline 'oops=panic' \
	--trigger 'insmod /extra/crashme.ko what=listadd' || e2e_done
expect .class oops
expect .kind list_corruption
expect .degraded false
expect .culprit.function crashme_list_add_corrupt
expect .culprit.module crashme
expect_match .culprit.checker '^__list_add_valid(_or_report)?$'	# _or_report: v6.6
expect .culprit.context task
expect_match .title '^BUG: corrupted list in crashme_list_add_corrupt$'
expect_match .summary '^list_add corruption .*in crashme_list_add_corrupt \[crashme\]'
expect_match .signature '^oops/list_corruption:crashme_list_add_corrupt\[crashme\]'
expect_true '[.evidence[] | select(test("list_add corruption"))] | length >= 1'
e2e_done
