package check

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"time"
)

// closeConn ends the check's connection: with a reset, as 2.6 closes
// check connections, unless the connect rule asked for "linger".
func (x *checkRun) closeConn() {
	if x.conn == nil {
		return
	}
	if x.stopCancel != nil {
		x.stopCancel()
		x.stopCancel = nil
	}
	if x.tcp != nil && !x.lingerRule() {
		x.tcp.SetLinger(0)
	}
	x.conn.Close()
	x.conn, x.tcp, x.connected, x.isTLS = nil, nil, false, false
}

// lingerRule reports whether the connection in use was opened with
// "linger" (smtp, pgsql and mysql checks close gracefully).
func (x *checkRun) lingerRule() bool {
	for i := x.rs.position(x.cur); i >= 0; i-- {
		if r := x.rs.rules[i]; r.action == actConnect {
			return r.connect.linger
		}
	}
	return false
}

// connect is tcpcheck_eval_connect().
func (x *checkRun) connect(r *rule, i int) evalRet {
	x.closeConn()
	x.in, x.eos, x.rerr = nil, false, nil
	c := r.connect
	p := x.p
	start := time.Now()
	// the connection (and TLS handshake) gets min(inter, timeout connect)
	// when "timeout check" is set, inter otherwise (section 4.2,
	// "timeout check")
	limit := p.inter
	if p.timeoutCheck > 0 && p.timeoutConnect > 0 && p.timeoutConnect < limit {
		limit = p.timeoutConnect
	}
	x.deadline = start.Add(limit)

	network, addr, err := x.target(c)
	if err != nil {
		x.set(StatusSOCKERR, err.Error())
		return evalStop
	}
	next := x.rs.nextRule(i)
	d := net.Dialer{Deadline: x.deadline, KeepAlive: -1}
	if network == "tcp" {
		if err := p.bindSource(&d, next == nil || next.action != actExpect); err != nil {
			x.set(StatusSOCKERR, errText(err)+x.stepInfo())
			return evalStop
		}
	}
	conn, err := d.DialContext(x.ctx, network, addr)
	if err != nil {
		if isTimeout(err) {
			x.expired()
		} else {
			x.connErr(err)
		}
		return evalStop
	}
	x.conn, x.connected = conn, true
	x.tcp, _ = conn.(*net.TCPConn)
	// stopping the checks interrupts the I/O at once
	x.stopCancel = context.AfterFunc(x.ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })

	if pp := p.proxyHeader(c, x.agentCheck(), conn); pp != nil {
		conn.SetWriteDeadline(x.deadline)
		if _, err := conn.Write(pp); err != nil {
			x.connErr(err)
			return evalStop
		}
	}
	if cfg := p.tlsFor(c); cfg != nil {
		x.handshake = true
		tc := tls.Client(conn, cfg)
		tc.SetDeadline(x.deadline)
		if err := tc.HandshakeContext(x.ctx); err != nil {
			if isTimeout(err) {
				x.expired()
			} else {
				x.set(StatusL6RSP, "SSL handshake failure"+x.stepInfo())
			}
			return evalStop
		}
		x.handshake, x.isTLS = false, true
		x.conn = tc
	}
	// connected: the rest of the check gets "timeout check" if set
	if p.timeoutCheck > 0 {
		x.deadline = time.Now().Add(p.timeoutCheck)
	}
	return evalContinue
}

func (x *checkRun) agentCheck() bool { return x.rs.proto == protoAgent }

// target is the address a connect rule goes to: its own, else the
// check's ("addr", "port"), else the server's.
func (x *checkRun) target(c *connectRule) (network, addr string, err error) {
	p := x.p
	if p.unixPath != "" && !c.addr.IsValid() && !p.addr.IsValid() {
		if p.abstract {
			return "unix", "@" + p.unixPath, nil
		}
		return "unix", p.unixPath, nil
	}
	ip := c.addr
	if !ip.IsValid() {
		ip = p.addr
	}
	if !ip.IsValid() {
		ip = p.srvAddr
	}
	port := c.port
	if port == 0 && c.portExpr != nil {
		if n, ok := c.portExpr.eval(x).int(); ok {
			port = int(n)
		}
	}
	if port == 0 && c.addr.IsValid() {
		port = c.addrPort
	}
	if port == 0 {
		port = p.port
	}
	if port == 0 && p.addr.IsValid() {
		port = p.addrPort
	}
	if port == 0 {
		port = p.srvPort
	}
	if !ip.IsValid() {
		return "", "", fmt.Errorf("no address")
	}
	return "tcp", net.JoinHostPort(ip.Unmap().String(), fmt.Sprint(port)), nil
}
