/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * host.h - which host a verdict is of: its name and machine id, each with
 * where it was read, for triage.json's "host" (and so for --list).
 *
 * The name: the crashed kernel's own utsname nodename (recorded by the
 * module in the snapshot, else read from the dump by libkdumpfile), else
 * /etc/hostname of the system the collector runs on (in the kdump capture
 * kernel under kdump-tools: the crashed host's root file system), else
 * gethostname().  The machine id has no kernel copy: /etc/machine-id only,
 * and only when /etc/hostname names the same host (up to the first dot) as
 * the crashed kernel did, or names none: a dump judged on another machine
 * gets no machine id rather than that machine's.
 */
#ifndef TC_HOST_H
#define TC_HOST_H

#include <stddef.h>

#define HOST_NAME_LEN		64	/* the kernel's __NEW_UTS_LEN */
#define HOST_MACHINE_ID_LEN	32	/* 128 bits in hex, sd-id128 */

/**
 * struct host_id - a host's identity as recorded in a verdict
 * @name: "" when unknown
 * @name_source: "snapshot", "vmcore", "etc_hostname", "gethostname", NULL
 * @machine_id: 32 lower-case hex digits, "" when unknown
 * @machine_id_source: "etc_machine_id" or NULL
 */
struct host_id {
	char name[HOST_NAME_LEN + 1];
	const char *name_source;
	char machine_id[HOST_MACHINE_ID_LEN + 1];
	const char *machine_id_source;
};

/* A host name as the kernel or /etc/hostname gives it -> @out (first line,
 * blanks trimmed); 0 when it is not one: empty, "(none)" (the kernel's
 * default), "localhost", or with characters outside [A-Za-z0-9.-_]. */
int host_parse_name(const char *text, char *out, size_t size);

/* /etc/machine-id's text -> 32 lower-case hex digits in @out (33 bytes);
 * 0 when it is not a machine id (also "uninitialized", all zeros). */
int host_parse_machine_id(const char *text, char *out);

/*
 * Fill @h: the name from @snap_nodename (the snapshot's), else
 * @dump_nodename (libkdumpfile's linux.uts.nodename), else @etc/hostname,
 * else gethostname(); the machine id from @etc/machine-id (see above).  Either of the
 * first two may be NULL.  @etc is "/etc" but for tests.  Never fails: what
 * cannot be read stays unknown.
 */
void host_identify(struct host_id *h, const char *snap_nodename,
		   const char *dump_nodename, const char *etc);

#endif /* TC_HOST_H */
