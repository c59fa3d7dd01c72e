package backend

import (
	"context"
	"errors"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/balance"
	"hakeep/proxy/server"
)

func newBackend(t *testing.T, p *proxy.Proxy) *Backend {
	t.Helper()
	b, err := New(p, Options{Fullconn: 100})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func srv(name string, maxconn int) *proxy.Server {
	return &proxy.Server{Name: name, Weight: 1, MaxConn: maxconn, PoolMaxConn: -1,
		Addr: proxy.Address{Family: proxy.FamilyInet, Addr: netip.MustParseAddr("127.0.0.1"), PortLow: 1, PortHigh: 1, Port: 1}}
}

func TestRoundRobinAlternates(t *testing.T) {
	b := newBackend(t, &proxy.Proxy{Name: "b", Servers: []*proxy.Server{srv("s1", 0), srv("s2", 0)}})
	var got []string
	for i := 0; i < 6; i++ {
		s, err := b.Assign(context.Background(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.Name())
		b.Release(s)
	}
	want := "s1 s2 s1 s2 s1 s2"
	if g := join(got); g != want {
		t.Fatalf("order %s, want %s", g, want)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func TestNoServer(t *testing.T) {
	s := srv("s1", 0)
	s.Disabled = true
	b := newBackend(t, &proxy.Proxy{Name: "b", Servers: []*proxy.Server{s}})
	if _, err := b.Assign(context.Background(), nil, nil); !errors.Is(err, ErrNoServer) {
		t.Fatalf("error %v", err)
	}
	empty := newBackend(t, &proxy.Proxy{Name: "e"})
	if _, err := empty.Assign(context.Background(), nil, nil); !errors.Is(err, ErrNoServer) {
		t.Fatalf("empty backend: %v", err)
	}
}

func TestQueueFIFO(t *testing.T) {
	b := newBackend(t, &proxy.Proxy{Name: "b", Timeouts: proxy.Timeouts{Queue: 5 * time.Second},
		Servers: []*proxy.Server{srv("s1", 1)}})
	first, err := b.Assign(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	order := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func(i int) {
			s, err := b.Assign(context.Background(), nil, nil)
			if err != nil {
				t.Error(err)
				return
			}
			order <- i
			time.Sleep(5 * time.Millisecond)
			b.Release(s)
		}(i)
		// let each one queue before the next
		waitFor(t, func() bool { return b.QueueLen() == i+1 })
	}
	if n := b.Counters.QueueMax.Load(); n != 3 {
		t.Fatalf("qmax %d", n)
	}
	b.Release(first)
	for want := 0; want < 3; want++ {
		select {
		case got := <-order:
			if got != want {
				t.Fatalf("dequeued %d, want %d", got, want)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("queue did not drain")
		}
	}
	if c := b.Servers[0].Counters.Cur.Load(); c != 0 {
		waitFor(t, func() bool { return b.Servers[0].Counters.Cur.Load() == 0 })
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 2000; i++ {
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("condition not reached")
}

func TestQueueTimeout(t *testing.T) {
	b := newBackend(t, &proxy.Proxy{Name: "b", Timeouts: proxy.Timeouts{Connect: 50 * time.Millisecond},
		Servers: []*proxy.Server{srv("s1", 1)}})
	s, _ := b.Assign(context.Background(), nil, nil)
	start := time.Now()
	_, err := b.Assign(context.Background(), nil, nil)
	if !errors.Is(err, ErrQueueTimeout) {
		t.Fatalf("error %v", err)
	}
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Fatalf("timed out after %v: timeout queue defaults to timeout connect", d)
	}
	if b.QueueLen() != 0 || b.Counters.QueueCur.Load() != 0 {
		t.Fatal("timed-out request left in the queue")
	}
	b.Release(s)
	// the slot is free again
	s2, err := b.Assign(context.Background(), nil, nil)
	if err != nil || s2 != s {
		t.Fatalf("after release: %v %v", s2, err)
	}
}

func TestQueueAbort(t *testing.T) {
	b := newBackend(t, &proxy.Proxy{Name: "b", Servers: []*proxy.Server{srv("s1", 1)}})
	b.Assign(context.Background(), nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.Assign(ctx, nil, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v", err)
	}
}

func TestServerQueueMaxqueue(t *testing.T) {
	s1 := srv("s1", 1)
	s1.MaxQueue = 1
	b := newBackend(t, &proxy.Proxy{Name: "b", Balance: proxy.Balance{Algo: proxy.BalanceSource},
		Timeouts: proxy.Timeouts{Queue: time.Second}, Servers: []*proxy.Server{s1}})
	r := &balance.Request{Src: netip.MustParseAddr("192.0.2.1")}
	held, err := b.Assign(context.Background(), r, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *server.Server, 1)
	go func() {
		s, err := b.Assign(context.Background(), r, nil)
		if err != nil {
			t.Error(err)
		}
		got <- s
	}()
	waitFor(t, func() bool { return b.Servers[0].Counters.QueueCur.Load() == 1 })
	if _, err := b.Assign(context.Background(), r, nil); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("third request: %v, want queue full", err)
	}
	b.Release(held)
	select {
	case s := <-got:
		if s != held {
			t.Fatalf("queued request got %v", s)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("server queue not served")
	}
}

func TestBackendQueueSpreads(t *testing.T) {
	var servers []*proxy.Server
	for i := 1; i <= 2; i++ {
		servers = append(servers, srv("s"+strconv.Itoa(i), 1))
	}
	b := newBackend(t, &proxy.Proxy{Name: "b", Timeouts: proxy.Timeouts{Queue: time.Second}, Servers: servers})
	a1, _ := b.Assign(context.Background(), nil, nil)
	a2, _ := b.Assign(context.Background(), nil, nil)
	if a1 == a2 {
		t.Fatal("both requests on one server with maxconn 1")
	}
	got := make(chan *server.Server, 1)
	go func() {
		s, _ := b.Assign(context.Background(), nil, nil)
		got <- s
	}()
	waitFor(t, func() bool { return b.QueueLen() == 1 })
	b.Release(a2)
	if s := <-got; s != a2 {
		t.Fatalf("queued request went to %v, want the server that freed a slot", s.Name())
	}
}
