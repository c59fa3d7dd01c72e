package h2

import (
	"testing"

	"golang.org/x/net/http2/hpack"
)

// TestEncoderRoundTrip decodes what the encoder writes with x/net's
// decoder.
func TestEncoderRoundTrip(t *testing.T) {
	fields := []Field{
		{[]byte(":status"), []byte("200")}, {[]byte(":status"), []byte("418")},
		{[]byte(":method"), []byte("PATCH")}, {[]byte(":path"), []byte("/")},
		{[]byte("content-type"), []byte("text/plain")}, {[]byte("x-custom"), []byte("v")},
		{[]byte("x-long"), make([]byte, 300)},
	}
	var block []byte
	block = append(block, 0x20) // a size update to 0 first (RFC 7541 6.3)
	for _, f := range fields {
		block = appendFieldBlock(block, f)
	}
	dec := hpack.NewDecoder(4096, nil)
	got, err := dec.DecodeFull(block)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fields) {
		t.Fatalf("%d fields decoded", len(got))
	}
	for i, f := range fields {
		if got[i].Name != string(f.Name) || got[i].Value != string(f.Value) {
			t.Errorf("field %d: %q %q", i, got[i].Name, got[i].Value)
		}
	}
	// literals without indexing (RFC 7541 6.2.2): 0000 then the name
	if b := appendFieldBlock(nil, Field{[]byte("x-custom"), []byte("v")}); b[0] != 0 {
		t.Errorf("x-custom encoded as % x", b)
	}
	if b := appendFieldBlock(nil, Field{[]byte("content-type"), []byte("a")}); string(b) != "\x0f\x10\x01a" {
		t.Errorf("content-type encoded as % x", b)
	}
	// an indexed pair takes one byte
	if b := appendFieldBlock(nil, Field{[]byte(":status"), []byte("404")}); len(b) != 1 || b[0] != 0x80|13 {
		t.Errorf(":status 404 encoded as % x", b)
	}
}
