# triage — top-level Makefile.  See README.md.
#
#   make                 module (for the default test kernel) + collector
#   make module KVER=ABI build/ABI/triage_capture.ko (ABI from tools/kernel-abi)
#   make collector       collector/triage-collect
#   make check           unit tests + end-to-end scenarios in QEMU
#   make demo            one crash in a VM, ending in a verdict

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The kernel to build the module against.  KDIR wins; otherwise KVER (an ABI
# such as 6.1.0-56-amd64, or a series such as 6.12) is resolved with
# tools/kernel-abi to the Debian headers package.
KVER ?=
ifneq ($(KDIR),)
  ABI := $(notdir $(patsubst %/,%,$(KDIR)))
else
  ABI := $(shell $(TOP)/tools/kernel-abi $(KVER) 2>/dev/null)
  KDIR := /usr/src/linux-headers-$(ABI)
endif
BUILD := $(TOP)/build/$(ABI)

MODULE_SRCS := Kbuild $(wildcard module/*.c module/*.h)

.PHONY: all module test-modules collector check lint unit e2e demo setup clean

all: module collector

setup:
	@$(TOP)/tools/setup

module: $(BUILD)/triage_capture.ko

# Kbuild writes its objects beside the sources, so each kernel gets its own copy
# of the sources under build/ABI and its own objects there.
$(BUILD)/triage_capture.ko: $(MODULE_SRCS)
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): run tools/setup (or set KDIR)" >&2; exit 1; }
	@mkdir -p $(BUILD)/module
	@cp -p Kbuild $(BUILD)/ && cp -p module/*.c module/*.h $(BUILD)/module/
	$(MAKE) -C $(KDIR) M=$(BUILD) W=1 KCFLAGS=-Werror modules
	@ln -sf $(BUILD)/triage_capture.ko $(TOP)/module/triage_capture.ko

# Scenario modules of the end-to-end tests: build/ABI/tests/*.ko
test-modules: $(BUILD)/tests/.built

$(BUILD)/tests/.built: $(wildcard tests/modules/*.c) tests/modules/Kbuild
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR): run tools/setup (or set KDIR)" >&2; exit 1; }
	@mkdir -p $(BUILD)/tests
	@cp -p tests/modules/Kbuild tests/modules/*.c $(BUILD)/tests/
	$(MAKE) -C $(KDIR) M=$(BUILD)/tests W=1 KCFLAGS=-Werror modules
	@touch $@

collector:
	$(MAKE) -C collector

# The README's test command.  Installs what is missing first.
check: setup
	@rc=0; \
	$(MAKE) -s lint || rc=1; \
	$(MAKE) -s unit || rc=1; \
	$(MAKE) -s e2e || rc=1; \
	exit $$rc

# Kernel style: checkpatch.pl and kernel-doc clean, and the module builds
# warning-free with W=1 (the module rule already builds with W=1 -Werror).
lint: module
	tools/checkpatch

unit:
	$(MAKE) -C collector check

e2e: module test-modules collector
	tests/e2e/run $(SCENARIOS)

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

.PHONY: install uninstall dkms check-install test-install

install: collector
	packaging/install $(INSTALL_ARGS) $(if $(filter 0 no,$(MODULE)),--no-module)

dkms:
	packaging/install --dkms $(INSTALL_ARGS)

uninstall:
	packaging/install --uninstall $(if $(DESTDIR),--destdir $(DESTDIR)) $(if $(filter 1,$(PURGE)),--purge)

check-install: collector
	tests/install/check-install

test-install: collector
	tests/install/run $(TEST_INSTALL_CASES)
