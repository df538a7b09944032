# parpack - build, test, install.   `make V=1` shows the commands.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/parpack
LIBDIR  ?= $(PREFIX)/lib/parpack
LOCALEDIR ?= $(PREFIX)/share/locale
MANDIR  ?= $(PREFIX)/share/man
# bash-completion's own folder when installing under its prefix (/usr),
# else the same layout under PREFIX
BASHCOMPDIR ?= $(shell d=$$(pkg-config --variable=completionsdir bash-completion 2>/dev/null); \
            [ -n "$$d" ] && [ "$$(pkg-config --variable=prefix bash-completion)" = "$(PREFIX)" ] \
            && echo "$$d" || echo "$(PREFIX)/share/bash-completion/completions")
CC      ?= cc
CORE_PKGS = libxml-2.0 libxslt libexslt icu-uc icu-i18n libgcrypt
# libharu, fontconfig, libxlsxwriter, libzip and HarfBuzz's subsetter
# (and the libraries they bring) are in a module the program opens only
# to write or read a document (src/render/rendermod.c); GMime and libcurl (and
# the 37 libraries they bring) in two it opens only to write or send
# messages (src/mail/mailmod.c).
RENDER_PKGS = xlsxwriter fontconfig libzip harfbuzz-subset
MAIL_PKGS = gmime-3.0 libcurl
PKGS     = $(CORE_PKGS) $(RENDER_PKGS) $(MAIL_PKGS) $(SERVE_PKGS)
WARN     = -Wall -Wextra -Wpedantic -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
           -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CPPFLAGS)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
CORE_LIBS = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lm
RENDER_LIBS = $(shell pkg-config --libs libxml-2.0 $(RENDER_PKGS) 2>/dev/null) -lhpdf -lm
MODULES  = $(BUILD)/parpack-render.so $(BUILD)/parpack-mail.so \
           $(BUILD)/parpack-send.so $(BUILD)/parpack-serve.so
# `parpack serve` and `parpack user` (src/serve/): libmicrohttpd, SQLite,
# libargon2 and libzip in a module of their own (src/serve/open.c).
SERVE_PKGS = libmicrohttpd sqlite3 libargon2 libzip
SERVESRC = $(filter-out src/serve/open.c,$(wildcard src/serve/*.c)) src/base/zip.c
BUILD   ?= build
PROG    ?= parpack

ifeq ($(V),1)
Q =
else
Q = @
endif

# The floors of src/ (docs/design.md); the server, src/serve/, is a module
# of its own (SERVESRC).
SRC      = $(filter-out src/serve/%,$(wildcard src/*/*.c src/*/*/*.c))
# The program's own files: main.c, and the side of its modules that finds,
# opens and forwards to them (module.c, rendermod.c, mailmod.c, open.c); not in
# libparpack.a.
PROGSRC  = src/cli/main.c src/base/module.c src/render/rendermod.c \
           src/mail/mailmod.c src/serve/open.c
