// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_output.c - report files: 0600, atomic, errors as values for a
 * directory that cannot be written (under a file, read-only, full).
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
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/out/a/b", unit_tmpdir);
	CHECK(output_mkdirs(dir, &err) == ST_OK);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(output_write(dir, "triage.json", "{}\n", 3, &err) == ST_OK);
	snprintf(path, sizeof(path), "%s/triage.json", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK_STR(slurp(path), "{}\n");
	/* replaced whole, and no temporary file left behind */
	CHECK(output_write(dir, "triage.json", "{\"a\":1}\n", 8, &err) == ST_OK);
	CHECK_STR(slurp(path), "{\"a\":1}\n");
	CHECK(count_entries(dir) == 1);
	/* an existing directory is fine */
	CHECK(output_mkdirs(dir, &err) == ST_OK);
}

static void test_output_under_file(void)
{
	char file[512], dir[600];
	struct errmsg err;
	FILE *f;

	snprintf(file, sizeof(file), "%s/plainfile", unit_tmpdir);
	f = fopen(file, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	snprintf(dir, sizeof(dir), "%s/sub", file);
	CHECK(output_mkdirs(dir, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, strerror(ENOTDIR));
	CHECK(output_write(dir, "triage.txt", "x", 1, &err) == ST_ERR_SYSTEM);
	CHECK_CONTAINS(err.text, "cannot create");
	CHECK_CONTAINS(err.text, strerror(ENOTDIR));
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
	int fails = 0;

	snprintf(ro, sizeof(ro), "%s/ro", dir);
	snprintf(full, sizeof(full), "%s/full", dir);
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", ro, "tmpfs", MS_RDONLY, "size=64k") != 0 ||
	    mount("tmpfs", full, "tmpfs", 0, "size=16k") != 0)
		return 77;
	if (output_write(ro, "triage.json", "{}", 2, &err) != ST_ERR_SYSTEM ||
	    !strstr(err.text, strerror(EROFS)))
		fails |= 1;
	if (output_mkdirs(ro, &err) != ST_OK)	/* it exists: fine */
		fails |= 2;
	if (output_write(full, "triage.json", "old\n", 4, &err) != ST_OK)
		fails |= 4;
	memset(big, 'x', sizeof(big));
	if (output_write(full, "triage.json", big, sizeof(big), &err) !=
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
	RUN(test_output_readonly_and_full);
	RUN(test_output_stamp);
}
