// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_report.c - the kernel report parser (collector/report.c): the
 * corpus of report samples (the .log files of tests/corpus/reports, each with its
 * expected class, kind, title, function and task in "# key: value" header
 * lines), then the cases the corpus does not show: roles, bounds, hostile
 * text.  Prints the corpus figures: formats, title and function agreement.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "loglines.h"
#include "report.h"
#include "unit.h"

#define CORPUS_DEFAULT	"../tests/corpus/reports"

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The value of header "# @key: value", or NULL. */
static const char *header(const char *text, const char *key, char *out,
			  size_t size)
{
	char pat[64];
	const char *p = text, *e;

	snprintf(pat, sizeof(pat), "# %s: ", key);
	while (*p == '#') {
		if (strncmp(p, pat, strlen(pat)) == 0) {
			p += strlen(pat);
			e = strchr(p, '\n');
			snprintf(out, size, "%.*s",
				 (int)(e ? e - p : (long)strlen(p)), p);
			return out;
		}
		e = strchr(p, '\n');
		if (!e)
			break;
		p = e + 1;
	}
	return NULL;
}

static const char *body(const char *text)
{
	while (*text == '#') {
		const char *e = strchr(text, '\n');

		if (!e)
			return "";
		text = e + 1;
	}
	return text;
}

struct corpus_stats {
	int files, titles_ok, funcs_ok, funcs_expected, all_ok;
};

static bool check_sample(const char *name, const char *text,
			 struct corpus_stats *st)
{
	struct loglines l;
	struct kreports k;
	struct errmsg err = { "" };
	const struct kreport *r;
	char want[512];
	bool ok = true;

	if (!loglines_parse(&l, body(text)) ||
	    kreports_parse(&k, &l, &err) != ST_OK) {
		fprintf(stderr, "  %s: out of memory\n", name);
		loglines_free(&l);
		return false;
	}
	r = kreports_root(&k);
#define WANT_STR(key, got) do {						\
	if (header(text, key, want, sizeof(want)) &&			\
	    (!r || strcmp(want, got) != 0)) {				\
		fprintf(stderr, "  corpus %s: %s \"%s\", want \"%s\"\n", \
			name, key, r ? got : "(no report)", want);	\
		ok = false;						\
	}								\
} while (0)
#define WANT_INT(key, got) do {						\
	if (header(text, key, want, sizeof(want)) &&			\
	    (!r || atoi(want) != (got))) {				\
		fprintf(stderr, "  corpus %s: %s %d, want %s\n", name,	\
			key, r ? (got) : -9, want);			\
		ok = false;						\
	}								\
} while (0)
	WANT_STR("class", r->cls);
	WANT_STR("kind", r->kind);
	WANT_STR("module", r->mod);
	WANT_STR("comm", r->comm);
	WANT_INT("pid", r->pid);
	WANT_INT("cpu", r->cpu);
	if (header(text, "reports", want, sizeof(want)) &&
	    (size_t)atoi(want) != k.nr) {
		fprintf(stderr, "  corpus %s: %zu reports, want %s\n", name,
			k.nr, want);
		ok = false;
	}
	if (header(text, "title", want, sizeof(want))) {
		if (r && strcmp(want, r->title) == 0)
			st->titles_ok++;
		else
			WANT_STR("title", r->title);
	}
	if (header(text, "function", want, sizeof(want))) {
		st->funcs_expected++;
		if (r && strcmp(want, r->func) == 0)
			st->funcs_ok++;
		else
			WANT_STR("function", r->func);
	}
	if (!header(text, "title", want, sizeof(want)) ||
	    !header(text, "class", want, sizeof(want))) {
		fprintf(stderr, "  corpus %s: no title or class header\n",
			name);
		ok = false;
	}
