package lvs_e2e

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// pages are the canned responses of the genhash test server, by path.
func pages() map[string]string {
	big := strings.Repeat("0123456789abcdef", 6400) // 100 KiB, many reads
	return map[string]string{
		"/plain":     "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\nhello world\n",
		"/nolength":  "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nno length here\n",
		"/short":     "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello world\n",
		"/long":      "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nonly this\n",
		"/notfound":  "HTTP/1.0 404 Not Found\r\nContent-Length: 10\r\n\r\nnot found\n",
		"/big":       "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + big,
		"/empty":     "HTTP/1.0 204 No Content\r\n\r\n",
		"/noheadend": "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n",
		"/lowercase": "HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\nabcdef",
		"/bodylen":   "HTTP/1.0 200 OK\r\n\r\nContent-Length: 4\r\nxyz",
	}
}

// pageServer answers each connection with the page its request asks for
// and closes it, recording the requests.
type pageServer struct {
	ln       net.Listener
	mu       sync.Mutex
	requests []string
}

func newPageServer(t *testing.T, network, addr string, cfg *tls.Config) *pageServer {
	t.Helper()
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Skipf("listening on %s: %v", addr, err)
	}
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
	}
	s := &pageServer{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go s.serve()
	return s
}

func (s *pageServer) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go func(c net.Conn) {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(10 * time.Second))
			r := bufio.NewReader(c)
			var req bytes.Buffer
			for {
				l, err := r.ReadString('\n')
				req.WriteString(l)
				if err != nil || l == "\r\n" {
					break
				}
			}
			s.mu.Lock()
			s.requests = append(s.requests, req.String())
			s.mu.Unlock()
			path := ""
			if f := strings.Fields(req.String()); len(f) > 1 {
				path = f[1]
			}
			page, ok := pages()[path]
			if !ok {
				page = "HTTP/1.0 404 Not Found\r\n\r\n"
			}
			_, _ = c.Write([]byte(page))
		}(c)
	}
}

func (s *pageServer) port() string {
	return strconv.Itoa(s.ln.Addr().(*net.TCPAddr).Port)
}

func (s *pageServer) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.requests
	s.requests = nil
	return out
}

// selfSigned makes a certificate for the TLS server.
func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "genhash.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"genhash.test"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

// genhashRun is one run's output.
type genhashRun struct {
	stdout, stderr string
	code           int
	requests       []string
}

var responseTime = regexp.MustCompile(`(?m)^Global response time for \[(.*)\] = \d+ usecs$`)

func runGenhash(t *testing.T, srv *pageServer, argv ...string) genhashRun {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%v: %v", argv, err)
	}
	var reqs []string
	if srv != nil {
		reqs = srv.take()
	}
	return genhashRun{stdout: responseTime.ReplaceAllString(out.String(), "Global response time for [$1] = N usecs"),
		stderr: errb.String(), code: code, requests: reqs}
}

