package log

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"syscall"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/log/ring"
	"hakeep/proxy/log/sink"
	"hakeep/proxy/log/syslog"
)

// dests builds and runs the destinations of a configuration: one queue
// per datagram address or file descriptor, shared by every target that
// sends there, and the rings with their forwarders.
type dests struct {
	l       *Logger
	queues  map[string]*sink.Queue
	closers []func() error
	rings   map[string]*ring.Ring
	fwds    []*ring.Forwarder
	implied int // implicit rings made so far (ring#N)

	// stop ends the forwarders once a soft stop began (stopForwarders).
	mu       sync.Mutex
	stop     context.CancelFunc
	stopping bool
}

// stopForwarders ends the rings' forwarders: 2.6's sink forwarding
// applets end when a soft stop begins (measured on 2.6.12: the "Proxy X
// stopped" lines, sent then, never reach a ring's server).
func (d *dests) stopForwarders() {
	d.mu.Lock()
	d.stopping = true
	stop := d.stop
	d.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// target builds the target of a "log" line.
func (d *dests) target(lt *proxy.LogTarget, n int) (*target, error) {
	f, ok := syslog.ParseFormat(lt.Format)
	if !ok {
		return nil, fmt.Errorf("unknown log format '%s'", lt.Format)
	}
	t := &target{level: lt.Level, minLevel: lt.MinLevel, facility: lt.Facility, format: f,
		maxLen: lt.MaxLen, sample: newSampler(lt.Sample)}
	if t.maxLen <= 0 {
		t.maxLen = defaultMaxLen
	}
	switch {
	case lt.Ring != "":
		r := d.rings[lt.Ring]
		if r == nil {
			return nil, fmt.Errorf("log target uses unknown ring named '%s'", lt.Ring)
		}
		t.kind, t.ring = destRing, r
	case lt.Stream:
		r, err := d.implicitRing(lt, f)
		if err != nil {
			return nil, err
		}
		t.kind, t.ring = destRing, r
	case lt.Addr.Family == proxy.FamilyFD:
		t.kind = destFD
		q, err := d.queue("fd@"+strconv.Itoa(lt.Addr.FD), n, func() (sink.Writer, error) {
			return sink.NewFD(lt.Addr.FD), nil
		})
		if err != nil {
			return nil, err
		}
		t.queue = q
	default:
		key, open, err := dgramOpener(lt.Addr)
		if err != nil {
			return nil, err
		}
		t.kind = destDgram
		if t.queue, err = d.queue(key, n, open); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// dgramOpener returns the key and the opener of a datagram destination.
func dgramOpener(a proxy.Address) (string, func() (sink.Writer, error), error) {
	switch a.Family {
	case proxy.FamilyUnix, proxy.FamilyAbstract:
		abstract := a.Family == proxy.FamilyAbstract
		key := "unix@" + a.Path
		if abstract {
			key = "abns@" + a.Path
		}
		return key, func() (sink.Writer, error) { return sink.NewUnix(a.Path, abstract) }, nil
	case proxy.FamilyInet:
		if !a.Addr.IsValid() {
			return "", nil, fmt.Errorf("log address '%s' is not resolved", a.Raw)
		}
		ap := netip.AddrPortFrom(a.Addr, uint16(a.PortLow))
		return "udp@" + ap.String(), func() (sink.Writer, error) { return sink.NewUDP(ap) }, nil
	}
	return "", nil, fmt.Errorf("unsupported log address '%s'", a.Raw)
}

// queue returns the queue of a destination, opening it on first use.
func (d *dests) queue(key string, n int, open func() (sink.Writer, error)) (*sink.Queue, error) {
	if q := d.queues[key]; q != nil {
		return q, nil
	}
	w, err := open()
	if err != nil {
		return nil, fmt.Errorf("log target '%s': %w", key, err)
	}
	if c, ok := w.(interface{ Close() error }); ok {
		d.closers = append(d.closers, c.Close)
	}
	alert := d.l.deps.Alert
	q := sink.NewQueue(w, d.l.pool, d.l.deps.QueueDepth, func(err error) {
		if alert != nil {
			alert(fmt.Sprintf("sendmsg()/writev() failed in logger #%d: %s (errno=%d)", n, errnoText(err), errnoOf(err)))
		}
	})
	d.queues[key] = q
	return q, nil
}

// ringsOf builds the "ring" sections.
func (d *dests) ringsOf(cfg *proxy.Config, meta *syslog.Meta) error {
	for _, rc := range cfg.Rings {
		f := syslog.Raw
		if rc.Format != "" {
			var ok bool
			if f, ok = syslog.ParseFormat(rc.Format); !ok {
				return fmt.Errorf("unknown format '%s' in ring '%s'", rc.Format, rc.Name)
			}
		}
		r := ring.New(ring.Config{Name: rc.Name, Size: rc.Size, MaxLen: rc.MaxLen, Format: f, Meta: meta})
		d.rings[rc.Name] = r
		for _, s := range rc.Servers {
			network, addr, err := streamAddr(s.Addr)
			if err != nil {
				return fmt.Errorf("server '%s' in ring '%s': %w", s.Name, rc.Name, err)
			}
			d.fwds = append(d.fwds, &ring.Forwarder{Ring: r, Network: network, Addr: addr,
				OctetCount:     s.LogProto == "octet-count",
				ConnectTimeout: rc.TimeoutConnect, ServerTimeout: rc.TimeoutServer})
		}
	}
	return nil
}

// implicitRing is the ring 2.6 puts behind a stream log address
// (sink_new_from_logsrv()): the line's format, the default size, one
// server with line-feed framing, 1s to connect and 5s to write.
func (d *dests) implicitRing(lt *proxy.LogTarget, f syslog.Format) (*ring.Ring, error) {
	network, addr, err := streamAddr(lt.Addr)
	if err != nil {
		return nil, err
	}
	d.implied++
	r := ring.New(ring.Config{Name: "ring#" + strconv.Itoa(d.implied), Format: f, Meta: d.l.globalMeta})
	d.fwds = append(d.fwds, &ring.Forwarder{Ring: r, Network: network, Addr: addr,
		ConnectTimeout: time.Second, ServerTimeout: 5 * time.Second})
	return r, nil
}

// streamAddr is where a forwarder connects.
func streamAddr(a proxy.Address) (string, string, error) {
	switch a.Family {
	case proxy.FamilyInet:
		if !a.Addr.IsValid() {
			return "", "", fmt.Errorf("address '%s' is not resolved", a.Raw)
		}
		return "tcp", net.JoinHostPort(a.Addr.String(), strconv.Itoa(a.PortLow)), nil
	case proxy.FamilyUnix:
		return "unix", a.Path, nil
	case proxy.FamilyAbstract:
		return "unix", "@" + a.Path, nil
	}
	return "", "", fmt.Errorf("unsupported stream address '%s'", a.Raw)
}

// run starts every queue and forwarder and waits for them.
func (d *dests) run(ctx context.Context) {
	done := make(chan struct{}, len(d.queues)+len(d.fwds))
	for _, q := range d.queues {
		go func() { q.Run(ctx); done <- struct{}{} }()
	}
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	d.mu.Lock()
	d.stop = stop
	if d.stopping {
		stop()
	}
	d.mu.Unlock()
	for _, f := range d.fwds {
		go func() { f.Run(fctx); done <- struct{}{} }()
	}
	for i := 0; i < len(d.queues)+len(d.fwds); i++ {
		<-done
	}
	for _, c := range d.closers {
		c()
	}
}

// errnoOf and errnoText render an error as ha_alert() does: strerror()
// and the number.
func errnoOf(err error) int {
	if e, ok := err.(syscall.Errno); ok {
		return int(e)
	}
	return 0
}

func errnoText(err error) string {
	if e, ok := err.(syscall.Errno); ok {
		s := e.Error()
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			return string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	return err.Error()
}
