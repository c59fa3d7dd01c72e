// Package balance_e2e records which server the real HAProxy 2.6 chooses
// for sequences of requests under every load-balancing algorithm, and
// keeps the records as golden files for proxy/balance to replay.
//
// The cases are in cases.go; each runs a fresh haproxy on loopback in
// front of tiny back ends that answer their own name. Without flags the
// test checks that haproxy still chooses what testdata/ records;
// "go test ./e2e/balance -update" records again.
package balance_e2e

import (
	"bufio"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
)

// holdHeader asks a back end to keep the response open after sending its
// name, so that the connection counts on the server until the test
// releases it; its value identifies the hold.
const holdHeader = "X-Hold"

// backend is a tiny HTTP server on loopback that answers every request
// with its own name.
type backend struct {
	name string
	ln   net.Listener
	wg   sync.WaitGroup

	mu    sync.Mutex
	holds map[string]chan struct{}
}

func startBackend(name string) (*backend, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &backend{name: name, ln: ln, holds: map[string]chan struct{}{}}
	b.wg.Add(1)
	go b.serve()
	return b, nil
}

func (b *backend) addr() string { return b.ln.Addr().String() }

func (b *backend) close() {
	b.ln.Close()
	b.mu.Lock()
	for id, ch := range b.holds {
		close(ch)
		delete(b.holds, id)
	}
	b.mu.Unlock()
	b.wg.Wait()
}

// release ends the held response id; false if this back end holds none
// by that id.
func (b *backend) release(id string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch, ok := b.holds[id]
	if ok {
		close(ch)
		delete(b.holds, id)
	}
	return ok
}

func (b *backend) serve() {
	defer b.wg.Done()
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			defer c.Close()
			b.answer(c)
		}()
	}
}

// answer reads one request (head and Content-Length body) and writes the
// back end's name. A held request gets its name in a first chunk, and the
// last chunk only once released.
func (b *backend) answer(c net.Conn) {
	r := bufio.NewReader(c)
	holdID := ""
	length := 0
	for first := true; ; first = false {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if first {
				continue
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch {
		case strings.EqualFold(name, holdHeader):
			holdID = value
		case strings.EqualFold(name, "Content-Length"):
			length, _ = strconv.Atoi(value)
		}
	}
	if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
		return
	}
	body := b.name + "\n"
	if holdID == "" {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\nConnection: close\r\n\r\n"+body)
		return
	}
	ch := make(chan struct{})
	b.mu.Lock()
	b.holds[holdID] = ch
	b.mu.Unlock()
	io.WriteString(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"+strconv.FormatInt(int64(len(body)), 16)+"\r\n"+body+"\r\n")
	<-ch
	io.WriteString(c, "0\r\n\r\n")
}
