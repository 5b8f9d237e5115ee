// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * host.c - the host a verdict is of (host.h): the crashed kernel's nodename
 * when the snapshot or the dump has it, else the local files.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "host.h"

int host_parse_name(const char *text, char *out, size_t size)
{
	size_t n, i;

	if (!text || !size)
		return 0;
	out[0] = '\0';
	while (*text == ' ' || *text == '\t')
		text++;
	n = strcspn(text, "\n\r");
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (!n || n > HOST_NAME_LEN || n >= size)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)text[i]) && text[i] != '.' &&
		    text[i] != '-' && text[i] != '_')
			return 0;
	if ((n == 9 && strncmp(text, "localhost", 9) == 0))
		return 0;
	memcpy(out, text, n);
	out[n] = '\0';
	return 1;
}

int host_parse_machine_id(const char *text, char *out)
{
	size_t i;
	int nonzero = 0;

	out[0] = '\0';
	if (!text)
		return 0;
	for (i = 0; i < HOST_MACHINE_ID_LEN; i++) {
		if (!isxdigit((unsigned char)text[i]))
			return 0;
		out[i] = (char)tolower((unsigned char)text[i]);
		nonzero |= out[i] != '0';
	}
	if (text[i] != '\0' && text[i] != '\n') {
		out[0] = '\0';
		return 0;
	}
	out[i] = '\0';
	if (!nonzero)
		out[0] = '\0';
	return nonzero;
}

/* The first bytes of @dir/@name (a regular file, not followed if a link). */
static int read_small(const char *dir, const char *name, char *buf,
		      size_t size)
{
	char path[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return 1;
}

/* Same host name, up to the first dot ("web-2" and "web-2.example.org")? */
static int same_host(const char *a, const char *b)
{
	size_t n = strcspn(a, "."), m = strcspn(b, ".");

	return n == m && strncasecmp(a, b, n) == 0;
}

void host_identify(struct host_id *h, const char *snap_nodename,
		   const char *dump_nodename, const char *etc)
{
	char buf[256], local[HOST_NAME_LEN + 1] = "";

	memset(h, 0, sizeof(*h));
	if (read_small(etc, "hostname", buf, sizeof(buf)))
		host_parse_name(buf, local, sizeof(local));
	if (host_parse_name(snap_nodename, h->name, sizeof(h->name)))
		h->name_source = "snapshot";
	else if (host_parse_name(dump_nodename, h->name, sizeof(h->name)))
		h->name_source = "vmcore";
	else if (local[0] && snprintf(h->name, sizeof(h->name), "%s", local))
		h->name_source = "etc_hostname";
	else if (gethostname(buf, sizeof(buf)) == 0 &&
		 (buf[sizeof(buf) - 1] = '\0',
		  host_parse_name(buf, h->name, sizeof(h->name))))
		h->name_source = "gethostname";
	/* /etc's machine id is the crashed host's only when /etc is its:
	 * not when its host name is another than the crashed kernel's (a
	 * dump judged on another machine) */
	if (h->name[0] && local[0] && !same_host(h->name, local))
		return;
	if (read_small(etc, "machine-id", buf, sizeof(buf)) &&
	    host_parse_machine_id(buf, h->machine_id))
		h->machine_id_source = "etc_machine_id";
}
