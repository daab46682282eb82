package sqlite_test

// usualUmask: Windows has no umask; files get the folder's ACL.
func usualUmask() {}
