# triage — top-level Makefile.  See README.md.
#
#   make                 module (for the default test kernel) + collector
#   make module KVER=ABI build/ABI/triage_capture.ko (ABI from tools/kernel-abi)
#   make collector       collector/triage-collect
#   make check           unit tests + end-to-end scenarios in QEMU
#   make demo            one crash in a VM, ending in a verdict
#   make pnmi-kernel     build the arm64 pseudo-NMI test kernel (once, slow)
#
# Cross-building for Debian's arm64 kernels (tools/setup --arch arm64 first):
#   make module ARCH=arm64 [KVER=6.1.0-56-arm64]  build/ABI/triage_capture.ko
#   make test-modules ARCH=arm64                  build/ABI/tests/*.ko
#   make collector ARCH=arm64                     build/arm64/triage-collect
# A KVER ending in -arm64 implies ARCH=arm64.  The headers come from
# tools/fetch-headers, the libraries from tools/fetch-sysroot (both in the cache).

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The kernel to build the module against.  KDIR wins; otherwise KVER (an ABI
# such as 6.1.0-56-amd64, or a series such as 6.12) is resolved with
# tools/kernel-abi to the Debian headers package.
KVER ?=
CACHE := $(or $(TRIAGE_CACHE),/var/cache/triage)
ifneq ($(filter arm64 aarch64,$(ARCH))$(filter %-arm64,$(KVER) $(notdir $(KDIR))),)
  TARCH := arm64
endif
ifneq ($(KDIR),)
  ABI := $(notdir $(patsubst %/,%,$(KDIR)))
else ifeq ($(TARCH),arm64)
  ABI := $(shell $(TOP)/tools/kernel-abi --arch arm64 $(KVER) 2>/dev/null)
  KDIR := $(CACHE)/headers/$(ABI)/usr/src/linux-headers-$(ABI)
else
  ABI := $(shell $(TOP)/tools/kernel-abi $(KVER) 2>/dev/null)
  # A test kernel of tools/build-test-kernel (lockdep) has its build tree in the cache.
  KDIR := $(firstword $(wildcard $(CACHE)/headers/$(ABI)/usr/src/linux-headers-$(ABI)) \
	  /usr/src/linux-headers-$(ABI))
endif
BUILD := $(TOP)/build/$(ABI)
# FAULT=1: the test build with fault injection (module/triage_fault.c), in
# its own directory: build/ABI/fault/triage_capture.ko.  Never shipped.
ifeq ($(FAULT),1)
  MOD_BUILD := $(BUILD)/fault
  KBUILD_FAULT := TRIAGE_FAULT_INJECT=1
else
  MOD_BUILD := $(BUILD)
endif

# arm64: cross compiler, headers and libraries from the cache (tools/setup --arch arm64).
ifeq ($(TARCH),arm64)
  CROSS_COMPILE ?= aarch64-linux-gnu-
  KBUILD_ARCH := ARCH=arm64 CROSS_COMPILE=$(CROSS_COMPILE)
  SYSROOT := $(CACHE)/sysroot/arm64
  NO_HEADERS := run tools/setup --arch arm64 (or tools/fetch-headers $(ABI))
else
  NO_HEADERS := run tools/setup (or set KDIR)
endif

MODULE_SRCS := Kbuild $(wildcard module/*.c module/*.h)

.PHONY: all module test-modules collector check lint unit e2e e2e-arm64 demo setup clean pnmi-kernel \
	check-faults check-lifecycle soak lockdep-kernel check-lockdep fuzz-long check-matrix

all: module collector

# Debian's default kernel, 6.12, and 6.12 PREEMPT_RT (lint builds the module
# for both; make check-matrix installs the other flavours it boots).
setup:
	@$(TOP)/tools/setup --kernel default --kernel 6.12 \
		--kernel $$($(TOP)/tools/kernel-abi --flavour rt 6.12 || echo 6.12-rt-unresolved)

module: $(MOD_BUILD)/triage_capture.ko

# Kbuild writes its objects beside the sources, so each kernel gets its own copy
# of the sources under build/ABI and its own objects there.
# A kernel tree that changed (a rebuilt pnmi kernel, new headers) rebuilds it.
$(MOD_BUILD)/triage_capture.ko: $(MODULE_SRCS) $(wildcard $(KDIR)/Module.symvers $(KDIR)/.config)
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): $(NO_HEADERS)" >&2; exit 1; }
	@mkdir -p $(MOD_BUILD)/module
	@cp -p Kbuild $(MOD_BUILD)/ && cp -p module/*.c module/*.h $(MOD_BUILD)/module/
	$(MAKE) -C $(KDIR) M=$(MOD_BUILD) $(KBUILD_ARCH) $(KBUILD_FAULT) W=1 KCFLAGS=-Werror modules
	@[ -n "$(TARCH)$(KBUILD_FAULT)" ] || ln -sf $(BUILD)/triage_capture.ko $(TOP)/module/triage_capture.ko

# Scenario modules of the end-to-end tests: build/ABI/tests/*.ko
test-modules: $(BUILD)/tests/.built

$(BUILD)/tests/.built: $(wildcard tests/modules/*.c) tests/modules/Kbuild \
		$(wildcard $(KDIR)/Module.symvers $(KDIR)/.config)
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): $(NO_HEADERS)" >&2; exit 1; }
	@mkdir -p $(BUILD)/tests
	@cp -p tests/modules/Kbuild tests/modules/*.c $(BUILD)/tests/
	$(MAKE) -C $(KDIR) M=$(BUILD)/tests $(KBUILD_ARCH) W=1 KCFLAGS=-Werror modules
	@touch $@

ifeq ($(TARCH),arm64)
# The collector cross-linked against Debian's arm64 libraries in the sysroot,
# from a copy of its sources under build/arm64 (the host build stays as it is).
XBUILD := $(TOP)/build/arm64
XLIB := $(SYSROOT)/lib/aarch64-linux-gnu:$(SYSROOT)/usr/lib/aarch64-linux-gnu
collector:
	@test -f "$(SYSROOT)/.complete" || { echo "no arm64 sysroot at $(SYSROOT): run tools/setup --arch arm64" >&2; exit 1; }
	@mkdir -p $(XBUILD)/collector $(XBUILD)/module
	@cp -p collector/Makefile collector/*.c collector/*.h $(XBUILD)/collector/
	@cp -p module/triage_format.h $(XBUILD)/module/
	PKG_CONFIG_LIBDIR=$(SYSROOT)/usr/lib/aarch64-linux-gnu/pkgconfig:$(SYSROOT)/usr/share/pkgconfig \
	PKG_CONFIG_SYSROOT_DIR=$(SYSROOT) \
	$(MAKE) -C $(XBUILD)/collector CC=$(CROSS_COMPILE)gcc LDFLAGS="-Wl,-rpath-link=$(XLIB)" triage-collect
	@ln -sf collector/triage-collect $(XBUILD)/triage-collect
else
collector:
	$(MAKE) -C collector
endif

# The README's test command.  Installs what is missing first.
check: setup
	@rc=0; \
	$(MAKE) -s lint || rc=1; \
	$(MAKE) -s unit || rc=1; \
	$(MAKE) -s check-install || rc=1; \
	$(MAKE) -s e2e || rc=1; \
	exit $$rc

# Kernel style: checkpatch.pl and kernel-doc clean, and the module builds
# warning-free with W=1 (the module rule already builds with W=1 -Werror).
lint: module
	$(MAKE) -s module KVER=6.12
	$(MAKE) -s module KVER=$$(tools/kernel-abi --flavour rt 6.12)
	$(MAKE) -s module FAULT=1
	tools/checkpatch

unit:
	$(MAKE) -C collector check
	tests/tools/kdump-kallsyms-fix.sh
	tests/tools/crashvm-boot-stall.sh

# Every scenario on Debian's default kernel (6.1), then the core set on 6.12
# (amd64 and arm64); SCENARIOS=... runs only those, on E2E_KERNEL.  The
# whole matrix (rt, arm64 rt) is make check-matrix.
E2E_612 ?= sysrq hung-selfdeadlock hung-abba hard-lockup arm64-panic arm64-irqoff-rpi4
e2e: module test-modules collector
	@rc=0; tests/e2e/run $(SCENARIOS) || rc=1; \
	if [ -z "$(SCENARIOS)" ] && [ -z "$(E2E_KERNEL)" ]; then \
		echo "--- the core set on 6.12"; \
		E2E_OUT=$${E2E_OUT:-/tmp/triage-e2e}/6.12 E2E_KERNEL=6.12 E2E_ARM64_KERNEL=6.12 \
			tests/e2e/run $(E2E_612) || rc=1; \
	fi; exit $$rc

# Slow runs, not in `make check` (figures for the notes and benchmarks):
#   check-faults     every injected fault, one crash each, and a table
#   check-lifecycle  1,000 load/unload cycles (LIFECYCLES=N), VMCOREINFO checked
#   soak             SOAK_MIN (20) minutes of stress with watchdog_ms=2000
#   fuzz-long        the collector's parsers under libFuzzer, 10^7 executions
#   check-matrix     the crash scenarios on every target kernel ({6.1, 6.12} x
#                    {generic, rt} x {amd64, arm64}, + pNMI), and a table
#                    (CELLS='amd64-6.12-rt arm64-6.1' for some; hours under TCG)
check-matrix: collector
	tests/e2e/matrix $(CELLS)
fuzz-long:
	$(MAKE) -C collector fuzz-long
check-faults: module test-modules collector
	tests/e2e/run slow-fault-matrix
check-lifecycle: module test-modules collector
	E2E_LIFECYCLES=$(or $(LIFECYCLES),1000) tests/e2e/run module-lifecycle
soak: module test-modules collector
	tests/e2e/run slow-soak

# Only the arm64 scenarios (they are also part of `make e2e`).
e2e-arm64:
	tests/e2e/run $(sort $(basename $(notdir $(wildcard tests/e2e/arm64-*.sh))))

# An arm64 kernel with GICv3 pseudo-NMI, from Debian's linux-source-6.1, for
# the arm64-irqoff-pnmi scenario (skipped until this ran once on the machine;
# cached in $(CACHE), ~10-25 min on 2 cores).
pnmi-kernel:
	tools/build-test-kernel pnmi

# An x86_64 kernel with PROVE_LOCKING, DEBUG_ATOMIC_SLEEP and KASAN (once per
# machine, cached), and the crash scenarios on it: any splat that names
# triage_capture fails them.  Not in `make check`.
LOCKDEP_SCENARIOS ?= sysrq panic oops-null hung-selfdeadlock hung-abba hung-rwsem-reader \
	soft-lockup soft-lockup-busy soft-lockup-leak hard-lockup fault-locks-held \
	fault-owner-exited fault-panic2 \
	fault-walk-corrupt fault-region-small fault-budget-watchdog
lockdep-kernel:
	tools/build-test-kernel lockdep
check-lockdep: lockdep-kernel
	E2E_KERNEL=$$(tools/kernel-abi lockdep) E2E_LOCKDEP=1 tests/e2e/run $(LOCKDEP_SCENARIOS)

# The README's main job: one crash in a VM, ending in a verdict.
DEMO_OUT ?= /tmp/triage-demo
demo: setup module collector
	qemu/crashvm --trigger 'echo c > /proc/sysrq-trigger' --out $(DEMO_OUT)
	@echo; cat $(DEMO_OUT)/triage.txt

clean:
	rm -rf build module/triage_capture.ko
	$(MAKE) -C collector clean

# ---- Installing on a host (packaging/, see packaging/README.md) ----------
#   make install     collector, units, kdump-tools hook, man pages, and the
#                    module for KVER (default: the running kernel) into
#                    /lib/modules/KVER/updates; DESTDIR= stages it instead
#   make dkms        the module as a DKMS package (rebuilt for every kernel)
#   make uninstall   remove it all (PURGE=1: changed config files too)
#   make check-install  fast: stage into a DESTDIR, check files, units, DKMS build
#   make test-install   slow: a real Debian 12 image in QEMU, crashed under kdump
INSTALL_KVER := $(if $(KVER),$(ABI),$(shell uname -r))
INSTALL_KDIR := $(if $(or $(KVER),$(filter command line environment,$(origin KDIR))),$(KDIR))
INSTALL_ARGS := $(if $(DESTDIR),--destdir $(DESTDIR)) --kver $(INSTALL_KVER) \
	$(if $(INSTALL_KDIR),--kdir $(INSTALL_KDIR))

.PHONY: install uninstall dkms check-install test-install deb

install: collector
	packaging/install $(INSTALL_ARGS) $(if $(filter 0 no,$(MODULE)),--no-module)

dkms:
	packaging/install --dkms $(INSTALL_ARGS)

uninstall:
	packaging/install --uninstall $(if $(DESTDIR),--destdir $(DESTDIR)) $(if $(filter 1,$(PURGE)),--purge)

check-install: collector
	tests/install/check-install

# The Debian packages triage-collect and triage-capture-dkms, built from this
# tree into build/deb (DEB_VERSION= bumps the version of the copy built).
deb:
	packaging/mkdeb $(if $(DEB_VERSION),--version $(DEB_VERSION))

test-install: collector
	tests/install/run $(TEST_INSTALL_CASES)
