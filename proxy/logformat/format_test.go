package logformat

import (
	"testing"

	"hakeep/proxy/sample"
)

// Errors printed by haproxy 2.6.12 for log-format strings in a frontend
// (after "Parsing [f:l]: failed to parse log-format : ", without the
// final period).
func TestParseErrors(t *testing.T) {
	reg := sample.NewRegistry()
	logs := Options{HTTP: true, MergeSpaces: true, Cap: sample.FeLogEnd}
	tcp := Options{HTTP: false, MergeSpaces: true, Cap: sample.FeLogEnd}
	cases := []struct {
		opts Options
		in   string
		want string
	}{
		{logs, "%ci:%cp %xx", "no such format variable 'xx'. If you wanted to emit the '%' character verbatim, you need to use '%%'"},
		{logs, "%{+Q}o %t", ""},
		{logs, "%{+Q,-E}o %r", ""},
		{logs, "%{+Z}o", ""},
		{logs, "%{Q}r", ""},
		{logs, "%{+Q}", "parse argument modifier without variable name near '%{+Q}'"},
		{logs, "%{+Q", "truncated line after '+Q'"},
		{logs, "%[src", "missing ']' after 'src'"},
		{logs, "%[src,lowr]", "failed to parse sample expression <src,lowr]> : unknown converter 'lowr'"},
		{logs, "%[hdr(arg)) x", "sample fetch <hdr(arg)) x> may not be reliably used here because it needs 'HTTP request headers,HTTP response headers' which is not available here"},
		{logs, "% x", "unexpected variable name near ' ' at position 1 line : '% x'. Maybe you want to write a single '%', use the syntax '%%'"},
		{logs, "%5", "unexpected variable name near '5' at position 1 line : '%5'. Maybe you want to write a single '%', use the syntax '%%'"},
		{logs, "%%", ""},
		{logs, "a%", "truncated line after '%'"},
		{logs, "%[res.hdr(x)]", "sample fetch <res.hdr(x)]> may not be reliably used here because it needs 'HTTP response headers' which is not available here"},
		{logs, "%{+Q}[src]", ""},
		{logs, "%[src]x", ""},
		{logs, "%Tq %TR %tsc %CC", ""},
		{logs, "%{}r", ""},
		{logs, "%{+Q,,+E}r", ""},
		{logs, "%o", ""},
		{logs, "%B%U", ""},
		{logs, "%[]", "failed to parse sample expression <]> : missing fetch method"},
		{logs, "%[ src]", "failed to parse sample expression < src]> : missing fetch method"},
		{logs, "%[src ]", "expected ']' after 'src', but found ' '"},
		{logs, "%{+Q}%", "parse argument modifier without variable name near '%{+Q}'"},
		{logs, "%r%", "truncated line after '%'"},
		{logs, "%lf", "no such format variable 'lf'. If you wanted to emit the '%' character verbatim, you need to use '%%'"},
		{tcp, "%r %ci", "format variable 'r' is reserved for HTTP mode"},
		{tcp, "%CC", "format variable 'CC' is reserved for HTTP mode"},
		{tcp, "%{+Q}HM", "format variable 'HM' is reserved for HTTP mode"},
		{tcp, "%[req.hdr(host)]", "sample fetch <req.hdr(host)]> may not be reliably used here because it needs 'HTTP request headers' which is not available here"},
		{tcp, "%sslc %[src]", ""},
		{Options{HTTP: true, Cap: sample.FeHrqHdr}, "%[url_param(QS_arg,,i)]>", "failed to parse sample expression <url_param(QS_arg,,i)]>> : fetch method 'url_param' : expected ')' before ',i)]>'"},
		{Options{HTTP: true, Cap: sample.FeHrqHdr}, "%[hdr(arg))]", "expected ']' after 'hdr(arg)', but found ')'"},
		{Options{HTTP: true, Cap: sample.FeHrqHdr}, "%[(arg)]", "failed to parse sample expression <(arg)]> : missing fetch method"},
		{Options{HTTP: true, Cap: sample.FeHrsHdr}, "%[bc_reused]", "failed to parse sample expression <bc_reused]> : unknown fetch method 'bc_reused'"},
		{Options{HTTP: true, Cap: sample.FeHrsHdr}, "%[var(txn.input),bytes(txn.var_start)]", "failed to parse sample expression <var(txn.input),bytes(txn.var_start)]> : invalid arg 1 in converter 'bytes' : failed to parse 'txn.var_start' as type 'integer' at position 1"},
	}
	for _, tc := range cases {
		ctx := &sample.Context{Registry: reg, Proxy: "fe", Cap: sample.CapFE, ArgCtx: sample.ArgLOG}
		_, err := Parse(tc.in, tc.opts, ctx)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestParseNodes(t *testing.T) {
	ctx := &sample.Context{Registry: sample.NewRegistry()}
	f, err := Parse("%{+Q}o %ci:%cp  [%t] %{-Q}r %[src,ipmask(24)] 100%%", Options{HTTP: true, MergeSpaces: true, Cap: sample.FeLogEnd}, ctx)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []Kind
	for _, n := range f.Nodes {
		kinds = append(kinds, n.Kind)
	}
	want := []Kind{Separator, Var, Text, Var, Separator, Text, Var, Text, Separator, Var, Separator, Expr, Separator, Text, Text}
	if len(kinds) != len(want) {
		t.Fatalf("nodes %v\n want %v\n%+v", kinds, want, f.Nodes)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("node %d: %v, want %v (%+v)", i, kinds[i], want[i], f.Nodes)
		}
	}
	if f.Nodes[1].Alias != ClientIP || f.Nodes[1].Flags&Quote == 0 {
		t.Errorf("%%ci: %+v", f.Nodes[1])
	}
	if f.Nodes[9].Alias != Request || f.Nodes[9].Flags&Quote != 0 {
		t.Errorf("%%r: %+v", f.Nodes[9])
	}
	if f.Nodes[13].Text != "100" || f.Nodes[14].Text != "%" {
		t.Errorf("text: %+v %+v", f.Nodes[13], f.Nodes[14])
	}
	// Without merging, spaces are text.
	g, _ := Parse("a  b", Options{}, ctx)
	if len(g.Nodes) != 1 || g.Nodes[0].Text != "a  b" {
		t.Errorf("no merge: %+v", g.Nodes)
	}
}
