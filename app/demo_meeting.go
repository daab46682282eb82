package app

import "github.com/osaki-city/kinkyu/data"

// SCAFFOLD: replaced by the demo meetings (issue #5): a completed meeting for
// each demo case.
func demoMeetings(s data.Store) error { return nil }
