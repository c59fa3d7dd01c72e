package certstore

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// CrtList is a "crt-list" file, or a directory given to "crt" (2.6
// makes both crt-lists: "show ssl crt-list" lists both).
type CrtList struct {
	store *Store
	path  string
	dir   bool
	// entries are in line order; the store's lock guards them.
	entries []*ListEntry
	// lines is the last line number given (added entries take the next).
	lines int
	// binds counts the listeners serving the list: an added entry gets
	// one instance per listener.
	binds int
}

// ListEntry is one line of a crt-list: a certificate, its settings and
// its SNI filters.
type ListEntry struct {
	Entry *Entry
	// Conf is the "[...]" settings, nil without brackets.
	Conf *SSLConf
	// Filters are the SNI filters as written ("*.example.com",
	// "!secure.example.com"); none means the certificate's names.
	Filters []string
	Line    int
}

// Path is the list's name as configured.
func (l *CrtList) Path() string { return l.path }

// Entries is a snapshot of the list's lines.
func (l *CrtList) Entries() []*ListEntry {
	l.store.mu.Lock()
	defer l.store.mu.Unlock()
	return append([]*ListEntry(nil), l.entries...)
}

// Serve records that one more listener serves the list and each of its
// certificates.
func (l *CrtList) Serve() {
	l.store.mu.Lock()
	defer l.store.mu.Unlock()
	l.binds++
	for _, le := range l.entries {
		le.Entry.refs++
	}
}

// List is what "crt-list <path>" loads, or "crt <dir>": the list, loaded
// once and shared by the listeners naming it.
func (s *Store) List(path string) (*CrtList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.lists[path]; ok {
		return l, nil
	}
	var l *CrtList
	var err error
	if st, serr := os.Stat(s.opt.path(path)); serr == nil && st.IsDir() {
		l, err = s.loadDirLocked(path)
	} else {
		l, err = s.loadListLocked(path)
	}
	if err != nil {
		return nil, err
	}
	s.lists[path] = l
	return l, nil
}

// loadDirLocked is crtlist_load_cert_dir(): every regular file of the
// directory in name order, but the side files (.issuer, .ocsp, .sctl,
// .key) and the hidden ones.
func (s *Store) loadDirLocked(path string) (*CrtList, error) {
	des, err := os.ReadDir(s.opt.path(path))
	if err != nil {
		return nil, fmt.Errorf("unable to scan directory '%s' : %s.\n", path, errnoText(err))
	}
	l := &CrtList{store: s, path: path, dir: true}
	names := make([]string, 0, len(des))
	for _, de := range des {
		names = append(names, de.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		switch filepath.Ext(n) {
		case ".issuer", ".ocsp", ".sctl", ".key":
			continue
		}
		if strings.HasPrefix(n, ".") {
			continue
		}
		fp := path + "/" + n
		st, err := os.Stat(s.opt.path(fp))
		if err != nil {
			return nil, fmt.Errorf("unable to stat SSL certificate from file '%s' : %s.\n", fp, errnoText(err))
		}
		if !st.Mode().IsRegular() {
			continue
		}
		e, ok := s.entries[fp]
		if !ok {
			if e, err = s.loadLocked(fp); err != nil {
				return nil, err
			}
		}
		l.lines++
		l.entries = append(l.entries, &ListEntry{Entry: e, Line: l.lines})
	}
	return l, nil
}

// loadListLocked is crtlist_parse_file().
func (s *Store) loadListLocked(path string) (*CrtList, error) {
	raw, err := os.ReadFile(s.opt.path(path))
	if err != nil {
		return nil, fmt.Errorf("cannot open file '%s' : %s", path, errnoText(err))
	}
	l := &CrtList{store: s, path: path}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' || text[0] == '\r' {
			continue
		}
		where := "[" + path + ":" + strconv.Itoa(line) + "]"
		crt, conf, filters, err := parseLine(text, s.opt.CABase, where)
		if err != nil {
			return nil, err
		}
		if crt == "" {
			continue
		}
		if !strings.HasPrefix(crt, "/") && s.opt.CRTBase != "" {
			crt = s.opt.CRTBase + "/" + crt
		}
		es, err := s.certLocked(crt)
		if err != nil {
			return nil, err
		}
		for i, e := range es {
			if i > 0 {
				// a bundle: one line per certificate (2.6 counts
				// each duplicated line)
				line++
			}
			l.entries = append(l.entries, &ListEntry{Entry: e, Conf: conf, Filters: filters, Line: line})
		}
	}
	if len(raw) > 0 && raw[len(raw)-1] != '\n' {
		last := raw[bytes.LastIndexByte(raw, '\n')+1:]
		return nil, fmt.Errorf("parsing [%s:%d]: Missing LF on last line, file might have been truncated at position %d.\n", path, line, len(last)+1)
	}
	l.lines = line
	return l, nil
}

