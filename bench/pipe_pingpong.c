// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_pingpong - a scheduler benchmark in the spirit of `perf bench sched
 * pipe`: two processes pass a byte back and forth through two pipes N times;
 * prints the wall time in microseconds.
 *
 *   pipe_pingpong [N]      (default 20000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 20000;
	int ab[2], ba[2];
	struct timespec t0, t1;
	char c = 0;
	pid_t pid;

	if (pipe(ab) || pipe(ba))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < n; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			return 1;
	waitpid(pid, NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%ld\n", (t1.tv_sec - t0.tv_sec) * 1000000L +
			(t1.tv_nsec - t0.tv_nsec) / 1000);
	return 0;
}
