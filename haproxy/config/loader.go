package config

import (
	"hakeep/parser"
	"hakeep/proxy"
)

// loader carries the state of one Load call: HAProxy's globals of the
// configuration phase (the current sections, the proxies seen so far, the
// ERR_* bits gathered) as plain fields.
type loader struct {
	opts Options
	msgs []Message
	cfg  *proxy.Config

	// errs are the ERR_* bits gathered over all files so far.
	errs errCode
	// warned is set once any warning was printed (zero-warning).
	warned bool
	// quiet is set by a global "quiet" line, read when quietFrom
	// messages had been printed.
	quiet     bool
	quietFrom int
	// caseAdjustFrom are the <from> names of h1-case-adjust entries as
	// written, for 2.6's duplicate check.
	caseAdjustFrom map[string]bool

	// env is the overlay of the global section's environment edits;
	// envReset/envKeep record a resetenv.
	env      map[string]string
	envReset bool
	envKeep  map[string]bool
	// baseDir is where relative file names are read from ("default-path").
	baseDir string
	// luaLoaded records a lua-load: Lua may register actions, fetches
	// and services the configuration then uses.
	luaLoaded bool
	hostCache map[string]hostResult
	// kw are the keyword tables.
	kw *keywordTables
	// msgCtx is the place prefix 2.6 adds to every message while a
	// server line is parsed (set_usermsgs_ctx()).
	msgCtx msgContext
	// ex is the expression layer's state.
	ex exprs
	// tables are the declared stick tables; errorsRefs the errorfiles
	// references to resolve.
	tables     []*tableRef
	errorsRefs map[*pxState][]errorsRef
	// Positions of auxiliary sections, for duplicate-name messages.
	peersPos, mailersPos, resolversPos, programPos []parser.Pos
	logForwards                                    []*logForwardRef
	// peersStates and ringStates hold the pseudo-backends whose servers
	// are the peers and ring servers.
	peersStates map[*proxy.Peers]*pxState
	ringStates  map[*proxy.Ring]*pxState

	// Section parsers; they keep their state between sections and files
	// as 2.6's do (cfg_parse_listen()'s static curproxy...).
	global   *globalParser
	proxies  *proxyParser
	sections map[string]section
}

// section is one kind of configuration section (2.6's struct cfg_section).
type section interface {
	// parse handles the section's opening line (args[0] is the section
	// keyword) and every line inside it, like 2.6's section parsers.
	parse(ln *line) errCode
	// post is the post-section parser run when the section ends, or nil.
	post() errCode
}

func newLoader(opts Options) *loader {
	l := &loader{opts: opts, kw: newKeywordTables(), cfg: &proxy.Config{}, errorsRefs: map[*pxState][]errorsRef{},
		peersStates: map[*proxy.Peers]*pxState{}, ringStates: map[*proxy.Ring]*pxState{}}
	l.global = newGlobalParser(l)
	l.proxies = newProxyParser(l)
	l.sections = map[string]section{
		"global":   l.global,
		"defaults": l.proxies,
		"frontend": l.proxies,
		"backend":  l.proxies,
		"listen":   l.proxies,
	}
	l.addAuxSections()
	return l
}

func (l *loader) load(files []string) *Result {
	for _, arg := range files {
		inputs, ok := l.parseArg(arg)
		if !ok {
			// readcfgfile() returned -1: haproxy.c exits at once.
			return &Result{Messages: l.msgs}
		}
		for _, in := range inputs {
			l.applyDefaultPath(in.name)
			code := l.loadFile(in.ds, in.diags)
			if code&(errAbort|errFatal) != 0 {
				l.alertf(parser.Pos{}, "Error(s) found in configuration file : %s", in.name)
			}
			l.errs |= code
			if l.errs&errAbort != 0 {
				return &Result{Messages: l.msgs}
			}
		}
	}
	// haproxy.c: "do not try to resolve arguments nor to spot
	// inconsistencies when the configuration contains fatal errors".
	if l.errs&(errAbort|errFatal) != 0 {
		l.alertf(parser.Pos{}, "Fatal errors found in configuration.")
		return &Result{Messages: l.msgs}
	}
	l.errs |= l.checkConfig()
	if l.errs&(errAbort|errFatal) != 0 {
		l.alertf(parser.Pos{}, "Fatal errors found in configuration.")
		return &Result{Messages: l.msgs}
	}
	if l.errs |= l.initServerAddrs(); l.errs&(errAbort|errFatal) != 0 {
		l.alertf(parser.Pos{}, "Failed to initialize server(s) addr.")
		return &Result{Messages: l.msgs}
	}
	if l.warned && l.cfg.Global.ZeroWarning {
		l.alertf(parser.Pos{}, "Some warnings were found and 'zero-warning' is set. Aborting.")
		return &Result{Messages: l.msgs}
	}
	if l.ex.env != nil {
		l.cfg.Patterns = l.ex.env
	}
	return &Result{Messages: l.msgs, Config: l.cfg, NoListener: !l.hasListener()}
}

