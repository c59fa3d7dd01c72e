package parser

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// kaIncludeFlags are the checks an include makes errors of (lib/parser.c
// include_t): R unreadable files and directories, M patterns matching
// nothing (unless wildcards), W even with wildcards, B every brace
// alternative.
type kaIncludeFlags uint8

const (
	kaIncNone kaIncludeFlags = 0
	kaIncR    kaIncludeFlags = 1
	kaIncM    kaIncludeFlags = 2
	kaIncW    kaIncludeFlags = 4
	kaIncB    kaIncludeFlags = 8
)

// kaMaxIncludeDepth stops a file from including itself for ever.
const kaMaxIncludeDepth = 64

// kaIncludeType recognises an include line and the checks its spelling asks
// for: include, includer, includem, includew, includeb, includea
// (keepalived.conf(5) "include").
func kaIncludeType(line string) (typ kaIncludeFlags, pattern string, ok bool) {
	if !strings.HasPrefix(line, "include") || len(line) < 8 {
		return 0, "", false
	}
	c := line[7]
	switch {
	case kaIsSpace(c):
		return kaIncNone, line[kaSkipBlanks(line, 8):], true
	case len(line) > 8 && kaIsSpace(line[8]) && strings.IndexByte("rmwba", c) >= 0:
		switch c {
		case 'r':
			typ = kaIncR
		case 'a':
			typ = kaIncR | kaIncM | kaIncB | kaIncW
		case 'w':
			typ = kaIncR | kaIncM | kaIncW
		case 'm':
			typ = kaIncR | kaIncM
		default:
			typ = kaIncR | kaIncB
		}
		return typ, line[kaSkipBlanks(line, 9):], true
	}
	return 0, "", false
}

// kaIsSpace is C's isspace().
func kaIsSpace(c byte) bool { return isKAWhite(c) }

// setIncludeCheck applies a global_defs `include_check` line: no word means
// every check, a bare word sets, +word adds and -word removes
// (include_check_set in lib/parser.c). Problems with the words are the
// decoder's to report.
func (r *kaReader) setIncludeCheck(words []string) {
	if len(words) <= 1 {
		r.includeCheck = kaIncR | kaIncM | kaIncW | kaIncB
		return
	}
	for i, w := range words[1:] {
		op := byte(0)
		name := w
		if w != "" && (w[0] == '-' || w[0] == '+') {
			op, name = w[0], w[1:]
		} else if i == 0 {
			r.includeCheck = 0
		} else {
			continue
		}
		var f kaIncludeFlags
		switch name {
		case "read":
			f = kaIncR
		case "match":
			f = kaIncM
		case "wildcard_match":
			f = kaIncW
		case "brace_match":
			f = kaIncB
		}
		if f == 0 {
			continue
		}
		switch op {
		case 0:
			r.includeCheck = kaIncR | f
		case '+':
			r.includeCheck |= f
		default:
			r.includeCheck &^= f
		}
	}
}

// fileError reports an include problem: an error when the include's own
// checks or include_check ask for errType, a notice otherwise
// (file_config_error).
func (r *kaReader) fileError(errType kaIncludeFlags, format string, args ...any) {
	typ := kaIncNone
	if n := len(r.stack); n > 0 {
		typ = r.stack[n-1].includeType
	}
	sev := SevNotice
	if (r.includeCheck|typ)&errType != 0 {
		sev = SevAlert
		r.fileErr = true
	}
	r.diags.Add(sev, r.pos(), format, args...)
}

// openGlob pushes the files pattern matches on the include stack and opens
// the first one (open_glob_file).
func (r *kaReader) openGlob(pattern string, typ kaIncludeFlags) bool {
	if len(r.stack) >= kaMaxIncludeDepth {
		r.diags.Add(SevDiag, r.pos(), "includes nested more than %d deep - ignoring '%s'", kaMaxIncludeDepth, pattern)
		return false
	}
	f := &kaFrame{pattern: pattern, includeType: typ, savedCheck: r.includeCheck}
	r.stack = append(r.stack, f)
	matches, ok := r.globChecked(pattern, typ)
	if !ok {
		r.stack = r.stack[:len(r.stack)-1]
		return false
	}
	f.matches = matches
	if !r.openNext(f) {
		if len(matches) == 0 {
			r.fileError(kaIncR, "%s - no matching file", pattern)
		}
		r.stack = r.stack[:len(r.stack)-1]
		return false
	}
	return true
}

