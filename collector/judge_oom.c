// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * judge_oom.c - the oom rule: panic_on_oom (system-wide or compulsory) and
 * "System is deadlocked on memory".  The allocating task from the module's
 * OOM record (else the log's "X invoked oom-killer" line), the allocation
 * (order, gfp flags by name), the memory picture as crash's kmem -i shows
 * it and the largest memory users.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "judge_priv.h"
#include "memory.h"

/* "gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0" */
static void log_alloc(const char *line, struct verdict_oom *o)
{
	const char *p = strstr(line, "gfp_mask=0x"), *q;

	if (p) {
		o->has_gfp = true;
		o->gfp = (uint32_t)strtoul(p + 9, NULL, 16);
		q = strchr(p, '(');
		if (q && q < p + 24) {
			size_t n = strcspn(q + 1, ")");

			snprintf(o->gfp_names, sizeof(o->gfp_names), "%.*s",
				 (int)n, q + 1);
		}
	}
	p = strstr(line, "order=");
	if (p) {
		o->has_order = true;
		o->order = atoi(p + 6);
	}
}

static void figure(char *buf, size_t size, const char *name,
		   const struct mem_figure *f, bool pct)
{
	char h[32];

	if (!f->known) {
		snprintf(buf, size, "%s unknown", name);
		return;
	}
	mem_human(f->bytes, h, sizeof(h));
	if (pct && f->pct >= 0)
		snprintf(buf, size, "%s %s (%" PRIu64 " pages, %ld%%)", name, h,
			 f->pages, f->pct);
	else
		snprintf(buf, size, "%s %s (%" PRIu64 " pages)", name, h,
			 f->pages);
}

static void memory_evidence(const struct judge_ctx *c, struct verdict *v,
			    char *brief, size_t brief_size)
{
	const struct snap_memory *m = &c->snap->memory;
	struct mem_picture p;
	char a[96], b[96], d[96], e[96], f[96], g[96], h1[32], h2[32];
	char list[VERDICT_TEXT] = "";
	size_t i, n = 0;

	mem_picture(&p, m, c->snap->has_system ? c->snap->system.page_size : 0);
	figure(a, sizeof(a), "total", &p.total, false);
	figure(b, sizeof(b), "free", &p.free, true);
	figure(d, sizeof(d), "used", &p.used, true);
	figure(e, sizeof(e), "cached", &p.cached, true);
	figure(f, sizeof(f), "slab", &p.slab, true);
	figure(g, sizeof(g), "shared", &p.shared, true);
	evidence(v, "memory (kmem -i): %s, %s, %s, %s, %s, %s", a, b, d, e, f,
		 g);
	if (p.committed.known && p.commit_limit.known) {
		mem_human(p.committed.bytes, h1, sizeof(h1));
		mem_human(p.commit_limit.bytes, h2, sizeof(h2));
		evidence(v, "committed %s%s is %ld%% of the commit limit %s%s",
			 h1, p.committed.approx ? " (approximate)" : "",
			 p.committed.pct, h2, p.committed.pct > 100 ?
			 " (overcommitted: more promised than RAM and swap can back)" :
			 "");
	}
	if (p.swap_total.known && p.swap_total.pages == 0) {
		evidence(v, "swap: none configured");
	} else if (p.swap_total.known) {
		mem_human(p.swap_total.bytes, h1, sizeof(h1));
		if (p.swap_used.known)
			evidence(v, "swap: %s, %ld%% used", h1, p.swap_used.pct);
		else
			evidence(v, "swap: %s", h1);
	}
	for (i = 0; i < m->nr_top && i < 5; i++) {
		const struct snap_mem_task *t = &m->top[i];
		long pct = mem_pct(t->rss_pages, m->total);

		mem_human(mem_bytes(t->rss_pages, p.page_size), h1, sizeof(h1));
		n += (size_t)snprintf(list + n, n < sizeof(list) ?
				      sizeof(list) - n : 0,
				      "%s%s (pid %d) %s RSS%s", i ? "; " : "",
				      t->comm, t->pid, h1, "");
		if (pct >= 0 && n < sizeof(list))
			n += (size_t)snprintf(list + n, sizeof(list) - n,
					      ", %ld%% of RAM", pct);
		if (i == 0)
			snprintf(brief, brief_size, "; top user %s", list);
		if (n >= sizeof(list))
			break;
	}
	if (m->nr_top)
		evidence(v, "top memory users by RSS: %s", list);
	if (p.free.known && p.total.known) {
		mem_human(p.free.bytes, h1, sizeof(h1));
		mem_human(p.total.bytes, h2, sizeof(h2));
		snprintf(list, sizeof(list), "; free %s of %s (%ld%%)", h1, h2,
			 p.free.pct);
		if (p.committed.pct >= 0)
			snprintf(list + strlen(list),
				 sizeof(list) - strlen(list),
				 ", committed %s%ld%% of the commit limit",
				 p.committed.approx ? "about " : "",
				 p.committed.pct);
		snprintf(a, sizeof(a), "%s", brief);
		snprintf(brief, brief_size, "%s%s", list, a);
	}
}

bool judge_oom(const struct judge_ctx *c, struct verdict *v)
{
	static const char *const msgs[] = {
		"Out of memory", "System is deadlocked on memory", NULL,
	};
	struct verdict_oom *o = &v->oom;
	const struct snap_oom *r = c->snap && c->snap->has_oom ?
				   &c->snap->oom : NULL;
	char brief[VERDICT_TEXT] = "", w[64], cpu[32], alloc[224] = "";
	const char *const *n;
	long i, f;

	for (n = msgs; *n; n++)
		if (strstr(c->message, *n))
			break;
	if (!*n && !(c->crash && c->crash->raw.reason == TRIAGE_REASON_OOM))
		return false;
	v->cls = VC_OOM;
	o->present = true;
	o->memcg = -1;
	if (strstr(c->message, "system-wide panic_on_oom"))
		o->constraint = "none";
	else if (strstr(c->message, "compulsory panic_on_oom"))
		o->constraint = "constrained";
	v->kind = strstr(c->message, "deadlocked on memory") ?
		  "deadlocked_on_memory" : strstr(c->message, "panic_on_oom") ?
		  "panic_on_oom" : NULL;
	i = loglines_rfind(&c->log, " invoked oom-killer: ", c->log.nr);
	set_task(c, v, i < 0 ? c->log.nr : (size_t)i);
	if (r && r->pid >= 0) {
		v->culprit.pid = r->pid;
		if (r->comm[0])
			copy_str(v->culprit.comm, sizeof(v->culprit.comm),
				 r->comm);
		o->from = "oom record";
		if (r->has_gfp) {
			o->has_gfp = true;
			o->gfp = r->gfp_mask;
		}
		if (r->has_order) {
			o->has_order = true;
			o->order = r->order;
		}
		if (r->has_memcg)
			o->memcg = r->memcg ? 1 : 0;
	}
	if (i >= 0) {
		struct verdict_oom lo;
		const char *p = strstr(c->log.line[i], " invoked oom-killer");

		memset(&lo, 0, sizeof(lo));
		log_alloc(c->log.line[i], &lo);
		evidence(v, "log: \"%s\"", c->log.line[i]);
		if (!o->from) {
			struct verdict_culprit t = { .pid = -1, .cpu = -1 };

			snprintf(v->culprit.comm, sizeof(v->culprit.comm),
				 "%.*s", (int)(p - c->log.line[i]),
				 c->log.line[i]);
			if (log_task(&c->log, (size_t)i, &t) &&
			    strcmp(t.comm, v->culprit.comm) == 0) {
				v->culprit.pid = t.pid;
				v->culprit.cpu = t.cpu;
			} else if (!c->crash) {
				v->culprit.pid = -1;
			}
			*o = lo;
			o->present = true;
			o->memcg = -1;
			o->from = "log";
			o->constraint = strstr(c->message, "system-wide") ?
				"none" : strstr(c->message, "compulsory") ?
				"constrained" : NULL;
		} else if (lo.gfp_names[0] && (!o->has_gfp || lo.gfp == o->gfp)) {
			copy_str(o->gfp_names, sizeof(o->gfp_names),
				 lo.gfp_names);
		}
	}
	if (o->has_gfp && !o->gfp_names[0])
		gfp_names(o->gfp, o->gfp_names, sizeof(o->gfp_names));
	if (o->has_order && o->order < 0)
		snprintf(alloc, sizeof(alloc), " (a manual OOM kill: sysrq-f)");
	else if (o->has_order || o->has_gfp) {
		int k = snprintf(alloc, sizeof(alloc), " allocating");

		if (o->has_order)
			k += snprintf(alloc + k, sizeof(alloc) - (size_t)k,
				      " order %d (%lu KiB)", o->order,
				      o->order < 20 ? 4ul << o->order : 0ul);
		if (o->has_gfp)
			snprintf(alloc + k, sizeof(alloc) - (size_t)k,
				 " with gfp 0x%x (%s)", o->gfp, o->gfp_names);
	}
	if (o->has_gfp || o->has_order)
		evidence(v, "the failed allocation: order %s, gfp_mask=0x%x(%s)%s",
			 o->has_order ? (char[12]){0} : "unknown", o->gfp,
			 o->gfp_names, o->memcg == 1 ? ", in a memory cgroup" :
			 o->memcg == 0 ? ", system-wide (not a memory cgroup)" :
			 "");
	if (o->has_order) {
		char *e = v->evidence[v->nr_evidence - 1];
		char tail[VERDICT_TEXT];

		snprintf(tail, sizeof(tail), "%s",
			 strstr(e, ", gfp_mask=") ? strstr(e, ", gfp_mask=") : "");
		snprintf(e, VERDICT_TEXT, "the failed allocation: order %d%s",
			 o->order, tail);
	}
	if (o->constraint)
		evidence(v, "OOM constraint: %s (%s)", o->constraint,
			 strcmp(o->constraint, "none") == 0 ?
			 "the whole system ran out, vm.panic_on_oom=1 panics" :
			 "a cpuset/mempolicy/memcg ran out, vm.panic_on_oom=2 panics even then");
	if (r && r->has_totalpages)
		evidence(v, "the OOM killer counted %" PRIu64 " pages available in all%s",
			 r->totalpages, r->count > 1 ? "" : "");
	if (r && r->count > 1)
		evidence(v, "out_of_memory() ran %u times since triage was loaded",
			 r->count);
	if (c->snap && c->snap->has_memory)
		memory_evidence(c, v, brief, sizeof(brief));
	if (c->snap && c->snap->has_memory && c->snap->memory.nr_top &&
	    v->culprit.pid >= 0 &&
	    c->snap->memory.top[0].pid == v->culprit.pid)
		evidence(v, "the allocating task is also the largest memory user");
	if (strstr(c->message, "panic_on_oom") &&
	    !(c->snap && c->snap->has_sysctl &&
	      c->snap->sysctl.panic_on_oom > 0))
		evidence(v, "vm.panic_on_oom is set: the OOM turned into a panic instead of killing a task");
	evidence(v, "panic message: \"%s\"", c->message);

	/* the signature does not depend on the path of the allocation */
	{
		const char *kind = v->kind;	/* signatures predate kinds here */

		v->kind = NULL;
		v->culprit.function[0] = v->culprit.module[0] = '\0';
		set_signature(v, strstr(c->message, "panic_on_oom") ?
			      "panic_on_oom" : c->message);
		v->kind = kind;
	}
	load_frames(c, v, TRIAGE_BT_CURRENT, i);
	f = first_culprit_frame(v, KF_PANIC);
	while (f >= 0 && f < (long)v->nr_frames) {
		char fn2[TRIAGE_SYM_LEN + 1];

		sym_split(v->frames[f].sym, fn2, sizeof(fn2), NULL, 0);
		if (!kfunc_is(fn2, KF_ALLOC | KF_PANIC))
			break;
		f++;
	}
	if (f >= 0 && f < (long)v->nr_frames)
		set_culprit_frame(v, f);
	snprintf(v->title, sizeof(v->title), "out of memory%s%s",
		 v->culprit.comm[0] ? " in " : "", v->culprit.comm);
	snprintf(v->summary, sizeof(v->summary),
		 "out of memory: %s%s%s%s%s", who(v, w, sizeof(w)),
		 on_cpu(v, cpu, sizeof(cpu)), alloc, brief,
		 strstr(c->message, "panic_on_oom") ?
		 "; panic_on_oom turned the OOM kill into a panic" :
		 strstr(c->message, "deadlocked") ?
		 "; no task could be killed: the system is deadlocked on memory" :
		 "");
	return true;
}
