package main

import (
	"errors"
	"syscall"
)

// errnoOf is the errno behind err, as keepalived prints with %d.
func errnoOf(err error) int {
	var e syscall.Errno
	if errors.As(err, &e) {
		return int(e)
	}
	return 0
}

// errText is strerror(errno), as keepalived prints with %m.
func errText(err error) string {
	var e syscall.Errno
	if errors.As(err, &e) {
		s := e.Error()
		// Go's texts are strerror's with a lower-case first letter.
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			s = string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	return err.Error()
}