// openNext opens the frame's next readable match (open_conf_file).
func (r *kaReader) openNext(f *kaFrame) bool {
	base := ""
	if n := len(r.stack); n > 1 && r.stack[n-1] == f {
		base = r.stack[n-2].dir
	}
	for f.next < len(f.matches) {
		m := f.matches[f.next]
		f.next++
		path := m
		if !filepath.IsAbs(m) && base != "" {
			path = filepath.Join(base, m)
		}
		if !r.checkGlobFile(m, path) {
			continue
		}
		data, err := r.readFile(path)
		if err != nil {
			r.fileError(kaIncR, "Configuration file '%s' open problem (%s) - skipping", m, kaStrerror(err))
			continue
		}
		f.data, f.off, f.line = data, 0, 0
		f.opened++
		f.name = m
		f.showName = len(r.stack) > 1 || len(f.matches) > 1
		f.dir = base
		if strings.Contains(m, "/") {
			f.dir = filepath.Dir(path)
		}
		return true
	}
	return false
}

// pushSource makes src the bottom of the include stack, as if -f named it.
func (r *kaReader) pushSource(name string, src []byte, main bool) {
	f := &kaFrame{pattern: name, matches: []string{name}, next: 1, opened: 1,
		name: name, data: src, includeType: kaIncR | kaIncM | kaIncW}
	if strings.Contains(name, "/") {
		f.dir = filepath.Dir(name)
	}
	r.stack = append(r.stack, f)
}

func (r *kaReader) readFile(path string) ([]byte, error) {
	if r.opts.ReadFile != nil {
		return r.opts.ReadFile(path)
	}
	return os.ReadFile(path)
}

// kaStrerror renders an error the way C's kaStrerror() names its errno.
func kaStrerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return err.Error()
}

// checkGlobFile refuses directories and anything but a regular,
// non-executable file (check_glob_file). name is as matched, path as the
// process opens it.
func (r *kaReader) checkGlobFile(name, path string) bool {
	if strings.HasSuffix(name, "/") {
		r.fileError(kaIncR, "Configuration file '%s' is a directory - skipping", name)
		return false
	}
	if r.opts.ReadFile != nil {
		return true
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm()&0o111 != 0 {
		r.fileError(kaIncR, "Configuration file '%s' is not a regular non-executable file - skipping", name)
		return false
	}
	return true
}

// globChecked expands pattern and reports what keepalived reports about
// the expansion (open_and_check_glob).
func (r *kaReader) globChecked(pattern string, typ kaIncludeFlags) ([]string, bool) {
	g := kaGlob{base: r.dir(), custom: r.opts.Glob}
	g.expand(pattern)
	missing := g.missingFiles > 0 || g.missingDirs > 0
	if len(g.matches) == 0 {
		switch {
		case missing:
			et := kaIncM
			if kaHasBrace(pattern) {
				et = kaIncB
			}
			r.fileError(et, "Config files missing '%s'.", pattern)
		case g.wildcards && (r.includeCheck|typ)&kaIncW != 0:
			r.fileError(kaIncW, "No config files matched '%s'.", pattern)
		}
		return nil, false
	}
	if missing {
		r.fileError(kaIncB, "Some config files missing: \"%s\".", pattern)
		if (r.includeCheck|typ)&kaIncB != 0 {
			return nil, false
		}
	}
	return g.matches, true
}

// kaHasBrace reports an unescaped '{' (have_brace).
func kaHasBrace(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
		} else if s[i] == '{' {
			return true
		}
	}
	return false
}

// kaGlob expands a pattern as glibc's glob(GLOB_MARK | GLOB_BRACE |
// GLOB_ALTDIRFUNC) does for keepalived, counting what keepalived's
// directory callbacks count: files and directories that are missing, and
// whether a directory had to be searched (a wildcard).
type kaGlob struct {
	base   string
	custom func(string) ([]string, error)

	matches      []string
	missingFiles int
	missingDirs  int
	wildcards    bool
}

func (g *kaGlob) expand(pattern string) {
	for _, alt := range kaBraceAlternatives(pattern) {
		var found []string
		if g.custom != nil {
			found = g.customGlob(alt)
		} else {
			found = g.glob(alt)
		}
		sort.Strings(found)
		g.matches = append(g.matches, found...)
	}
}

