package hexpr

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"

	"hakeep/proxy/acl"
	"hakeep/proxy/logformat"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// world is the fixed part of the test configuration, as the decoder would
// describe it after reading every section.
type world struct {
	sec              string
	captReq, captRes int
}

func (w *world) HasBackend(n string) bool {
	return n == "be" || n == "be2" || (w.sec == "li" && n == "li")
}
func (w *world) HasFrontend(n string) bool { return n == "fe" || (w.sec == "li" && n == "li") }
func (w *world) HasServer(b, s string) bool {
	return s == "s1" && (b == "be" || b == "be2" || (w.sec == "li" && b == "li"))
}
func (w *world) Table(n string) (bool, bool) { return n == "be", true }
func (w *world) HasUserlist(n string) bool   { return n == "ul" }
func (w *world) TableType(n string) (string, bool) {
	if n == "be" {
		return "ip", true
	}
	return "", false
}
func (w *world) Captures(proxy string, resp bool) int {
	if resp {
		return w.captRes
	}
	return w.captReq
}
func (w *world) HasHTTPErrors(string) bool      { return false }
func (w *world) HasCache(n string) bool         { return n == "c1" }
func (w *world) HasResolvers(n string) bool     { return n == "r1" }
func (w *world) HasSPOEEngine(_, _ string) bool { return false }
func (w *world) HasOTFilter(_, _ string) bool   { return false }

// render frames a message the way haproxy -c prints it after
// "[ALERT] (pid) : config : ".
func render(e *sample.Error, line int) string {
	if e.Line != 0 {
		line = e.Line
	}
	switch e.Style {
	case sample.StyleParsingTight:
		return fmt.Sprintf("parsing [t.cfg:%d]: %s", line, e.Msg)
	case sample.StyleProxy:
		return fmt.Sprintf("Proxy '%s': %s", e.Proxy, e.Msg)
	case sample.StyleBare:
		return e.Msg
	case sample.StyleParsingCapTight:
		return fmt.Sprintf("Parsing [t.cfg:%d]: %s", line, e.Msg)
	}
	return fmt.Sprintf("parsing [t.cfg:%d] : %s", line, e.Msg)
}

// runOurs parses the case's lines with our packages, as a decoder would,
// and returns the alerts in haproxy's wording.
func runOurs(dc diffCase, nums []int, reg *sample.Registry) []string {
	var alerts []string
	w := &world{sec: dc.sec}
	proxy, cp := map[string]string{"fe": "fe", "be": "be", "li": "li", "de": "d", "da": ""}[dc.sec],
		map[string]sample.Cap{"fe": sample.CapFE, "be": sample.CapBE, "li": sample.CapFE | sample.CapBE,
			"de": sample.CapFE | sample.CapBE | sample.CapDef, "da": sample.CapFE | sample.CapBE | sample.CapDef}[dc.sec]
	env := acl.NewEnv()
	env.Resolve = func(h string) ([]netip.Addr, error) {
		if h == "localhost" {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return nil, errors.New("unknown host")
	}
	refs := &sample.Refs{}
	sc := &sample.Context{Registry: reg, Proxy: proxy, Cap: cp, File: "t.cfg", Refs: refs,
		ReadFile: os.ReadFile, Maps: env}
	ac := &acl.Context{Context: sc, Env: env, ACLs: acl.NewSet()}
	rc := &rules.Context{Context: ac, HTTP: dc.mode == "http", State: rules.NewState()}
	var parsed []*rules.Rule
	type lf struct {
		text string
		line int
	}
	var formats []lf
	for i, l := range dc.lines {
		sc.Line = nums[i]
		words := splitWords(l)
		if len(words) == 0 {
			continue
		}
		var err error
		switch {
		case words[0] == "acl":
			_, err = acl.Declare(words[1:], ac)
		case rules.Handles(words[0]):
			var r *rules.Rule
			r, err = rules.Parse(words, rc)
			if r != nil {
				parsed = append(parsed, r)
			}
		case words[0] == "log-format" || words[0] == "unique-id-format":
			formats = append(formats, lf{strings.Join(words[1:], " "), nums[i]})
		case words[0] == "declare" && len(words) > 2 && words[1] == "capture":
			if words[2] == "request" {
				w.captReq++
			} else {
				w.captRes++
			}
		}
		if err != nil {
			var se *sample.Error
			if !errors.As(err, &se) {
				se = &sample.Error{Msg: err.Error()}
			}
			alerts = append(alerts, render(se, nums[i]))
			if se.Abort {
				return alerts
			}
		}
	}
	if dc.sec == "de" {
		// haproxy checks a defaults section's rules only when a proxy
		// inherits from it; the scaffold's does not.
		return alerts
	}
	for _, r := range parsed {
		for _, e := range r.Check(w, rc) {
			if !e.Warning {
				alerts = append(alerts, render(e, r.Line))
			}
		}
	}
	if errs := refs.Resolve(w); len(errs) == 1 {
		alerts = append(alerts, render(errs[0], 0))
	} else if len(errs) > 1 {
		alerts = append(alerts, "multiple argument resolution errors:")
	}
	for _, f := range formats {
		sc.Line = f.line
		_, err := logformat.Parse(f.text, logformat.Options{HTTP: dc.mode == "http", MergeSpaces: true, Cap: sample.FeLogEnd}, sc.With(sample.ArgLOG))
		if err != nil {
			alerts = append(alerts, fmt.Sprintf("Parsing [t.cfg:%d]: failed to parse log-format : %s.", f.line, err))
		}
	}
	return alerts
}
