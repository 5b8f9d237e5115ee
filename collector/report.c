// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * report.c - the kernel's reports in a log (see report.h).
 *
 * The formats are the kernel's printk formats, Linux 5.4 to 6.18:
 *   kernel/panic.c       "Kernel panic - not syncing: %s", "WARNING: CPU: %d
 *                        PID: %d at %s:%d %pS" (6.18: "WARNING: %s:%d at %pS,
 *                        CPU#%d: %s/%d"), "---[ end trace %016llx ]---"
 *   lib/bug.c            "kernel BUG at %s:%u!"
 *   lib/dump_stack.c     "CPU: %d PID: %d Comm: %.20s %s%s %s %.*s" (6.10:
 *                        "CPU: %d UID: %u PID: ...", taint on its own line
 *                        "Tainted: [W]=WARN")
 *   arch/x86/kernel/dumpstack.c  "%s: %04lx [#%d]%s%s%s%s%s" (6.11: "Oops:
 *                        %s: %04lx [#%d]"), "RIP: %04x:%pS", "Call Trace:",
 *                        " ? %pS" for unreliable frames, <IRQ>/<TASK>/<NMI>
 *   arch/x86/mm/fault.c  "BUG: kernel NULL pointer dereference, address: %px"
 *                        and "BUG: unable to handle page fault for address:
 *                        %px" (5.1; before: "BUG: unable to handle kernel
 *                        NULL pointer dereference at %px" / "... kernel
 *                        paging request at %px"), "#PF: ..."
 *   arch/x86/kernel/traps.c  "general protection fault, probably for
 *                        non-canonical address 0x%lx" (5.5), "BUG: %s stack
 *                        guard page was hit at %p"
 *   arch/arm64/mm/fault.c  "Unable to handle kernel %s at virtual address
 *                        %016lx", "Unhandled fault at 0x%016lx", "Mem abort
 *                        info:", "ESR = 0x%016lx"
 *   arch/arm64/kernel/traps.c  "Internal error: %s: %016lx [#%d]", "pc : %pS",
 *                        "Call trace:", "SError Interrupt on CPU%d, code
 *                        0x%016lx -- %s", "Bad mode in %s handler"
 *   kernel/hung_task.c   "INFO: task %s:%d blocked for more than %ld
 *                        seconds.", 6.16: "INFO: task %s:%d is blocked on a
 *                        mutex likely owned by task %s:%d."
 *   kernel/sched/core.c  "task:%-15.15s state:%c ...", "BUG: scheduling
 *                        while atomic: %s/%d/0x%08x", "Preemption disabled
 *                        at:", "BUG: sleeping function called from invalid
 *                        context at %s:%d"
 *   kernel/watchdog.c    "watchdog: BUG: soft lockup - CPU#%d stuck for
 *                        %us! [%s:%d]", "Watchdog detected hard LOCKUP on
 *                        cpu %d" (NMI watchdog: / watchdog: buddy)
 *   kernel/rcu/tree_stall.h  "rcu: INFO: %s detected stalls on CPUs/tasks:",
 *                        "rcu: INFO: %s self-detected stall on CPU"
 *   kernel/workqueue.c   "BUG: workqueue lockup - pool", "BUG: workqueue
 *                        leaked lock or atomic: %s/0x%08x/%d", "last
 *                        function: %ps"
 *   lib/list_debug.c     "list_add corruption. ...", "list_del corruption,
 *                        ...", "list_add double add: ..." (then BUG or WARN)
 *   lib/refcount.c       "refcount_t: underflow; use-after-free." ... (WARN)
 *   mm/usercopy.c        "usercopy: Kernel memory %s attempt detected %s %s%s%s%s
 *                        (offset %lu, size %lu)!" (then BUG)
 *   lib/string_helpers.c "detected buffer overflow in %s" (fortify_panic,
 *                        to 6.8), "%s: detected buffer %s: %zu byte %s of
 *                        buffer size %zu" (__fortify_report, 6.9)
 *   lib/debugobjects.c   "ODEBUG: %s %s (active state %u) object: %p object
 *                        type: %s hint: %pS" (WARN)
 *   mm/kasan/report.c    "BUG: KASAN: %s in %pS", "%s of size %zu at addr %px
 *                        by task %s/%d", "Free of addr ..."
 *   mm/kfence/report.c   "BUG: KFENCE: %s in %pS", "%s at 0x%p ..." then the
 *                        stack with no header
 *   mm/kmsan/report.c, kernel/kcsan/report.c  "BUG: KMSAN: %s in %pS",
 *                        "BUG: KCSAN: %s in %pS / %pS"
 *   lib/ubsan.c          "UBSAN: %s in %s:%d:%d" (5.9; before: "UBSAN:
 *                        Undefined behaviour in %s:%d:%d")
 *   kernel/locking/lockdep.c  "WARNING: possible circular locking dependency
 *                        detected", "WARNING: possible recursive locking
 *                        detected", "WARNING: inconsistent lock state", "WARNING:
 *                        suspicious RCU usage", "[ BUG: Invalid wait context ]",
 *                        ... and "%px (%s){...}, at: %pS" lock lines
 *   kernel/locking/spinlock_debug.c  "BUG: spinlock %s on CPU#%d, %s/%d"
 *   lib/smp_processor_id.c  "BUG: using %s%s() in preemptible [%08x] code:
 *                        %s/%d", "caller is %pS"
 *   mm/page_alloc.c, mm/memory.c, kernel/fork.c  "BUG: Bad page state in
 *                        process %s  pfn:%05lx", "BUG: Bad page map in process
 *                        %s", "BUG: Bad rss-counter state mm:%p"
 *   mm/kmemleak.c        "unreferenced object 0x%08lx (size %zu):", "comm
 *                        \"%s\", pid %d", "backtrace:" (6.7: "backtrace (crc
 *                        %x):")
 *   mm/slub.c            "BUG %s (%s): %s"
 *   mm/oom_kill.c        "%s invoked oom-killer: gfp_mask=...", "Out of memory:
 *                        Killed process %d (%s)"
 *   kernel/exit.c        "Attempted to kill init! exitcode=0x%08x", "note:
 *                        %s[%d] exited with ..."
 *   arch/x86/kernel/cpu/mce  "mce: [Hardware Error]: CPU %d: Machine Check
 *                        Exception: %Lx Bank %d: %016Lx", "Kernel panic -
 *                        not syncing: Fatal machine check"
 *   kernel/stackprotector  "stack-protector: Kernel stack is corrupted in: %pB"
 *
 * A report opens at its first line ("------------[ cut here ]------------"
 * or a "=====" rule right before it count), takes the lines up to the
 * next report or its end marker, and lines that belong to the same event
 * (the "Oops: 0000 [#1]" die line after "BUG: kernel NULL pointer
 * dereference", the "kernel BUG at lib/list_debug.c" after "list_add
 * corruption") are merged into it.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfunc.h"
#include "report.h"

/* ---- report types ------------------------------------------------------- */

enum rt {
	RT_NONE,
	RT_PANIC, RT_NULL, RT_PAGING, RT_UNHANDLED, RT_GPF, RT_DIE, RT_INVOP,
	RT_DOUBLE, RT_STACKGUARD, RT_TRAP, RT_BUG, RT_SERROR, RT_MCE,
	RT_WARN, RT_LIST, RT_REFCOUNT, RT_USERCOPY, RT_FORTIFY, RT_ODEBUG,
	RT_KASAN, RT_KFENCE, RT_KMSAN, RT_KCSAN, RT_UBSAN, RT_SLUB,
	RT_LOCKDEP, RT_SPINLOCK,
	RT_HUNG, RT_SOFT, RT_HARD, RT_RCU, RT_WQ_LOCKUP, RT_WQ_LEAK,
	RT_ATOMIC, RT_MIGHT, RT_SMPID,
	RT_BADPAGE, RT_MEMLEAK, RT_OOM, RT_BUGGEN, RT_STACKPROT,
	RT_COUNT,
};

/* What a type is about, for roles: a bug, a symptom, or the end. */
enum cat { CAT_BUG, CAT_SYMPTOM, CAT_TERMINAL };

/* How the named function is found. */
#define U_EXPLICIT	0x1	/* a function the head names */
#define U_IP		0x2	/* the RIP/pc function */

/* Lines of the same event that may follow a head and merge into it. */
#define A_DIE		0x1	/* "Oops: 0000 [#1]", "invalid opcode: ..." */
#define A_BUG		0x2	/* "kernel BUG at ..." */
#define A_WARN		0x4	/* "WARNING: CPU: ... at ..." */

/* Flags of a type. */
#define F_EQ_END	0x1	/* the report ends at a "=====" rule */
#define F_MSG		0x2	/* a message that WARN/BUG prints: may come
				 * just after an open WARNING or BUG and turns
				 * it into this type */

/* Machinery skipped for every type. */
#define SKIP_ALWAYS	(KF_TRACE | KF_KPROBE_ENTRY | KF_ENTRY)
#define SKIP_OOPS	(KF_TRAP | KF_PANIC | KF_WARN | KF_CHECKER)
#define SKIP_IRQ	(KF_IRQ | KF_HARDIRQ | KF_SOFTIRQ | KF_NMI)

struct rt_def {
	const char *cls, *kind;
	enum cat cat;
	const char *title;		/* "%s" is the function; without one,
					 * the text before " in %s" */
	unsigned int use, accept, flags;
	unsigned int skip;		/* kfunc classes never named */
};

static const struct rt_def defs[RT_COUNT] = {
	[RT_PANIC] = { "panic", NULL, CAT_TERMINAL, "panic: %s",
		       0, 0, 0, KF_PANIC | KF_TRAP | KF_WARN },
	[RT_NULL] = { "oops", "null_deref", CAT_BUG,
		      "BUG: unable to handle kernel NULL pointer dereference in %s",
		      U_IP, A_DIE, 0, SKIP_OOPS },
	[RT_PAGING] = { "oops", "bad_access", CAT_BUG,
			"BUG: unable to handle kernel paging request in %s",
			U_IP, A_DIE, 0, SKIP_OOPS },
	[RT_UNHANDLED] = { "oops", "unhandled_fault", CAT_BUG,
			   "Unhandled fault in %s", U_IP, A_DIE, 0, SKIP_OOPS },
	[RT_GPF] = { "oops", "general_protection", CAT_BUG,
		     "general protection fault in %s", U_IP, 0, 0, SKIP_OOPS },
	[RT_DIE] = { "oops", "oops", CAT_BUG, "kernel oops in %s",
		     U_IP, 0, 0, SKIP_OOPS },
	[RT_INVOP] = { "oops", "invalid_opcode", CAT_BUG, "invalid opcode in %s",
		       U_IP, 0, 0, SKIP_OOPS },
	[RT_DOUBLE] = { "oops", "double_fault", CAT_BUG, "double fault in %s",
			U_IP, 0, 0, SKIP_OOPS },
	[RT_STACKGUARD] = { "oops", "stack_overflow", CAT_BUG,
			    "BUG: stack guard page was hit in %s",
			    U_IP, A_DIE, 0, SKIP_OOPS },
	[RT_TRAP] = { "oops", "trap", CAT_BUG, "kernel oops in %s",
		      U_IP, 0, 0, SKIP_OOPS },
	[RT_BUG] = { "oops", "bug", CAT_BUG, "kernel BUG in %s",
		     U_IP, A_DIE, 0, SKIP_OOPS },
	[RT_SERROR] = { "hardware_error", "serror", CAT_BUG,
			"SError interrupt", 0, A_DIE, 0, SKIP_OOPS },
	[RT_MCE] = { "hardware_error", "machine_check", CAT_BUG,
		     "machine check", 0, 0, 0, SKIP_OOPS },
	[RT_WARN] = { "warn", NULL, CAT_BUG, "WARNING in %s",
		      U_EXPLICIT | U_IP, 0, 0, SKIP_OOPS | KF_LOCKDEP },
	[RT_LIST] = { "oops", "list_corruption", CAT_BUG, "BUG: corrupted list in %s",
		      0, A_DIE | A_BUG | A_WARN, F_MSG, SKIP_OOPS },
	[RT_REFCOUNT] = { "warn", "refcount", CAT_BUG,
			  "WARNING: refcount bug in %s",
			  0, A_DIE | A_BUG | A_WARN, F_MSG, SKIP_OOPS },
	[RT_USERCOPY] = { "oops", "usercopy", CAT_BUG, "BUG: bad usercopy in %s",
			  0, A_DIE | A_BUG | A_WARN, F_MSG, SKIP_OOPS },
	[RT_FORTIFY] = { "oops", "fortify", CAT_BUG,
			 "detected buffer overflow in %s",
			 0, A_DIE | A_BUG | A_WARN, F_MSG,
			 SKIP_OOPS | KF_STRING },
	[RT_ODEBUG] = { "warn", "debugobjects", CAT_BUG,
			"WARNING: ODEBUG bug in %s",
			0, A_WARN, F_MSG, SKIP_OOPS | KF_SLAB },
	[RT_KASAN] = { "memory_corruption", NULL, CAT_BUG, "KASAN: %s",
		       U_EXPLICIT, A_DIE, F_EQ_END,
		       SKIP_OOPS | KF_STRING },
	[RT_KFENCE] = { "memory_corruption", NULL, CAT_BUG, "KFENCE: %s",
			0, 0, F_EQ_END, SKIP_OOPS | KF_STRING },
	[RT_KMSAN] = { "memory_corruption", "uninit-value", CAT_BUG, "KMSAN: %s",
		       U_EXPLICIT, 0, F_EQ_END, SKIP_OOPS | KF_STRING },
	[RT_KCSAN] = { "data_race", NULL, CAT_BUG, "KCSAN: %s",
		       0, 0, F_EQ_END, SKIP_OOPS | KF_STRING },
	[RT_UBSAN] = { "undefined_behavior", NULL, CAT_BUG, "UBSAN: %s",
		       0, A_DIE, F_EQ_END, SKIP_OOPS },
	[RT_SLUB] = { "memory_corruption", "slab", CAT_BUG, "SLUB: %s",
		      0, 0, 0, SKIP_OOPS | KF_SLAB },
	[RT_LOCKDEP] = { "lockdep", NULL, CAT_BUG, "%s",
			 U_EXPLICIT, 0, 0,
			 SKIP_OOPS | KF_LOCKDEP | KF_SLEEP | KF_SPIN |
			 KF_RT_LOCK },
	[RT_SPINLOCK] = { "lockdep", "spinlock", CAT_BUG, "%s",
			  0, 0, 0, SKIP_OOPS | KF_SPIN | KF_LOCKDEP },
	[RT_HUNG] = { "hung_task", NULL, CAT_SYMPTOM, "INFO: task hung in %s",
		      0, 0, 0, KF_WAIT | KF_SLEEP | KF_LOCKDEP },
	[RT_SOFT] = { "soft_lockup", NULL, CAT_SYMPTOM, "BUG: soft lockup in %s",
		      U_IP, 0, 0,
		      KF_SPIN | KF_CPU_RELAX | SKIP_IRQ | KF_PANIC },
	[RT_HARD] = { "hard_lockup", NULL, CAT_SYMPTOM, "BUG: hard lockup in %s",
		      U_IP, 0, 0,
		      KF_SPIN | KF_CPU_RELAX | SKIP_IRQ | KF_PANIC },
	[RT_RCU] = { "rcu_stall", NULL, CAT_SYMPTOM,
		     "INFO: rcu detected stall in %s", U_IP, 0, 0,
		     SKIP_IRQ | KF_RCU_STALL | KF_SPIN | KF_CPU_RELAX |
		     KF_PANIC | KF_SLEEP },
	[RT_WQ_LOCKUP] = { "workqueue_stall", NULL, CAT_SYMPTOM,
			   "BUG: workqueue lockup", 0, 0, 0, 0 },
	[RT_WQ_LEAK] = { "atomic_sleep", "workqueue_leak", CAT_BUG,
			 "BUG: workqueue leaked lock or atomic in %s",
			 U_EXPLICIT, 0, 0, 0 },
	[RT_ATOMIC] = { "atomic_sleep", "scheduling_while_atomic", CAT_BUG,
			"BUG: scheduling while atomic in %s", 0, 0, 0,
			KF_SLEEP | KF_WAIT | KF_PANIC },
	[RT_MIGHT] = { "atomic_sleep", "sleeping_in_atomic", CAT_BUG,
		       "BUG: sleeping function called from invalid context in %s",
		       0, 0, 0, KF_SLEEP | KF_WAIT | KF_SLAB | KF_PANIC |
		       KF_LOCKDEP },
	[RT_SMPID] = { "atomic_sleep", "preemptible_percpu", CAT_BUG, "%s",
		       U_EXPLICIT, 0, 0, KF_CHECKER },
	[RT_BADPAGE] = { "bad_page", NULL, CAT_BUG, "%s",
			 0, A_DIE | A_BUG, 0,
			 KF_CHECKER | KF_SLAB | KF_ALLOC | SKIP_OOPS },
	[RT_MEMLEAK] = { "memory_leak", NULL, CAT_BUG, "memory leak in %s",
			 0, 0, 0, KF_SLAB | KF_ALLOC | KF_CHECKER },
	[RT_OOM] = { "oom", NULL, CAT_SYMPTOM, "Out of memory", 0, 0, 0,
		     KF_ALLOC | KF_SLAB | KF_PANIC },
	[RT_BUGGEN] = { "kernel_bug", NULL, CAT_BUG, "%s",
			0, A_DIE | A_BUG | A_WARN, 0, SKIP_OOPS },
	[RT_STACKPROT] = { "oops", "stack_corruption", CAT_BUG,
			   "stack-protector: Kernel stack is corrupted in %s",
			   U_EXPLICIT, 0, 0, SKIP_OOPS },
};

/* ---- small text helpers ------------------------------------------------- */

static bool starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void copy_n(char *dst, size_t size, const char *src, size_t n)
{
	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void copy_s(char *dst, size_t size, const char *src)
{
	copy_n(dst, size, src, strlen(src));
}

/* "foo bar  " -> "foo bar" */
static void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '.'))
		s[--n] = '\0';
}

static bool is_ident(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$';
}

static bool parse_hex(const char *s, uint64_t *v)
{
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!isxdigit((unsigned char)*s))
		return false;
	*v = strtoull(s, &end, 16);
	return end != s;
}

static bool parse_int(const char *s, int *v)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return false;
	n = strtol(s, &end, 10);
	if (end == s || n < 0 || n > 0x7fffffff)
		return false;
	*v = (int)n;
	return true;
}

