// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_output.c - report files: 0600, atomic, errors as values for a
 * directory that cannot be written (under a file, read-only, full), and
 * refused when it is unsafe (symbolic links, another user's or a writable
 * directory).
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "unit.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_output_atomic_0600(void)
{
	char dir[512], path[600];
	struct errmsg err;
	struct outdir d;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/out/a/b", unit_tmpdir);
	CHECK(outdir_open(&d, dir, true, &err) == ST_OK);
	CHECK(d.created);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(outdir_write(&d, "triage.json", "{}\n", 3, &err) == ST_OK);
	snprintf(path, sizeof(path), "%s/triage.json", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK_STR(slurp(path), "{}\n");
	/* replaced whole, and no temporary file left behind */
	CHECK(outdir_write(&d, "triage.json", "{\"a\":1}\n", 8, &err) == ST_OK);
	CHECK_STR(slurp(path), "{\"a\":1}\n");
	CHECK(count_entries(dir) == 1);
	CHECK(outdir_has(&d, "triage.json") && !outdir_has(&d, "triage.txt"));
	outdir_close(&d);
	/* an existing directory is fine */
	CHECK(outdir_open(&d, dir, true, &err) == ST_OK);
	CHECK(!d.created);
	outdir_close(&d);
	/* without create, a missing one is an error */
	snprintf(dir, sizeof(dir), "%s/out/none", unit_tmpdir);
	CHECK(outdir_open(&d, dir, false, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, strerror(ENOENT));
}

static void test_output_under_file(void)
{
	char file[512], dir[600];
	struct errmsg err;
	struct outdir d;
	FILE *f;

	snprintf(file, sizeof(file), "%s/plainfile", unit_tmpdir);
	f = fopen(file, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	snprintf(dir, sizeof(dir), "%s/sub", file);
	CHECK(outdir_open(&d, dir, true, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, strerror(ENOTDIR));
	CHECK(outdir_open(&d, file, true, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, strerror(ENOTDIR));
}

static void mkdir_mode(const char *path, mode_t mode)
{
	mkdir(path, 0700);
	CHECK(chmod(path, mode) == 0);
}

/* No symbolic link is followed to, or in, a directory reports go into,
 * nor anywhere in a directory others can write to. */
static void test_output_symlinks(void)
{
	char base[512], real[600], ww[600], link[700], path[800], file[800];
	struct errmsg err;
	struct outdir d;

	snprintf(base, sizeof(base), "%s/links", unit_tmpdir);
	mkdir_mode(base, 0700);
	snprintf(real, sizeof(real), "%s/real", base);
	mkdir_mode(real, 0700);
	snprintf(ww, sizeof(ww), "%s/ww", base);
	mkdir_mode(ww, 01777);

	/* the directory itself */
	snprintf(link, sizeof(link), "%s/final", base);
	CHECK(symlink(real, link) == 0);
	CHECK(outdir_open(&d, link, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "/links/final: is a symbolic link: refused");
	CHECK(count_entries(real) == 0);

	/* a level above, in a directory only root can write: followed,
	 * into an existing directory */
	snprintf(path, sizeof(path), "%s/sub", real);
	mkdir_mode(path, 0700);
	snprintf(path, sizeof(path), "%s/sub", link);
	CHECK(outdir_open(&d, path, true, &err) == ST_OK);
	outdir_close(&d);
	/* ... but nothing is created in a directory reached through it */
	snprintf(path, sizeof(path), "%s/new", link);
	CHECK(outdir_open(&d, path, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "would be created in a directory reached through a symbolic link");
	CHECK(count_entries(real) == 1);

	/* in a directory others can write to (/var/crash on Ubuntu): never */
	snprintf(link, sizeof(link), "%s/202501311342", ww);
	CHECK(symlink(real, link) == 0);
	snprintf(path, sizeof(path), "%s/sub", link);
	CHECK(outdir_open(&d, path, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "is a symbolic link in a directory others can write to");
	/* a dangling one is not created through either */
	snprintf(link, sizeof(link), "%s/dangling", ww);
	snprintf(path, sizeof(path), "%s/nowhere", base);
	CHECK(symlink(path, link) == 0);
	CHECK(outdir_open(&d, link, true, &err) == ST_ERR_UNSAFE);
	CHECK(access(path, F_OK) != 0);

	/* a file called triage.json that is a symbolic link is replaced, its
	 * target left alone */
	snprintf(file, sizeof(file), "%s/victim", base);
	FILE *f = fopen(file, "w");
	if (f) {
		fputs("precious\n", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/triage.json", real);
	CHECK(symlink(file, path) == 0);
	CHECK(outdir_open(&d, real, false, &err) == ST_OK);
	CHECK(outdir_has(&d, "triage.json"));
	{
		char *text = NULL;

		CHECK(outdir_read(&d, "triage.json", 4096, &text, &err) != ST_OK);
		free(text);
	}
	CHECK(outdir_write(&d, "triage.json", "{}\n", 3, &err) == ST_OK);
	outdir_close(&d);
	CHECK_STR(slurp(file), "precious\n");
	CHECK_STR(slurp(path), "{}\n");
}

/* Another user's directory, or one others can write without the sticky
 * bit, is refused; so is creating in another user's directory. */
static void test_output_foreign(void)
{
	char base[512], dir[600], path[700];
	struct errmsg err;
	struct outdir d;

	if (geteuid() != 0) {
		fprintf(stderr, "  SKIP test_output_foreign: not root (chown)\n");
		return;
	}
	snprintf(base, sizeof(base), "%s/foreign", unit_tmpdir);
	mkdir_mode(base, 0755);
	snprintf(dir, sizeof(dir), "%s/202501311342", base);
	mkdir_mode(dir, 0700);
	CHECK(chown(dir, 4242, 4242) == 0);
	CHECK(outdir_open(&d, dir, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "202501311342: owned by uid 4242, neither root nor uid 0: refused");
	snprintf(path, sizeof(path), "%s/new", dir);
	CHECK(outdir_open(&d, path, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "would be created in a directory owned by another user");
	CHECK(count_entries(dir) == 0);

	CHECK(chown(dir, 0, 0) == 0);
	CHECK(chmod(dir, 0777) == 0);
	CHECK(outdir_open(&d, dir, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "writable by others (mode 0777) without the sticky bit");
	CHECK(chmod(dir, 0770) == 0);
	CHECK(outdir_open(&d, dir, true, &err) == ST_ERR_UNSAFE);
	CHECK_CONTAINS(err.text, "writable by its group (mode 0770)");
	CHECK(chmod(dir, 01777) == 0);
	CHECK(outdir_open(&d, dir, true, &err) == ST_OK);
	outdir_close(&d);
}

/*
 * A read-only and a full filesystem: tmpfs mounts in a private mount
 * namespace of a child process, so nothing outlives the test.  Needs root
 * (CAP_SYS_ADMIN); without it the test says it was skipped.
 */
static int fs_child(const char *dir)
{
	static char big[64 * 1024];
	char ro[600], full[600], path[700];
	struct errmsg err;
	struct outdir d_ro, d_full;
	int fails = 0;

	snprintf(ro, sizeof(ro), "%s/ro", dir);
	snprintf(full, sizeof(full), "%s/full", dir);
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", ro, "tmpfs", MS_RDONLY, "size=64k") != 0 ||
	    mount("tmpfs", full, "tmpfs", 0, "size=16k") != 0)
		return 77;
	if (outdir_open(&d_ro, ro, true, &err) != ST_OK)	/* it exists */
		return 2;
	if (outdir_write(&d_ro, "triage.json", "{}", 2, &err) != ST_ERR_SYSTEM ||
	    !strstr(err.text, strerror(EROFS)))
		fails |= 1;
	if (outdir_open(&d_full, full, true, &err) != ST_OK)
		return 2;
	if (outdir_write(&d_full, "triage.json", "old\n", 4, &err) != ST_OK)
		fails |= 4;
	memset(big, 'x', sizeof(big));
	if (outdir_write(&d_full, "triage.json", big, sizeof(big), &err) !=
	    ST_ERR_SYSTEM || !strstr(err.text, strerror(ENOSPC)))
		fails |= 8;
	snprintf(path, sizeof(path), "%s/triage.json", full);
	if (!slurp(path) || strcmp(slurp(path), "old\n") != 0)
		fails |= 16;	/* the old file must be intact */
	if (count_entries(full) != 1)
		fails |= 32;	/* and no temporary file left */
	if (fails)
		fprintf(stderr, "  fs_child failures 0x%x: %s\n", fails, err.text);
	return fails;
}

static void test_output_readonly_and_full(void)
{
	char dir[512], sub[600];
	int status = -1;
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/fs", unit_tmpdir);
	mkdir(dir, 0700);
	snprintf(sub, sizeof(sub), "%s/ro", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/full", dir);
	mkdir(sub, 0700);
	pid = fork();
	if (pid == 0)
		_exit(fs_child(dir));
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		fprintf(stderr, "  SKIP test_output_readonly_and_full: cannot mount tmpfs in a private namespace (not root?)\n");
		return;
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_output_stamp(void)
{
	char buf[32];
	size_t i;

	output_stamp(buf, sizeof(buf), 1700000000);
	CHECK(strlen(buf) == 12);
	for (i = 0; i < strlen(buf); i++)
		CHECK(buf[i] >= '0' && buf[i] <= '9');
	CHECK(strncmp(buf, "2023111", 7) == 0);
}

void output_tests(void)
{
	RUN(test_output_atomic_0600);
	RUN(test_output_under_file);
	RUN(test_output_symlinks);
	RUN(test_output_foreign);
	RUN(test_output_readonly_and_full);
	RUN(test_output_stamp);
}
