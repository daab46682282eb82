# 住基ネット緊急時対応デスク — build, run, test.
# Every build, test and benchmark uses the same tags: sqlite_fts5 for full-text
# search, and no_emoji, which leaves out Fyne's colour emoji font: every string
# the UI shows is in BIZ UD Gothic (i18n/fonts_test.go checks it), and loading
# that 4.2 MB font for each text style cost the window 20 MB of its 200 MB.
# Tests that build the binary themselves pass on the tags they were built with.

GO      ?= go
TAGS    := sqlite_fts5,no_emoji
BIN     := bin/kinkyu
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/osaki-city/kinkyu/app.Version=$(VERSION)
# Packages with concurrent code, tested again with -race by `make test`.
RACE_PKGS := ./data/ ./data/sqlite/ ./reports/ ./i18n/

# Debian/Ubuntu packages: a C compiler and the OpenGL/X11 headers for Fyne's cgo
# build, and poppler-utils for the PDF checks in the tests.
DEB_PKGS := gcc libgl1-mesa-dev xorg-dev poppler-utils
# and for the acceptance and offline tests: a virtual X server with its tools,
# strace and unshare (util-linux); for the IME test (ime_acceptance_test.go)
# the input method fcitx5 with Mozc, a session bus, xdotool to type and
# ImageMagick's import to find the caret on the screen.
ACCEPT_PKGS := xvfb x11-utils strace util-linux fcitx5 fcitx5-mozc mozc-server dbus-x11 xdotool imagemagick
# and for the Windows executable: the MinGW-w64 cross compiler.
PACKAGE_PKGS := gcc-mingw-w64-x86-64-win32
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
DIST := dist

.PHONY: all deps build run test acceptance bench package windows-exe windows-check clean

all: build

# deps installs the missing Debian packages with apt-get when run as root on
# Debian/Ubuntu; otherwise it prints the exact command to run.
deps:
	@$(MAKE) --no-print-directory install-packages PKGS="$(DEB_PKGS)"

install-packages:
	@missing=""; \
	for p in $(PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "Install these packages (or their equivalents) first:$$missing"; exit 1; \
	fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_OPTS) $$missing; \
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
	@# The packages with concurrent code (the document pipeline run in
	@# parallel, which guards the fpdf patch; the store's mutex and atomics;
	@# the clock and zone caches) again under the race detector. -short keeps
	@# the kill tests to a few rounds: they ran in full above.
	$(GO) test -race -short -tags $(TAGS) -count=1 $(RACE_PKGS)

# acceptance drives the built binary through every document of a demo
# misconduct case and a demo failure case and checks each PDF with poppler and
# `kinkyu verify-pdf`; then runs the window and every command with no network
# under strace (offline_test.go); and types Japanese through fcitx5 and Mozc
# into the window (ime_acceptance_test.go).
acceptance: deps
	@$(MAKE) --no-print-directory install-packages PKGS="$(ACCEPT_PKGS)"
	$(GO) test -tags "$(TAGS),acceptance" -count=1 -v -run 'TestAcceptance|TestOffline' .
	@# A backup, a migration, the demo and a new case file, each killed by
	@# SIGKILL in many rounds (a few rounds run in make test).
	$(GO) test -tags "$(TAGS),acceptance" -count=1 -v -run 'TestKilledSavesLeaveNoPartialFile' ./app/

bench: deps
	@$(MAKE) --no-print-directory install-packages PKGS="$(ACCEPT_PKGS)"
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# package builds into dist/ the Linux package (fyne package: binary, .desktop
# file and icon in a .tar.xz) and the two Windows executables (windows-exe).
# Every binary carries the version from git (`kinkyu version`).
package: deps windows-exe
	@command -v fyne >/dev/null 2>&1 || test -x "$$($(GO) env GOPATH)/bin/fyne" || $(GO) install $(FYNE_TOOL)
	@mkdir -p $(DIST)
	@# fyne package counts the build number up in FyneApp.toml: keep the file as committed.
	@cp FyneApp.toml $(DIST)/.FyneApp.toml
	@# fyne package takes -ldflags only from GOFLAGS (and adds its own -s -w).
	PATH="$$PATH:$$($(GO) env GOPATH)/bin" GOFLAGS="-ldflags=-X=github.com/osaki-city/kinkyu/app.Version=$(VERSION)" \
		fyne package --target linux --tags $(TAGS) --release
	@mv -f $(DIST)/.FyneApp.toml FyneApp.toml
	mv -f *.tar.xz $(DIST)/kinkyu-linux-amd64.tar.xz
	@ls -l $(DIST); file $(DIST)/*.exe

# windows-exe cross-compiles the Windows executables with MinGW, the same code
# twice: kinkyu-windows-amd64.exe, a GUI program (-H=windowsgui: no console
# window opens with it), and kinkyu-cli.exe, a console program for cmd,
# PowerShell and scripts (cmd waits for it, sees its exit code, and its output
# redirects to files). Both embed the icon, an ASCII manifest and the file
# properties (product, version, company 大崎市) from internal/winres, compiled
# by windres into a .syso that go build links and that is removed after.
WIN_ENV    := CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64
WIN_BUILD  ?= $(shell git rev-list --count HEAD 2>/dev/null || echo 0)
WINRES     := build/winres
WIN_SYSO   := rsrc_windows_amd64.syso
define win_exe
	$(GO) run ./internal/winres -version $(VERSION) -build $(WIN_BUILD) -exe $(1) $(2) -out $(WINRES)
	cd $(WINRES) && x86_64-w64-mingw32-windres -i kinkyu.rc -O coff -o $(CURDIR)/$(WIN_SYSO)
	$(WIN_ENV) $(GO) build -tags $(TAGS),release -trimpath -ldflags "-s -w $(3) $(LDFLAGS)" -o $(DIST)/$(1) . ; \
		status=$$?; rm -f $(WIN_SYSO); exit $$status
endef

windows-exe: deps
	@$(MAKE) --no-print-directory install-packages PKGS="$(PACKAGE_PKGS)"
	@mkdir -p $(DIST)
	$(call win_exe,kinkyu-windows-amd64.exe,,-H=windowsgui)
	$(call win_exe,kinkyu-cli.exe,-console,)

# windows-check runs the Windows executables under Wine (windows_check_test.go):
# the CLI acceptance (demo, cases, a signed report, minutes, contacts, check,
# verify-pdf, export) with the PDFs checked by poppler as on Linux, output
# redirected by cmd, the exit code of check as cmd sees it, and the window
# under Xvfb. Wine's prefix is kept in build/wineprefix (git ignores build/).
# The window's check compares screenshots (ImageMagick's import);
# KINKYU_WIN_SHOTS=DIR keeps them (the window, the open dialog with the drives).
WINE_PKGS := wine wine64 xvfb x11-utils xdotool imagemagick
windows-check: windows-exe
	@$(MAKE) --no-print-directory install-packages PKGS="$(WINE_PKGS)" APT_OPTS=--no-install-recommends
	KINKYU_VERSION=$(VERSION) $(GO) test -tags "$(TAGS),acceptance,windowscheck" -count=1 -v -timeout 40m -run TestWindows .

clean:
	rm -rf bin $(DIST) build $(WIN_SYSO)
