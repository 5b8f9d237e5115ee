# Eight CPUs: the NMI round reaches each, every CPU has its record.
. "$(dirname "$0")/lib.sh"
crashvm fault-8cpus --keep-dump --cpus 8 --mem 1536 \
	--trigger 'echo c > /proc/sysrq-trigger' --timeout 420 || e2e_done
expect_dump
expect .class sysrq
expect .snapshot.valid true
expect_true '[.cpus[]?] | length == 8'
expect_no_splat
e2e_done
