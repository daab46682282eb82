# 住基ネット緊急時対応デスク — build, run, test.
# Every build, test and benchmark uses the sqlite_fts5 tag (full-text search).

GO      ?= go
TAGS    := sqlite_fts5
BIN     := bin/kinkyu
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/osaki-city/kinkyu/app.Version=$(VERSION)

# Debian/Ubuntu packages: a C compiler and the OpenGL/X11 headers for Fyne's cgo
# build, and poppler-utils for the PDF checks in the tests.
DEB_PKGS := gcc libgl1-mesa-dev xorg-dev poppler-utils

.PHONY: all deps build run test bench clean

all: build

# deps installs the missing Debian packages with apt-get when run as root on
# Debian/Ubuntu; otherwise it prints the exact command to run.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "Install these packages (or their equivalents) first:$$missing"; exit 1; \
	fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "Missing packages. Run:"; \
		echo "  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

# run opens the app on the default case file (created on first run).
run: build
	./$(BIN)

test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -count=1 ./...

bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
