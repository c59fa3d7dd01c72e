package h2

import (
	"encoding/xml"
	"testing"
)

// TestXMLChars: a report with a NUL and a stray byte in a message parses
// once cleaned, and the message keeps its other characters.
func TestXMLChars(t *testing.T) {
	raw := []byte("<testsuites><testsuite package=\"p\"><testcase classname=\"c\"><failure>debug \x00\xff data é</failure></testcase></testsuite></testsuites>")
	var r junit
	if err := xml.Unmarshal(raw, &r); err == nil {
		t.Fatal("encoding/xml accepted a NUL: the cleaning is not needed any more")
	}
	if err := xml.Unmarshal(xmlChars(raw), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Suites) != 1 || len(r.Suites[0].Cases) != 1 || r.Suites[0].Cases[0].Failure == nil {
		t.Fatalf("parsed %+v", r)
	}
	if got := string(xmlChars([]byte("a\x00b\tc\xffé"))); got != "a?b\tc?é" {
		t.Fatalf("xmlChars: %q", got)
	}
}
