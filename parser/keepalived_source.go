package parser

import "bytes"

// kaMaxLine is keepalived's MAXBUF: read_line() reads with fgets() into a
// 1024-byte buffer, so a longer physical line arrives as several pieces,
// and only the piece holding the newline advances the line number.
const kaMaxLine = 1024

// kaFrame is one entry of keepalived's include stack: the files matched by
// one `include` pattern (or by -f), read one after the other.
type kaFrame struct {
	pattern string
	// matches are what the pattern expanded to; next indexes the one to
	// open after the current file.
	matches []string
	next    int
	opened  int

	// name is the current file as reported in messages; showName says
	// whether messages name it (lib/parser.c names a file only when it
	// is included or when -f matched several files).
	name     string
	showName bool
	// dir is the directory relative paths are resolved against while
	// this file is read ("" is the process's working directory):
	// keepalived chdir()s into the directory of every file whose path
	// has a '/'.
	dir  string
	data []byte
	off  int
	// line counts newlines read so far: the current line number.
	line int

	includeType kaIncludeFlags
	// savedCheck is include_check as it was when the pattern was opened;
	// end_file() restores it.
	savedCheck kaIncludeFlags
}

// chunk returns the next piece of the current file as fgets(buf, MAXBUF)
// would, and false at the end of the file.
func (f *kaFrame) chunk() (string, bool) {
	if f.data == nil || f.off >= len(f.data) {
		return "", false
	}
	rest := f.data[f.off:]
	n := len(rest)
	if n > kaMaxLine-1 {
		n = kaMaxLine - 1
	}
	if i := bytes.IndexByte(rest[:n], '\n'); i >= 0 {
		n = i + 1
	}
	f.off += n
	piece := rest[:n]
	// The C string stops at the first NUL, newline included.
	if i := bytes.IndexByte(piece, 0); i >= 0 {
		piece = piece[:i]
	}
	return string(piece), true
}
