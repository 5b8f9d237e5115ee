# lib.sh — helpers for end-to-end scenarios (sourced by each scenario file).
#
# A scenario runs qemu/crashvm once with `crashvm ARGS...` and then checks the
# verdict with expect/expect_match/expect_true.  Every check prints one line;
# the first failed check makes the scenario fail (after all checks ran).
set -u
E2E_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_OUT=${E2E_OUT:-/tmp/triage-e2e}
E2E_FAILED=0
E2E_JSON=

# The x86 kernel the scenarios boot: E2E_KERNEL (a scenario's own --kernel,
# after it, wins); arm64 scenarios have E2E_ARM64_KERNEL instead.
# E2E_ARCH=arm64 runs the other scenarios on Debian's arm64 kernel too
# (E2E_ARM64_KERNEL), on the board E2E_MACHINE (default rpi4): make
# check-matrix does, for its arm64 cells.
e2e_kernel_args() {
	case " $* " in *" --arch arm64 "*) return ;; esac
	if [ "${E2E_ARCH:-}" = arm64 ]; then
		printf '%s\n' --arch arm64 --machine "${E2E_MACHINE:-rpi4}"
		[ -z "${E2E_ARM64_KERNEL:-}" ] || printf '%s\n' --kernel "$E2E_ARM64_KERNEL"
		return
	fi
	[ -z "${E2E_KERNEL:-}" ] || printf '%s\n' --kernel "$E2E_KERNEL"
}

# After a failed run: when the guest's kernel stalled while booting, before
# its init ran (so before the module or anything of the scenario was loaded:
# crashvm says "stalled while booting"), boot once more, and say so; true
# when that second run succeeded.  Any other failure is the scenario's.
e2e_boot_retry() {
	local name=$1 log=$E2E_OUT/$1.crashvm.log
	shift
	grep -q 'stalled while booting' "$log" || return 1
	echo "  retry: $(tail -n 1 "$log" | cut -c1-200)"
	mv -f "$log" "$log.1"
	rm -rf "$E2E_DIR"
	"$E2E_TOP/qemu/crashvm" --out "$E2E_DIR" "$@" >"$log" 2>&1
}

# crashvm NAME ARGS... — run the harness; results in $E2E_OUT/NAME.
crashvm() {
	local name=$1 kern
	shift
	E2E_DIR=$E2E_OUT/$name
	E2E_JSON=$E2E_DIR/triage.json
	rm -rf "$E2E_DIR"
	mapfile -t kern < <(e2e_kernel_args "$@")
	if ! "$E2E_TOP/qemu/crashvm" --out "$E2E_DIR" ${kern[@]+"${kern[@]}"} "$@" \
		>"$E2E_OUT/$name.crashvm.log" 2>&1 &&
	   ! e2e_boot_retry "$name" ${kern[@]+"${kern[@]}"} "$@"; then
		echo "  FAIL crashvm: $(tail -n 1 "$E2E_OUT/$name.crashvm.log")"
		E2E_FAILED=1
		return 1
	fi
	echo "  verdict: $(jq -r .summary "$E2E_JSON")"
}

# A scenario program from tests/progs/NAME.c, built static for the guest.
test_prog() {
	local cc=gcc dir=$E2E_OUT/progs
	[ "${E2E_ARCH:-}" != arm64 ] || { cc=aarch64-linux-gnu-gcc; dir=$E2E_OUT/progs-arm64; }
	mkdir -p "$dir"
	$cc -O2 -static -o "$dir/$1" "$E2E_TOP/tests/progs/$1.c" && echo "$dir/$1"
}

# The ABI of the kernel the scenarios boot, and whether it is PREEMPT_RT.
e2e_abi() {
	if [ "${E2E_ARCH:-}" = arm64 ]; then
		"$E2E_TOP/tools/kernel-abi" --arch arm64 ${E2E_ARM64_KERNEL:-}
	else
		"$E2E_TOP/tools/kernel-abi" ${E2E_KERNEL:-}
	fi
}
e2e_is_rt() { case "$(e2e_abi)" in *-rt-*) return 0 ;; esac; return 1; }
# e2e_kconfig OPTION — the guest kernel was built with CONFIG_OPTION=y.
e2e_kconfig() {
	local abi cache=${TRIAGE_CACHE:-/var/cache/triage} f
	abi=$(e2e_abi)
	for f in "$cache/headers/$abi/usr/src/linux-headers-$abi/.config" \
		"/usr/src/linux-headers-$abi/.config"; do
		[ -f "$f" ] && { grep -qx "CONFIG_$1=y" "$f"; return; }
	done
	return 1
}
# A static lock's name as the verdict gives it: "NAME [MODULE]", or without
# CONFIG_KALLSYMS_ALL (Debian arm64 6.1: no data symbols) "MODULE.core+0x..".
e2e_lock_re() { e2e_kconfig KALLSYMS_ALL && echo "$1" || echo "$2[.]core[+]0x"; }

