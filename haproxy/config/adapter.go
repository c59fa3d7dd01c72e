package config

import (
	"errors"
	"os"
	"strconv"

	"hakeep/parser"
	"hakeep/proxy"
	"hakeep/proxy/acl"
	"hakeep/proxy/logformat"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// This file is the one place where the decoder hands expressions to the
// expression layer (proxy/sample, and proxy/acl, proxy/logformat and
// proxy/rules as they land): sample expressions, ACLs and conditions,
// log-format strings and rule actions. Each function returns the
// compiled value, or 2.6's message for the caller to frame.

// exprs holds what the expression layer needs for one Load.
type exprs struct {
	reg  *sample.Registry
	refs sample.Refs
	env  *acl.Env
	// lua are the keywords lua-load'ed scripts register.
	lua sample.Lua
	// acls are each proxy section's named ACLs.
	acls map[*pxState]*acl.Set
}

// aclCtx is the ACL context of a proxy section at a line.
func (l *loader) aclCtx(s *pxState, ln *line, ac sample.ArgCtx) *acl.Context {
	if l.ex.env == nil {
		l.ex.env = acl.NewEnv()
		l.ex.acls = map[*pxState]*acl.Set{}
	}
	set := l.ex.acls[s]
	if set == nil {
		set = acl.NewSet()
		l.ex.acls[s] = set
	}
	sc := l.exprCtx(s, ln, ac)
	sc.Maps = l.ex.env
	return &acl.Context{Context: sc, Env: l.ex.env, ACLs: set}
}

func (l *loader) exprCtx(s *pxState, ln *line, ac sample.ArgCtx) *sample.Context {
	if l.ex.reg == nil {
		l.ex.reg = sample.NewRegistry()
	}
	c := &sample.Context{
		Registry: l.ex.reg,
		ArgCtx:   ac,
		Refs:     &l.ex.refs,
		File:     ln.pos.File,
		Line:     ln.pos.Line,
		ReadFile: func(name string) ([]byte, error) { return readFileAt(l.path(name)) },
		Warn: func(e *sample.Error) {
			l.sampleMsg(ln, e)
		},
		Maps: l.ex.env,
	}
	if l.ex.lua.Fetches != nil {
		c.Lua = &l.ex.lua
	}
	if s != nil {
		c.Proxy = s.name()
		if s.fe() {
			c.Cap |= sample.CapFE
		}
		if s.be() {
			c.Cap |= sample.CapBE
		}
		if s.isDef() {
			c.Cap |= sample.CapDef
		}
	}
	return c
}

// sampleMsg prints an expression-layer message with its framing.
func (l *loader) sampleMsg(ln *line, e *sample.Error) {
	text := renderSampleError(ln, e)
	if e.Warning {
		l.warnf(ln.pos, "%s", text)
	} else {
		l.alertf(ln.pos, "%s", text)
	}
}

func renderSampleError(ln *line, e *sample.Error) string {
	file, lineNo := ln.pos.File, ln.pos.Line
	if e.File != "" {
		file, lineNo = e.File, e.Line
	}
	w := "[" + file + ":" + itoa(lineNo) + "]"
	switch e.Style {
	case sample.StyleParsingTight:
		return "parsing " + w + ": " + e.Msg
	case sample.StyleParsingCapTight:
		return "Parsing " + w + ": " + e.Msg
	case sample.StyleProxy:
		return "Proxy '" + e.Proxy + "': " + e.Msg
	case sample.StyleBare:
		return e.Msg
	}
	return "parsing " + w + " : " + e.Msg
}

// compileSampleExpr parses the sample expression starting at word idx.
func (l *loader) compileSampleExpr(s *pxState, ln *line, idx int, what string) (any, int, string) {
	ac := sample.ArgSTK
	if what == "balance" {
		ac = sample.ArgUSRV
	}
	expr, next, err := l.exprCtx(s, ln, ac).ParseExpr(ln.args, idx)
	if err != nil {
		return nil, idx + 1, errText(err)
	}
	return expr, next, ""
}

func errText(err error) string {
	var se *sample.Error
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// compileACL declares one "acl <name> <criterion> ..." line with
// proxy/acl. The message is 2.6's whole text after the place.
func (l *loader) compileACL(s *pxState, ln *line) (*proxy.ACL, string) {
	c := l.aclCtx(s, ln, sample.ArgACL)
	if s.isDef() && !s.anon {
		// 2.6 refuses ACLs in anonymous defaults sections only (the
		// caller checked); named ones declare them like proxies.
		sc := *c.Context
		sc.Cap &^= sample.CapDef
		c.Context = &sc
	}
	a, err := acl.Declare(ln.args[1:], c)
	if err != nil {
		return nil, errText(err)
	}
	return &proxy.ACL{Name: ln.arg(1), Words: ln.from(2), File: ln.pos.File, Line: ln.pos.Line, Compiled: a}, ""
}

// compileCond compiles the "if"/"unless" condition at word idx with
// proxy/acl; the message is the inner text the callers wrap.
func (l *loader) compileCond(s *pxState, ln *line, idx int) (*proxy.Condition, string) {
	c := &proxy.Condition{Unless: ln.arg(idx) == "unless", Words: ln.from(idx + 1)}
	cond, err := acl.ParseCond(ln.args[idx:], l.aclCtx(s, ln, sample.ArgCtxNone))
	if err != nil {
		return nil, errText(err)
	}
	c.Compiled = cond
	return c, ""
}

// parseRule hands a rule line (words[0] is the keyword: http-request,
// tcp-request, redirect, use_backend, stick...) to proxy/rules, in the
// proxy section's rule state so that 2.6's ordering warnings follow the
// section. It returns the rule (nil when 2.6 ignores the line), or the
// message with 2.6's framing and abort flag.
func (l *loader) parseRule(s *pxState, ln *line, words []string, st *rules.State) (*rules.Rule, *sample.Error) {
	c := &rules.Context{
		Context:      l.aclCtx(s, ln, sample.ArgCtxNone),
		HTTP:         s.p.Mode == proxy.ModeHTTP,
		State:        st,
		Experimental: l.cfg.Global.ExposeExperimentalDirectives,
	}
	r, err := rules.Parse(words, c)
	if err != nil {
		var se *sample.Error
		if !errors.As(err, &se) {
			se = &sample.Error{Msg: err.Error()}
		}
		return nil, se
	}
	return r, nil
}

// condOf wraps a compiled condition for proxy.Config.
func condOf(words []string, c *acl.Cond) *proxy.Condition {
	if c == nil {
		return nil
	}
	for i, w := range words {
		if w == "if" || w == "unless" {
			return &proxy.Condition{Unless: w == "unless", Words: words[i+1:], Compiled: c}
		}
	}
	return &proxy.Condition{Compiled: c}
}

// compileLogFormat compiles a log-format string (log-format, log-format-sd,
// error-log-format, unique-id-format, dynamic use_backend names) with
// proxy/logformat, evaluated at cap.
func (l *loader) compileLogFormat(s *pxState, pos parser.Pos, format string, ac sample.ArgCtx, merge bool, cap sample.Point) (*logformat.Format, string) {
	ln := &line{pos: pos}
	f, err := logformat.Parse(format, logformat.Options{HTTP: s.p.Mode == proxy.ModeHTTP, MergeSpaces: merge, Cap: cap}, l.exprCtx(s, ln, ac))
	if err != nil {
		return nil, errText(err)
	}
	return f, ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// readFileAt reads a file named by the configuration (pattern and map
// files).
func readFileAt(name string) ([]byte, error) { return os.ReadFile(name) }
