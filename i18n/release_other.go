//go:build !linux

package i18n

// releasePages is a Linux-only saving (see release_linux.go).
func releasePages([]byte) {}
