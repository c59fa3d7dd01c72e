package config

import (
	"fmt"

	"hakeep/parser"
)

// Options are the inputs of Load besides the configuration.
type Options struct {
	Parser parser.KeepalivedOptions
	// ConfigTest gives values the treatment of `keepalived -t`: every bad
	// value is an error. When running, keepalived uses the leading digits
	// of some bad numbers with a warning.
	ConfigTest bool
	// Host is the machine the configuration is checked against; nil
	// means SystemHost.
	Host Host
	// Prior are the errors the command line reported before the
	// configuration was read (ReadLogFacility): they count in
	// Result.TestExit but are not repeated in Result.Messages.
	Prior []Message
	// Namespace is keepalived's -s: it replaces net_namespace once the
	// parent has read global_defs (core/main.c).
	Namespace string
}

// Result is what Load found.
type Result struct {
	// Config is the model; it is set even when there are errors (as
	// keepalived, which runs what it could read).
	Config *Config
	// Messages are keepalived's, in keepalived's order.
	Messages []Message
	// Notes are hakeep's notices about keywords without effect yet.
	Notes []Note
	// TestExit is the exit status of `keepalived -t` for this input.
	TestExit int
	// Stopped is set when keepalived would have stopped before checking
	// everything (StopReason says why); TestExit is then its status.
	Stopped    bool
	StopReason string
	// NoConfig is set when keepalived found no configuration it could
	// use: -f matched no readable file, or include_check failed. Not
	// testing, keepalived exits KEEPALIVED_EXIT_NO_CONFIG then.
	NoConfig bool
}

// loader is the state shared by the readings of one configuration: what
// keepalived keeps in global variables across its readings.
type loader struct {
	opts Options
	host Host
	cfg  *Config
	res  *Result

	// The parent reads the files; the other readings read the copy the
	// parent wrote (parser.ReadKeepalived with copy set). tail is what the parser
	// reported after the last line.
	parentItems, copyItems []item
	parentTail, copyTail   []*parser.Diagnostic
	mainFiles              map[string]bool
	multiMain              bool
	noted                  map[string]bool

	// defaultScriptUser is keepalived's default script user state
	// (lib/notify.c): set once, failed once.
	defaultUserSet  bool
	defaultUserFail bool
	defaultUID      uint32
	defaultGID      uint32
	// nonExistentIf is set when the VRRP reading named an interface the
	// host does not have (vrrp_daemon.c).
	nonExistentIf bool
	// ifs is keepalived's interface queue; defaultIfp its default one.
	ifs        map[string]*netif
	defaultIfp *netif
}

func (l *loader) add(m Message) { l.res.Messages = append(l.res.Messages, m) }

// Load reads the configuration path (a glob pattern, as keepalived's -f)
// and checks it as keepalived -t does.
func Load(path string, opts Options) *Result {
	l := newLoader(opts)
	files, ok, diags := parser.CheckKeepalivedConf(path, opts.Parser)
	p := newPass(l, ReadingNone)
	for _, d := range diags {
		p.parserDiag(d)
	}
	if !ok {
		l.stop(l.testExit(), fmt.Sprintf("cannot read %q", path))
		l.res.NoConfig = true
		return l.res
	}
	l.multiMain = len(files) > 1
	for _, f := range files {
		l.mainFiles[f] = true
	}
	l.run(parser.ReadKeepalived(path, opts.Parser, false), parser.ReadKeepalived(path, opts.Parser, true))
	return l.res
}

// LoadSource checks src as the configuration file name.
func LoadSource(name string, src []byte, opts Options) *Result {
	l := newLoader(opts)
	l.mainFiles[name] = true
	l.run(parser.ReadKeepalivedSource(name, src, opts.Parser, false), parser.ReadKeepalivedSource(name, src, opts.Parser, true))
	return l.res
}

