# Workbench: build, install and package.
#
#   make                      release build (static Swift standard library: runs without the toolchain)
#   make install PREFIX=~/.local        binary, bash/zsh/fish completions, man pages
#   make uninstall PREFIX=~/.local
#   make test | demo | bench | conformance | package | test-packaging | test-schema
#
# Variables: PREFIX (/usr/local), DESTDIR (staging root, for packagers), CONFIG (release|debug),
# SCRATCH (the SwiftPM scratch path, .build), SWIFT (swift). `make install` builds first when the
# binary is missing; to install a binary built elsewhere, give BIN=path/to/workbench.

PREFIX  ?= /usr/local
DESTDIR ?=
CONFIG  ?= release
SCRATCH ?= .build
SWIFT   ?= swift
BIN     ?= $(SCRATCH)/$(CONFIG)/workbench
GEN     ?= $(SCRATCH)/generated
# The Swift standard library, Foundation and Dispatch linked into the binary, so it runs without the
# toolchain. The binary uses FoundationEssentials (through swift-argument-parser); this toolchain's static Foundation needs its companions
# named explicitly (without them the link fails on CoreFoundation symbols). A static build recompiles the
# executable's module; scripts/package-deb then removes those objects so a later dynamic build in the same
# scratch path recompiles it instead of failing to link.
STATIC_LINK = --static-swift-stdlib -Xlinker -lCoreFoundation -Xlinker -l_FoundationICU -Xlinker -lFoundationEssentials \
	-Xlinker -l_FoundationCShims -Xlinker -l_FoundationCollections -Xlinker -lswiftSynchronization

bindir   = $(DESTDIR)$(PREFIX)/bin
sharedir = $(DESTDIR)$(PREFIX)/share
mandir   = $(sharedir)/man/man1
bashdir  = $(sharedir)/bash-completion/completions
zshdir   = $(sharedir)/zsh/site-functions
fishdir  = $(sharedir)/fish/vendor_completions.d
datadir  = $(sharedir)/workbench

.PHONY: all build completions man install uninstall test demo bench conformance package test-packaging test-schema clean-generated

all: build

build:
	$(SWIFT) build -c $(CONFIG) --scratch-path $(SCRATCH) --product workbench $(STATIC_LINK)

$(BIN):
	$(MAKE) build CONFIG=$(CONFIG) SCRATCH=$(SCRATCH)

# Completions come from the argument definitions (swift-argument-parser), through the binary itself.
completions: $(BIN)
	mkdir -p $(GEN)/completions
	$(BIN) --generate-completion-script bash > $(GEN)/completions/workbench.bash
	$(BIN) --generate-completion-script zsh > $(GEN)/completions/_workbench
	$(BIN) --generate-completion-script fish > $(GEN)/completions/workbench.fish

# Man pages come from the same definitions, through the binary's --experimental-dump-help output.
man: $(BIN)
	scripts/generate-man $(BIN) $(GEN)/man

install: completions man
	install -d $(bindir) $(mandir) $(bashdir) $(zshdir) $(fishdir) $(datadir)
	install -m 0755 $(BIN) $(bindir)/workbench
	install -m 0644 $(GEN)/man/*.1 $(mandir)/
	install -m 0644 $(GEN)/completions/workbench.bash $(bashdir)/workbench
	install -m 0644 $(GEN)/completions/_workbench $(zshdir)/_workbench
	install -m 0644 $(GEN)/completions/workbench.fish $(fishdir)/workbench.fish
	install -m 0644 schema/collection.schema.json $(datadir)/collection.schema.json
	install -d $(datadir)/examples
	install -m 0644 collections/demo.json collections/chaining.json $(datadir)/examples/

uninstall:
	rm -f $(bindir)/workbench
	rm -f $(mandir)/workbench.1 $(mandir)/workbench-*.1
	rm -f $(bashdir)/workbench $(zshdir)/_workbench $(fishdir)/workbench.fish
	rm -f $(datadir)/collection.schema.json $(datadir)/examples/demo.json $(datadir)/examples/chaining.json
	-rmdir $(datadir)/examples $(datadir) 2>/dev/null

test:
	scripts/test

demo:
	scripts/demo

bench:
	scripts/bench

conformance:
	scripts/conformance

package:
	scripts/package-deb --configuration $(CONFIG) --scratch-path $(SCRATCH)

test-packaging:
	scripts/test-packaging

test-schema:
	scripts/test-schema $(BIN)

clean-generated:
	rm -rf $(GEN)
