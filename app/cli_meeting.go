package app

import "errors"

// SCAFFOLD: replaced by `kinkyu meetings` (issue #5).

func (c *cli) meetings(args []string) error { return errors.New("meetings: not implemented yet") }
