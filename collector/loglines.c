// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * loglines.c - splits kernel log text into lines and strips the
 * "<6>", "[   12.345678]" and "[ T969]"/"[C1]" prefixes printk adds, and
 * those of the ways a log is kept: "Mar  5 10:11:12 host kernel: "
 * (syslog, journalctl -k, short-iso dates too), "6,339,5140900,-;"
 * (/dev/kmsg, extended netconsole) and "[Tue Mar  5 10:11:12 2024] "
 * (dmesg -T).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "loglines.h"

/* Skip one "[ ... ]" group if it looks like a timestamp or caller id. */
static const char *skip_bracket(const char *p)
{
	const char *q = p + 1;

	if (*p != '[')
		return p;
	while (*q == ' ')
		q++;
	if (*q == 'T' || *q == 'C')
		q++;
	if (!isdigit((unsigned char)*q))
		return p;
	while (isdigit((unsigned char)*q) || *q == '.')
		q++;
	if (*q != ']')
		return p;
	return q + 1;
}

/* "Mar  5 10:11:12 host kernel: " (syslog, journalctl -k), "2024-03-05T10:11:12.123456+00:00 host kernel: "
 * (short-iso, rsyslog): the text after "kernel: ", or @p. */
static const char *skip_syslog(const char *p)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *k;
	bool date = false;
	size_t i;

	for (i = 0; i + 3 <= sizeof(months) - 1; i += 3)
		if (strncmp(p, months + i, 3) == 0 && p[3] == ' ')
			date = true;
	/* "YYYY-MM-DDT": each byte checked before the next is read */
	for (i = 0; i < 11; i++)
		if (!(i == 4 || i == 7 ? p[i] == '-' :
		      i == 10 ? p[i] == 'T' : isdigit((unsigned char)p[i])))
			break;
	if (i == 11)
		date = true;
	if (!date)
		return p;
	k = strstr(p, " kernel: ");
	if (!k || k - p > 96)
		return p;
	return k + 9;
}

/* "6,339,5140900,-;msg" (/dev/kmsg, extended netconsole): the msg. */
static const char *skip_kmsg(const char *p)
{
	const char *q = p;
	int fields = 0;

	while (fields < 3) {
		if (!isdigit((unsigned char)*q))
			return p;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q != ',')
			return p;
		q++;
		fields++;
	}
	while (*q && *q != ';' && *q != ',' && q - p < 64)
		q++;
	while (*q == ',') {		/* "6,339,5140900,-,caller=T1;" */
		q++;
		while (*q && *q != ';' && *q != ',' && q - p < 96)
			q++;
	}
	return *q == ';' ? q + 1 : p;
}

/* "[Tue Mar  5 10:11:12 2024] " (dmesg -T) */
static const char *skip_human_time(const char *p)
{
	static const char days[] = "MonTueWedThuFriSatSun";
	const char *q;
	size_t i;

	if (*p != '[')
		return p;
	for (i = 0; i + 3 <= sizeof(days) - 1; i += 3)
		if (strncmp(p + 1, days + i, 3) == 0 && p[4] == ' ')
			break;
	if (i + 3 > sizeof(days) - 1)
		return p;
	q = strchr(p, ']');
	if (!q || q - p > 32)
		return p;
	return q[1] == ' ' ? q + 2 : q + 1;
}

/* "[   12.345678]" (not a "[ T969]" caller id) at @p: microseconds since
 * boot, or -1. */
static long long bracket_usec(const char *p)
{
	long long sec = 0, us = 0;
	int digits = 0, frac = 0;

	if (*p++ != '[')
		return -1;
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) && digits < 12) {
		sec = sec * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits || *p++ != '.')
		return -1;
	while (isdigit((unsigned char)*p) && frac < 6) {
		us = us * 10 + (*p++ - '0');
		frac++;
	}
	if (!frac)
		return -1;
	while (frac++ < 6)
		us *= 10;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == ']' ? sec * 1000000 + us : -1;
}

/* "6,339,5140900,-;" (/dev/kmsg): its third field, microseconds since
 * boot, or -1. */
static long long kmsg_usec(const char *p, const char *msg)
{
	long long us = 0;
	int digits = 0;

	if (msg == p)
		return -1;
	p = strchr(p, ',');
	p = p ? strchr(p + 1, ',') : NULL;
	if (!p || p > msg)
		return -1;
	for (p++; isdigit((unsigned char)*p) && digits < 18; p++, digits++)
		us = us * 10 + (*p - '0');
	return digits ? us : -1;
}

static const char *strip_prefix(const char *p, long long *usec)
{
	const char *q, *k;

	p = skip_syslog(p);
	k = p;
	p = skip_kmsg(p);
	*usec = kmsg_usec(k, p);
	p = skip_human_time(p);

	if (*p == '<') {	/* syslog level "<6>" */
		q = p + 1;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q == '>' && q > p + 1)
			p = q + 1;
	}
	q = skip_bracket(p);
	if (q == p)
		return p;
	if (*usec < 0)
		*usec = bracket_usec(p);
	p = q;
	while (*p == ' ' && p[1] == '[')
		p++;
	p = skip_bracket(p);
	if (*p == ' ')
		p++;
	return p;
}

void loglines_sanitize(char *text, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f))
			text[i] = '?';
	}
}

void loglines_finish(char *text, size_t n)
{
	loglines_sanitize(text, n);
	text[n] = '\0';
}

char *loglines_copy(const void *data, size_t n)
{
	char *text = malloc(n + 1);

	if (!text)
		return NULL;
	memcpy(text, data, n);
	loglines_finish(text, n);
	return text;
}

bool loglines_parse(struct loglines *l, const char *text)
{
	size_t n = 0, cap = 0, len;
	char *p, *end, *nl;

	memset(l, 0, sizeof(*l));
	if (!text)
		return true;
	len = strlen(text);
	l->buf = malloc(len + 1);
	if (!l->buf)
		return false;
	memcpy(l->buf, text, len + 1);
	end = l->buf + len;
	for (p = l->buf; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		*nl = '\0';
		if (n == cap) {
			const char **a;
			long long *u;

			cap = cap ? cap * 2 : 64;
			a = realloc(l->line, cap * sizeof(*a));
			if (a)
				l->line = a;
			u = a ? realloc(l->usec, cap * sizeof(*u)) : NULL;
			if (!u) {
				loglines_free(l);
				return false;
			}
			l->usec = u;
		}
		l->line[n] = strip_prefix(p, &l->usec[n]);
		n++;
	}
	l->nr = n;
	return true;
}

void loglines_free(struct loglines *l)
{
	free(l->buf);
	free(l->line);
	free(l->usec);
	memset(l, 0, sizeof(*l));
}

long loglines_rfind(const struct loglines *l, const char *needle,
		    size_t before)
{
	size_t i = before < l->nr ? before + 1 : l->nr;

	while (i-- > 0)
		if (strstr(l->line[i], needle))
			return (long)i;
	return -1;
}

long loglines_find(const struct loglines *l, const char *needle, size_t from)
{
	size_t i;

	for (i = from; i < l->nr; i++)
		if (strstr(l->line[i], needle))
			return (long)i;
	return -1;
}

const char *loglines_last_after(const struct loglines *l, const char *prefix)
{
	long i = loglines_rfind(l, prefix, l->nr);

	if (i < 0)
		return NULL;
	return strstr(l->line[i], prefix) + strlen(prefix);
}
