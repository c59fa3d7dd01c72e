package acl

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/proxy/sample"
)

func testContext(t testing.TB) (*Context, *[]string) {
	var warns []string
	sc := &sample.Context{Registry: sample.NewRegistry(), Proxy: "fe", Cap: sample.CapFE,
		File: "acl.cfg", Line: 8, Warn: func(e *sample.Error) { warns = append(warns, e.Msg) }}
	env := NewEnv()
	env.Resolve = func(h string) ([]netip.Addr, error) {
		if h == "localhost" {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return nil, errors.New("no such host")
	}
	sc.Maps = env
	return &Context{Context: sc, Env: env, ACLs: NewSet()}, &warns
}

// Each line is what follows "acl aN" in a frontend; the expected texts
// were printed by haproxy 2.6.12 (without "error detected while parsing
// ACL 'aN' : " and the final period, which Declare adds).
var declareCases = []struct{ line, err string }{
	{"hdr_dom(host) -i foo", ""},
	{"path -m foo x", "unknown matching method 'foo' when parsing ACL expression"},
	{"src -m str x", ""},
	{"src -m beg x", ""},
	{"hdr(host) -m ip 1.2.3.4", ""},
	{"path -x y", "'-x' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'"},
	{"path -- -x", ""},
	{"src 1.2.3.4/33", "'1.2.3.4/33' is not a valid IPv4 or IPv6 address"},
	{"src foo.invalid", "'foo.invalid' is not a valid IPv4 or IPv6 address"},
	{"src -n localhost", "'localhost' is not a valid IPv4 or IPv6 address"},
	{"src localhost", ""},
	{"src 1.2.3", ""},
	{"src 10/8", ""},
	{"src -n 10/8", "'10/8' is not a valid IPv4 or IPv6 address"},
	{"dst_port 80:70", "'80:70' is not a valid number range"},
	{"dst_port -80", "'-80' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'"},
	{"dst_port x", "'x' is not a number"},
	{"dst_port gt x", "'x' is neither a number nor a supported operator"},
	{"dst_port gt 5", ""},
	{"dst_port 1:", ""},
	{"dst_port :", "':' is not a valid number range"},
	{"dst_port EQ 5", "'EQ' is not a number"},
	{"dst_port 5 eq", ""},
	{"src_port 80 -i", "'-i' is not a valid number range"},
	{"path -m found x", ""},
	{"path -m bool x", ""},
	{"req.ssl_ver 3.1", ""},
	{"req.ssl_ver gt 3.x", "'3.x' is neither a number nor a supported operator"},
	{"req.ssl_ver 70000.0", "'70000.0' is not a dotted number"},
	{"req.ssl_ver gt 3.70000", "'3.70000' contains too large a minor value"},
	{"req.ssl_ver gt 70000", "'70000' contains too large a major value"},
	{"path -u x y", "the argument of -u must be an integer"},
	{"path -u 5 y", ""},
	{"path -u 5 z", "the id is already used"},
	{"path -f /nonexistent", "failed to open pattern file </nonexistent>"},
	{"src -m bin zz", "an hex digit is expected (found 'z')"},
	{"path -m bin 0", "an even number of hex digit is expected"},
	{"path -m reg (", "regex '(' is invalid (error=missing closing parenthesis, erroffset=1)"},
	{"path -m len x", "'x' is not a number"},
	{"path_len x", "'x' is not a number"},
	{"method FOO", ""},
	{"hdr_dom(host),lower foo", ""},
	{"path,lowr x", "ACL keyword 'path' : unknown converter 'lowr'."},
	{"path_beg,lowr x", "ACL keyword 'path_beg' : unknown converter 'lowr'."},
	{"unknown_kw x", "unknown fetch method 'unknown_kw' in ACL expression 'unknown_kw'"},
	{"acl(ACL1)", "unknown fetch method 'acl' in ACL expression 'acl(ACL1)'"},
	{"req.ssl_sigalgs,be2hex(:,2),lower", "unknown fetch method 'req.ssl_sigalgs' in ACL expression 'req.ssl_sigalgs,be2hex(:,2),lower'"},
	{"path_beg(x) /", "ACL keyword 'path_beg' : expected ')' before 'x)'"},
	{"always_true x", ""},
	{"path -i -m beg x", ""},
	{"path -m beg -f /dev/null", ""},
	{"path -f /dev/null -m beg", "'-m' must only be specified before patterns and files in parsing ACL expression"},
	{"path -M -f /dev/null", "The file \"/dev/null\" is already used as one column file and cannot be used by as two column file."},
	{"req.len, add(1) 5", "'add(1)' is not a number"},
	{"path_beg,lower(1) x", "ACL keyword 'path_beg' : invalid arg 1 in converter 'lower' : expected ')' before '1)'."},
	{"hdr(a,-99) x", "in argument to 'hdr', header occurrence must be >= -10"},
	{"hdr_beg(a,-99) x", "in argument to 'hdr_beg', header occurrence must be >= -10"},
	{"path)", "ACL keyword 'path' : missing comma after fetch keyword."},
	{"path_beg,add(x) 5", "ACL keyword 'path_beg' : invalid args in converter 'add' : expects an integer or a variable name."},
	{"meth(GET) GET", "matching method must be specified first (using '-m') when using a sample fetch of this type ('meth')"},
	{"var(txn.a) x", "matching method must be specified first (using '-m') when using a sample fetch of this type ('var')"},
	{"path -m regm x", ""},
	{"method -m int 5", "matching method 'int' cannot be used with fetch keyword 'method'"},
	{"method -m beg G", ""},
	{"src ::ffff:1.2.3.4/120", ""},
	{"src 1.2.3.4 /8", "'/8' is not a valid IPv4 or IPv6 address"},
}

func TestDeclare(t *testing.T) {
	c, _ := testContext(t)
	for i, tc := range declareCases {
		name := "a" + string(rune('A'+i%26)) + strings.Repeat("x", i/26)
		_, err := Declare(append([]string{name}, strings.Fields(tc.line)...), c)
		want := ""
		if tc.err != "" {
			want = "error detected while parsing ACL '" + name + "' : " + tc.err + "."
		}
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s:\n got %q\nwant %q", tc.line, got, want)
		}
	}
}

