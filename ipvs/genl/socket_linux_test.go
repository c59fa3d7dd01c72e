package genl

import (
	"errors"
	"testing"
	"time"
)

// A wait for a reply that never comes ends after ReplyTimeout.
func TestReceiveTimesOut(t *testing.T) {
	c, err := Dial()
	if err != nil {
		t.Skipf("no netlink here: %v", err)
	}
	defer c.Close()
	start := time.Now()
	_, err = c.sock.Receive()
	if !errors.Is(err, ErrNoReply) {
		t.Fatalf("got %v, want ErrNoReply", err)
	}
	if d := time.Since(start); d < ReplyTimeout/2 || d > 5*ReplyTimeout {
		t.Errorf("gave up after %v, want about %v", d, ReplyTimeout)
	}
}