// TestE2EGenhash: hakeep's keepalived -T and genhash print what
// keepalived 2.2.7's do (stdout, stderr, exit status) and send the same
// requests, for pages with and without Content-Length, short and long
// bodies, errors, virtualhosts, protocols, SSL with a self-signed
// certificate, and bad command lines.
func TestE2EGenhash(t *testing.T) {
	realBin := harness.NeedCmd(t, "keepalived")
	oursBin := staticKeepalived(t)
	// genhash is keepalived called by that name.
	dir := t.TempDir()
	oursGenhash := filepath.Join(dir, "genhash")
	if err := os.Symlink(oursBin, oursGenhash); err != nil {
		t.Fatal(err)
	}
	realGenhash := filepath.Join(dir, "real", "genhash")
	if err := os.MkdirAll(filepath.Dir(realGenhash), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(realBin, realGenhash); err != nil {
		t.Fatal(err)
	}
	plain := newPageServer(t, "tcp4", "127.0.0.1:0", nil)
	secure := newPageServer(t, "tcp4", "127.0.0.1:0", selfSigned(t))
	v6 := newPageServer(t, "tcp6", "[::1]:0", nil)
	closed, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := strconv.Itoa(closed.Addr().(*net.TCPAddr).Port)
	closed.Close()

	p, s := plain.port(), secure.port()
	cases := []struct {
		name string
		srv  *pageServer
		args []string
	}{
		{"plain", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/plain"}},
		{"virtualhost", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/plain", "-V", "www.example.com"}},
		{"long options", plain, []string{"--server", "127.0.0.1", "--port", p, "--url", "/plain", "--use-virtualhost=v.example"}},
		{"http 1.1", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/plain", "-P", "1.1"}},
		{"http 1.0c", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/plain", "-P", "1.0c"}},
		{"no content-length", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/nolength"}},
		{"content-length shorter", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/short"}},
		{"content-length longer", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/long"}},
		{"lowercase content-length", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/lowercase"}},
		{"content-length in body", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/bodylen"}},
		{"404", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/notfound"}},
		{"empty body", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/empty"}},
		{"big body", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/big"}},
		{"no header end", plain, []string{"-s", "127.0.0.1", "-p", p, "-u", "/noheadend"}},
		{"verbose", plain, []string{"-v", "-s", "127.0.0.1", "-p", p, "-u", "/plain"}},
		{"verbose no length", plain, []string{"-v", "-s", "127.0.0.1", "-p", p, "-u", "/nolength"}},
		{"port before server", plain, []string{"-p", p, "-s", "127.0.0.1", "-u", "/plain"}},
		{"ipv6", v6, []string{"-s", "::1", "-p", v6.port(), "-u", "/plain"}},
		{"refused", nil, []string{"-s", "127.0.0.1", "-p", closedPort, "-u", "/plain", "-t", "2"}},
		{"ssl", secure, []string{"-S", "-s", "127.0.0.1", "-p", s, "-u", "/plain"}},
		{"ssl virtualhost sni", secure, []string{"-S", "-I", "-V", "genhash.test", "-s", "127.0.0.1", "-p", s, "-u", "/plain"}},
		{"ssl no length", secure, []string{"-S", "-s", "127.0.0.1", "-p", s, "-u", "/nolength"}},
		{"no arguments", nil, nil},
		{"one argument", nil, []string{"-s"}},
		{"missing url", nil, []string{"-s", "127.0.0.1", "-p", p}},
		{"bad port", nil, []string{"-s", "127.0.0.1", "-p", "80x", "-u", "/"}},
		{"bad server", nil, []string{"-s", "localhost", "-p", p, "-u", "/"}},
		{"bad protocol", nil, []string{"-s", "127.0.0.1", "-p", p, "-u", "/", "-P", "2"}},
		{"bad timeout", nil, []string{"-s", "127.0.0.1", "-p", p, "-u", "/", "-t", "x"}},
		{"unknown option", nil, []string{"-s", "127.0.0.1", "-p", p, "-u", "/", "-z"}},
		{"unknown long option", nil, []string{"-s", "127.0.0.1", "-p", p, "-u", "/", "--nope"}},
		{"missing parameter", nil, []string{"-s", "127.0.0.1", "-p", p, "-u"}},
		{"unexpected argument", nil, []string{"-s", "127.0.0.1", "-p", p, "-u", "/", "extra"}},
		{"help", nil, []string{"-h"}},
	}
	passed, failed := 0, 0
	for _, c := range cases {
		for _, mode := range []string{"-T", "genhash"} {
			ok := t.Run(c.name+"/"+mode, func(t *testing.T) {
				var ref, got genhashRun
				if mode == "-T" {
					ref = runGenhash(t, c.srv, append([]string{realBin, "-T"}, c.args...)...)
					got = runGenhash(t, c.srv, append([]string{oursBin, "-T"}, c.args...)...)
					got.stderr = strings.ReplaceAll(got.stderr, oursBin, realBin)
				} else {
					ref = runGenhash(t, c.srv, append([]string{realGenhash}, c.args...)...)
					got = runGenhash(t, c.srv, append([]string{oursGenhash}, c.args...)...)
					got.stderr = strings.ReplaceAll(got.stderr, oursGenhash, realGenhash)
				}
				if got.stdout != ref.stdout || got.stderr != ref.stderr || got.code != ref.code {
					t.Errorf("keepalived 2.2.7: exit %d\nstdout:\n%s\nstderr:\n%s\nhakeep: exit %d\nstdout:\n%s\nstderr:\n%s",
						ref.code, ref.stdout, ref.stderr, got.code, got.stdout, got.stderr)
				}
				if strings.Join(got.requests, "|") != strings.Join(ref.requests, "|") {
					t.Errorf("requests:\nkeepalived 2.2.7: %q\nhakeep: %q", ref.requests, got.requests)
				}
			})
			if ok {
				passed++
			} else {
				failed++
			}
		}
	}
	// The warning when -T is not the first option.
	ref := runGenhash(t, plain, realBin, "-l", "-T", "-s", "127.0.0.1", "-p", p, "-u", "/plain")
	got := runGenhash(t, plain, oursBin, "-l", "-T", "-s", "127.0.0.1", "-p", p, "-u", "/plain")
	if got.stdout != ref.stdout || got.stderr != ref.stderr || got.code != ref.code {
		t.Errorf("-T after -l: keepalived 2.2.7 %d %q %q, hakeep %d %q %q", ref.code, ref.stdout, ref.stderr, got.code, got.stdout, got.stderr)
		failed++
	} else {
		passed++
	}
	t.Logf("%d passed, %d failed", passed, failed)
}
