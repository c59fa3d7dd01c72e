package hexpr

import (
	"fmt"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/proxy/sample"
)

// argSample is a plausible text for an argument of type t.
func argSample(t sample.ArgType) string {
	switch t {
	case sample.ArgSInt:
		return "1"
	case sample.ArgIPv4:
		return "10.0.0.1"
	case sample.ArgIPv6:
		return "::1"
	case sample.ArgMsk4:
		return "24"
	case sample.ArgMsk6:
		return "64"
	case sample.ArgBE, sample.ArgTab:
		return "be"
	case sample.ArgFE:
		return "fe"
	case sample.ArgSrv:
		return "be/s1"
	case sample.ArgUsr:
		return "ul"
	case sample.ArgReg:
		return "a+"
	case sample.ArgPBufFNum:
		return "1.2"
	}
	return "abcd"
}

// registryExprs returns one expression per fetch (all declared arguments
// given) and per converter (applied to a variable), plus each fetch with
// only its mandatory arguments.
func registryExprs(reg *sample.Registry) []string {
	var out []string
	call := func(name string, spec sample.ArgSpec, n int) string {
		if n == 0 {
			return name
		}
		var a []string
		for _, t := range spec.Types[:n] {
			a = append(a, argSample(t))
		}
		return name + "(" + strings.Join(a, ",") + ")"
	}
	for _, f := range reg.Fetches() {
		out = append(out, call(f.Name, f.Args, len(f.Args.Types)))
		if f.Args.Min < len(f.Args.Types) {
			out = append(out, call(f.Name, f.Args, f.Args.Min))
		}
	}
	for _, c := range reg.Converters() {
		if strings.HasPrefix(c.Name, "map") {
			continue // needs files
		}
		out = append(out, "var(txn.y),"+call(c.Name, c.Args, len(c.Args.Types)))
	}
	return out
}

// TestE2EDifferentialRegistry uses every fetch and converter of the
// registry in "tcp-request content set-var" lines of a backend, twenty
// lines per configuration, and compares every alert of haproxy -c with
// ours: argument parsing, validators, and where each fetch is usable.
func TestE2EDifferentialRegistry(t *testing.T) {
	bin := harness.NeedCmd(t, "haproxy")
	reg := sample.NewRegistry()
	exprs := registryExprs(reg)
	pass, fail := 0, 0
	for i := 0; i < len(exprs); i += 20 {
		batch := exprs[i:min(i+20, len(exprs))]
		dc := diffCase{sec: "be", mode: "http"}
		for _, e := range batch {
			dc.lines = append(dc.lines, "tcp-request content set-var(txn.x) "+e)
		}
		dc.src = fmt.Sprintf("registry batch %d", i/20)
		cfg, nums := dc.build()
		_, ref := runHAProxy(t, bin, cfg)
		ours := runOurs(dc, nums, reg)
		if strings.Join(ref, "\n") == strings.Join(ours, "\n") {
			pass += len(batch)
			continue
		}
		fail += len(batch)
		t.Errorf("%s:\n haproxy:\n  %s\n ours:\n  %s", dc.src, strings.Join(ref, "\n  "), strings.Join(ours, "\n  "))
	}
	t.Logf("%d expressions passed, %d in failing batches", pass, fail)
}
