package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// The global section's setenv/presetenv/unsetenv/resetenv change the
// environment that later files' "${VAR}" see (configuration.txt section
// 3.1). Load runs inside other programs and tests, so it never touches the
// process environment: it keeps an overlay that the parser's LookupEnv
// reads for the files that follow.

func (l *loader) lookupEnv(name string) (string, bool) {
	if v, ok := l.env[name]; ok {
		return v, v != unsetMark
	}
	if l.envReset && !l.envKeep[name] {
		return "", false
	}
	if l.opts.Parser.LookupEnv != nil {
		return l.opts.Parser.LookupEnv(name)
	}
	return os.LookupEnv(name)
}

// unsetMark marks an unset variable in the overlay.
const unsetMark = "\x00unset"

func (l *loader) envSet(name string) bool {
	_, ok := l.lookupEnv(name)
	return ok
}

func (l *loader) setenv(name, value string) {
	if l.env == nil {
		l.env = map[string]string{}
	}
	l.env[name] = value
}

func (l *loader) unsetenv(name string) {
	l.setenv(name, unsetMark)
}

// resetenv drops every variable but keep.
func (l *loader) resetenv(keep []string) {
	kept := map[string]string{}
	for _, k := range keep {
		if v, ok := l.lookupEnv(k); ok {
			kept[k] = v
		}
	}
	l.env = kept
	l.envReset = true
	l.envKeep = map[string]bool{}
}

// path resolves a file name from the configuration the way 2.6 opens it:
// relative to the current directory, which "default-path" may have moved.
func (l *loader) path(name string) string {
	if l.baseDir == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(l.baseDir, name)
}

// applyDefaultPath is cfg_apply_default_path(): 2.6 chdir()s there; we
// remember the directory instead.
func (l *loader) applyDefaultPath(file string) {
	dp := l.cfg.Global.DefaultPath
	switch dp.Kind {
	case "", "current":
		l.baseDir = ""
	case "config":
		l.baseDir = filepath.Dir(file)
	case "parent":
		l.baseDir = filepath.Dir(filepath.Dir(file))
	case "origin":
		l.baseDir = dp.Path
	}
}

// errnoText is strerror() of the error's errno, as 2.6 prints it.
func errnoText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "No such file or directory"
	}
	return err.Error()
}