LIBSRC   = $(filter-out $(PROGSRC),$(SRC))
OBJ      = $(LIBSRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/appraisal_xsd.o \
           $(BUILD)/gen/paths.o
# The files built into the modules (libparpack.a, for the unit tests,
# has them too); the program is linked from every other object, so that
# it holds whatever a module takes from it.
RENDERSRC = src/render/doc.c $(wildcard src/render/pdf/*.c src/render/docx/*.c \
           src/render/xlsx/*.c) src/base/zip.c
MODSRC   = $(RENDERSRC) src/mail/mail.c src/packet/send.c
COREOBJ  = $(filter-out $(MODSRC:%.c=$(BUILD)/%.o),$(OBJ))
UNIT     = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(UNIT:tests/unit/%.c=$(BUILD)/tests/%)

# The message catalogs (po/LANG.po -> BUILD/locale/LANG/LC_MESSAGES/parpack.mo).
LINGUAS  = $(basename $(notdir $(wildcard po/*.po)))
MO       = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/parpack.mo)
# Every file with messages: the sources (diagnostics through pp_diag_*).
POTFILES = $(sort $(wildcard src/*/*.c src/*/*.h src/*/*/*.c src/*/*/*.h))
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
           --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
           --keyword=pp_diag_add:6 --keyword=pp_diag_vadd:6 \
           --keyword=pp_diag_error:5 --keyword=pp_diag_warning:5 \
           --keyword=S_err:3 --keyword=S_warn:3 --keyword=S_msg:3 \
           --keyword=pp_diag_cell:7 --flag=pp_diag_cell:7:c-format \
           --flag=pp_diag_add:6:c-format --flag=pp_diag_error:5:c-format \
           --flag=pp_diag_warning:5:c-format --flag=S_err:3:c-format \
           --flag=S_warn:3:c-format --flag=S_msg:3:c-format \
           --flag=_:1:pass-c-format \
           --package-name=parpack --package-version=$(VERSION) \
           --msgid-bugs-address=parpack --copyright-holder="The parpack authors" \
           --sort-by-file
VERSION  = $(shell sed -n 's/.*PP_VERSION "\(.*\)".*/\1/p' src/base/version.h)

.PHONY: FORCE fuzz-serve serve asan-inner all deps run test check unit e2e asan valgrind bench install \
        uninstall clean fuzz pot update-po po-check mo

all: $(PROG) mo

mo: $(MO)

$(BUILD)/locale/%/LC_MESSAGES/parpack.mo: po/%.po
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  MSGFMT $<" || true
	$(Q)msgfmt --check -o $@ $<

# `make pot`: extract every msgid into po/parpack.pot (the template);
# `make update-po`: pot, then merge it into every po/LANG.po (new msgids
# come in untranslated, changed ones fuzzy: translate them, then check
# with `make po-check`).
POT ?= po/parpack.pot
pot:
	$(Q)xgettext $(XGETTEXT_FLAGS) --exclude-file=po/exclude.pot \
	    -o $(POT) $(POTFILES)
	@echo "$(POT): $$(grep -c '^msgid ' $(POT)) msgids"

update-po: pot
	$(Q)for l in $(LINGUAS); do \
	    msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	        po/$$l.po po/parpack.pot || exit 1; \
	    msgattrib --no-obsolete -o po/$$l.po po/$$l.po || exit 1; \
	    printf '%s: ' $$l; msgfmt --check --statistics -o /dev/null po/$$l.po; \
	done

# The catalogs are complete: every msgid of today's sources translated,
# none fuzzy (msgfmt --check --statistics).
po-check:
	$(Q)$(MAKE) -s --no-print-directory pot POT=$(BUILD)/parpack.pot >/dev/null
	$(Q)for l in $(LINGUAS); do \
	    msgcmp po/$$l.po $(BUILD)/parpack.pot || \
	        { echo "po/$$l.po: run make update-po and translate"; exit 1; }; \
	    out=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/$$l.po 2>&1) || \
	        { echo "$$out"; exit 1; }; echo "po/$$l.po: $$out"; \
	    case $$out in *untranslated*|*fuzzy*) exit 1;; esac; \
	done

# Each object depends on the headers it includes, as the compiler lists
# them (-MMD, into OBJ.d beside it; -MP: a header deleted since is no
# error).
DEPFLAGS = -MMD -MP
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC  $<" || true
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The input schema is compiled into the program.
$(BUILD)/gen/appraisal_xsd.c: schemas/appraisal.xsd
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from schemas/appraisal.xsd */'; \
	  echo 'const unsigned char pp_appraisal_xsd[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00};'; \
	  echo 'const unsigned long pp_appraisal_xsd_len = sizeof pp_appraisal_xsd - 1;'; } > $@

# The install folders, compiled in; rebuilt whenever one changes, so that
# `make install PREFIX=/opt/x` after a plain `make` relinks with them.
# The stamp's recipe runs every time but rewrites the stamp only when
# they changed, so what depends on it is rebuilt only then.
PATHS = $(DATADIR)|$(LOCALEDIR)|$(LIBDIR)
$(BUILD)/gen/paths.txt: FORCE
	@mkdir -p $(dir $@)
	$(Q)[ "$$(cat $@ 2>/dev/null)" = '$(PATHS)' ] || printf '%s\n' '$(PATHS)' > $@
