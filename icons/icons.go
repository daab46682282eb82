// Package icons holds the app's bundled images.
package icons

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed kinkyu.png
var appIcon []byte

// App is the application icon: 緊 on red, legible down to 16 px.
var App = fyne.NewStaticResource("kinkyu.png", appIcon)
