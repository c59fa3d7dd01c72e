package log

import (
	"testing"
	"time"

	"hakeep/proxy/check"
)

// proxy/check sends its server state changes through the backend's
// ProxyLog, at the level it gives.
func TestCheckNotifications(t *testing.T) {
	var _ check.Logger = (*ProxyLog)(nil)
	srv := newUDPServer(t)
	cfg := load(t, base+"backend be\n  server s1 127.0.0.1:1\n", srv.addr())
	l := start(t, cfg)
	var lg check.Logger = l.Proxy("be")
	lg.Emit(check.LevelAlert, "Server be/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.")
	want := "<129>Nov 21 20:59:26 haproxy[26088]: Server be/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.\n"
	if got := srv.next(5 * time.Second); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// an unknown proxy discards
	l.Proxy("nope").Emit(check.LevelAlert, "x")
	if got := srv.next(200 * time.Millisecond); got != "" {
		t.Errorf("unknown proxy sent %q", got)
	}
}