FORCE:
$(BUILD)/gen/paths.c: $(BUILD)/gen/paths.txt
	$(Q){ echo '/* generated by make from DATADIR and LOCALEDIR */'; \
	  echo '#include "base/paths.h"'; \
	  echo 'const char pp_datadir[] = "$(DATADIR)";'; \
	  echo 'const char pp_localedir[] = "$(LOCALEDIR)";'; } > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/libparpack.a: $(OBJ)
	$(Q)rm -f $@ && ar rcs $@ $(OBJ)

# The program: without the renderers' libraries, GMime and libcurl,
# exporting its pp_ symbols to the modules, which are linked -Bsymbolic so
# that their own calls stay inside.
$(BUILD)/src/base/module.o: ALL_CFLAGS += -DPP_MODDIR='"$(abspath $(BUILD))"' \
           -DPP_LIBDIR='"$(LIBDIR)"'
# LIBDIR is compiled in: rebuilt when `make install PREFIX=…` changes it
$(BUILD)/src/base/module.o: $(BUILD)/gen/paths.txt

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC  $< (module)" || true
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -c $< -o $@

$(BUILD)/parpack-render.so: $(RENDERSRC:%.c=$(BUILD)/pic/%.o)
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(RENDER_LIBS) $(LDFLAGS)

$(BUILD)/parpack-mail.so: $(BUILD)/pic/src/mail/mail.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(shell pkg-config --libs gmime-3.0) $(LDFLAGS)

$(BUILD)/parpack-send.so: $(BUILD)/pic/src/packet/send.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(shell pkg-config --libs libcurl) $(LDFLAGS)

# The pages' files (src/serve/www), compiled into the serve module.
SERVEWWW = $(wildcard src/serve/www/*)
$(BUILD)/gen/serve_www.c: $(SERVEWWW)
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from src/serve/www */'; \
	  for f in $(SERVEWWW); do \
	    n=ws_www_$$(basename $$f | tr '.-' '__'); \
	    echo "const unsigned char $$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00};'; \
	    echo "const unsigned long $${n}_len = sizeof $$n - 1;"; \
	  done; } > $@

$(BUILD)/pic/gen/serve_www.o: $(BUILD)/gen/serve_www.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -c $< -o $@

$(BUILD)/parpack-serve.so: $(SERVESRC:%.c=$(BUILD)/pic/%.o) $(BUILD)/pic/gen/serve_www.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(shell pkg-config --libs $(SERVE_PKGS)) -lpthread $(LDFLAGS)

