package sink

import "syscall"

// FD writes lines to an open file descriptor ("fd@N", stdout, stderr),
// each in a single write so that concurrent writers do not interleave
// inside a line. The descriptor stays the process's: it is not closed.
type FD struct {
	fd int
}

// NewFD returns a writer for descriptor fd.
func NewFD(fd int) *FD { return &FD{fd: fd} }

// Write writes b whole.
func (f *FD) Write(b []byte) error {
	for len(b) > 0 {
		n, err := syscall.Write(f.fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