/* A "=====" rule (KASAN, UBSAN, KFENCE, lockdep, SLUB). */
static bool is_rule(const char *s)
{
	size_t n = strspn(s, "=");

	return n >= 16 && (s[n] == '\0' || s[n] == ' ');
}

static bool is_cut_here(const char *s)
{
	return strstr(s, "[ cut here ]") != NULL;
}

/* ---- symbols and frames ------------------------------------------------- */

/* "func+0x1/0x2 [mod]" or "func.cold+0x1/0x2" -> "func" (clone suffix
 * kept) and "mod"; "func (file.c:12)" and "func file.c:12" too. */
static void split_sym(const char *sym, char *func, size_t fsize, char *mod,
		      size_t msize)
{
	size_t n = 0;
	const char *o, *c;

	while (sym[n] && is_ident((unsigned char)sym[n]))
		n++;
	copy_n(func, fsize, sym, n);
	if (!mod)
		return;
	mod[0] = '\0';
	o = strstr(sym + n, " [");
	if (o) {
		c = strchr(o + 2, ']');
		if (c && c > o + 2 && strncmp(o + 2, "inline", 6) != 0) {
			size_t k = (size_t)(c - o - 2);
			size_t j;

			for (j = 0; j < k; j++)
				if (!is_ident((unsigned char)o[2 + j]) &&
				    o[2 + j] != '-')
					break;
			if (j == k)
				copy_n(mod, msize, o + 2, k);
		}
	}
}

/* Does @s look like "path/file.c:123"? */
static bool is_path_line(const char *s)
{
	size_t n = strcspn(s, " :");

	return s[n] == ':' && isdigit((unsigned char)s[n + 1]) &&
	       memchr(s, '.', n) != NULL;
}

/*
 * One frame of a call trace, in any of its forms:
 *   " func+0x1a/0x40 [mod]"        x86, arm64 (5.4 to 6.18)
 *   " ? func+0x1a/0x40"            x86: an unreliable return address
 *   " [<ffffffff81234567>] func+0x1a/0x40"   old x86, kmemleak, arm32
 *   " func+0x1a/0x40 (P)"          arm64 6.13: pc/lr marks
 *   " func (kernel/foo.c:12)"      decode_stacktrace.sh
 *   " func+0x1a/0x40 kernel/foo.c:12", " func include/x.h:3 [inline]"
 *                                  syzbot's symbolized traces
 *   "(func+0x1a/0x40) from [<...>] (caller+0x...)"  arm32 (its first)
 */
