package app

import "errors"

// SCAFFOLD: replaced by `kinkyu agenda` and `kinkyu minutes` (issue #5).

func (c *cli) agenda(args []string) error  { return errors.New("agenda: not implemented yet") }
func (c *cli) minutes(args []string) error { return errors.New("minutes: not implemented yet") }
