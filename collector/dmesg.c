// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * dmesg.c - gets the kernel log out of a vmcore by running
 * "makedumpfile --dump-dmesg VMCORE FILE" (fork/exec, no shell) into a
 * private temporary directory, with a time limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dmesg.h"

static enum status run(const char *prog, const char *vmcore, const char *out,
		       struct errmsg *err)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int status, waited = 0, devnull;
	pid_t pid, r;

	pid = fork();
	if (pid < 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "fork: %s",
				  strerror(errno));
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		execlp(prog, prog, "--dump-dmesg", vmcore, out, (char *)NULL);
		_exit(127);
	}
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return errmsg_set(err, ST_ERR_SYSTEM, "waitpid: %s",
					  strerror(errno));
		if (waited++ > DMESG_TIMEOUT_S * 50) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return errmsg_set(err, ST_ERR_SYSTEM,
					  "%s --dump-dmesg took more than %d s",
					  prog, DMESG_TIMEOUT_S);
		}
		nanosleep(&nap, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot run %s", prog);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "%s --dump-dmesg %s failed (status %d)", prog,
				  vmcore, WIFEXITED(status) ?
				  WEXITSTATUS(status) : -1);
	return ST_OK;
}

static enum status slurp(const char *path, char **text, struct errmsg *err)
{
	FILE *f = fopen(path, "r");
	size_t n, i;
	char *buf;

	if (!f)
		return errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
				  strerror(errno));
	buf = malloc(DMESG_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		return errmsg_set(err, ST_ERR_NOMEM, "out of memory");
	}
	n = fread(buf, 1, DMESG_MAX_BYTES, f);
	fclose(f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f))
			buf[i] = '?';
	}
	buf[n] = '\0';
	*text = buf;
	return ST_OK;
}

enum status dmesg_read(const char *vmcore, char **text, struct errmsg *err)
{
	const char *prog = getenv("TRIAGE_MAKEDUMPFILE");
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], out[PATH_MAX + 16];
	enum status st;

	*text = NULL;
	if (!prog || !prog[0])
		prog = DMESG_PROGRAM;
	snprintf(dir, sizeof(dir), "%s/triage-dmesg.XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "cannot make a temporary directory: %s",
				  strerror(errno));
	snprintf(out, sizeof(out), "%s/dmesg", dir);
	st = run(prog, vmcore, out, err);
	if (st == ST_OK)
		st = slurp(out, text, err);
	unlink(out);
	rmdir(dir);
	return st;
}
