package ratelimit

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// TestE2ESeedVhosts runs /work/shared/seeds/haproxy-vhosts.cfg (issue
// 4's seed scenario: routing by hdr_dom(host) ACLs) with its addresses
// moved onto loopback, through the real haproxy and ours: Host
// www.zb.com, static.zb.com and video.zb.com (with a port, in upper
// case) reach webapp1, webapp2 and webapp3, and an unknown host gets
// the same 503, byte for byte. The process-model lines (daemon, user,
// group, pidfile) are left out: the test runs unprivileged-style in the
// foreground.
func TestE2ESeedVhosts(t *testing.T) {
	realBin := harness.NeedCmd(t, "haproxy")
	oursBin := os.Getenv("HAKEEP_RATELIMIT_OURS")
	if oursBin == "" {
		oursBin = filepath.Join(harness.Binaries(t), "haproxy")
	}
	src, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", "haproxy-vhosts.cfg"))
	harness.Need(t, err == nil, "seed haproxy-vhosts.cfg not found")

	// the three web applications answer every path (health checks
	// included) with their name
	apps := map[string]string{}
	for i, name := range []string{"webapp1", "webapp2", "webapp3"} {
		addr := freeAddr(t, 10+i)
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		name := name
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "%s %s", name, r.Host)
		})}
		go srv.Serve(l)
		t.Cleanup(func() { srv.Close() })
		apps[name] = addr
	}
	render := func(fe, stats string) string {
		var out []string
		for _, line := range strings.Split(string(src), "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && (f[0] == "daemon" || f[0] == "user" || f[0] == "group" || f[0] == "pidfile" || f[0] == "nbproc") {
				continue
			}
			line = strings.Replace(line, "192.168.66.10:80", fe, 1)
			line = strings.Replace(line, "0.0.0.0:19088", stats, 1)
			line = strings.Replace(line, "192.168.66.20:80", apps["webapp1"], 1)
			line = strings.Replace(line, "192.168.66.21:80", apps["webapp2"], 1)
			line = strings.Replace(line, "192.168.66.22:80", apps["webapp3"], 1)
			out = append(out, line)
		}
		return strings.Join(out, "\n")
	}
	rfe, rst, ofe, ost := freeAddr(t, 20), freeAddr(t, 21), freeAddr(t, 22), freeAddr(t, 23)
	start(t, realBin, render(rfe, rst), rfe)
	start(t, oursBin, render(ofe, ost), ofe)
	time.Sleep(300 * time.Millisecond) // first health checks

	cases := []struct{ host, want string }{
		{"www.zb.com", "webapp1"},
		{"static.zb.com", "webapp2"},
		{"video.zb.com", "webapp3"},
		{"www.zb.com:80", "webapp1"},
		{"STATIC.ZB.COM", "webapp2"},
		{"Video.Zb.Com:8080", "webapp3"},
		{"unknown.example", "503"},
		{"", "503"},
	}
	for _, c := range cases {
		real, ours := raw(t, rfe, c.host), raw(t, ofe, c.host)
		if !strings.Contains(real, c.want) {
			t.Errorf("Host %q: the real haproxy answered %q, want %s", c.host, real, c.want)
		}
		// the back ends' Date headers differ from one answer to the next
		if stripDate(real) != stripDate(ours) {
			t.Errorf("Host %q:\nreal %q\nours %q", c.host, real, ours)
		}
	}
}

// raw sends one request and returns the whole response.
func raw(t *testing.T, addr, host string) string {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	hdr := ""
	if host != "" {
		hdr = "Host: " + host + "\r\n"
	}
	fmt.Fprintf(c, "GET /index.html HTTP/1.1\r\n%sConnection: close\r\n\r\n", hdr)
	b, _ := io.ReadAll(bufio.NewReader(c))
	return string(b)
}

func stripDate(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\r\n") {
		if !strings.HasPrefix(strings.ToLower(l), "date:") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\r\n")
}
