package config

import (
	"math"
	"net/netip"
	"time"
)

// BFD is what keepalived's BFD process runs.
type BFD struct {
	Instances []*BFDInstance
}

// BFDInstance is a bfd_instance (RFC 5880 session parameters).
type BFDInstance struct {
	Name       string
	Neighbor   netip.AddrPort
	Source     netip.Addr
	MinRx      time.Duration
	MinTx      time.Duration
	IdleTx     time.Duration
	Multiplier int
	Passive    bool
	TTL        int
	MaxHops    int
	// VRRP and Checker say which processes are told about the session
	// (both when neither "vrrp" nor "checker" is given).
	VRRP, Checker bool
}

// bfdReader holds what each process builds from bfd_instance blocks:
// sessions for the BFD process, tracked sessions for VRRP and checkers.
type bfdReader struct {
	instances []*BFDInstance
	vrrp      *vrrpReader
	checker   *[]string
	events    int // specified_event_processes: 1 vrrp, 2 checker
	// phantom stands in for an empty list (phantom.go).
	phantom *BFDInstance
}

const (
	bfdMinRxMin, bfdMinRxMaxSensible, bfdMinRxDefault = 1, 10000, 10
	bfdIdleTxMin, bfdIdleTxDefault                    = 1000, 1000
	bfdMultMin, bfdMultMax, bfdMultDefault            = 1, 255, 5
	bfdTTLMax                                         = 255
	bfdNameMax                                        = 32
)

// bfdRoots is init_bfd_keywords(): each process reads bfd_instance with
// its own handler; the keywords it does not care about are read and
// ignored.
func bfdRoots(reading Reading, active bool, r *bfdReader) []*keyword {
	if !active {
		return []*keyword{root(false, kw("bfd_instance", nil))}
	}
	full := reading == ReadingBFD
	cond := func(name string, h func(p *pass, l *line)) *keyword {
		if !full {
			h = func(*pass, *line) {}
		}
		return kw(name, h)
	}
	sub := []*keyword{
		cond("source_ip", r.sourceIP),
		cond("neighbor_ip", r.neighborIP),
		cond("neighbour_ip", r.neighborIP),
		cond("min_rx", func(p *pass, l *line) {
			r.interval(p, l, "min_rx", bfdMinRxMin, func(b *BFDInstance, d time.Duration) { b.MinRx = d })
		}),
		cond("min_tx", func(p *pass, l *line) {
			r.interval(p, l, "min_tx", bfdMinRxMin, func(b *BFDInstance, d time.Duration) { b.MinTx = d })
		}),
		cond("idle_tx", func(p *pass, l *line) {
			r.interval(p, l, "idle_tx", bfdIdleTxMin, func(b *BFDInstance, d time.Duration) { b.IdleTx = d })
		}),
		cond("multiplier", r.multiplier),
		cond("passive", func(p *pass, l *line) { r.cur().Passive = true }),
		cond("ttl", r.ttl),
		cond("hoplimit", r.ttl),
		cond("max_hops", r.maxHops),
	}
	weight := func(p *pass, l *line) {}
	if reading == ReadingVRRP {
		weight = r.vrrpWeight
	}
	sub = append(sub,
		kw("weight", weight),
		kw("vrrp", func(p *pass, l *line) { r.events |= 1 }),
		kw("checker", func(p *pass, l *line) { r.events |= 2 }),
	)
	var k *keyword
	switch reading {
	case ReadingVRRP:
		k = block("bfd_instance", r.vrrpStart, r.vrrpEnd, sub...)
	case ReadingChecker:
		k = block("bfd_instance", r.checkerStart, r.checkerEnd, sub...)
	default:
		k = block("bfd_instance", r.start, r.end, sub...)
	}
	return []*keyword{k}
}

// readBFD is the BFD process's reading (bfd_daemon.c start_bfd): with -t
// it only parses.
func (l *loader) readBFD() {
	p := newPass(l, ReadingBFD)
	r := &bfdReader{}
	g := &globalReader{g: &l.cfg.Global}
	var kws []*keyword
	kws = append(kws, g.keywords(false)...)
	kws = append(kws, bfdRoots(ReadingBFD, true, r)...)
	kws = append(kws, checkRoots(false, nil)...)
	kws = append(kws, vrrpRoots(false, nil)...)
	kws = append(kws, trackFileRoots(false, nil)...)
	p.guarded(kws)
	l.cfg.BFD.Instances = r.instances
}

