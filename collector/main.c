// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * main.c - the triage-collect command: parses the command line, runs
 * locate -> decode -> (dmesg) -> judge -> render -> output (or, with
 * --log, logfile -> judge -> render -> output), and maps the outcome to an
 * exit code.  The only place that prints or exits.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "dmesg.h"
#include "fleet.h"
#include "host.h"
#include "judge.h"
#include "locate.h"
#include "logfile.h"
#include "output.h"
#include "place.h"
#include "render.h"
#include "render_dot.h"

#define PROG		"triage-collect"
#define VERSION		"0.1"
#define PROC_VMCORE	"/proc/vmcore"

enum exit_code {
	EXIT_VALID = 0,		/* verdict from a valid snapshot */
	EXIT_DEGRADED = 1,	/* verdict without a valid snapshot */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,		/* the input could not be read at all */
	EXIT_WRITE = 4,		/* the verdict could not be written */
	EXIT_JUDGE = 5,		/* judging failed: an unknown verdict instead */
};

struct options {
	const char *vmcore;
	const char *image;
	const char *out_dir;
	const char *crash_dir;
	const char *devmem;
	const char *file_from;
	const char *log;		/* --log FILE, "-": standard input */
	const char *list;		/* --list [DIR] */
	struct locate_opts locate;
	bool json;
	bool quiet;
	time_t now;			/* for the stamp: TRIAGE_NOW or the clock */
};

