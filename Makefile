# Clearpost — one hand-written Makefile.
#   make run    install what is missing, build, start the whole stack
#               on 127.0.0.1:$${CLEARPOST_PORT:-8080} in the foreground
#   make test   install, build, unit tests, then integration tests against
#               a private stack on a free port
#   make start / make stop   the stack in the background
#   make install [PREFIX=/usr/local] [DESTDIR=/tmp/stage]
#               programs, templates, static files, SQL, man page, example
#               configuration, systemd units and logrotate file in FHS
#               places (README, "Deploying on a server")

CC      ?= cc
PKGS    := libmariadb openssl libcurl libcmark
CS_INC  := -I/usr/include/ClearSilver
CS_LIB  := -lneo_cgi -lneo_cs -lneo_utl -lz
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2
ifneq ($(CI),)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
           -fstack-protector-strong -D_FORTIFY_SOURCE=2 -MMD -MP \
           $(CS_INC) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lfcgi $(CS_LIB)

# Where make install puts things (and where the programs look: the paths
# are built into config.o and clearpost.o, rebuilt when they change).
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
PKGLIBDIR  ?= $(PREFIX)/lib/clearpost
DATADIR    ?= $(PREFIX)/share/clearpost
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system
LOGDIR     ?= /var/log/clearpost
DESTDIR    ?=
PATH_DEFS  := -DCP_DATADIR='"$(DATADIR)"' \
              -DCP_CONFIG_FILE='"$(SYSCONFDIR)/clearpost/clearpost.hdf"'

