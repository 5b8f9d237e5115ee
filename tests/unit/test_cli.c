// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_cli.c - the triage-collect program itself (the binary named by
 * $TRIAGE_COLLECT): exit codes, messages, files written.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elfcore.h"
#include "fixtures.h"
#include "output.h"
#include "unit.h"

static char out_path[600], err_path[600];
static const char *stdin_path;	/* run()'s standard input, or inherited */

/* Run the collector with @args (NULL-terminated); stdout and stderr go to
 * files.  Returns the exit code, or -1. */
static int run(const char *const *args)
{
	const char *prog = getenv("TRIAGE_COLLECT");
	const char *argv[16];
	int status, i, fd;
	pid_t pid;

	if (!prog)
		prog = "./triage-collect";
	snprintf(out_path, sizeof(out_path), "%s/cli.out", unit_tmpdir);
	snprintf(err_path, sizeof(err_path), "%s/cli.err", unit_tmpdir);
	argv[0] = prog;
	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	pid = fork();
	if (pid == 0) {
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 2);
		if (stdin_path) {
			fd = open(stdin_path, O_RDONLY);
			dup2(fd, 0);
		}
		execv(prog, (char *const *)argv);
		_exit(126);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void write_text(const char *path, const char *text, mode_t mode);

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void image(const char *name, void (*build)(struct snapbuild *),
		  uint32_t state, char *path, size_t size)
{
	struct snapbuild b;
	FILE *f;

	build(&b);
	if (state != TRIAGE_STATE_COMMITTED)
		sb_commit(&b, state);
	snprintf(path, size, "%s/%s", unit_tmpdir, name);
	f = fopen(path, "wb");
	CHECK(f && fwrite(b.buf, 1, b.region_size, f) == b.region_size);
	if (f)
		fclose(f);
	sb_free(&b);
}

static void test_cli_usage(void)
{
	CHECK(run((const char *[]){ "--help", NULL }) == 0);
	CHECK_CONTAINS(slurp(out_path), "Exit codes:");
	CHECK(run((const char *[]){ "--version", NULL }) == 0);
	{
		char want[48];

		snprintf(want, sizeof(want), "snapshot format %d.%d",
			 TRIAGE_VERSION_MAJOR, TRIAGE_VERSION_MINOR);
		CHECK_CONTAINS(slurp(out_path), want);
	}
	CHECK(run((const char *[]){ "--bogus", NULL }) == 2);
	CHECK_CONTAINS(slurp(err_path), "triage-collect: unknown option '--bogus'");
	CHECK(run((const char *[]){ "--image", "a", "--vmcore", "b", NULL }) == 2);
	CHECK(run((const char *[]){ "--vmcore", "a", "--region", "zz", NULL }) == 2);
	CHECK_CONTAINS(slurp(err_path), "bad --region 'zz'");
	CHECK(run((const char *[]){ "--image", NULL }) == 2);
	CHECK(run((const char *[]){ "extra", NULL }) == 2);
}

static void test_cli_unreadable(void)
{
	char path[600];
	FILE *f;

	CHECK(run((const char *[]){ "--image", "/nonexistent/x", NULL }) == 3);
	CHECK_STR(slurp(err_path), "triage-collect: /nonexistent/x: No such file or directory\n");
	snprintf(path, sizeof(path), "%s/text.file", unit_tmpdir);
	f = fopen(path, "w");
	if (f) {
		fputs("not a dump\n", f);
		fclose(f);
	}
	CHECK(run((const char *[]){ "--vmcore", path, NULL }) == 3);
	CHECK_CONTAINS(slurp(err_path), ": not a vmcore (libkdumpfile: ");
	CHECK(lines(slurp(err_path)) == 1);
}

static void test_cli_valid_out(void)
{
	char img[600], dir[600], file[700];
	json_t *root;
	struct stat st;

	image("panic.img", fx_panic, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	snprintf(dir, sizeof(dir), "%s/report", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", img, "--out", dir, NULL }) == 0);
	CHECK(strncmp(slurp(out_path), "panic() called from crashme_explicit_panic", 42) == 0);
	snprintf(file, sizeof(file), "%s/triage.txt", dir);
	CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600);
	snprintf(file, sizeof(file), "%s/triage.json", dir);
	CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	root = json_load_file(file, 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "panic");
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "snapshot"), "located_by")),
		  "image");
	json_decref(root);
}