static void usage(FILE *f)
{
	fprintf(f, /* the one number: FLEET_MAX_DEPTH */
"Usage: " PROG " [--vmcore FILE | --image FILE] [--region PHYS[,SIZE]]\n"
"                      [--devmem FILE] [--out DIR | --crash-dir DIR]\n"
"                      [--json] [--quiet]\n"
"       " PROG " --log FILE|- [--out DIR | --crash-dir DIR] [--json] [--quiet]\n"
"       " PROG " --file-from STAGE (--out DIR | --crash-dir DIR) [--quiet]\n"
"       " PROG " --list [DIR] [--json]\n"
"       " PROG " --help | --version\n"
"\n"
"Find the snapshot triage_capture.ko took of a kernel crash, judge the root\n"
"cause and write triage.txt (for a person) and triage.json (for automation).\n"
"Without a valid snapshot, give the best verdict the dump's own log allows,\n"
"marked degraded.\n"
"\n"
"  --vmcore FILE   a vmcore: /proc/vmcore in the capture kernel (the default\n"
"                  when it exists), or a saved dump (ELF or kdump-compressed)\n"
"  --image FILE    a raw snapshot region image (the region's bytes)\n"
"  --log FILE      no dump, no snapshot: judge a kernel log alone ('-' reads\n"
"                  standard input): a console or serial capture, dmesg,\n"
"                  journalctl -k, /var/log/kern.log, a pstore record\n"
"                  (/sys/fs/pstore/dmesg-*), netconsole, /dev/kmsg, or a\n"
"                  pasted oops; the verdict names the first kernel report\n"
"                  (oops, BUG, WARNING, KASAN, lockdep, hung task, lockup,\n"
"                  RCU stall, ...) and what followed from it; degraded\n"
"                  (exit 1); the last 16 MiB of a longer log are read\n"
"  --region PHYS[,SIZE]\n"
"                  look for the snapshot at this physical address instead of\n"
"                  the TRIAGE_REGION lines of VMCOREINFO (a stale copy there\n"
"                  is judged too, marked degraded)\n"
"  --devmem FILE   read a region the dump does not hold (a range reserved at\n"
"                  boot, module parameter region=) from FILE, the crashed\n"
"                  kernel's physical memory; default with " PROC_VMCORE ":\n"
"                  /dev/mem, otherwise none ('' turns it off)\n"
"  --out DIR       write DIR/triage.txt and DIR/triage.json (DIR is created),\n"
"                  and for blocked tasks or a lockup the wait-for graph\n"
"                  DIR/triage.dot (Graphviz: dot -Tsvg triage.dot):\n"
"                  this crash's directory; if it holds the verdict of another\n"
"                  capture, this one is triage-1.{txt,json} (-2, ... -99)\n"
"  --crash-dir D   write into D/<stamp>/, stamp = YYYYMMDDHHMM (local time\n"
"                  now, or $TRIAGE_NOW seconds since the epoch), as\n"
"                  kdump-tools names its directories; if it holds the verdict\n"
"                  of another capture, into D/<stamp>-1/ (-2, ... -99)\n"
"                  (neither: print the verdict, write nothing)\n"
"  --file-from STAGE\n"
"                  no judging: put the verdict written earlier into STAGE\n"
"                  (triage.json, triage.txt, and triage.log and triage.dot\n"
"                  if there are) where --out or --crash-dir says, by the\n"
"                  same rules; print where.  A STAGE with only triage.log\n"
"                  (the collector failed): that log, by the same rules\n"
"  --list [DIR]    no judging: the verdicts collected under DIR (default\n"
"                  /var/crash; one host's, or a tree of many hosts' copied\n"
"                  together) grouped by signature: count, first and last\n"
"                  seen (UTC), hosts, kernels, one example; files that are\n"
"                  not verdicts are named with the reason; no symbolic link\n"
"                  is followed, %d directory levels at most\n"
"  --json          print triage.json instead of triage.txt on stdout (with\n"
"                  --list: the list as JSON, schema triage-list/1)\n"
"  --quiet         print nothing on stdout\n"
"  --help          this text\n"
"  --version       the version of " PROG " and of the snapshot format\n"
"\n"
"Files are written mode 0600 (directories 0700), atomically; a verdict of the\n"
"same capture (boot id and uptime, or the dump's crash time) is replaced,\n"
"another's never.  No symbolic link is followed to or in the directory\n"
"written (nor in one others can write to), and a directory owned by another\n"
"user, or writable by others without the sticky bit, is refused (exit 4).\n"
"triage.json records the host: the crashed kernel's host name (from the\n"
"snapshot, else the dump), else /etc/hostname, and /etc/machine-id\n"
"($TRIAGE_ETC instead of /etc, for tests), each with where it was read.\n"
"The log of a dump without a valid snapshot is read with makedumpfile\n"
"--dump-dmesg (TRIAGE_MAKEDUMPFILE overrides the program).\n"
"\n"
"Exit codes:\n"
"  0  verdict written/printed from a valid snapshot\n"
"  1  verdict written/printed but degraded (no valid snapshot: none, or a\n"
"     torn one judged from the records it holds, or a corrupt one)\n"
"  2  usage error\n"
"  3  the input could not be read at all (no verdict)\n"
"  4  the verdict could not be written (it is still printed to stderr)\n"
"  5  the crash could not be judged (out of memory): a verdict of class\n"
"     unknown, degraded, saying why, was written/printed instead\n",
		FLEET_MAX_DEPTH);
}

static bool parse_u64(const char *s, uint64_t *v, char **end)
{
	errno = 0;
	*v = strtoull(s, end, 0);
	return errno == 0 && *end != s && s[0] != '-';
}

static bool parse_region(const char *arg, struct locate_opts *o)
{
	char *end;

	if (!parse_u64(arg, &o->region_phys, &end))
		return false;
	if (*end == ',') {
		if (!parse_u64(end + 1, &o->region_size, &end) ||
		    !o->region_size)
			return false;
	}
	o->has_region = true;
	return *end == '\0';
}

/* The time the stamp is of: $TRIAGE_NOW (seconds since the epoch, for
 * tests), else now. */
static bool parse_now(time_t *now)
{
	const char *s = getenv("TRIAGE_NOW");
	char *end;
	long long v;

	*now = time(NULL);
	if (!s || !*s)
		return true;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return false;
	*now = (time_t)v;
	return true;
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '" PROG " --help'.\n");
	return EXIT_USAGE;
}

