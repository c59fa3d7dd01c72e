package config

import "hakeep/parser"

// fileInput is one configuration file's directives and the parser's
// diagnostics about it.
type fileInput struct {
	name  string
	ds    []*parser.Directive
	diags parser.Diagnostics
}

// parseArg reads one -f argument (a file, or a directory of *.cfg files)
// into per-file inputs, in order. ok is false when a file cannot be read:
// 2.6 then prints the parser's message and exits at once.
func (l *loader) parseArg(arg string) ([]fileInput, bool) {
	popts := l.opts.Parser
	popts.LookupEnv = l.lookupEnv
	ds, diags := parser.ParseHAProxy([]string{arg}, popts)
	if edits := envEdits(ds); len(edits) > 0 {
		// HAProxy reads a line only once the lines before it ran, so a
		// global setenv changes what later lines expand. The parser
		// expands a whole file at once: when the file edits the
		// environment, it is read again with the edits applied. (Lines
		// before an edit then see it too; HAProxy's do not.)
		ov := &envOverlay{l: l, vals: map[string]string{}}
		for _, d := range edits {
			ov.apply(d)
		}
		popts.LookupEnv = ov.lookup
		ds, diags = parser.ParseHAProxy([]string{arg}, popts)
	}
	var files []fileInput
	index := map[string]int{}
	get := func(name string) *fileInput {
		i, ok := index[name]
		if !ok {
			i = len(files)
			index[name] = i
			files = append(files, fileInput{name: name})
		}
		return &files[i]
	}
	// Files come in order; diagnostics and directives are attached to
	// their file, keeping each list's order.
	for _, d := range diags {
		if !d.Pos.IsValid() && d.Abort {
			// "Could not open configuration file": nothing else counts.
			l.emit(d.Severity, d.Pos, parser.HAProxyDiagText(d))
			return nil, false
		}
	}
	for _, d := range ds {
		f := get(d.Pos.File)
		f.ds = append(f.ds, d)
	}
	for _, d := range diags {
		f := get(d.Pos.File)
		f.diags = append(f.diags, d)
	}
	if len(files) == 0 {
		files = append(files, fileInput{name: arg})
	}
	return files, true
}

// envEdits returns the global section lines that edit the environment.
func envEdits(ds []*parser.Directive) []*parser.Directive {
	var out []*parser.Directive
	for _, d := range ds {
		if d.Name != "global" || !d.IsBlock() {
			continue
		}
		for _, c := range d.Children {
			switch c.Name {
			case "setenv", "presetenv", "unsetenv", "resetenv":
				out = append(out, c)
			}
		}
	}
	return out
}

// envOverlay is the environment a file sees once its global section's
// edits are applied, on top of the loader's.
type envOverlay struct {
	l     *loader
	vals  map[string]string
	reset bool
	keep  map[string]bool
}

func (o *envOverlay) lookup(name string) (string, bool) {
	if v, ok := o.vals[name]; ok {
		return v, v != unsetMark
	}
	if o.reset && !o.keep[name] {
		return "", false
	}
	return o.l.lookupEnv(name)
}

func (o *envOverlay) apply(d *parser.Directive) {
	switch d.Name {
	case "setenv":
		if len(d.Args) >= 2 {
			o.vals[d.Args[0].Value] = d.Args[1].Value
		}
	case "presetenv":
		if len(d.Args) >= 2 {
			if _, ok := o.lookup(d.Args[0].Value); !ok {
				o.vals[d.Args[0].Value] = d.Args[1].Value
			}
		}
	case "unsetenv":
		for _, a := range d.Args {
			o.vals[a.Value] = unsetMark
		}
	case "resetenv":
		o.reset = true
		o.keep = map[string]bool{}
		for _, a := range d.Args {
			o.keep[a.Value] = true
		}
		for k := range o.vals {
			if !o.keep[k] {
				delete(o.vals, k)
			}
		}
	}
}
