package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"hakeep/proxy"
)

// Global keywords that 2.6 registers from other files (cfg_kws lists).
// Their parsers return a message which the section parser prefixes with
// "parsing [file:line] : " (registeredResult).

// regFunc adapts a registered parser returning (rc, message).
func regFunc(f func(p *globalParser, ln *line) (int, string)) globalHandler {
	return func(p *globalParser, ln *line) errCode {
		rc, msg := f(p, ln)
		return p.registered(ln, rc, msg)
	}
}

// onOff is the "on"/"off" tunables.
func onOff(set func(g *proxy.Global, v string)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if v := ln.arg(1); v != "on" && v != "off" {
			return -1, fmt.Sprintf("'%s' expects either 'on' or 'off' but got '%s'.", ln.arg(0), v)
		}
		set(p.g, ln.arg(1))
		return 0, ""
	})
}

// intRange is an atoi() integer within [lo, hi]; msg is 2.6's complaint.
func intRange(lo, hi int, msg string, set func(g *proxy.Global, v int)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		v := atoi(ln.arg(1))
		if v < lo || v > hi {
			return -1, fmt.Sprintf(msg, ln.arg(0))
		}
		set(p.g, v)
		return 0, ""
	})
}

// msTime is a delay in milliseconds as proxy_parse_hard_stop_after() reads
// it.
func msTime(set func(g *proxy.Global, v uint32)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects <time> as argument.\n", ln.arg(0))
		}
		v, te, ok := p.l.parseTimeWarn(ln, ln.arg(1), unitMS)
		switch {
		case te.over:
			return -1, fmt.Sprintf("timer overflow in argument '%s' to '%s' (maximum value is 2147483647 ms or ~24.8 days)", ln.arg(1), ln.arg(0))
		case te.under:
			return -1, fmt.Sprintf("timer underflow in argument '%s' to '%s' (minimum non-null value is 1 ms)", ln.arg(1), ln.arg(0))
		case !ok:
			return -1, fmt.Sprintf("unexpected character '%c' in argument to <%s>.\n", ln.arg(1)[te.at], ln.arg(0))
		}
		set(p.g, v)
		return 0, ""
	})
}

func globalCloseSpread(p *globalParser, ln *line) errCode {
	if ln.arg(1) == "infinite" {
		p.g.CloseSpreadTimeInfinite = true
		return 0
	}
	return msTime(func(g *proxy.Global, v uint32) {
		g.CloseSpreadTime, g.CloseSpreadTimeInfinite = durationOf(v, unitMS), false
	})(p, ln)
}

// nbthreadLike is nbthread and thread-groups: strtol() of the whole word.
func nbthreadLike(max int, set func(g *proxy.Global, v int)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		v, err := strconv.ParseInt(ln.arg(1), 10, 64)
		if ln.arg(1) == "" || err != nil {
			return -1, fmt.Sprintf("'%s' passed a missing or unparsable integer value in '%s'", ln.arg(0), ln.arg(1))
		}
		if v < 1 || v > int64(max) {
			return -1, fmt.Sprintf("'%s' value must be between 1 and %d (was %d)", ln.arg(0), max, v)
		}
		set(p.g, int(v))
		return 0, ""
	})
}

// maxThreads is MAX_THREADS of Debian's build ("Built with
// multi-threading support (MAX_THREADS=64, default=2)"); maxTGroups is
// its MAX_TGROUPS, 1 (checked: "'thread-groups' value must be between 1
// and 1").
const (
	maxThreads = 64
	maxTGroups = 1
)

func globalThreadGroup(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		v, err := strconv.ParseInt(ln.arg(1), 10, 64)
		if ln.arg(1) == "" || err != nil {
			return -1, fmt.Sprintf("'%s' passed a missing or unparsable integer value in '%s'", ln.arg(0), ln.arg(1))
		}
		if v < 1 || v > maxTGroups {
			return -1, fmt.Sprintf("'%s' thread-group number must be between 1 and %d (was %d)", ln.arg(0), maxTGroups, v)
		}
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("'%s' requires a thread range or a list of threads", ln.arg(0))
		}
		p.g.ThreadGroupMap = append(p.g.ThreadGroupMap, proxy.ThreadGroup{Group: int(v), Threads: ln.joined(2)})
		return 0, ""
	})(p, ln)
}

// pathArg is a keyword taking one path.
func pathArg(msg string, set func(g *proxy.Global, v string)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf(msg, ln.arg(0))
		}
		set(p.g, ln.arg(1))
		return 0, ""
	})
}

// sslBase is ca-base and crt-base (ssl_parse_global_ca_crt_base()).
func sslBase(field func(s *proxy.GlobalSSL) *string) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		f := field(&p.g.SSL)
		if *f != "" {
			return -1, fmt.Sprintf("'%s' already specified.", ln.arg(0))
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("global statement '%s' expects a directory path as an argument.", ln.arg(0))
		}
		*f = ln.arg(1)
		return 0, ""
	})
}