/* Returns -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "vmcore", required_argument, NULL, 'v' },
		{ "image", required_argument, NULL, 'i' },
		{ "region", required_argument, NULL, 'r' },
		{ "devmem", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "crash-dir", required_argument, NULL, 'c' },
		{ "file-from", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "list", optional_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': o->vmcore = optarg; break;
		case 'i': o->image = optarg; break;
		case 'o': o->out_dir = optarg; break;
		case 'c': o->crash_dir = optarg; break;
		case 'f': o->file_from = optarg; break;
		case 'l': o->log = optarg; break;
		case 'L': o->list = optarg ? optarg : ""; break;
		case 'm': o->devmem = optarg; break;
		case 'j': o->json = true; break;
		case 'q': o->quiet = true; break;
		case 'r':
			if (!parse_region(optarg, &o->locate))
				return usage_error("bad --region '%s' (want PHYS[,SIZE], e.g. 0x7f000000,0x100000)",
						   optarg);
			break;
		case 'h':
			usage(stdout);
			return EXIT_VALID;
		case 'V':
			printf(PROG " %s (snapshot format %d.%d)\n", VERSION,
			       TRIAGE_VERSION_MAJOR, TRIAGE_VERSION_MINOR);
			return EXIT_VALID;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (o->list && !o->list[0] && optind < argc)
		o->list = argv[optind++];	/* --list DIR */
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (o->list) {
		if (o->vmcore || o->image || o->devmem || o->log ||
		    o->file_from || o->out_dir || o->crash_dir ||
		    o->locate.has_region)
			return usage_error("%s", "--list reads verdicts already written: only --json or --quiet with it");
		if (!o->list[0])
			o->list = "/var/crash";
		return -1;
	}
	if (o->vmcore && o->image)
		return usage_error("%s", "give --vmcore or --image, not both");
	if (o->out_dir && o->crash_dir)
		return usage_error("%s", "give --out or --crash-dir, not both");
	if (o->image && o->locate.has_region)
		return usage_error("%s", "--region applies to a vmcore, not to --image");
	if (o->image && o->devmem)
		return usage_error("%s", "--devmem applies to a vmcore, not to --image");
	if (!parse_now(&o->now))
		return usage_error("TRIAGE_NOW='%s' is not seconds since the epoch",
				   getenv("TRIAGE_NOW"));
	if (o->log && (o->vmcore || o->image || o->devmem ||
		       o->locate.has_region || o->file_from))
		return usage_error("%s", "--log judges a log alone: no --vmcore, --image, --region, --devmem or --file-from");
	if (o->log)
		return -1;
	if (o->file_from) {
		if (o->vmcore || o->image || o->devmem || o->json ||
		    o->locate.has_region)
			return usage_error("%s", "--file-from files a verdict already written: no input options, no --json");
		if (!o->out_dir && !o->crash_dir)
			return usage_error("%s", "--file-from needs --out DIR or --crash-dir DIR");
		return -1;
	}
	if (!o->vmcore && !o->image) {
		if (access(PROC_VMCORE, F_OK) != 0)
			return usage_error("%s", "no input: give --vmcore FILE or --image FILE (there is no " PROC_VMCORE ")");
		o->vmcore = PROC_VMCORE;
	}
	/* In a capture kernel, /dev/mem is the crashed kernel's memory too. */
	if (!o->devmem && o->vmcore && strcmp(o->vmcore, PROC_VMCORE) == 0)
		o->devmem = "/dev/mem";
	o->locate.devmem = o->devmem && *o->devmem ? o->devmem : NULL;
	return -1;
}

/*
 * Write the verdict (and @log, if any) where --out or --crash-dir says, never
 * over another capture's; on failure say why and print the verdict to
 * stderr (unless filing one from a stage, where it stays).  With @print_dir
 * the directory is printed on stdout.
 */