# The test module of this kernel (built by `make test-modules`).
test_module() {
	echo "$E2E_TOP/build/$(e2e_abi)/tests/$1.ko"
}

# arm64 scenarios (files named arm64-*.sh): Debian's arm64 kernel
# (E2E_ARM64_KERNEL: a series or full ABI, default Debian's default) on the
# QEMU board MACHINE (rpi4: virt GICv2 + cortex-a72; gicv3).
#   crashvm_arm64 NAME MACHINE ARGS...      test_module_arm64 NAME
crashvm_arm64() {
	local name=$1 machine=$2
	shift 2
	crashvm "$name" --arch arm64 --machine "$machine" \
		${E2E_ARM64_KERNEL:+--kernel "$E2E_ARM64_KERNEL"} "$@"
}
test_module_arm64() {
	echo "$E2E_TOP/build/$("$E2E_TOP/tools/kernel-abi" --arch arm64 ${E2E_ARM64_KERNEL:-})/tests/$1.ko"
}

# use_pnmi_kernel — the arm64-* scenario that calls it runs on the kernel
# `make pnmi-kernel` built (GICv3 pseudo-NMI), with the
# modules built for it; skipped, with the command to run, when there is none.
use_pnmi_kernel() {
	local abi
	"$E2E_TOP/tools/build-pnmi-kernel" --check ||
		e2e_skip "no pNMI kernel built for tools/pnmi-kernel.config: run 'make pnmi-kernel' (once per machine, ~10 min on 2 cores)"
	abi=$("$E2E_TOP/tools/kernel-abi" --arch arm64 pnmi) || exit 1
	export E2E_ARM64_KERNEL=$abi
	make -s -C "$E2E_TOP" module test-modules KVER="$abi" >"$E2E_OUT/build-pnmi.log" 2>&1 || {
		echo "  FAIL cannot build the modules for $abi (see $E2E_OUT/build-pnmi.log)"
		exit 1
	}
}

_check() {	# _check OK DESCRIPTION
	if [ "$1" = 1 ]; then
		echo "  ok   $2"
	else
		echo "  FAIL $2"
		E2E_FAILED=1
	fi
}

# expect FILTER VALUE — the jq FILTER of the verdict equals VALUE exactly.
expect() {
	local got
	got=$(jq -r "$1" "$E2E_JSON" 2>&1)
	[ "$got" = "$2" ] && _check 1 "$1 == $2" || _check 0 "$1 == $2 (got: $got)"
}

# expect_match FILTER REGEX — the jq FILTER of the verdict matches REGEX (grep -E).
expect_match() {
	local got
	got=$(jq -r "$1" "$E2E_JSON" 2>&1)
	printf '%s' "$got" | grep -Eq -- "$2" && _check 1 "$1 ~ /$2/" ||
		_check 0 "$1 ~ /$2/ (got: $got)"
}

# expect_true JQ-EXPRESSION — the expression is true of the verdict.
expect_true() {
	local got
	got=$(jq -r "$1" "$E2E_JSON" 2>&1)
	[ "$got" = true ] && _check 1 "$1" || _check 0 "$1 (got: $got)"
}

# expect_sh DESCRIPTION 'SHELL' — a check outside the JSON (console, files).
expect_sh() {
	if (eval "$2") >/dev/null 2>&1; then _check 1 "$1"; else _check 0 "$1"; fi
}

# expect_file_mode FILE MODE — e.g. the report is root-only.
expect_file_mode() {
	local got
	got=$(stat -c %a "$1" 2>&1)
	[ "$got" = "$2" ] && _check 1 "mode of $(basename "$1") is $2" ||
		_check 0 "mode of $(basename "$1") is $2 (got: $got)"
}

# On the lockdep test kernel (make check-lockdep, E2E_LOCKDEP=1) every
# scenario also fails on a lockdep, KASAN or atomic-sleep report that names
# triage_capture, and lists the reports it saw that do not.
# expect_dot N — DIR/triage.dot exists, Graphviz's dot -Tsvg renders it
# without a complaint, and N of its edges are red (a deadlock's cycle, a
# CPU spinning on a lock).  expect_no_dot — no graph was written.
expect_dot() {
	local f=$E2E_DIR/triage.dot ok=0 n
	if [ -s "$f" ] && dot -Tsvg "$f" -o "$f.svg" 2>"$f.err" &&
		[ ! -s "$f.err" ] && grep -q '<svg' "$f.svg"; then
		ok=1
	fi
	_check $ok "triage.dot renders with dot -Tsvg"
	n=$(grep -c -- '->.*color="red"' "$f" 2>/dev/null)
	[ "$n" = "$1" ] && ok=1 || ok=0
	_check $ok "triage.dot has $1 red edges (got ${n:-no file})"
}
expect_no_dot() {
	local ok=1
	[ ! -e "$E2E_DIR/triage.dot" ] || ok=0
	_check $ok "no triage.dot"
}