func TestDeclareWarnings(t *testing.T) {
	c, warns := testContext(t)
	for _, l := range []string{"path_beg", "path (foo)", "always_true", "path -m found", "str(a),lower"} {
		if _, err := Declare(append([]string{"w"}, strings.Fields(l)...), c); err != nil {
			t.Fatal(err)
		}
	}
	if len(*warns) != 3 {
		t.Fatalf("warnings: %q", *warns)
	}
	if !strings.HasPrefix((*warns)[0], "parsing acl keyword 'path_beg' :\n  no pattern to match against were provided") ||
		!strings.HasPrefix((*warns)[1], "parsing acl 'w' :\n  matching 'path' for pattern '(foo)' is likely a mistake") ||
		!strings.HasPrefix((*warns)[2], "parsing acl keyword 'str(a),lower' :") {
		t.Errorf("warnings: %q", *warns)
	}
}

func TestDeclareNames(t *testing.T) {
	c, _ := testContext(t)
	for words, want := range map[string]string{
		"a$b path x": "character '$' is not permitted in acl name 'a$b'.",
		"OR path x":  "acl name 'OR' will never match. 'or' is used to express a logical disjunction within a condition.",
	} {
		_, err := Declare(strings.Fields(words), c)
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v", words, err)
		}
	}
	c.Cap = sample.CapDef | sample.CapFE | sample.CapBE
	c.Proxy = "d"
	if _, err := Declare([]string{"a", "path", "x"}, c); err != nil {
		t.Errorf("named defaults: %v", err)
	}
	c.Proxy = ""
	if _, err := Declare([]string{"a", "path", "x"}, c); err == nil || err.Error() != "'acl' not allowed in anonymous 'defaults' section." {
		t.Errorf("anonymous defaults: %v", err)
	}
}

func TestCond(t *testing.T) {
	c, _ := testContext(t)
	if _, err := Declare([]string{"a", "path", "/"}, c); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"if TRUE":     "",
		"if HTTP_3.0": "no such ACL : 'HTTP_3.0'",
		"if HTTP_2.0": "",
		"if nope":     "no such ACL : 'nope'",
		"if { path_beg /a } || !{ src 1.2.3.4 } or METH_GET": "",
		"if { path_beg /a":   "missing closing '}' in condition",
		"if { }":             "missing fetch method in ACL expression ''",
		"if":                 "",
		"unless":             "",
		"when x":             "conditions must start with either 'if' or 'unless'",
		"if ! TRUE":          "",
		"if or":              "",
		"if a":               "",
		"if { a }":           "unknown fetch method 'a' in ACL expression 'a'",
		"if { path_beg -x }": "'-x' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'",
		"if { (arg) }":       "missing fetch method in ACL expression '(arg)'",
	}
	for in, want := range cases {
		_, err := ParseCond(strings.Fields(in), c)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s: got %q want %q", in, got, want)
		}
	}
}

func TestCondEvalAndConflicts(t *testing.T) {
	c, _ := testContext(t)
	cond, err := ParseCond(strings.Fields("if TRUE !FALSE or { res.hdr(x) -m found }"), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(cond.Suites) != 2 || len(cond.Suites[0]) != 2 || !cond.Suites[0][1].Neg {
		t.Fatalf("suites: %+v", cond.Suites)
	}
	r := cond.Eval(func(a *ACL) Result {
		if a.Name == "TRUE" {
			return Pass
		}
		return Fail
	})
	if r != Pass || !cond.Passes(r) {
		t.Errorf("eval: %v", r)
	}
	w := cond.Warning(sample.FeHrqHdr)
	if w == nil || w.Msg != "anonymous acl will never match because it uses keyword 'res.hdr' which is incompatible with 'frontend http-request header rule'" {
		t.Errorf("warning: %v", w)
	}
	if Miss.Neg() != Miss || Pass.Neg() != Fail || Fail.Neg() != Pass {
		t.Error("neg")
	}
}

func TestPatternFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := write("one.lst", "# comment\n  /api\n\n/static \n")
	ints := write("ints.lst", "80\nx\n")
	c, _ := testContext(t)
	acl, err := Declare([]string{"a", "path_beg", "-f", one}, c)
	if err != nil {
		t.Fatal(err)
	}
	if !acl.Exprs[0].MatchString([]byte("/api/v1")) || acl.Exprs[0].MatchString([]byte("/static/x")) || !acl.Exprs[0].MatchString([]byte("/static x")) {
		t.Error("file patterns: trailing blanks are part of the pattern, leading ones are not")
	}
	_, err = Declare([]string{"b", "dst_port", "-f", ints}, c)
	if err == nil || err.Error() != "error detected while parsing ACL 'b' : 'x' is not a number at line 2 of file '"+ints+"'." {
		t.Errorf("got %v", err)
	}
}
