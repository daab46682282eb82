// Package icons holds the app's bundled images.
package icons

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed kinkyu.png
var appIcon []byte

// App is the application icon: a white exclamation mark on red, which still
// reads at 16 px (a kanji such as 緊 blurs into a blot at that size).
var App = fyne.NewStaticResource("kinkyu.png", appIcon)