func (g *kaGlob) path(p string) string {
	if filepath.IsAbs(p) || g.base == "" {
		return p
	}
	return filepath.Join(g.base, p)
}

func (g *kaGlob) customGlob(pattern string) []string {
	found, err := g.custom(g.path(pattern))
	if err != nil || len(found) == 0 {
		if !kaHasMagic(pattern) {
			g.missingFiles++
		} else {
			g.wildcards = true
		}
		return nil
	}
	if g.base != "" && !filepath.IsAbs(pattern) {
		for i, f := range found {
			if rel, err := filepath.Rel(g.base, f); err == nil {
				found[i] = rel
			}
		}
	}
	return found
}

// glob expands one brace-free pattern.
func (g *kaGlob) glob(pattern string) []string {
	if !kaHasMagic(pattern) {
		name := kaUnescapeGlob(pattern)
		switch name {
		case "":
			// glibc matches nothing without looking at the disk.
			return nil
		case "/":
			// GLOB_MARK appends its '/' to the root's own.
			return []string{"//"}
		}
		if _, err := os.Lstat(g.path(name)); err != nil {
			g.missingFiles++
			return nil
		}
		return []string{g.mark(name)}
	}
	dir, file := "", pattern
	if i := strings.LastIndexByte(pattern, '/'); i >= 0 {
		dir, file = pattern[:i+1], pattern[i+1:]
	}
	var dirs []string
	switch {
	case dir == "":
		dirs = []string{""}
	case kaHasMagic(dir[:len(dir)-1]):
		for _, d := range g.glob(strings.TrimSuffix(dir, "/")) {
			if strings.HasSuffix(d, "/") {
				dirs = append(dirs, d)
			}
		}
	default:
		dirs = []string{kaUnescapeGlob(dir)}
	}
	var out []string
	for _, d := range dirs {
		d = strings.TrimSuffix(d, "/")
		prefix := d
		if d != "" {
			prefix += "/"
		} else if strings.HasPrefix(pattern, "/") {
			prefix = "/"
		}
		if !kaHasMagic(file) {
			name := prefix + kaUnescapeGlob(file)
			if _, err := os.Lstat(g.path(name)); err != nil {
				g.missingFiles++
				continue
			}
			out = append(out, g.mark(name))
			continue
		}
		g.wildcards = true
		open := d
		if open == "" {
			open = "."
			if strings.HasPrefix(pattern, "/") {
				open = "/"
			}
		}
		entries, err := os.ReadDir(g.path(open))
		if err != nil {
			g.missingDirs++
			continue
		}
		pat := strings.ReplaceAll(file, "[!", "[^")
		for _, e := range entries {
			n := e.Name()
			if n[0] == '.' && file[0] != '.' {
				continue
			}
			if ok, _ := filepath.Match(pat, n); ok {
				out = append(out, g.mark(prefix+n))
			}
		}
	}
	return out
}

// mark appends '/' to directories (GLOB_MARK).
func (g *kaGlob) mark(name string) string {
	if st, err := os.Stat(g.path(name)); err == nil && st.IsDir() && !strings.HasSuffix(name, "/") {
		return name + "/"
	}
	return name
}

func kaHasMagic(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return false
}

func kaUnescapeGlob(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// kaBraceAlternatives expands the first {a,b,...} of pattern and then the
// rest, in order (GLOB_BRACE). Unbalanced braces are taken literally.
func kaBraceAlternatives(pattern string) []string {
	open := -1
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '\\' {
			i++
			continue
		}
		if pattern[i] == '{' {
			open = i
			break
		}
	}
	if open < 0 {
		return []string{pattern}
	}
	depth := 0
	var cuts []int
	closeAt := -1
	for i := open + 1; i < len(pattern) && closeAt < 0; i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth == 0 {
				closeAt = i
			} else {
				depth--
			}
		case ',':
			if depth == 0 {
				cuts = append(cuts, i)
			}
		}
	}
	if closeAt < 0 {
		return []string{pattern}
	}
	prefix, suffix := pattern[:open], pattern[closeAt+1:]
	start := open + 1
	var out []string
	for _, c := range append(cuts, closeAt) {
		for _, alt := range kaBraceAlternatives(prefix + pattern[start:c] + suffix) {
			out = append(out, alt)
		}
		start = c + 1
	}
	return out
}
