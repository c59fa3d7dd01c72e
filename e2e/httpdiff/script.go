package httpdiff

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// client runs a script and records what each connection got.
type client struct {
	l       *layout
	rec     *Recording
	masks   *masker
	timeout time.Duration
	conns   map[int]*clientConn
	order   []int
	// jar holds the last value each cookie was set to, for $COOKIE(name)
	// in later requests (cookie values that embed ports or hashes).
	jar map[string]string
	// idle waits until the proxy has nothing left to do.
	idle func()
}

type clientConn struct {
	id        int
	c         net.Conn
	r         *bufio.Reader
	lastWrite time.Time
	responses int
	raws      int
	done      bool // the peer closed or the read failed: nothing more to read
	closed    bool // the client closed it
	// resetAtOnce: the proxy accepted and reset the connection before the
	// dial returned. The next read records "closed", as it would have if
	// the reset had come a moment later.
	resetAtOnce bool
}

func (cl *client) key(c *clientConn, rest string) string {
	return "c" + strconv.Itoa(c.id) + " " + rest
}

// run executes the steps; probe then looks at what they left open.
func (cl *client) run(steps []Step) error {
	for i, st := range steps {
		if err := cl.step(st); err != nil {
			return fmt.Errorf("step %d: %w", i+1, err)
		}
	}
	return nil
}

func (cl *client) conn(st Step) (*clientConn, error) {
	if c, ok := cl.conns[st.Conn]; ok {
		return c, nil
	}
	if st.Op != OpSend {
		return nil, fmt.Errorf("connection %d is not open", st.Conn)
	}
	return cl.open(Step{Op: OpOpen, Conn: st.Conn})
}

func (cl *client) open(st Step) (*clientConn, error) {
	if _, ok := cl.conns[st.Conn]; ok {
		return nil, fmt.Errorf("connection %d is already open", st.Conn)
	}
	network, addr, err := cl.l.dialAddr(st)
	if err != nil {
		return nil, err
	}
	d := net.Dialer{Timeout: cl.timeout}
	if st.Src != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(st.Src)}
	}
	c := &clientConn{id: st.Conn}
	cl.conns[st.Conn] = c
	cl.order = append(cl.order, st.Conn)
	// timings run from before the connect: the proxy's timers start at
	// its accept, which may come before Dial returns to a descheduled
	// client; a clock started late would see a timer fire early
	start := time.Now()
	nc, err := d.Dial(network, addr)
	if err != nil && errClass(err) == "reset" {
		c.resetAtOnce = true
		return c, nil
	}
	if err != nil {
		cl.rec.add(cl.key(c, "open"), errClass(err))
		c.done, c.closed = true, true
		return c, nil
	}
	if ta, ok := nc.LocalAddr().(*net.TCPAddr); ok {
		cl.masks.value(strconv.Itoa(ta.Port), "<cport"+strconv.Itoa(st.Conn)+">")
	}
	c.c, c.r, c.lastWrite = nc, bufio.NewReaderSize(nc, 64<<10), start
	return c, nil
}

