// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * elfcore.c - writes an x86_64 ELF core file shaped like /proc/vmcore: an
 * ELF header, a PT_NOTE holding a VMCOREINFO note, and one PT_LOAD whose
 * p_paddr is the physical address of the memory image that follows.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfcore.h"

#define ALIGN4(x)	(((x) + 3) & ~(size_t)3)
#define DIRECT_MAP	0xffff888000000000ull

int elfcore_write(const char *path, const char *vmcoreinfo, const void *mem,
		  size_t len, uint64_t phys)
{
	static const char name[] = "VMCOREINFO";
	size_t desc = strlen(vmcoreinfo);
	size_t note = sizeof(Elf64_Nhdr) + ALIGN4(sizeof(name)) + ALIGN4(desc);
	size_t off_note = sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr);
	size_t off_load = (off_note + note + 4095) & ~(size_t)4095;
	Elf64_Ehdr eh;
	Elf64_Phdr ph[2];
	Elf64_Nhdr nh;
	FILE *f;
	char *buf;
	int ok;

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 2;

	memset(ph, 0, sizeof(ph));
	ph[0].p_type = PT_NOTE;
	ph[0].p_offset = off_note;
	ph[0].p_filesz = ph[0].p_memsz = note;
	ph[1].p_type = PT_LOAD;
	ph[1].p_flags = PF_R | PF_W | PF_X;
	ph[1].p_offset = off_load;
	ph[1].p_vaddr = DIRECT_MAP + phys;
	ph[1].p_paddr = phys;
	ph[1].p_filesz = ph[1].p_memsz = len;
	ph[1].p_align = 0;

	nh.n_namesz = sizeof(name);
	nh.n_descsz = (Elf64_Word)desc;
	nh.n_type = 0;

	buf = calloc(1, off_load + len);
	if (!buf)
		return -1;
	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf + sizeof(eh), ph, sizeof(ph));
	memcpy(buf + off_note, &nh, sizeof(nh));
	memcpy(buf + off_note + sizeof(nh), name, sizeof(name));
	memcpy(buf + off_note + sizeof(nh) + ALIGN4(sizeof(name)), vmcoreinfo,
	       desc);
	memcpy(buf + off_load, mem, len);
	f = fopen(path, "wb");
	if (!f) {
		free(buf);
		return -1;
	}
	ok = fwrite(buf, 1, off_load + len, f) == off_load + len;
	ok = (fclose(f) == 0) && ok;
	free(buf);
	return ok ? 0 : -1;
}
