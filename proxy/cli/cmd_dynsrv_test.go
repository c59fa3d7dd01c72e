package cli

import (
	"strings"
	"testing"
)

// TestAddDelServer checks the answers of "add server" and "del server"
// (2.6.12's, measured) and what reaches the engine.
func TestAddDelServer(t *testing.T) {
	f := &fakeRuntime{srv: &fakeServer{}}
	a := New(f, Options{})
	for _, c := range []struct{ cmd, want string }{
		{"add server be/x 127.0.0.1:8080 weight 5 backup", "New server registered.\n"},
		{"add server be/y 10.0.0.1", "New server registered.\n"},
		{"add server be/z host.example:80 enabled id 9", "New server registered.\n"},
		{"add server be", "Require 'backend/server'."},
		{"add server nobe/x 127.0.0.1:1", "No such backend."},
		{"add server be/x", "'server' expects <name> and <addr>[:<port>] as arguments.\n"},
		{"add server be/x 127.0.0.1:99999", "invalid port '99999'\n"},
		{"add server be/x 127.0.0.1:1 bogus", "unknown keyword 'bogus'.\n"},
		{"add server be/x 127.0.0.1:1 cookie c", "'cookie' option is not accepted for dynamic server\n"},
		{"add server be/x 127.0.0.1:1 weight 300", "weight of server x is not within 0 and 256 (300)..\n"},
		{"add server be/x 127.0.0.1:1 id 0", "'id' : custom id has to be > 0.\n"},
		{"add server be/x 127.0.0.1:1 check", "'check' on a dynamic server is not supported by hakeep.\n"},
		{"del server be/web1", "Server deleted."},
		{"del server be/nope", "No such server."},
		{"del server be", "Require 'backend/server'."},
		{"del server nobe/x", "No such backend."},
	} {
		if got := a.Run(strings.Fields(c.cmd), "", LevelAdmin); got != c.want {
			t.Errorf("%s: got %q, want %q", c.cmd, got, c.want)
		}
	}
	if got := a.Run(strings.Fields("add server be/q 127.0.0.1:1"), "", LevelOperator); got != permissionDenied {
		t.Errorf("operator: got %q", got)
	}
	if len(f.added) != 3 {
		t.Fatalf("%d servers reached the engine, want 3", len(f.added))
	}
	x, y, z := f.added[0], f.added[1], f.added[2]
	if x.Weight != 5 || !x.Backup || x.Disabled || x.Addr.Port != 8080 || x.Addr.Addr.String() != "127.0.0.1" {
		t.Errorf("x: %+v", x)
	}
	if !y.Addr.PortOffset || y.Addr.Addr.String() != "10.0.0.1" {
		t.Errorf("y: %+v", y.Addr)
	}
	if z.Disabled || z.ID != 9 || z.Addr.Host != "host.example" || z.Addr.Port != 80 {
		t.Errorf("z: %+v", z)
	}
}
