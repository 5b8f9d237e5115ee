// SPDX-License-Identifier: GPL-2.0
/*
 * grablock - take a module's spinlock through a write and keep it, asleep in
 * user space: the holder of the soft-lockup-leak scenario.
 *
 *   grablock /sys/module/hangme/parameters/grab
 *
 * It binds itself to CPU 0 (the spinner is bound to the last CPU), says its
 * pid on /dev/kmsg, writes "1" (hangme takes leak_lock and returns with it
 * held, and with the preempt count it raised), then sleeps for ever.  Everything it runs after the write is already mapped: a page
 * fault with the preempt count raised cannot be handled (in_atomic) and would
 * kill it with SIGSEGV instead.  Its sleep schedules, so the kernel reports
 * it "scheduling while atomic" and resets the count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char msg[64];
	cpu_set_t cpus;
	int fd, kmsg;

	if (argc != 2)
		return 2;
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	fd = open(argv[1], O_WRONLY);
	kmsg = open("/dev/kmsg", O_WRONLY);
	if (fd < 0 || kmsg < 0)
		return 1;
	snprintf(msg, sizeof(msg), "crashvm-test: grabber pid %d\n", getpid());
	syscall(SYS_write, kmsg, msg, strlen(msg));	/* maps syscall() */
	syscall(SYS_write, fd, "1\n", 2);		/* takes leak_lock */
	for (;;)	/* pause(): arm64 has only ppoll with nothing to poll */
		syscall(SYS_ppoll, NULL, 0, NULL, NULL, 0);
}
