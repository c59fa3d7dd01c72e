package main

import (
	"errors"
	"syscall"
)

// errnoText is strerror() for err: glibc's messages are Go's with a
// capital first letter.
func errnoText(err error) string {
	msg := err.Error()
	var errno syscall.Errno
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	return msg
}
