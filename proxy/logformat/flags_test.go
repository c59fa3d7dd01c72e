package logformat

import (
	"testing"

	"hakeep/proxy/sample"
)

// Log lines start every node mandatory (cfgparse.c passes
// LOG_OPT_MANDATORY); +M and -M set and clear it per node, and %o for
// the nodes after it.
func TestMandatoryFlag(t *testing.T) {
	c := &sample.Context{Registry: sample.NewRegistry()}
	f, err := Parse("%ci %{-M}CC %{-M}o %CS %{+M,+Q}ID %[src]", Options{HTTP: true, MergeSpaces: true, Cap: sample.FeLogEnd, Flags: Mandatory}, c)
	if err != nil {
		t.Fatal(err)
	}
	var got []Flags
	for _, n := range f.Nodes {
		if n.Kind == Var || n.Kind == Expr {
			got = append(got, n.Flags&(Mandatory|Quote))
		}
	}
	want := []Flags{Mandatory, 0, 0, Mandatory | Quote, 0}
	if len(got) != len(want) {
		t.Fatalf("nodes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("node %d: flags %b, want %b", i, got[i], want[i])
		}
	}
}
