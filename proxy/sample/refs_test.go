package sample

import "testing"

type fakeWorld struct{}

func (fakeWorld) HasBackend(n string) bool    { return n == "be" }
func (fakeWorld) HasFrontend(n string) bool   { return n == "fe" }
func (fakeWorld) HasServer(b, s string) bool  { return b == "be" && s == "s1" }
func (fakeWorld) Table(n string) (bool, bool) { return n == "be", true }
func (fakeWorld) HasUserlist(n string) bool   { return n == "ul" }

// Messages from haproxy 2.6.12 for the same references.
func TestResolve(t *testing.T) {
	reg := NewRegistry()
	cases := []struct {
		proxy string
		cap   Cap
		actx  ArgCtx
		expr  string
		want  string
	}{
		{"be", CapBE, ArgTRQ, "var(txn.y),in_table(nope)", "unable to find table 'nope' referenced in arg 1 of conversion keyword 'in_table' for sample fetch keyword 'var' in tcp-request content expression in proxy 'be'."},
		{"be", CapBE, ArgTRQ, "var(txn.y),regsub(,b)", "missing regex in arg 1 of conversion keyword 'regsub' for sample fetch keyword 'var' in tcp-request content expression in proxy 'be'."},
		{"be", CapBE, ArgTRQ, "var(txn.y),regsub((,b)", "error in regex '(' in arg 1 of conversion keyword 'regsub' for sample fetch keyword 'var' in tcp-request content expression in proxy 'be' : regex '(' is invalid (error=missing closing parenthesis, erroffset=1)."},
		{"invalid", CapFE | CapBE | CapDef, ArgHRQ, "srv_conn(s1)", "backend name must be set in arg 1 of sample fetch keyword 'srv_conn' in http-request expression in proxy 'invalid'."},
		{"be", CapBE, ArgHRQ, "srv_conn(s1)", ""},
		{"be", CapBE, ArgHRQ, "srv_conn(be/s2)", "unable to find server 's2' in proxy 'be', referenced in arg 1 of sample fetch keyword 'srv_conn' in http-request expression in proxy 'be'."},
		{"be", CapBE, ArgHRQ, "srv_conn(x/s2)", "unable to find proxy 'x' referenced in arg 1 of sample fetch keyword 'srv_conn' in http-request expression in proxy 'be'."},
		{"fe", CapFE, ArgHRQ, "be_conn", "proxy 'fe', referenced in arg 1 of sample fetch keyword 'be_conn' in http-request expression in proxy 'fe', has not backend capability."},
		{"fe", CapFE, ArgACL, "http_auth(nope)", "unable to find userlist 'nope' referenced in arg 1 of ACL keyword 'http_auth' in proxy 'fe'."},
		{"fe", CapFE, ArgHRQ, "src_conn_cnt", "unable to find table 'fe' referenced in arg 1 of sample fetch keyword 'src_conn_cnt' in http-request expression in proxy 'fe'."},
		{"d", CapFE | CapBE | CapDef, ArgHRQ, "src_conn_cnt", "table name must be set in arg 1 of sample fetch keyword 'src_conn_cnt' in http-request expression in proxy 'd'."},
	}
	for _, tc := range cases {
		refs := &Refs{}
		ctx := &Context{Registry: reg, Proxy: tc.proxy, Cap: tc.cap, ArgCtx: tc.actx, Refs: refs, File: "t.cfg", Line: 13}
		if _, _, err := ctx.ParseExpr([]string{tc.expr}, 0); err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		errs := refs.Resolve(fakeWorld{})
		got := ""
		if len(errs) > 0 {
			got = errs[0].Msg
			if errs[0].Style != StyleParsingTight || errs[0].Line != 13 {
				t.Errorf("%s: style/line %v %d", tc.expr, errs[0].Style, errs[0].Line)
			}
		}
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.expr, got, tc.want)
		}
	}
}

func TestCheckRegex(t *testing.T) {
	// PCRE2 messages as printed by haproxy 2.6.12 (acl a path -m reg X).
	for re, want := range map[string]string{
		"(":                 "regex '(' is invalid (error=missing closing parenthesis, erroffset=1)",
		"a)":                "regex 'a)' is invalid (error=unmatched closing parenthesis, erroffset=1)",
		"[a":                "regex '[a' is invalid (error=missing terminating ] for character class, erroffset=2)",
		"a{2,1}":            "regex 'a{2,1}' is invalid (error=numbers out of order in {} quantifier, erroffset=5)",
		"*a":                "regex '*a' is invalid (error=quantifier does not follow a repeatable item, erroffset=0)",
		`\1`:                `regex '\1' is invalid (error=reference to non-existent subpattern, erroffset=1)`,
		`a\`:                `regex 'a\' is invalid (error=\ at end of pattern, erroffset=2)`,
		"x{99999}":          "regex 'x{99999}' is invalid (error=number too big in {} quantifier, erroffset=7)",
		"(?<=a)b":           "",
		"(?P<n>a)":          "",
		`\p{L}`:             "",
		"a++":               "",
		"(?i)a":             "",
		"[[:alpha:]]":       "",
		`\Qa\E`:             "",
		"a{,3}":             "",
		"^/api/(v1|v2)/.*$": "",
		`(a)\1`:             "",
		"[]a]":              "",
	} {
		got := ""
		if err := CheckRegex(re); err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%q: got %q want %q", re, got, want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]Duration{
		"10":         {Value: 10},
		"10s":        {Value: 10000},
		"1m":         {Value: 60000},
		"1h":         {Value: 3600000},
		"1d":         {Value: 86400000},
		"500us":      {Value: 1},
		"1ms":        {Value: 1},
		"10x":        {Status: TimeBadChar, At: 2},
		"x":          {Status: TimeBadChar},
		"10sx":       {Value: 10000, Trailing: true, At: 3},
		"5000000000": {Status: TimeOverflow},
	} {
		if got := ParseDuration(in, UnitMS); got != want {
			t.Errorf("%s: got %+v want %+v", in, got, want)
		}
	}
}
