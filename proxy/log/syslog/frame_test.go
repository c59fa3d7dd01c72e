package syslog

import (
	"strings"
	"testing"
	"time"
)

// The expected bytes below were received from haproxy 2.6.12 (Debian
// 2.6.12-1+deb12u4): UDP datagrams and stdout/stderr lines of one
// request and of the "Proxy ... stopped" warning, for each format.

const (
	msgReq  = `127.0.0.1:45544 [21/Nov/2026:20:59:26.765] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /x?y=1 HTTP/1.1"`
	msgStop = "Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"
)

func at(loc *time.Location, h, m, s, us int) time.Time {
	return time.Date(2026, 11, 21, h, m, s, us*1000, loc)
}

func saoPaulo(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip("no time zone data: ", err)
	}
	return loc
}

func TestDatagramFormats(t *testing.T) {
	meta := &Meta{Tag: "haproxy", PID: "26088"}
	utc := time.UTC
	for _, c := range []struct {
		format   string
		fac, lvl int
		when     time.Time
		msg      string
		want     string
	}{
		{"", 16, 6, at(utc, 20, 59, 26, 765000), msgReq, "<134>Nov 21 20:59:26 haproxy[26088]: " + msgReq + "\n"},
		{"rfc5424", 17, 6, at(utc, 20, 59, 26, 766074), msgReq, "<142>1 2026-11-21T20:59:26.766074+00:00 - haproxy 26088 - - " + msgReq + "\n"},
		{"short", 18, 6, at(utc, 20, 59, 26, 0), msgReq, "<6>" + msgReq + "\n"},
		{"raw", 19, 6, at(utc, 20, 59, 26, 0), msgReq, msgReq + "\n"},
		{"iso", 20, 6, at(utc, 20, 59, 26, 766090), msgReq, "2026-11-21T20:59:26.766090+00:00 " + msgReq + "\n"},
		{"timed", 21, 6, at(utc, 20, 59, 26, 766092), msgReq, "<6>2026-11-21T20:59:26.766092+00:00 " + msgReq + "\n"},
		{"priority", 22, 6, at(utc, 20, 59, 26, 0), msgReq, "<182>" + msgReq + "\n"},
		{"local", 23, 6, at(utc, 20, 59, 26, 0), msgReq, "<190>Nov 21 20:59:26 haproxy[26088]: " + msgReq + "\n"},
		{"", 16, 4, at(utc, 20, 59, 27, 0), msgStop, "<132>Nov 21 20:59:27 haproxy[26088]: Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"},
		{"rfc5424", 17, 4, at(utc, 20, 59, 27, 719523), msgStop, "<140>1 2026-11-21T20:59:27.719523+00:00 - haproxy 26088 - - Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"},
		{"short", 18, 4, at(utc, 20, 59, 27, 0), msgStop, "<4>Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"},
		{"raw", 19, 4, at(utc, 20, 59, 27, 0), msgStop, "Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"},
		{"priority", 22, 4, at(utc, 20, 59, 27, 0), msgStop, "<180>Proxy fe stopped (cumulated conns: FE: 1, BE: 0).\n"},
		// a single-digit day is padded with a space
		{"", 16, 6, time.Date(2026, 3, 5, 1, 2, 3, 0, utc), "x", "<134>Mar  5 01:02:03 haproxy[26088]: x\n"},
	} {
		f, ok := ParseFormat(c.format)
		if !ok {
			t.Fatalf("format %q unknown", c.format)
		}
		m := &Message{Level: c.lvl, Facility: c.fac, Meta: meta, Time: c.when, Text: []byte(c.msg)}
		got := string(AppendDatagram(nil, f, m, 1024))
		if got != c.want {
			t.Errorf("format %q:\n got %q\nwant %q", c.format, got, c.want)
		}
	}
}

func TestHostTagSD(t *testing.T) {
	loc := saoPaulo(t)
	const req = `127.0.0.1:43732 [21/Nov/2026:18:00:44.735] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /x?y=1 HTTP/1.1"`
	meta := &Meta{Host: "myhost", Tag: "fetag", PID: "31614", SD: []byte(`[exa@32473 x="GET"]   `)}
	// log-send-hostname makes the default format rfc3164
	m := &Message{Level: 6, Facility: 16, Meta: meta, Time: at(loc, 18, 0, 44, 0), Text: []byte(req)}
	if got, want := string(AppendDatagram(nil, Unspec, m, 1024)), "<134>Nov 21 18:00:44 myhost fetag[31614]: "+req+"\n"; got != want {
		t.Errorf("default with host:\n got %q\nwant %q", got, want)
	}
	m = &Message{Level: 6, Facility: 18, Meta: meta, Time: at(loc, 18, 0, 44, 736167), Text: []byte(req)}
	if got, want := string(AppendDatagram(nil, RFC5424, m, 1024)), `<150>1 2026-11-21T18:00:44.736167-03:00 myhost fetag 31614 - [exa@32473 x="GET"] `+req+"\n"; got != want {
		t.Errorf("rfc5424 with sd:\n got %q\nwant %q", got, want)
	}
	// len 80: 80 bytes, then the line feed
	m = &Message{Level: 4, Facility: 17, Meta: &Meta{Host: "myhost", Tag: "fetag", PID: "31614"}, Time: at(loc, 18, 0, 45, 0), Text: []byte(msgStop)}
	if got, want := string(AppendDatagram(nil, RFC3164, m, 80)), "<140>Nov 21 18:00:45 myhost fetag[31614]: Proxy fe stopped (cumulated conns: FE:\n"; got != want {
		t.Errorf("rfc3164 len 80:\n got %q\nwant %q", got, want)
	}
}

