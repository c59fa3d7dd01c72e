package logformat

import (
	"testing"

	"hakeep/proxy/sample"
)

// FuzzParse checks that no format string makes the parser panic, and
// that a successful parse keeps every expression's text inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r",
		"%{+Q,+E}o\\ [exampleSDID@1234\\ header=%[capture.req.hdr(0)]]",
		"%[src,lowr]", "%{+Q", "%[", "% x", "%[url_param(a,,i)]", "%[str('a,b'),concat(\"x\",txn.y,)]",
	} {
		f.Add(s, true, true)
	}
	reg := sample.NewRegistry()
	f.Fuzz(func(t *testing.T, s string, http, merge bool) {
		ctx := &sample.Context{Registry: reg, Proxy: "fe", Cap: sample.CapFE,
			ReadFile: func(string) ([]byte, error) { return nil, nil }}
		fm, err := Parse(s, Options{HTTP: http, MergeSpaces: merge, Cap: sample.FeLogEnd | sample.FeHrqHdr}, ctx)
		if err != nil {
			return
		}
		for _, n := range fm.Nodes {
			if n.Kind == Expr && n.Expr == nil {
				t.Fatalf("expression node without expression in %q", s)
			}
		}
	})
}
