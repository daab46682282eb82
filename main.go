// Command kinkyu is 住基ネット緊急時対応デスク: with no arguments it opens the
// window; with a subcommand (demo, cases, search, check, backup…) it works
// headless. See README.md.
package main

import (
	"os"
	// The zone database, so that the case file's zone (Asia/Tokyo by default)
	// loads on a PC without one (Windows).
	_ "time/tzdata"

	"github.com/osaki-city/kinkyu/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