static int write_reports(const struct options *o, const char *text,
			 const char *json, const char *log, const char *dot,
			 bool print_dir)
{
	struct errmsg err = { "" };
	struct place p;
	char id[256], dot_name[64];
	enum status st;

	capture_id_of_json(json, id, sizeof(id));
	if (o->crash_dir)
		st = place_in_crash_dir(&p, o->crash_dir, o->now, id, &err);
	else
		st = place_in_dir(&p, o->out_dir, id, &err);
	if (st == ST_OK && json)
		st = outdir_write(&p.dir, p.json, json, strlen(json), &err);
	if (st == ST_OK && text)
		st = outdir_write(&p.dir, p.txt, text, strlen(text), &err);
	if (st == ST_OK && log)
		st = outdir_write(&p.dir, p.log, log, strlen(log), &err);
	if (st == ST_OK && dot) {
		/* beside its triage.json: triage.dot, triage-1.dot, ... */
		snprintf(dot_name, sizeof(dot_name), "%.*s.dot",
			 (int)(strlen(p.json) - 5), p.json);
		st = outdir_write(&p.dir, dot_name, dot, strlen(dot), &err);
	}
	if (st == ST_OK) {
		if (p.n && p.dir_suffix)
			fprintf(stderr, PROG ": the minute's directory holds the verdict of another crash: this one is in %s\n",
				p.dir.path);
		else if (p.n && json)
			fprintf(stderr, PROG ": %s/triage.json is the verdict of another crash: this one is %s/%s\n",
				p.dir.path, p.dir.path, p.json);
		else if (p.n)
			fprintf(stderr, PROG ": %s holds the verdict or log of another crash: this log is %s/%s\n",
				p.dir.path, p.dir.path, p.log);
		if (print_dir)
			printf("%s\n", p.dir.path);
		place_close(&p);
		return EXIT_VALID;
	}
	place_close(&p);
	fprintf(stderr, PROG ": %s\n", err.text);
	if (!o->file_from && text)
		fputs(text, stderr);
	return EXIT_WRITE;
}

/* --list: the verdicts under a directory, grouped by signature. */
static int list_verdicts(const struct options *o)
{
	struct errmsg err = { "" };
	struct fleet f;
	char *out = NULL;
	int code = EXIT_VALID;

	fleet_init(&f, o->list);
	if (fleet_walk(&f, &err) != ST_OK || fleet_group(&f, &err) != ST_OK ||
	    !(out = o->json ? fleet_json(&f, &err) : fleet_text(&f, &err))) {
		fprintf(stderr, PROG ": --list: %s\n", err.text);
		code = EXIT_INPUT;
	} else if (!o->quiet && (fputs(out, stdout) == EOF ||
				 fflush(stdout) != 0)) {
		fprintf(stderr, PROG ": --list: %s\n", strerror(errno));
		code = EXIT_WRITE;
	}
	free(out);
	fleet_free(&f);
	return code;
}

/*
 * --file-from: put a verdict written into STAGE earlier where it belongs.
 * A stage with no verdict but a triage.log (the collector failed or timed
 * out) has the log filed alone, by the same rules, so that it is found
 * beside the dump.
 */
static int file_from(const struct options *o)
{
	struct errmsg err = { "" };
	struct outdir stage;
	char *json = NULL, *text = NULL, *log = NULL, *dot = NULL;
	int code = EXIT_INPUT;
	bool log_only;

	if (outdir_open(&stage, o->file_from, false, &err) != ST_OK) {
		fprintf(stderr, PROG ": %s\n", err.text);
		goto out;
	}
	log_only = !outdir_has(&stage, "triage.json") &&
		   !outdir_has(&stage, "triage.txt") &&
		   outdir_has(&stage, "triage.log");
	if (log_only ?
	    outdir_read(&stage, "triage.log", PLACE_MAX_JSON, &log,
			&err) != ST_OK :
	    outdir_read(&stage, "triage.json", PLACE_MAX_JSON, &json,
			&err) != ST_OK ||
	    outdir_read(&stage, "triage.txt", PLACE_MAX_JSON, &text,
			&err) != ST_OK) {
		fprintf(stderr, PROG ": %s\n", err.text);
		goto out;
	}
	if (!log_only && outdir_has(&stage, "triage.log"))
		outdir_read(&stage, "triage.log", PLACE_MAX_JSON, &log, &err);
	if (outdir_has(&stage, "triage.dot"))
		outdir_read(&stage, "triage.dot", PLACE_MAX_JSON, &dot, &err);
	code = write_reports(o, text, json, log, dot, !o->quiet);
	/* the verdict stays in STAGE: say so rather than print it again */
	if (code != EXIT_VALID)
		fprintf(stderr, PROG ": the verdict stays in %s\n",
			o->file_from);
	else if (!o->quiet && fflush(stdout) != 0)
		code = EXIT_WRITE;
out:
	outdir_close(&stage);
	free(json);
	free(text);
	free(log);
	free(dot);
	return code;
}

