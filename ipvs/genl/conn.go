package genl

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"syscall"
	"time"
)

// ErrNoReply: the kernel sent nothing back to a request within
// ReplyTimeout. A generic netlink request is handled inside the sender's
// sendmsg (netlink_unicast_kernel calls genl_rcv), so its replies are
// queued before Send returns; only a dump's later parts are made inside
// recvmsg. When a handler returns -EINTR, netlink_rcv_skb skips the ack
// (net/netlink/af_netlink.c): IPVS does that when it stops a sync daemon
// whose kernel thread had not yet run (kthread_stop returns -EINTR), and
// the daemon is stopped all the same. Waiting for a reply would then
// never end.
var ErrNoReply = errors.New("netlink: no reply from the kernel")

// ReplyTimeout bounds each wait for a reply datagram. Replies are queued
// synchronously (see ErrNoReply), so a wait this long means none comes.
const ReplyTimeout = 2 * time.Second

// Socket is the kernel boundary: one netlink datagram out, one in. The
// real one is a NETLINK_GENERIC socket (Dial); tests put a fake kernel
// here that decodes what is sent and answers with bytes.
type Socket interface {
	Send(b []byte) error
	// Receive returns an error wrapping ErrNoReply when nothing arrives
	// within ReplyTimeout.
	Receive() ([]byte, error)
	Close() error
}

// Conn sends generic netlink requests and collects their replies. It is
// safe for concurrent use; requests are serialised.
type Conn struct {
	mu   sync.Mutex
	sock Socket
	seq  uint32
}

// NewConn wraps sock.
func NewConn(sock Socket) *Conn { return &Conn{sock: sock} }

// Close closes the socket.
func (c *Conn) Close() error { return c.sock.Close() }

// Execute sends m as a request with NLM_F_REQUEST|NLM_F_ACK added, the
// flags libnl's nl_send_auto() sends, and returns the replies: the data
// messages before the ack, or the parts of a dump (NLM_F_DUMP) up to
// NLMSG_DONE. A kernel error comes back as a syscall.Errno.
func (c *Conn) Execute(m Message) ([]Message, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	m.Header.Seq = c.seq
	m.Header.Flags |= FlagRequest | FlagAck
	if err := c.sock.Send(m.Marshal()); err != nil {
		return nil, fmt.Errorf("netlink send: %w", err)
	}
	dump := m.Header.Flags&FlagDump == FlagDump
	var replies []Message
	for {
		b, err := c.sock.Receive()
		if err != nil {
			return nil, fmt.Errorf("netlink receive: %w", err)
		}
		msgs, err := SplitMessages(b)
		if err != nil {
			return nil, err
		}
		for _, r := range msgs {
			if r.Header.Seq != m.Header.Seq {
				continue // a late reply to an earlier, abandoned request
			}
			switch r.Header.Type {
			case TypeNoop:
				continue
			case TypeError:
				if len(r.Payload) < 4 {
					return nil, errors.New("netlink: short error message")
				}
				if code := int32(binary.NativeEndian.Uint32(r.Payload)); code != 0 {
					return nil, syscall.Errno(-code)
				}
				return replies, nil // the ack
			case TypeDone:
				if dump {
					return replies, nil
				}
				continue
			}
			g, err := ParseGeneric(r)
			if err != nil {
				return nil, err
			}
			replies = append(replies, g)
		}
	}
}