func (cl *client) step(st Step) error {
	switch st.Op {
	case OpOpen:
		_, err := cl.open(st)
		return err
	case OpSleep:
		time.Sleep(st.D)
		return nil
	case OpSettle:
		time.Sleep(st.D)
		if cl.idle != nil {
			cl.idle()
		}
		return nil
	case OpWaitServers:
		deadline := time.Now().Add(cl.timeout)
		for cl.l.log.count() < st.N {
			if time.Now().After(deadline) {
				cl.rec.add("wait", fmt.Sprintf("back ends saw %d of %d", cl.l.log.count(), st.N))
				return nil
			}
			time.Sleep(2 * time.Millisecond)
		}
		return nil
	}
	c, err := cl.conn(st)
	if err != nil {
		return err
	}
	if c.closed {
		return nil
	}
	if c.resetAtOnce {
		switch st.Op {
		case OpRead, OpReadFinal:
			c.responses++
			cl.rec.add(cl.key(c, "r"+strconv.Itoa(c.responses)), "closed")
			c.closed, c.done = true, true
		case OpReadN, OpReadEOF:
			c.raws++
			k := "raw" + strconv.Itoa(c.raws)
			cl.rec.add(cl.key(c, k), "")
			cl.rec.add(cl.key(c, k+" end"), "closed")
			c.closed, c.done = true, true
		case OpClose, OpReset:
			c.closed = true
		}
		return nil
	}
	switch st.Op {
	case OpSend:
		// Write errors are not recorded: whether a write after the
		// peer's close fails depends on timing, what is read back does not.
		// the clock starts before the write, for the same reason as
		// at the connect
		c.lastWrite = time.Now()
		c.c.SetWriteDeadline(c.lastWrite.Add(cl.timeout))
		c.c.Write([]byte(cl.withCookies(st.Data)))
	case OpRead:
		cl.readResponse(c, st)
	case OpReadFinal:
		for cl.readResponse(c, st) {
		}
	case OpReadN:
		cl.readRaw(c, st, st.N)
	case OpReadEOF:
		cl.readRaw(c, st, -1)
	case OpShut:
		if cw, ok := c.c.(interface{ CloseWrite() error }); ok {
			cw.CloseWrite()
		}
	case OpClose, OpReset:
		if tc, ok := c.c.(*net.TCPConn); ok && st.Op == OpReset {
			tc.SetLinger(0)
		}
		c.c.Close()
		c.closed, c.done = true, true
	default:
		return fmt.Errorf("unknown op %d", st.Op)
	}
	return nil
}

// withCookies replaces $COOKIE(name) by the cookie's last value.
func (cl *client) withCookies(data string) string {
	for {
		i := strings.Index(data, "$COOKIE(")
		if i < 0 {
			return data
		}
		j := strings.IndexByte(data[i:], ')')
		if j < 0 {
			return data
		}
		name := data[i+len("$COOKIE(") : i+j]
		data = data[:i] + cl.jar[name] + data[i+j+1:]
	}
}

// readResponse reads one response and records it; it returns true when
// the response was interim (1xx other than 101), so a final one follows.
func (cl *client) readResponse(c *clientConn, st Step) bool {
	if c.done {
		return false
	}
	c.responses++
	k := "r" + strconv.Itoa(c.responses)
	c.c.SetReadDeadline(time.Now().Add(cl.timeout))
	head, n, err := readHead(c.r)
	if err != nil {
		if n > 0 {
			cl.rec.add(cl.key(c, k+" partial"), text([]byte(strings.Join(head, "\n"))))
		}
		cl.rec.add(cl.key(c, k), closeClass(err))
		c.done = true
		return false
	}
	cl.rec.add(cl.key(c, k), text([]byte(head[0])))
	for i, h := range head[1:] {
		cl.rec.add(cl.key(c, k+" h"+strconv.Itoa(i+1)), text([]byte(h)))
	}
	for _, v := range headerValues(head[1:], "Set-Cookie") {
		pair, _, _ := strings.Cut(v, ";")
		if name, value, ok := strings.Cut(pair, "="); ok {
			cl.jar[strings.TrimSpace(name)] = value
		}
	}
	code := 0
	if f := strings.Fields(head[0]); len(f) > 1 {
		code, _ = strconv.Atoi(f[1])
	}
	if code >= 100 && code < 200 {
		if st.Timed {
			cl.timing(c, k, time.Since(c.lastWrite))
		}
		return code != 101
	}
	var body []byte
	onData := func(b []byte) { body = append(body, b...) }
	var trailers []string
	switch {
	case st.Head || code == 204 || code == 304:
	case hasToken(head[1:], "Transfer-Encoding", "chunked"):
		trailers, err = readChunked(c.r, onData)
	case contentLength(head[1:]) >= 0:
		err = readLength(c.r, contentLength(head[1:]), onData)
	default:
		err = readToEOF(c.r, onData)
		if err == io.EOF {
			err = nil
			c.done = true
		}
	}
	if len(body) > 0 {
		cl.rec.add(cl.key(c, k+" body"), text(body))
	}
	if len(trailers) > 0 {
		cl.rec.add(cl.key(c, k+" trailers"), text([]byte(strings.Join(trailers, "\n"))))
	}
	if err != nil {
		cl.rec.add(cl.key(c, k+" body cut"), errClass(err))
		c.done = true
	}
	if st.Timed {
		cl.timing(c, k, time.Since(c.lastWrite))
	}
	return false
}

