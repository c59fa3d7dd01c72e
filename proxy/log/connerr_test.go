package log

import (
	"testing"
	"time"
)

// Lines haproxy 2.6.12 sent for connections whose PROXY header was bad.
func TestConnError(t *testing.T) {
	t.Setenv("TZ", "UTC")
	srv := newUDPServer(t)
	cfg := load(t, base+`frontend fe
  option httplog
  bind 127.0.0.1:18080 accept-proxy
frontend fe2
  option httplog
  bind 127.0.0.1:18081 accept-proxy
  error-log-format "E %ci %ST %tsc %r %b/%s"
frontend quiet
  option httplog
  option dontlognull
  bind 127.0.0.1:18082 accept-proxy
frontend nolf
  bind 127.0.0.1:18083 accept-proxy
`, srv.addr())
	l := start(t, cfg)
	at := time.Date(2026, 11, 21, 21, 40, 47, 713000000, time.UTC)
	l.ConnError(&ConnError{Frontend: "fe", Client: ap("127.0.0.1:35892"), Accept: at, Listener: "1",
		Text: "Truncated PROXY protocol header received"})
	l.ConnError(&ConnError{Frontend: "fe2", Client: ap("127.0.0.1:35893"), Accept: at, Listener: "1",
		Text: "Received something which does not look like a PROXY protocol header"})
	l.ConnError(&ConnError{Frontend: "quiet", Client: ap("127.0.0.1:35894"), Accept: at, Listener: "1",
		Text: "Connection closed while waiting for PROXY protocol header", Empty: true})
	l.ConnError(&ConnError{Frontend: "nolf", Client: ap("127.0.0.1:35895"), Accept: at, Listener: "1",
		Text: "Truncated PROXY protocol header received"})
	for _, want := range []string{
		"<134>Nov 21 20:59:26 haproxy[26088]: 127.0.0.1:35892 [21/Nov/2026:21:40:47.713] fe/1: Truncated PROXY protocol header received\n",
		"<134>Nov 21 20:59:26 haproxy[26088]: E 127.0.0.1 0 PR-- <BADREQ> fe2/<NOSRV>\n",
	} {
		if got := srv.next(5 * time.Second); got != want {
			t.Errorf("\n got %q\nwant %q", got, want)
		}
	}
	if got := srv.next(200 * time.Millisecond); got != "" {
		t.Errorf("dontlognull or a frontend without format sent %q", got)
	}
}
