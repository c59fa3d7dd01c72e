package rules

import "testing"

// A capture takes the slot's length (declare capture ... len), goes to a
// request or response slot by the rule set, and a slot the frontend does
// not have takes nothing.
func TestCaptureSlots(t *testing.T) {
	tx, _, v := runLinesWith(t, func(tx *Txn) { tx.Captures.Lens = [2][]int{{8, 3}, {6}} }, []string{
		"http-request capture req.hdr(user-agent) id 0",
		"http-request capture req.hdr(host) id 1",
		"http-request capture req.hdr(host) id 2",
	}, "GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: a-long-user-agent\r\n\r\n")
	if v != Continue {
		t.Fatalf("verdict %v", v)
	}
	if got, ok := tx.Captures.Get(false, 0); !ok || string(got) != "a-long-u" {
		t.Errorf("slot 0 = %q %v, want a-long-u", got, ok)
	}
	if got, _ := tx.Captures.Get(false, 1); string(got) != "exa" {
		t.Errorf("slot 1 = %q, want exa", got)
	}
	if _, ok := tx.Captures.Get(false, 2); ok {
		t.Errorf("slot 2 does not exist and was filled")
	}
	if _, ok := tx.Captures.Get(true, 0); ok {
		t.Errorf("a request rule filled a response slot")
	}
	tx.Reset()
	if _, ok := tx.Captures.Get(false, 0); ok {
		t.Errorf("slot 0 kept across transactions")
	}
}