/* fx_panic written by a 1.3 module: a torn one is only "not committed" */
static void fx_panic13(struct snapbuild *b)
{
	fx_panic(b);
	sb_hdr(b)->version_minor = 3;
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static void test_cli_json_degraded(void)
{
	char img[600];
	json_t *root;

	image("torn.img", fx_panic13, TRIAGE_STATE_WRITING, img, sizeof(img));
	CHECK(run((const char *[]){ "--image", img, "--json", NULL }) == 1);
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "snapshot"), "error")),
		  "torn: the capture did not finish");
	/* the only log is the torn snapshot's own: used, but flagged */
	CHECK_STR(json_string_value(json_object_get(root, "log_source")),
		  "invalid snapshot (unverified)");
	json_decref(root);
}

/* Judging fails (out of memory, injected): not a zeroed "panic" verdict
 * with exit 0, but an unknown, degraded one that says why, and exit 5. */
static void test_cli_judge_fails(void)
{
	char img[600], dir[600], file[700];
	json_t *root, *ev;
	size_t i;
	int found = 0;

	image("panic-jf.img", fx_panic, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	snprintf(dir, sizeof(dir), "%s/judge-fails", unit_tmpdir);
	setenv("TRIAGE_FAULT", "judge", 1);
	CHECK(run((const char *[]){ "--image", img, "--out", dir, "--quiet", NULL }) == 5);
	unsetenv("TRIAGE_FAULT");
	CHECK_CONTAINS(slurp(err_path), "cannot judge the crash: out of memory");
	snprintf(file, sizeof(file), "%s/triage.json", dir);
	root = json_load_file(file, 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "unknown");
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK_CONTAINS(json_string_value(json_object_get(root, "summary")),
		       "could not judge the crash");
	ev = json_object_get(root, "evidence");
	for (i = 0; i < json_array_size(ev); i++)
		found += strstr(json_string_value(json_array_get(ev, i)),
				"judging failed: out of memory") != NULL;
	CHECK(found == 1);
	json_decref(root);
	snprintf(file, sizeof(file), "%s/triage.txt", dir);
	CHECK(strncmp(slurp(file), "[degraded] cause unknown", 24) == 0);
}

/* fx_oops_null, cut short by a 1.4 module while it walked the tasks */
static void fx_oops_torn(struct snapbuild *b)
{
	fx_oops_null(b);
	sb_tear(b, TRIAGE_STATE_WRITING, TRIAGE_SECT_WALK, 0);
}

/* A torn 1.4 snapshot: judged from its records, degraded, exit 1. */
static void test_cli_torn(void)
{
	char img[600];
	json_t *root, *torn;

	image("torn14.img", fx_oops_torn, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	CHECK(run((const char *[]){ "--image", img, "--json", NULL }) == 1);
	CHECK_CONTAINS(slurp(err_path), "degraded verdict: torn: the capture stopped in section walk after 6 records");
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "oops");
	CHECK_STR(json_string_value(json_object_get(root, "kind")), "null_deref");
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK(json_is_true(json_object_get(json_object_get(root, "snapshot"), "torn")));
	torn = json_object_get(json_object_get(root, "snapshot"), "stopped");
	CHECK_STR(json_string_value(json_object_get(torn, "state")), "writing");
	CHECK_STR(json_string_value(json_object_get(torn, "section")), "walk");
	CHECK(json_is_null(json_object_get(torn, "fault")));
	CHECK_STR(json_string_value(json_object_get(root, "log_source")), "torn snapshot");
	json_decref(root);
}

static void test_cli_write_fails(void)
{
	char img[600], dir[700];

	image("panic2.img", fx_panic, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	snprintf(dir, sizeof(dir), "%s/sub", img);	/* under a file */
	CHECK(run((const char *[]){ "--image", img, "--out", dir, "--quiet", NULL }) == 4);
	CHECK_CONTAINS(slurp(err_path), "Not a directory");
	CHECK_CONTAINS(slurp(err_path), "panic() called from crashme_explicit_panic");
	CHECK(slurp(out_path)[0] == '\0');
}

static void test_cli_crash_dir(void)
{
	char img[600], dir[600], cmd[800];

	image("sysrq.img", fx_panic, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	snprintf(dir, sizeof(dir), "%s/crash", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", img, "--crash-dir", dir, "--quiet", NULL }) == 0);
	snprintf(cmd, sizeof(cmd),
		 "test $(ls %s/2[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]/triage.json | wc -l) = 1",
		 dir);
	CHECK(system(cmd) == 0);
}

/* fx_panic, a second crash: another boot's uptime at capture */
static void fx_panic_later(struct snapbuild *b)
{
	struct triage_rec_system *y;

	fx_panic(b);
	y = sb_find(b, TRIAGE_REC_SYSTEM);
	if (y)
		y->uptime_ns += 42000000000ull;
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

static bool exists(const char *dir, const char *name)
{
	char path[900];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Two crashes in the same minute (time from TRIAGE_NOW): two directories;
 * the same crash judged again: its own verdict replaced. */
static void test_cli_same_minute(void)
{
	char a[600], b[600], crash[600], d0[700], d1[700], stamp[32];

	image("minute-a.img", fx_panic, TRIAGE_STATE_COMMITTED, a, sizeof(a));
	image("minute-b.img", fx_panic_later, TRIAGE_STATE_COMMITTED, b, sizeof(b));
	snprintf(crash, sizeof(crash), "%s/minute", unit_tmpdir);
	output_stamp(stamp, sizeof(stamp), 1700000000);
	snprintf(d0, sizeof(d0), "%s/%s", crash, stamp);
	snprintf(d1, sizeof(d1), "%s/%s-1", crash, stamp);
	setenv("TRIAGE_NOW", "1700000000", 1);
	CHECK(run((const char *[]){ "--image", a, "--crash-dir", crash, "--quiet", NULL }) == 0);
	CHECK(exists(d0, "triage.json") && exists(d0, "triage.txt"));
	setenv("TRIAGE_NOW", "1700000030", 1);	/* same minute */
	CHECK(run((const char *[]){ "--image", b, "--crash-dir", crash, "--quiet", NULL }) == 0);
	CHECK(exists(d1, "triage.json") && exists(d1, "triage.txt"));
	CHECK_CONTAINS(slurp(err_path), "the minute's directory holds the verdict of another crash: this one is in");
	CHECK_CONTAINS(slurp(err_path), "-1\n");
	/* the first crash again (a rerun): replaced in its own directory */
	CHECK(run((const char *[]){ "--image", a, "--crash-dir", crash, "--quiet", NULL }) == 0);
	CHECK(slurp(err_path)[0] == '\0');
	CHECK(!exists(crash, "1700000000") && lines(slurp(err_path)) == 0);
	{
		char d2[700];

		snprintf(d2, sizeof(d2), "%s/%s-2", crash, stamp);
		CHECK(access(d2, F_OK) != 0);
	}
	setenv("TRIAGE_NOW", "yesterday", 1);
	CHECK(run((const char *[]){ "--image", a, "--crash-dir", crash, NULL }) == 2);
	CHECK_CONTAINS(slurp(err_path), "TRIAGE_NOW='yesterday' is not seconds since the epoch");
	unsetenv("TRIAGE_NOW");
}

/* /var/crash/<stamp> planted as a symbolic link (to /etc, say) or as
 * another user's directory: refused, exit 4, nothing written there, the
 * verdict on stderr. */
static void test_cli_unsafe_dir(void)
{
	char img[600], crash[600], target[600], d0[700], stamp[32];

	image("unsafe.img", fx_panic, TRIAGE_STATE_COMMITTED, img, sizeof(img));
	snprintf(crash, sizeof(crash), "%s/unsafe", unit_tmpdir);
	snprintf(target, sizeof(target), "%s/unsafe-target", unit_tmpdir);
	mkdir(crash, 0755);
	CHECK(chmod(crash, 01777) == 0);	/* as Ubuntu's /var/crash */
	mkdir(target, 0700);
	output_stamp(stamp, sizeof(stamp), 1700000000);
	snprintf(d0, sizeof(d0), "%s/%s", crash, stamp);
	CHECK(symlink(target, d0) == 0);
	setenv("TRIAGE_NOW", "1700000000", 1);
	CHECK(run((const char *[]){ "--image", img, "--crash-dir", crash, "--quiet", NULL }) == 4);
	CHECK_CONTAINS(slurp(err_path), ": is a symbolic link: refused");
	CHECK_CONTAINS(slurp(err_path), "panic() called from crashme_explicit_panic");
	CHECK(!exists(target, "triage.json") && !exists(target, "triage.txt"));
	/* --out through it: refused too */
	CHECK(run((const char *[]){ "--image", img, "--out", d0, "--quiet", NULL }) == 4);
	CHECK(!exists(target, "triage.json"));
	unlink(d0);
	if (geteuid() == 0) {
		mkdir(d0, 0755);
		CHECK(chown(d0, 4242, 4242) == 0);
		CHECK(run((const char *[]){ "--image", img, "--crash-dir", crash, "--quiet", NULL }) == 4);
		CHECK_CONTAINS(slurp(err_path), ": owned by uid 4242, neither root nor uid 0: refused");
		CHECK(!exists(d0, "triage.json"));
	} else {
		fprintf(stderr, "  SKIP part of test_cli_unsafe_dir: not root (chown)\n");
	}
	unsetenv("TRIAGE_NOW");
}

/* --out DIR holding another crash's verdict: this one is triage-1.*. */
static void test_cli_out_taken(void)
{
	char a[600], b[600], dir[600];
	json_t *root;

	image("taken-a.img", fx_panic, TRIAGE_STATE_COMMITTED, a, sizeof(a));
	image("taken-b.img", fx_panic_later, TRIAGE_STATE_COMMITTED, b, sizeof(b));
	snprintf(dir, sizeof(dir), "%s/taken", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", a, "--out", dir, "--quiet", NULL }) == 0);
	CHECK(run((const char *[]){ "--image", b, "--out", dir, "--quiet", NULL }) == 0);
	CHECK_CONTAINS(slurp(err_path), "/taken/triage.json is the verdict of another crash: this one is ");
	CHECK_CONTAINS(slurp(err_path), "/taken/triage-1.json");
	CHECK(exists(dir, "triage-1.json") && exists(dir, "triage-1.txt"));
	{
		char path[700];

		snprintf(path, sizeof(path), "%s/triage.json", dir);
		root = json_load_file(path, 0, NULL);
		CHECK(root && json_integer_value(json_object_get(json_object_get(root, "kernel"), "uptime_ns")) == 79803924000ll);
		json_decref(root);
	}
	CHECK(run((const char *[]){ "--image", a, "--out", dir, "--quiet", NULL }) == 0);
	CHECK(!exists(dir, "triage-2.json"));
}

/* --file-from: a verdict staged earlier (as triage-kdump does) is filed by
 * the same rules, its triage.log with it, and the directory is printed. */
static void test_cli_file_from(void)
{
	char a[600], b[600], stage[600], stage2[600], dir[600];

	image("file-a.img", fx_panic, TRIAGE_STATE_COMMITTED, a, sizeof(a));
	image("file-b.img", fx_panic_later, TRIAGE_STATE_COMMITTED, b, sizeof(b));
	snprintf(stage, sizeof(stage), "%s/stage", unit_tmpdir);
	snprintf(dir, sizeof(dir), "%s/filed", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", a, "--out", stage, "--quiet", NULL }) == 0);
	{
		char log[700];

		snprintf(log, sizeof(log), "%s/triage.log", stage);
		write_text(log, "triage-collect exit 0 after 0.20s: verdict\n", 0600);
	}
	CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
	CHECK(strncmp(slurp(out_path), dir, strlen(dir)) == 0 &&
	      strcmp(slurp(out_path) + strlen(dir), "\n") == 0);
	CHECK(exists(dir, "triage.json") && exists(dir, "triage.txt") &&
	      exists(dir, "triage.log"));
	/* another crash's verdict staged, filed into the same directory */
	snprintf(stage2, sizeof(stage2), "%s/stage2", unit_tmpdir);
	snprintf(stage, sizeof(stage), "%s/stage2", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", b, "--out", stage, "--quiet", NULL }) == 0);
	CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
	CHECK(exists(dir, "triage-1.json") && exists(dir, "triage-1.txt"));
	CHECK(!exists(dir, "triage-1.log"));	/* none was staged */
	{
		char log[700];

		snprintf(log, sizeof(log), "%s/triage.log", dir);
		CHECK_STR(slurp(log), "triage-collect exit 0 after 0.20s: verdict\n");
	}
	/* a stage with only a log (the collector failed): the log alone,
	 * never over another's: triage.log and triage-1.log are taken */
	snprintf(stage, sizeof(stage), "%s/stage3", unit_tmpdir);
	CHECK(mkdir(stage, 0700) == 0);
	{
		char log[700];

		snprintf(log, sizeof(log), "%s/triage.log", stage);
		write_text(log, "triage-collect exit 124 after 60.00s: collector timed out after 60s\n", 0600);
		CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
		snprintf(log, sizeof(log), "%s/triage-2.log", dir);
		CHECK_STR(slurp(log), "triage-collect exit 124 after 60.00s: collector timed out after 60s\n");
		CHECK(!exists(dir, "triage-2.json") && !exists(dir, "triage-2.txt"));
		/* alone in a directory it is triage.log, and a verdict filed
		 * after it does not take its place: triage-1.json */
		snprintf(dir, sizeof(dir), "%s/filed-log", unit_tmpdir);
		CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
		CHECK(exists(dir, "triage.log") && !exists(dir, "triage.json"));
		CHECK(run((const char *[]){ "--file-from", stage2, "--out", dir, NULL }) == 0);
		CHECK(exists(dir, "triage-1.json") && !exists(dir, "triage.json"));
		snprintf(log, sizeof(log), "%s/triage.log", dir);
		CHECK_STR(slurp(log), "triage-collect exit 124 after 60.00s: collector timed out after 60s\n");
	}
	CHECK(run((const char *[]){ "--file-from", stage, "--image", a, "--out", dir, NULL }) == 2);
	CHECK(run((const char *[]){ "--file-from", stage, NULL }) == 2);
	CHECK(run((const char *[]){ "--file-from", "/nonexistent/stage", "--out", dir, NULL }) == 3);
}

/* Write @text to @path, mode @mode. */
static void write_text(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	chmod(path, mode);
}

/* A small ELF vmcore of a 6.1 x86_64 kernel, with no snapshot in it. */
static void write_nosnap_core(const char *path)
{
	static uint8_t mem[1 << 20];

	CHECK(elfcore_write(path, "OSRELEASE=6.1.0-56-amd64\nPAGESIZE=4096\nNUMBER(pgtable_l5_enabled)=0\n",
			    mem, sizeof(mem), 0x1000000) == 0);
}

/* A vmcore with two module loads' regions: the committed capture of the
 * first is judged, the armed region of the second is a candidate seen. */
static void test_cli_candidates(void)
{
	static uint8_t mem[4 << 20];
	struct snapbuild b;
	char core[600];
	json_t *root, *cands, *ev;
	size_t i;
	int said = 0;

	fx_panic(&b);
	sb_hdr(&b)->region_phys = 0x1100000;
	sb_hdr(&b)->capture_start_ns = 5000000;
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	memcpy(mem + 0x100000, b.buf, b.region_size);
	sb_free(&b);
	sb_init(&b, 1 << 16, 0x1200000);
	sb_hdr(&b)->load_ns = 9000000;
	sb_commit(&b, TRIAGE_STATE_ARMED);
	memcpy(mem + 0x200000, b.buf, b.region_size);
	sb_free(&b);
	snprintf(core, sizeof(core), "%s/two.vmcore", unit_tmpdir);
	CHECK(elfcore_write(core, "OSRELEASE=6.1.0-56-amd64\nPAGESIZE=4096\nNUMBER(pgtable_l5_enabled)=0\n"
			    "TRIAGE_REGION=0x1100000,0x100000\nTRIAGE_REGION=0x1200000,0x10000\n",
			    mem, sizeof(mem), 0x1000000) == 0);
	CHECK(run((const char *[]){ "--vmcore", core, "--json", NULL }) == 0);
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "panic");
	cands = json_object_get(json_object_get(root, "snapshot"), "candidates");
	CHECK(json_array_size(cands) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(cands, 0), "state")), "committed");
	CHECK(json_is_true(json_object_get(json_array_get(cands, 0), "taken")));
	CHECK_STR(json_string_value(json_object_get(json_array_get(cands, 1), "state")), "armed");
	CHECK(json_is_false(json_object_get(json_array_get(cands, 1), "taken")));
	CHECK_STR(json_string_value(json_object_get(json_array_get(cands, 1), "phys")), "0x1200000");
	ev = json_object_get(root, "evidence");
	for (i = 0; i < json_array_size(ev); i++)
		said += strcmp(json_string_value(json_array_get(ev, i)),
			       "took a committed snapshot at 0x1100000 (vmcoreinfo) over 1 other candidate: an armed snapshot at 0x1200000 (vmcoreinfo)") == 0;
	CHECK(said == 1);
	json_decref(root);

	/* an image is no search: no candidates */
	image("cand.img", fx_panic, TRIAGE_STATE_COMMITTED, core, sizeof(core));
	CHECK(run((const char *[]){ "--image", core, "--json", NULL }) == 0);
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(json_is_null(json_object_get(json_object_get(root, "snapshot"), "candidates")));
	json_decref(root);
}

/* A vmcore with no snapshot: the log comes from "makedumpfile", here a
 * script standing in for it, and the verdict is degraded. */
static void test_cli_vmcore_degraded(void)
{
	char core[600], script[600], log[600], text[1600];
	json_t *root;

	snprintf(core, sizeof(core), "%s/nosnap.vmcore", unit_tmpdir);
	write_nosnap_core(core);
	snprintf(log, sizeof(log), "%s/fake.log", unit_tmpdir);
	write_text(log, fx_log_sysrq, 0600);
	snprintf(script, sizeof(script), "%s/fake-makedumpfile", unit_tmpdir);
	snprintf(text, sizeof(text),
		 "#!/bin/sh\n[ \"$1\" = --dump-dmesg ] && cp '%s' \"$3\"\n", log);
	write_text(script, text, 0700);
	setenv("TRIAGE_MAKEDUMPFILE", script, 1);
	CHECK(run((const char *[]){ "--vmcore", core, "--json", NULL }) == 1);
	unsetenv("TRIAGE_MAKEDUMPFILE");
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "sysrq");
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK_STR(json_string_value(json_object_get(root, "message")), "sysrq triggered crash");
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "kernel"), "release")),
		  "6.1.0-56-amd64");
	json_decref(root);

	/* and with no makedumpfile at all: still a verdict, unknown */
	setenv("TRIAGE_MAKEDUMPFILE", "/nonexistent/makedumpfile", 1);
	CHECK(run((const char *[]){ "--vmcore", core, NULL }) == 1);
	unsetenv("TRIAGE_MAKEDUMPFILE");
	CHECK(strncmp(slurp(out_path), "[degraded] cause unknown", 24) == 0);
	CHECK_CONTAINS(slurp(out_path), "no log from the dump: cannot run /nonexistent/makedumpfile");

	/* a makedumpfile that fails: its last word on stderr is in the note */
	snprintf(text, sizeof(text),
		 "#!/bin/sh\necho 'reading the log' >&2\necho 'readmem: type_addr: 1, addr:ffffffff, size:8' >&2\nexit 1\n");
	write_text(script, text, 0700);
	setenv("TRIAGE_MAKEDUMPFILE", script, 1);
	CHECK(run((const char *[]){ "--vmcore", core, NULL }) == 1);
	unsetenv("TRIAGE_MAKEDUMPFILE");
	CHECK_CONTAINS(slurp(out_path), "--dump-dmesg failed (status 1): readmem: type_addr: 1, addr:ffffffff, size:8");
}

/* A dump in makedumpfile's flattened format (what kdump-tools saves) is read
 * through "makedumpfile -R", then its log through the unflattened copy. */
static void test_cli_flattened(void)
{
	char core[600], flat[600], script[600], log[600], sig[16] = "makedumpfile";
	char body[2400], *text;
	FILE *f;
	json_t *root;

	snprintf(core, sizeof(core), "%s/flat-src.vmcore", unit_tmpdir);
	write_nosnap_core(core);
	snprintf(flat, sizeof(flat), "%s/flat.dump", unit_tmpdir);
	f = fopen(flat, "w");
	if (f) {
		fwrite(sig, 1, sizeof(sig), f);
		fputs("not really flattened data", f);
		fclose(f);
	}
	snprintf(log, sizeof(log), "%s/flat.log", unit_tmpdir);
	write_text(log, fx_log_sysrq, 0600);
	snprintf(script, sizeof(script), "%s/flat-makedumpfile", unit_tmpdir);
	snprintf(body, sizeof(body), "#!/bin/sh\n"
		 "case \"$1\" in\n"
		 "-R) [ ! -e \"$2\" ] && cat >/dev/null && cp '%s' \"$2\" ;;\n"
		 "--dump-dmesg) cmp -s \"$2\" '%s' && cp '%s' \"$3\" ;;\n"
		 "*) exit 1 ;;\n"
		 "esac\n", core, core, log);
	write_text(script, body, 0700);
	setenv("TRIAGE_MAKEDUMPFILE", script, 1);
	CHECK(run((const char *[]){ "--vmcore", flat, "--json", NULL }) == 1);
	unsetenv("TRIAGE_MAKEDUMPFILE");
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "sysrq");
	CHECK_STR(json_string_value(json_object_get(json_object_get(root, "kernel"), "release")),
		  "6.1.0-56-amd64");
	text = json_dumps(root, 0);
	CHECK(text != NULL);
	if (text)
		CHECK_CONTAINS(text, "makedumpfile -R");
	free(text);
	json_decref(root);
}

