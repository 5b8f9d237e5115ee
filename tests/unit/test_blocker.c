// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_blocker.c - the lock a sleeping task waits on as the kernel records
 * it (v6.15+): the module's decoding of task->blocker in every encoding
 * (module/triage_blocker.h), and the collector's parsing of the hung-task
 * detector's "blocked on ... owned by" lines (hung.c), the verdicts a log
 * alone gives with them, and the second opinion they give a snapshot.
 * The lines are the format strings of debug_show_blocker() in
 * kernel/hung_task.c (v6.15 to v6.18 and master) filled in, and lines seen
 * in the wild.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "hung.h"
#include "judge.h"
#include "loglines.h"
#include "triage_blocker.h"
#include "unit.h"

#define D	TRIAGE_TASK_F_UNINTERRUPTIBLE
#define LOCK	0xffff888004a1c340ul

/* ---- the module's decoding ---------------------------------------------- */

static bool decode(unsigned int abi, unsigned long word, uint32_t *type,
		   uint32_t *flags, unsigned long *addr)
{
	*type = *flags = 0xdead;
	*addr = 0xdead;
	return triage_blocker_decode(abi, word, type, flags, addr);
}

static void test_blocker_decode_v615(void)
{
	uint32_t type, flags;
	unsigned long addr;

	/* struct mutex *blocker_mutex: the pointer itself */
	CHECK(decode(TRIAGE_BLOCKER_ABI_MUTEX, LOCK, &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_MUTEX && addr == LOCK);
	CHECK(flags == TRIAGE_LOCK_F_BLOCKER);
	/* NULL: not blocked on a mutex; the outputs are left alone */
	CHECK(!decode(TRIAGE_BLOCKER_ABI_MUTEX, 0, &type, &flags, &addr));
	CHECK(type == 0xdead && flags == 0xdead && addr == 0xdead);
	/* a mutex is never misaligned: a corrupt value */
	CHECK(!decode(TRIAGE_BLOCKER_ABI_MUTEX, LOCK | 1, &type, &flags, &addr));
	CHECK(!decode(TRIAGE_BLOCKER_ABI_MUTEX, LOCK | 2, &type, &flags, &addr));
}

static void test_blocker_decode_v616(void)
{
	uint32_t type, flags;
	unsigned long addr;

	CHECK(decode(TRIAGE_BLOCKER_ABI_WORD, LOCK | TRIAGE_BLOCKER_MUTEX,
		     &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_MUTEX && addr == LOCK);
	CHECK(flags == TRIAGE_LOCK_F_BLOCKER);
	CHECK(decode(TRIAGE_BLOCKER_ABI_WORD, LOCK | TRIAGE_BLOCKER_SEM,
		     &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_SEMAPHORE && addr == LOCK);
	CHECK(flags == TRIAGE_LOCK_F_BLOCKER);
	/* 2 (BLOCKER_TYPE_RTMUTEX) and 3 (BLOCKER_TYPE_RWSEM): defined in
	 * v6.16, never set there */
	CHECK(!decode(TRIAGE_BLOCKER_ABI_WORD, LOCK | 2, &type, &flags, &addr));
	CHECK(!decode(TRIAGE_BLOCKER_ABI_WORD, LOCK | 3, &type, &flags, &addr));
	CHECK(type == 0xdead);
	/* a type with no address */
	CHECK(!decode(TRIAGE_BLOCKER_ABI_WORD, 0, &type, &flags, &addr));
	CHECK(!decode(TRIAGE_BLOCKER_ABI_WORD, TRIAGE_BLOCKER_SEM, &type,
		      &flags, &addr));
}

static void test_blocker_decode_v617(void)
{
	uint32_t type, flags;
	unsigned long addr;

	CHECK(decode(TRIAGE_BLOCKER_ABI_RWSEM, LOCK, &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_MUTEX && addr == LOCK);
	CHECK(decode(TRIAGE_BLOCKER_ABI_RWSEM, LOCK | 1, &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_SEMAPHORE && addr == LOCK);
	CHECK(flags == TRIAGE_LOCK_F_BLOCKER);
	CHECK(decode(TRIAGE_BLOCKER_ABI_RWSEM,
		     LOCK | TRIAGE_BLOCKER_RWSEM_READER, &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_RWSEM && addr == LOCK);
	CHECK(flags == (TRIAGE_LOCK_F_BLOCKER | TRIAGE_LOCK_F_READ));
	CHECK(decode(TRIAGE_BLOCKER_ABI_RWSEM,
		     LOCK | TRIAGE_BLOCKER_RWSEM_WRITER, &type, &flags, &addr));
	CHECK(type == TRIAGE_LOCK_RWSEM && addr == LOCK);
	CHECK(flags == (TRIAGE_LOCK_F_BLOCKER | TRIAGE_LOCK_F_WRITE));
	CHECK(!decode(TRIAGE_BLOCKER_ABI_RWSEM, TRIAGE_BLOCKER_RWSEM_WRITER,
		      &type, &flags, &addr));
	/* an ABI that does not exist */
	CHECK(!decode(0, LOCK, &type, &flags, &addr));
	CHECK(!decode(4, LOCK, &type, &flags, &addr));
	/* every value of the low bits, every ABI: never a lock at 0, never a
	 * type bit left in the address */
	{
		unsigned int abi;
		unsigned long low;

		for (abi = 0; abi < 6; abi++)
			for (low = 0; low < 4; low++)
				if (decode(abi, LOCK | low, &type, &flags, &addr))
					CHECK(addr == LOCK &&
					      (flags & TRIAGE_LOCK_F_BLOCKER));
	}
}

/* ---- the hung-task detector's lines ------------------------------------- */

static bool parse(const char *line, struct hung_blocker *b)
{
	memset(b, 0x5a, sizeof(*b));
	return hung_parse_blocker(line, b);
}

static void test_blocker_lines_mutex(void)
{
	struct hung_blocker b;

	/* v6.15+: "INFO: task %s:%d is blocked on a mutex likely owned by
	 * task %s:%d.\n" */
	CHECK(parse("INFO: task cat:115 is blocked on a mutex likely owned by task cat:114.", &b));
	CHECK(b.pid == 115 && b.owner_pid == 114);
	CHECK_STR(b.comm, "cat");
	CHECK_STR(b.owner_comm, "cat");
	CHECK(b.type == TRIAGE_LOCK_MUTEX && b.flags == TRIAGE_LOCK_F_BLOCKER);
	/* comms with colons, slashes, spaces and dots */
	CHECK(parse("INFO: task systemd-shutdow:1 is blocked on a mutex likely owned by task kworker/4:1:16648.", &b));
	CHECK(b.pid == 1 && b.owner_pid == 16648);
	CHECK_STR(b.comm, "systemd-shutdow");
	CHECK_STR(b.owner_comm, "kworker/4:1");
	CHECK(parse("INFO: task kworker/0:1:11 is blocked on a mutex likely owned by task dhcpcd:615.", &b));
	CHECK(b.pid == 11 && b.owner_pid == 615);
	CHECK_STR(b.comm, "kworker/0:1");
	CHECK(parse("INFO: task a b.:7 is blocked on a mutex likely owned by task x.y:8.", &b));
	CHECK_STR(b.comm, "a b.");
	CHECK_STR(b.owner_comm, "x.y");
	CHECK(b.owner_pid == 8);
	/* a self-deadlock */
	CHECK(parse("INFO: task zsh:470 is blocked on a mutex likely owned by task zsh:470.", &b));
	CHECK(b.pid == 470 && b.owner_pid == 470);
	/* "INFO: task %s:%d is blocked on a mutex, but the owner is not
	 * found.\n" */
	CHECK(parse("INFO: task modprobe:24033 is blocked on a mutex, but the owner is not found.", &b));
	CHECK(b.pid == 24033 && b.owner_pid == -1 && !b.owner_comm[0]);
	CHECK(b.type == TRIAGE_LOCK_MUTEX);
	/* an empty comm is a comm */
	CHECK(parse("INFO: task :3 is blocked on a mutex likely owned by task :4.", &b));
	CHECK(b.pid == 3 && b.owner_pid == 4 && !b.comm[0]);
}

static void test_blocker_lines_semaphore(void)
{
	struct hung_blocker b;

	/* v6.16+: "INFO: task %s:%d blocked on a semaphore likely last held
	 * by task %s:%d\n" */
	CHECK(parse("INFO: task cat:1803 blocked on a semaphore likely last held by task cat:1802", &b));
	CHECK(b.pid == 1803 && b.owner_pid == 1802);
	CHECK(b.type == TRIAGE_LOCK_SEMAPHORE && b.flags == TRIAGE_LOCK_F_BLOCKER);
	CHECK(parse("INFO: task nvidia-modeset/:948 blocked on a semaphore likely last held by task Xorg:3266", &b));
	CHECK_STR(b.comm, "nvidia-modeset/");
	CHECK_STR(b.owner_comm, "Xorg");
	/* "INFO: task %s:%d is blocked on a semaphore, but the last holder is
	 * not found.\n" */
	CHECK(parse("INFO: task cat:945 is blocked on a semaphore, but the last holder is not found.", &b));
	CHECK(b.pid == 945 && b.owner_pid == -1);
	CHECK(b.type == TRIAGE_LOCK_SEMAPHORE);
}

static void test_blocker_lines_rwsem(void)
{
	struct hung_blocker b;

	/* v6.17+: "INFO: task %s:%d <%s> blocked on an rw-semaphore likely
	 * owned by task %s:%d <%s>\n" */
	CHECK(parse("INFO: task rw_sem_thread2:36526 <writer> blocked on an rw-semaphore likely owned by task rw_sem_thread1:36525 <writer>", &b));
	CHECK(b.pid == 36526 && b.owner_pid == 36525);
	CHECK_STR(b.comm, "rw_sem_thread2");
	CHECK_STR(b.owner_comm, "rw_sem_thread1");
	CHECK(b.type == TRIAGE_LOCK_RWSEM);
	CHECK(b.flags == (TRIAGE_LOCK_F_BLOCKER | TRIAGE_LOCK_F_WRITE |
			  TRIAGE_LOCK_F_WRITER_OWNED));
	CHECK(parse("INFO: task cat:200 <reader> blocked on an rw-semaphore likely owned by task dd:201 <writer>", &b));
	CHECK(b.flags == (TRIAGE_LOCK_F_BLOCKER | TRIAGE_LOCK_F_READ |
			  TRIAGE_LOCK_F_WRITER_OWNED));
	CHECK(parse("INFO: task dd:201 <writer> blocked on an rw-semaphore likely owned by task cat:199 <reader>", &b));
	CHECK(b.flags == (TRIAGE_LOCK_F_BLOCKER | TRIAGE_LOCK_F_WRITE |
			  TRIAGE_LOCK_F_READER_OWNED));
	/* "INFO: task %s:%d is blocked on an rw-semaphore, but the owner is
	 * not found.\n" */
	CHECK(parse("INFO: task dd:201 is blocked on an rw-semaphore, but the owner is not found.", &b));
	CHECK(b.pid == 201 && b.owner_pid == -1 && b.type == TRIAGE_LOCK_RWSEM);
	CHECK(b.flags == TRIAGE_LOCK_F_BLOCKER);
}

static void test_blocker_lines_malformed(void)
{
	static const char *const bad[] = {
		"",
		"INFO: task",
		"INFO: task cat:115 blocked for more than 122 seconds.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:114",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat114.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:11x.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:-1.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:99999999999.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:4294967296.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task .",
		"INFO: task cat115 is blocked on a mutex likely owned by task cat:114.",
		"INFO: task cat: is blocked on a mutex likely owned by task cat:114.",
		"INFO: task abcdefghijklmnopq:1 is blocked on a mutex likely owned by task b:2.",
		"INFO: task cat:115 is blocked on a mutex likely owned by task cat:114. x",
		"INFO: task cat:115 is blocked on a mutex, but the owner is not found. really",
		"INFO: task cat:1803 blocked on a semaphore likely last held by task cat:1802.",
		"INFO: task cat:1803 blocked on a semaphore likely last held by task ",
		"INFO: task rw:1 blocked on an rw-semaphore likely owned by task rw:2 <writer>",
		"INFO: task rw:1 <writer> blocked on an rw-semaphore likely owned by task rw:2",
		"INFO: task rw:1 <both> blocked on an rw-semaphore likely owned by task rw:2 <writer>",
		"INFO: task rw:1 <writer> blocked on an rw-semaphore likely owned by task rw:2 <Writer>",
		"INFO: task <writer> blocked on an rw-semaphore likely owned by task rw:2 <writer>",
		"task cat:115 is blocked on a mutex likely owned by task cat:114.",
	};
	struct hung_blocker b;
	size_t i;

	for (i = 0; i < N(bad); i++)
		if (parse(bad[i], &b)) {
			fprintf(stderr, "  parsed: \"%s\"\n", bad[i]);
			CHECK(!"a malformed line was parsed");
		}
}

static void test_blocker_log_lines(void)
{
	static const char text[] =
		"<3>[  125.362363][  T140] INFO: task zsh:470 is blocked on a mutex likely owned by task zsh:471.\n"
		"[  125.36] INFO: task a:10 is blocked on a mutex, but the owner is not found.\n"
		"[  126.00] INFO: task b:11 blocked on a semaphore likely last held by task c:12\n"
		"[  127.00] INFO: task a:10 is blocked on a mutex likely owned by task b:11.\n"
		"[  127.00] INFO: task a:10 blocked for more than 30 seconds.\n";
	struct hung_blocker b[4];
	struct loglines l;
	char t[200];
	size_t n;

	CHECK(loglines_parse(&l, text));
	n = hung_log_blockers(&l, b, N(b));
	CHECK(n == 3);
	/* the later line of pid 10 replaces the earlier one */
	CHECK(b[0].pid == 470 && b[0].line == 0);
	CHECK(b[1].pid == 11 && b[1].line == 2);
	CHECK(b[2].pid == 10 && b[2].line == 3 && b[2].owner_pid == 11);
	CHECK(hung_blocker_of(b, n, 11) == &b[1]);
	CHECK(!hung_blocker_of(b, n, 12));
	hung_blocker_text(&b[2], t, sizeof(t));
	CHECK_STR(t, "a mutex likely owned by b (pid 11)");
	hung_blocker_text(&b[1], t, sizeof(t));
	CHECK_STR(t, "a semaphore likely last held by c (pid 12)");
	/* at most @max */
	CHECK(hung_log_blockers(&l, b, 1) == 1 && b[0].pid == 470);
	loglines_free(&l);
	CHECK(parse("INFO: task dd:201 <writer> blocked on an rw-semaphore likely owned by task cat:199 <reader>", &b[0]));
	hung_blocker_text(&b[0], t, sizeof(t));
	CHECK_STR(t, "an rw-semaphore (as a writer) likely owned by cat (pid 199, a reader)");
	CHECK(parse("INFO: task cat:945 is blocked on a semaphore, but the last holder is not found.", &b[0]));
	hung_blocker_text(&b[0], t, sizeof(t));
	CHECK_STR(t, "a semaphore whose last holder the kernel did not find");
}

/* ---- verdicts from the log alone ---------------------------------------- */

static void judge_log(const char *log, struct verdict *v)
{
	struct judge_input in = { .dump_log = log };
	struct errmsg err;

	CHECK(verdict_judge(v, &in, &err) == ST_OK);
	CHECK(v->cls == VC_HUNG_TASK && v->degraded);
}

#define TRACE(fn) \
	"[ 1.0] Call Trace:\n" \
	"[ 1.0]  <TASK>\n" \
	"[ 1.0]  __schedule+0x491/0xbd0\n" \
	"[ 1.0]  schedule+0x27/0xf0\n" \
	"[ 1.0]  " fn "\n" \
	"[ 1.0]  </TASK>\n"

/* A waits on B's mutex, B on C's semaphore; C sleeps, holding it. */
static void test_blocker_log_chain(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 1.0] INFO: task a:10 blocked for more than 122 seconds.\n"
		"[ 1.0]       Not tainted 6.17.0 #1\n"
		"[ 1.0] task:a               state:D stack:0     pid:10    tgid:10    ppid:1      task_flags:0x400100 flags:0x00004002\n"
		TRACE("a_ioctl+0x23/0x60 [amod]")
		"[ 1.0] INFO: task a:10 is blocked on a mutex likely owned by task b:11.\n"
		"[ 1.0] task:b               state:D stack:0     pid:11    tgid:11    ppid:1      task_flags:0x400100 flags:0x00004002\n"
		TRACE("b_write+0x23/0x60 [bmod]")
		"[ 1.0] INFO: task b:11 blocked for more than 122 seconds.\n"
		"[ 1.0] task:b               state:D stack:0     pid:11    tgid:11    ppid:1      task_flags:0x400100 flags:0x00004002\n"
		TRACE("b_write+0x23/0x60 [bmod]")
		"[ 1.0] INFO: task b:11 blocked on a semaphore likely last held by task c:12\n"
		"[ 1.0] task:c               state:S stack:0     pid:12    tgid:12    ppid:1      task_flags:0x400100 flags:0x00004002\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  <TASK>\n"
		"[ 1.0]  __schedule+0x491/0xbd0\n"
		"[ 1.0]  schedule+0x27/0xf0\n"
		"[ 1.0]  schedule_timeout+0x77/0xf0\n"
		"[ 1.0]  msleep_interruptible+0x49/0x60\n"
		"[ 1.0]  c_read+0x2d/0x60 [cmod]\n"
		"[ 1.0]  </TASK>\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_log(log, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.culprit.pid == 12);
	CHECK_STR(v.culprit.comm, "c");
	CHECK_STR(v.culprit.function, "c_read");
	CHECK_STR(v.culprit.module, "cmod");
	CHECK_STR(v.title, "INFO: task hung in c_read");
	CHECK_STR(v.signature, "hung_task/lock_held_by_blocked:c_read[cmod]:semaphore");
	CHECK(v.nr_chain == 3);
	CHECK(v.chain[0].pid == 10 && v.chain[1].pid == 11 && v.chain[2].pid == 12);
	CHECK(v.chain[0].has_wait && v.chain[0].wait.type == TRIAGE_LOCK_MUTEX);
	CHECK(v.chain[0].wait.flags & TRIAGE_LOCK_F_BLOCKER);
	CHECK(v.chain[0].owner_pid == 11);
	CHECK_STR(v.chain[0].function, "a_ioctl");
	CHECK(v.chain[1].wait.type == TRIAGE_LOCK_SEMAPHORE);
	CHECK(v.chain[1].owner_pid == 12);
	CHECK(!v.chain[2].has_wait && v.chain[2].owner_pid == -1);
	CHECK_STR(v.chain[2].state, "S");
	CHECK_STR(v.chain[2].end, "owner_sleeping");
	CHECK(v.nr_cycle == 0);
	CHECK_CONTAINS(v.summary, "c (pid 12) in c_read [cmod], asleep (state S), likely holds the semaphore that b (pid 11) waits on; 2 tasks are blocked behind it");
	CHECK_CONTAINS(v.summary, "no snapshot: lock addresses unknown");
	CHECK(fx_evidence_has(&v, "log: \"INFO: task a:10 is blocked on a mutex likely owned by task b:11.\""));
	CHECK(fx_evidence_has(&v, "log: \"INFO: task b:11 blocked on a semaphore likely last held by task c:12\""));
	/* the blocked tasks listed carry their waits too */
	CHECK(v.nr_blocked == 2);
	CHECK(v.blocked[0].has_wait && v.blocked[0].owner_pid == 11);
	CHECK(v.blocked[1].wait.type == TRIAGE_LOCK_SEMAPHORE);
}

/* The holder runs: an rw-semaphore writer waiting on a writer. */
static void test_blocker_log_rwsem_running(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 1.0] INFO: task rw_sem_thread2:36526 blocked for more than 122 seconds.\n"
		TRACE("thread2_func+0x37/0x70 [rw_sem_test_2]")
		"[ 1.0] INFO: task rw_sem_thread2:36526 <writer> blocked on an rw-semaphore likely owned by task rw_sem_thread1:36525 <writer>\n"
		"[ 1.0] task:rw_sem_thread1  state:R  running task     stack:0     pid:36525 tgid:36525 ppid:2      task_flags:0x208040 flags:0x00004000\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  <TASK>\n"
		"[ 1.0]  thread1_func+0x37/0x60 [rw_sem_test_2]\n"
		"[ 1.0]  kthread+0x39f/0x750\n"
		"[ 1.0]  </TASK>\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_log(log, &v);
	CHECK_STR(v.kind, "lock_held_by_running");
	CHECK(v.culprit.pid == 36525);
	CHECK_STR(v.culprit.function, "thread1_func");
	CHECK(v.nr_chain == 2);
	CHECK(v.chain[0].wait.type == TRIAGE_LOCK_RWSEM);
	CHECK(v.chain[0].wait.flags & TRIAGE_LOCK_F_WRITE);
	CHECK(v.chain[0].wait.flags & TRIAGE_LOCK_F_WRITER_OWNED);
	CHECK_STR(v.chain[1].end, "owner_running");
	CHECK_CONTAINS(v.summary, "rw_sem_thread1 (pid 36525) in thread1_func [rw_sem_test_2], running (state R), likely holds the rw-semaphore that rw_sem_thread2 (pid 36526) waits on");
	CHECK_STR(v.signature, "hung_task/lock_held_by_running:thread1_func[rw_sem_test_2]:rwsem");
}

/* ABBA, both reported: a deadlock named from the log alone. */
static void test_blocker_log_abba(void)
{
	static struct verdict v;
	static const char log[] =
		"[ 1.0] INFO: task kworker/u4:2:301 blocked for more than 40 seconds.\n"
		TRACE("abba_first+0x2e/0x60 [abba]")
		"[ 1.0] INFO: task kworker/u4:2:301 is blocked on a mutex likely owned by task kworker/u4:3:302.\n"
		"[ 1.0] task:kworker/u4:3    state:D stack:0     pid:302   tgid:302   ppid:2      task_flags:0x4208060 flags:0x00004000\n"
		TRACE("abba_second+0x2e/0x60 [abba]")
		"[ 1.0] INFO: task kworker/u4:3:302 blocked for more than 40 seconds.\n"
		TRACE("abba_second+0x2e/0x60 [abba]")
		"[ 1.0] INFO: task kworker/u4:3:302 is blocked on a mutex likely owned by task kworker/u4:2:301.\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_log(log, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.cycle_len == 2 && v.nr_cycle == 2);
	CHECK(v.nr_chain == 2 && v.chain[1].cycle);
	CHECK_STR(v.chain[1].end, "cycle");
	CHECK(v.culprit.pid == 302 || v.culprit.pid == 301);
	CHECK_CONTAINS(v.summary, "ABBA deadlock, as the kernel's hung-task detector reports it: ");
	CHECK_CONTAINS(v.summary, "kworker/u4:2 (pid 301) in abba_first [abba] waits on a mutex likely owned by kworker/u4:3 (pid 302)");
	CHECK_CONTAINS(v.summary, "kworker/u4:3 (pid 302) in abba_second [abba] waits on a mutex likely owned by kworker/u4:2 (pid 301)");
	CHECK_STR(v.signature, "hung_task/deadlock:abba_first[abba]:mutex+abba_second[abba]:mutex");
}

/* A task that re-takes its own mutex. */
static void test_blocker_log_self(void)
{
	static struct verdict v;
	static const char log[] =
		"<3>[  125.30][  T140] INFO: task zsh:470 blocked for more than 120 seconds.\n"
		TRACE("lo_ioctl+0x1/0x2 [loop]")
		"<3>[  125.362363][  T140] INFO: task zsh:470 is blocked on a mutex likely owned by task zsh:470.\n"
		"<6>[  125.364467][  T140] task:zsh             state:D stack:0     pid:470   tgid:470   ppid:430    task_flags:0x400100 flags:0x00004002\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_log(log, &v);
	CHECK_STR(v.kind, "deadlock");
	CHECK(v.cycle_len == 1 && v.cycle[0] == 470);
	CHECK(v.culprit.pid == 470);
	CHECK_STR(v.culprit.function, "lo_ioctl");
	CHECK_CONTAINS(v.summary, "zsh (pid 470) in lo_ioctl [loop] re-acquires a mutex it already holds");
	CHECK_STR(v.signature, "hung_task/deadlock:lo_ioctl[loop]:mutex");
}

/* Lines that say nothing usable leave the plain log verdict. */
static void test_blocker_log_nothing(void)
{
	static struct verdict v;
	static const char notfound[] =
		"[ 1.0] INFO: task a:10 blocked for more than 30 seconds.\n"
		TRACE("foo_ioctl+0x1/0x2 [foo]")
		"[ 1.0] INFO: task a:10 is blocked on a mutex, but the owner is not found.\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";
	static const char garbled[] =
		"[ 1.0] INFO: task a:10 blocked for more than 30 seconds.\n"
		TRACE("foo_ioctl+0x1/0x2 [foo]")
		"[ 1.0] INFO: task a:10 is blocked on a mutex likely owned by task b:1x.\n"
		"[ 1.0] INFO: task a:10 <reader> blocked on an rw-semaphore likely owned by task b:11\n"
		"[ 2.0] Kernel panic - not syncing: hung_task: blocked tasks\n";

	judge_log(notfound, &v);
	CHECK(!v.kind && v.nr_chain == 0);
	CHECK(v.culprit.pid == 10);
	CHECK_STR(v.signature, "hung_task:foo_ioctl[foo]");
	CHECK(v.nr_blocked == 1 && v.blocked[0].has_wait);
	CHECK(v.blocked[0].owner_pid == -1);
	CHECK(fx_evidence_has(&v, "log: \"INFO: task a:10 is blocked on a mutex, but the owner is not found.\""));

	judge_log(garbled, &v);
	CHECK(!v.kind && v.nr_chain == 0);
	CHECK(v.culprit.pid == 10);
	CHECK_STR(v.signature, "hung_task:foo_ioctl[foo]");
	CHECK(v.nr_blocked == 1 && !v.blocked[0].has_wait);
}

/* The fuzzers' seed: a chain of every kind of lock, to a sleeping holder. */
static void test_blocker_log_fixture(void)
{
	static struct verdict v;

	judge_log(fx_log_hung_blocker, &v);
	CHECK_STR(v.kind, "lock_held_by_blocked");
	CHECK(v.nr_chain == 4 && v.chain[3].pid == 13);
	CHECK(v.chain[1].wait.type == TRIAGE_LOCK_RWSEM &&
	      (v.chain[1].wait.flags & TRIAGE_LOCK_F_READ));
	CHECK(v.chain[2].wait.type == TRIAGE_LOCK_SEMAPHORE);
	CHECK(v.culprit.pid == 13);
	CHECK_STR(v.culprit.comm, "kworker/0:1");
	CHECK_STR(v.culprit.function, "d_poll");
	CHECK_STR(v.signature, "hung_task/lock_held_by_blocked:d_poll[dmod]:semaphore");
	CHECK_CONTAINS(v.summary, "3 tasks are blocked behind it");
}

/* ---- with task records: a second opinion --------------------------------- */

static void begin(struct snapbuild *b)
{
	static const char *const bt[] = {
		"__crash_kexec+0x5/0x120", "panic+0x107/0x2bb",
		"check_hung_uninterruptible_tasks.cold+0xc/0xc",
		"watchdog+0x9a/0xa0",
	};
	struct triage_rec_sysctl y = sb_sysctl_defaults(10, 1);

	sb_init(b, 1 << 20, FX_PHYS);
	sb_system(b, "6.17.0-1-amd64", "x86_64", 1u << 12);
	sb_crash(b, TRIAGE_REASON_PANIC, 0, 47, "khungtaskd",
		 "hung_task: blocked tasks\n", NULL, -1);
	sb_backtrace(b, TRIAGE_BT_CURRENT, 47, 0, bt, N(bt));
	sb_sysctl(b, &y);
}

static void waiter(struct snapbuild *b, int pid, const char *comm,
		   uint32_t type, uint64_t lock, int owner, const char *fn)
{
	const char *frames[] = {
		"__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0",
		"__mutex_lock.constprop.0+0x3a4/0x6a0", fn,
	};
	struct triage_rec_task t = sb_task_head(pid, comm, D, 30);

	sb_task_wait(&t, type, lock, NULL, owner, TRIAGE_LOCK_F_BLOCKER);
	sb_task(b, &t, frames, N(frames));
}

static void test_blocker_corroborates_snapshot(void)
{
	static struct verdict v;
	struct snapbuild b;
	struct snapshot s;
	struct judge_input in = { 0 };
	struct errmsg err;

	begin(&b);
	sb_log(&b, "[ 9.0] INFO: task a:10 blocked for more than 30 seconds.\n"
		   "[ 9.0] INFO: task a:10 is blocked on a mutex likely owned by task b:11.\n"
		   "[ 9.0] INFO: task b:11 blocked for more than 30 seconds.\n"
		   "[ 9.0] INFO: task b:11 blocked on a semaphore likely last held by task c:12\n"
		   "[ 9.1] Kernel panic - not syncing: hung_task: blocked tasks\n");
	waiter(&b, 10, "a", TRIAGE_LOCK_MUTEX, 0xffff888004a1c340ull, 11,
	       "a_ioctl+0x1/0x2 [amod]");
	waiter(&b, 11, "b", TRIAGE_LOCK_SEMAPHORE, 0xffff888004a1c400ull, -1,
	       "b_write+0x1/0x2 [bmod]");
	sb_commit(&b, TRIAGE_STATE_COMMITTED);
	CHECK(snapshot_decode(&s, b.buf, sb_len(&b)) == ST_OK);
	in.snap = &s;
	CHECK(verdict_judge(&v, &in, &err) == ST_OK);
	CHECK(v.cls == VC_HUNG_TASK && !v.degraded);
	CHECK(v.nr_chain == 2 && v.chain[0].pid == 10);
	/* the snapshot's own verdict stands; the log agrees on a's mutex */
	CHECK(fx_evidence_has(&v, "log: the kernel's hung-task detector agrees: a (pid 10) is blocked on a mutex likely owned by b (pid 11)"));
	/* and knows the semaphore's last holder, which the snapshot cannot */
	CHECK(fx_evidence_has(&v, "log: the kernel's hung-task detector says b (pid 11) is blocked on a semaphore likely last held by c (pid 12); the snapshot found a semaphore with no owner named"));
	snapshot_free(&s);
	sb_free(&b);
}

void blocker_tests(void)
{
	RUN(test_blocker_decode_v615);
	RUN(test_blocker_decode_v616);
	RUN(test_blocker_decode_v617);
	RUN(test_blocker_lines_mutex);
	RUN(test_blocker_lines_semaphore);
	RUN(test_blocker_lines_rwsem);
	RUN(test_blocker_lines_malformed);
	RUN(test_blocker_log_lines);
	RUN(test_blocker_log_chain);
	RUN(test_blocker_log_rwsem_running);
	RUN(test_blocker_log_abba);
	RUN(test_blocker_log_self);
	RUN(test_blocker_log_nothing);
	RUN(test_blocker_log_fixture);
	RUN(test_blocker_corroborates_snapshot);
}