$(PROG): $(PROGSRC:%.c=$(BUILD)/%.o) $(COREOBJ) | $(MODULES)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -Wl,--export-dynamic-symbol='pp_*' -o $@ $^ $(CORE_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libparpack.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -o $@ $< $(BUILD)/libparpack.a $(LIBS) -lcunit $(LDFLAGS)

# The header lists the compiler wrote (none before the first build).
-include $(wildcard $(BUILD)/src/*/*.d $(BUILD)/src/*/*/*.d $(BUILD)/pic/src/*/*.d \
           $(BUILD)/pic/src/*/*/*.d $(BUILD)/gen/*.d $(BUILD)/pic/gen/*.d \
           $(BUILD)/tests/*.d)

deps:
	@./tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory parpack
	./parpack check fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml
	./parpack build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml --out output/2022
	@echo "The packet is in output/2022 (manifest.tsv lists every file)."

# Every test: CUnit suites per module, then end-to-end scripts.
test: deps
	@$(MAKE) --no-print-directory all $(UNITBIN)
	@./tests/run.sh $(BUILD)

# The same tests without installing anything: names what is missing, stops.
check:
	@./tools/deps.sh --check
	@$(MAKE) --no-print-directory all $(UNITBIN)
	@./tests/run.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan PROG=build-asan/parpack \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" asan-inner

# intercept_tls_get_addr=0: LeakSanitizer's tracking of dynamic TLS
# mistakes glibc's TLS blocks for glibc 2.19's when one happens to sit at a
# certain offset in its page, then crashes reading them ("Tracer caught
# signal 11"; google/sanitizers#1322): whether it does depends on where the
# modules' and GMime's TLS land, not on parpack. Leaks are still checked.
asan-inner: $(PROG) mo $(UNITBIN)
	@ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0 PARPACK=$(CURDIR)/$(PROG) \
	    ./tests/run.sh $(BUILD)

# libFuzzer harnesses (clang, ASan + UBSan): the loader, build-fuzz/fuzz_load,
# and the form reader, build-fuzz/fuzz_form. Run them with seed corpora,
# e.g. for 60 s:
#   build-fuzz/fuzz_load -max_total_time=60 CORPUS_DIR fixtures fixtures/bad
#   build-fuzz/fuzz_form -max_total_time=60 CORPUS_DIR FORMS_DIR
FUZZSRC  = src/core/load.c src/core/milli.c src/core/xmlin.c src/core/legal.c \
           src/base/arena.c src/base/diag.c src/base/events.c src/base/viet.c
FUZZFORMSRC = src/render/xlsx/xlsx_read.c src/base/zip.c src/base/diag.c \
              src/base/events.c src/base/text.c
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    build-fuzz/fuzz_load build-fuzz/fuzz_form

$(BUILD)/fuzz_form: tests/fuzz/fuzz_form.c $(FUZZFORMSRC:%.c=$(BUILD)/%.o)
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/fuzz_load: tests/fuzz/fuzz_load.c $(FUZZSRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/appraisal_xsd.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS) $(LDFLAGS)

# The HTTP layer of `parpack serve` under random and malformed requests
# for 60 s, built with ASan and UBSan (tests/serve-fuzz.py).
fuzz-serve:
	@$(MAKE) --no-print-directory BUILD=build-asan PROG=build-asan/parpack \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" build-asan/parpack mo
	@w=$$(mktemp -d) && ROOT=$(CURDIR) PARPACK=$(CURDIR)/build-asan/parpack WORK=$$w \
	    SERVE_FUZZ_SECONDS=60 sh tests/e2e/serve_fuzz.sh; rc=$$?; rm -rf $$w; exit $$rc

# A demo workspace (Gia Lộc 2021 complete, 2022 blank with every form but
# one) served on 127.0.0.1: the address and a demo login are printed.
SERVE_DIR ?= $(BUILD)/demo-workspace
SERVE_LISTEN ?= 127.0.0.1:8080
serve: all
	@SERVE_DIR=$(SERVE_DIR) SERVE_LISTEN=$(SERVE_LISTEN) ./tools/serve-demo.sh ./$(PROG)

valgrind: deps
	@$(MAKE) --no-print-directory parpack $(UNITBIN)
	@./tools/valgrind.sh

bench: deps
	@$(MAKE) --no-print-directory parpack $(BUILD)/bench-pdf-fonts
	@./tools/bench.sh

# The PDF fonts' fixed cost, timed by make bench: linked with the
# renderer's own files.
$(BUILD)/bench-pdf-fonts: tools/bench-pdf-fonts.c $(BUILD)/libparpack.a
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libparpack.a $(LIBS) $(LDFLAGS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(LIBDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(MANDIR)/vi/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/parpack
	install -m 644 $(MODULES) $(DESTDIR)$(LIBDIR)/
	cp -R templates/. $(DESTDIR)$(DATADIR)/templates/
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/parpack.mo \
	        $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/parpack.mo || exit 1; \
	done
	install -m 644 docs/parpack.1 $(DESTDIR)$(MANDIR)/man1/parpack.1
	install -m 644 docs/parpack.vi.1 $(DESTDIR)$(MANDIR)/vi/man1/parpack.1
	install -m 644 tools/parpack.bash $(DESTDIR)$(BASHCOMPDIR)/parpack

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/parpack $(DESTDIR)$(MANDIR)/man1/parpack.1 \
	    $(DESTDIR)$(MANDIR)/vi/man1/parpack.1 $(DESTDIR)$(BASHCOMPDIR)/parpack
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/parpack.mo; done
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBDIR)

clean:
	rm -rf build build-asan build-fuzz parpack
