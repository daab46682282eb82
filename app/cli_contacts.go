package app

import "errors"

// SCAFFOLD: replaced by the contact network commands (issue #6).

func (c *cli) contacts(args []string) error { return errors.New("contacts: not implemented yet") }
