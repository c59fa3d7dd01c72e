package vm

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"
)

// channel is the host side of the command channel served by /init on the
// guest's virtio-serial port (protocol in init.go).
type channel struct {
	mu   sync.Mutex
	conn net.Conn
	r    *bufio.Reader
	next int
}

func newChannel(conn net.Conn) *channel {
	return &channel{conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}
}

// waitReady reads until the guest's ready marker.
func (c *channel) waitReady(deadline time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.conn.SetReadDeadline(deadline)
	for {
		line, err := c.readLine()
		if err != nil {
			return fmt.Errorf("waiting for the guest: %w", err)
		}
		if line == markReady {
			return nil
		}
	}
}

// run sends script, waits for its reply and returns the output and exit
// status. The guest kills the script after timeout; the host gives up a
// few seconds later than that.
func (c *channel) run(script string, timeout time.Duration) ([]byte, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	id := strconv.Itoa(c.next)
	secs := int((timeout + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	deadline := time.Now().Add(timeout + 10*time.Second)
	_ = c.conn.SetDeadline(deadline)
	req := id + " " + strconv.Itoa(secs) + " " + base64.StdEncoding.EncodeToString([]byte(script)) + "\n"
	if _, err := io.WriteString(c.conn, req); err != nil {
		return nil, -1, fmt.Errorf("sending command %s: %w", id, err)
	}
	var b64 strings.Builder
	inOut := false
	for {
		line, err := c.readLine()
		if err != nil {
			return nil, -1, fmt.Errorf("reading reply to command %s: %w", id, err)
		}
		switch {
		case line == markOut+" "+id:
			inOut = true
		case strings.HasPrefix(line, markRC+" "+id+" "):
			if !inOut {
				return nil, -1, fmt.Errorf("reply to command %s has no output block", id)
			}
			rc, err := strconv.Atoi(strings.TrimPrefix(line, markRC+" "+id+" "))
			if err != nil {
				return nil, -1, fmt.Errorf("bad exit status line %q", line)
			}
			out, err := base64.StdEncoding.DecodeString(b64.String())
			if err != nil {
				return nil, -1, fmt.Errorf("decoding output of command %s: %w", id, err)
			}
			return out, rc, nil
		case inOut:
			b64.WriteString(line)
		}
	}
}

func (c *channel) readLine() (string, error) {
	line, err := c.r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