// maxFatal is the number of fatal lines after which readcfgfile() gives
// up on a file.
const maxFatal = 50

// loadFile feeds one file's directives to the section parsers the way
// readcfgfile() does, interleaving the parser's own diagnostics by line.
func (l *loader) loadFile(ds []*parser.Directive, diags parser.Diagnostics) errCode {
	var code errCode
	fatal := 0
	var cur section
	di := 0
	flush := func(upto parser.Pos) {
		for di < len(diags) && (!upto.IsValid() || diagBefore(diags[di].Pos, upto)) {
			code |= l.parserDiag(diags[di])
			if diags[di].Severity == parser.SevAlert {
				fatal++
			}
			di++
		}
	}
	feed := func(d *parser.Directive, isHeader bool) bool {
		flush(d.Pos)
		if fatal >= maxFatal {
			l.alertf(d.Pos, "parsing %s: too many fatal errors (%d), stopping now.", where(d.Pos), fatal)
			return false
		}
		ln := newLine(d)
		if !isHeader {
			switch ln.arg(0) {
			case "no":
				ln.kwm, ln.args = kwmNo, ln.args[1:]
			case "default":
				ln.kwm, ln.args = kwmDef, ln.args[1:]
			}
			if ln.kwm != kwmStd && !negatable()[ln.arg(0)] {
				l.alertNS(ln, "negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping.")
				code |= errFatalAlert
				fatal++
			}
		}
		if isHeader {
			next := l.sections[d.Name]
			if cur != nil {
				c := cur.post()
				code |= c
				if c&errFatal != 0 {
					fatal++
				}
				if code&errAbort != 0 {
					return false
				}
			}
			cur = next
		}
		if cur == nil {
			l.alertNS(ln, "unknown keyword '%s' out of section.", ln.arg(0))
			code |= errFatalAlert
			fatal++
			return true
		}
		c := cur.parse(ln)
		code |= c
		if c&errFatal != 0 {
			fatal++
		}
		if isHeader && c&errFatal == 0 {
			l.support("sections", d.Name, ln)
		}
		return code&errAbort == 0
	}
	for _, d := range ds {
		_, isSection := l.sections[d.Name]
		if !feed(d, isSection && d.IsBlock()) {
			return code | l.finishFile(cur, diags[di:], true)
		}
		for _, c := range d.Children {
			if !feed(c, false) {
				return code | l.finishFile(cur, diags[di:], true)
			}
		}
	}
	flush(parser.Pos{})
	return code | l.finishFile(cur, nil, false)
}

// finishFile runs the last section's post parser at the end of a file.
func (l *loader) finishFile(cur section, rest parser.Diagnostics, stopped bool) errCode {
	if stopped || cur == nil {
		return 0
	}
	return cur.post()
}

// negatable lists the keywords a "no"/"default" prefix may precede.
func negatable() map[string]bool {
	return map[string]bool{
		"option": true, "log": true, "busy-polling": true, "set-dumpable": true,
		"strict-limits": true, "insecure-fork-wanted": true, "numa-cpu-mapping": true,
	}
}

// diagBefore reports whether a parser diagnostic at d is printed before
// the directive at p: it is on an earlier line, or on the same line
// before it (a column of 0 means the end of the line: after).
func diagBefore(d, p parser.Pos) bool {
	if d.Line != p.Line {
		return d.Line < p.Line
	}
	return d.Col > 0 && d.Col <= p.Col
}

// parserDiag prints one of the parser's diagnostics as 2.6 prints it.
func (l *loader) parserDiag(d *parser.Diagnostic) errCode {
	l.emit(d.Severity, d.Pos, parser.HAProxyDiagText(d))
	if d.Abort {
		return errFatalAlert | errAbort
	}
	switch d.Severity {
	case parser.SevAlert:
		return errFatalAlert
	case parser.SevWarning:
		return errWarn
	}
	return 0
}

// hasListener tells whether `haproxy -c` would find something to start: an
// enabled proxy with a bind line (the global stats sockets included), a
// peers section with a local listener, or a log-forward section with one.
func (l *loader) hasListener() bool {
	// The runtime API sockets belong to a frontend of their own.
	if len(l.cfg.Global.Stats.Sockets) > 0 {
		return true
	}
	for _, p := range l.cfg.Peers {
		if p.Bind != nil && !p.Disabled {
			return true
		}
	}
	for _, p := range l.cfg.Proxies {
		if !p.Disabled && len(p.Binds) > 0 {
			return true
		}
	}
	for _, f := range l.cfg.LogForwards {
		if len(f.Binds) > 0 || len(f.DgramBinds) > 0 {
			return true
		}
	}
	return false
}
