// SPDX-License-Identifier: GPL-2.0
/*
 * idle_threads - start N threads that sleep for ever (small stacks), then
 * print "ready N" and sleep: the task-count load of the capture benchmark.
 *
 *   idle_threads N
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t tid;
	long i, n = argc > 1 ? atol(argv[1]) : 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++) {
		if (pthread_create(&tid, &attr, idle_thread, NULL)) {
			fprintf(stderr, "idle_threads: stopped at %ld threads\n", i);
			break;
		}
	}
	printf("ready %ld\n", i);
	fflush(stdout);
	for (;;)
		pause();
}
