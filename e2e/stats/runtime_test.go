package stats_e2e

import (
	"flag"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "record testdata/ from the real haproxy")

// runtimeConfig routes by Host through a map, round-robins "be" over
// web1 and web2, and sends the map's hosts to "be2" (web3).
const runtimeConfig = `global
    stats socket {sock} level admin

defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s

frontend fe
    bind 127.0.0.1:{fe}
    use_backend %[req.hdr(host),lower,map({map},be)]

backend be
    balance roundrobin
    server web1 127.0.0.1:{web1}
    server web2 127.0.0.1:{web2}

backend be2
    balance source
    server web3 127.0.0.1:{web3}
`

// step is one command of the scripted session, then n requests for
// host whose origins join the transcript, none of them reaching never.
type step struct {
	cmd   string
	host  string
	n     int
	never string
}

// session is the scripted Runtime API session: read, refuse, change
// state and weight, update the map, and see the traffic follow.
var session = []step{
	{cmd: "show backend"},
	{cmd: "get weight be/web1"},
	{cmd: "show servers state be"},
	{cmd: "show map"},
	{cmd: "show map {map}"},
	{cmd: "get map {map} www.example.com"},
	{cmd: "set server be/nope state drain"},
	{cmd: "set server be/web1 state sleep"},
	{cmd: "set server be/web1 weight abc"},
	{cmd: "set server be/web1 weight 300"},
	{cmd: "set weight be/web2"},
	{cmd: "get weight nobe/web1"},
	{cmd: "set server be/web1"},
	{cmd: "set maxconn global"},
	{cmd: "shutdown session"},
	{cmd: "enable frontend nofe"},
	{cmd: "shw stat"},
	{cmd: "set server be/web1 state drain", host: "a.test", n: 3, never: "web1"},
	{cmd: "show servers state be"},
	{cmd: "set server be/web1 state ready", host: "a.test", n: 4},
	{cmd: "set server be/web2 weight 3"},
	{cmd: "get weight be/web2", host: "a.test", n: 4},
	{cmd: "set weight be/web2 1"},
	{cmd: "get weight be/web2"},
	{cmd: "disable server be/web2", host: "a.test", n: 2, never: "web2"},
	{cmd: "enable server be/web2"},
	{cmd: "set server be/web1 state maint", host: "a.test", n: 2, never: "web1"},
	{cmd: "set server be/web1 state ready"},
	{cmd: "get map {map} www.other.com", host: "www.other.com", n: 1},
	{cmd: "add map {map} www.other.com be2", host: "www.other.com", n: 2, never: "web1"},
	{cmd: "show map {map}"},
	{cmd: "set map {map} www.other.com be"},
	{cmd: "get map {map} www.other.com", host: "www.other.com", n: 1},
	{cmd: "del map {map} www.other.com", host: "www.other.com", n: 1},
	{cmd: "del map {map} www.other.com"},
	{cmd: "prepare map {map}"},
	{cmd: "add map @1 {map} www.new.com be2"},
	{cmd: "show map @1 {map}"},
	{cmd: "commit map @1 {map}", host: "www.example.com", n: 1},
	{cmd: "show map"},
	{cmd: "add server be/web3 127.0.0.1:{web3}"},
	{cmd: "add server be/web3 127.0.0.1:{web3}"},
	{cmd: "add server be2/x 127.0.0.1:{web3}"},
	{cmd: "add server be/x 127.0.0.1:{web3} cookie c"},
	{cmd: "add server be/x 127.0.0.1:{web3} bogus"},
	{cmd: "add server be/x 127.0.0.1:99999"},
	{cmd: "add server be/x"},
	{cmd: "add server nobe/x 127.0.0.1:{web3}"},
	{cmd: "show servers state be", host: "a.test", n: 2, never: "web3"},
	{cmd: "del server be/web1"},
	{cmd: "set server be/web3 state ready", host: "a.test", n: 3},
	{cmd: "set server be/web3 weight 2"},
	{cmd: "get weight be/web3"},
	{cmd: "show servers state be"},
	{cmd: "del server be/web3"},
	{cmd: "set server be/web3 state maint", host: "a.test", n: 2, never: "web3"},
	{cmd: "del server be/web3", host: "a.test", n: 2, never: "web3"},
	{cmd: "del server be/web3"},
	{cmd: "del server nobe/web3"},
	{cmd: "del server be"},
	{cmd: "show servers state"},
}