/* A log alone (--log): an oops, the hung tasks it caused and the panic.
 * The verdict names the oops (the root), lists what followed, and is
 * degraded (exit 1); from a file, standard input, into --out. */
static void test_cli_log(void)
{
	static const char log[] =
		"Mar 05 10:11:12 web3 kernel: BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
		"Mar 05 10:11:12 web3 kernel: #PF: supervisor read access in kernel mode\n"
		"Mar 05 10:11:12 web3 kernel: Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
		"Mar 05 10:11:12 web3 kernel: CPU: 0 PID: 2001 Comm: cfgd Tainted: G           O       6.1.0-21-amd64 #1\n"
		"Mar 05 10:11:12 web3 kernel: RIP: 0010:cfg_apply_locked+0x21/0x70 [cfgdrv]\n"
		"Mar 05 10:11:12 web3 kernel: Call Trace:\n"
		"Mar 05 10:11:12 web3 kernel:  <TASK>\n"
		"Mar 05 10:11:12 web3 kernel:  ? asm_exc_page_fault+0x26/0x30\n"
		"Mar 05 10:11:12 web3 kernel:  cfg_write+0x4e/0x90 [cfgdrv]\n"
		"Mar 05 10:11:12 web3 kernel:  vfs_write+0xb6/0x3f0\n"
		"Mar 05 10:11:12 web3 kernel:  </TASK>\n"
		"Mar 05 10:11:12 web3 kernel: ---[ end trace 0000000000000000 ]---\n"
		"Mar 05 10:13:16 web3 kernel: INFO: task cfgctl:2044 blocked for more than 120 seconds.\n"
		"Mar 05 10:13:16 web3 kernel: task:cfgctl          state:D stack:0     pid:2044  ppid:1990   flags:0x00000000\n"
		"Mar 05 10:13:16 web3 kernel: Call Trace:\n"
		"Mar 05 10:13:16 web3 kernel:  __schedule+0x34d/0x9e0\n"
		"Mar 05 10:13:16 web3 kernel:  schedule+0x5a/0xd0\n"
		"Mar 05 10:13:16 web3 kernel:  __mutex_lock.constprop.0+0x399/0x700\n"
		"Mar 05 10:13:16 web3 kernel:  cfg_read+0x2a/0x80 [cfgdrv]\n"
		"Mar 05 10:13:16 web3 kernel: Kernel panic - not syncing: hung_task: blocked tasks\n";
	char path[600], dir[600], file[700];
	const char *text;
	json_t *root, *ev;
	size_t i;
	bool then = false;

	snprintf(path, sizeof(path), "%s/kern.log", unit_tmpdir);
	write_text(path, log, 0600);
	CHECK(run((const char *[]){ "--log", path, "--json", NULL }) == 1);
	CHECK_CONTAINS(slurp(err_path), "degraded verdict: judged from a kernel log alone");
	root = json_loads(slurp(out_path), 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "class")), "oops");
	CHECK_STR(json_string_value(json_object_get(root, "kind")), "null_deref");
	CHECK_STR(json_string_value(json_object_get(root, "title")),
		  "BUG: unable to handle kernel NULL pointer dereference in cfg_apply_locked");
	CHECK_STR(json_string_value(json_object_get(root, "signature")),
		  "oops/null_deref:cfg_apply_locked[cfgdrv]");
	CHECK(json_is_true(json_object_get(root, "degraded")));
	CHECK_STR(json_string_value(json_object_get(root, "log_source")), "log file");
	CHECK(json_integer_value(json_object_get(json_object_get(root, "culprit"), "pid")) == 2001);
	ev = json_object_get(root, "evidence");
	for (i = 0; i < json_array_size(ev); i++)
		if (strstr(json_string_value(json_array_get(ev, i)) ?: "",
			   "then, as a consequence") &&
		    strstr(json_string_value(json_array_get(ev, i)) ?: "",
			   "INFO: task hung in cfg_read"))
			then = true;
	CHECK(then);
	json_decref(root);

	/* standard input, text */
	stdin_path = path;
	CHECK(run((const char *[]){ "--log", "-", NULL }) == 1);
	stdin_path = NULL;
	text = slurp(out_path);
	CHECK_CONTAINS(text, "[degraded] BUG: unable to handle kernel NULL pointer dereference in cfg_apply_locked [cfgdrv]: cfgd (pid 2001) on CPU 0");
	CHECK_CONTAINS(text, "none: a kernel log judged alone (standard input)");

	/* into --out */
	snprintf(dir, sizeof(dir), "%s/logout", unit_tmpdir);
	CHECK(run((const char *[]){ "--log", path, "--out", dir, "--quiet", NULL }) == 1);
	snprintf(file, sizeof(file), "%s/triage.json", dir);
	CHECK_CONTAINS(slurp(file), "\"class\": \"oops\"");

	/* no report in the log: unknown, still a verdict */
	snprintf(path, sizeof(path), "%s/quiet.log", unit_tmpdir);
	write_text(path, "[    0.000000] Linux version 6.1.0\n", 0600);
	CHECK(run((const char *[]){ "--log", path, NULL }) == 1);
	CHECK_CONTAINS(slurp(out_path), "cause unknown");

	/* usage and input errors */
	CHECK(run((const char *[]){ "--log", path, "--image", "x", NULL }) == 2);
	CHECK_CONTAINS(slurp(err_path), "--log judges a log alone");
	CHECK(run((const char *[]){ "--log", "/nonexistent/kern.log", NULL }) == 3);
	CHECK_STR(slurp(err_path), "triage-collect: /nonexistent/kern.log: No such file or directory\n");
}

