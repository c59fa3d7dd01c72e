package parser

import (
	"os"
	"path/filepath"
	"strings"
)

// The keepalived dialect.
//
// keepalived 2.2.7 reads its configuration line by line (lib/parser.c
// read_line): it drops blank lines, strips '!' and '#' comments outside
// double quotes (decomment), handles `@id` / `@^id` conditional lines,
// `$NAME=value` definitions (multi-line with a trailing '\'), `$NAME` /
// `${NAME}` substitution (with the built-in definitions _PWD, _INSTANCE,
// _RANDOM, _HASH and _BANG), `~SEQ(...)` and `~LST(...)` line generators,
// and `include` lines with glob and brace patterns; then it cuts each line
// at its first unquoted '{' or '}' so that braces always stand alone. Words
// are separated by blanks and may be double quoted (no escapes). This file
// and its keepalived_*.go siblings reproduce that reading; the grammar in
// keepalived_grammar.go then builds the shared AST from the resulting
// logical lines:
//
//   - a line followed by a '{' line is a block directive whose Children run
//     to the matching '}' (OpenPos is the '{', EndPos the '}', or the zero
//     Pos when the file ends first);
//   - a '{' with no line before it is an anonymous block, a directive named
//     "{";
//   - a '}' closing nothing is a directive named "}" (keepalived reports
//     "Extra '}' found" and then treats it as a keyword).
//
// Raw holds the logical line as keepalived hands it to keyword handlers
// (comments removed, definitions expanded, cut at braces), which is what
// handlers that re-read the line with escapes and single quotes need
// (alloc_strvec_quoted_escaped). Columns count bytes in that logical line
// from where it starts in the physical line; after a definition expansion
// they are approximate.
//
// Diagnostics follow one convention so that keepalived/config can replay
// them the way `keepalived -t` does (it reads the file once per process):
//
//   - SevAlert: an include or file problem that `include_check` makes an
//     error (CONFIG_FILE_NOT_FOUND); reported once, by the first reading;
//   - SevNotice: the same kind of message when it is not an error;
//   - SevWarning: a syntax error reported by every reading (unterminated
//     quotes, extra or missing braces, bad ~SEQ/~LST);
//   - SevDiag: what keepalived only logs (never printed by `-t`).

// ParseKeepalived reads a keepalived.conf and everything it includes.
// path is a glob pattern, as keepalived's -f is: every file it matches is
// read in turn.
func ParseKeepalived(path string, opts KeepalivedOptions) ([]*Directive, Diagnostics) {
	rd := ReadKeepalived(path, opts, false)
	return rd.Directives, rd.Diags
}

// ParseKeepalivedSource parses src as the configuration file name; files it
// includes are read through opts.
func ParseKeepalivedSource(name string, src []byte, opts KeepalivedOptions) ([]*Directive, Diagnostics) {
	rd := ReadKeepalivedSource(name, src, opts, false)
	return rd.Directives, rd.Diags
}

// KeepalivedRead is one reading of a configuration, with what a decoder
// replaying keepalived's readings needs besides the directives.
type KeepalivedRead struct {
	Directives []*Directive
	Diags      Diagnostics
	// Anchors[i] is where the first word of the line keepalived read
	// right after reporting Diags[i] is; zero when the input ended first.
	// keepalived reports syntax problems while reading, between lines,
	// and an included file's lines come between its includer's.
	Anchors []Pos
}

// ReadKeepalived is ParseKeepalived with the anchors of the diagnostics.
// With copy set, it reads as keepalived's checker, VRRP and BFD processes
// read: not from the files but from the copy the parent wrote while
// reading them, each line already passed through decomment() once
// (lib/parser.c, write_conf_copy). Reading the copy cleans every line a
// second time, which matters when the first cleaning left a comment
// character: an escaped "\#" or "\!" outside quotes becomes a plain '#'
// or '!' in the copy, and so starts a comment there. Line numbers and
// file names are those of the files.
func ReadKeepalived(path string, opts KeepalivedOptions, copy bool) KeepalivedRead {
	r := newKAReader(opts)
	r.copy = copy
	if !r.openGlob(path, kaIncR|kaIncM|kaIncW) {
		r.fileError(kaIncR, "Failed to open configuration file")
	}
	return r.read()
}

// ReadKeepalivedSource is ReadKeepalived for src as the file name.
func ReadKeepalivedSource(name string, src []byte, opts KeepalivedOptions, copy bool) KeepalivedRead {
	r := newKAReader(opts)
	r.copy = copy
	r.pushSource(name, src, true)
	return r.read()
}

// KeepalivedConfigID is the id `@id` lines are matched against when none is
// given: the host name up to its first dot (keepalived/core/main.c).
func KeepalivedConfigID() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	if i := strings.IndexByte(h, '.'); i >= 0 {
		h = h[:i]
	}
	return h
}

// CheckKeepalivedConf does what keepalived does with its -f argument before
// reading it (lib/parser.c check_conf_file): the pattern must match exactly
// one readable regular file. It returns the files matched; ok is false when
// keepalived would not go on. The diagnostics carry keepalived's messages,
// without a position, with the parser's severity conventions.
func CheckKeepalivedConf(pattern string, opts KeepalivedOptions) (files []string, ok bool, ds Diagnostics) {
	r := newKAReader(opts)
	matches, gok := r.globChecked(pattern, kaIncNone)
	if !gok {
		return nil, false, r.diags
	}
	ok = true
	n := 0
	for _, m := range matches {
		if !r.checkGlobFile(m, r.resolve(m)) {
			ok = false
			continue
		}
		if r.opts.ReadFile == nil {
			f, err := os.Open(r.resolve(m))
			if err != nil {
				r.diags.Add(SevAlert, Pos{}, "Unable to read configuration file %s", m)
				return matches, false, r.diags
			}
			f.Close()
		}
		n++
	}
	if ok {
		switch {
		case n > 1:
			// CONFIG_MULTIPLE_FILES: an error for -t, but keepalived goes on.
			r.diags.Add(SevWarning, Pos{}, "WARNING, multiple configuration file matches of %s, starting with %s", pattern, matches[0])
		case n == 0:
			r.diags.Add(SevAlert, Pos{}, "Unable to find configuration file %s", pattern)
			ok = false
		}
	}
	return matches, ok, r.diags
}

// resolve turns a path read in the current file's directory into one the
// process can open (keepalived chdir()s into each included file's
// directory; we keep the directory instead).
func (r *kaReader) resolve(p string) string {
	if filepath.IsAbs(p) || r.dir() == "" {
		return p
	}
	return filepath.Join(r.dir(), p)
}