// sslString is the ssl-default-* cipher/curve strings.
func sslString(what string, set func(s *proxy.GlobalSSL, v string)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("global statement '%s' expects %s as an argument.", ln.arg(0), what)
		}
		set(&p.g.SSL, ln.arg(1))
		return 0, ""
	})
}

// sslDefaultOptions is ssl-default-bind-options / -server-options
// (ssl_parse_default_bind_options()).
func sslDefaultOptions(server bool) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		var opts []string
		for i := 1; ln.arg(i) != ""; i++ {
			w := ln.arg(i)
			switch w {
			case "ssl-min-ver", "ssl-max-ver":
				if ln.arg(i+1) == "" {
					return -1, fmt.Sprintf("global statement '%s': missing the ssl/tls version '%s'.", ln.arg(0), w)
				}
				if !sslVersion()[ln.arg(i+1)] {
					return -1, fmt.Sprintf("global statement '%s': unknown ssl/tls version '%s'.", ln.arg(0), ln.arg(i+1))
				}
				opts = append(opts, w+" "+ln.arg(i+1))
				i++
				continue
			}
			if !sslOption(w, server) {
				return -1, fmt.Sprintf("global statement '%s': unknown option '%s'.", ln.arg(0), w)
			}
			opts = append(opts, w)
		}
		if server {
			p.g.SSL.DefaultServerOptions = opts
		} else {
			p.g.SSL.DefaultBindOptions = opts
		}
		return 0, ""
	})
}

func sslVersion() map[string]bool {
	return map[string]bool{"SSLv3": true, "TLSv1.0": true, "TLSv1.1": true, "TLSv1.2": true, "TLSv1.3": true}
}

// sslOption lists the words ssl-default-*-options accept besides the
// version bounds.
func sslOption(w string, server bool) bool {
	switch w {
	case "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13",
		"force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13",
		"no-tls-tickets":
		return true
	case "prefer-client-ciphers", "strict-sni":
		return !server
	}
	return false
}

func globalDHParamFile(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects a file path as an argument.", ln.arg(0))
		}
		if _, err := os.Stat(p.l.path(ln.arg(1))); err != nil {
			return -1, fmt.Sprintf("'%s': unable to load DH parameters from file <%s>.", ln.arg(0), ln.arg(1))
		}
		p.g.SSL.DHParamFile = ln.arg(1)
		return 0, ""
	})(p, ln)
}

func globalDefaultDHParam(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects an integer argument.", ln.arg(0))
		}
		v := atoi(ln.arg(1))
		if v < 1024 {
			return -1, fmt.Sprintf("'%s' expects a value >= 1024.", ln.arg(0))
		}
		p.g.Tune.SSL.DefaultDHParam = v
		return 0, ""
	})(p, ln)
}

// tuneSSLInt is the tune.ssl integer keywords (ssl_parse_global_int()).
func tuneSSLInt(set func(t *proxy.TuneSSL, v int)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(0) == "tune.ssl.capture-cipherlist-size" {
			p.l.warnNS(ln, "'%s' is deprecated and will be removed in version 2.7. Please use 'tune.ssl.capture-buffer-size' instead.", ln.arg(0))
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects an integer argument.", ln.arg(0))
		}
		v := atoi(ln.arg(1))
		if v < 0 {
			return -1, fmt.Sprintf("'%s' expects a positive numeric value.", ln.arg(0))
		}
		set(&p.g.Tune.SSL, v)
		return 0, ""
	})
}

func globalSSLLifetime(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects ssl sessions <lifetime> in seconds as argument.", ln.arg(0))
		}
		v, te, ok := p.l.parseTimeWarn(ln, ln.arg(1), unitS)
		switch {
		case te.over:
			return -1, fmt.Sprintf("timer overflow in argument '%s' to <%s> (maximum value is 2147483647 s or ~68 years).", ln.arg(1), ln.arg(0))
		case te.under:
			return -1, fmt.Sprintf("timer underflow in argument '%s' to <%s> (minimum non-null value is 1 s).", ln.arg(1), ln.arg(0))
		case !ok:
			return -1, fmt.Sprintf("unexpected character '%c' in argument to <%s>.", ln.arg(1)[te.at], ln.arg(0))
		}
		p.g.Tune.SSL.Lifetime = durationOf(v, unitS)
		return 0, ""
	})(p, ln)
}

// boolNoArg is a registered keyword without argument.
func boolNoArg(set func(g *proxy.Global)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 0, 0); bad {
			return -1, m
		}
		set(p.g)
		return 0, ""
	})
}

