package httpdiff

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runner runs cases through one haproxy binary.
type runner struct {
	pool *portPool
}

// startError is a run that never got to its script: the configuration
// did not render or the proxy did not start.
type startError struct{ err error }

func (e *startError) Error() string { return e.err.Error() }
func (e *startError) Unwrap() error { return e.err }

// run executes c through the haproxy at bin, in a fresh directory with
// fresh back ends and ports, and returns what it observed, masked. A
// listener port taken by some other program between the harness's check
// and the proxy's bind is no fault of the proxy: the run starts again on
// other ports.
func (r *runner) run(bin string, c *Case) (*Recording, error) {
	for attempt := 1; ; attempt++ {
		rec, err := r.runOnce(bin, c)
		var se *startError
		if attempt < 3 && errors.As(err, &se) && portTaken(se.Error()) {
			continue
		}
		return rec, err
	}
}

// portTaken recognises haproxy's message for a port it could not bind
// (ours says the same).
func portTaken(out string) bool {
	return strings.Contains(out, "cannot bind socket") && strings.Contains(out, "Address already in use")
}

func (r *runner) runOnce(bin string, c *Case) (*Recording, error) {
	dir, err := os.MkdirTemp("", "httpdiff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	log := &serverLog{}
	masks := &masker{}
	for _, m := range c.Masks {
		if err := masks.pattern(m); err != nil {
			return nil, err
		}
	}
	l := newLayout(c, dir, r.pool, log, masks)
	defer l.stop()
	text, err := l.render(c)
	if err != nil {
		return nil, &startError{err}
	}
	cfg := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		return nil, err
	}
	p, err := startProcess(bin, cfg, c.Env, l)
	if err != nil {
		return nil, &startError{err}
	}
	defer p.stop()

	rec := &Recording{}
	timeout := c.ReadTimeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	cl := &client{
		l: l, rec: rec, masks: masks, timeout: timeout, conns: map[int]*clientConn{}, jar: map[string]string{},
		// Idle for 30 ms (three looks), at least 30 ms after the
		// script: what the last bytes asked for is done.
		idle: func() { waitIdle(p.cmd.Process.Pid, 3, 10*time.Millisecond, 3*time.Second) },
	}
	defer cl.closeAll()
	if err := cl.run(c.Script); err != nil {
		return nil, fmt.Errorf("script: %w", err)
	}
	// Let what the proxy still forwards reach the back ends, and let the
	// proxy finish what that and the script's last bytes asked of it.
	log.quiet(30*time.Millisecond, time.Second)
	cl.probe()
	addServerEvents(rec, log.snapshot())
	select {
	case <-p.exited:
		rec.add("proxy", "exited during the script: "+errClass(p.err))
	default:
	}
	rec.mask(masks)
	return rec, nil
}

// addServerEvents records what the back ends received and the sequence
// of servers chosen.
func addServerEvents(rec *Recording, events []serverEvent) {
	var chosen []string
	for i, e := range events {
		k := "srv" + strconv.Itoa(i+1)
		chosen = append(chosen, e.backend)
		rec.add(k, e.backend+" conn"+strconv.Itoa(e.conn))
		if e.from != "127.0.0.1" && e.from != "" {
			// Only an unusual source is worth a line.
			rec.add(k+" from", e.from)
		}
		if e.busy > 0 {
			// Requests the back ends held when this one arrived: what
			// queueing and maxconn let through, without timing it.
			rec.add(k+" busy", strconv.Itoa(e.busy))
		}
		if e.proxy != "" {
			rec.add(k+" proxy", e.proxy)
		}
		if e.line != "" {
			rec.add(k+" line", text([]byte(e.line)))
		}
		for j, h := range e.headers {
			rec.add(k+" h"+strconv.Itoa(j+1), text([]byte(h)))
		}
		if e.chunked {
			rec.add(k+" chunked", "yes")
		}
		if len(e.body) > 0 {
			rec.add(k+" body", text(e.body))
		}
		if len(e.trailers) > 0 {
			rec.add(k+" trailers", text([]byte(strings.Join(e.trailers, "\n"))))
		}
		if len(e.data) > 0 {
			rec.add(k+" data", text(e.data))
		}
		if e.end != "" {
			rec.add(k+" end", e.end)
		}
	}
	rec.add("chosen", strings.Join(chosen, " "))
}