func (r *bfdReader) cur() *BFDInstance {
	if len(r.instances) == 0 {
		if r.phantom == nil {
			r.phantom = &BFDInstance{Name: phantomName}
		}
		return r.phantom
	}
	return r.instances[len(r.instances)-1]
}

// dropCur drops the current instance, when it is listed.
func (r *bfdReader) dropCur() {
	if n := len(r.instances); n > 0 {
		r.instances = r.instances[:n-1]
	}
}

func (r *bfdReader) start(p *pass, l *line) {
	name := l.slot(1)
	switch {
	case len(name) >= bfdNameMax:
		p.report(ClassGeneral, "Configuration error: BFD instance %s name too long (maximum length is %d characters) - ignoring", name, bfdNameMax-1)
		p.skipBlock(true)
		return
	case r.find(name) != nil:
		p.report(ClassGeneral, "Configuration error: BFD instance %s already configured - ignoring", name)
		p.skipBlock(true)
		return
	}
	r.instances = append(r.instances, &BFDInstance{Name: name, MinRx: bfdMinRxDefault * time.Millisecond,
		MinTx: bfdMinRxDefault * time.Millisecond, IdleTx: bfdIdleTxDefault * time.Millisecond, Multiplier: bfdMultDefault})
	r.events = 0
}

func (r *bfdReader) find(name string) *BFDInstance {
	for _, b := range r.instances {
		if b.Name == name {
			return b
		}
	}
	return nil
}

func (r *bfdReader) neighborIP(p *pass, l *line) {
	b := r.cur()
	a, ok := p.sockaddr(l.slot(1), "3784")
	if !ok {
		// keepalived 2.2.7 always says "neighbor" here.
		p.report(ClassGeneral, "Configuration error: BFD instance %s has malformed %s address %s, ignoring instance", b.Name, "neighbor", l.slot(1))
		r.dropCur()
		p.skipBlock(false)
		return
	}
	b.Neighbor = a
}

func (r *bfdReader) sourceIP(p *pass, l *line) {
	b := r.cur()
	a, ok := p.sockaddr(l.slot(1), "")
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s has malformed source address %s, ignoring", b.Name, l.slot(1))
		return
	}
	b.Source = a.Addr()
}

func (r *bfdReader) interval(p *pass, l *line, name string, min uint64, set func(*BFDInstance, time.Duration)) {
	b := r.cur()
	max := uint64(math.MaxUint32 / 1000)
	v, ok := p.readDecimal(l.slot(1), min*1000, max*1000, 3, false)
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s %s value %s is not valid (must be in range [%d-%d]), ignoring", b.Name, name, l.slot(1), min, max)
		return
	}
	set(b, time.Duration(v)*time.Microsecond)
	if v > bfdMinRxMaxSensible*1000 {
		p.logf("Configuration warning: BFD instance %s %s value %s is larger than max sensible (%d)", b.Name, name, l.slot(1), bfdMinRxMaxSensible)
	}
}

func (r *bfdReader) multiplier(p *pass, l *line) {
	b := r.cur()
	v, ok := p.readUnsigned(l.slot(1), bfdMultMin, bfdMultMax, false)
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s multiplier value %s not valid (must be in range [%d-%d]), ignoring", b.Name, l.slot(1), bfdMultMin, bfdMultMax)
		return
	}
	b.Multiplier = int(v)
}

func (r *bfdReader) ttl(p *pass, l *line) {
	b := r.cur()
	v, ok := p.readUnsigned(l.slot(1), 1, bfdTTLMax, false)
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s ttl/hoplimit value %s not valid (must be in range [1-%d]), ignoring", b.Name, l.slot(1), bfdTTLMax)
		return
	}
	b.TTL = int(v)
}

func (r *bfdReader) maxHops(p *pass, l *line) {
	b := r.cur()
	v, ok := p.readInt(l.slot(1), -1, bfdTTLMax, false)
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s max_hops value %s not valid (must be in range [-1-%d]), ignoring", b.Name, l.slot(1), bfdTTLMax)
		return
	}
	b.MaxHops = int(v)
}

