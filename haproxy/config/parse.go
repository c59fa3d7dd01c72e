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
