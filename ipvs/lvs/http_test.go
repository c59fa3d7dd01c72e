package lvs

import (
	"testing"
	"time"
)

// vsHTTP is a virtual server with one real server checked by an HTTP_GET
// of n urls.
func vsHTTP(n, retry int, fast bool) *VirtualServer {
	vs := vsTCP(1, nil)
	h := &HTTPConfig{FastRecovery: fast}
	for i := 0; i < n; i++ {
		h.URLs = append(h.URLs, &URL{Path: "/" + string(rune('a'+i))})
	}
	vs.RealServers[0].Checkers = []*Checker{{Type: HTTPGet, Retry: retry, DelayLoop: 5 * time.Second, DelayBeforeRetry: 3 * time.Second,
		Conn: vs.RealServers[0].Checkers[0].Conn, HTTP: h}}
	return vs
}

func httpOK(code int) Result {
	return Result{HTTP: &HTTPResponse{Extracted: true, StatusCode: code, ContentLength: -1}}
}

// runURL is run for an HTTP checker, also checking which url is fetched.
func (h *harness) runURL(url int, r Result) time.Duration {
	h.t.Helper()
	next := h.c.nextDue()
	d := next.Sub(h.now)
	as := h.advance(d)
	if len(as) != 1 {
		h.t.Fatalf("%d attempts due", len(as))
	}
	if as[0].URL != url {
		h.t.Errorf("fetching url %d, want %d", as[0].URL, url)
	}
	h.c.done(h.now, as[0], r)
	return d
}

func TestHTTPGetURLs(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsHTTP(2, 1, false)}})
	h.start()
	h.log.take()
	// At start, both urls are fetched delay_loop apart before the
	// checker has a verdict; it was up already, so nothing is logged
	// until the end of the list.
	if d := h.runURL(0, httpOK(200)); d != time.Second {
		t.Errorf("first fetch after %v", d)
	}
	h.wantLog()
	if d := h.runURL(1, httpOK(200)); d != 5*time.Second {
		t.Errorf("second url after %v, want delay_loop", d)
	}
	h.wantLog("Remote Web server [10.0.1.1]:tcp:80 succeed on service.")
	// A failing url is retried once (retry 1), delay_before_retry later.
	h.runURL(0, httpOK(200))
	h.runURL(1, httpOK(500))
	h.wantLog()
	if d := h.runURL(1, Result{Outcome: Timeout, Msg: "Timeout connecting"}); d != 3*time.Second {
		t.Errorf("retry after %v, want delay_before_retry", d)
	}
	h.wantLog(
		"HTTP_CHECK on service [10.0.1.1]:tcp:80 failed after 1 retries.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	// Down: only the failed url is fetched, at the longer delay.
	if d := h.runURL(1, httpOK(500)); d != 5*time.Second {
		t.Errorf("failed url again after %v", d)
	}
	h.runURL(1, httpOK(200))
	h.wantLog("HTTP status code success to [10.0.1.1]:tcp:80 url(/b)")
	// Then every url again before the server is back.
	h.runURL(0, httpOK(200))
	h.wantLog("HTTP status code success to [10.0.1.1]:tcp:80 url(/a)")
	h.runURL(1, httpOK(200))
	h.wantLog(
		"HTTP status code success to [10.0.1.1]:tcp:80 url(/b)",
		"Remote Web server [10.0.1.1]:tcp:80 succeed on service.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80")
}

// With fast_recovery the urls of a server coming up are fetched without
// waiting.
func TestHTTPGetFastRecovery(t *testing.T) {
	h := newHarness(t, &Config{VirtualServers: []*VirtualServer{vsHTTP(3, 0, true)}})
	h.start()
	h.log.take()
	h.runURL(0, httpOK(200))
	if d := h.runURL(1, httpOK(200)); d != 0 {
		t.Errorf("second url after %v, want at once", d)
	}
	h.runURL(2, httpOK(200))
	if d := h.runURL(0, httpOK(200)); d != 5*time.Second {
		t.Errorf("next round after %v", d)
	}
}

// The checks of the response: status codes, digest, regex, length.
func TestHTTPGetResponseChecks(t *testing.T) {
	vs := vsHTTP(1, 0, false)
	u := vs.RealServers[0].Checkers[0].HTTP.URLs[0]
	u.Status = []StatusRange{{301, 302}}
	u.Digest = []byte("0123456789abcdef")
	h := newHarness(t, &Config{LogAllFailures: true, VirtualServers: []*VirtualServer{vs}})
	h.start()
	h.log.take()
	h.runURL(0, httpOK(200))
	h.wantLog(
		"HTTP status code error to server [10.0.1.1]:tcp:80.",
		"HTTP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
	bad := Result{HTTP: &HTTPResponse{Extracted: true, StatusCode: 302, ContentLength: 10, RxBytes: 4, Digest: []byte("xxxxxxxxxxxxxxxx")}}
	h.runURL(0, bad)
	h.wantLog("http_check for RS [10.0.1.1]:tcp:80 VS [10.0.0.1]:tcp:80 url /a: content_length (10) does not match received bytes (4)")
	// The same mismatch is not reported again.
	h.runURL(0, bad)
	h.wantLog()
	good := Result{HTTP: &HTTPResponse{Extracted: true, StatusCode: 301, ContentLength: -1, Digest: []byte("0123456789abcdef")}}
	h.runURL(0, good)
	// The failed url passing starts a new round of all the urls, even
	// when it is the only one.
	h.wantLog("MD5 digest success to [10.0.1.1]:tcp:80 url(/a)")
	h.runURL(0, good)
	h.wantLog(
		"MD5 digest success to [10.0.1.1]:tcp:80 url(/a)",
		"Remote Web server [10.0.1.1]:tcp:80 succeed on service.",
		"Adding service [10.0.1.1]:tcp:80 to VS [10.0.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80")
	h.runURL(0, Result{HTTP: &HTTPResponse{}})
	h.wantLog(
		"Read, no data received from  server [10.0.1.1]:tcp:80.",
		"HTTP_CHECK on service [10.0.1.1]:tcp:80 failed.",
		"Removing service [10.0.1.1]:tcp:80 from VS [10.0.0.1]:tcp:80",
		"Lost quorum 1-0=1 > 0 for VS [10.0.0.1]:tcp:80")
}
