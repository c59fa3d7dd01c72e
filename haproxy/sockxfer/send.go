package sockxfer

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

// MaxBatch is MAX_SEND_FD: the most sockets one message carries.
const MaxBatch = 253

// Exported is a socket offered to the next process, with the interface
// and network namespace its bind line named (empty when none).
type Exported struct {
	File      *os.File
	Namespace string
	Interface string
}

// Send answers a "_getsocks" request on c with socks. Like 2.6 it gives
// up on a receiver that does not acknowledge within a second.
func Send(c *net.UnixConn, socks []Exported) error {
	if len(socks) == 0 {
		return nil
	}
	c.SetDeadline(time.Now().Add(time.Second))
	defer c.SetDeadline(time.Time{})

	var n [4]byte
	binary.NativeEndian.PutUint32(n[:], uint32(len(socks)))
	if _, _, err := c.WriteMsgUnix(n[:], nil, nil); err != nil {
		return fmt.Errorf("failed to send the number of sockets to send: %w", err)
	}
	for start := 0; start < len(socks); start += MaxBatch {
		end := min(start+MaxBatch, len(socks))
		var data []byte
		fds := make([]int, 0, end-start)
		for _, s := range socks[start:end] {
			fds = append(fds, int(s.File.Fd()))
			data = appendRecord(data, s)
		}
		if _, _, err := c.WriteMsgUnix(data, syscall.UnixRights(fds...), nil); err != nil {
			return fmt.Errorf("failed to transfer sockets: %w", err)
		}
		if end-start == MaxBatch {
			// only a full batch waits for the receiver's ack
			if _, err := c.Read(n[:]); err != nil {
				return fmt.Errorf("unexpected error while transferring sockets: %w", err)
			}
		}
	}
	return nil
}

// appendRecord adds one socket's record: namespace, interface, and the
// 32 bits that used to hold listener options before 2.3.
func appendRecord(b []byte, s Exported) []byte {
	ns, ifn := truncate(s.Namespace), truncate(s.Interface)
	b = append(b, byte(len(ns)))
	b = append(b, ns...)
	b = append(b, byte(len(ifn)))
	b = append(b, ifn...)
	return append(b, 0, 0, 0, 0)
}

// truncate keeps what a one-byte length can say.
func truncate(s string) string {
	if len(s) > 255 {
		return s[:255]
	}
	return s
}
