package kacheck

import "testing"

func TestVerdictAgrees(t *testing.T) {
	real := verdict{exit: 5, first: "(a.conf: Line 3) Unknown keyword 'x'"}
	for _, c := range []struct {
		got  verdict
		want bool
	}{
		{verdict{5, "(a.conf: Line 3) another wording"}, true},
		{verdict{4, "(a.conf: Line 3) Unknown keyword 'x'"}, false},
		{verdict{5, "(a.conf: Line 4) Unknown keyword 'x'"}, false},
		{verdict{5, "(Line 3) Unknown keyword 'x'"}, false},
		{verdict{5, ""}, false},
	} {
		if got := c.got.agrees(real); got != c.want {
			t.Errorf("%+v agrees with %+v: %v, want %v", c.got, real, got, c.want)
		}
	}
	if !(verdict{exit: 0}).agrees(verdict{exit: 0}) {
		t.Error("two silent exits 0 disagree")
	}
	if (verdict{0, "Some message"}).agrees(verdict{exit: 0}) {
		t.Error("a message where keepalived prints none agrees")
	}
	v := verdictOf("\nhakeep: a.conf:1:1: note\n(Line 2) x\n", 5)
	if v.first != "(Line 2) x" {
		t.Errorf("first keepalived line = %q", v.first)
	}
	ours := []string{"(f: Line 8) nb_get_retry is deprecated - please use 'retry'"}
	if n := normalise([]string{"(f: Line 8) Unknown keyword 'nb_get_retry'"}, ours); n[0] != "(f: Line 8) Unknown keyword 'nb_get_retry'" {
		t.Errorf("normalise: %q", n[0])
	}
	// In HTTP_GET 2.2.7 gives the warning itself: nothing to rewrite.
	if n := normalise(ours, ours); n[0] != ours[0] {
		t.Errorf("normalise rewrote 2.2.7's own warning: %q", n[0])
	}
}
