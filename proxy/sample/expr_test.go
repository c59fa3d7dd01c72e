package sample

import (
	"strings"
	"testing"
)

// The expected texts were produced by haproxy 2.6.12 on the same
// expressions (tcp-request content set-var(txn.x) <expr>).
var exprCases = []struct {
	in, err string
}{
	{"src_conn_cnt", ""},
	{"src_clr_gpc", "fetch method 'src_clr_gpc' : expected type 'integer' at position 1, but got nothing"},
	{"src_clr_gpc(1)", "fetch method 'src_clr_gpc' : missing arguments (got 1/2), type 'table' expected"},
	{"src(x)", "fetch method 'src' : expected ')' before 'x)'"},
	{"src()", ""},
	{"hdr(a,1,2)", "fetch method 'hdr' : expected ')' before ',2)'"},
	{"hdr(a", "fetch method 'hdr' : expected ')'"},
	{"hdr(", "fetch method 'hdr' : expected ')'"},
	{"hdr()", ""},
	{"int", "fetch method 'int' : expected type 'integer' at position 1, but got nothing"},
	{"int()", "fetch method 'int' : expected type 'integer' at position 1, but got nothing"},
	{"int(x)", "fetch method 'int' : failed to parse 'x' as type 'integer' at position 1"},
	{"int(1", "fetch method 'int' : expected ')'"},
	{"int(1,2)", "fetch method 'int' : expected ')' before ',2)'"},
	{"int(1e3)", "fetch method 'int' : failed to parse '1e3' as type 'integer' at position 1"},
	{"int(-5)", ""},
	{"int(0x10)", "fetch method 'int' : failed to parse '0x10' as type 'integer' at position 1"},
	{`str("a,b")`, ""},
	{`str(a\\)`, ""},
	{`str(a\`, "fetch method 'str' : failed to parse '\\' after 'a' as type 'string' at position 1"},
	{"str(a)x", "missing comma after fetch keyword 'str'"},
	{"str(a)),lower", "missing comma after fetch keyword 'str'"},
	{"str(a),lower(1)", "invalid arg 1 in converter 'lower' : expected ')' before '1)'"},
	{"str(a),lower(1", "invalid arg 1 in converter 'lower' : expected ')' before '1'"},
	{"str(a),lower()x", "missing comma after converter 'lower'"},
	{"str(a),lower()", ""},
	{"str(a),lowr", "unknown converter 'lowr'"},
	{"str(a),-", "unknown converter '-'"},
	{"str(a),,lower", ""},
	{"str(a),", ""},
	{"str(a),ipmask(24)", ""},
	{"int(1),ipmask(24)", ""},
	{"src,hex", ""},
	{"bin(00),cpl", "converter 'cpl' cannot be applied"},
	{"ipv6(::1),cpl", "converter 'cpl' cannot be applied"},
	{"meth(GET),cpl", "converter 'cpl' cannot be applied"},
	{"(x)", "missing fetch method"},
	{"hdr(a,x)", "fetch method 'hdr' : failed to parse 'x' as type 'integer' at position 2"},
	{"str(a),field(x,y)", "invalid arg 1 in converter 'field' : failed to parse 'x' as type 'integer' at position 1"},
	{"str(a),field(1)", "invalid arg 2 in converter 'field' : missing arguments (got 1/2), type 'string' expected"},
	{"bool(x)", "invalid args in fetch method 'bool' : Expects 'true', 'false', '0' or '1'"},
	{"bool", "invalid args in fetch method 'bool' : Expects 'true', 'false', '0' or '1'"},
	{"ipv4(x)", "fetch method 'ipv4' : failed to parse 'x' as type 'IPv4 address' at position 1"},
	{"ipv6(1.2.3.4)", "fetch method 'ipv6' : failed to parse '1.2.3.4' as type 'IPv6 address' at position 1"},
	{"str(a),ipmask(x)", "invalid arg 1 in converter 'ipmask' : failed to parse 'x' as type 'IPv4 mask' at position 1"},
	{"str(a),ipmask(255.0.0.0)", ""},
	{"str(a),ipmask(24,x)", "invalid arg 2 in converter 'ipmask' : failed to parse 'x' as type 'IPv6 mask' at position 2"},
	{"str(a),ipmask(24,ffff::)", ""},
	{"str(a),protobuf(1.2.x)", "invalid arg 1 in converter 'protobuf' : failed to parse '1.2.x' as type 'Protocol buffers field number' at position 1"},
	{"bin(0)", "invalid args in fetch method 'bin' : an even number of hex digit is expected"},
	{"bin(zz)", "invalid args in fetch method 'bin' : an hex digit is expected (found 'z')"},
	{"bin()", "invalid args in fetch method 'bin' : (null)"},
	{"var(a)", "invalid args in fetch method 'var' : invalid variable name 'a'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'"},
	{"var()", "invalid args in fetch method 'var' : Empty variable name cannot be accepted"},
	{"var(txn.a-b)", "invalid args in fetch method 'var' : invalid syntax at char '-b'"},
	{"var(txn.a.b)", ""},
	{"str(a),set-var(txn)", "invalid args in converter 'set-var' : invalid variable name 'txn'. A variable name must be start by its scope. The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'"},
	{"internal.htx_blk.data(-1)", "invalid args in fetch method 'internal.htx_blk.data' : invalid block position"},
	{"payload_lv(1,1,x)", "invalid args in fetch method 'payload_lv' : payload offset2 is not a number"},
	{"payload_lv(-1,1)", "invalid args in fetch method 'payload_lv' : payload offset1 must be positive"},
	{"payload_lv(1,0)", "invalid args in fetch method 'payload_lv' : payload length must be > 0"},
	{"payload_lv(1,1,+2)", ""},
	{"date(1,)", "invalid args in fetch method 'date' : expects 's', 'ms' or 'us', got ''"},
	{"date(,s)", "fetch method 'date' : expected ')' before ',s)'"},
	{"fc_rtt()", "invalid args in fetch method 'fc_rtt' : expects 'us' or 'ms', got ''"},
	{"fc_rtt", ""},
	{"hdr(a,-99)", "invalid args in fetch method 'hdr' : header occurrence must be >= -10"},
	{"uuid(3)", "invalid args in fetch method 'uuid' : Unsupported UUID version: '3'"},
	{"var(txn.y),add(txn.a-b)", "invalid args in converter 'add' : expects an integer or a variable name"},
	{"var(txn.y),add(-)", ""},
	{`var(txn.y),add_item(",",)`, "invalid args in converter 'add_item' : one of the optional arguments has to be nonempty"},
	{"var(txn.y),digest(mdc2)", "invalid args in converter 'digest' : algorithm must be a valid OpenSSL message digest name."},
	{"var(txn.y),digest(SHA256)", ""},
	{"var(txn.y),jwt_verify(PS384,abcd)", "invalid args in converter 'jwt_verify' : RSASSA-PSS JWS signing not managed yet"},
	{"var(txn.y),be2dec(:)", "invalid args in converter 'be2dec' : chunk_size out of [1..8] range (0)"},
	{"var(txn.y),be2hex", ""},
	{"var(txn.y),aes_gcm_dec(128,a,b,c)", "invalid args in converter 'aes_gcm_dec' : failed to parse nonce : argument needs to be base64 encoded, and can either be a string or a variable"},
	{"var(txn.y),aes_gcm_dec(128,txn.a,txn.b,txn.c)", ""},
	{"var(txn.y),mqtt_field_value(1,x)", "invalid args in converter 'mqtt_field_value' : Unknown MQTT field name 'x' for packet type '1'"},
	{"var(txn.y),mqtt_field_value(16,flags)", "invalid args in converter 'mqtt_field_value' : Unknown MQTT type '16'"},
	{"var(txn.y),mqtt_field_value(connack,FLAGS)", ""},
	{"var(txn.y),fix_tag_value(0)", "invalid args in converter 'fix_tag_value' : Unknown FIX tag name '0'"},
	{"var(txn.y),fix_tag_value(msgtype)", ""},
	{"var(txn.y),protobuf(1,)", "invalid args in converter 'protobuf' : Wrong protocol buffer type ''"},
	{"var(txn.y),regsub(a,b,ig)", ""},
	{"var(txn.y),regsub(a,b,x)", "invalid args in converter 'regsub' : invalid regex flag 'x', only 'i' and 'g' are supported"},
	{"var(txn.y),sha2(1)", "invalid args in converter 'sha2' : Unsupported number of bits: '1'"},
	{"var(txn.y),json(x)", "invalid args in converter 'json' : Unexpected input code type. Allowed value are 'ascii', 'utf8', 'utf8s', 'utf8p' and 'utf8ps'"},
	{"var(txn.y),url_enc(x)", "invalid args in converter 'url_enc' : Unexpected encode type. Allowed value is 'query'"},
	{"var(txn.y),field(0,a)", "invalid args in converter 'field' : Unexpected value 0 for index"},
	{"var(txn.y),word(1,)", "invalid args in converter 'word' : Empty separators list"},
	{"var(txn.y),debug(a,x)", "invalid args in converter 'debug' : No such sink 'x'"},
	{"var(txn.y),strcmp()", "invalid args in converter 'strcmp' : missing variable name"},
	{"var(txn.y),strcmp(x)", "invalid args in converter 'strcmp' : failed to register variable name 'x'"},
	{"var(txn.y),set-var(txn.a,foo)", "invalid args in converter 'set-var' : unknown condition \"foo\""},
	{"var(txn.y),utime", ""},
	{"req.cook_names", "unknown fetch method 'req.cook_names'"},
	{"str(a),has_ctl", "unknown converter 'has_ctl'"},
	{"bc_rtt(us)", "unknown fetch method 'bc_rtt'"},
	{"fc_glitches", "unknown fetch method 'fc_glitches'"},
	{"var(txn.input),le2dec(:,1)", "unknown converter 'le2dec'"},
	{"var(txn.input),bytes(txn.var_start)", "invalid arg 1 in converter 'bytes' : failed to parse 'txn.var_start' as type 'integer' at position 1"},
}

func TestParseExpr(t *testing.T) {
	reg := NewRegistry()
	for _, tc := range exprCases {
		ctx := &Context{Registry: reg, Proxy: "be", Cap: CapBE, ReadFile: func(string) ([]byte, error) { return nil, nil }}
		_, _, err := ctx.ParseExpr([]string{tc.in}, 0)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("%s:\n got %q\nwant %q", tc.in, got, tc.err)
		}
	}
}

func TestParseExprWords(t *testing.T) {
	reg := NewRegistry()
	ctx := &Context{Registry: reg}
	cases := []struct {
		words []string
		next  int
		convs int
	}{
		{[]string{"hdr(host),", "lower", "if", "x"}, 2, 1},
		{[]string{"hdr(host)", "lower", "if"}, 2, 1},
		{[]string{"hdr(host)", ",", "lower"}, 1, 0},
		{[]string{"str(a)", ",lower"}, 1, 0},
		{[]string{"hdr(host)"}, 1, 0},
		{[]string{"hdr(host),lower,", "", "x"}, 1, 1},
	}
	for _, tc := range cases {
		e, next, err := ctx.ParseExpr(tc.words, 0)
		if err != nil {
			t.Fatalf("%q: %v", tc.words, err)
		}
		if next != tc.next || len(e.Convs) != tc.convs {
			t.Errorf("%q: next=%d convs=%d, want %d %d", tc.words, next, len(e.Convs), tc.next, tc.convs)
		}
	}
}

func TestParseExprPrefix(t *testing.T) {
	ctx := &Context{Registry: NewRegistry()}
	e, end, err := ctx.ParseExprPrefix("req.hdr(host),lower] rest")
	if err != nil || end != len("req.hdr(host),lower") || e.Text != "req.hdr(host),lower" {
		t.Fatalf("got %v %d %v", e, end, err)
	}
	_, _, err = ctx.ParseExprPrefix("url_param(QS_arg,,i)]>")
	if err == nil || err.Error() != "fetch method 'url_param' : expected ')' before ',i)]>'" {
		t.Fatalf("got %v", err)
	}
	_, end, err = ctx.ParseExprPrefix("src")
	if err != nil || end != 3 {
		t.Fatalf("got %d %v", end, err)
	}
}

func TestRegistryCounts(t *testing.T) {
	r := NewRegistry()
	if n := len(r.Fetches()); n != 453 {
		t.Errorf("fetches: %d, want 453 (haproxy -dKsmp)", n)
	}
	if n := len(r.Converters()); n != 135 {
		t.Errorf("converters: %d, want 135 (haproxy -dKcnv)", n)
	}
	if f := r.Fetch("hdr"); f == nil || f.Args.String() != "[string,integer]" || f.Out != Str {
		t.Errorf("hdr: %+v", f)
	}
	if c := r.Converter("map_str_ip"); c == nil || c.In != Str || c.Out != Addr {
		t.Errorf("map_str_ip: %+v", c)
	}
	for _, f := range r.Fetches() {
		if strings.TrimSpace(f.Use.Names()) == "" || f.Val == 0 {
			t.Errorf("fetch %s has no source or validity", f.Name)
		}
	}
}

func TestEmptyOptionalArgs(t *testing.T) {
	ctx := &Context{Registry: NewRegistry()}
	for in, want := range map[string]string{
		"date(,)":                 "fetch method 'date' : expected ')' before ',)'",
		"hdr(a,)":                 "",
		"hdr(a,,)":                "fetch method 'hdr' : expected ')' before ',)'",
		"var(txn.y),field(1,a,)":  "",
		"var(txn.y),field(1,a,,)": "invalid arg 2 in converter 'field' : expected ')' before ',)'",
		"var(txn.y),sha2(,)":      "invalid arg 1 in converter 'sha2' : expected ')' before ',)'",
		"var(txn.y),be2hex(:,,1)": "invalid arg 2 in converter 'be2hex' : expected ')' before ',1)'",
		"ssl_c_i_dn(CN,,rfc2253)": "fetch method 'ssl_c_i_dn' : expected ')' before ',rfc2253)'",
		"var(txn.y),ipmask(24,)":  "",
		"sha2()":                  "unknown fetch method 'sha2'",
	} {
		_, _, err := ctx.ParseExpr([]string{in}, 0)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s: got %q want %q", in, got, want)
		}
	}
}

func TestIntSigns(t *testing.T) {
	ctx := &Context{Registry: NewRegistry()}
	for _, in := range []string{"int(+1)", "int(-)", "int(-5)"} {
		if _, _, err := ctx.ParseExpr([]string{in}, 0); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}
