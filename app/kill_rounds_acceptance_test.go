//go:build acceptance

package app

// How many times each save is killed in make acceptance.
const (
	killRounds     = 50
	killRoundsDemo = 30
)
