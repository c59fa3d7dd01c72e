package parser

import (
	"errors"
	"os"
	"strings"
	"syscall"
)

// ExpandHAProxyPaths replaces each directory among paths by the
// configuration files it holds, as cfgfiles_expand_directories() does
// (src/haproxy.c; management.txt section 3, "-f"): regular files whose
// name does not start with '.' and ends with ".cfg", in C collation
// order, named "DIR/NAME". A path that cannot be examined is an error in
// HAProxy's words, after which HAProxy exits.
func ExpandHAProxyPaths(paths []string) ([]string, *Diagnostic) {
	var out []string
	fail := func(msg string) ([]string, *Diagnostic) {
		return nil, &Diagnostic{Severity: SevAlert, Msg: msg, Abort: true}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return fail("Cannot open configuration file/directory " + p + " : " + errnoText(err))
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return fail("Cannot open configuration directory " + p + " : " + errnoText(err))
		}
		// os.ReadDir sorts by name byte-wise, which is alphasort() in
		// the C locale HAProxy runs in.
		for _, e := range entries {
			name := e.Name()
			// strstr(name, ".cfg") must be the end of the name: the
			// first ".cfg" counts, so "a.cfg.cfg" is left out as in 2.6.
			if len(name) < 4 || name[0] == '.' || strings.Index(name, ".cfg") != len(name)-4 {
				continue
			}
			file := p + "/" + name
			fst, err := os.Stat(file)
			if err != nil {
				return fail("Cannot open configuration file " + file + " : " + errnoText(err))
			}
			if fst.Mode().IsRegular() {
				out = append(out, file)
			}
		}
	}
	return out, nil
}

// errnoText is strerror() for err: glibc's messages are Go's with a
// capital first letter.
func errnoText(err error) string {
	var errno syscall.Errno
	msg := err.Error()
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	return msg
}
