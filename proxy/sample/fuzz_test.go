package sample

import "testing"

// FuzzParseExpr checks that no expression makes the parser panic, in
// both the word mode and the end-pointer mode.
func FuzzParseExpr(f *testing.F) {
	for _, s := range exprCases {
		f.Add(s.in, "lower")
	}
	f.Add("req.hdr(host),", "lower")
	f.Add(`str('a\'b"c'),regsub("(a)",\1,g)`, "if")
	reg := NewRegistry()
	f.Fuzz(func(t *testing.T, a, b string) {
		ctx := &Context{Registry: reg, Proxy: "p", Cap: CapFE | CapBE, Refs: &Refs{},
			ReadFile: func(string) ([]byte, error) { return nil, nil }}
		e, next, err := ctx.ParseExpr([]string{a, b}, 0)
		if err == nil && (e == nil || next < 1 || next > 2) {
			t.Fatalf("%q %q: expr %v next %d", a, b, e, next)
		}
		e, end, err := ctx.ParseExprPrefix(a)
		if err == nil && (e == nil || end < 0 || end > len(a)) {
			t.Fatalf("%q: end %d", a, end)
		}
		ctx.Refs.Resolve(fakeWorld{})
	})
}
