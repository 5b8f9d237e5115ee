#!/bin/bash
# Unit test of tools/kdump-kallsyms-fix on fake /proc trees (KALLSYMS_FIX_PROC,
# KALLSYMS_FIX_ARCH): when it applies, the symbols it computes, that it leaves
# other machines alone, and (as root, with unshare) that the command sees the
# corrected copy while the host's /proc/kallsyms is untouched.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
fix=$top/tools/kdump-kallsyms-fix
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
check() {	# check DESCRIPTION EXPECTED GOT
	if [ "$2" = "$3" ]; then echo "  ok   $1"; else echo "  FAIL $1: expected '$2', got '$3'"; failed=1; fi
}
mkproc() {	# mkproc DIR KALLSYMS-LINES...
	mkdir -p "$1"
	local d=$1
	shift
	printf '%s\n' "$@" >"$d/kallsyms"
	printf '%s\n' '40000000-7fffffff : System RAM' '  40210000-4185ffff : Kernel code' \
		'  41860000-41a3ffff : reserved' '  41a40000-41c8ffff : Kernel data' >"$d/iomem"
}
run() { KALLSYMS_FIX_PROC=$1 KALLSYMS_FIX_ARCH=$2 "$fix" "${@:3}" 2>/dev/null; }

# Debian arm64 6.1: _stext and __init_begin, no _text.
mkproc "$tmp/deb61" 'ffffd8f1a4200000 t _head' 'ffffd8f1a4210000 T _stext' \
	'ffffd8f1a4210000 T __do_softirq' 'ffffd8f1a5860000 T __init_begin'
check "arm64 without _text: --check says needed" 0 "$(run "$tmp/deb61" aarch64 --check; echo $?)"
check "_text = _stext - 0x10000" "ffffd8f1a4200000 T _text" "$(run "$tmp/deb61" aarch64 --print)"
# No __init_begin either: from the size of "Kernel code".
mkproc "$tmp/noinit" 'ffff800008010000 T _stext'
check "__init_begin = _stext + size of Kernel code" \
	"ffff800008000000 T _text|ffff800009660000 D __init_begin" \
	"$(run "$tmp/noinit" aarch64 --print | paste -sd'|')"
# A carry and a borrow across the 32-bit halves.
mkproc "$tmp/carry" 'ffff8000ffff0000 T _stext'
check "64-bit arithmetic in halves: carry" "ffff8000fffe0000 T _text|ffff800101640000 D __init_begin" \
	"$(run "$tmp/carry" aarch64 --print | paste -sd'|')"
mkproc "$tmp/borrow" 'ffff800100005000 T _stext' 'ffff800101000000 T __init_begin'
check "64-bit arithmetic in halves: borrow" "ffff8000ffff5000 T _text" "$(run "$tmp/borrow" aarch64 --print)"
# Nothing to do: _text present, or not arm64.
mkproc "$tmp/all" 'ffff800008000000 T _text' 'ffff800008010000 T _stext'
check "arm64 with _text: not needed" 1 "$(run "$tmp/all" aarch64 --check; echo $?)"
check "x86_64: not needed" 1 "$(run "$tmp/deb61" x86_64 --check; echo $?)"
check "x86_64: the command runs unchanged, its status kept" 7 "$(run "$tmp/deb61" x86_64 sh -c 'exit 7'; echo $?)"
# Impossible: addresses hidden by kptr_restrict.
mkproc "$tmp/hidden" '0000000000000000 T _stext'
check "hidden addresses: impossible" 2 "$(run "$tmp/hidden" aarch64 --check; echo $?)"
check "hidden addresses: the command still runs" 0 "$(run "$tmp/hidden" aarch64 true; echo $?)"
# The command sees the corrected copy; the host's /proc/kallsyms is untouched.
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	before=$(head -n 1 /proc/kallsyms)
	got=$(run "$tmp/deb61" aarch64 sh -c 'grep -E " (_text|_stext)$" /proc/kallsyms; exit 3'; echo "rc=$?")
	check "COMMAND sees _text in /proc/kallsyms, status kept" \
		"ffffd8f1a4210000 T _stext|ffffd8f1a4200000 T _text|rc=3" "$(echo "$got" | paste -sd'|')"
	check "host /proc/kallsyms untouched" "$before" "$(head -n 1 /proc/kallsyms)"
	check "no temporary file left" "" "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'kallsyms.*' -newer "$tmp/deb61" 2>/dev/null)"
else
	echo "  skip the bind-mount test (needs root and unshare)"
fi
[ $failed -eq 0 ] && echo "kdump-kallsyms-fix: all passed"
exit $failed
