# Rapport - build, test and run. `make run` and `make check` are the two
# commands in README.md; `make deps` installs the Debian packages they need.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc

# Debian packages: to build, to run, to test. nodejs and npm count as
# installed when `node` and `npm` are on the PATH (e.g. NodeSource's nodejs,
# which bundles npm and conflicts with Debian's npm package).
DEB_BUILD = gcc make pkg-config gettext libsqlite3-dev libjansson-dev libsodium-dev libssl-dev libnova-dev libicu-dev libical-dev libcurl4-openssl-dev libh2o-evloop-dev libcsv-dev libpq-dev libgmime-3.0-dev
DEB_RUN = iso-codes tzdata locales libical3 libcurl4 libh2o-evloop0.13 libcsv3 libpq5 libgmime-3.0-0
# curl and openssl for the HTTP tests (requests, a throwaway certificate); wrk for `make bench`;
# clang (with its libFuzzer runtime) for the fuzz harnesses (make fuzz, and their seeds replayed by make check).
DEB_TEST = libcriterion-dev bats sqlite3 clang xxd python3 python3-icalendar python3-aiosmtpd nodejs npm curl openssl wrk postgresql
# GNU parallel lets bats run two tests at a time (bats --jobs) in make check-pg.
DEB_TEST += parallel
# The browser tests drive Debian's chromium; Noto CJK renders the Chinese pages in their screenshots.
DEB_TEST += chromium fonts-noto-cjk
DEB_PKGS = $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST)

