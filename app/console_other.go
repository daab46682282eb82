//go:build !windows

package app

// attachConsole is needed on Windows only, where the app is a GUI program.
func attachConsole() {}
