package ring

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"hakeep/proxy/log/syslog"
)

func msg(text string) *syslog.Message {
	return &syslog.Message{Level: 6, Facility: 16, Meta: &syslog.Meta{Tag: "haproxy", PID: "1"},
		Time: time.Date(2026, 11, 21, 21, 8, 49, 0, time.UTC), Text: []byte(text)}
}

func drain(rd *Reader) []string {
	var out []string
	for {
		b, ok := rd.Next(nil)
		if !ok {
			return out
		}
		out = append(out, string(b))
	}
}

func TestOldestDeletedWithoutReaders(t *testing.T) {
	r := New(Config{Name: "r", Size: 64, Format: syslog.Raw})
	for i := 0; i < 10; i++ {
		if !r.Write(msg(fmt.Sprintf("message %d", i)), 1024) {
			t.Fatalf("write %d dropped without readers", i)
		}
	}
	// 64 bytes hold 5 entries of 1+1+9 bytes (one byte always taken)
	got := drain(r.Attach())
	if strings.Join(got, ",") != "message 5,message 6,message 7,message 8,message 9" {
		t.Errorf("ring holds %q", got)
	}
}

func TestReaderHoldsAndDropsAreAnnounced(t *testing.T) {
	r := New(Config{Name: "r", Size: 80, Format: syslog.Raw, Meta: &syslog.Meta{Tag: "haproxy", PID: "1"}})
	rd := r.Attach()
	// entries take 5 bytes: 15 fit in the 79 usable; the reader holds
	// the oldest, so the next ones are dropped
	for i := 0; i < 25; i++ {
		r.Write(msg(fmt.Sprintf("m%02d", i)), 1024)
	}
	if d := r.Dropped(); d != 10 {
		t.Fatalf("dropped %d, want 10", d)
	}
	got := drain(rd)
	if len(got) != 15 || got[0] != "m00" || got[14] != "m14" {
		t.Fatalf("reader got %q", got)
	}
	// the reader is past everything: the next write announces the drops
	r.Write(msg("after"), 1024)
	got = drain(rd)
	if len(got) != 2 || got[0] != "10 events dropped" || got[1] != "after" {
		t.Errorf("after the drops: %q", got)
	}
}

func TestEntryFormatAndMaxLen(t *testing.T) {
	r := New(Config{Name: "r1", Size: 32768, MaxLen: 120, Format: syslog.RFC3164})
	rd := r.Attach()
	const line = `127.0.0.1:37594 [21/Nov/2026:21:08:49.467] fe fe/<NOSRV> 0/-1/-1/-1/0 200 73 - - LR-- 1/1/0/0/0 0/0 "GET /x HTTP/1.1"`
	m := msg(line)
	m.Meta.PID = "15983"
	r.Write(m, 1024)
	got, _ := rd.Next(nil)
	// recorded from 2.6.12 ("format rfc3164", "maxlen 120")
	want := `<134>Nov 21 21:08:49 localhost haproxy[15983]: 127.0.0.1:37594 [21/Nov/2026:21:08:49.467] fe fe/<NOSRV> 0/-1/-1/-1/0 200`
	if string(got) != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestForwarder(t *testing.T) {
	for _, oc := range []bool{false, true} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		r := New(Config{Name: "r", Format: syslog.Raw})
		r.Write(msg("before"), 1024)
		ctx, cancel := context.WithCancel(context.Background())
		f := &Forwarder{Ring: r, Addr: ln.Addr().String(), OctetCount: oc, ConnectTimeout: time.Second}
		done := make(chan error)
		go func() { done <- f.Run(ctx) }()

		c, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		br := bufio.NewReader(c)
		want := "before\n"
		if oc {
			want = "6 before"
		}
		r.Write(msg("after"), 1024)
		want2 := "after\n"
		if oc {
			want2 = "5 after"
		}
		buf := make([]byte, len(want)+len(want2))
		if _, err := io.ReadFull(br, buf); err != nil || string(buf) != want+want2 {
			t.Errorf("octet-count %v: got %q (%v), want %q", oc, buf, err, want+want2)
		}
		// the server goes away; the next message reaches the next connection
		c.Close()
		r.Write(msg("lost or not"), 1024)
		r.Write(msg("third"), 1024)
		c2, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		c2.SetReadDeadline(time.Now().Add(5 * time.Second))
		third := "third\n"
		if oc {
			third = "5 third"
		}
		var all []byte
		for !strings.HasSuffix(string(all), third) {
			b := make([]byte, 64)
			n, err := c2.Read(b)
			all = append(all, b[:n]...)
			if err != nil {
				t.Errorf("octet-count %v: after reconnecting got %q: %v", oc, all, err)
				break
			}
		}
		c2.Close()
		cancel()
		<-done
		ln.Close()
	}
}
