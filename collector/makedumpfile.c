// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * makedumpfile.c - runs Debian's makedumpfile (fork/exec, no shell, with a
 * time limit) and uses it to unflatten kdump-tools' saved dumps.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "makedumpfile.h"

/* makedumpfile's flattened-format header starts with this, NUL-padded. */
#define MDF_SIGNATURE		"makedumpfile"
#define MDF_SIGNATURE_LEN	16
#define MDF_UNFLATTEN_TIMEOUT_S	600

const char *mdf_program(void)
{
	const char *prog = getenv("TRIAGE_MAKEDUMPFILE");

	return prog && prog[0] ? prog : MDF_PROGRAM;
}

enum status mdf_run(char *const argv[], int stdin_fd, int timeout_s,
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
			dup2(stdin_fd >= 0 ? stdin_fd : devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return errmsg_set(err, ST_ERR_SYSTEM, "waitpid: %s",
					  strerror(errno));
		if (waited++ > timeout_s * 50) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return errmsg_set(err, ST_ERR_SYSTEM,
					  "%s %s took more than %d s", argv[0],
					  argv[1] ? argv[1] : "", timeout_s);
		}
		nanosleep(&nap, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot run %s", argv[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "%s %s failed (status %d)", argv[0],
				  argv[1] ? argv[1] : "",
				  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return ST_OK;
}

bool mdf_is_flattened(int fd)
{
	char sig[MDF_SIGNATURE_LEN];
	size_t i;

	if (pread(fd, sig, sizeof(sig), 0) != (ssize_t)sizeof(sig) ||
	    memcmp(sig, MDF_SIGNATURE, strlen(MDF_SIGNATURE)) != 0)
		return false;
	for (i = strlen(MDF_SIGNATURE); i < sizeof(sig); i++)
		if (sig[i])
			return false;
	return true;
}

enum status mdf_unflatten(const char *path, int *fd, struct errmsg *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], out[PATH_MAX + 16];
	char *argv[4];
	enum status st;
	int in;

	*fd = -1;
	/* makedumpfile -R will not write over a file, so a fresh directory. */
	snprintf(dir, sizeof(dir), "%s/triage-unflatten.XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "cannot make a temporary directory: %s",
				  strerror(errno));
	snprintf(out, sizeof(out), "%s/dump", dir);
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		st = errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", path,
				strerror(errno));
		goto out;
	}
	argv[0] = (char *)mdf_program();
	argv[1] = "-R";
	argv[2] = out;
	argv[3] = NULL;
	st = mdf_run(argv, in, MDF_UNFLATTEN_TIMEOUT_S, err);
	close(in);
	if (st == ST_OK) {
		/* Inheritable: makedumpfile --dump-dmesg reads it by
		 * /proc/self/fd/N.
		 */
		*fd = open(out, O_RDONLY);
		if (*fd < 0)
			st = errmsg_set(err, ST_ERR_SYSTEM, "%s: %s", out,
					strerror(errno));
	}
out:
	unlink(out);	/* the open descriptor keeps it until closed */
	rmdir(dir);
	return st;
}
