#!/bin/bash
# 99triage — dracut module: triage-collect in the kdump initramfs of RHEL,
# Fedora, CentOS Stream, Alma/Rocky (kdumpctl + kdump-utils' 99kdumpbase).
# UNTESTED: written against kdump-utils' kdump.sh (pre.d/post.d hooks), not
# run on a RHEL-family system yet.  See packaging/README.md.
#
# kdumpctl builds the kdump initramfs with dracut; this module is included
# when /etc/kdump.conf names it, e.g.
#     dracut_args --add triage
# and then `kdumpctl rebuild` (or `kdumpctl restart`).

check() {
	# Only in the kdump initramfs, and only when the collector is installed.
	[[ $IN_KDUMP == 1 ]] || return 1
	require_binaries triage-collect || return 1
	return 255
}

depends() {
	echo kdumpbase
	return 0
}

install() {
	# inst_binary copies the program and the libraries ldd names
	# (libkdumpfile, libaddrxlat, jansson, zlib), like copy_exec on Debian.
	inst_binary /usr/sbin/triage-collect
	inst_multiple -o makedumpfile timeout date mkdir mv sync head
	inst_simple "$moddir/triage-kdump-pre.sh" /etc/kdump/pre.d/50-triage
	inst_simple "$moddir/triage-kdump-pre.sh" /etc/kdump/post.d/50-triage
	chmod 0755 "$initdir/etc/kdump/pre.d/50-triage" "$initdir/etc/kdump/post.d/50-triage"
}
