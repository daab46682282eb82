//go:build !acceptance

package app

// How many times each save is killed in make test (make acceptance runs
// the same test with more rounds).
const (
	killRounds     = 12
	killRoundsDemo = 4
)