struct run {
	struct region_source src;
	struct region region;
	struct snapshot snap;
	bool have_snap;
	char *dump_log;
	bool log_cut;			/* --log: only its end was read */
	struct verdict verdict;
	struct host_id host;
	const char *notes[LOCATE_MAX_NOTES + 1];
	char dmesg_note[ERRMSG_LEN + 32];
};

/* Locate and decode; returns -1 to go on, or an exit code. */
static int find_snapshot(struct run *r, const struct options *o)
{
	enum status st;

	st = locate_open(&r->src, o->vmcore ? o->vmcore : o->image,
			 o->vmcore ? SOURCE_VMCORE : SOURCE_IMAGE);
	if (st != ST_OK) {
		fprintf(stderr, PROG ": %s\n", r->src.err.text);
		return EXIT_INPUT;
	}
	st = locate_find(&r->src, &o->locate, &r->region);
	if (st == ST_OK) {
		snapshot_decode(&r->snap, r->region.buf, r->region.len);
		r->have_snap = true;
	} else if (st != ST_ERR_NOTFOUND) {
		fprintf(stderr, PROG ": %s\n", r->src.err.text);
		return EXIT_INPUT;
	}
	return -1;
}

/* Is fault @point named in $TRIAGE_FAULT (comma-separated)?  For tests of
 * failure paths that nothing else can reach. */
