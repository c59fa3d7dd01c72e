package acl

import (
	"bytes"
	"fmt"
	"strings"

	"hakeep/proxy/sample"
)

// patFile is one pattern or map file as read (struct pat_ref): its lines,
// and whether it was read with values (two columns).
type patFile struct {
	twoCols bool
	entries []patEntry
}

type patEntry struct {
	key, value string
	line       int
}

// readPatFile returns the entries of name, reading it on first use. The
// checks and texts are 2.6's pattern_read_from_file.
func (e *Env) readPatFile(name string, twoCols bool, c *sample.Context) (*patFile, error) {
	if f, ok := e.files[name]; ok {
		if twoCols && !f.twoCols {
			return nil, fmt.Errorf("The file \"%s\" is already used as one column file and cannot be used by as two column file.", name)
		}
		if !twoCols && f.twoCols {
			return nil, fmt.Errorf("The file \"%s\" is already used as two column file and cannot be used by as one column file.", name)
		}
		return f, nil
	}
	data, err := c.Read(name)
	if err != nil {
		return nil, fmt.Errorf("failed to open pattern file <%s>", name)
	}
	f := &patFile{twoCols: twoCols}
	for n, raw := range bytes.SplitAfter(data, []byte("\n")) {
		line := string(raw)
		if line == "" {
			continue
		}
		// A '#' in the first column starts a comment; leading blanks go.
		if line[0] == '#' {
			continue
		}
		line = strings.TrimLeft(line, " \t")
		if end := strings.IndexAny(line, "\r\n"); end >= 0 {
			line = line[:end]
		}
		if line == "" {
			continue
		}
		if !twoCols {
			// One pattern per line, trailing blanks included
			// (pat_ref_read_from_file).
			f.entries = append(f.entries, patEntry{key: line, line: n + 1})
			continue
		}
		// Key, blanks, then the value to the end of the line without
		// its trailing blanks (pat_ref_read_from_file_smp).
		k := strings.IndexAny(line, " \t")
		key, value := line, ""
		if k >= 0 {
			key = line[:k]
			value = strings.TrimRight(strings.TrimLeft(line[k:], " \t"), " \t")
		}
		f.entries = append(f.entries, patEntry{key: key, value: value, line: n + 1})
	}
	e.files[name] = f
	e.fileRef(name, f)
	return f, nil
}

// loadPatterns adds the keys of a file to a pattern set.
func (e *Env) loadPatterns(p *Patterns, name string, twoCols, noDNS bool, c *sample.Context) error {
	f, err := e.readPatFile(name, twoCols, c)
	if err != nil {
		return err
	}
	e.usePatterns(name, p, c.File, c.Line)
	res := e.Resolve
	if noDNS {
		res = nil
	}
	for _, en := range f.entries {
		if err := p.Add(en.key, res); err != nil {
			return fmt.Errorf("%s at line %d of file '%s'", err, en.line, name)
		}
	}
	return nil
}
