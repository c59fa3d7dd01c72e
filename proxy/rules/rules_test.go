package rules

import (
	"strings"
	"testing"

	"hakeep/proxy/acl"
	"hakeep/proxy/sample"
)

func testCtx(t *testing.T, cp sample.Cap, proxy string) (*Context, *[]*sample.Error) {
	t.Helper()
	var warns []*sample.Error
	sc := &sample.Context{Registry: sample.NewRegistry(), Proxy: proxy, Cap: cp, File: "t.cfg", Line: 15,
		Warn: func(e *sample.Error) { warns = append(warns, e) }}
	env := acl.NewEnv()
	env.Resolve = nil
	return &Context{Context: &acl.Context{Context: sc, Env: env, ACLs: acl.NewSet()}, HTTP: true, State: NewState()}, &warns
}

func TestParseShapes(t *testing.T) {
	c, _ := testCtx(t, sample.CapFE, "fe")
	cases := []struct {
		line   string
		set    Set
		action string
		check  func(a Args) bool
	}{
		{"http-request set-header X %[src]", HTTPRequest, "set-header", func(a Args) bool {
			h := a.(*Header)
			return h.Name == "X" && len(h.Value.Nodes) == 1
		}},
		{"http-request set-var(txn.x,ifnotset) req.hdr(host),lower if TRUE", HTTPRequest, "set-var", func(a Args) bool {
			v := a.(*Var)
			return v.Var.String() == "txn.x" && v.Conds[0] == "ifnotset" && len(v.Expr.Convs) == 1
		}},
		{"http-request track-sc1 src table be", HTTPRequest, "track-sc", func(a Args) bool {
			tr := a.(*Track)
			return tr.Slot == 1 && tr.Table == "be" && tr.HasTable
		}},
		{"http-request deny deny_status 429", HTTPRequest, "deny", func(a Args) bool {
			r := a.(*Reply)
			return r.Status == 429 && r.Body == "default-errorfiles"
		}},
		{"http-request return status 200 content-type text/plain string ok hdr X y", HTTPRequest, "return", func(a Args) bool {
			r := a.(*Reply)
			return r.Status == 200 && r.Body == "string" && r.Arg == "ok" && len(r.Headers) == 1
		}},
		{"http-request redirect scheme https code 301 if !{ ssl_fc }", HTTPRequest, "redirect", func(a Args) bool {
			r := a.(*RedirectArgs)
			return r.Type == "scheme" && r.Code == 301
		}},
		{"http-request sc-inc-gpc(3,1)", HTTPRequest, "sc-inc-gpc", func(a Args) bool {
			k := a.(*Counter)
			return k.Index == 3 && k.Slot == 1
		}},
		{"http-request sc-set-gpt0(2) 42", HTTPRequest, "sc-set-gpt0", func(a Args) bool {
			k := a.(*Counter)
			return k.Legacy == 0 && k.Slot == 2 && k.Value == 42
		}},
		{"tcp-request inspect-delay 5s", TCPRequestInspectDelay, "inspect-delay", func(a Args) bool {
			return a.(*InspectDelay).Ms == 5000
		}},
		{"tcp-request content capture req.payload(0,4) len 4", TCPRequestContent, "capture", func(a Args) bool {
			return a.(*Capture).Len == 4
		}},
		{"use_backend be2 if { path_beg /x }", UseBackend, "", func(a Args) bool {
			return a.(*UseBackendArgs).Name == "be2"
		}},
	}
	for _, tc := range cases {
		r, err := Parse(strings.Fields(tc.line), c)
		if err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		if r.Set != tc.set || r.Action != tc.action || !tc.check(r.Args) {
			t.Errorf("%s: got %v %q %#v", tc.line, r.Set, r.Action, r.Args)
		}
	}
}

func TestMessagesAndStyles(t *testing.T) {
	c, warns := testCtx(t, sample.CapFE, "fe")
	_, err := Parse(strings.Fields("http-request deni"), c)
	e := err.(*sample.Error)
	if e.Style != sample.StyleParsingTight || !e.Abort || !strings.HasSuffix(e.Msg, "but got 'deni'. Did you mean 'deny' maybe ?") {
		t.Errorf("unknown action: %+v", e)
	}
	_, err = Parse(strings.Fields("tcp-request content rejct"), c)
	e = err.(*sample.Error)
	if e.Style != sample.StyleParsing || e.Abort || !strings.HasSuffix(e.Msg, "in frontend 'fe' (got 'rejct'). Did you mean 'reject' maybe ?") {
		t.Errorf("tcp unknown action: %+v", e)
	}
	if _, err := Parse(strings.Fields("http-request deny"), c); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(strings.Fields("http-request allow"), c); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(strings.Fields("tcp-request content accept"), c); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range *warns {
		got = append(got, w.Msg)
	}
	want := []string{
		"previous 'http-request' action is final and has no condition attached, further entries are NOOP.",
		"a 'tcp-request' rule placed after an 'http-request' rule will still be processed before.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("warnings:\n got %q\nwant %q", got, want)
	}
}

func TestActionLists(t *testing.T) {
	for s, n := range map[Set]int{HTTPRequest: 57, HTTPResponse: 34, HTTPAfterResponse: 13,
		TCPRequestConnection: 21, TCPRequestSession: 21, TCPRequestContent: 30, TCPResponseContent: 18} {
		if got := ActionCount(s); got != n {
			t.Errorf("%v: %d actions, want %d", s, got, n)
		}
	}
}

func TestSuggest(t *testing.T) {
	// Suggestions printed by haproxy 2.6.12 for these http-request typos.
	for word, want := range map[string]string{"deni": "deny", "set-hdr": "set-header", "sethdr": "set-header",
		"st-header": "set-header", "set-vr": "set-var", "sett-var": "set-var", "rdirect": "redirect", "tarpt": "tarpit",
		"dny": "deny", "allw": "allow", "auth2": "auth", "captre": "capture", "trak-sc0": "track-sc", "set-stat": "set-dst",
		"retrun": "return", "set-ur": "set-uri", "replce-header": "replace-header", "normalize": "normalize-uri",
		"strict": "strict-mode", "wait-for": "wait-for-body", "zzzzzzzzzzzzzzzzzzzzzz": ""} {
		if got := suggest(word, names(setActions(HTTPRequest)), nil); got != want {
			t.Errorf("%s: %q want %q", word, got, want)
		}
	}
}