bool frame_parse(const char *line, struct frame *f)
{
	const char *p = skip_ws(line), *s, *r;
	bool q = false, arm32 = false, good = false;
	size_t n;

	while (p[0] == '[' && p[1] == '<') {
		const char *e = strstr(p, ">]");

		if (!e)
			return false;
		p = skip_ws(e + 2);
	}
	if (p[0] == '(') {
		arm32 = true;
		p++;
	}
	if (p[0] == '?' && p[1] == ' ') {
		q = true;
		p = skip_ws(p + 2);
	}
	s = p;
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	n = 0;
	while (s[n] && is_ident((unsigned char)s[n]))
		n++;
	r = s + n;
	if (r[0] == '+' && r[1] == '0' && r[2] == 'x') {
		r += 3;
		if (!isxdigit((unsigned char)*r))
			return false;
		while (isxdigit((unsigned char)*r))
			r++;
		if (r[0] == '/' && r[1] == '0' && r[2] == 'x') {
			r += 3;
			while (isxdigit((unsigned char)*r))
				r++;
		}
		good = *r == '\0' || *r == ' ' || (arm32 && *r == ')');
	} else if (r[0] == ' ' && r[1] == '(' && is_path_line(r + 2)) {
		good = true;
	} else if (r[0] == ' ' && is_path_line(r + 1)) {
		good = true;
	} else if (arm32 && r[0] == ')') {
		good = true;
	}
	if (!good)
		return false;
	memset(f, 0, sizeof(*f));
	f->unreliable = q;
	/* the symbol, then " [mod]" if printed right after it */
	{
		size_t len = (size_t)(r - s);
		const char *m = r;

		if (m[0] == ' ' && m[1] == '[' && strncmp(m + 2, "inline", 6)) {
			const char *c = strchr(m + 2, ']');

			if (c)
				len = (size_t)(c + 1 - s);
		}
		copy_n(f->sym, sizeof(f->sym), s, len);
	}
	split_sym(f->sym, f->func, sizeof(f->func), f->mod, sizeof(f->mod));
	return f->func[0] != '\0';
}

/* Markers inside a trace that are no frames: <IRQ>, </TASK>, ... */
static bool is_trace_marker(const char *s)
{
	s = skip_ws(s);
	if (*s != '<')
		return starts(s, "Exception stack(") || starts(s, "r10:") ||
		       starts(s, "r4:") || starts(s, "r6:") || starts(s, "r7:");
	return starts(s, "<IRQ>") || starts(s, "</IRQ>") ||
	       starts(s, "<TASK>") || starts(s, "</TASK>") ||
	       starts(s, "<NMI>") || starts(s, "</NMI>") ||
	       starts(s, "<SOFTIRQ>") || starts(s, "</SOFTIRQ>") ||
	       starts(s, "<#DF>") || starts(s, "</#DF>") ||
	       starts(s, "<EOE>") || starts(s, "<EOI>");
}

static bool is_trace_header(const char *s)
{
	s = skip_ws(s);
	return starts(s, "Call Trace:") || starts(s, "Call trace:") ||
	       starts(s, "Backtrace:") || starts(s, "backtrace:") ||
	       starts(s, "backtrace (crc ");
}

/* ---- heads: the line that opens a report -------------------------------- */

struct head {
	enum rt t;
	const char *kind;		/* overrides the type's */
	const char *format;
	bool secondary;			/* may merge into an open report */
	unsigned int is;		/* A_DIE, A_BUG or A_WARN, secondary */
	char what[KR_TEXT_LEN];		/* title text that is not a function */
	char func[KR_FUNC_LEN];		/* a function the head names */
	char mod[KR_MOD_LEN];
	char comm[KR_COMM_LEN];
	int pid, cpu;
	bool has_addr;
	uint64_t addr;
	char location[KR_TEXT_LEN];
	char message[KR_TEXT_LEN];
};

/* The text after the pr_fmt prefixes some reports carry. */
static const char *strip_fmt_prefix(const char *s)
{
	static const char *const pfx[] = {
		"watchdog: ", "NMI watchdog: ", "rcu: ", "kernel: ",
		"traps: ", "mce: ", "kasan: ", NULL,
	};
	const char *const *p;

	for (p = pfx; *p; p++)
		if (starts(s, *p))
			return s + strlen(*p);
	return s;
}

/* "comm:pid" at @s (comm may hold ':'), up to @end; false if none */
static bool comm_colon_pid(const char *s, size_t len, char *comm,
			   size_t csize, int *pid)
{
	const char *c = NULL;
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ':')
			c = s + i;
	if (!c || !parse_int(c + 1, pid))
		return false;
	copy_n(comm, csize, s, (size_t)(c - s));
	return true;
}

/* "comm/pid" with comm possibly holding '/', pid the last number. */
static bool comm_slash_pid(const char *s, size_t len, char *comm,
			   size_t csize, int *pid)
{
	const char *c = NULL;
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '/' && i + 1 < len && isdigit((unsigned char)s[i + 1]))
			c = s + i;
	if (!c || !parse_int(c + 1, pid))
		return false;
	copy_n(comm, csize, s, (size_t)(c - s));
	return true;
}

/* A function named in a head: the symbol at @s ("f+0x1/0x2 [m]"). */
static void head_func(struct head *h, const char *s)
{
	char sym[KR_SYM_LEN];

	s = skip_ws(s);
	copy_n(sym, sizeof(sym), s, strcspn(s, ","));
	split_sym(sym, h->func, sizeof(h->func), h->mod, sizeof(h->mod));
}

/* x86 "[Oops: ]STR: 0000 [#1] ..." and arm64 "Internal error: STR: ERR
 * [#1] ...": the STR, or NULL. */
static bool die_line(const char *s, char *str, size_t size)
{
	const char *b = strstr(s, " [#"), *c, *start = s;

	if (!b || !isdigit((unsigned char)b[3]) || s[0] == '#' ||
	    memchr(s, '"', (size_t)(b - s)))
		return false;
	if (starts(s, "Internal error: "))
		start = s + 16;
	/* back over the error code to ": " */
	c = b;
	while (c > start && isxdigit((unsigned char)c[-1]))
		c--;
	if (c == b || c < start + 2 || c[-1] != ' ' || c[-2] != ':')
		return false;
	if (start == s && b - c != 4)
		return false;		/* x86 prints %04lx */
	if (start == s && starts(s, "Oops: ") && (size_t)(c - 2 - s) > 6)
		start = s + 6;		/* 6.11: "Oops: general protection..." */
	copy_n(str, size, start, (size_t)(c - 2 - start));
	return str[0] != '\0';
}

static void die_head(struct head *h, const char *str, bool arm64)
{
	h->secondary = true;
	h->is = A_DIE;
	copy_s(h->message, sizeof(h->message), str);
	h->format = arm64 ? "arm64 die (Internal error)" : "x86 die line";
	if (strcmp(str, "Oops") == 0) {
		h->t = RT_DIE;
	} else if (starts(str, "general protection fault")) {
		const char *a = strstr(str, "address 0x");

		h->t = RT_GPF;
		h->secondary = false;
		h->format = arm64 ? h->format : "x86 general protection fault";
		if (a)
			h->has_addr = parse_hex(a + 8, &h->addr);
	} else if (starts(str, "invalid opcode") ||
		   starts(str, "Oops - undefined instruction") ||
		   starts(str, "Oops - Undefined instruction")) {
		h->t = RT_INVOP;
	} else if (starts(str, "Oops - BUG")) {
		h->t = RT_BUG;
	} else if (starts(str, "double fault")) {
		h->t = RT_DOUBLE;
		h->secondary = false;
	} else if (strstr(str, "stack guard page")) {
		h->t = RT_STACKGUARD;
	} else if (starts(str, "Oops - KASAN")) {
		h->t = RT_KASAN;
	} else {
		h->t = RT_TRAP;
		copy_s(h->what, sizeof(h->what), str);
		if (starts(str, "Oops - "))
			copy_s(h->what, sizeof(h->what), str + 7);
	}
}

/* "UBSAN: Undefined behaviour in" (5.4-5.8): the check from the next line */
static const char *ubsan_kind_of(const char *next)
{
	static const struct { const char *needle, *kind; } t[] = {
		{ "is out of range for type", "array-index-out-of-bounds" },
		{ "shift exponent", "shift-out-of-bounds" },
		{ "left shift of", "shift-out-of-bounds" },
		{ "signed integer overflow", "signed-integer-overflow" },
		{ "negation of", "signed-integer-overflow" },
		{ "division", "division-overflow" },
		{ "load of value", "invalid-load" },
		{ "null pointer", "null-ptr-deref" },
		{ "misaligned address", "misaligned-access" },
		{ "insufficient space", "object-size-mismatch" },
		{ "unreachable", "unreachable" },
		{ "variable length array", "vla-bound-not-positive" },
	};
	size_t i;

	for (i = 0; next && i < sizeof(t) / sizeof(t[0]); i++)
		if (strstr(next, t[i].needle))
			return t[i].kind;
	return "undefined-behaviour";
}

/* Drop numbers, addresses and bracketed details: "Dentry ffff8880{i=1}
 * still in use (1) [unmount of ext4 sda]" -> "Dentry still in use". */