// parseLine is crtlist_parse_line(): "<crt> [\[<sslconf>...\]]
// [[!]<filter>...]". An empty line gives an empty crt.
func parseLine(text, caBase, where string) (crt string, conf *SSLConf, filters []string, err error) {
	var args []string
	open, close := -1, -1
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			args = append(args, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			flush()
		case r == '[':
			flush()
			if open >= 0 {
				return "", nil, nil, fmt.Errorf("parsing %s: too many '['", where)
			}
			if len(args) == 0 {
				return "", nil, nil, fmt.Errorf("parsing %s: file must start with a cert", where)
			}
			open = len(args)
		case r == ']':
			flush()
			if close >= 0 {
				return "", nil, nil, fmt.Errorf("parsing %s: too many ']'", where)
			}
			if open < 0 {
				return "", nil, nil, fmt.Errorf("parsing %s: missing '['", where)
			}
			close = len(args)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	if len(args) == 0 {
		return "", nil, nil, nil
	}
	rest := 1
	if open >= 0 {
		if close < 0 {
			close = open
		}
		if conf, err = parseSSLConf(args[open:close], caBase, where); err != nil {
			return "", nil, nil, err
		}
		rest = close
	}
	return args[0], conf, args[rest:], nil
}

// Lists names the crt-lists in name order ("show ssl crt-list").
func (s *Store) Lists() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.lists))
	for n := range s.lists {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ShowList is "show ssl crt-list [-n] <list>": the lines as 2.6 dumps
// them, with line numbers when numbered.
func (s *Store) ShowList(path string, numbered bool) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.lists[strings.TrimRight(path, "/")]
	if !ok {
		return "", fmt.Errorf("didn't find the specified filename\n")
	}
	var b strings.Builder
	b.WriteString("# " + l.path + "\n")
	for _, le := range l.entries {
		b.WriteString(le.Entry.path)
		if numbered {
			b.WriteString(":" + strconv.Itoa(le.Line))
		}
		le.Conf.dump(&b)
		for _, f := range le.Filters {
			b.WriteString(" " + f)
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// AddToList is "add ssl crt-list <list> <cert>" or its payload form (one
// crt-list line): the certificate must be in the store; every listener
// of the list serves it from the next handshake. The answer is 2.6's.
func (s *Store) AddToList(list, certArg, payload string) (string, error) {
	list = strings.TrimRight(list, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(msg string) error { return fmt.Errorf("Can't edit the crt-list: %s\n", msg) }
	l, ok := s.lists[list]
	if !ok {
		return "", fail(fmt.Sprintf("crt-list '%s' does not exist!", list))
	}
	crt := certArg
	var conf *SSLConf
	var filters []string
	if payload != "" {
		if strings.Contains(strings.TrimRight(payload, "\n"), "\n") {
			return "", fail("only one line of payload is supported!")
		}
		var err error
		if crt, conf, filters, err = parseLine(strings.TrimRight(payload, "\n"), s.opt.CABase, "[CLI:1]"); err != nil {
			return "", fail(err.Error())
		}
		if crt == "" {
			return "", fail("'add ssl crtlist' should contain the certificate name in the payload")
		}
	}
	if l.dir {
		if i := strings.LastIndexByte(crt, '/'); i < 0 || crt[:i] != l.path {
			return "", fail(fmt.Sprintf("'%s' is a directory, certificate path '%s' must contain the directory path", l.path, crt))
		}
	}
	if !strings.HasPrefix(crt, "/") && s.opt.CRTBase != "" {
		crt = s.opt.CRTBase + "/" + crt
	}
	e, ok := s.entries[crt]
	if !ok {
		return "", fail(fmt.Sprintf("certificate '%s' does not exist!", crt))
	}
	if s.tx.path == crt && s.tx.old != nil {
		return "", fail(fmt.Sprintf("certificate '%s' is being modified!", crt))
	}
	if e.Data() == nil || e.Data().Cert == nil {
		return "", fail(fmt.Sprintf("certificate '%s' is empty!", crt))
	}
	l.lines++
	l.entries = append(l.entries, &ListEntry{Entry: e, Conf: conf, Filters: filters, Line: l.lines})
	e.refs += l.binds
	s.gen.Add(1)
	return fmt.Sprintf("Inserting certificate '%s' in crt-list '%s'%s\nSuccess!\n", crt, l.path, strings.Repeat(".", l.binds)), nil
}

// DelFromList is "del ssl crt-list <list> <cert[:line]>".
func (s *Store) DelFromList(list, arg string) (string, error) {
	list = strings.TrimRight(list, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(msg string) error { return fmt.Errorf("Can't delete the entry: %s\n", msg) }
	crt, lineNo := arg, 0
	if i := strings.LastIndexByte(arg, ':'); i >= 0 {
		n, err := strconv.Atoi(arg[i+1:])
		if err != nil || n <= 0 {
			return "", fail(fmt.Sprintf("line number must be a positive integer"))
		}
		crt, lineNo = arg[:i], n
	}
	l, ok := s.lists[list]
	if !ok {
		return "", fail(fmt.Sprintf("crt-list '%s' does not exist!", list))
	}
	e, ok := s.entries[crt]
	if !ok {
		return "", fail(fmt.Sprintf("certificate '%s' does not exist!", crt))
	}
	if s.tx.path == crt && s.tx.old != nil {
		return "", fail(fmt.Sprintf("certificate '%s' is being modified!", crt))
	}
	var found []int
	for i, le := range l.entries {
		if le.Entry == e && (lineNo == 0 || le.Line == lineNo) {
			found = append(found, i)
		}
	}
	switch {
	case len(found) == 0:
		return "", fail(fmt.Sprintf("certificate '%s' can't be found in crt-list '%s'!", crt, l.path))
	case len(found) > 1:
		var lines []string
		for _, i := range found {
			lines = append(lines, strconv.Itoa(l.entries[i].Line))
		}
		return "", fail(fmt.Sprintf("found the certificate '%s' in several entries, please specify a line number preceded by colons (%s)!", crt, strings.Join(lines, ", ")))
	}
	l.entries = append(l.entries[:found[0]], l.entries[found[0]+1:]...)
	e.refs -= l.binds
	s.gen.Add(1)
	return fmt.Sprintf("Entry '%s' deleted in crtlist '%s'!\n", crt, l.path), nil
}
