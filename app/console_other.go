//go:build !windows

package app

import "io"

// attachConsole is needed on Windows only, where the app is a GUI program.
func attachConsole() {}

// isConsole is about Windows consoles, which are written in UTF-16: a terminal
// elsewhere takes the bytes as they are.
func isConsole(io.Writer) bool { return false }