static void normalize_title(char *out, size_t size, const char *in)
{
	size_t o = 0;
	const char *p = in;
	int depth = 0;

	while (*p && o + 1 < size) {
		size_t n = strcspn(p, " ");
		size_t k;
		bool digits = false, bracket = false;

		for (k = 0; k < n; k++) {
			if (p[k] == '[' || p[k] == '(' || p[k] == '{') {
				depth++;
				bracket = true;
			} else if (p[k] == ']' || p[k] == ')' || p[k] == '}') {
				if (depth)
					depth--;
				bracket = true;
			} else if (isdigit((unsigned char)p[k])) {
				digits = true;
			}
		}
		if (n && !digits && !bracket && !depth) {
			if (o && o + 1 < size)
				out[o++] = ' ';
			for (k = 0; k < n && o + 1 < size; k++)
				out[o++] = p[k];
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	out[o] = '\0';
	while (o && (out[o - 1] == ':' || out[o - 1] == ',' ||
		     out[o - 1] == '!' || out[o - 1] == '.'))
		out[--o] = '\0';
}

/* Classify line @s (@next: the line after it, or ""); RT_NONE if no head. */
/*
 * Can line @s open a report at all?  Every head starts with one of these
 * characters, or holds one of a few texts anywhere (a die line's " [#",
 * "invoked oom-killer", fortify's ": detected buffer", the buddy
 * watchdog's "CPU1: Watchdog detected", a machine check): most lines of a
 * log (frames, registers, dumps) are ruled out here, cheaply.
 */
static bool may_be_head(const char *s)
{
	static const char first[] = "BKWOIUkldgisrunSIEa[-bcmwUCLf";

	if (*s && strchr(first, *s))
		return true;
	return strstr(s, " [#") || strstr(s, "invoked oom-killer") ||
	       strstr(s, ": detected buffer") ||
	       strstr(s, "Watchdog detected hard LOCKUP") ||
	       strstr(s, "[Hardware Error]") || strstr(s, " still has locks");
}

static void classify(const char *line, const char *next, struct head *h)
{
	const char *s = skip_ws(line), *p, *q;
	char str[KR_TEXT_LEN];

	h->t = RT_NONE;
	if (!*s || !may_be_head(strip_fmt_prefix(s)))
		return;
	memset(h, 0, sizeof(*h));
	h->pid = h->cpu = -1;
	h->t = RT_NONE;
	s = strip_fmt_prefix(s);

	/* ---- panic and its messages */
	if (starts(s, "Kernel panic - not syncing: ")) {
		p = s + 28;
		h->t = RT_PANIC;
		h->format = "kernel/panic.c panic()";
		copy_s(h->message, sizeof(h->message), p);
		if (starts(p, "stack-protector: Kernel stack is corrupted in: ")) {
			h->t = RT_STACKPROT;
			h->format = "kernel/panic.c __stack_chk_fail";
			head_func(h, p + 47);
		} else if (starts(p, "Attempted to kill init!") ||
			   starts(p, "Attempted to kill the idle task!")) {
			h->kind = "init_exit";
		}
		return;
	}
	if (starts(s, "---[ end "))
		return;

	/* ---- page faults */
	if (starts(s, "BUG: kernel NULL pointer dereference, address: ")) {
		h->t = RT_NULL;
		h->format = "x86 page fault (5.1+)";
		h->has_addr = parse_hex(s + 47, &h->addr);
		return;
	}
	if (starts(s, "BUG: unable to handle kernel NULL pointer dereference at ")) {
		h->t = RT_NULL;
		h->format = "x86 page fault (before 5.1)";
		h->has_addr = parse_hex(skip_ws(s + 57), &h->addr);
		return;
	}
	if (starts(s, "BUG: unable to handle page fault for address: ") ||
	    starts(s, "BUG: unable to handle kernel paging request at ") ||
	    starts(s, "BUG: unable to handle kernel ")) {
		p = strstr(s, "address: ");
		if (!p)
			p = strstr(s, " at ");
		h->t = RT_PAGING;
		h->format = starts(s, "BUG: unable to handle page fault") ?
			    "x86 page fault (5.1+)" : "x86 page fault (before 5.1)";
		if (p)
			h->has_addr = parse_hex(skip_ws(strchr(p, ' ') + 1),
						&h->addr);
		return;
	}
	if (starts(s, "Unable to handle kernel ")) {
		p = strstr(s, " at virtual address ");
		h->t = starts(s + 24, "NULL pointer dereference") ? RT_NULL :
		       RT_PAGING;
		h->format = "arm64/arm/riscv page fault";
		if (starts(s + 24, "access to user memory"))
			h->kind = "user_access";
		else if (starts(s + 24, "execute from non-executable"))
			h->kind = "exec_nx";
		else if (starts(s + 24, "write to read-only"))
			h->kind = "write_ro";
		if (p)
			h->has_addr = parse_hex(p + 20, &h->addr);
		return;
	}
	if (starts(s, "Unhandled fault at 0x") ||
	    starts(s, "Unhandled fault: ")) {
		p = strstr(s, " at 0x");
		h->t = RT_UNHANDLED;
		h->format = "arm64 do_mem_abort";
		if (p)
			h->has_addr = parse_hex(p + 4, &h->addr);
		return;
	}
	if (starts(s, "BUG: stack guard page was hit at") ||
	    (starts(s, "BUG: ") && strstr(s, " stack guard page was hit at"))) {
		h->t = RT_STACKGUARD;
		h->format = "x86 handle_stack_overflow";
		return;
	}
	if (starts(s, "Insufficient stack space to handle exception!")) {
		h->t = RT_STACKGUARD;
		h->format = "arm64 handle_bad_stack";
		return;
	}

	/* ---- die lines */
	if (die_line(s, str, sizeof(str))) {
		die_head(h, str, starts(s, "Internal error: "));
		return;
	}
	if (starts(s, "SError Interrupt on CPU") ||
	    (starts(s, "Bad mode in ") && strstr(s, "handler detected"))) {
		h->t = RT_SERROR;
		h->format = "arm64 SError";
		p = strstr(s, "CPU");
		if (p)
			parse_int(p + 3, &h->cpu);
		return;
	}

	/* ---- BUG() and WARN() */
	if (starts(s, "kernel BUG at ")) {
		h->t = RT_BUG;
		h->secondary = true;
		h->is = A_BUG;
		h->format = "lib/bug.c BUG()";
		copy_n(h->location, sizeof(h->location), s + 14,
		       strcspn(s + 14, "!"));
		return;
	}
	if (starts(s, "WARNING: ")) {
		p = s + 9;
		if (starts(p, "CPU: ") && (q = strstr(p, " at ")) != NULL) {
			/* "WARNING: CPU: 1 PID: 2 at file:line func" */
			const char *pid = strstr(p, "PID: ");

			parse_int(p + 5, &h->cpu);
			if (pid)
				parse_int(pid + 5, &h->pid);
			q += 4;
			if (is_path_line(q)) {
				copy_n(h->location, sizeof(h->location), q,
				       strcspn(q, " "));
				q += strcspn(q, " ");
			}
			head_func(h, q);
			h->format = "kernel/panic.c __warn (to 6.17)";
		} else if ((starts(p, "at ") && strstr(p, ", CPU#")) ||
			   (is_path_line(p) && strstr(p, " at "))) {
			/* 6.18: "WARNING: file:line at func, CPU#1: comm/pid"
			 * or "WARNING: at func, CPU#1: comm/pid" */
			const char *c = strstr(p, ", CPU#");

			q = starts(p, "at ") ? p + 3 : strstr(p, " at ") + 4;
			if (is_path_line(p))
				copy_n(h->location, sizeof(h->location), p,
				       strcspn(p, " "));
			head_func(h, q);
			if (c) {
				const char *col = strchr(c + 6, ':');

				parse_int(c + 6, &h->cpu);
				if (col)
					comm_slash_pid(skip_ws(col + 1),
						       strlen(skip_ws(col + 1)),
						       h->comm, sizeof(h->comm),
						       &h->pid);
			}
			h->format = "kernel/panic.c __warn (6.18)";
		} else {
			goto lockdep_warning;
		}
		h->t = RT_WARN;
		h->secondary = true;
		h->is = A_WARN;
		return;
	}
lockdep_warning:
	{
		static const struct {
			const char *head, *kind, *title;
			bool inside;	/* anywhere in a "WARNING: " line */
		} ld[] = {
			{ "WARNING: possible circular locking dependency detected", "circular", "possible deadlock", false },
			{ "WARNING: possible recursive locking detected", "recursive", "possible deadlock", false },
			{ "WARNING: possible irq lock inversion dependency detected", "irq_inversion", "possible deadlock", false },
			{ "-safe -> ", "irq_order", "possible deadlock", true },
			{ "WARNING: inconsistent lock state", "inconsistent", "inconsistent lock state", false },
			{ "WARNING: bad unlock balance detected!", "bad_unlock", "WARNING: bad unlock balance", false },
			{ "WARNING: suspicious RCU usage", "suspicious_rcu", "WARNING: suspicious RCU usage", false },
			{ "WARNING: held lock freed!", "held_lock_freed", "WARNING: held lock freed", false },
			{ "WARNING: lock held when returning to user space!", "lock_held_return", "WARNING: lock held when returning to user space", false },
			{ " still has locks held!", "locks_held_exit", "WARNING: still has locks held", true },
			{ "WARNING: Nested lock was not taken", "nested_lock", "WARNING: nested lock was not taken", false },
			{ "WARNING: bad contention detected!", "bad_contention", "WARNING: bad contention", false },
			{ "[ BUG: Invalid wait context ]", "invalid_wait_context", "BUG: Invalid wait context", false },
			{ "INFO: trying to register non-static key.", "non_static_key", "INFO: trying to register non-static key", false },
			{ "BUG: MAX_LOCKDEP", "lockdep_limit", NULL, false },
		};
		size_t i;

		for (i = 0; i < sizeof(ld) / sizeof(ld[0]); i++) {
			if (ld[i].inside ? !starts(s, "WARNING: ") ||
					   !strstr(s, ld[i].head) :
			    !starts(s, ld[i].head))
				continue;
			if (!ld[i].title)
				break;		/* a lockdep limit: generic */
			h->t = RT_LOCKDEP;
			h->kind = ld[i].kind;
			h->format = "kernel/locking/lockdep.c";
			copy_s(h->what, sizeof(h->what), ld[i].title);
			return;
		}
	}

	/* ---- messages that a BUG or WARN follows */
	if (starts(s, "list_add corruption") || starts(s, "list_del corruption") ||
	    starts(s, "list_add double add")) {
		h->t = RT_LIST;
		h->format = "lib/list_debug.c";
		copy_n(h->what, sizeof(h->what), s, strcspn(s, ".,:"));
		copy_s(h->message, sizeof(h->message), s);
		return;
	}
	if (starts(s, "refcount_t: ")) {
		h->t = RT_REFCOUNT;
		h->format = "lib/refcount.c";
		copy_s(h->message, sizeof(h->message), s);
		h->kind = strstr(s, "underflow") ? "refcount_underflow" :
			  strstr(s, "saturated") ? "refcount_saturated" :
			  strstr(s, "addition on 0") ? "refcount_inc_on_zero" :
			  strstr(s, "decrement hit 0") ? "refcount_dec_to_zero" :
			  "refcount";
		return;
	}
	if (starts(s, "usercopy: Kernel memory ")) {
		h->t = RT_USERCOPY;
		h->format = "mm/usercopy.c";
		copy_s(h->message, sizeof(h->message), s);
		return;
	}
	if (starts(s, "detected buffer overflow in ") ||
	    (strstr(s, ": detected buffer ") &&
	     (strstr(s, "overflow") || strstr(s, "over-read")))) {
		h->t = RT_FORTIFY;
		h->format = starts(s, "detected") ?
			    "lib/string_helpers.c fortify_panic (to 6.8)" :
			    "lib/string_helpers.c __fortify_report (6.9+)";
		copy_s(h->message, sizeof(h->message), s);
		return;
	}
	if (starts(s, "ODEBUG: ")) {
		p = strstr(s, "hint: ");
		h->t = RT_ODEBUG;
		h->format = "lib/debugobjects.c";
		copy_s(h->message, sizeof(h->message), s);
		if (p)
			head_func(h, p + 6);
		return;
	}

	/* ---- sanitizers */
	if (starts(s, "BUG: KASAN: ") || starts(s, "BUG: KFENCE: ") ||
	    starts(s, "BUG: KMSAN: ") || starts(s, "BUG: KCSAN: ")) {
		const char *tool = s + 5;

		p = s + 12;
		h->t = starts(tool, "KASAN") ? RT_KASAN :
		       starts(tool, "KFENCE") ? RT_KFENCE :
		       starts(tool, "KMSAN") ? RT_KMSAN : RT_KCSAN;
		if (h->t == RT_KFENCE)
			p = s + 13;
		h->format = h->t == RT_KASAN ? "mm/kasan/report.c" :
			    h->t == RT_KFENCE ? "mm/kfence/report.c" :
			    h->t == RT_KMSAN ? "mm/kmsan/report.c" :
			    "kernel/kcsan/report.c";
		q = strstr(p, " in ");
		copy_n(h->what, sizeof(h->what), p, q ? (size_t)(q - p) :
		       strlen(p));
		if (q) {
			if (h->t == RT_KCSAN) {
				/* "data-race in f / g": keep both */
				char a[KR_FUNC_LEN], b[KR_FUNC_LEN];
				const char *sl = strstr(q + 4, " / ");

				split_sym(q + 4, a, sizeof(a), NULL, 0);
				if (sl) {
					split_sym(sl + 3, b, sizeof(b), NULL, 0);
					snprintf(h->func, sizeof(h->func),
						 "%s / %s", a, b);
				} else {
					copy_s(h->func, sizeof(h->func), a);
				}
			} else {
				head_func(h, q + 4);
			}
		}
		return;
	}
	if (starts(s, "UBSAN: ")) {
		p = s + 7;
		h->t = RT_UBSAN;
		q = strstr(p, " in ");
		if (starts(p, "Undefined behaviour in ")) {
			h->format = "lib/ubsan.c (to 5.8)";
			copy_s(h->what, sizeof(h->what), ubsan_kind_of(next));
			q = p + 19;
		} else {
			h->format = "lib/ubsan.c (5.9+)";
			copy_n(h->what, sizeof(h->what), p,
			       q ? (size_t)(q - p) : strlen(p));
		}
		if (q)
			copy_n(h->location, sizeof(h->location), q + 4,
			       strcspn(q + 4, " "));
		h->kind = NULL;
		return;
	}
	if (starts(s, "BUG ") && (p = strstr(s, "): ")) != NULL &&
	    strchr(s, '(')) {
		/* "BUG kmalloc-64 (Not tainted): Redzone overwritten" */
		char cache[64];

		copy_n(cache, sizeof(cache), s + 4, strcspn(s + 4, " ("));
		h->t = RT_SLUB;
		h->format = "mm/slub.c slab_bug";
		copy_s(h->what, sizeof(h->what), p + 3);
		rtrim(h->what);
		snprintf(h->message, sizeof(h->message), "%s: %s", cache,
			 h->what);
		return;
	}

	/* ---- locking */
	if (starts(s, "BUG: spinlock ") || starts(s, "BUG: rwlock ")) {
		q = strstr(s, " on CPU#");
		h->t = RT_SPINLOCK;
		h->format = "kernel/locking/spinlock_debug.c";
		copy_n(h->what, sizeof(h->what), s,
		       q ? (size_t)(q - s) : strlen(s));
		if (q) {
			const char *c = strchr(q + 8, ',');

			parse_int(q + 8, &h->cpu);
			if (c)
				comm_slash_pid(skip_ws(c + 1),
					       strlen(skip_ws(c + 1)), h->comm,
					       sizeof(h->comm), &h->pid);
		}
		return;
	}

	/* ---- hangs and stalls */
	if (starts(s, "INFO: task ") &&
	    ((q = strstr(s, " blocked for more than ")) != NULL ||
	     (q = strstr(s, " can't die for more than ")) != NULL)) {
		h->t = RT_HUNG;
		h->format = "kernel/hung_task.c";
		/* " blocked" may be the space of "INFO: task " itself */
		if (q >= s + 11)
			comm_colon_pid(s + 11, (size_t)(q - s - 11), h->comm,
				       sizeof(h->comm), &h->pid);
		return;
	}
	if (starts(s, "BUG: soft lockup - CPU#")) {
		h->t = RT_SOFT;
		h->format = "kernel/watchdog.c soft lockup";
		parse_int(s + 23, &h->cpu);
		p = strrchr(s, '[');
		if (p && strchr(p, ']'))
			comm_colon_pid(p + 1, strcspn(p + 1, "]"), h->comm,
				       sizeof(h->comm), &h->pid);
		return;
	}
	if ((p = strstr(s, "Watchdog detected hard LOCKUP on cpu ")) != NULL) {
		h->t = RT_HARD;
		h->format = "kernel/watchdog.c hard lockup";
		parse_int(p + 37, &h->cpu);
		return;
	}
	if (starts(s, "INFO: ") &&
	    (strstr(s, " detected stalls on CPUs") ||
	     strstr(s, " self-detected stall on CPU") ||
	     strstr(s, " detected expedited stalls on CPUs") ||
	     strstr(s, " detected stalls on tasks"))) {
		h->t = RT_RCU;
		h->format = "kernel/rcu/tree_stall.h";
		h->kind = strstr(s, "self-detected") ? "self_detected" :
			  strstr(s, "expedited") ? "expedited" :
			  strstr(s, "on tasks") ? "tasks" : "other_cpu";
		return;
	}
	if (starts(s, "BUG: workqueue lockup")) {
		h->t = RT_WQ_LOCKUP;
		h->format = "kernel/workqueue.c wq_watchdog";
		return;
	}
	if (starts(s, "BUG: workqueue leaked lock or atomic: ")) {
		p = s + 38;
		h->t = RT_WQ_LEAK;
		h->format = "kernel/workqueue.c process_one_work";
		comm_slash_pid(p, strcspn(p, " "), h->comm, sizeof(h->comm),
			       &h->pid);
		/* "comm/0xPREEMPT/pid": the comm ends at the "/0x" */
		q = strstr(p, "/0x");
		if (q)
			copy_n(h->comm, sizeof(h->comm), p, (size_t)(q - p));
		if (next && (q = strstr(next, "last function: ")) != NULL)
			head_func(h, q + 15);
		return;
	}

	/* ---- atomic context */
	if (starts(s, "BUG: scheduling while atomic: ")) {
		p = s + 30;
		h->t = RT_ATOMIC;
		h->format = "kernel/sched/core.c __schedule_bug";
		q = strstr(p, "/0x");
		if (q) {
			const char *pid = q;

			while (pid > p && isdigit((unsigned char)pid[-1]))
				pid--;
			if (pid > p && pid[-1] == '/' && parse_int(pid, &h->pid))
				copy_n(h->comm, sizeof(h->comm), p,
				       (size_t)(pid - 1 - p));
		}
		return;
	}
	if (starts(s, "BUG: sleeping function called from invalid context") ||
	    starts(s, "BUG: assuming atomic context at ") ||
	    starts(s, "BUG: scheduling in a non-blocking section")) {
		h->t = RT_MIGHT;
		h->format = "kernel/sched/core.c __might_resched";
		p = strstr(s, " at ");
		if (p && is_path_line(p + 4))
			copy_n(h->location, sizeof(h->location), p + 4,
			       strcspn(p + 4, " "));
		return;
	}
	if (starts(s, "BUG: using ") && strstr(s, "() in preemptible [")) {
		q = strstr(s, "() in ");
		h->t = RT_SMPID;
		h->format = "lib/smp_processor_id.c";
		snprintf(h->what, sizeof(h->what),
			 "%.*s() in preemptible code", (int)(q - s), s);
		p = strstr(s, "code: ");
		if (p)
			comm_slash_pid(p + 6, strlen(p + 6), h->comm,
				       sizeof(h->comm), &h->pid);
		if (next && (q = strstr(next, "caller is ")) != NULL)
			head_func(h, q + 10);
		return;
	}

	/* ---- memory */
	if (starts(s, "BUG: Bad page state in process ") ||
	    starts(s, "BUG: Bad page map in process ") ||
	    starts(s, "BUG: Bad rss-counter state") ||
	    starts(s, "BUG: Bad page cache in process ")) {
		h->t = RT_BADPAGE;
		h->format = "mm/page_alloc.c bad_page";
		h->kind = strstr(s, "page map") ? "bad_page_map" :
			  strstr(s, "rss-counter") ? "bad_rss_counter" :
			  "bad_page_state";
		q = strstr(s, " in process ");
		copy_s(h->what, sizeof(h->what),
		       strstr(s, "page map") ? "BUG: Bad page map" :
		       strstr(s, "rss-counter") ? "BUG: Bad rss-counter state" :
		       strstr(s, "page cache") ? "BUG: Bad page cache" :
		       "BUG: Bad page state");
		if (q)
			copy_n(h->comm, sizeof(h->comm), q + 12,
			       strcspn(q + 12, " "));
		return;
	}
	if (starts(s, "unreferenced object 0x")) {
		h->t = RT_MEMLEAK;
		h->format = "mm/kmemleak.c";
		if (next && (p = strstr(next, "comm \"")) != NULL) {
			copy_n(h->comm, sizeof(h->comm), p + 6,
			       strcspn(p + 6, "\""));
			q = strstr(p, ", pid ");
			if (q)
				parse_int(q + 6, &h->pid);
		}
		return;
	}
	if ((q = strstr(s, " invoked oom-killer: ")) != NULL) {
		h->t = RT_OOM;
		h->format = "mm/oom_kill.c dump_header";
		copy_n(h->comm, sizeof(h->comm), s, (size_t)(q - s));
		return;
	}

	/* ---- hardware */
	if (strstr(s, "[Hardware Error]: ") &&
	    (strstr(s, "Machine Check Exception:") ||
	     strstr(s, ": Machine Check: "))) {
		h->t = RT_MCE;
		h->format = "arch/x86/kernel/cpu/mce";
		p = strstr(s, "CPU ");
		if (p)
			parse_int(p + 4, &h->cpu);
		return;
	}

	/* ---- any other BUG */
	if (starts(s, "BUG: ") && !starts(s, "BUG: KASAN") &&
	    !strstr(s, "no more locks")) {
		char t[KR_TEXT_LEN];

		h->t = RT_BUGGEN;
		h->format = "BUG: (other)";
		normalize_title(t, sizeof(t), s);
		copy_s(h->what, sizeof(h->what), t);
		return;
	}
}

/* ---- the body of a report ----------------------------------------------- */

struct draft {
	struct head h;
	enum rt t;
	const char *kind;
	size_t first, head, end;
	bool closed;
	bool saw_cpu;		/* a CPU: line or trace seen: no more merges */
	unsigned int merged;	/* A_* merged into it */
	char die[KR_TEXT_LEN];	/* the die line merged */
};

static void add_key(struct kreport *r, const char *what, const char *text)
{
	size_t i;

	for (i = 0; i < r->nr_keys; i++)
		if (strcmp(r->keys[i].what, what) == 0)
			return;
	if (r->nr_keys >= KR_MAX_KEYS)
		return;
	r->keys[r->nr_keys].what = what;
	copy_s(r->keys[r->nr_keys].text, KR_TEXT_LEN, skip_ws(text));
	rtrim(r->keys[r->nr_keys].text);
	r->nr_keys++;
}

/* "CPU: 1 PID: 2 Comm: x Tainted: G  W  O  6.1.0 #1" and friends */
static void cpu_line(struct kreport *r, const char *s)
{
	const char *p = strstr(s, "PID: "), *c = strstr(s, "Comm: "), *e;
	const char *t = NULL, *nt;
	size_t n;

	if (r->cpu < 0)
		parse_int(s + 5, &r->cpu);
	if (p && r->pid < 0)
		parse_int(p + 5, &r->pid);
	if (!c)
		return;
	c += 6;
	e = c + strlen(c);
	nt = strstr(c, " Not tainted");
	t = strstr(c, " Tainted: ");
	if (nt && nt < e)
		e = nt;
	if (t && t < e)
		e = t;
	p = strstr(c, " Kdump: loaded");
	if (p && p < e)
		e = p;
	if (e == c + strlen(c))
		e = c + strcspn(c, " ");
	if (!r->comm[0])
		copy_n(r->comm, sizeof(r->comm), c, (size_t)(e - c));
	rtrim(r->comm);
	if (t) {
		const char *q = t + 10;

		r->tainted = true;
		n = 0;
		while (*q) {
			size_t k = strcspn(q, " ");
			size_t j;
			bool rel = false;

			for (j = 0; j < k; j++)
				if (isdigit((unsigned char)q[j]) || q[j] == '#' ||
				    q[j] == '[')
					rel = true;
			if (rel) {
				copy_n(r->release, sizeof(r->release), q, k);
				break;
			}
			for (j = 0; j < k && n + 1 < sizeof(r->taint); j++)
				r->taint[n++] = q[j];
			q += k;
			while (*q == ' ')
				q++;
		}
		r->taint[n] = '\0';
	} else if (nt) {
		const char *q = skip_ws(nt + 12);

		copy_n(r->release, sizeof(r->release), q, strcspn(q, " "));
	}
}

/* 6.10+: "Tainted: [W]=WARN, [O]=OOT_MODULE" on its own line */
static void taint_line(struct kreport *r, const char *s)
{
	size_t n = 0;

	for (s = strchr(s, '['); s && n + 1 < sizeof(r->taint);
	     s = strchr(s + 1, '['))
		if (s[1] && s[2] == ']')
			r->taint[n++] = s[1];
	r->taint[n] = '\0';
	r->tainted = true;
}

/* "RIP: 0010:func+0x1/0x2 [mod]", "pc : func+...", "epc : func+..." */
static bool ip_line(struct kreport *r, const char *s)
{
	const char *p = NULL;
	struct frame f;

	if (starts(s, "RIP: ")) {
		p = s + 5;
		if (strnlen(p, 5) == 5 && p[0] == '0' && p[1] == '0' &&
		    p[4] == ':') {
			if (strncmp(p, "0010", 4) != 0 &&
			    strncmp(p, "0008", 4) != 0)
				return true;	/* user space */
			p += 5;
		}
	} else if (starts(s, "pc : ")) {
		p = s + 5;
	} else if (starts(s, "epc : ")) {
		p = s + 6;
	} else if (starts(s, "PC is at ")) {
		p = s + 9;
	} else if (starts(s, "NIP [")) {
		p = strchr(s, ']');
		p = p ? p + 1 : NULL;
	} else if (starts(s, "EIP: ")) {
		p = s + 5;
	}
	if (!p)
		return false;
	if (!r->ip_sym[0] && frame_parse(p, &f)) {
		copy_s(r->ip_sym, sizeof(r->ip_sym), f.sym);
		copy_s(r->ip_func, sizeof(r->ip_func), f.func);
		copy_s(r->ip_mod, sizeof(r->ip_mod), f.mod);
	}
	return true;
}

/* Register dump lines: x86 "RAX: 0000 RBX: ...", arm64 "x29: ... x28:" */
static void reg_line(struct kreport *r, const char *s)
{
	static const char *const first[] = {
		"RSP:", "RAX:", "RDX:", "RBP:", "R10:", "R13:", "FS:", "CS:",
		"CR2:", "DR0:", "DR3:", "DR6:", "EAX:", "ESI:", "DS:", "CR0:",
		"sp : ", "lr : ", "pstate: ", "ra : ", "status: ", NULL,
	};
	const char *const *f;
	const char *p = s;

	for (f = first; *f; f++)
		if (starts(s, *f))
			break;
	if (!*f && !(s[0] == 'x' && isdigit((unsigned char)s[1]) &&
		     strstr(s, ": ")))
		return;
	while (*p && r->nr_regs < KR_MAX_REGS) {
		size_t n = 0, v;
		const char *val;

		p = skip_ws(p);
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (!n)
			break;
		val = p + n;
		if (*val == ' ' && val[1] == ':')
			val++;
		if (*val != ':') {
			p += n;
			continue;
		}
		val = skip_ws(val + 1);
		v = strcspn(val, " ");
		if (n < sizeof(r->regs[0].name) && v) {
			copy_n(r->regs[r->nr_regs].name,
			       sizeof(r->regs[0].name), p, n);
			copy_n(r->regs[r->nr_regs].value,
			       sizeof(r->regs[0].value), val, v);
			r->nr_regs++;
		}
		p = val + v;
	}
}

/* The frames from line @i on, until the first line that is none. */
static size_t read_trace(struct kreport *r, const struct loglines *l,
			 size_t i, size_t end)
{
	struct frame f;

	for (; i <= end && i < l->nr; i++) {
		const char *s = l->line[i];

		if (is_trace_marker(s))
			continue;
		/* x86 prints the interrupted context's registers inside the
		 * trace (after </IRQ>, or a syscall's user RIP) */
		if (!frame_parse(s, &f)) {
			const char *t = skip_ws(s);

			if (starts(t, "RIP: ") || starts(t, "Code: ") ||
			    starts(t, "RSP: ") || starts(t, "RAX: ") ||
			    starts(t, "RDX: ") || starts(t, "RBP: ") ||
			    starts(t, "R10: ") || starts(t, "R13: ")) {
				if (starts(t, "RIP: ") && !r->ip_sym[0])
					ip_line(r, t);
				continue;
			}
			break;
		}
		if (r->nr_frames < KR_MAX_FRAMES) {
			r->frames[r->nr_frames++] = f;
			if (f.unreliable)
				r->nr_unreliable++;
		}
	}
	return i;
}

/* Keys: the lines that matter, with what follows some of them. */
static void key_lines(struct kreport *r, const struct loglines *l, size_t i,
		      size_t end)
{
	const char *s = skip_ws(l->line[i]);
	const char *next = i + 1 <= end && i + 1 < l->nr ?
			   skip_ws(l->line[i + 1]) : "";
	const char *p;

	if (starts(s, "Preemption disabled at:")) {
		struct frame f;

		if (frame_parse(next, &f))
			add_key(r, "preempt_disabled_at", f.sym);
	} else if (strstr(s, " likely owned by task ") ||
		   strstr(s, " likely last held by task ") ||
		   strstr(s, "is blocked on a ")) {
		add_key(r, "blocked_on", s);
	} else if ((p = strstr(s, " of size ")) != NULL &&
		   (starts(s, "Read") || starts(s, "Write"))) {
		add_key(r, "access", s);
	} else if (starts(s, "Free of addr ") || starts(s, "Out-of-bounds ") ||
		   starts(s, "Use-after-free ") || starts(s, "Invalid free ") ||
		   starts(s, "Corrupted memory at ") ||
		   starts(s, "Invalid read at ") ||
		   starts(s, "Invalid write at ")) {
		add_key(r, "access", s);
	} else if (starts(s, "KASAN: ") && strstr(s, " in range [")) {
		add_key(r, "kasan_range", s);
	} else if (starts(s, "#PF: ") && !strstr(s, "error_code")) {
		add_key(r, "fault", s);
	} else if (starts(s, "ESR = ")) {
		add_key(r, "esr", s);
	} else if (starts(s, "caller is ")) {
		add_key(r, "caller", s + 10);
	} else if ((p = strstr(s, "last function: ")) != NULL) {
		add_key(r, "last_function", p + 15);
	} else if (starts(s, "page dumped because: ")) {
		add_key(r, "page_dumped_because", s + 21);
	} else if (starts(s, "Hardware name: ")) {
		add_key(r, "hardware", s + 15);
	} else if (strstr(s, " is trying to acquire lock:") ||
		   strstr(s, " is trying to lock:")) {
		add_key(r, "acquire", next);
	} else if (starts(s, "but task is already holding lock:")) {
		add_key(r, "holding", next);
	} else if (strstr(s, " is trying to release lock (")) {
		add_key(r, "release", next);
	} else if (strstr(s, "] takes:")) {
		add_key(r, "takes", next);
	} else if (starts(s, "Workqueue: ")) {
		add_key(r, "workqueue", s + 11);
	} else if (starts(s, "Out of memory: ") ||
		   starts(s, "Memory cgroup out of memory: ")) {
		add_key(r, "oom_kill", s);
	} else if (starts(s, "oom-kill:")) {
		add_key(r, "oom_constraint", s + 9);
	} else if (starts(s, "note: ") && strstr(s, " exited with ")) {
		add_key(r, "exited_with", s + 6);
	} else if (starts(s, "in_atomic(): ")) {
		add_key(r, "in_atomic", s);
	} else if (starts(s, "kernel tried to execute NX-protected page")) {
		add_key(r, "fault", s);
	} else if (strstr(s, "[Hardware Error]: Machine check: ") ||
		   strstr(s, "[Hardware Error]: Machine Check: ")) {
		p = strstr(s, "Machine check: ");
		add_key(r, "mce_message", p ? p + 15 : s);
	} else if (starts(s, "sysrq: Trigger a crash") ||
		   starts(s, "SysRq : Trigger a crash")) {
		add_key(r, "sysrq", s);
	}
}

/* Read the fields of report @d from its lines. */
static void fill(struct kreport *r, const struct draft *d,
		 const struct loglines *l)
{
	const struct head *h = &d->h;
	bool in_regs_done = false, have_trace = false;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->pid = h->pid;
	r->cpu = h->cpu;
	r->cause = -1;
	copy_s(r->comm, sizeof(r->comm), h->comm);
	copy_s(r->location, sizeof(r->location), h->location);
	copy_s(r->message, sizeof(r->message), h->message);
	copy_s(r->head, sizeof(r->head), skip_ws(l->line[d->head]));
	r->has_addr = h->has_addr;
	r->addr = h->addr;
	r->format = h->format;
	r->first_line = d->first;
	r->usec = -1;
	if (l->usec)
		for (i = d->first; i <= d->end && i < l->nr; i++)
			if (l->usec[i] >= 0) {
				r->usec = l->usec[i];
				break;
			}
	r->last_line = d->end;

	for (i = d->head; i <= d->end && i < l->nr; i++) {
		const char *s = skip_ws(l->line[i]);

		if (i > d->head && !have_trace && is_trace_header(s)) {
			i = read_trace(r, l, i + 1, d->end) - 1;
			have_trace = true;
			in_regs_done = true;
			continue;
		}
		/* KFENCE prints its stack right after the access line;
		 * kmemleak after "backtrace:" (handled above) */
		if (d->t == RT_KFENCE && !have_trace && i > d->head &&
		    (strstr(s, " at 0x") || starts(s, "Invalid free of ")) &&
		    isupper((unsigned char)s[0])) {
			key_lines(r, l, i, d->end);
			i = read_trace(r, l, i + 1, d->end) - 1;
			have_trace = true;
			continue;
		}
		if (starts(s, "CPU: ") && strstr(s, "PID: ")) {
			cpu_line(r, s);
			continue;
		}
		if (starts(s, "Tainted: [")) {
			taint_line(r, s);
			continue;
		}
		if (!in_regs_done && ip_line(r, s))
			continue;
		if (!in_regs_done && r->ip_sym[0])
			reg_line(r, s);
		if (starts(s, "task:") && r->pid < 0) {
			const char *p = strstr(s, " pid:");

			if (p)
				parse_int(skip_ws(p + 5), &r->pid);
		}
		if (!r->has_addr && starts(s, "CR2: ") &&
		    (d->t == RT_NULL || d->t == RT_PAGING || d->t == RT_DIE))
			r->has_addr = parse_hex(s + 5, &r->addr);
		if (r->pid < 0 && starts(s, "in_atomic(): ")) {
			const char *p = strstr(s, "pid: "), *n = strstr(s, "name: ");

			if (p)
				parse_int(p + 5, &r->pid);
			if (n && !r->comm[0])
				copy_s(r->comm, sizeof(r->comm), n + 6);
		}
		if ((d->t == RT_KASAN || d->t == RT_KMSAN) && r->pid < 0) {
			const char *p = strstr(s, " by task ");

			if (p && (starts(s, "Read") || starts(s, "Write") ||
				  starts(s, "Free of")))
				comm_slash_pid(p + 9, strlen(p + 9), r->comm,
					       sizeof(r->comm), &r->pid);
		}
		key_lines(r, l, i, d->end);
	}
}

/* ---- title and function ------------------------------------------------- */

static bool named(const char *func, unsigned int skip)
{
	return func[0] && !kfunc_is(func, skip | SKIP_ALWAYS);
}

/* The function of a lockdep lock line ("%px (name){..}, at: f+0x1/0x2"), or
 * of an address line ("[<ffffffff81234567>] f+0x1/0x2 [mod]"). */
static bool lock_line_func(const char *line, char *func, size_t fsize,
			   char *mod, size_t msize)
{
	const char *p = line ? strstr(line, ", at: ") : NULL;
	struct frame f;

	if (p) {
		split_sym(skip_ws(p + 6), func, fsize, mod, msize);
		return func[0] != '\0';
	}
	if (line && frame_parse(line, &f)) {
		copy_s(func, fsize, f.func);
		copy_s(mod, msize, f.mod);
		return true;
	}
	return false;
}

static void pick_function(struct kreport *r, const struct draft *d)
{
	const struct rt_def *def = &defs[d->t];
	unsigned int skip = def->skip;
	char f[KR_FUNC_LEN] = "";
	size_t i;

	if (d->t == RT_KASAN && d->h.what[0] &&
	    (strstr(d->h.what, "free") && !strstr(d->h.what, "after")))
		skip |= KF_SLAB;	/* double-free, invalid-free */
	if (d->t == RT_KFENCE && strstr(d->h.what, "invalid free"))
		skip |= KF_SLAB;
	/* lockdep: the lock line names the caller of the lock function */
	if (d->t == RT_LOCKDEP) {
		static const char *const keys[] = {
			"acquire", "takes", "release", NULL,
		};
		const char *const *k;

		for (k = keys; *k && !f[0]; k++)
			if (lock_line_func(kreport_key(r, *k), f, sizeof(f),
					   r->mod, sizeof(r->mod)) &&
			    !named(f, skip))
				f[0] = r->mod[0] = '\0';
	}
	if (!f[0] && (def->use & U_EXPLICIT) && named(d->h.func, skip)) {
		copy_s(f, sizeof(f), d->h.func);
		copy_s(r->mod, sizeof(r->mod), d->h.mod);
	}
	if (!f[0] && d->t == RT_SMPID) {
		const char *c = kreport_key(r, "caller");

		if (c)
			split_sym(c, f, sizeof(f), r->mod, sizeof(r->mod));
		if (!named(f, skip))
			f[0] = r->mod[0] = '\0';
	}
	if (!f[0] && d->t == RT_WQ_LEAK) {
		const char *c = kreport_key(r, "last_function");

		if (c)
			split_sym(c, f, sizeof(f), r->mod, sizeof(r->mod));
	}
	if (!f[0] && (def->use & U_IP) && named(r->ip_func, skip)) {
		copy_s(f, sizeof(f), r->ip_func);
		copy_s(r->mod, sizeof(r->mod), r->ip_mod);
	}
	/* the first reliable frame outside the machinery, else a '?' one */
	for (i = 0; !f[0] && i < r->nr_frames; i++)
		if (!r->frames[i].unreliable && named(r->frames[i].func, skip)) {
			copy_s(f, sizeof(f), r->frames[i].func);
			copy_s(r->mod, sizeof(r->mod), r->frames[i].mod);
		}
	for (i = 0; !f[0] && i < r->nr_frames; i++)
		if (named(r->frames[i].func, skip)) {
			copy_s(f, sizeof(f), r->frames[i].func);
			copy_s(r->mod, sizeof(r->mod), r->frames[i].mod);
		}
	if (!f[0]) {
		r->mod[0] = '\0';
		if (d->t == RT_KCSAN && d->h.func[0])
			copy_s(f, sizeof(f), d->h.func);
	}
	/* titles and buckets name a function without its clone suffix */
	if (d->t != RT_KCSAN)
		kfunc_base(f, r->func, sizeof(r->func));
	else
		copy_s(r->func, sizeof(r->func), f);
}

/* "KASAN: use-after-free Read" from the head and the access line. */
static void sanitizer_what(const struct kreport *r, const struct draft *d,
			   char *out, size_t size)
{
	const char *acc = kreport_key(r, "access");

	copy_s(out, size, d->h.what);
	if (d->t == RT_KASAN && acc &&
	    (starts(acc, "Read") || starts(acc, "Write")))
		snprintf(out, size, "%s %s", d->h.what,
			 starts(acc, "Read") ? "Read" : "Write");
}

static void make_title(struct kreport *r, const struct draft *d)
{
	const struct rt_def *def = &defs[d->t];
	char what[KR_TEXT_LEN], base[KR_TITLE_LEN];
	const char *in;

	switch (d->t) {
	case RT_PANIC:
		snprintf(r->title, sizeof(r->title), "panic: %s", r->message);
		rtrim(r->title);
		return;
	case RT_MCE: {
		const char *m = kreport_key(r, "mce_message");

		snprintf(r->title, sizeof(r->title), "machine check%s%s",
			 m ? ": " : "", m ? m : "");
		return;
	}
	case RT_KASAN: case RT_KFENCE: case RT_KMSAN: case RT_KCSAN:
	case RT_UBSAN: case RT_SLUB:
		sanitizer_what(r, d, what, sizeof(what));
		snprintf(base, sizeof(base), def->title, what);
		break;
	case RT_LIST:
		/* syzkaller's title, as the snapshot's judge says it; a list
		 * check that only WARNs (before CONFIG_BUG_ON_DATA_CORRUPTION
		 * or without it) says WARNING */
		snprintf(base, sizeof(base), "%s corrupted list",
			 (d->merged & A_WARN) && !(d->merged & (A_DIE | A_BUG)) ?
			 "WARNING:" : "BUG:");
		break;
	case RT_LOCKDEP: case RT_SPINLOCK: case RT_SMPID:
	case RT_BADPAGE: case RT_BUGGEN:
		snprintf(base, sizeof(base), "%s", d->h.what);
		if (d->t == RT_BADPAGE || d->t == RT_BUGGEN) {
			copy_s(r->title, sizeof(r->title), base);
			return;
		}
		break;
	case RT_TRAP:
		snprintf(base, sizeof(base), "%s", d->h.what[0] ? d->h.what :
			 "kernel oops");
		break;
	default:
		/* the type's title up to " in %s" */
		in = strstr(def->title, " in %s");
		if (!in)
			in = strstr(def->title, "%s");
		copy_n(base, sizeof(base), def->title,
		       in ? (size_t)(in - def->title) : strlen(def->title));
		break;
	}
	if (r->func[0] && d->t != RT_WQ_LOCKUP && d->t != RT_OOM &&
	    d->t != RT_SERROR)
		snprintf(r->title, sizeof(r->title), "%s in %s", base,
			 r->func);
	else
		copy_s(r->title, sizeof(r->title), base);
}

/* ---- the parse ---------------------------------------------------------- */

static bool accepts(const struct draft *d, const struct head *h,
		    size_t line)
{
	if (d->closed || d->saw_cpu || line > d->head + 16)
		return false;
	if (!h->secondary || !(defs[d->t].accept & h->is))
		return false;
	/* one die line per report */
	return !(h->is & d->merged & A_DIE);
}

static void merge(struct draft *d, const struct head *h)
{
	d->merged |= h->is;
	if (h->is == A_DIE && !d->die[0])
		copy_s(d->die, sizeof(d->die), h->message);
	if (h->location[0] && !d->h.location[0])
		copy_s(d->h.location, sizeof(d->h.location), h->location);
	if (h->pid >= 0 && d->h.pid < 0)
		d->h.pid = h->pid;
	if (h->cpu >= 0 && d->h.cpu < 0)
		d->h.cpu = h->cpu;
	if (h->comm[0] && !d->h.comm[0])
		copy_s(d->h.comm, sizeof(d->h.comm), h->comm);
	/* a BUG merged into a message keeps the BUG's way of ending */
	if (d->t == RT_REFCOUNT && h->is == A_BUG)
		d->kind = "refcount";
}

/* An open WARNING or BUG followed by its message (arches that print the
 * WARN text after the WARNING line): the report becomes the message's. */
static bool promotes(const struct draft *d, const struct head *h,
		     size_t line)
{
	return !d->closed && !d->saw_cpu && line <= d->head + 4 &&
	       (d->t == RT_WARN || d->t == RT_BUG) &&
	       (defs[h->t].flags & F_MSG);
}

static void promote(struct draft *d, const struct head *h)
{
	struct head old = d->h;

	d->merged |= old.is;
	d->h = *h;
	d->t = h->t;
	d->kind = h->kind;
	if (!d->h.location[0])
		copy_s(d->h.location, sizeof(d->h.location), old.location);
	if (d->h.pid < 0)
		d->h.pid = old.pid;
	if (d->h.cpu < 0)
		d->h.cpu = old.cpu;
	if (!d->h.comm[0])
		copy_s(d->h.comm, sizeof(d->h.comm), old.comm);
}

static bool is_end_marker(const char *s)
{
	s = skip_ws(s);
	return starts(s, "---[ end trace") || starts(s, "---[ end Kernel panic");
}

/* Roles: the root is the first bug report, else the first symptom, else
 * the panic; later reports followed from it, earlier ones are other. */
/* Did report @a come before report @b?  By their printk times when both
 * have one (a console capture and dmesg pasted together interleave out of
 * order), else by their place in the log. */
static bool came_before(const struct kreport *a, const struct kreport *b)
{
	if (a->usec >= 0 && b->usec >= 0 && a->usec != b->usec)
		return a->usec < b->usec;
	return a->first_line < b->first_line;
}

static void assign_roles(struct kreports *k)
{
	size_t i;
	static const char *const order[] = { "bug", "symptom", "end", NULL };
	const char *const *want;
	int root = -1;

	/* the first report of the first category that has one */
	for (want = order; *want && root < 0; want++)
		for (i = 0; i < k->nr; i++)
			if (strcmp(k->r[i].category, *want) == 0 &&
			    (root < 0 || came_before(&k->r[i], &k->r[root])))
				root = (int)i;
	k->root = root;
	for (i = 0; i < k->nr; i++) {
		if ((int)i == root) {
			k->r[i].role = KR_ROLE_ROOT;
		} else if (root >= 0 && came_before(&k->r[root], &k->r[i])) {
			k->r[i].role = KR_ROLE_CONSEQUENCE;
			k->r[i].cause = root;
		} else {
			k->r[i].role = KR_ROLE_OTHER;
		}
	}
}

/* sysrq: the crash a person asked for */
static void sysrq_class(struct kreport *r)
{
	size_t i;
	bool sysrq = starts(r->message, "sysrq triggered crash") ||
		     strcmp(r->ip_func, "sysrq_handle_crash") == 0;

	for (i = 0; !sysrq && i < r->nr_frames && i < 8; i++)
		if (strncmp(r->frames[i].func, "sysrq_handle_crash", 18) == 0)
			sysrq = true;
	if (!sysrq)
		return;
	r->cls = "sysrq";
	r->kind[0] = '\0';
	copy_s(r->title, sizeof(r->title), "sysrq: crash triggered by hand");
	copy_s(r->func, sizeof(r->func), "sysrq_handle_crash");
	r->mod[0] = '\0';
}

static enum status finish(struct kreports *k, struct draft *d,
			  const struct loglines *l, struct errmsg *err)
{
	struct kreport *r;

	if (k->nr >= KR_MAX_REPORTS) {
		k->dropped++;
		return ST_OK;
	}
	if (k->nr == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 2;
		struct kreport *n;

		if (cap > KR_MAX_REPORTS)
			cap = KR_MAX_REPORTS;
		n = realloc(k->r, cap * sizeof(*n));
		if (!n)
			return errmsg_set(err, ST_ERR_NOMEM,
					  "out of memory parsing kernel reports");
		k->r = n;
		k->cap = cap;
	}
	r = &k->r[k->nr++];
	fill(r, d, l);
	r->cls = defs[d->t].cls;
	/* a checker's message: an oops when BUG() followed, else a WARN */
	if (defs[d->t].flags & F_MSG)
		r->cls = d->merged & (A_BUG | A_DIE) ? "oops" :
			 d->merged & A_WARN ? "warn" : defs[d->t].cls;
	if (d->t == RT_BUGGEN && (d->merged & (A_BUG | A_DIE)))
		r->cls = "oops";
	else if (d->t == RT_BUGGEN && (d->merged & A_WARN))
		r->cls = "warn";
	copy_s(r->kind, sizeof(r->kind), d->kind ? d->kind :
	       defs[d->t].kind ? defs[d->t].kind : "");
	/* a sanitizer's kind is its own word: "use-after-free", ... */
	if (d->t == RT_KASAN || d->t == RT_KFENCE || d->t == RT_KMSAN ||
	    d->t == RT_KCSAN || d->t == RT_UBSAN) {
		copy_s(r->kind, sizeof(r->kind), d->h.what);
		r->kind[strcspn(r->kind, " ")] = '\0';
	}
	if (d->die[0] && !kreport_key(r, "die"))
		add_key(r, "die", d->die);
	pick_function(r, d);
	make_title(r, d);
	if (d->t == RT_PANIC || d->t == RT_NULL || d->t == RT_BUG)
		sysrq_class(r);
	r->category = defs[d->t].cat == CAT_BUG ? "bug" :
		      defs[d->t].cat == CAT_SYMPTOM ? "symptom" : "end";
	return ST_OK;
}

enum status kreports_parse(struct kreports *out, const struct loglines *l,
			   struct errmsg *err)
{
	struct draft d;
	bool open = false;
	long cut = -1, rule = -1;
	size_t i;
	enum status st = ST_OK;

	memset(out, 0, sizeof(*out));
	out->root = -1;
	for (i = 0; l && i < l->nr; i++) {
		const char *s = skip_ws(l->line[i]);
		const char *next = i + 1 < l->nr ? l->line[i + 1] : "";
		struct head h;

		if (open && !d.closed && is_end_marker(s)) {
			d.end = i;
			d.closed = true;
			continue;
		}
		if (open && !d.closed && (defs[d.t].flags & F_EQ_END) &&
		    i > d.head + 1 && is_rule(s)) {
			d.end = i;
			d.closed = true;
			continue;
		}
		if (is_cut_here(s)) {
			cut = (long)i;
			continue;
		}
		if (is_rule(s)) {
			rule = (long)i;
			continue;
		}
		classify(s, next, &h);
		if (h.t == RT_NONE) {
			if (open && !d.closed &&
			    ((starts(s, "CPU: ") && strstr(s, "PID: ")) ||
			     is_trace_header(s)))
				d.saw_cpu = true;
			continue;
		}
		if (open && accepts(&d, &h, i)) {
			merge(&d, &h);
			continue;
		}
		if (open && promotes(&d, &h, i)) {
			promote(&d, &h);
			continue;
		}
		if (open) {
			if (!d.closed) {
				size_t e = i - 1;

				if (cut >= 0 && (size_t)cut > d.head)
					e = (size_t)cut - 1;
				if (rule >= 0 && (size_t)rule > d.head &&
				    (size_t)rule + 3 >= i)
					e = (size_t)rule - 1;
				d.end = e < d.head ? d.head : e;
			}
			st = finish(out, &d, l, err);
			if (st != ST_OK)
				return st;
		}
		memset(&d, 0, sizeof(d));
		d.h = h;
		d.t = h.t;
		d.kind = h.kind;
		d.head = d.first = d.end = i;
		if (cut >= 0 && (size_t)cut + 3 >= i && (!open ||
		    (size_t)cut > out->r[out->nr - 1].last_line))
			d.first = (size_t)cut;
		else if (rule >= 0 && (size_t)rule + 2 >= i)
			d.first = (size_t)rule;
		open = true;
		cut = rule = -1;
	}
	if (open) {
		if (!d.closed)
			d.end = l->nr ? l->nr - 1 : 0;
		st = finish(out, &d, l, err);
		if (st != ST_OK)
			return st;
	}
	assign_roles(out);
	return ST_OK;
}

void kreports_free(struct kreports *k)
{
	free(k->r);
	memset(k, 0, sizeof(*k));
	k->root = -1;
}

const struct kreport *kreports_root(const struct kreports *k)
{
	if (!k || k->root < 0 || (size_t)k->root >= k->nr)
		return NULL;
	return &k->r[k->root];
}

const char *kreport_key(const struct kreport *r, const char *what)
{
	size_t i;

	for (i = 0; r && i < r->nr_keys; i++)
		if (strcmp(r->keys[i].what, what) == 0)
			return r->keys[i].text;
	return NULL;
}

const char *kreport_role_name(enum kr_role role)
{
	switch (role) {
	case KR_ROLE_ROOT:		return "root";
	case KR_ROLE_CONSEQUENCE:	return "consequence";
	case KR_ROLE_OTHER:		return "other";
	}
	return "other";
}
