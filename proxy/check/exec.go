package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// evalRet is enum tcpcheck_eval_ret.
type evalRet uint8

const (
	evalContinue evalRet = iota // next rule
	evalWait                    // more data needed
	evalStop                    // the check is over (result set)
)

// bufSize is tune.bufsize: a check reads and writes at most one buffer.
const bufSize = 16384

// outcome is what a probe found, applied to the check under the lock.
// A check may set its status more than once (set_server_check_status()
// called by a protocol parser, then again when the ruleset ends, as for
// MySQL and LDAP in 2.6): earlier settings are in before, each counted
// as the real one counts it.
type outcome struct {
	before []statusSet
	set    bool
	status Status
	code   int
	desc   string
	// agentLine is the agent's reply line, parsed under the lock because
	// it changes the server (tcpcheck_agent_expect_reply()).
	agentLine *string
	// agentIncomplete: the agent closed without ending its line.
	agentIncomplete bool
}

// exec runs one check: the rules of a ruleset over one connection at a
// time (tcpcheck_main() and the tcpcheck_eval_*() functions of
// src/tcpcheck.c), with blocking I/O bounded by the check's deadline.
type checkRun struct {
	p   *probe
	rs  *ruleset
	st  probeState
	ctx context.Context

	conn      net.Conn
	tcp       *net.TCPConn
	connected bool // layer 4 established
	handshake bool // a TLS handshake is under way
	isTLS     bool

	in   []byte
	eos  bool
	rerr error

	cur        *rule
	stopCancel func() bool
	code       int
	vars       map[string]value
	deadline   time.Time
	out        outcome
}

// probeState is what a check reads of the server when it starts.
type probeState struct {
	// serverUp is next_state != STOPPED, for "disable-on-404".
	serverUp bool
	// stateHeader is the X-Haproxy-Server-State value, when sent.
	stateHeader string
	now         time.Time
}

// The sampleEnv of a check.
func (x *checkRun) variable(name string) (value, bool) { v, ok := x.vars[name]; return v, ok }
func (x *checkRun) payload() []byte                    { return x.in }
func (x *checkRun) unixNow() int64                     { return x.st.now.Unix() }
func (x *checkRun) httpResponse() *httpResponse {
	if x.rs.proto != protoHTTP {
		return nil
	}
	return parseHTTPResponse(x.in, x.eos || x.rerr != nil)
}

// statusSet is one set_server_check_status() call.
type statusSet struct {
	status Status
	code   int
	desc   string
}

// set is set_server_check_status() as seen by the rules.
func (x *checkRun) set(st Status, desc string) {
	if x.out.set {
		x.out.before = append(x.out.before, statusSet{x.out.status, x.out.code, x.out.desc})
	}
	x.out.set, x.out.status, x.out.desc, x.out.code = true, st, desc, x.code
}

func (x *checkRun) done() bool { return x.out.set || x.out.agentLine != nil || x.out.agentIncomplete }

// settled reports a result that ends the check: a protocol parser may set
// a status and go on (CONTINUE), the ruleset's end then sets it again.
func (x *checkRun) settled(ret evalRet) bool {
	return ret == evalStop || x.out.agentLine != nil || x.out.agentIncomplete
}

func (x *checkRun) run() outcome {
	defer x.closeConn()
	x.vars = map[string]value{}
	for _, v := range x.rs.vars {
		x.vars[v.name] = v.val
	}
	rules := x.rs.rules
	mustRead, lastRead := true, false
	for i := 0; i < len(rules); i++ {
		if x.ctx.Err() != nil {
			return x.out
		}
		r := rules[i]
		x.code = 0
		ret := evalContinue
		switch r.action {
		case actConnect:
			x.cur = r
			ret = x.connect(r, i)
			mustRead, lastRead = true, false
		case actSend:
			x.cur = r
			ret = x.send(r)
			mustRead = true
		case actExpect:
			x.cur = r
			if mustRead {
				if ret = x.recv(r); ret == evalStop {
					break
				}
				lastRead = x.eos || x.rerr != nil
				mustRead = false
			}
			if ret = x.expect(r, lastRead); ret == evalWait {
				// read more, then evaluate again from the chain's head
				i = x.rs.position(r.expect.head) - 1
				mustRead = true
				continue
			}
		case actSetVar:
			x.setVar(r)
		case actUnsetVar:
			delete(x.vars, r.setVar.name)
		}
		if x.settled(ret) {
			return x.out
		}
	}
	x.success()
	return x.out
}

// success is the end of tcpcheck_main() when every rule passed.
func (x *checkRun) success() {
	r := x.cur
	switch {
	case r == nil:
		x.set(StatusL7OK, "(tcp-check)")
	case r.action == actExpect:
		if x.p.disable404 && x.st.serverUp && x.code == 404 {
			x.set(StatusL7OKC, "")
			return
		}
		msg := x.onSuccessMessage(r, "")
		st := r.expect.okStatus
		if st == StatusUnknown {
			st = StatusL7OK
		}
		x.set(st, msg)
	case r.action == actConnect:
		msg := "(tcp-check)"
		if r.connect.implicit {
			msg = ""
		}
		st := StatusL4OK
		if x.isTLS {
			st = StatusL6OK
		}
		x.set(st, msg)
	default:
		x.set(StatusL7OK, "(tcp-check)")
	}
}

func (x *checkRun) setVar(r *rule) {
	v := r.setVar
	switch {
	case v.fmt != nil:
		x.vars[v.name] = value{kind: valStr, b: v.fmt.build(x)}
	case v.expr != nil:
		if val := v.expr.eval(x); val.kind != valNone {
			x.vars[v.name] = val
		}
	}
}

