//go:build !windows

package app

// openFile shows or prints a file with the system's viewer or print command.
func openFile(path string, print bool) error { return runOpen(path, print) }
