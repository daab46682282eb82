//go:build !unix && !windows

package forms

import "os"

func deviceOf(os.FileInfo) uint64 { return 0 }