PKGS = sqlite3 jansson libsodium libssl libcrypto icu-i18n icu-uc libical libcurl libh2o-evloop libpq gmime-3.0
# Recursively expanded: evaluated when a recipe runs, after `make deps`.
# libnova (the sun and the moon for the lunisolar calendars) and libcsv (the
# CSV reader of rapport import) have no .pc file.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lnova -lcsv -lm -pthread

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
# h2o's headers pick libuv unless told otherwise; Debian's libh2o-evloop is
# the build with h2o's own event loop.
DEFS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DH2O_USE_LIBUV=0 -pthread -Isrc
CFLAGS ?= -O2 -g
SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRCS = $(wildcard src/*.c src/store/*.c src/util/*.c src/calendar/*.c src/web/*.c)
LIB_SRCS = $(filter-out src/main.c,$(SRCS))
UNIT_SRCS = $(wildcard tests/unit/*.c)

# The web app's translations: po/LANG.po, compiled by msgfmt --check (which
# refuses a translation whose printf directives differ from its msgid's)
# into build/locale, where rapport finds them beside itself (web/i18n.c).
# po/rapport.pot is extracted from src/web/*.c and what the agenda says
# (src/agenda.c's tr_ texts) by `make po`, which also merges it into every
# po/LANG.po.
PO_LANGS = zh_CN
MO_FILES = $(PO_LANGS:%=build/locale/%/LC_MESSAGES/rapport.mo)
PO_SRCS = $(sort $(wildcard src/web/*.c)) src/agenda.c
XGETTEXT_OPTS = --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=tr_:2 \
	--add-comments=TRANSLATORS: --add-location=file --package-name=rapport --msgid-bugs-address=none

REL_OBJS = $(SRCS:%.c=build/rel/%.o)
ASAN_OBJS = $(SRCS:%.c=build/asan/%.o)
ASAN_LIB = $(LIB_SRCS:%.c=build/asan/%.o)
REL_LIB = $(LIB_SRCS:%.c=build/rel/%.o)

.PHONY: all deps po check check-pg crashtest fuzz run bench install clean
.SECONDARY:
.DEFAULT_GOAL := all

all: rapport $(MO_FILES)

rapport: $(REL_OBJS)
	$(CC) $(CFLAGS) -o $@ $(REL_OBJS) $(PKG_LIBS)

build/locale/%/LC_MESSAGES/rapport.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

po:
	xgettext $(XGETTEXT_OPTS) -o po/rapport.pot $(PO_SRCS)
	@for l in $(PO_LANGS); do msgmerge --quiet --update --backup=none po/$$l.po po/rapport.pot || exit 1; done

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(SAN) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/rapport: $(ASAN_OBJS)
	$(CC) $(SAN) -o $@ $(ASAN_OBJS) $(PKG_LIBS)

build/asan/unit-tests: $(UNIT_SRCS:%.c=build/asan/%.o) $(ASAN_LIB)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs criterion)

build/asan/crash-appender: build/asan/tests/crash/appender.o $(ASAN_LIB)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

# One program per bench/NAME.c, linked with the library.
BENCHES = $(patsubst bench/%.c,build/rel/bench-%,$(wildcard bench/*.c))

build/rel/bench-%: build/rel/bench/%.o $(REL_LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# libFuzzer harnesses, one per tests/fuzz/fuzz_NAME.c, built with clang
# against the library compiled with the fuzzer's coverage and ASan + UBSan.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZERS = $(FUZZ_NAMES:%=build/fuzz/fuzz-%)
FUZZ_LIB = $(LIB_SRCS:%.c=build/fuzz/%.o)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(DEFS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/fuzz-%: build/fuzz/tests/fuzz/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

TEST_BINS = build/asan/rapport build/asan/unit-tests build/asan/crash-appender $(FUZZERS)

# ical.js (the parser Thunderbird uses) for the calendar feed's tests, at
# the version pinned in tests/ical/package-lock.json.
ICALJS = tests/ical/node_modules/ical.js/package.json

$(ICALJS): tests/ical/package.json tests/ical/package-lock.json
	cd tests/ical && npm ci --no-audit --no-fund
	@touch $@

# An OpenAPI 3.1 validator and Ajv for docs/openapi.yaml's tests, at the
# versions pinned in tests/api/package-lock.json.
APIJS = tests/api/node_modules/@seriousme/openapi-schema-validator/package.json

$(APIJS): tests/api/package.json tests/api/package-lock.json
	cd tests/api && npm ci --no-audit --no-fund
	@touch $@

# playwright-core for the browser tests (tests/browser/run.mjs), at the
# version pinned in tests/browser/package-lock.json; it drives Debian's
# chromium, never a browser of its own.
PLAYWRIGHT = tests/browser/node_modules/playwright-core/package.json

$(PLAYWRIGHT): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	@touch $@

# Unit tests (Criterion), CLI, HTTP and browser tests, all under ASan + UBSan.
check: $(TEST_BINS) $(ICALJS) $(APIJS) $(PLAYWRIGHT) $(MO_FILES)
	@tests/run

# The unit tests, the PostgreSQL-only tests (concurrent writers, migrate)
# and the CLI and HTTP suites against a throwaway PostgreSQL server
# (tests/pg/server: initdb and pg_ctl from Debian's postgresql package, in a
# temporary directory on a loopback port).
check-pg: build/asan/rapport build/asan/unit-tests build/asan/crash-appender $(ICALJS) $(APIJS) $(MO_FILES)
	@tests/pg/run

crashtest: $(TEST_BINS)
	@CRASH_RUNS=100 bats tests/cli/t0900-crash.bats

# Each harness for FUZZ_SECONDS from its seeds (tests/fuzz/corpus/NAME)
# and what earlier runs found (build/fuzz/corpus/NAME); a crash stops here
# with its input in build/fuzz/crashes/NAME/. Not part of check, which only
# replays the seeds (tests/cli/t0480-fuzz.bats).
fuzz: $(FUZZERS)
	@for n in $(FUZZ_NAMES); do \
	  mkdir -p build/fuzz/corpus/$$n build/fuzz/crashes/$$n; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$n/ build/fuzz/corpus/$$n tests/fuzz/corpus/$$n || exit 1; \
	done

# bench-http loads ./rapport serve with wrk (see bench/http.c).
bench: $(BENCHES) rapport
	@for b in $(BENCHES); do $$b || exit 1; echo; done

# The Chinese pages need glibc's zh_CN.UTF-8 locale: gettext answers each
# server thread in the language of its locale (uselocale), and a locale
# that is not installed cannot be made. Debian's `locales` package (in
# DEB_RUN) has the sources; deps enables zh_CN.UTF-8 in /etc/locale.gen and
# runs locale-gen, which compiles only the enabled locales (a few MB), where
# `locales-all` would unpack every locale (~230 MB). Enabling it in
# locale.gen rather than calling localedef directly keeps it when a
# `locales` upgrade regenerates the archive.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  case $$p in nodejs) command -v node >/dev/null && continue;; npm) command -v npm >/dev/null && continue;; esac; \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: every Debian package is installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "deps: missing Debian packages:$$missing"; \
	  echo "deps: install them with: sudo apt-get install -y$$missing"; exit 1; \
	fi
	@if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\{0,1\}8'; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: enabling the zh_CN.UTF-8 locale"; \
	  if grep -q '^# *zh_CN\.UTF-8 UTF-8' /etc/locale.gen; then sed -i 's/^# *\(zh_CN\.UTF-8 UTF-8\)/\1/' /etc/locale.gen; \
	  elif ! grep -q '^zh_CN\.UTF-8 UTF-8' /etc/locale.gen; then echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen; fi; \
	  locale-gen; \
	else \
	  echo "deps: the zh_CN.UTF-8 locale is missing; add it with:"; \
	  echo "  sudo sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen && sudo locale-gen"; exit 1; \
	fi

DEMO_DB ?= rapport.db

run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@scripts/first-run ./rapport $(DEMO_DB)

# The catalogs go to PREFIX/share/locale, which rapport finds as
# ../share/locale from its own directory (or set RAPPORT_LOCALEDIR).
LOCALEDIR ?= $(PREFIX)/share/locale

install: rapport $(MO_FILES)
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 rapport $(DESTDIR)$(BINDIR)/rapport
	@for l in $(PO_LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 0644 build/locale/$$l/LC_MESSAGES/rapport.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/rapport.mo || exit 1; \
	done

clean:
	rm -rf build rapport tests/ical/node_modules tests/api/node_modules tests/browser/node_modules

-include $(wildcard build/*/*.d build/*/*/*.d build/*/*/*/*.d)
