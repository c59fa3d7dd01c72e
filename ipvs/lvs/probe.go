package lvs

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"syscall"

	"hakeep/ipvs/check"
)

// NetProber runs the checkers' tests on the network (hakeep/ipvs/check).
type NetProber struct{}

// Probe runs one attempt.
func (NetProber) Probe(ctx context.Context, a Attempt) Result {
	ck := a.Checker
	conn := check.Conn(ck.Conn)
	switch ck.Type {
	case TCPCheck:
		return dialResult(check.TCP(ctx, conn))
	case HTTPGet, SSLGet:
		return probeHTTP(ctx, a)
	case MiscCheck:
		return probeMisc(ctx, a)
	case SMTPCheck:
		err := check.SMTP(ctx, conn, ck.SMTP.HeloName, a.RS.Addr)
		var se *check.SMTPError
		switch {
		case err == nil:
			return Result{}
		case errors.As(err, &se) && se.Local:
			return Result{Outcome: Local, Socket: se.Socket, Msg: se.Log}
		}
		return Result{Outcome: Failed, Msg: err.Error()}
	case DNSCheck:
		err := check.DNS(ctx, conn, ck.DNS.Type, ck.DNS.Name)
		var de *check.DNSError
		switch {
		case err == nil:
			return Result{}
		case errors.As(err, &de) && de.Local:
			return Result{Outcome: Local, Socket: de.Socket, Msg: de.Log}
		}
		return Result{Outcome: Failed, Msg: err.Error()}
	case UDPCheck:
		u := ck.UDP
		err := check.UDP(ctx, conn, check.UDPCheck{Payload: u.Payload, RequireReply: u.RequireReply, Reply: u.Reply,
			ReplyMask: u.ReplyMask, MinReply: u.MinReplyLength, MaxReply: u.MaxReplyLength})
		switch {
		case err == nil:
			return Result{}
		case errors.Is(err, check.ErrUDPMismatch):
			return Result{Outcome: Failed, Msg: "reply data mismatch"}
		case errors.Is(err, check.ErrUDPNoReply):
			return Result{Outcome: Failed}
		}
		r := dialResult(err)
		if r.Outcome == Refused {
			r.Outcome = Failed
		}
		return r
	case PingCheck:
		return dialResult(check.Ping(ctx, conn))
	}
	return Result{Outcome: Failed}
}

// dialResult classes a connection attempt.
func dialResult(err error) Result {
	if err == nil {
		return Result{}
	}
	class, immediate, sock := check.ClassOf(err)
	switch {
	case immediate && class == check.Fail:
		return Result{Outcome: Refused}
	case immediate:
		return Result{Outcome: Local, Socket: sock, Msg: check.LogOf(err)}
	case class == check.Timeout:
		return Result{Outcome: Timeout}
	}
	return Result{Outcome: Failed, Msg: check.LogOf(err)}
}

// probeHTTP fetches the attempt's url.
func probeHTTP(ctx context.Context, a Attempt) Result {
	h := a.Checker.HTTP
	u := h.URLs[a.URL]
	req := &check.HTTPRequest{
		Conn: check.Conn(a.Checker.Conn), Path: u.Path, Host: h.VirtualHost, Protocol: h.Protocol,
		Digest: u.Digest != nil, Regex: u.Regex, RegexMin: u.RegexMinOffset, RegexMax: u.RegexMaxOffset,
	}
	if u.VirtualHost != "" {
		req.Host = u.VirtualHost
	}
	if a.Checker.Type == SSLGet {
		cfg, err := tlsConfig(h, u)
		if err != nil {
			return Result{Outcome: Failed, Msg: "SSL handshake/communication error connecting to"}
		}
		req.TLS = cfg
	}
	resp, err := check.HTTPGet(ctx, req)
	if err != nil {
		var he *check.HTTPError
		if errors.As(err, &he) {
			if he.Local {
				return Result{Outcome: Local, Socket: he.Socket, Msg: he.Log}
			}
			return Result{Outcome: Failed, Msg: he.Msg}
		}
		return Result{Outcome: Failed, Msg: "Error connecting"}
	}
	return Result{HTTP: &HTTPResponse{
		Extracted: resp.Extracted, StatusCode: resp.StatusCode, ContentLength: resp.ContentLength,
		RxBytes: resp.RxBytes, Digest: resp.Digest, RegexMatched: resp.RegexMatched,
	}}
}

// tlsConfig is the SSL block's context (build_ssl_ctx()): the client
// certificate when one is given, no verification of the server, and the
// name sent with enable_sni. The key exchange groups are those OpenSSL
// 3.0, keepalived's library, offers by default that crypto/tls has
// (x25519, secp256r1, secp521r1, secp384r1): Go's default adds the
// hybrid X25519MLKEM768, which 2.2.7 never offers and which makes each
// handshake heavier for the checker and the real server.
func tlsConfig(h *HTTPConfig, u *URL) (*tls.Config, error) {
	cfg := &tls.Config{InsecureSkipVerify: true,
		CurvePreferences: []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP521, tls.CurveP384}}
	if f := h.TLS; f != nil && f.Certificate != "" {
		key := f.Key
		if key == "" {
			key = f.Certificate
		}
		cert, err := tls.LoadX509KeyPair(f.Certificate, key)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if h.EnableSNI {
		cfg.ServerName = h.SNIHost
		if u.VirtualHost != "" {
			cfg.ServerName = u.VirtualHost
		}
	}
	return cfg, nil
}

// probeMisc runs a MISC_CHECK's script for misc_timeout, or the virtual
// server's delay_loop.
func probeMisc(ctx context.Context, a Attempt) Result {
	m := a.Checker.Misc
	timeout := m.Timeout
	if timeout == 0 {
		timeout = a.VS.DelayLoop
	}
	r := check.RunScript(ctx, check.Script{Args: m.Script.Args, UID: m.Script.UID, GID: m.Script.GID, Timeout: timeout})
	out := Result{Exit: ExitStatus{Exited: r.Exited, Code: r.Code, Signal: int(r.Signal), TimedOut: r.TimedOut}}
	if r.Err != nil {
		// The child logs the failed exec and exits 0.
		var errno syscall.Errno
		if !errors.As(r.Err, &errno) {
			errno = syscall.ENOENT
		}
		prog := ""
		if len(m.Script.Args) > 0 {
			prog = m.Script.Args[0]
		}
		out.Msg = fmt.Sprintf("Error exec-ing command '%s', error %d: %s", prog, int(errno), errnoText(errno))
		out.Exit = ExitStatus{Exited: true}
	}
	return out
}

// errnoText is strerror()'s capitalised text.
func errnoText(e syscall.Errno) string {
	s := e.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// localAddrs lists the addresses of the local interfaces.
func localAddrs() ([]netip.Addr, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []netip.Addr
	for _, a := range addrs {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			out = append(out, p.Addr())
		}
	}
	return out, nil
}

// readTrackFile reads FILE_CHECK files, logging refused numbers as
// keepalived does.
func readTrackFile(log *slog.Logger) func(*FileConfig) int64 {
	last := map[string]int64{}
	bad := map[string]int64{}
	return func(f *FileConfig) int64 {
		v, ok := check.TrackFile(f.Path)
		if !ok {
			// keepalived logs on each change of the file; the file is
			// polled here, so a refused number is logged once.
			if b, seen := bad[f.Path]; !seen || b != v {
				log.Info(fmt.Sprintf("Invalid number %d read from %s - ignoring", v, f.Path))
				bad[f.Path] = v
			}
			return last[f.Path]
		}
		delete(bad, f.Path)
		last[f.Path] = v
		return v
	}
}