func TestTruncation(t *testing.T) {
	utc := time.UTC
	plain := &Meta{Tag: "haproxy", PID: "1564"}
	long := &Meta{Host: strings.Repeat("h", 90), Tag: "haproxy", PID: "1565"}
	const req = `127.0.0.1:42850 [21/Nov/2026:21:01:07.823] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /a HTTP/1.1"`
	for _, c := range []struct {
		name   string
		frame  func([]byte, Format, *Message, int) []byte
		format Format
		meta   *Meta
		when   time.Time
		maxlen int
		want   string
	}{
		{"rfc3164 without host", AppendDatagram, RFC3164, plain, at(utc, 21, 1, 7, 0), 1024,
			"<134>Nov 21 21:01:07 localhost haproxy[1564]: " + req + "\n"},
		{"udp len 80", AppendDatagram, RFC5424, plain, at(utc, 21, 1, 7, 823850), 80,
			"<142>1 2026-11-21T21:01:07.823850+00:00 - haproxy 1564 - - 127.0.0.1:42850 [21/N\n"},
		{"stdout len 100", AppendLine, RFC5424, plain, at(utc, 21, 1, 7, 823860), 100,
			"<142>1 2026-11-21T21:01:07.823860+00:00 - haproxy 1564 - - 127.0.0.1:42850 [21/Nov/2026:21:01:07.82\n"},
		{"stderr len 80", AppendLine, RFC3164, plain, at(utc, 21, 1, 7, 0), 80,
			"<142>Nov 21 21:01:07 localhost haproxy[1564]: 127.0.0.1:42850 [21/Nov/2026:21:0\n"},
		// a datagram cut inside the header loses the element cut
		{"udp cut in the host name", AppendDatagram, RFC5424, long, at(utc, 21, 1, 7, 837993), 80,
			"<142>1 2026-11-21T21:01:07.837993+00:00 \n"},
		{"stdout cut in the host name", AppendLine, RFC5424, long, at(utc, 21, 1, 7, 837999), 100,
			"<142>1 2026-11-21T21:01:07.837999+00:00 " + strings.Repeat("h", 59) + "\n"},
		{"stderr cut in the host name", AppendLine, RFC3164, long, at(utc, 21, 1, 7, 0), 80,
			"<142>Nov 21 21:01:07 " + strings.Repeat("h", 58) + "\n"},
	} {
		m := &Message{Level: 6, Facility: 17, Meta: c.meta, Time: c.when, Text: []byte(req)}
		if c.name == "rfc3164 without host" {
			m.Facility = 16
		}
		got := string(c.frame(nil, c.format, m, c.maxlen))
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestRingEntry(t *testing.T) {
	m := &Message{Level: 6, Facility: 16, Meta: &Meta{Tag: "haproxy", PID: "7"}, Time: at(time.UTC, 1, 2, 3, 0), Text: []byte("0123456789\n")}
	if got := string(AppendRingEntry(nil, Raw, m, 1024, 1024)); got != "0123456789" {
		t.Errorf("raw ring entry %q", got)
	}
	if got := string(AppendRingEntry(nil, Raw, m, 4, 1024)); got != "0123" {
		t.Errorf("log len cuts the text: %q", got)
	}
	if got, want := string(AppendRingEntry(nil, RFC3164, m, 1024, 40)), "<134>Nov 21 01:02:03 localhost haproxy[7"; got != want {
		t.Errorf("ring maxlen cuts the whole entry:\n got %q\nwant %q", got, want)
	}
}

func TestAppendHeaderAllocs(t *testing.T) {
	meta := &Meta{Host: "h", Tag: "haproxy", PID: "1", SD: []byte("[a]")}
	buf := make([]byte, 0, 256)
	now := time.Now()
	m := &Message{Level: 6, Facility: 16, Meta: meta, Time: now, Text: []byte("hello")}
	n := testing.AllocsPerRun(100, func() {
		for f := Unspec; f <= Raw; f++ {
			buf = AppendDatagram(buf[:0], f, m, 1024)
			buf = AppendLine(buf[:0], f, m, 1024)
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}