B := build
LIB_SRC := $(wildcard src/core/*.c src/db/*.c src/pages/*.c \
           src/platform/*.c) src/phi/phi.c
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/phi/dict.o
CLI_SRC := $(wildcard src/cli/*.c)

# The scanner's word table, generated from the shipped lists (src/phi/data,
# see SOURCES.md there), the hand-written lexicon and Debian's word list.
PHI_DATA := $(wildcard src/phi/data/first_names.txt src/phi/data/surnames.txt \
            src/phi/data/places.txt src/phi/data/states.txt)
PHI_SPEC := $(foreach f,$(PHI_DATA),$(if $(findstring first_names,$(f)),FIRST,$(if \
            $(findstring surnames,$(f)),SURNAME,$(if $(findstring places,$(f)),PLACE,STATE))):$(f))
ENGLISH_WORDS ?= /usr/share/dict/american-english
LIB     := $(B)/libclearpost.a
PROGRAMS := auth desk review admin feed policy
FCGI_BIN := $(PROGRAMS:%=bin/%.fcgi)
CLI_BIN  := bin/clearpost
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)
ROUTE_OBJ := $(PROGRAMS:%=$(B)/tests/routes_%.o)

.PHONY: all run start stop deps test unit valgrind clean bench bench-deid fuzz \
        fuzz-json install units FORCE
all: $(FCGI_BIN) $(CLI_BIN)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The install paths, compiled into these two objects; the stamp changes
# (and they are rebuilt) only when the paths do.
$(B)/src/core/config.o $(B)/src/cli/clearpost.o: CFLAGS += $(PATH_DEFS)
# The scanner runs on every keystroke's draft: -O3 measured 6 % fewer
# instructions than -O2 on it (callgrind), with the same findings.
$(B)/src/phi/phi.o: CFLAGS += -O3
$(B)/src/core/config.o $(B)/src/cli/clearpost.o: $(B)/paths.stamp
$(B)/paths.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(PATH_DEFS)' | cmp -s - $@ || echo '$(PATH_DEFS)' >$@

# Rebuilt from scratch so that a deleted source leaves no member behind.
$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

bin/%.fcgi: $(B)/cgi-bin/%.o $(LIB)
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tools/gendict: src/phi/gendict.c src/phi/phi_dict.h
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -o $@ $<

$(B)/phi/dict.c: $(B)/tools/gendict src/phi/lexicon.txt $(PHI_DATA)
	@mkdir -p $(dir $@)
	$(B)/tools/gendict $@ $(PHI_SPEC) LEXICON:src/phi/lexicon.txt ENGLISH:$(ENGLISH_WORDS)

$(B)/phi/dict.o: $(B)/phi/dict.c
	$(CC) $(filter-out -MMD -MP -Wmissing-prototypes,$(CFLAGS)) -O1 -c $< -o $@

$(CLI_BIN): $(CLI_SRC:%.c=$(B)/%.o) $(LIB)
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The programs' route tables, linked into the route-table test with their
# main() renamed away.
$(B)/tests/routes_%.o: cgi-bin/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Dmain=cgi_$*_main -c $< -o $@

$(B)/tests/unit/%: tests/unit/%.c $(LIB) $(ROUTE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS)) $(PATH_DEFS) -DTEST_ROOT=\"$(CURDIR)\" -o $@ $< $(ROUTE_OBJ) $(LIB) $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

# The scanner under libFuzzer with ASan and UBSan (clang), seeded with the
# labelled drafts; FUZZ_SECONDS bounds a run (make test uses a short one).
FUZZ_SECONDS ?= 60
FUZZ_BIN := $(B)/fuzz/fuzz_phi
FUZZ_SRC := tests/fuzz/fuzz_phi.c src/phi/phi.c $(B)/phi/dict.c \
            src/core/image.c src/core/request.c src/core/util.c
$(FUZZ_BIN): $(FUZZ_SRC) src/phi/phi.h src/core/image.h src/core/request.h
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(CS_INC) \
	  -fno-sanitize-recover=undefined -o $@ $(FUZZ_SRC) $(CS_LIB)

fuzz: $(FUZZ_BIN)
	@rm -rf $(B)/fuzz/seeds && mkdir -p $(B)/fuzz/seeds $(B)/fuzz/corpus
	@cd $(B)/fuzz/seeds && split -l 1 $(CURDIR)/tests/phi/positive.txt p && \
	  split -l 1 $(CURDIR)/tests/phi/clean.txt c
	@# inputs that once crashed the scanner must keep passing
	$(FUZZ_BIN) -runs=0 tests/fuzz/regressions/* >/dev/null 2>&1 || \
	  $(FUZZ_BIN) -runs=0 tests/fuzz/regressions/*
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ \
	  $(B)/fuzz/corpus $(B)/fuzz/seeds

# The JSON reader under libFuzzer with ASan and UBSan, seeded with the
# documents of tests/fuzz/json_seeds (platform answers and edge cases).
FUZZ_JSON_BIN := $(B)/fuzz/fuzz_json
FUZZ_JSON_SRC := tests/fuzz/fuzz_json.c src/core/json.c src/core/util.c
$(FUZZ_JSON_BIN): $(FUZZ_JSON_SRC) src/core/json.h src/core/util.h
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=undefined -o $@ $(FUZZ_JSON_SRC)

fuzz-json: $(FUZZ_JSON_BIN)
	@mkdir -p $(B)/fuzz/json_corpus
	$(FUZZ_JSON_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=$(B)/fuzz/json- $(B)/fuzz/json_corpus \
	  tests/fuzz/json_seeds

# The public PhysioNet benchmark, read in place from ../shared when present.
DEID_DIR ?= ../shared/corpora/physionet-deid
bench-deid: $(CLI_BIN)
	@if [ -f $(DEID_DIR)/score.py ]; then \
	  python3 $(DEID_DIR)/score.py ./$(CLI_BIN) scan; \
	else echo "bench-deid: $(DEID_DIR) not found, skipped"; fi

deps:
	@src/stack/stack.sh deps

run:
	@src/stack/stack.sh run

start:
	@src/stack/stack.sh deps
	@$(MAKE) --no-print-directory all
	@src/stack/stack.sh start

stop:
	@src/stack/stack.sh stop

test:
	@src/stack/stack.sh deps --test
	@$(MAKE) --no-print-directory all unit $(FUZZ_BIN)
	@tests/run.sh

# The unit tests again under valgrind: any leak or invalid access fails.
valgrind: all unit
	@for t in $(UNIT_BIN); do \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 $$t || exit 1; done

# Scanner throughput on one core (1 MB and 10 MB of generated drafts, and
# 1 MB of the labelled and clean drafts of tests/phi), then the publisher's
# deliveries per second against the local double.
bench: all
	@$(CLI_BIN) bench tests/phi/positive.txt tests/phi/clean.txt
	@tests/bench/publisher.sh

# ------------------------------------------------------------- install
# Placeholders of the files in conf/ filled in with this installation's paths.
SUBST := sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@PKGLIBDIR@|$(PKGLIBDIR)|g' \
         -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
         -e 's|@LOGDIR@|$(LOGDIR)|g'
# Every FastCGI program gets a socket and a service unit. Programs reaching
# the network: admin (account tests).
UNIT_PROGRAMS := $(PROGRAMS)
UNITS := $(UNIT_PROGRAMS:%=$(B)/systemd/clearpost-%.service) \
         $(UNIT_PROGRAMS:%=$(B)/systemd/clearpost-%.socket) \
         $(B)/systemd/clearpost-publisher.service

units: $(UNITS)

$(B)/systemd/clearpost-publisher.service: conf/systemd/clearpost-publisher.service.in $(B)/paths.stamp
	@mkdir -p $(dir $@)
	$(SUBST) $< >$@

$(B)/systemd/clearpost-%.socket: conf/systemd/clearpost-fcgi.socket.in $(B)/paths.stamp
	@mkdir -p $(dir $@)
	$(SUBST) -e 's|@PROGRAM@|$*|g' $< >$@

# feed: its own read-only database user; admin: the credentials key and
# the network; the others: the web user, local sockets only.
$(B)/systemd/clearpost-%.service: conf/systemd/clearpost-fcgi.service.in $(B)/paths.stamp
	@mkdir -p $(dir $@)
	$(SUBST) -e 's|@PROGRAM@|$*|g' \
	  -e 's|@DBUSER@|$(if $(filter feed,$*),feed,web)|g' \
	  -e 's|@CREDKEY@|$(if $(filter admin,$*),LoadCredential=credentials.key:$(SYSCONFDIR)/clearpost/credentials.key,# (no credentials key: only admin and the publisher read it))|' \
	  -e 's|@FAMILIES@|AF_UNIX$(if $(filter admin,$*), AF_INET AF_INET6 AF_NETLINK)|' \
	  $< >$@

# Installs generated configuration file $(1) as $(2), mode $(3), unless $(2)
# exists: then the new one goes beside it as $(2)$(4) and the old one stays
# (a configuration is never overwritten).
define install_conf
	if [ -e "$(2)" ]; then \
	  install -m $(3) $(1) "$(2)$(4)"; \
	  echo "install: $(2) exists; the new one is $(2)$(4)"; \
	else install -m $(3) $(1) "$(2)"; fi
endef

install: all units
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGLIBDIR) \
	  $(DESTDIR)$(DATADIR)/sql $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/logrotate.d
	install -d -m 0750 $(DESTDIR)$(SYSCONFDIR)/clearpost $(DESTDIR)$(LOGDIR)
	install -m 0755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/clearpost
	install -m 0755 $(FCGI_BIN) $(DESTDIR)$(PKGLIBDIR)/
	@# templates and static files, directories included, nothing else
	cd templates && find . -type d -exec install -d $(DESTDIR)$(DATADIR)/templates/{} \;
	cd templates && find . -type f -exec install -m 0644 {} $(DESTDIR)$(DATADIR)/templates/{} \;
	cd static && find . -type d -exec install -d $(DESTDIR)$(DATADIR)/static/{} \;
	cd static && find . -type f -exec install -m 0644 {} $(DESTDIR)$(DATADIR)/static/{} \;
	install -m 0644 sql/[0-9][0-9][0-9][0-9]_*.sql sql/grants.sql $(DESTDIR)$(DATADIR)/sql/
	install -m 0644 conf/clearpost.hdf $(DESTDIR)$(DATADIR)/clearpost.hdf
	install -m 0644 man/clearpost.1 $(DESTDIR)$(MANDIR)/man1/clearpost.1
	install -m 0644 $(UNITS) $(DESTDIR)$(UNITDIR)/
	$(SUBST) conf/clearpost-site.hdf.in >$(B)/clearpost-site.hdf
	$(SUBST) conf/nginx-clearpost.conf >$(B)/nginx-clearpost.conf
	$(SUBST) conf/logrotate.in >$(B)/logrotate
	@$(call install_conf,$(B)/clearpost-site.hdf,$(DESTDIR)$(SYSCONFDIR)/clearpost/clearpost.hdf,0640,.new)
	@$(call install_conf,$(B)/nginx-clearpost.conf,$(DESTDIR)$(SYSCONFDIR)/clearpost/nginx-clearpost.conf,0644,.new)
	@# logrotate reads every file in logrotate.d but those ending .dpkg-dist
	@$(call install_conf,$(B)/logrotate,$(DESTDIR)$(SYSCONFDIR)/logrotate.d/clearpost,0644,.dpkg-dist)

clean:
	rm -rf $(B) bin

-include $(shell find $(B) -name '*.d' 2>/dev/null)