#undef WANT_STR
#undef WANT_INT
	kreports_free(&k);
	loglines_free(&l);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_report_corpus(void)
{
	const char *dir = getenv("TRIAGE_REPORT_CORPUS");
	struct corpus_stats st = { 0 };
	char *names[512], path[1024];
	struct dirent *e;
	size_t n = 0, i;
	DIR *d;

	if (!dir)
		dir = CORPUS_DEFAULT;
	d = opendir(dir);
	CHECK(d != NULL);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n < N(names)) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".log") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		char *text;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		text = read_text(path);
		CHECK(text != NULL);
		st.files++;
		if (text && check_sample(names[i], text, &st))
			st.all_ok++;
		else
			unit_current_failed = 1;
		free(text);
		free(names[i]);
	}
	CHECK(st.files >= 70);
	printf("report corpus: %d formats, title %d/%d, function %d/%d, all fields %d/%d\n",
	       st.files, st.titles_ok, st.files, st.funcs_ok,
	       st.funcs_expected, st.all_ok, st.files);
}

static bool parse(const char *text, struct loglines *l, struct kreports *k)
{
	struct errmsg err = { "" };

	return loglines_parse(l, text) &&
	       kreports_parse(k, l, &err) == ST_OK;
}

/* Empty text, text without a report, and a report with nothing after its
 * head all parse, and only the last gives a report. */
static void test_report_empty(void)
{
	struct loglines l;
	struct kreports k;

	CHECK(parse("", &l, &k));
	CHECK(k.nr == 0 && k.root == -1 && kreports_root(&k) == NULL);
	kreports_free(&k);
	loglines_free(&l);
	CHECK(parse("[    0.000000] Linux version 6.1.0\nhello\n", &l, &k));
	CHECK(k.nr == 0);
	kreports_free(&k);
	loglines_free(&l);
	CHECK(parse("WARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2", &l, &k));
	CHECK(k.nr == 1 && k.root == 0);
	CHECK_STR(k.r[0].title, "WARNING in f");
	kreports_free(&k);
	loglines_free(&l);
}

/* The root is the first bug report; a symptom before it stays "other";
 * what follows is its consequence. */
static void test_report_roles(void)
{
	static const char log[] =
		"INFO: task a:1 blocked for more than 120 seconds.\n"
		"Call Trace:\n"
		" schedule+0x1/0x2\n"
		" a_wait+0x1/0x2 [m]\n"
		"------------[ cut here ]------------\n"
		"WARNING: CPU: 1 PID: 2 at m.c:3 b_func+0x1/0x2 [m]\n"
		"---[ end trace 0000000000000000 ]---\n"
		"Kernel panic - not syncing: panic_on_warn set ...\n";
	struct loglines l;
	struct kreports k;

	CHECK(parse(log, &l, &k));
	CHECK(k.nr == 3);
	if (k.nr == 3) {
		CHECK(k.root == 1);
		CHECK(k.r[0].role == KR_ROLE_OTHER);
		CHECK(k.r[1].role == KR_ROLE_ROOT);
		CHECK(k.r[2].role == KR_ROLE_CONSEQUENCE && k.r[2].cause == 1);
		CHECK_STR(k.r[0].title, "INFO: task hung in a_wait");
		CHECK_STR(k.r[1].title, "WARNING in b_func");
		CHECK_STR(k.r[1].location, "m.c:3");
		CHECK_STR(k.r[2].category, "end");
		CHECK_STR(kreport_role_name(k.r[2].role), "consequence");
	}
	kreports_free(&k);
	loglines_free(&l);
}

/* Roles by printk time when the reports have one: a console capture and a
 * dmesg pasted together put the later hang first; the earlier WARNING is
 * still the root, the hang its consequence.  The same text without times
 * keeps the order of the log (the hang before it is "other"). */
