// SPDX-License-Identifier: GPL-2.0
/*
 * triage_memory.c - the memory picture an analyst gets from `kmem -i`, the
 * largest users by RSS, and the out_of_memory() call that led to a
 * panic_on_oom panic.
 *
 * The OOM notifier chain (register_oom_notifier()) runs at the start of
 * out_of_memory(), before the panic_on_oom check, but is handed no
 * oom_control; a kprobe on out_of_memory() itself sees the allocation's gfp
 * mask and order.  Both only note what they saw: the snapshot is taken by the
 * panic that follows, through the usual hooks.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/percpu_counter.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/uaccess.h>
#include <linux/vmstat.h>
#include "triage.h"

/**
 * struct triage_oom_seen - the last out_of_memory() call
 * @busy: a CPU is writing it
 * @valid: it holds a call
 * @rec: what the record will say; @rec.age_ns holds the time of the call
 */
struct triage_oom_seen {
	atomic_t busy;
	bool valid;
	struct triage_rec_oom rec;
};

static struct triage_oom_seen triage_oom;
static atomic_t triage_oom_count = ATOMIC_INIT(0);
static unsigned long (*triage_vm_commit_limit)(void);
static long *triage_total_swap_pages;
static bool triage_oom_kprobe_armed, triage_oom_nb_armed;
static struct triage_rec_memory triage_mem;	/* under the capture guard */
/* vm_committed_as (mm/util.c) is not exported; NULL if kallsyms lacks it. */
static struct percpu_counter *triage_committed_as;

#define TRIAGE_BDEV_MAX		4096	/* block-device inodes walked */

static void triage_oom_note(const struct oom_control *oc)
{
	struct triage_rec_oom *r = &triage_oom.rec;

	atomic_inc(&triage_oom_count);
	if (atomic_cmpxchg(&triage_oom.busy, 0, 1))
		return;
	triage_oom.valid = false;
	memset(r, 0, sizeof(*r));
	r->pid = task_pid_nr(current);
	r->tgid = task_tgid_nr(current);
	strscpy(r->comm, current->comm, sizeof(r->comm));
	r->order = -1;
	if (oc) {
		r->gfp_mask = oc->gfp_mask;
		r->order = oc->order;
		r->memcg = oc->memcg ? 1 : 0;
		r->totalpages = oc->totalpages;
	}
	r->age_ns = triage_now_ns();
	/* The fields before the flag that says they are valid. */
	smp_wmb();
	triage_oom.valid = true;
	atomic_set(&triage_oom.busy, 0);
}