// masks hide what differs between runs and implementations: entry
// addresses, the time since a change, paths, and versions.
var masks = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`0x[0-9a-f]+`), "0xADDR"},
	// show servers state: the 10th field is srv_time_since_last_change
	{regexp.MustCompile(`(?m)^(\d+ \S+ \d+ \S+ \S+ \d+ \d+ \d+ \d+) \d+ `), "$1 T "},
}

func maskTranscript(s string, dir, mapPath string, ports map[string]string) string {
	s = strings.ReplaceAll(s, mapPath, "{map}")
	for _, n := range []string{"web1", "web2", "web3"} {
		s = strings.ReplaceAll(s, " "+ports[n]+" ", " {"+n+"} ")
	}
	s = strings.ReplaceAll(s, dir, "{dir}")
	for _, m := range masks {
		s = m.re.ReplaceAllString(s, m.repl)
	}
	return s
}

// hostGet sends a request with a Host header and returns the origin that
// answered.
func hostGet(t *testing.T, port, host string) string {
	t.Helper()
	_, resp := rawRequest(t, port, "GET / HTTP/1.1\r\nhost: "+host+"\r\nconnection: close\r\n\r\n")
	if i := strings.Index(resp, "served by "); i >= 0 {
		return strings.TrimSpace(resp[i+len("served by "):])
	}
	return "(" + strings.SplitN(resp, "\r\n", 2)[0] + ")"
}

// runSession plays the session on a proxy: each command one-shot, the
// traffic after it checked; it returns the masked transcript.
func runSession(t *testing.T, p *proc, ports map[string]string, dir, mapPath string) string {
	t.Helper()
	var b strings.Builder
	for _, st := range session {
		cmd := strings.ReplaceAll(st.cmd, "{map}", mapPath)
		cmd = strings.ReplaceAll(cmd, "{web3}", ports["web3"])
		out := p.mustCLI(t, cmd)
		b.WriteString("$ " + st.cmd + "\n" + maskTranscript(out, dir, mapPath, ports))
		for i := 0; i < st.n; i++ {
			got := hostGet(t, ports["fe"], st.host)
			b.WriteString("> " + st.host + ": " + got + "\n")
			if got == st.never {
				t.Errorf("%s: after %q, a request for %s reached %s", p.name, st.cmd, st.host, got)
			}
		}
	}
	return b.String()
}

// TestE2ERuntimeAPISession runs a scripted Runtime API session through
// the stats socket, one command per connection as "echo cmd | socat"
// does, checks that requests follow each change, and compares every
// answer with 2.6.12's (testdata/runtime_session.golden, recorded from
// the real haproxy with -update). A second part runs the same kind of
// commands in prompt mode on one connection.
func TestE2ERuntimeAPISession(t *testing.T) {
	golden := filepath.Join("testdata", "runtime_session.golden")
	bin, name := oursBinary(t), "hakeep"
	if *update {
		bin, name = realBinary(t), "haproxy 2.6"
	}
	o1, o2, o3 := startOrigin(t, "web1"), startOrigin(t, "web2"), startOrigin(t, "web3")
	dir := t.TempDir()
	mapPath := filepath.Join(dir, "hosts.map")
	if err := os.WriteFile(mapPath, []byte("www.example.com be2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, ports := fillPorts(t, runtimeConfig, map[string]string{"web1": o1.port(), "web2": o2.port(),
		"web3": o3.port(), "map": mapPath}, "fe")
	p := startProc(t, name, bin, cfg)
	got := runSession(t, p, ports, p.dir, mapPath)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (record it with -update)", err)
	}
	compareTranscripts(t, string(want), got)
}

