# parpack - build, test, install.   `make V=1` shows the commands.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CORE_PKGS = libxml-2.0 libxslt libexslt xlsxwriter icu-uc icu-i18n fontconfig \
           libcrypto libzip
# GMime and libcurl (and the 37 libraries they bring) are in a module the
# program opens only to write or send messages (src/mailmod.c).
MAIL_PKGS = gmime-3.0 libcurl
PKGS     = $(CORE_PKGS) $(MAIL_PKGS)
WARN     = -Wall -Wextra -Wpedantic -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
           -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
           -DPP_DATADIR='"$(PREFIX)/share/parpack"'
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lm
CORE_LIBS = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lhpdf -lm
MODULES  = $(BUILD)/parpack-mail.so $(BUILD)/parpack-send.so
BUILD   ?= build
PROG    ?= parpack

ifeq ($(V),1)
Q =
else
Q = @
endif

SRC      = $(wildcard src/*.c src/pdf/*.c)
LIBSRC   = $(filter-out src/main.c src/mailmod.c,$(SRC))
OBJ      = $(LIBSRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/appraisal_xsd.o
UNIT     = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(UNIT:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: asan-inner all deps run test unit e2e asan valgrind bench install uninstall clean fuzz

all: $(PROG)

$(BUILD)/%.o: %.c $(wildcard include/parpack/*.h src/*.h src/pdf/*.h)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC  $<" || true
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The input schema is compiled into the program.
$(BUILD)/gen/appraisal_xsd.c: schemas/appraisal.xsd
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from schemas/appraisal.xsd */'; \
	  echo 'const unsigned char pp_appraisal_xsd[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00};'; \
	  echo 'const unsigned long pp_appraisal_xsd_len = sizeof pp_appraisal_xsd - 1;'; } > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libparpack.a: $(OBJ)
	$(Q)rm -f $@ && ar rcs $@ $(OBJ)

# The program: without GMime and libcurl, exporting its pp_ symbols to the
# mail module, which is linked -Bsymbolic so that its calls stay inside.
$(BUILD)/src/mailmod.o: ALL_CFLAGS += -DPP_MODDIR='"$(abspath $(BUILD))"' \
           -DPP_LIBDIR='"$(PREFIX)/lib/parpack"'

$(BUILD)/pic/%.o: %.c $(wildcard include/parpack/*.h src/*.h)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC  $< (module)" || true
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -c $< -o $@

$(BUILD)/parpack-mail.so: $(BUILD)/pic/src/mail.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(shell pkg-config --libs gmime-3.0) $(LDFLAGS)

$(BUILD)/parpack-send.so: $(BUILD)/pic/src/send.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(shell pkg-config --libs libcurl) $(LDFLAGS)

$(PROG): $(BUILD)/src/main.o $(BUILD)/src/mailmod.o $(BUILD)/libparpack.a | $(MODULES)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -Wl,--export-dynamic-symbol='pp_*' -o $@ $^ $(CORE_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libparpack.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libparpack.a $(LIBS) -lcunit $(LDFLAGS)

deps:
	@./tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory parpack
	./parpack check fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml
	./parpack build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml --out output/2022
	@echo "The packet is in output/2022 (manifest.tsv lists every file)."

# Every test: CUnit suites per module, then end-to-end scripts.
test: deps
	@$(MAKE) --no-print-directory parpack $(UNITBIN)
	@./tests/run.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan PROG=build-asan/parpack \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" asan-inner

asan-inner: $(PROG) $(UNITBIN)
	@ASAN_OPTIONS=detect_leaks=1 PARPACK=$(CURDIR)/$(PROG) ./tests/run.sh $(BUILD)

# A libFuzzer harness of the loader (clang, ASan + UBSan): build-fuzz/fuzz_load.
# Run it with the fixtures as seed corpus, e.g. for 60 s:
#   build-fuzz/fuzz_load -max_total_time=60 CORPUS_DIR fixtures fixtures/bad
FUZZSRC  = src/load.c src/xmlin.c src/legal.c src/arena.c src/diag.c src/viet.c
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    build-fuzz/fuzz_load

$(BUILD)/fuzz_load: tests/fuzz/fuzz_load.c $(FUZZSRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/appraisal_xsd.o
	@[ -n "$(Q)" ] && echo "  LD  $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS) $(LDFLAGS)

valgrind: deps
	@$(MAKE) --no-print-directory parpack $(UNITBIN)
	@./tools/valgrind.sh

bench: deps
	@$(MAKE) --no-print-directory parpack
	@./tools/bench.sh

install: $(PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/parpack/templates
	install -m 755 parpack $(DESTDIR)$(PREFIX)/bin/parpack
	install -d $(DESTDIR)$(PREFIX)/lib/parpack
	install -m 644 $(MODULES) $(DESTDIR)$(PREFIX)/lib/parpack/
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/parpack/templates/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/parpack
	rm -rf $(DESTDIR)$(PREFIX)/share/parpack
	rm -rf $(DESTDIR)$(PREFIX)/lib/parpack

clean:
	rm -rf build build-asan build-fuzz parpack