static void test_report_roles_by_time(void)
{
	static const char timed[] =
		"[   45.000000] INFO: task a:1 blocked for more than 30 seconds.\n"
		"[   45.000001] Call Trace:\n"
		"[   45.000002]  schedule+0x1/0x2\n"
		"[   45.000003]  a_wait+0x1/0x2 [m]\n"
		"[    5.000000] ------------[ cut here ]------------\n"
		"[    5.000001] WARNING: CPU: 1 PID: 2 at m.c:3 b_func+0x1/0x2 [m]\n"
		"[    5.000002] ---[ end trace 0000000000000000 ]---\n"
		"[    6.000000] WARNING: CPU: 0 PID: 3 at m.c:9 c_func+0x1/0x2 [m]\n"
		"[    6.000001] ---[ end trace 0000000000000000 ]---\n"
		"[    4.000000] WARNING: CPU: 0 PID: 4 at m.c:7 d_func+0x1/0x2 [m]\n"
		"[    4.000001] ---[ end trace 0000000000000000 ]---\n";
	struct loglines l;
	struct kreports k;
	char *plain = strdup(timed), *p;
	size_t i, j;

	CHECK(parse(timed, &l, &k));
	CHECK(k.nr == 4);
	if (k.nr == 4) {
		CHECK(k.r[0].usec == 45000000 && k.r[3].usec == 4000000);
		/* d_func at 4 s is the first bug, though last in the text */
		CHECK(k.root == 3);
		CHECK_STR(k.r[3].title, "WARNING in d_func");
		CHECK(k.r[0].role == KR_ROLE_CONSEQUENCE && k.r[0].cause == 3);
		CHECK(k.r[1].role == KR_ROLE_CONSEQUENCE);
		CHECK(k.r[2].role == KR_ROLE_CONSEQUENCE);
	}
	kreports_free(&k);
	loglines_free(&l);

	/* the same without times: by position */
	for (i = j = 0, p = plain; timed[i]; ) {
		if (timed[i] == '[' && (i == 0 || timed[i - 1] == '\n')) {
			while (timed[i] && timed[i] != ']')
				i++;
			i += 2;
			continue;
		}
		p[j++] = timed[i++];
	}
	p[j] = '\0';
	CHECK(parse(plain, &l, &k));
	CHECK(k.nr == 4);
	if (k.nr == 4) {
		CHECK(k.r[1].usec == -1);
		CHECK(k.root == 1);
		CHECK(k.r[0].role == KR_ROLE_OTHER);
		CHECK(k.r[3].role == KR_ROLE_CONSEQUENCE && k.r[3].cause == 1);
	}
	kreports_free(&k);
	loglines_free(&l);
	free(plain);
}

/* /dev/kmsg's third field is the time too. */
static void test_report_kmsg_time(void)
{
	static const char log[] =
		"4,10,9000000,-;WARNING: CPU: 1 PID: 2 at m.c:3 b_func+0x1/0x2 [m]\n"
		"4,11,9000001,-;---[ end trace 0000000000000000 ]---\n"
		"4,12,3000000,-;WARNING: CPU: 0 PID: 4 at m.c:7 d_func+0x1/0x2 [m]\n"
		"4,13,3000001,-;---[ end trace 0000000000000000 ]---\n";
	struct loglines l;
	struct kreports k;

	CHECK(parse(log, &l, &k));
	CHECK(k.nr == 2);
	if (k.nr == 2) {
		CHECK(k.r[0].usec == 9000000 && k.r[1].usec == 3000000);
		CHECK(k.root == 1);
		CHECK(k.r[0].role == KR_ROLE_CONSEQUENCE);
	}
	kreports_free(&k);
	loglines_free(&l);
}

/* More reports than kept: counted, never written past the array. */
static void test_report_many(void)
{
	size_t i, n = KR_MAX_REPORTS + 5;
	char *log = malloc(n * 64), *p = log;
	struct loglines l;
	struct kreports k;

	CHECK(log != NULL);
	if (!log)
		return;
	for (i = 0; i < n; i++)
		p += sprintf(p, "WARNING: CPU: 0 PID: %zu at x.c:1 f%zu+0x1/0x2\n",
			     i, i);
	CHECK(parse(log, &l, &k));
	CHECK(k.nr == KR_MAX_REPORTS && k.dropped == 5);
	CHECK(k.root == 0);
	kreports_free(&k);
	loglines_free(&l);
	free(log);
}

/* A trace longer than kept, frames that are not frames, over-long names:
 * bounded, and the fields stay NUL-terminated. */
