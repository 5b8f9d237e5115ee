#!/bin/sh
# triage in the kdump initramfs of RHEL-family systems (kdump-utils).
# UNTESTED (see packaging/README.md).  Installed twice by 99triage:
#   /etc/kdump/pre.d/50-triage   before the dump: triage-collect writes the
#                                verdict into /run/triage (RAM: works before
#                                and whatever the dump target does)
#   /etc/kdump/post.d/50-triage  after the dump (argument: its exit status):
#                                moves the verdict into the directory kdump.sh
#                                used, <path>/<ip>-YYYY-MM-DD-HH:MM:SS
# kdump.sh names that directory from a DATEDIR it does not export, so the
# post hook takes the newest such directory under the dump target.
# Always exits 0: a triage failure must not trigger kdump's failure_action.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
stage=/run/triage

case "$0" in
*/pre.d/*)
	mkdir -p "$stage"
	timeout -k 5 60 triage-collect --vmcore /proc/vmcore --out "$stage" --quiet \
		>"$stage/triage.log" 2>&1
	echo "triage-collect exit $?" >>"$stage/triage.log"
	[ -s "$stage/triage.txt" ] && echo "triage: $(head -n 1 "$stage/triage.txt")" >/dev/console
	;;
*/post.d/*)
	[ -s "$stage/triage.json" ] || exit 0
	path=$(sed -n 's/^path[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' /etc/kdump.conf 2>/dev/null | tail -n 1)
	[ -n "$path" ] || path=/var/crash
	best=$(ls -1dt /kdumproot"$path"/*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-* \
		/sysroot"$path"/*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-* \
		"$path"/*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-* 2>/dev/null | head -n 1)
	if [ -n "$best" ]; then
		# never over another crash's verdict (then triage-1.*), never
		# through a symbolic link
		triage-collect --file-from "$stage" --out "$best" --quiet 2>/dev/console &&
			sync && echo "triage: verdict in $best" >/dev/console
	else
		echo "triage: no dump directory found; the verdict was: $(head -n 1 "$stage/triage.txt")" >/dev/console
	fi
	;;
esac
exit 0
