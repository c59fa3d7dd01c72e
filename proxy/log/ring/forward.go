package ring

import (
	"context"
	"net"
	"strconv"
	"time"
)

// Forwarder sends a ring's messages to one syslog server over TCP.
type Forwarder struct {
	Ring *Ring
	// Network and Addr are the server's address: "tcp" and host:port,
	// or "unix" and a path ('@' first for the abstract namespace).
	Network, Addr string
	// OctetCount frames each message as "<length> <message>" ("log-proto
	// octet-count"); otherwise each message ends with a line feed.
	OctetCount bool
	// ConnectTimeout and ServerTimeout bound connecting and each write
	// ("timeout connect", "timeout server"); zero waits forever.
	ConnectTimeout, ServerTimeout time.Duration
	// OnError hears of connection failures; nil ignores them.
	OnError func(error)
}

// maxMessage is the largest message forwarded (the size of 2.6's trash
// chunk); larger ones are skipped.
const maxMessage = 16384

// Run forwards until ctx ends, reconnecting after failures. It reads
// from the oldest message of the ring on and never skips one it could
// not send while connected: a message read but not written is sent
// again on the next connection.
func (f *Forwarder) Run(ctx context.Context) error {
	rd := f.Ring.Attach()
	defer rd.Detach()
	out := make([]byte, 0, 1024) // the framed message
	pending := false             // out holds a message not written yet
	msg := make([]byte, 0, 1024)
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		c, err := f.dial(ctx)
		if err != nil {
			f.report(err)
			if !sleep(ctx, backoff) {
				break
			}
			if backoff < 2*time.Second {
				backoff *= 2
			}
			continue
		}
		backoff = 100 * time.Millisecond
		closed := watchClose(ctx, c)
		for ctx.Err() == nil {
			if !pending {
				var ok bool
				msg, ok = rd.Next(msg[:0])
				if !ok {
					if rd.Wait(ctx) != nil {
						break
					}
					continue
				}
				if len(msg) > maxMessage {
					continue
				}
				out, pending = f.frame(out[:0], msg), true
			}
			if f.ServerTimeout > 0 {
				c.SetWriteDeadline(time.Now().Add(f.ServerTimeout))
			}
			if _, err := c.Write(out); err != nil {
				f.report(err)
				break
			}
			pending = false
		}
		close(closed)
		c.Close()
	}
	return nil
}

// frame appends the message with its framing.
func (f *Forwarder) frame(dst, msg []byte) []byte {
	if f.OctetCount {
		dst = strconv.AppendInt(dst, int64(len(msg)), 10)
		dst = append(dst, ' ')
		return append(dst, msg...)
	}
	dst = append(dst, msg...)
	return append(dst, '\n')
}

func (f *Forwarder) dial(ctx context.Context) (net.Conn, error) {
	d := net.Dialer{Timeout: f.ConnectTimeout}
	network := f.Network
	if network == "" {
		network = "tcp"
	}
	return d.DialContext(ctx, network, f.Addr)
}

func (f *Forwarder) report(err error) {
	if f.OnError != nil {
		f.OnError(err)
	}
}

// watchClose closes c when ctx ends, so that a blocked write returns;
// closing the returned channel stops watching.
func watchClose(ctx context.Context, c net.Conn) chan struct{} {
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			c.Close()
		case <-done:
		}
	}()
	return done
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
