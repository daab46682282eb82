package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/osaki-city/kinkyu"

// TestDependenciesPointOneWay holds the lines of ARCHITECTURE.md: data is pure
// Go (nothing of ours, no cgo); forms never touches SQL; reports never imports
// Fyne; nothing but app wires the pieces together.
func TestDependenciesPointOneWay(t *testing.T) {
	deps := map[string][]string{}
	cgo := map[string]bool{}
	out, err := exec.Command("go", "list", "-tags", "sqlite_fts5", "-deps", "-json", "./...").Output()
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Deps       []string
			CgoFiles   []string
			Standard   bool
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else {
			require.NoError(t, err)
		}
		deps[p.ImportPath] = p.Deps
		cgo[p.ImportPath] = len(p.CgoFiles) > 0
	}
	has := func(pkg, prefix string) bool {
		for _, d := range deps[pkg] {
			if d == prefix || strings.HasPrefix(d, prefix+"/") {
				return true
			}
		}
		return false
	}
	require.Contains(t, deps, module+"/data")

	for _, d := range deps[module+"/data"] {
		assert.False(t, strings.HasPrefix(d, module), "data imports %s", d)
		assert.False(t, cgo[d], "data depends on cgo package %s", d)
	}
	for pkg := range deps {
		if !strings.HasPrefix(pkg, module+"/") {
			continue
		}
		rel := strings.TrimPrefix(pkg, module+"/")
		top := strings.SplitN(rel, "/", 2)[0]
		switch top {
		case "forms":
			assert.False(t, has(pkg, "database/sql"), "%s touches SQL", pkg)
			assert.False(t, has(pkg, module+"/data/sqlite"), "%s imports the SQLite store", pkg)
			assert.False(t, has(pkg, module+"/app"), "%s imports app", pkg)
		case "reports", "i18n", "data":
			assert.False(t, has(pkg, "fyne.io/fyne/v2"), "%s imports Fyne", pkg)
			assert.False(t, has(pkg, module+"/app"), "%s imports app", pkg)
			assert.False(t, has(pkg, module+"/forms"), "%s imports forms", pkg)
		}
	}
}
