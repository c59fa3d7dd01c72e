package tlse2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// obs is what a client saw of one connection: compared field by field
// between the two proxies.
type obs struct {
	OK      bool
	Alert   string
	Cert    string
	Proto   string
	Cipher  string
	ALPN    string
	Curve   string
	OCSP    bool
	Resumed bool
	Body    string
}

func (o obs) String() string {
	if !o.OK {
		return "refused " + o.Alert
	}
	s := fmt.Sprintf("cert=%s proto=%s cipher=%s alpn=%q curve=%s ocsp=%v resumed=%v", o.Cert, o.Proto, o.Cipher, o.ALPN, o.Curve, o.OCSP, o.Resumed)
	if o.Body != "" {
		s += " body=" + strings.TrimSpace(o.Body)
	}
	return s
}

// goClient is a Go client's offer.
type goClient struct {
	sni      string
	min, max uint16
	suites   []uint16
	curves   []tls.CurveID
	alpn     []string
	cert     string
	// handshakes > 1 resume the first one's session; the last is
	// observed.
	handshakes int
	// req is an HTTP/1.1 request path to send; send a line to send
	// and read one back (mode tcp).
	req, send string
	// warm is the address of the warm-up handshakes, when not the
	// observed one's.
	warm string
	// closeWrite sends a close_notify right after the request.
	closeWrite bool
}

// alertOf is the TLS alert an error reports ("unrecognized name"), or
// "failed".
func alertOf(err error) string {
	var ae tls.AlertError
	if errors.As(err, &ae) {
		return strings.TrimPrefix(ae.Error(), "tls: ")
	}
	s := err.Error()
	if i := strings.Index(s, "remote error: tls: "); i >= 0 {
		return s[i+len("remote error: tls: "):]
	}
	return "failed"
}

func (g goClient) run(p *pki, addr string) obs {
	cfg := &tls.Config{ServerName: g.sni, InsecureSkipVerify: true, MinVersion: g.min, MaxVersion: g.max,
		CipherSuites: g.suites, CurvePreferences: g.curves, NextProtos: g.alpn}
	if g.cert != "" {
		c, err := tls.X509KeyPair(p.pems[g.cert], p.pems[g.cert])
		if err != nil {
			return obs{Alert: "bad client certificate " + g.cert}
		}
		// sent whatever CA names the server lists, as
		// "openssl s_client -cert" does
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &c, nil }
	}
	if g.handshakes > 1 {
		cfg.ClientSessionCache = tls.NewLRUClientSessionCache(4)
	}
	n := g.handshakes
	if n < 1 {
		n = 1
	}
	var o obs
	for i := 0; i < n; i++ {
		a := addr
		if i < n-1 && g.warm != "" {
			a = g.warm
		}
		o = g.once(p, a, cfg, i < n-1)
	}
	return o
}

func (g goClient) once(p *pki, addr string, cfg *tls.Config, warmup bool) obs {
	d := &net.Dialer{Timeout: 3 * time.Second}
	raw, err := d.Dial("tcp", addr)
	if err != nil {
		return obs{Alert: "connect: " + err.Error()}
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(5 * time.Second))
	c := tls.Client(raw, cfg)
	if err := c.HandshakeContext(context.Background()); err != nil {
		return obs{Alert: alertOf(err)}
	}
	cs := c.ConnectionState()
	o := obs{OK: true, Proto: tls.VersionName(cs.Version), Cipher: tls.CipherSuiteName(cs.CipherSuite),
		ALPN: cs.NegotiatedProtocol, Curve: cs.CurveID.String(), OCSP: len(cs.OCSPResponse) > 0, Resumed: cs.DidResume}
	if len(cs.PeerCertificates) > 0 {
		o.Cert = p.label(cs.PeerCertificates[0].Raw)
	}
	switch {
	case g.req != "":
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", g.req)
		if g.closeWrite {
			// the request's last record and a close_notify
			// arrive together
			c.CloseWrite()
		}
		body, err := io.ReadAll(c)
		if err != nil && len(body) == 0 {
			// a refused client certificate (TLS 1.3) shows here
			o.OK, o.Alert = false, alertOf(err)
			return o
		}
		o.Body = httpSummary(body)
	case g.send != "":
		fmt.Fprint(c, g.send+"\n")
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil {
			o.OK, o.Alert = false, alertOf(err)
			return o
		}
		o.Body = line
	case warmup || cfg.MaxVersion == 0 || cfg.MaxVersion >= tls.VersionTLS13:
		// TLS 1.3 tickets and client certificate verdicts come after
		// the handshake: wait for the server to speak or close
		c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		var b [1]byte
		if _, err := c.Read(b[:]); err != nil && !isTimeout(err) && !errors.Is(err, io.EOF) {
			o.OK, o.Alert = false, alertOf(err)
		}
	}
	return o
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// httpSummary is a response's status line and body.
func httpSummary(resp []byte) string {
	head, body, _ := bytes.Cut(resp, []byte("\r\n\r\n"))
	status, fields, _ := bytes.Cut(head, []byte("\r\n"))
	s := string(status)
	for _, f := range strings.Split(string(fields), "\r\n") {
		// a redirect's target, headers the configuration adds
		if k, v, ok := strings.Cut(f, ":"); ok && (strings.EqualFold(k, "location") || strings.HasPrefix(strings.ToLower(k), "x-")) {
			s += " " + strings.ToLower(k) + "=" + strings.TrimSpace(v)
		}
	}
	return s + " | " + string(body)
}

// osslClient is an "openssl s_client" offer: what Go cannot make
// (signature algorithms, a TLS 1.3-only cipher list, OCSP requests...).
type osslClient struct {
	sni  string
	args []string
}

var (
	reNew    = regexp.MustCompile(`(?m)^New, (\S+), Cipher is (\S+)`)
	reALPN   = regexp.MustCompile(`(?m)^ALPN protocol: (\S+)`)
	reAlert  = regexp.MustCompile(`alert ([a-z ]+?):`)
	reGroup  = regexp.MustCompile(`(?m)^(?:Server Temp Key|Negotiated TLS1.3 group): ([^, \n]+)`)
	reStatus = regexp.MustCompile(`OCSP Response Status: successful`)
)

func (oc osslClient) run(p *pki, addr string) obs {
	args := []string{"s_client", "-connect", addr}
	if oc.sni != "" {
		args = append(args, "-servername", oc.sni)
	} else {
		args = append(args, "-noservername")
	}
	args = append(args, oc.args...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "openssl", args...)
	cmd.Stdin = strings.NewReader("")
	out, _ := cmd.CombinedOutput()
	s := string(out)
	o := obs{}
	m := reNew.FindStringSubmatch(s)
	if m == nil || m[2] == "(NONE)" {
		o.Alert = "failed"
		if a := reAlert.FindStringSubmatch(s); a != nil {
			o.Alert = a[1]
		}
		return o
	}
	o.OK, o.Proto, o.Cipher = true, m[1], m[2]
	if a := reALPN.FindStringSubmatch(s); a != nil {
		o.ALPN = a[1]
	}
	if g := reGroup.FindStringSubmatch(s); g != nil {
		o.Curve = g[1]
	}
	o.OCSP = reStatus.MatchString(s)
	if i := strings.Index(s, "-----BEGIN CERTIFICATE-----"); i >= 0 {
		if b, _ := pem.Decode([]byte(s[i:])); b != nil {
			o.Cert = p.label(b.Bytes)
		}
	}
	return o
}
