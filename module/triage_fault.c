// SPDX-License-Identifier: GPL-2.0
/*
 * triage_fault.c - fault injection into the capture, for the tests only.
 *
 * Built only with TRIAGE_FAULT_INJECT=1 (make module FAULT=1); the shipped
 * module has neither this file nor its parameter.  fault= names what goes
 * wrong during the next capture:
 *
 *   oops:SECTION   a NULL-page read at the start of SECTION (a nested oops)
 *   stall:SECTION  spin at the start of SECTION until the deadline passes
 *   walk-loop      the process list loops back on itself, never to init_task
 *   walk-bad       the process list leads to a poisoned pointer
 *   walk-empty     the process list leads to a process with no threads
 *                  whose next process is itself
 *
 * SECTION is one of sample log crash walk lockup cpus system memory modules
 * owners tasks (triage_format.h, TRIAGE_SECT_*).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "triage.h"

static char triage_fault_arg[32];
module_param_string(fault, triage_fault_arg, sizeof(triage_fault_arg), 0444);
MODULE_PARM_DESC(fault,
		 "TEST BUILD ONLY: inject a fault into the capture: oops:SECTION, stall:SECTION, walk-loop, walk-bad, walk-empty");

enum triage_fault_kind {
	TRIAGE_FAULT_NONE,
	TRIAGE_FAULT_OOPS,
	TRIAGE_FAULT_STALL,
	TRIAGE_FAULT_WALK_LOOP,
	TRIAGE_FAULT_WALK_BAD,
	TRIAGE_FAULT_WALK_EMPTY,
};

static const char * const triage_fault_sections[TRIAGE_SECT_COUNT] =
	TRIAGE_SECT_NAMES;

static enum triage_fault_kind triage_fault_kind;
static u32 triage_fault_section;
/* Read through a pointer the compiler cannot see is bad (set at init). */
static int *triage_fault_ptr;
/* A process with no threads whose next process is itself. */
static struct task_struct triage_fault_empty;

int triage_fault_init(void)
{
	const char *arg = triage_fault_arg, *sect = NULL;
	unsigned int i;

	if (!*arg)
		return 0;
	WRITE_ONCE(triage_fault_ptr, (int *)16);
	if (str_has_prefix(arg, "oops:")) {
		triage_fault_kind = TRIAGE_FAULT_OOPS;
		sect = arg + 5;
	} else if (str_has_prefix(arg, "stall:")) {
		triage_fault_kind = TRIAGE_FAULT_STALL;
		sect = arg + 6;
	} else if (!strcmp(arg, "walk-loop")) {
		triage_fault_kind = TRIAGE_FAULT_WALK_LOOP;
	} else if (!strcmp(arg, "walk-bad")) {
		triage_fault_kind = TRIAGE_FAULT_WALK_BAD;
	} else if (!strcmp(arg, "walk-empty")) {
		triage_fault_kind = TRIAGE_FAULT_WALK_EMPTY;
		INIT_LIST_HEAD(&triage_fault_empty.tasks);
	} else {
		pr_err("fault=%s: not oops:SECTION, stall:SECTION, walk-loop, walk-bad or walk-empty\n",
		       arg);
		return -EINVAL;
	}
	if (sect) {
		/* Sections a capture enters: not "none", not "done". */
		for (i = TRIAGE_SECT_SAMPLE; i < TRIAGE_SECT_DONE; i++)
			if (!strcmp(sect, triage_fault_sections[i]))
				break;
		if (i == TRIAGE_SECT_DONE) {
			pr_err("fault=%s: no section '%s'\n", arg, sect);
			return -EINVAL;
		}
		triage_fault_section = i;
	}
	pr_warn("TEST BUILD: fault injection armed: %s\n", arg);
	return 0;
}

/**
 * triage_fault_point() - a capture enters @section
 * @section: TRIAGE_SECT_*
 */
void triage_fault_point(u32 section)
{
	unsigned long spins = 0;

	if (section != triage_fault_section)
		return;
	switch (triage_fault_kind) {
	case TRIAGE_FAULT_OOPS:
		pr_emerg("TEST BUILD: injecting a fault in section %s\n",
			 triage_fault_sections[section]);
		WRITE_ONCE(*READ_ONCE(triage_fault_ptr),
			   READ_ONCE(*READ_ONCE(triage_fault_ptr)) + 1);
		break;
	case TRIAGE_FAULT_STALL:
		while (!triage_time_up() && ++spins < (1UL << 40))
			cpu_relax();
		break;
	default:
		break;
	}
}

/**
 * triage_fault_next_task() - the walk's step to the next process
 * @p: the process just walked
 * @next: the process the list leads to
 *
 * Return: @next, or what the injected fault makes of it.
 */
struct task_struct *triage_fault_next_task(struct task_struct *p,
					   struct task_struct *next)
{
	switch (triage_fault_kind) {
	case TRIAGE_FAULT_WALK_LOOP:
		/* Past init_task: back to the first process after it. */
		return next == &init_task ? p : next;
	case TRIAGE_FAULT_WALK_BAD:
		return p == &init_task ? next :
			(struct task_struct *)0xdead000000000400UL;
	case TRIAGE_FAULT_WALK_EMPTY:
		return p == &init_task ? next : &triage_fault_empty;
	default:
		return next;
	}
}