// timing records the class of a duration, and the duration as a note.
func (cl *client) timing(c *clientConn, k string, d time.Duration) {
	cl.rec.add(cl.key(c, k+" time"), timingClass(d))
	cl.rec.Notes = append(cl.rec.Notes, fmt.Sprintf("%s took %v", cl.key(c, k), d.Round(time.Millisecond)))
}

// readRaw reads n bytes (n < 0: until the end of the stream) and records
// them with how the read ended.
func (cl *client) readRaw(c *clientConn, st Step, n int) {
	if c.done {
		return
	}
	c.raws++
	k := "raw" + strconv.Itoa(c.raws)
	c.c.SetReadDeadline(time.Now().Add(cl.timeout))
	var got []byte
	var err error
	if n >= 0 {
		got = make([]byte, n)
		var m int
		m, err = io.ReadFull(c.r, got)
		got = got[:m]
	} else {
		err = readToEOF(c.r, func(b []byte) { got = append(got, b...) })
	}
	cl.rec.add(cl.key(c, k), text(got))
	if err != nil {
		cl.rec.add(cl.key(c, k+" end"), closeClass(err))
		c.done = true
	}
	if st.Timed {
		cl.timing(c, k, time.Since(c.lastWrite))
	}
}

// probe records, for every connection the script left open, whether the
// proxy closed it (and any bytes it sent unasked). It looks once the
// proxy is idle (idle.go), so whatever the proxy meant to send is in the
// socket already; the look itself does not wait (a read deadline would
// expire unread if this process were descheduled past it).
func (cl *client) probe() {
	if cl.idle != nil {
		cl.idle()
	}
	for _, id := range cl.order {
		c := cl.conns[id]
		switch {
		case c.closed || c.done:
			// Closed by the script, or its end already recorded.
		case c.resetAtOnce:
			cl.rec.add("c"+strconv.Itoa(id)+" end", "closed")
		default:
			cl.rec.add("c"+strconv.Itoa(id)+" end", peekState(c))
		}
	}
}

// peekState tells without blocking whether the peer closed c, and
// returns what it sent unasked.
func peekState(c *clientConn) string {
	var extra []byte
	if n := c.r.Buffered(); n > 0 {
		b, _ := c.r.Peek(n)
		extra = append(extra, b...)
		c.r.Discard(n)
	}
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return "unknown"
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return "unknown"
	}
	state := "open"
	buf := make([]byte, 64<<10)
	raw.Read(func(fd uintptr) bool {
		for {
			n, _, err := syscall.Recvfrom(int(fd), buf, syscall.MSG_DONTWAIT)
			switch {
			case err == syscall.EAGAIN:
				return true
			case err == syscall.EINTR:
				continue
			case err != nil:
				state = closeClass(err)
				return true
			case n == 0:
				state = "closed"
				return true
			}
			extra = append(extra, buf[:n]...)
		}
	})
	if len(extra) > 0 {
		state += " after " + text(extra)
	}
	return state
}

// closeAll releases the client's connections.
func (cl *client) closeAll() {
	for _, c := range cl.conns {
		if c.c != nil {
			c.c.Close()
		}
	}
}
