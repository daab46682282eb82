// Command kinkyu is 住基ネット緊急時対応デスク: with no arguments it opens the
// window; with a subcommand (demo, cases, search, check, backup…) it works
// headless. See README.md.
package main

import (
	"os"

	"github.com/osaki-city/kinkyu/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
