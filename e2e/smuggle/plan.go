package smuggle

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// Plan binds a raw back end and reserves a frontend address for each case,
// and renders the haproxy.cfg serving them all.
type Plan struct {
	Cases []Case
	// Frontends[i] is where Cases[i] is sent.
	Frontends []string
	Backends  []*Backend
	// Config is the haproxy.cfg text; ConfigPath the file holding it.
	Config     string
	ConfigPath string
	Timing     Timing

	// reserved hold the frontend ports until the proxy is about to bind
	// them, so the kernel cannot hand them to a back end meanwhile.
	reserved []net.Listener
}

// NewPlan prepares cases under t's temporary directory. The back ends are
// stopped when the test ends.
func NewPlan(t testing.TB, cases []Case, tm Timing) *Plan {
	t.Helper()
	p := &Plan{Cases: cases, Timing: tm}
	seen := make(map[string]bool, len(cases))
	slots := make([]slot, 0, len(cases))
	for i, c := range cases {
		key := string(c.Kind) + "/" + c.Name
		if seen[key] {
			t.Fatalf("duplicate case %s", key)
		}
		seen[key] = true
		if !c.Variant.known() {
			t.Fatalf("case %s: unknown variant %q", key, c.Variant)
		}
		be, err := NewBackend(c.Responses, c.CloseAfter, tm.Quiet)
		if err != nil {
			t.Fatalf("back end for %s: %v", key, err)
		}
		t.Cleanup(be.Stop)
		hold, err := reservePort()
		if err != nil {
			t.Fatalf("frontend port for %s: %v", key, err)
		}
		p.reserved = append(p.reserved, hold)
		t.Cleanup(func() { hold.Close() })
		fe := hold.Addr().String()
		p.Backends = append(p.Backends, be)
		p.Frontends = append(p.Frontends, fe)
		slots = append(slots, slot{
			name:     fmt.Sprintf("%s%d", c.Kind[:3], i),
			variant:  c.Variant,
			frontend: fe,
			backend:  be.Addr(),
		})
	}
	p.Config = renderConfig(slots)
	p.ConfigPath = filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(p.ConfigPath, []byte(p.Config), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// reservePort binds a loopback port below the kernel's ephemeral range
// (32768 and up on Linux), so that between its release and the proxy's
// bind no outgoing connection of a concurrent test can be given it.
func reservePort() (net.Listener, error) {
	for range 100 {
		port := 20000 + rand.IntN(12000)
		if ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port)); err == nil {
			return ln, nil
		}
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// releasePorts frees the reserved frontend ports for the proxy to bind.
func (p *Plan) releasePorts() {
	for _, l := range p.reserved {
		l.Close()
	}
	p.reserved = nil
}

// Run sends every case to its frontend, at most parallel at a time, and
// returns the outcomes in case order. It works against any proxy that
// serves p.Config: the real HAProxy or ours.
func (p *Plan) Run(t testing.TB, parallel int) []Outcome {
	t.Helper()
	if parallel < 1 {
		parallel = 1
	}
	out := make([]Outcome, len(p.Cases))
	errs := make([]error, len(p.Cases))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := range p.Cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i], errs[i] = exchange(p.Frontends[i], p.Cases[i], p.Backends[i], p.Timing)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("%s/%s: %v", p.Cases[i].Kind, p.Cases[i].Name, err)
		}
	}
	return out
}
