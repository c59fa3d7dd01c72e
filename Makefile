# hakeep — see README.md. `make run` and `make test` are the two entry points.
GO        ?= go
BIN       ?= bin
PREFIX    ?= /usr
FUZZTIME  ?= 30s
GOTESTFLAGS ?=
# Debian packages the tests use (installed by `make deps` when run as root).
DEB_PKGS  := haproxy haproxy-doc keepalived ipvsadm nginx wrk socat iproute2 \
             qemu-system-x86 busybox-static cpio chromium strace curl \
             iputils-ping psmisc tcpdump
VM_CACHE  ?= /var/cache/hakeep

.PHONY: all build run test unit e2e fuzz bench deps install vet fmt compat clean httpdiff-selfcheck

all: build

build:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./haproxy ./keepalived

run: build
	./$(BIN)/haproxy -db -f docs/quickstart/haproxy.cfg

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

# Everything: system packages (as root), vet, unit and end-to-end tests, fuzzing.
test: deps vet
	$(GO) test -count=1 -timeout 25m $(GOTESTFLAGS) ./...
	$(MAKE) --no-print-directory fuzz

unit:
	$(GO) test -count=1 -short ./...

e2e: deps build
	$(GO) test -count=1 -timeout 25m -run 'TestE2E' -v ./e2e/...

# Each native fuzz target for FUZZTIME (CI: 60s).
fuzz:
	@./.ci/fuzz.sh $(FUZZTIME)

bench: deps build
	$(GO) test -count=1 -run '^$$' -bench . -benchmem ./proxy/... ./parser/... ./haproxy/... 
	HAKEEP_BENCH=1 $(GO) test -count=1 -timeout 60m -run 'TestBench' -v ./e2e/...

# e2e/httpdiff's cases run twice through the real haproxy: each must record
# its Want lines and the same thing both times (run after adding cases).
httpdiff-selfcheck: deps build
	$(GO) test -tags selfcheck -count=1 -timeout 30m -run TestE2EHTTPDiffSelfCheck -v ./e2e/httpdiff

deps:
	@./.ci/deps.sh $(DEB_PKGS)

compat:
	$(GO) test -count=1 ./e2e/compat -run TestCompatDocUpToDate -update

install: build
	install -m 0755 $(BIN)/haproxy $(DESTDIR)$(PREFIX)/sbin/haproxy
	install -m 0755 $(BIN)/keepalived $(DESTDIR)$(PREFIX)/sbin/keepalived

clean:
	rm -rf $(BIN)
