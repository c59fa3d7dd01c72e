package rules

import (
	"strconv"

	"hakeep/proxy/sample"
)

// parseSetHeader is add-header, set-header and early-hint
// (parse_http_set_header).
func parseSetHeader(p *actParser) error {
	name, val := p.arg(), p.at(p.cur+1)
	if name == "" || val == "" {
		return errf("expects exactly 2 arguments")
	}
	f, err := p.format(val, p.httpCap(), true)
	if err != nil {
		return err
	}
	p.rule.Args = &Header{Name: name, Value: f}
	p.cur += 2
	return nil
}

// parseDelHeader is del-header name [-m method].
func parseDelHeader(p *actParser) error {
	name := p.arg()
	if name == "" {
		return errf("expects at least 1 argument")
	}
	h := &Header{Name: name, Match: "str"}
	if p.at(p.cur+1) == "-m" {
		m := p.at(p.cur + 2)
		if m == "" {
			return errf("-m flag expects exactly 1 argument")
		}
		switch m {
		case "str", "beg", "end", "sub":
		case "reg":
			if err := sample.CheckRegex(name); err != nil {
				return err
			}
			h.Re, _ = sample.CompileRegex(name, false)
		default:
			return errf("-m with unsupported matching method '%s'", m)
		}
		h.Match = m
		p.cur += 2
	}
	p.rule.Args = h
	p.cur++
	return nil
}

// parseReplaceHeader is replace-header and replace-value.
func parseReplaceHeader(p *actParser) error {
	name, re, val := p.arg(), p.at(p.cur+1), p.at(p.cur+2)
	if name == "" || re == "" || val == "" {
		return errf("expects exactly 3 arguments")
	}
	if err := sample.CheckRegex(re); err != nil {
		return err
	}
	f, err := p.format(val, p.httpCap(), true)
	if err != nil {
		return err
	}
	rx, _ := sample.CompileRegex(re, false)
	p.rule.Args = &Replace{Name: name, Regex: re, Value: f, Re: rx}
	p.cur += 3
	return nil
}

// parseReplaceURI is replace-path, replace-pathq and replace-uri.
func parseReplaceURI(p *actParser) error {
	re, val, next := p.arg(), p.at(p.cur+1), p.at(p.cur+2)
	if re == "" || val == "" || (next != "" && !isCond(next)) {
		return errf("expects exactly 2 arguments <match-regex> and <replace-format>")
	}
	if err := sample.CheckRegex(re); err != nil {
		return errf("failed to parse the regex : %s", err)
	}
	f, err := p.format(val, p.reqLineCap(), true)
	if err != nil {
		return err
	}
	rx, _ := sample.CompileRegex(re, false)
	p.rule.Args = &Replace{Regex: re, Value: f, Re: rx}
	p.cur += 2
	return nil
}

// parseReqLine is set-method, set-path, set-pathq, set-query, set-uri.
func parseReqLine(p *actParser) error {
	val, next := p.arg(), p.at(p.cur+1)
	if val == "" || (next != "" && !isCond(next)) {
		return errf("expects exactly 1 argument <format>")
	}
	f, err := p.format(val, p.reqLineCap(), true)
	if err != nil {
		return err
	}
	p.rule.Args = &Format{Value: f}
	p.cur++
	return nil
}

// parseSetStatus is set-status <code> [reason <str>].
func parseSetStatus(p *actParser) error {
	s := p.arg()
	if s == "" {
		return errf("expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>")
	}
	code, err := strconv.ParseInt(s, 10, 64)
	if err != nil || code < 100 || code > 999 {
		return errf("expects an integer status code between 100 and 999")
	}
	p.cur++
	st := &Status{Code: int(code)}
	if p.arg() == "reason" {
		if r := p.at(p.cur + 1); r != "" && !isCond(r) {
			st.Reason = r
			p.cur += 2
		}
	}
	p.rule.Args = st
	return nil
}

// parseSetMap is add-acl(file), del-acl(file), del-map(file) with a key,
// and set-map(file) with a key and a value.
func parseSetMap(p *actParser) error {
	isSet := p.word[0] == 's'
	if isSet && (p.arg() == "" || p.at(p.cur+1) == "") {
		return errf("expects exactly 2 arguments")
	}
	if p.arg() == "" {
		return errf("expects exactly 1 arguments")
	}
	file := ""
	if len(p.word) >= 9 {
		file = p.word[8 : len(p.word)-1]
	}
	key, err := p.format(p.arg(), p.httpCap(), true)
	if err != nil {
		return err
	}
	if !isSet {
		p.rule.Args = &Format{File: file, Env: p.c.Env, Value: key}
		p.cur++
		return nil
	}
	val, err := p.format(p.at(p.cur+1), p.httpCap(), true)
	if err != nil {
		return err
	}
	p.rule.Args = &Map{File: file, Env: p.c.Env, Key: key, Value: val}
	p.cur += 2
	return nil
}
