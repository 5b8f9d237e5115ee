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

#define MDF_TAIL_LEN	512	/* bytes of the child's stderr kept */

/* Keep the last MDF_TAIL_LEN - 1 bytes the child wrote on stderr (@fd,
 * non-blocking) in @tail, NUL-terminated. */
static void drain_stderr(int fd, char tail[MDF_TAIL_LEN], size_t *len)
{
	char buf[MDF_TAIL_LEN / 2];
	const size_t size = MDF_TAIL_LEN;
	ssize_t n;
	size_t keep;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		/* n < size - 1: what is kept of the old tail makes room */
		keep = *len + n > size - 1 ? size - 1 - n : *len;
		memmove(tail, tail + *len - keep, keep);
		memcpy(tail + keep, buf, n);
		*len = keep + n;
	}
	tail[*len] = '\0';
}

/* The last non-empty line of @tail, trimmed, in place. */
static const char *last_line(char *tail)
{
	char *end = tail + strlen(tail), *start;

	while (end > tail && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r'))
		*--end = '\0';
	start = strrchr(tail, '\n');
	return start ? start + 1 : tail;
}

enum status mdf_run(char *const argv[], int stdin_fd, int timeout_s,
		    struct errmsg *err)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int status, waited = 0, devnull, pipefd[2];
	char tail[MDF_TAIL_LEN] = "";
	size_t tail_len = 0;
	pid_t pid, r;

	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM, "pipe: %s",
				  strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return errmsg_set(err, ST_ERR_SYSTEM, "fork: %s",
				  strerror(errno));
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(stdin_fd >= 0 ? stdin_fd : devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
		}
		dup2(pipefd[1], STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		drain_stderr(pipefd[0], tail, &tail_len);
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			close(pipefd[0]);
			return errmsg_set(err, ST_ERR_SYSTEM, "waitpid: %s",
					  strerror(errno));
		}
		if (waited++ > timeout_s * 50) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			close(pipefd[0]);
			return errmsg_set(err, ST_ERR_SYSTEM,
					  "%s %s took more than %d s", argv[0],
					  argv[1] ? argv[1] : "", timeout_s);
		}
		nanosleep(&nap, NULL);
	}
	drain_stderr(pipefd[0], tail, &tail_len);
	close(pipefd[0]);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return errmsg_set(err, ST_ERR_SYSTEM, "cannot run %s", argv[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return errmsg_set(err, ST_ERR_SYSTEM,
				  "%s %s failed (status %d): %.200s", argv[0],
				  argv[1] ? argv[1] : "",
				  WIFEXITED(status) ? WEXITSTATUS(status) : -1,
				  tail_len ? last_line(tail) : "nothing on stderr");
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
