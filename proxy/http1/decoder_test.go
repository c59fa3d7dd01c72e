package http1

import (
	"errors"
	"fmt"
	"testing"
)

// decodeAll runs a decoder over body, handing it step bytes at a time
// (0: everything at once), and reports the payload, the trailers and how
// it ended.
func decodeAll(kind BodyKind, length uint64, body string, step int) string {
	var d Decoder
	d.Reset(kind, length, false)
	var in, payload []byte
	src := []byte(body)
	for {
		if step == 0 {
			in, src = append(in, src...), nil
		} else if len(src) > 0 {
			n := min(step, len(src))
			in, src = append(in, src[:n]...), src[n:]
		}
		for {
			p, err := d.Next(in)
			if err != nil {
				var e *Error
				errors.As(err, &e)
				return fmt.Sprintf("error %d %s", e.Status, e.Reason)
			}
			in = in[p.N:]
			if p.Kind == PieceData {
				payload = append(payload, p.Data...)
				continue
			}
			if p.Kind == PieceEnd {
				tr := ""
				for i := range d.Trailers.Headers {
					tr += fmt.Sprintf(" [%s: %s]", d.Trailers.Name(i), d.Trailers.Value(i))
				}
				return fmt.Sprintf("%q%s rest=%q", payload, tr, append(in, src...))
			}
			if p.N == 0 {
				break
			}
		}
		if len(src) == 0 {
			return fmt.Sprintf("more %q", payload)
		}
	}
}

func TestDecoderChunked(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5\r\nhello\r\n0\r\n\r\n", `"hello" rest=""`},
		{"5;a=b;c\r\nhello\r\n6 ; x\r\n world\r\n0\r\n\r\nNEXT", `"hello world" rest="NEXT"`},
		{"a\r\n0123456789\r\n0\r\nX-T: 1\r\nY: 2\r\n\r\n", `"0123456789" [x-t: 1] [y: 2] rest=""`},
		{"0005\r\nhello\n0\n\n", `"hello" rest=""`},
		{"00000000000000005\r\nhello\r\n0\r\n\r\n", `"hello" rest=""`},
		{"fffffffffffff\r\n", `more ""`},
		{"10000000000000\r\n", `error 400 invalid chunk size`},
		{"g\r\n", `error 400 invalid chunk size`},
		{" 5\r\n", `error 400 invalid chunk size`},
		{"\r\n", `error 400 invalid chunk size`},
		{"0x5\r\n", `error 400 invalid chunk size`},
		{"5\rhello", `error 400 invalid chunk size`},
		{"3\r\nhello\r\n", `error 400 chunk data not followed by CRLF`},
		{"3\r\nhel\rx", `error 400 chunk data not followed by CRLF`},
		{"0\r\nbad trailer\r\n\r\n", `error 400 invalid trailers`},
		{"5\r\nhel", `more "hel"`},
	}
	for _, tc := range tests {
		for _, step := range []int{0, 1, 3} {
			if got := decodeAll(BodyChunked, 0, tc.in, step); got != tc.want {
				t.Errorf("%q step %d:\n got  %s\n want %s", tc.in, step, got, tc.want)
			}
		}
	}
}

func TestDecoderLength(t *testing.T) {
	for _, step := range []int{0, 1, 4} {
		if got, want := decodeAll(BodyLength, 5, "helloGET /", step), `"hello" rest="GET /"`; got != want {
			t.Errorf("step %d: %s, want %s", step, got, want)
		}
		if got, want := decodeAll(BodyLength, 10, "hello", step), `more "hello"`; got != want {
			t.Errorf("short, step %d: %s, want %s", step, got, want)
		}
	}
	if got, want := decodeAll(BodyNone, 0, "GET /", 0), `"" rest="GET /"`; got != want {
		t.Errorf("none: %s, want %s", got, want)
	}
}

func TestDecoderUntilClose(t *testing.T) {
	var d Decoder
	d.Reset(BodyUntilClose, 0, true)
	p, _ := d.Next([]byte("abc"))
	if p.Kind != PieceData || string(p.Data) != "abc" || d.Done() {
		t.Fatalf("data: %+v done=%v", p, d.Done())
	}
	if !d.CloseInput() || !d.Done() {
		t.Fatal("close ends an until-close body")
	}
	d.Reset(BodyLength, 4, true)
	d.Next([]byte("ab"))
	if d.CloseInput() {
		t.Fatal("close before Content-Length is reached truncates")
	}
}
