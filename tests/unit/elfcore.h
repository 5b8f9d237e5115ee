/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * elfcore.h - writes a tiny vmcore-like ELF64 core file for the tests: a
 * VMCOREINFO note and one PT_LOAD of physical memory.
 */
#ifndef ELFCORE_H
#define ELFCORE_H

#include <stddef.h>
#include <stdint.h>

/* Returns 0, or -1 with errno set. */
int elfcore_write(const char *path, const char *vmcoreinfo, const void *mem,
		  size_t len, uint64_t phys);

#endif /* ELFCORE_H */