static bool fault_injected(const char *point)
{
	const char *f = getenv("TRIAGE_FAULT"), *p;
	size_t n = strlen(point);

	for (p = f; p && *p; p += strcspn(p, ","), p += *p == ',')
		if (strncmp(p, point, n) == 0 && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/* Judge; on failure, the verdict says so (class unknown, degraded). */
static bool judge(struct run *r, const struct judge_input *in)
{
	struct errmsg err = { "" };
	enum status st;

	if (fault_injected("judge"))
		st = errmsg_set(&err, ST_ERR_NOMEM,
				"out of memory reading the log (injected: TRIAGE_FAULT=judge)");
	else
		st = verdict_judge(&r->verdict, in, &err);
	if (st == ST_OK)
		return true;
	fprintf(stderr, PROG ": cannot judge the crash: %s\n", err.text);
	verdict_failed(&r->verdict, err.text);
	return false;
}

static void read_dump_log(struct run *r, const struct options *o)
{
	struct errmsg err = { "" };

	/* a torn snapshot's own log is as good as a valid one's */
	if (!o->vmcore || (r->have_snap && (r->snap.valid ||
					    (r->snap.recovered && r->snap.log))))
		return;
	if (dmesg_read(r->src.dump_path[0] ? r->src.dump_path : o->vmcore,
		       &r->dump_log, &err) != ST_OK)
		snprintf(r->dmesg_note, sizeof(r->dmesg_note),
			 "no log from the dump: %s", err.text);
}

int main(int argc, char **argv)
{
	static struct run r;	/* large: keep it off the stack */
	struct options o = { .locate = { .scan_budget_s = 2.0 } };
	struct judge_input in;
	struct report rep;
	struct errmsg err = { "" };
	char *text = NULL, *json = NULL, *dot = NULL;
	size_t i, n;
	bool judged;
	int code;

	code = parse_args(argc, argv, &o);
	if (code >= 0)
		return code;
	if (o.file_from)
		return file_from(&o);
	if (o.list)
		return list_verdicts(&o);
	r.src.fd = -1;
	if (o.log) {
		r.region.taken = -1;
		if (logfile_read(o.log, &r.dump_log, &r.log_cut, &err) != ST_OK) {
			fprintf(stderr, PROG ": %s\n", err.text);
			code = EXIT_INPUT;
			goto out;
		}
		if (r.log_cut)
			snprintf(r.dmesg_note, sizeof(r.dmesg_note),
				 "the log is longer than %u MiB: only its end was read",
				 LOGFILE_MAX_BYTES >> 20);
	} else {
		code = find_snapshot(&r, &o);
		if (code >= 0)
			goto out;
		read_dump_log(&r, &o);
	}

	in = (struct judge_input){
		.snap = r.have_snap ? &r.snap : NULL,
		.dump_log = r.dump_log,
		.facts = o.vmcore ? &r.src.facts : NULL,
		.located = r.region.choice,
		.stale = r.region.taken >= 0 &&
			 r.region.cand[r.region.taken].stale,
		.log_name = o.log ? "log file" : NULL,
	};
	judged = judge(&r, &in);
	for (n = 0, i = 0; i < r.src.nr_notes; i++)
		r.notes[n++] = r.src.note_ptrs[i];
	if (r.dmesg_note[0])
		r.notes[n++] = r.dmesg_note;
	host_identify(&r.host, r.have_snap && snapshot_usable(&r.snap) &&
		      r.snap.has_system ? r.snap.system.nodename : NULL,
		      r.src.nodename, getenv("TRIAGE_ETC") ? getenv("TRIAGE_ETC") :
		      "/etc");
	rep = (struct report){
		.v = &r.verdict,
		.snap = r.have_snap ? &r.snap : NULL,
		.facts = in.facts,
		.input = o.log ? (strcmp(o.log, "-") ? o.log : "standard input") :
			 o.vmcore ? o.vmcore : o.image,
		.located_by = r.region.located_by,
		.has_region = r.region.has_phys,
		.region_phys = r.region.phys,
		.notes = r.notes,
		.nr_notes = n,
		.candidates = o.vmcore ? r.region.cand : NULL,
		.nr_candidates = r.region.nr_candidates,
		.taken = r.region.taken,
		.host = &r.host,
		.collected_at = (long long)o.now,
	};
	text = report_text(&rep, &err);
	json = text ? report_json(&rep, &err) : NULL;
	if (!text || !json || report_dot(&r.verdict, &dot, &err) != ST_OK) {
		fprintf(stderr, PROG ": %s\n", err.text);
		code = EXIT_WRITE;
		goto out;
	}
	code = !judged ? EXIT_JUDGE : r.verdict.degraded ? EXIT_DEGRADED :
	       EXIT_VALID;
	if (judged && r.verdict.degraded)
		fprintf(stderr, PROG ": degraded verdict: %s\n",
			o.log ? "judged from a kernel log alone" :
			r.have_snap ? r.snap.err.text : r.src.err.text[0] ?
			r.src.err.text : "no triage snapshot found");
	if ((o.out_dir || o.crash_dir) &&
	    write_reports(&o, text, json, NULL, dot, false) != EXIT_VALID)
		code = EXIT_WRITE;
	if (!o.quiet)
		fputs(o.json ? json : text, stdout);
	if (fflush(stdout) != 0 && code != EXIT_WRITE && !o.out_dir &&
	    !o.crash_dir) {
		fprintf(stderr, PROG ": writing the verdict: %s\n",
			strerror(errno));
		code = EXIT_WRITE;
	}
out:
	free(text);
	free(json);
	free(dot);
	free(r.dump_log);
	if (r.have_snap)
		snapshot_free(&r.snap);
	region_free(&r.region);
	locate_close(&r.src);
	return code;
}
