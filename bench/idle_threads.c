// SPDX-License-Identifier: GPL-2.0
/*
 * idle_threads - start N threads that sleep for ever (small stacks), and W
 * more that each write "1" to FILE (a write that blocks: the lock waiters of
 * the capture benchmark, e.g. /sys/module/hangme/parameters/wait), then print
 * "ready N W" and sleep.  Fails (exit 1, nothing printed on stdout) when it
 * cannot start them all.
 *
 *   idle_threads N [W FILE]
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *wait_file;

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *waiter_thread(void *arg)
{
	int fd = open(wait_file, O_WRONLY);

	(void)arg;
	if (fd < 0 || write(fd, "1", 1) < 0)
		fprintf(stderr, "idle_threads: %s: %s\n", wait_file, strerror(errno));
	for (;;)
		pause();
	return NULL;
}

static long start(pthread_attr_t *attr, long n, void *(*fn)(void *))
{
	pthread_t tid;
	long i;
	int err;

	for (i = 0; i < n; i++) {
		err = pthread_create(&tid, attr, fn, NULL);
		if (err) {
			fprintf(stderr, "idle_threads: stopped at %ld of %ld threads: %s\n",
				i, n, strerror(err));
			exit(1);
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	long n = argc > 1 ? atol(argv[1]) : 0;
	long w = argc > 3 ? atol(argv[2]) : 0;

	wait_file = argc > 3 ? argv[3] : NULL;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	start(&attr, n, idle_thread);
	start(&attr, w, waiter_thread);
	printf("ready %ld %ld\n", n, w);
	fflush(stdout);
	for (;;)
		pause();
}