func newLoader(opts Options) *loader {
	l := &loader{opts: opts, host: opts.Host, cfg: &Config{}, mainFiles: map[string]bool{}, noted: map[string]bool{}}
	if l.host == nil {
		l.host = SystemHost{}
	}
	l.res = &Result{Config: l.cfg}
	return l
}

// testExit is the -t exit status for what has been reported so far.
func (l *loader) testExit() int {
	return TestExitCode(append(append([]Message(nil), l.opts.Prior...), l.res.Messages...))
}

func (l *loader) stop(code int, reason string) {
	l.res.Stopped = true
	l.res.TestExit = code
	l.res.StopReason = reason
}

// run replays keepalived's readings (core/main.c: read_config_file, then
// validate_config: checker, VRRP and BFD).
func (l *loader) run(parent, copy parser.KeepalivedRead) {
	l.parentItems = flatten(parent.Directives)
	l.parentTail = attachDiags(l.parentItems, parent)
	l.copyItems = flatten(copy.Directives)
	l.copyTail = attachDiags(l.copyItems, copy)
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(abortRead)
			if !ok {
				panic(r)
			}
			l.stop(a.code, "keepalived exits here")
		}
	}()

	l.readParent()
	for _, d := range parent.Diags {
		if d.Severity == parser.SevAlert {
			// had_config_file_error(): keepalived stops, even with -t.
			l.stop(6, "an include check failed")
			l.res.NoConfig = true
			return
		}
	}
	if ns := l.opts.Namespace; ns != "" {
		if old := l.cfg.Global.NetNamespace; old != "" {
			newPass(l, ReadingNone).logf("Overriding config net_namespace '%s' with command line namespace '%s'", old, ns)
		}
		l.cfg.Global.NetNamespace = ns
	}
	if ns := l.cfg.Global.NetNamespace; ns != "" && !l.host.NetNamespace(ns) {
		// set_namespaces() fails: keepalived logs it and exits 0.
		p := newPass(l, ReadingNone)
		p.logf("Unable to set network namespace %s - exiting", ns)
		l.stop(0, fmt.Sprintf("network namespace %q does not exist", ns))
		return
	}
	l.checkStartStopScripts()
	l.readChecker()
	l.readVRRP()
	l.readBFD()
	l.res.TestExit = l.testExit()
}

// guarded runs one reading, turning a missing parameter into keepalived's
// message and exit.
func (p *pass) guarded(kws []*keyword) {
	defer func() {
		if r := recover(); r != nil {
			mp, ok := r.(missingParam)
			if !ok {
				panic(r)
			}
			w := mp.l.words
			if mp.index > 0 && mp.index-1 < len(w) {
				p.report(ClassMissingParameter, "*** Configuration line starting `%s` is missing a parameter after keyword `%s` at word position %d", w[0], w[mp.index-1], mp.index+1)
			} else {
				p.report(ClassMissingParameter, "*** Configuration line starting `%s` is missing a parameter at word position %d", w[0], mp.index+1)
			}
			panic(abortRead{code: 2})
		}
	}()
	p.run(kws)
}

// checkStartStopScripts is what keepalived's parent checks before the
// other readings: startup and shutdown scripts run as root need
// enable_script_security (core/main.c).
func (l *loader) checkStartStopScripts() {
	g := &l.cfg.Global
	if g.StartupScript == nil && g.ShutdownScript == nil {
		return
	}
	p := newPass(l, ReadingNone)
	flags := 0
	for _, s := range []*Script{g.StartupScript, g.ShutdownScript} {
		if s == nil {
			continue
		}
		f := p.checkScript(s)
		if f&(scInhibit|scNotFound) != 0 || f&(scExecutable|scSystem) == 0 {
			s.Disabled = true
		}
		flags |= f
	}
	if !g.ScriptSecurity && flags&scIsScript != 0 {
		extra := ""
		if flags&scInsecure != 0 {
			extra = " There are insecure scripts."
		}
		p.report(ClassSecurity, "SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled.%s", extra)
	}
}