func globalLoadExtraFiles(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects one or multiple arguments (none, all, bundle, sctl, ocsp, issuer).", ln.arg(0))
		}
		words := ln.from(1)
		for _, w := range words {
			switch w {
			case "none", "all":
				if len(words) > 1 {
					return -1, fmt.Sprintf("'%s' 'none' and 'all' can be only used alone", ln.arg(0))
				}
			case "bundle", "sctl", "ocsp", "issuer", "key":
			default:
				return -1, fmt.Sprintf("'%s' expects one or multiple arguments (none, all, bundle, sctl, ocsp, issuer).", ln.arg(0))
			}
		}
		p.g.SSL.LoadExtraFiles = strings.Join(words, " ")
		return 0, ""
	})(p, ln)
}

func globalLuaLoad(perThread bool) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			if perThread {
				return -1, fmt.Sprintf("'%s' expects a file as parameter.", ln.arg(0))
			}
			return -1, fmt.Sprintf("'%s' expects a file name as parameter.", ln.arg(0))
		}
		// Lua's luaL_loadfile() opens the file at once; 2.6 reports
		// its message. hakeep cannot run Lua, so the file is only
		// checked for existence.
		name := ln.arg(1)
		if _, err := os.Stat(p.l.path(name)); err != nil {
			return -1, fmt.Sprintf("error in Lua file '%s': cannot open %s: %s", name, name, errnoText(err))
		}
		if src, err := os.ReadFile(p.l.path(name)); err == nil {
			// lua-load-per-thread runs the script for the first
			// thread at once too (hlua_load_per_thread()).
			p.l.ex.lua.ScanLua(src)
		}
		ll := proxy.LuaLoad{File: name, Args: ln.from(2)}
		if perThread {
			p.g.Lua.LoadPerThread = append(p.g.Lua.LoadPerThread, ll)
		} else {
			p.g.Lua.Load = append(p.g.Lua.Load, ll)
		}
		p.l.luaLoaded = true
		return 0, ""
	})
}

func globalLuaPrependPath(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 2, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects to receive a <path> as argument", ln.arg(0))
		}
		kind := "path"
		if k := ln.arg(2); k != "" {
			if k != "path" && k != "cpath" {
				return -1, fmt.Sprintf("'%s' expects <type> to either be 'path' or 'cpath'", ln.arg(0))
			}
			kind = k
		}
		p.g.Lua.PrependPath = append(p.g.Lua.PrependPath, proxy.LuaPrependPath{Path: ln.arg(1), Kind: kind})
		return 0, ""
	})(p, ln)
}

// luaTimeout is tune.lua.*-timeout (hlua_read_timeout()).
func luaTimeout(set func(t *proxy.TuneLua, v uint32)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		v, te, ok := p.l.parseTimeWarn(ln, ln.arg(1), unitMS)
		switch {
		case te.over:
			return -1, fmt.Sprintf("timer overflow in argument <%s> to <%s> (maximum value is 2147483647 ms or ~24.8 days)", ln.arg(1), ln.arg(0))
		case te.under:
			return -1, fmt.Sprintf("timer underflow in argument <%s> to <%s> (minimum non-null value is 1 ms)", ln.arg(1), ln.arg(0))
		case !ok:
			return -1, fmt.Sprintf("%s: invalid timeout", ln.arg(0))
		}
		set(&p.g.Tune.Lua, v)
		return 0, ""
	})
}

func globalLuaForcedYield(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		v, err := strconv.ParseInt(ln.arg(1), 10, 64)
		if err != nil {
			return -1, fmt.Sprintf("%s: invalid number", ln.arg(0))
		}
		p.g.Tune.Lua.ForcedYield = int(v)
		return 0, ""
	})(p, ln)
}

func globalLuaMaxMem(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects an integer argument (Lua memory size in MB).", ln.arg(0))
		}
		s := ln.arg(1)
		i := 0
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) {
			return -1, fmt.Sprintf("%s: invalid number %s (error at '%c')", ln.arg(0), s, s[i])
		}
		p.g.Tune.Lua.MaxMem = int(atol(s))
		return 0, ""
	})(p, ln)
}

func globalVarsMax(set func(t *proxy.TuneVars, v int)) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		v, _, ok := parseSize(ln.arg(1))
		if !ok {
			return -1, fmt.Sprintf("%s: '%s' is an invalid size", ln.arg(0), ln.arg(1))
		}
		set(&p.g.Tune.Vars, int(v))
		return 0, ""
	})
}