// end is bfd_end_handler.
func (r *bfdReader) end(p *pass) {
	b := r.cur()
	drop := r.dropCur
	if !b.Neighbor.IsValid() {
		p.report(ClassGeneral, "Configuration error: BFD instance %s has no %s address set, disabling instance", b.Name, "neighbor")
		drop()
		return
	}
	if b.Source.IsValid() && b.Source.Is4() != b.Neighbor.Addr().Is4() {
		// Both addresses go through inet_sockaddrtos()'s one static
		// buffer, which holds the source's once the arguments are
		// evaluated: keepalived prints the source twice.
		p.report(ClassGeneral, "Configuration error: BFD instance %s source address %s and %s address %s are not of the same family, disabling instance", b.Name, b.Source, "neighbor", b.Source)
		drop()
		return
	}
	var before []*BFDInstance
	if n := len(r.instances); n > 0 && r.instances[n-1] == b {
		before = r.instances[:n-1]
	}
	for _, o := range before {
		if o.Neighbor.Addr() != b.Neighbor.Addr() {
			continue
		}
		if o.Source.IsValid() && b.Source.IsValid() && o.Source != b.Source {
			continue
		}
		if b.Source.IsValid() {
			p.report(ClassGeneral, "Configuration error: BFD instance %s has duplicate source/%s address %s/%s, ignoring instance", b.Name, "neighbor", b.Source, b.Neighbor.Addr())
		} else {
			p.report(ClassGeneral, "Configuration error: BFD instance %s has duplicate %s address %s, ignoring instance", b.Name, "neighbor", b.Neighbor.Addr())
		}
		drop()
		return
	}
	if b.TTL == 0 {
		b.TTL = 255
		if b.Neighbor.Addr().Is6() {
			b.TTL = 64
		}
	}
	if b.MaxHops > b.TTL {
		p.report(ClassGeneral, "BFD instance %s: max_hops exceeds ttl/hoplimit - setting to ttl/hoplimit", b.Name)
		b.MaxHops = b.TTL
	}
	b.VRRP = r.events == 0 || r.events&1 != 0
	b.Checker = r.events == 0 || r.events&2 != 0
}

// vrrpStart is bfd_vrrp_handler: the VRRP process tracks the session.
func (r *bfdReader) vrrpStart(p *pass, l *line) {
	name := l.slot(1)
	if len(name) >= bfdNameMax {
		p.report(ClassGeneral, "BFD name %s too long", name)
		p.skipBlock(true)
		return
	}
	for _, b := range r.vrrp.bfds {
		if b.Name == name {
			p.report(ClassGeneral, "BFD %s already specified", name)
			p.skipBlock(true)
			return
		}
	}
	r.vrrp.bfds = append(r.vrrp.bfds, &TrackedBFD{Name: name})
	r.events = 0
}

func (r *bfdReader) vrrpWeight(p *pass, l *line) {
	t := r.vrrp.curBFD()
	v, ok := p.readInt(l.slot(1), -253, 253, true)
	if !ok {
		p.report(ClassGeneral, "Configuration error: BFD instance %s weight value %s not valid (must be in range [%d-%d]), ignoring", t.Name, l.slot(1), -253, 253)
	} else {
		t.Weight = int(v)
	}
	if l.n() >= 3 {
		if l.words[2] != "reverse" {
			p.report(ClassGeneral, "Configuration error: BFD instance %s unknown weight option %s", t.Name, l.words[2])
		} else {
			t.Reverse = true
		}
	}
}

func (r *bfdReader) vrrpEnd(p *pass) {
	if n := len(r.vrrp.bfds); n > 0 && r.events != 0 && r.events&1 == 0 {
		r.vrrp.bfds = r.vrrp.bfds[:n-1]
	}
}

// checkerStart is bfd_checker_handler: checkers may follow the session.
func (r *bfdReader) checkerStart(p *pass, l *line) {
	name := l.slot(1)
	for _, n := range *r.checker {
		if n == name {
			p.report(ClassGeneral, "BFD %s already specified", name)
			p.skipBlock(true)
			return
		}
	}
	*r.checker = append(*r.checker, name)
	r.events = 0
}

func (r *bfdReader) checkerEnd(p *pass) {
	if n := len(*r.checker); n > 0 && r.events != 0 && r.events&2 == 0 {
		*r.checker = (*r.checker)[:n-1]
	}
}