/* the seed 000 self-deadlock as another capture than fx_hung_abba's */
static void fx_hung_self_later(struct snapbuild *b)
{
	struct triage_rec_system *y;

	fx_hung_self(b);
	y = sb_find(b, TRIAGE_REC_SYSTEM);
	if (y)
		y->uptime_ns += 42000000000ull;
	sb_commit(b, TRIAGE_STATE_COMMITTED);
}

/* triage.dot: written beside the verdict for blocked tasks (0600), not
 * for a panic; --file-from carries it, as triage-1.dot beside triage-1.json. */
static void test_cli_dot(void)
{
	char a[600], b[600], stage[600], dir[600], file[700];
	struct stat st;

	image("dot-abba.img", fx_hung_abba, TRIAGE_STATE_COMMITTED, a, sizeof(a));
	image("dot-self.img", fx_hung_self_later, TRIAGE_STATE_COMMITTED, b,
	      sizeof(b));
	snprintf(stage, sizeof(stage), "%s/dot-stage", unit_tmpdir);
	snprintf(dir, sizeof(dir), "%s/dot-filed", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", a, "--out", stage, "--quiet", NULL }) == 0);
	snprintf(file, sizeof(file), "%s/triage.dot", stage);
	CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK_CONTAINS(slurp(file), "digraph triage {");
	CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
	CHECK(exists(dir, "triage.dot"));
	snprintf(stage, sizeof(stage), "%s/dot-stage2", unit_tmpdir);
	CHECK(run((const char *[]){ "--image", b, "--out", stage, "--quiet", NULL }) == 0);
	CHECK(run((const char *[]){ "--file-from", stage, "--out", dir, NULL }) == 0);
	CHECK(exists(dir, "triage-1.json") && exists(dir, "triage-1.dot"));
	snprintf(file, sizeof(file), "%s/triage-1.dot", dir);
	CHECK_CONTAINS(slurp(file), "magic_mutex");
	/* a panic has no graph */
	snprintf(dir, sizeof(dir), "%s/dot-panic", unit_tmpdir);
	image("dot-panic.img", fx_panic, TRIAGE_STATE_COMMITTED, a, sizeof(a));
	CHECK(run((const char *[]){ "--image", a, "--out", dir, "--quiet", NULL }) == 0);
	CHECK(exists(dir, "triage.json") && !exists(dir, "triage.dot"));
}

void cli_tests(void)
{
	RUN(test_cli_usage);
	RUN(test_cli_unreadable);
	RUN(test_cli_valid_out);
	RUN(test_cli_json_degraded);
	RUN(test_cli_judge_fails);
	RUN(test_cli_torn);
	RUN(test_cli_write_fails);
	RUN(test_cli_crash_dir);
	RUN(test_cli_same_minute);
	RUN(test_cli_unsafe_dir);
	RUN(test_cli_out_taken);
	RUN(test_cli_file_from);
	RUN(test_cli_dot);
	RUN(test_cli_candidates);
	RUN(test_cli_vmcore_degraded);
	RUN(test_cli_flattened);
	RUN(test_cli_log);
}
