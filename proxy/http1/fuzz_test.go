package http1

import (
	"bytes"
	"fmt"
	"testing"

	"hakeep/e2e/smuggle"
)

// seedFuzz adds every recorded message of kind to the corpus.
func seedFuzz(f *testing.F, kind smuggle.Kind) {
	gs, err := smuggle.LoadGolden(smuggle.TestdataDir(), kind)
	if err != nil {
		f.Fatal(err)
	}
	for _, g := range gs {
		msgs := g.Case.Send
		if kind == smuggle.Response {
			msgs = g.Case.Responses
		}
		for i, m := range msgs {
			f.Add(m, uint16(len(m)/2+i), g.Case.Variant == smuggle.VariantAcceptReq || g.Case.Variant == smuggle.VariantAcceptResp)
		}
	}
	f.Add([]byte(browserRequest), uint16(100), false)
	f.Add([]byte(keepAliveResponse), uint16(100), false)
}

// semantics is what a head means to the next hop: what must survive
// being written out and parsed again.
func semantics(h *Head) string {
	var b bytes.Buffer
	if h.Response {
		fmt.Fprintf(&b, "%q %d %q", h.Bytes(h.StatusText), h.Status, h.Bytes(h.Reason))
	} else {
		fmt.Fprintf(&b, "%q %d %q", h.Bytes(h.MethodText), h.Method, h.Bytes(h.URI))
	}
	if h.Flags&FlagVer11 != 0 {
		b.WriteString(" 1.1")
	} else {
		fmt.Fprintf(&b, " %q", h.Bytes(h.Version))
	}
	noLength := h.Response && (h.Status < 200 || h.Status == 204)
	if !noLength {
		fmt.Fprintf(&b, " body=%d cl=%d", h.Body(), h.ContentLength)
	}
	fmt.Fprintf(&b, " flags=%#x", h.Flags&(FlagConnUpgrade|FlagUpgradeWebSocket|FlagUpgradeH2C))
	for i := range h.Headers {
		n := h.Name(i)
		if noLength && (string(n) == "content-length" || string(n) == "transfer-encoding") {
			continue
		}
		// A cleaned Connection value may keep a blank before a removed
		// token ("00 ," gives "00 ", as HAProxy forwards it); parsing it
		// again trims it, which changes no meaning.
		fmt.Fprintf(&b, " [%q: %q]", n, bytes.TrimRight(h.Value(i), " \t"))
	}
	return b.String()
}

// fuzzHead parses data in one call and split in two calls; both must
// decide alike, and an accepted head must come back with the same
// semantics once serialised and parsed again.
func fuzzHead(t *testing.T, data []byte, split uint16, accept, response bool) {
	req := NewHead(Limits{})
	var rp Parser
	if done, _ := rp.ParseRequest([]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), req); !done {
		t.Fatal("context request")
	}
	parse := func(p *Parser, buf []byte, h *Head) (bool, error) {
		if response {
			return p.ParseResponse(buf, h, req)
		}
		return p.ParseRequest(buf, h)
	}

	one := append([]byte(nil), data...)
	h1 := NewHead(Limits{})
	p1 := Parser{AcceptInvalid: accept}
	done1, err1 := parse(&p1, one, h1)

	two := append([]byte(nil), data...)
	h2 := NewHead(Limits{})
	p2 := Parser{AcceptInvalid: accept}
	cut := int(split) % (len(two) + 1)
	done2, err2 := parse(&p2, two[:cut], h2)
	if !done2 && err2 == nil {
		done2, err2 = parse(&p2, two, h2)
	}
	if d1, d2 := describe(h1, done1, err1), describe(h2, done2, err2); d1 != d2 {
		t.Fatalf("one call: %s\nsplit at %d: %s", d1, cut, d2)
	}
	if !done1 {
		return
	}
	if h1.Len > len(data) || h1.Len <= 0 {
		t.Fatalf("head length %d of %d bytes", h1.Len, len(data))
	}

	out := h1.AppendHead(nil, ConnNone, nil)
	if len(out) >= (Limits{}).RawLimit() {
		return // the normalised form may outgrow the input buffer
	}
	h3 := NewHead(Limits{})
	p3 := Parser{AcceptInvalid: accept}
	done3, err3 := parse(&p3, out, h3)
	if !done3 || err3 != nil || h3.Len != len(out) {
		t.Fatalf("serialised head %q does not parse again: done=%v err=%v len=%d", out, done3, err3, h3.Len)
	}
	if s1, s3 := semantics(h1), semantics(h3); s1 != s3 {
		t.Fatalf("semantics changed through %q:\n before %s\n after  %s", out, s1, s3)
	}
}

func FuzzParseRequest(f *testing.F) {
	seedFuzz(f, smuggle.Request)
	f.Fuzz(func(t *testing.T, data []byte, split uint16, accept bool) {
		fuzzHead(t, data, split, accept, false)
	})
}

func FuzzParseResponse(f *testing.F) {
	seedFuzz(f, smuggle.Response)
	f.Fuzz(func(t *testing.T, data []byte, split uint16, accept bool) {
		fuzzHead(t, data, split, accept, true)
	})
}

// FuzzDecodeChunked feeds a chunked body in two parts and requires the
// payload and verdict of a single call.
func FuzzDecodeChunked(f *testing.F) {
	f.Add([]byte("5;x\r\nhello\r\n0\r\nA: b\r\n\r\n"), uint16(3))
	f.Add([]byte("fffffffffffff\r\n"), uint16(1))
	f.Fuzz(func(t *testing.T, body []byte, split uint16) {
		cut := int(split) % (len(body) + 1)
		all := decodeAll(BodyChunked, 0, string(body), 0)
		parts := decodeAll(BodyChunked, 0, string(body), max(cut, 1))
		if all != parts {
			t.Fatalf("one call: %s\nsteps of %d: %s", all, cut, parts)
		}
	})
}
