package balance

import (
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/proxy/balance/golden"
)

// goldenDir holds what the real HAProxy 2.6 chose, recorded by
// e2e/balance (go test ./e2e/balance -update).
var goldenDir = filepath.Join("..", "..", "e2e", "balance", "testdata")

// TestReplayGolden replays every recorded case through our algorithms:
// each request must land on the server the real HAProxy chose.
func TestReplayGolden(t *testing.T) {
	cases, err := golden.LoadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no golden cases in %s", goldenDir)
	}
	passed, failed, steps := 0, 0, 0
	for _, c := range cases {
		ok := t.Run(c.Name, func(t *testing.T) {
			steps += replay(t, c)
		})
		if ok {
			passed++
		} else {
			failed++
		}
	}
	t.Logf("%d requests replayed", steps)
	fmt.Printf("replay of the HAProxy 2.6 golden cases: %d passed, %d failed\n", passed, failed)
}

// replay runs one case and returns the number of requests it checked.
func replay(t *testing.T, c *golden.Case) int {
	var spec Spec
	if err := spec.SetBalance(c.Balance); err != nil {
		t.Fatalf("balance %v: %v", c.Balance, err)
	}
	if len(c.HashType) > 0 {
		if err := spec.SetHashType(c.HashType); err != nil {
			t.Fatalf("hash-type %v: %v", c.HashType, err)
		}
	}
	spec.BalanceFactor = c.HashBalanceFactor
	var cfgs []ServerConfig
	for _, s := range c.Servers {
		cfgs = append(cfgs, ServerConfig{Name: s.Name, ID: s.ID, Weight: s.Weight,
			Backup: s.Backup, Disabled: s.Disabled, Maxconn: s.Maxconn, Minconn: s.Minconn,
			Slowstart: time.Duration(s.Slowstart) * time.Second})
	}
	// The clock stands still: a case runs in well under a second, and
	// slowstart ramps only move on whole seconds.
	now := time.Unix(1_700_000_000, 0)
	b, err := New(spec, cfgs, Options{AllBackups: c.AllBackups, Fullconn: c.Fullconn,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}

	var held []*Server
	requests, wrong := 0, 0
	for i, st := range c.Steps {
		switch {
		case st.Req != nil:
			requests++
			req := toRequest(t, &spec, st.Req)
			b.Enter()
			srv, status := b.Pick(req, nil)
			got := golden.NoServer
			if status == OK {
				got = srv.Name()
				b.Take(srv)
			}
			if got != st.Got {
				wrong++
				if wrong <= 10 {
					t.Errorf("step %d (%s %s from %s): got %s, HAProxy chose %s",
						i, st.Req.Method, st.Req.URI, st.Req.Src, got, st.Got)
				}
			}
			if st.Req.Hold {
				held = append(held, srv)
				continue
			}
			if srv != nil {
				b.Release(srv)
			}
			b.Leave()
		case st.Cmd != "":
			if err := runtimeCommand(b, st.Cmd); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		case st.Close > 0:
			if s := held[st.Close-1]; s != nil {
				b.Release(s)
			}
			b.Leave()
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d requests differ from HAProxy", wrong, requests)
	}
	return requests
}

// toRequest is what the data plane would hand to Pick for the recorded
// request.
func toRequest(t *testing.T, spec *Spec, r *golden.Request) *Request {
	src := r.Src
	if src == "" {
		src = "127.0.0.1"
	}
	addr, err := netip.ParseAddr(src)
	if err != nil {
		t.Fatal(err)
	}
	req := &Request{
		Src:     addr,
		URI:     []byte(r.URI),
		Post:    r.Method == "POST",
		Body:    []byte(r.Body),
		Headers: goldenHeaders{r},
	}
	if spec.Algorithm == RDPCookie {
		req.Key, req.KeyFound = rdpCookie([]byte(r.Raw), spec.Name)
	}
	if spec.Algorithm == Hash {
		// The cases hash "req.hdr(<name>)": the header's value.
		name, ok := strings.CutPrefix(spec.Expr, "req.hdr(")
		if !ok {
			t.Fatalf("replay cannot evaluate 'hash %s'", spec.Expr)
		}
		v, found := r.Header(strings.TrimSuffix(name, ")"))
		req.Key, req.KeyFound = []byte(v), found
	}
	return req
}

// goldenHeaders serves a recorded request's headers, with the Host header
// the e2e client adds when the case sets none.
type goldenHeaders struct{ r *golden.Request }

func (h goldenHeaders) Header(name string) ([]byte, bool) {
	v, ok := h.r.Header(name)
	if !ok && strings.EqualFold(name, "host") {
		return []byte("lb.test"), true
	}
	return []byte(v), ok
}

// runtimeCommand applies the recorded runtime API commands.
func runtimeCommand(b *Backend, cmd string) error {
	f := strings.Fields(cmd)
	srvArg := func(i int) (*Server, error) {
		if i >= len(f) {
			return nil, fmt.Errorf("%q: missing server", cmd)
		}
		_, name, _ := strings.Cut(f[i], "/")
		s := b.Server(name)
		if s == nil {
			return nil, fmt.Errorf("%q: no server %q", cmd, name)
		}
		return s, nil
	}
	switch {
	case len(f) == 4 && f[0] == "set" && f[1] == "weight":
		s, err := srvArg(2)
		if err != nil {
			return err
		}
		w := f[3]
		if p, ok := strings.CutSuffix(w, "%"); ok {
			n, err := strconv.Atoi(p)
			if err != nil {
				return err
			}
			return b.SetWeight(s, min(s.InitialWeight()*n/100, MaxWeight))
		}
		n, err := strconv.Atoi(w)
		if err != nil {
			return err
		}
		return b.SetWeight(s, n)
	case len(f) == 5 && f[0] == "set" && f[1] == "server" && f[3] == "state":
		s, err := srvArg(2)
		if err != nil {
			return err
		}
		switch f[4] {
		case "maint":
			b.SetMaint(s, true)
		case "drain":
			b.SetDrain(s, true)
		case "ready":
			b.SetMaint(s, false)
			b.SetDrain(s, false)
		default:
			return fmt.Errorf("%q: unknown state", cmd)
		}
		return nil
	}
	return fmt.Errorf("replay does not know %q", cmd)
}

// rdpCookie is what HAProxy's rdp_cookie fetch finds in the first bytes of
// an RDP connection (src/payload.c, fetch_rdp_cookie_name): after an
// 11-byte header, "Cookie:", spaces, the name (any case), '=' and the
// value up to CRLF.
func rdpCookie(data []byte, name string) ([]byte, bool) {
	if len(data) <= 11 {
		return nil, false
	}
	data = data[11:]
	if len(data) <= 7 || !strings.EqualFold(string(data[:7]), "Cookie:") {
		return nil, false
	}
	data = data[7:]
	for len(data) > 0 && data[0] == ' ' {
		data = data[1:]
	}
	if len(data) <= len(name) || data[len(name)] != '=' || !strings.EqualFold(string(data[:len(name)]), name) {
		return nil, false
	}
	data = data[len(name)+1:]
	end := strings.Index(string(data), "\r\n")
	if end < 0 {
		return nil, false
	}
	return data[:end], true
}