static int triage_oom_kprobe_pre(struct kprobe *p, struct pt_regs *regs)
{
	/* bool out_of_memory(struct oom_control *oc) */
	triage_oom_note((struct oom_control *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static struct kprobe triage_oom_kp = {
	.symbol_name = "out_of_memory",
	.pre_handler = triage_oom_kprobe_pre,
};

static int triage_oom_event(struct notifier_block *nb, unsigned long ev,
			    void *freed)
{
	/* Without the kprobe, at least the task and the time. */
	if (!triage_oom_kprobe_armed)
		triage_oom_note(NULL);
	return NOTIFY_DONE;
}

static struct notifier_block triage_oom_nb = {
	.notifier_call = triage_oom_event,
};

void triage_memory_init(void)
{
	triage_vm_commit_limit = (unsigned long (*)(void))
		triage_ksym("vm_commit_limit");
	triage_total_swap_pages = (long *)triage_ksym("total_swap_pages");
	triage_committed_as = (struct percpu_counter *)
		triage_ksym("vm_committed_as");
	if (register_kprobe(&triage_oom_kp) >= 0)
		triage_oom_kprobe_armed = true;
	if (!register_oom_notifier(&triage_oom_nb))
		triage_oom_nb_armed = true;
}

void triage_memory_exit(void)
{
	if (triage_oom_nb_armed)
		unregister_oom_notifier(&triage_oom_nb);
	if (triage_oom_kprobe_armed)
		unregister_kprobe(&triage_oom_kp);
	triage_oom_nb_armed = false;
	triage_oom_kprobe_armed = false;
}

/* Resident pages of one mm counter, read without trusting the mm. */
static u64 triage_mm_counter(struct mm_struct *mm, int member)
{
	s64 v = 0;

#ifdef TRIAGE_HAVE_PERCPU_RSS
	/* v6.2, commit f1a7941243c1 ("mm: convert mm's rss stats into percpu_counter") */
	get_kernel_nofault(v, &mm->rss_stat[member].count);
#else
	get_kernel_nofault(v, &mm->rss_stat.count[member].counter);
#endif
	return v > 0 ? v : 0;
}

/* Start a new table of the largest users (before the task walk). */
void triage_memory_begin(void)
{
	memset(&triage_mem, 0, sizeof(triage_mem));
}

/**
 * triage_memory_task() - consider a thread-group leader for the top users
 * @t: the task (called by the task walk for every thread)
 */
void triage_memory_task(struct task_struct *t)
{
	struct triage_rec_memory *top = &triage_mem;
	struct triage_mem_task e, *slot;
	struct mm_struct *mm = NULL;
	struct task_struct *leader = NULL;
	struct signal_struct *sig = NULL;
	short adj = 0;
	unsigned int i;

	if (get_kernel_nofault(leader, &t->group_leader) || leader != t ||
	    get_kernel_nofault(mm, &t->mm) || !mm)
		return;
	memset(&e, 0, sizeof(e));
	e.anon_pages = triage_mm_counter(mm, MM_ANONPAGES);
	e.rss_pages = e.anon_pages + triage_mm_counter(mm, MM_FILEPAGES) +
		      triage_mm_counter(mm, MM_SHMEMPAGES);
	e.swap_entries = triage_mm_counter(mm, MM_SWAPENTS);
	if (top->nr_top == TRIAGE_MEM_TOP &&
	    e.rss_pages <= top->top[TRIAGE_MEM_TOP - 1].rss_pages)
		return;
	e.pid = task_pid_nr(t);
	copy_from_kernel_nofault(e.comm, t->comm, sizeof(e.comm) - 1);
	if (!get_kernel_nofault(sig, &t->signal) && sig)
		get_kernel_nofault(adj, &sig->oom_score_adj);
	e.oom_score_adj = adj;
	/* Insert, keeping the table sorted, largest first. */
	i = min_t(unsigned int, top->nr_top, TRIAGE_MEM_TOP - 1);
	while (i > 0 && top->top[i - 1].rss_pages < e.rss_pages) {
		top->top[i] = top->top[i - 1];
		i--;
	}
	slot = &top->top[i];
	*slot = e;
	if (top->nr_top < TRIAGE_MEM_TOP)
		top->nr_top++;
}

/*
 * Block-device buffer pages, as nr_blockdev_pages() counts them but without
 * its s_inode_list_lock: a bounded nofault walk of the bdev inodes.
 * Return: false when the walk could not finish (the figure is then unknown).
 */
static bool triage_blockdev_pages(u64 *pages)
{
	struct super_block *sb = blockdev_superblock;
	struct list_head *head, *pos;
	struct address_space *mapping;
	struct inode *inode;
	unsigned long nr;
	unsigned int n;

	*pages = 0;
	if (!sb)
		return false;
	head = &sb->s_inodes;
	if (get_kernel_nofault(pos, &head->next))
		return false;
	for (n = 0; pos != head; n++) {
		if (n >= TRIAGE_BDEV_MAX || (!(n & 63) && triage_time_up()))
			return false;
		inode = list_entry(pos, struct inode, i_sb_list);
		if (get_kernel_nofault(mapping, &inode->i_mapping) ||
		    (mapping && (!triage_kaddr((unsigned long)mapping) ||
				 get_kernel_nofault(nr, &mapping->nrpages))) ||
		    get_kernel_nofault(pos, &pos->next) ||
		    !triage_kaddr((unsigned long)pos))
			return false;
		if (mapping)
			*pages += nr;
	}
	return true;
}

/**
 * triage_capture_memory() - write TRIAGE_REC_MEMORY (and TRIAGE_REC_OOM)
 * @ctx: the capture (after the task walk filled the top-users table)
 *
 * No lock is taken, also not inside the kernel functions called: si_meminfo()
 * is not used (nr_blockdev_pages() takes s_inode_list_lock), nor
 * vm_memory_committed() (percpu_counter_sum() takes the counter's raw
 * spinlock, v6.1 and v6.12); si_mem_available(), vm_commit_limit() and the
 * vmstat counters only read.  What needed the locks is read without them
 * and flagged (TRIAGE_MEM_F_*).
 */
void triage_capture_memory(const struct triage_ctx *ctx)
{
	struct triage_rec_memory *m = &triage_mem;
	static struct triage_rec_oom oom;	/* under the capture guard */
	long swap = -1;
	s64 committed = 0;
	u64 buffers = 0;

	m->mem_flags = 0;
	m->total = totalram_pages();
	m->free = global_zone_page_state(NR_FREE_PAGES);
	m->shared = global_node_page_state(NR_SHMEM);
	if (!triage_blockdev_pages(&buffers))
		m->mem_flags |= TRIAGE_MEM_F_NO_BUFFERS;
	m->buffers = buffers;
	m->available = si_mem_available();
	m->cached = global_node_page_state(NR_FILE_PAGES) - buffers;
#ifdef CONFIG_SWAP	/* as meminfo_proc_show(): no swap cache without swap */
	m->cached -= global_node_page_state(NR_SWAPCACHE);
#endif
	m->slab_reclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B);
	m->slab_unreclaimable =
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	/* percpu_counter_read_positive(): the count without the CPU deltas. */
	if (triage_committed_as &&
	    !get_kernel_nofault(committed, &triage_committed_as->count)) {
		m->committed = committed > 0 ? committed : 0;
		m->mem_flags |= TRIAGE_MEM_F_APPROX;
	} else {
		m->committed = ~0ULL;
	}
	m->commit_limit = triage_vm_commit_limit ? triage_vm_commit_limit() : ~0ULL;
	m->swap_free = get_nr_swap_pages();
	if (triage_total_swap_pages &&
	    !get_kernel_nofault(swap, triage_total_swap_pages) && swap >= 0)
		m->swap_total = swap;
	else
		m->swap_total = ~0ULL;
	triage_rec_add(TRIAGE_REC_MEMORY, 0, m, sizeof(*m));

	if (atomic_read(&triage_oom.busy) || !READ_ONCE(triage_oom.valid))
		return;
	/* Pairs with the smp_wmb() in triage_oom_note(). */
	smp_rmb();
	oom = triage_oom.rec;
	oom.count = atomic_read(&triage_oom_count);
	oom.age_ns = ctx->start_ns - oom.age_ns;
	triage_rec_add(TRIAGE_REC_OOM, 0, &oom, sizeof(oom));
}