func globalSetVar(format bool) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" || ln.arg(2) == "" {
			if format {
				return -1, fmt.Sprintf("'%s' requires a process-wide variable name ('proc.<name>') and a format string.", ln.arg(0))
			}
			return -1, fmt.Sprintf("'%s' requires a process-wide variable name ('proc.<name>') and a sample expression.", ln.arg(0))
		}
		if !strings.HasPrefix(ln.arg(1), "proc.") {
			return -1, fmt.Sprintf("'%s': cannot set variable '%s', only scope 'proc' is permitted in the global section.", ln.arg(0), ln.arg(1))
		}
		p.g.SetVars = append(p.g.SetVars, proxy.GlobalSetVar{Name: ln.arg(1), Expr: ln.joined(2), Format: format})
		return 0, ""
	})
}

func globalDefaultPath(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		mode := ln.arg(1)
		switch mode {
		case "current", "config", "parent", "origin":
		default:
			what := "unsupported"
			if mode == "" {
				what = "missing"
			}
			return -1, fmt.Sprintf("%s default-path mode '%s' for '%s', supported modes include 'current', 'config', 'parent', and 'origin'.", what, mode, ln.arg(0))
		}
		if mode == "origin" && ln.arg(2) == "" {
			return -1, fmt.Sprintf("'%s %s' expects a directory as an argument.", ln.arg(0), ln.arg(1))
		}
		p.g.DefaultPath = proxy.DefaultPath{Kind: mode, Path: ln.arg(2)}
		p.l.applyDefaultPath(ln.pos.File)
		return 0, ""
	})(p, ln)
}

func globalH1CaseAdjust(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 2, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" || ln.arg(2) == "" {
			return -1, fmt.Sprintf("'%s' expects <from> and <to> as argument.", ln.arg(0))
		}
		if !strings.EqualFold(ln.arg(1), ln.arg(2)) {
			return -1, fmt.Sprintf("'%s' : header '%s' and its replacement '%s' must be equal ignoring case.", ln.arg(0), ln.arg(1), ln.arg(2))
		}
		if msg := p.l.addCaseAdjust(ln.arg(1), ln.arg(2)); msg != "" {
			return -1, msg
		}
		return 0, ""
	})(p, ln)
}

func globalH1CaseAdjustFile(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects <file> as argument.", ln.arg(0))
		}
		p.g.H1CaseAdjustFile = ln.arg(1)
		return 0, ""
	})(p, ln)
}

func globalProfilingTasks(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		switch ln.arg(1) {
		case "on", "auto", "off":
			p.g.ProfilingTasks = ln.arg(1)
			return 0, ""
		}
		return -1, fmt.Sprintf("'%s' expects either 'on', 'auto', or 'off' but got '%s'.", ln.arg(0), ln.arg(1))
	})(p, ln)
}

func globalHTTPClient(set func(h *proxy.HTTPClientConfig, v string), choices ...string) globalHandler {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' : expects an argument.", ln.arg(0))
		}
		if len(choices) > 0 {
			ok := false
			for _, c := range choices {
				ok = ok || c == ln.arg(1)
			}
			if !ok {
				return -1, fmt.Sprintf("'%s' : incorrect value '%s'.", ln.arg(0), ln.arg(1))
			}
		}
		set(&p.g.HTTPClient, ln.arg(1))
		return 0, ""
	})
}

func globalMaxSSLConn(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects an integer argument.", ln.arg(0))
		}
		v := atoi(ln.arg(1))
		if v < 0 {
			return -1, fmt.Sprintf("'%s' expects a positive numeric value.", ln.arg(0))
		}
		p.g.MaxSSLConn = v
		return 0, ""
	})(p, ln)
}

func globalIssuersChain(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if p.g.SSL.IssuersChainPath != "" {
			return -1, fmt.Sprintf("'%s' already specified.", ln.arg(0))
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("global statement '%s' expects a directory path as an argument.", ln.arg(0))
		}
		st, err := os.Stat(p.l.path(ln.arg(1)))
		if err != nil || !st.IsDir() {
			return -1, fmt.Sprintf("global statement '%s': %s is not a directory.", ln.arg(0), ln.arg(1))
		}
		p.g.SSL.IssuersChainPath = ln.arg(1)
		return 0, ""
	})(p, ln)
}

func globalMworkerMaxReloads(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if m, bad := tooManyArgsMsg(ln, 1, 0); bad {
			return -1, m
		}
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("'%s' expects an integer argument.", ln.arg(0))
		}
		p.g.MworkerMaxReloads = atoi(ln.arg(1))
		return 0, ""
	})(p, ln)
}

func globalSSLProvider(p *globalParser, ln *line) errCode {
	return regFunc(func(p *globalParser, ln *line) (int, string) {
		if ln.arg(1) == "" {
			return -1, fmt.Sprintf("global statement '%s' expects a valid engine provider name as an argument.", ln.arg(0))
		}
		p.g.SSL.Provider = append(p.g.SSL.Provider, ln.arg(1))
		return 0, ""
	})(p, ln)
}