e2e_done() {
	if [ "${E2E_LOCKDEP:-0}" = 1 ] && [ -n "${E2E_DIR:-}" ] && [ -f "$E2E_DIR/console.log" ]; then
		expect_no_splat
		grep -aE '^\[ *[0-9.]+\] (WARNING: possible|BUG: KASAN|BUG: sleeping function|BUG: scheduling while|WARNING: inconsistent|BUG: spinlock|BUG: using)' \
			"$E2E_DIR/console.log" | sed 's/^/  report (not triage): /' | sort -u | head -n 5
	fi
	exit $E2E_FAILED
}

# e2e_skip REASON — the scenario cannot run on this machine (tests/e2e/run
# counts it as skipped, with the reason, never as passed).
E2E_SKIP=77
e2e_skip() { echo "  skipped: $*"; exit $E2E_SKIP; }

# ---- fault injection (tests/e2e/fault-*.sh) ----------------------------------
# The module of the fault-injection test build (make module FAULT=1).
fault_module() {
	echo "$E2E_TOP/build/$(e2e_abi)/fault/triage_capture.ko"
}

# triage_load 'PARAMS' — setup lines that load triage_capture (crashvm
# --no-module) with PARAMS, then reload the crash kernel as kdump-config
# reload does, so that VMCOREINFO names the region.
triage_load() {
	cat <<EOT
insmod /lib/triage/triage_capture.ko $1 || { echo "insmod $1 failed"; exit 1; }
. /job/job.conf
kexec -p -u && kexec -p \$JOB_KEXEC /share/boot/vmlinuz --initrd=/share/boot/initramfs --append="\$JOB_APPEND"
EOT
}

# expect_dump — kdump saved the dump (crashvm --keep-dump); the file is
# dropped afterwards, it is large.
expect_dump() {
	expect_sh "kdump saved the dump" "[ -s '$E2E_DIR/vmcore' ]"
	rm -f "$E2E_DIR/vmcore"
}

# TRIAGE_SPLAT_RE: a console line (the kernel's own, not the collector's
# echo of it) that puts a function of triage_capture in a BUG, WARNING or
# oops: its RIP/pc, or a frame of the call trace.
TRIAGE_SPLAT_RE='^\[ *[0-9.]+\] .*triage_[a-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+ \[triage_capture\]'

# triage_splats FILE — the lines of FILE that put triage_capture in a report
# (BUG, WARNING, oops, lockdep, KASAN, UBSAN): its RIP/pc or a frame of the
# report's call trace.  The trace of a panic triage raises on purpose (its
# watchdog's "hard LOCKUP") is no report.
triage_splats() {
	awk -v re="${TRIAGE_SPLAT_RE#^}" '
	/^\[ *[0-9.]+\] (BUG[: ]|WARNING:|Oops|general protection fault|kernel BUG|INFO: (possible|inconsistent)|UBSAN:)/ { r = 1 }
	/^\[ *[0-9.]+\] Kernel panic - not syncing/ || /---\[ end trace/ { r = 0 }
	r && /^\[ *[0-9.]+\] / && $0 ~ re { print }' "$1"
}

# expect_no_splat — nothing on the console was raised in triage_capture.
expect_no_splat() {
	expect_sh "no BUG/WARN/oops from triage_capture on the console" \
		"[ -z \"\$(triage_splats '$E2E_DIR/console.log')\" ]"
}

# expect_capture_within MS — the capture took at most MS milliseconds (its
# own clock), i.e. the deadline held; a capture with no figure (torn) fails.
expect_capture_within() {
	expect_true "(.capture.capture_ns // 1e18) <= $1 * 1000000"
}

# crashvm_baseline NAME ARGS... — the same scenario without triage: the
# stock kernel's result that triage must never do worse than.  Sets
# E2E_BASE_DUMP=1 when the stock kernel saved its dump.
crashvm_baseline() {
	local name=$1 dir kern
	shift
	dir=$E2E_OUT/$name
	rm -rf "$dir"
	E2E_BASE_DUMP=0
	mapfile -t kern < <(e2e_kernel_args "$@")
	"$E2E_TOP/qemu/crashvm" --out "$dir" ${kern[@]+"${kern[@]}"} --no-module --keep-dump "$@" \
		>"$E2E_OUT/$name.crashvm.log" 2>&1 || true
	[ -s "$dir/vmcore" ] && E2E_BASE_DUMP=1
	rm -f "$dir/vmcore"
	echo "  without triage: dump $([ $E2E_BASE_DUMP = 1 ] && echo saved || echo NOT saved)"
}

# expect_not_worse — a dump saved without triage is saved with it too.
expect_not_worse() {
	if [ "${E2E_BASE_DUMP:-0}" = 1 ]; then
		expect_sh "not worse than without triage: dump saved with it too" \
			"[ -s '$E2E_DIR/vmcore' ]"
	fi
}
