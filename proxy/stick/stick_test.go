package stick

import (
	"net/netip"
	"testing"
	"time"

	"hakeep/proxy/sample"
)

// TestFreqCtr follows freq_ctr.c by hand: 3 events in the first 10 s
// period, then reads during the next one weigh them by the part of the
// period left.
func TestFreqCtr(t *testing.T) {
	var f FreqCtr
	const p = 10000
	base := uint32(1000001) // odd: the period starts at the even tick below
	for i := 0; i < 3; i++ {
		f.Update(p, base+uint32(i), 1)
	}
	if f.Tick != 1000000 {
		t.Fatalf("tick %d", f.Tick)
	}
	cases := []struct {
		at   uint32
		want uint32
	}{
		{1000000 + 5000, 3},  // current period: 3
		{1000000 + 10000, 3}, // remain 0 in the next period: past*10000/10000
		{1000000 + 12500, 2}, // 3 * 7500 / 10000 = 2.25
		{1000000 + 19999, 0}, // 3 * 1 / 10000
		{1000000 + 25000, 0}, // two periods later
	}
	for _, c := range cases {
		if got := f.Read(p, c.at); got != c.want {
			t.Errorf("read at +%d: %d, want %d", c.at-1000000, got, c.want)
		}
	}
	// flapping correction: a single past event reads as 1 for a whole period
	var g FreqCtr
	g.Update(p, 0x40000000, 1)
	g.Update(p, 0x40000000+p, 0) // rotate
	if got := g.Read(p, 0x40000000+p+9000); got != 1 {
		t.Errorf("flapping correction: %d", got)
	}
}

func TestTableTrack(t *testing.T) {
	tb := New(Config{Name: "fe", Type: KeyIP, Size: 10, Expire: 60000,
		Store: []Store{{Data: sample.DataHTTPReqRate, Period: 10000}, {Data: sample.DataGPC0}}})
	c := sample.NewCtx(0)
	c.Now = time.Unix(1700000000, 0)
	var key sample.Sample
	key.Type, key.Addr = sample.IPv4, netip.MustParseAddr("10.0.0.1")
	e := tb.Get(c, &key)
	for i := 0; i < 5; i++ {
		e.Add(sample.DataHTTPReqRate, 0, 1, c.NowMs())
	}
	if v, ok := e.Get(sample.DataHTTPReqRate, 0, c.NowMs()); !ok || v != 5 {
		t.Fatalf("rate %d %v", v, ok)
	}
	if _, ok := e.Get(sample.DataConnCnt, 0, c.NowMs()); ok {
		t.Fatal("conn_cnt is not stored")
	}
	if tb.Lookup(c, &key) == nil || tb.Len() != 1 {
		t.Fatal("lookup")
	}
	key.Type, key.Str = sample.Str, []byte("10.0.0.1")
	if tb.Lookup(c, &key) != e {
		t.Fatal("string keys convert to ip")
	}
	c.Now = c.Now.Add(61 * time.Second)
	if tb.Lookup(c, &key) != nil {
		t.Fatal("expired entry found")
	}
}
