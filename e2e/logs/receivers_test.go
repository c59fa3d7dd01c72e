package logs

import (
	"bufio"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// received is one message and where it arrived.
type received struct {
	src, msg string
}

// collector gathers the messages of every receiver, in arrival order.
type collector struct {
	mu   sync.Mutex
	msgs []received
}

func (c *collector) add(src, msg string) {
	c.mu.Lock()
	c.msgs = append(c.msgs, received{src, msg})
	c.mu.Unlock()
}

// take returns what arrived since the last call.
func (c *collector) take() []received {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

// receivers are the log destinations of a run: a UDP syslog server, a
// unix datagram socket, and a TCP server fed by a ring.
type receivers struct {
	udp     net.PacketConn
	unix    *net.UnixConn
	unixDir string
	ring    net.Listener
	col     *collector
	wg      sync.WaitGroup
}

func startReceivers(t *testing.T, col *collector) *receivers {
	r := &receivers{col: col, unixDir: t.TempDir()}
	var err error
	if r.udp, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if r.unix, err = net.ListenUnixgram("unixgram", &net.UnixAddr{Name: r.unixPath(), Net: "unixgram"}); err != nil {
		t.Fatal(err)
	}
	if r.ring, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	r.wg.Add(3)
	go r.packets("udp", r.udp)
	go r.packets("unix", r.unix)
	go r.ringServer()
	t.Cleanup(func() {
		r.udp.Close()
		r.unix.Close()
		r.ring.Close()
		r.wg.Wait()
	})
	return r
}

func (r *receivers) unixPath() string { return filepath.Join(r.unixDir, "log.sock") }
func (r *receivers) udpPort() int     { return r.udp.LocalAddr().(*net.UDPAddr).Port }
func (r *receivers) ringPort() int    { return r.ring.Addr().(*net.TCPAddr).Port }

func (r *receivers) packets(src string, c net.PacketConn) {
	defer r.wg.Done()
	buf := make([]byte, 70000)
	for {
		n, _, err := c.ReadFrom(buf)
		if err != nil {
			return
		}
		r.col.add(src, string(buf[:n]))
	}
}

// ringServer reads octet-counted messages ("<len> <msg>") from each
// connection the ring's forwarder opens.
func (r *receivers) ringServer() {
	defer r.wg.Done()
	var conns sync.WaitGroup
	defer conns.Wait()
	for {
		c, err := r.ring.Accept()
		if err != nil {
			return
		}
		conns.Add(1)
		go func() {
			defer conns.Done()
			defer c.Close()
			br := bufio.NewReader(c)
			for {
				ls, err := br.ReadString(' ')
				if err != nil {
					return
				}
				n, err := strconv.Atoi(strings.TrimSuffix(ls, " "))
				if err != nil {
					r.col.add("ring", "bad frame "+ls)
					return
				}
				msg := make([]byte, n)
				if _, err := io.ReadFull(br, msg); err != nil {
					return
				}
				r.col.add("ring", string(msg))
			}
		}()
	}
}

// stdoutLines feeds a process's stdout to the collector, line by line.
func stdoutLines(col *collector, rd io.Reader, done chan<- struct{}) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 70000), 70000)
	for sc.Scan() {
		col.add("stdout", sc.Text()+"\n")
	}
	close(done)
}