static void test_report_bounds(void)
{
	char *log = malloc(200 * 300), *p = log;
	struct loglines l;
	struct kreports k;
	size_t i;

	CHECK(log != NULL);
	if (!log)
		return;
	p += sprintf(p, "BUG: kernel NULL pointer dereference, address: 0\n");
	p += sprintf(p, "CPU: 1 PID: 7 Comm: %0200d Tainted: G %0100d\n", 1, 2);
	p += sprintf(p, "RIP: 0010:%0300d+0x1/0x2\n", 3);
	p += sprintf(p, "Call Trace:\n");
	for (i = 0; i < 100; i++)
		p += sprintf(p, " f%zu+0x1/0x2 [%0100zu]\n", i, i);
	p += sprintf(p, " ? +0x1/0x2\n [<>] \n");
	CHECK(parse(log, &l, &k));
	CHECK(k.nr == 1);
	if (k.nr == 1) {
		const struct kreport *r = &k.r[0];

		CHECK(r->nr_frames == KR_MAX_FRAMES);
		CHECK(strlen(r->comm) < sizeof(r->comm));
		CHECK(strlen(r->taint) < sizeof(r->taint));
		CHECK(strlen(r->ip_sym) < sizeof(r->ip_sym));
		CHECK(strlen(r->title) < sizeof(r->title));
		CHECK_STR(r->func, "f0");
	}
	kreports_free(&k);
	loglines_free(&l);
	free(log);
}

/* A RIP line cut short after its code segment's first digits (found by
 * the loglines fuzzer: the segment check read past the end). */
static void test_report_short_rip(void)
{
	static const char *const cut[] = { "RIP: 0", "RIP: 00", "RIP: 001",
					   "RIP: 0010" };
	struct loglines l;
	struct kreports k;
	char log[256];
	size_t i;

	for (i = 0; i < N(cut); i++) {
		snprintf(log, sizeof(log),
			 "BUG: kernel NULL pointer dereference, address: 0\n%s",
			 cut[i]);
		CHECK(parse(log, &l, &k));
		CHECK(k.nr == 1);
		kreports_free(&k);
		loglines_free(&l);
	}
}

/* "INFO: task blocked for ...": no comm:pid between "task" and "blocked"
 * (found by the loglines fuzzer: the comm's length came out as -1). */
static void test_report_hung_no_comm(void)
{
	static const char *const line[] = {
		"INFO: task blocked for more than 120 seconds.",
		"INFO: task  blocked for more than 120 seconds.",
		"INFO: task can't die for more than 120 seconds.",
	};
	struct loglines l;
	struct kreports k;
	size_t i;

	for (i = 0; i < N(line); i++) {
		CHECK(parse(line[i], &l, &k));
		CHECK(k.nr == 1);
		if (k.nr == 1)
			CHECK(k.r[0].comm[0] == 0);
		kreports_free(&k);
		loglines_free(&l);
	}
}

/* The prefixes of the ways a log is kept are stripped. */
static void test_report_prefixes(void)
{
	static const char log[] =
		"Mar  5 10:11:12 host kernel: [   12.345678] line one\n"
		"2024-03-05T10:11:12.123456+00:00 host kernel: line two\n"
		"6,339,5140900,-;line three\n"
		"4,340,5140901,-,caller=T12;line four\n"
		"[Tue Mar  5 10:11:12 2024] line five\n"
		"<4>[  601.201040][  T512] line six\n"
		"Mar 5\n2024-0\n6,3\n[Tue\n";
	struct loglines l;

	CHECK(loglines_parse(&l, log));
	CHECK(l.nr >= 6);
	if (l.nr >= 6) {
		CHECK_STR(l.line[0], "line one");
		CHECK_STR(l.line[1], "line two");
		CHECK_STR(l.line[2], "line three");
		CHECK_STR(l.line[3], "line four");
		CHECK_STR(l.line[4], "line five");
		CHECK_STR(l.line[5], "line six");
	}
	loglines_free(&l);
}

void report_tests(void)
{
	RUN(test_report_corpus);
	RUN(test_report_empty);
	RUN(test_report_roles);
	RUN(test_report_many);
	RUN(test_report_bounds);
	RUN(test_report_short_rip);
	RUN(test_report_hung_no_comm);
	RUN(test_report_prefixes);
	RUN(test_report_roles_by_time);
	RUN(test_report_kmsg_time);
}