// send is tcpcheck_eval_send().
func (x *checkRun) send(r *rule) evalRet {
	s := r.send
	// a new send releases the input buffer
	x.in = nil
	var data []byte
	switch s.kind {
	case sendString, sendBinary:
		if len(s.data) >= bufSize {
			x.set(StatusL7RSP, fmt.Sprintf("tcp-check send : string too large (%d) for buffer size (%d) at step %d",
				len(s.data), bufSize, r.stepID()))
			return evalStop
		}
		data = s.data
	case sendStringLF:
		data = s.fmt.build(x)
		if len(data) == 0 {
			return evalContinue
		}
	case sendBinaryLF:
		txt := s.fmt.build(x)
		if len(txt) == 0 {
			return evalContinue
		}
		b, err := parseBinary(string(txt))
		if err != nil {
			x.set(StatusL7RSP, fmt.Sprintf("tcp-check send : failed to build log-format string at step %d", r.stepID()))
			return evalStop
		}
		data = b
	case sendHTTP:
		data = httpRequest(s.http, x, x.st.stateHeader)
	}
	x.conn.SetWriteDeadline(x.deadline)
	if _, err := x.conn.Write(data); err != nil {
		if isTimeout(err) {
			x.expired()
		} else {
			x.connErr(err)
		}
		return evalStop
	}
	return evalContinue
}

// recv is tcpcheck_eval_recv(): one read of what the server sent.
func (x *checkRun) recv(r *rule) evalRet {
	got := 0
	if !x.eos && x.rerr == nil && len(x.in) < bufSize {
		buf := make([]byte, bufSize-len(x.in))
		x.conn.SetReadDeadline(x.deadline)
		n, err := x.conn.Read(buf)
		got = n
		x.in = append(x.in, buf[:n]...)
		switch {
		case err == nil:
		case errors.Is(err, io.EOF):
			x.eos = true
		case isTimeout(err):
			if n == 0 {
				x.expired()
				return evalStop
			}
		default:
			x.rerr = err
		}
	}
	if len(x.in) == 0 && x.rerr != nil {
		// network errors count only when nothing arrived
		x.connErr(x.rerr)
		return evalStop
	}
	if got == 0 && len(x.in) == 0 {
		msg := fmt.Sprintf("TCPCHK got an empty response at step %d", r.stepID())
		if r.comment != "" {
			msg += fmt.Sprintf(" comment: '%s'", r.comment)
		}
		st := r.expect.errStatus
		if st == StatusUnknown {
			st = StatusL7RSP
		}
		x.set(st, msg)
		return evalStop
	}
	return evalContinue
}

// expired is chk_report_conn_err() for a check whose time ran out.
func (x *checkRun) expired() {
	if x.done() {
		return
	}
	info := x.stepInfo()
	switch {
	case !x.connected:
		x.set(StatusL4TOUT, info)
	case x.handshake:
		x.set(StatusL6TOUT, info)
	default:
		st := StatusL7TOUT
		if x.cur != nil && x.cur.action == actExpect && x.cur.expect.toutStatus != StatusUnknown {
			st = x.cur.expect.toutStatus
		}
		x.set(st, info)
	}
}

// connErr is chk_report_conn_err() for a connection error.
func (x *checkRun) connErr(err error) {
	if x.done() {
		return
	}
	msg := errText(err) + x.stepInfo()
	switch {
	case !x.connected:
		x.set(StatusL4CON, msg)
	case x.handshake:
		x.set(StatusL6RSP, msg)
	default:
		x.set(StatusSOCKERR, msg)
	}
}

// stepInfo is the step description "option tcp-check" failures carry.
func (x *checkRun) stepInfo() string {
	if x.rs.proto != protoTCP {
		return ""
	}
	step := x.cur.stepID()
	if x.cur != nil && step == 0 {
		return " at initial connection step of tcp-check"
	}
	var b strings.Builder
	fmt.Fprintf(&b, " at step %d of tcp-check", step)
	r := x.cur
	if r == nil {
		return b.String()
	}
	switch r.action {
	case actConnect:
		if r.connect.port != 0 {
			fmt.Fprintf(&b, " (connect port %d)", r.connect.port)
		} else {
			b.WriteString(" (connect)")
		}
	case actExpect:
		e := r.expect
		switch e.kind {
		case expString:
			fmt.Fprintf(&b, " (expect string '%s')", e.data)
		case expBinary:
			fmt.Fprintf(&b, " (expect binary '%s')", e.data)
		case expStringRegex:
			b.WriteString(" (expect regex)")
		case expBinaryRegex:
			b.WriteString(" (expect binary regex)")
		case expStringLF:
			b.WriteString(" (expect log-format string)")
		case expBinaryLF:
			b.WriteString(" (expect log-format binary)")
		case expCustom:
			b.WriteString(" (expect custom function)")
		}
	case actSend:
		b.WriteString(" (send)")
	}
	if r.comment != "" {
		fmt.Fprintf(&b, " comment: '%s'", r.comment)
	}
	return b.String()
}

// errText is strerror() for a socket error.
func errText(err error) string {
	var se *os.SyscallError
	if errors.As(err, &se) {
		err = se.Err
	}
	s := err.Error()
	for _, e := range []string{"connection refused", "connection reset by peer", "broken pipe",
		"network is unreachable", "no route to host", "connection timed out", "cannot assign requested address",
		"address already in use", "too many open files", "permission denied", "host is unreachable"} {
		if strings.HasSuffix(s, e) {
			return strings.ToUpper(e[:1]) + e[1:]
		}
	}
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// cString is a C string read at the start of b (up to its first NUL).
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