// knownDifferences are the differences this session shows for a known
// reason, each a rewrite of 2.6.12's answer into hakeep's; any other
// difference fails.
var knownDifferences = []struct {
	why  string
	old  *regexp.Regexp
	repl string
}{
	{
		why: "2.6's internal httpclient proxy takes pattern ids 0 and 1 before late-resolved maps",
		old: regexp.MustCompile(`(?m)^2 \(\{map\}\)`), repl: "0 ({map})",
	},
}

// compareTranscripts reports each command whose answer differs.
func compareTranscripts(t *testing.T, want, got string) {
	t.Helper()
	split := func(s string) []string { return strings.Split(s, "$ ")[1:] }
	w, g := split(want), split(got)
	if len(w) != len(g) {
		t.Fatalf("%d commands recorded, %d run", len(w), len(g))
	}
	same, known := 0, 0
	for i := range w {
		if w[i] == g[i] {
			same++
			continue
		}
		explained := w[i]
		var whys []string
		for _, k := range knownDifferences {
			if r := k.old.ReplaceAllString(explained, k.repl); r != explained {
				explained = r
				whys = append(whys, k.why)
			}
		}
		if explained == g[i] {
			known++
			t.Logf("known difference (%s) in %q", strings.Join(whys, "; "), strings.SplitN(w[i], "\n", 2)[0])
			continue
		}
		t.Errorf("answer differs:\n2.6.12: %q\nhakeep: %q", w[i], g[i])
	}
	t.Logf("%d of %d answers identical to 2.6.12's, %d with a known difference", same, len(w), known)
}

// TestE2ERuntimeAPIPrompt drives one connection in prompt mode, as an
// operator at a terminal does: each answer ends with the "> " prompt,
// and a change made earlier in the session shows later in it.
func TestE2ERuntimeAPIPrompt(t *testing.T) {
	bin := oursBinary(t)
	o1, o2, o3 := startOrigin(t, "web1"), startOrigin(t, "web2"), startOrigin(t, "web3")
	dir := t.TempDir()
	mapPath := filepath.Join(dir, "hosts.map")
	os.WriteFile(mapPath, []byte("www.example.com be2\n"), 0o644)
	cfg, ports := fillPorts(t, runtimeConfig, map[string]string{"web1": o1.port(), "web2": o2.port(),
		"web3": o3.port(), "map": mapPath}, "fe")
	p := startProc(t, "hakeep", bin, cfg)
	c, err := net.Dial("unix", p.sock())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	read := func(want string) {
		t.Helper()
		var got []byte
		buf := make([]byte, 4096)
		// two commands on one line answer in one or two writes: read
		// until the whole expected length came
		for len(got) < len(want) || !strings.HasSuffix(string(got), "\n> ") {
			n, err := c.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				t.Fatalf("reading %q: %v (got %q)", want, err, got)
			}
		}
		if string(got) != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	send := func(line string) { io.WriteString(c, line+"\n") }
	send("prompt")
	read("\n> ")
	send("get weight be/web2")
	read("1 (initial 1)\n\n> ")
	send("set server be/web2 state maint")
	read("\n> ")
	if got := hostGet(t, ports["fe"], "a.test"); got != "web1" {
		t.Errorf("web2 in maintenance, a request reached %s", got)
	}
	send("set weight be/web2 4; get weight be/web2")
	read("\n> 4 (initial 1)\n\n> ")
	send("add map " + mapPath + " www.p.com be2")
	read("\n> ")
	if got := hostGet(t, ports["fe"], "www.p.com"); got != "web3" {
		t.Errorf("after add map, www.p.com reached %s", got)
	}
	send("quit")
}
