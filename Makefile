# Career Copilot: the one entry point.
#   make run    install what is missing, build, migrate and serve on SQLite (port 8080)
#   make test   every suite (scripts/run-tests): layer checks, C unit tests, fuzz harnesses,
#               store contract and API suites on SQLite and PostgreSQL (a throwaway cluster is
#               started and stopped here), scale tests, evaluation sets, browser tests
#   make        build build/copilot only
#   make asan / make valgrind   the test suites under sanitizers / valgrind
#   make fuzz   every libFuzzer harness of fuzz/ for FUZZ_SECONDS (default 60) each
#   make lint   the source checks alone: formatting, include layers, cppcheck, the docs against the tree
SHELL     := /bin/bash
CC        ?= cc
BUILD     ?= build
PKGS      := libmicrohttpd jansson sqlite3 libpq libsodium libcurl libzip libxml-2.0 zlib
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wno-unused-parameter -Wno-missing-field-initializers
OPT       ?= -O2 -g
CFLAGS    := -std=gnu17 $(OPT) $(WARN) -D_GNU_SOURCE -Isrc $(EXTRA_CFLAGS) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
LDFLAGS   := $(EXTRA_LDFLAGS)

SRC_DIRS  := src/lib src/core src/store src/model src/http src/api src/cli
LIB_SRCS  := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
LIB_OBJS  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) $(BUILD)/obj/gen/embedded.o
MIGRATIONS:= $(sort $(wildcard migrations/sqlite/*.sql migrations/postgresql/*.sql))
WEB_FILES := $(sort $(shell find web -type f 2>/dev/null))
ASSETS    := $(sort $(filter-out %.md,$(wildcard assets/*)))
# unit tests mirror src/: tests/unit/<layer>/test_<module>.c -> $(BUILD)/tests/<layer>/test_<module>
UNIT_SRCS := $(wildcard tests/unit/*/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
STORE_BIN := $(BUILD)/tests/store_contract
# the interview evaluation set's runner (tests/eval/interview/README.md)
EVAL_BINS := $(BUILD)/tests/interview_eval
# libFuzzer harnesses: fuzz/fuzz_<name>.c -> build-fuzz/fuzz/fuzz_<name>, clang only, linked
# against the sources compiled with -fsanitize=fuzzer-no-link,address,undefined in build-fuzz/
FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang-14
FUZZ_SRCS    := $(wildcard fuzz/fuzz_*.c)
FUZZ_BINS    := $(patsubst fuzz/%.c,$(FUZZ_BUILD)/fuzz/%,$(FUZZ_SRCS))
# the same harnesses with fuzz/replay.c for a driver: the committed seeds replayed (make valgrind)
REPLAY_BINS  := $(patsubst fuzz/%.c,$(BUILD)/fuzz-replay/%,$(FUZZ_SRCS))
FUZZ_OPT     := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
                -fno-sanitize-recover=all

.PHONY: all run test unit setup asan valgrind bench clean format lint \
        screenshots fuzz fuzz-build

all: $(BUILD)/copilot

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# The list of embedded files is rewritten only when it changes, so adding or deleting a file
# rebuilds embedded.c as editing one does.
$(BUILD)/gen/files.txt: FORCE
	@mkdir -p $(dir $@)
	@echo $(MIGRATIONS) $(WEB_FILES) $(ASSETS) > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(BUILD)/gen/embedded.c: scripts/embed $(BUILD)/gen/files.txt $(MIGRATIONS) $(WEB_FILES) $(ASSETS)
	@mkdir -p $(dir $@)
	scripts/embed $(MIGRATIONS) $(WEB_FILES) $(ASSETS) > $@.tmp && mv $@.tmp $@

FORCE:

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -c $< -o $@

$(BUILD)/libcopilot.a: $(filter-out $(BUILD)/obj/main.o,$(LIB_OBJS))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/copilot: $(BUILD)/obj/main.o $(BUILD)/libcopilot.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcopilot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Isrc -o $@ $< $(BUILD)/libcopilot.a $(LDFLAGS) $(LDLIBS) -lcmocka

$(STORE_BIN): tests/store/store_contract.c $(BUILD)/libcopilot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Isrc -o $@ $< $(BUILD)/libcopilot.a $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tests/interview_eval: tests/eval/interview_eval.c $(BUILD)/libcopilot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(BUILD)/libcopilot.a $(LDFLAGS) $(LDLIBS)

# a harness (only ever asked for with BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC), by fuzz-build)
$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz.h $(BUILD)/libcopilot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ifuzz -fsanitize=fuzzer -o $@ $< $(BUILD)/libcopilot.a $(LDFLAGS) $(LDLIBS)

# a harness driven by fuzz/replay.c instead of libFuzzer, with the build's own compiler (the
# harnesses are written for clang: gcc's maybe-uninitialized guesses are off; valgrind sees real ones)
$(BUILD)/fuzz-replay/%: fuzz/%.c fuzz/replay.c fuzz/fuzz.h $(BUILD)/libcopilot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-maybe-uninitialized -Ifuzz -o $@ $< fuzz/replay.c $(BUILD)/libcopilot.a $(LDFLAGS) $(LDLIBS)

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="$(FUZZ_OPT)" \
	    EXTRA_LDFLAGS="-fsanitize=address,undefined" $(FUZZ_BINS)

# every harness for FUZZ_SECONDS (scripts/fuzz: 2 at once; crashes, leaks and sanitizer reports fail)
fuzz: setup fuzz-build
	scripts/fuzz --seconds $(FUZZ_SECONDS) $(FUZZ_BUILD)

setup:
	scripts/setup

run: setup
	$(MAKE) all
	mkdir -p data
	$(BUILD)/copilot serve

# make test and make valgrind build with a job per core unless make was given -j itself (CI runs a
# plain `make test`); expanded in the recipe, where MAKEFLAGS shows -j
NPROC     := $(shell nproc 2>/dev/null || echo 2)
BUILD_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC))

# Every suite; the PostgreSQL cluster is started once and always stopped (trap in the script).
# The fuzz build (clang, build-fuzz/) shares the jobs with the build's own.
test: setup
	$(MAKE) $(BUILD_JOBS) all $(UNIT_BINS) $(STORE_BIN) $(EVAL_BINS) $(if $(FUZZ_IN_TEST),fuzz-build)
	FUZZ_BUILD=$(if $(FUZZ_IN_TEST),$(FUZZ_BUILD)) scripts/run-tests $(BUILD)

unit: all $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $(RUNNER) $$t; done

# the fuzz suite of make test (each harness for 10 s): not again under make asan
FUZZ_IN_TEST ?= 1

# COPILOT_TEST_SLOW: the API suites' and browser tests' bounds on a hang times 4 for the slower
# ASan+UBSan binary (tests/api/helpers.mjs' SLOW, tests/e2e/run's E2E_TEST_TIMEOUT; valgrind's
# RUNNER makes it 20); TESTS_LIMIT: scripts/run-tests' bound on the whole run (seconds; 2700 for
# make test, 0 = none)
asan:
	COPILOT_TEST_SLOW=4 TESTS_LIMIT=7200 $(MAKE) FUZZ_IN_TEST= BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" EXTRA_LDFLAGS="-fsanitize=address,undefined" test

# valgrind runs in its own build directory so a rebuild of build/ cannot pull the binary away
valgrind:
	$(MAKE) $(BUILD_JOBS) BUILD=build-valgrind all $(patsubst $(BUILD)/%,build-valgrind/%,$(UNIT_BINS) $(STORE_BIN) $(EVAL_BINS) $(REPLAY_BINS))
	RUNNER="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite -q" \
	    TESTS_LIMIT=0 scripts/run-tests build-valgrind

bench: all
	bench/run

# every view photographed at 1280x800 and 390x844 into build/screenshots/
screenshots: all
	tests/e2e/run --screenshots

format:
	scripts/check-format --fix

# the source checks of make test alone (formatting, the include layers, cppcheck), and the docs
# against the tree (scripts/check-docs, which make test does not run)
lint:
	scripts/check-format
	scripts/check-layers
	scripts/check-cppcheck
	scripts/check-docs

clean:
	rm -rf build build-asan build-valgrind $(FUZZ_BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# Debian package of the binary, units, default configuration and man page (scripts/build-deb):
# $(BUILD)/copilot_<version>_<arch>.deb
.PHONY: deb
deb: all
	scripts/build-deb $(BUILD)
