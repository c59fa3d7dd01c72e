// Package genhash is keepalived's genhash utility (genhash(1), keepalived
// -T/--genhash; check/check_genhash.c): it fetches one url as HTTP_GET or
// SSL_GET would and prints the MD5 digest of the body, the value a url's
// digest keyword takes.
package genhash

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hakeep/ipvs/check"
)

// request is what the command line asks for.
type request struct {
	verbose, ssl, sni bool
	server            netip.Addr
	serverSet         bool
	port              uint16
	vhost             string
	url               string
	fwmark            uint32
	protocol          string
	timeout           time.Duration
}

// Main runs genhash on the whole command line argv, whose options start
// at argv[first] (1 for genhash, after -T for keepalived). asGenhash says
// it was called by that name: the usage line then has no " --genhash".
// It returns the exit status.
func Main(argv []string, first int, asGenhash bool, stdout, stderr io.Writer) int {
	// Without -t, the timeout is keepalived's "unset" UINT_MAX
	// microseconds.
	r := request{timeout: time.Duration(^uint32(0)) * time.Microsecond}
	// keepalived's trivial sanity check counts the whole command line.
	if len(argv) <= 2 || !r.parse(argv[first:], stderr) {
		usage(stderr, argv[0], asGenhash)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	r.run(ctx, stdout, stderr)
	if r.verbose {
		fmt.Fprintf(stdout, "\nGlobal response time for [%s] = %d usecs\n", r.url, time.Since(start).Microseconds())
	}
	return 0
}

// parse is check_genhash_parse_cmdline(): false sends the usage.
func (r *request) parse(args []string, stderr io.Writer) bool {
	events, operands := scan(args)
	var server, port, url bool
	bad := false
	for _, ev := range events {
		switch ev.c {
		case 'h':
			bad = true
		case 'v':
			r.verbose = true
		case 'S':
			r.ssl = true
		case 'I':
			r.sni = true
		case 's':
			a, ok := serverAddr(ev.value)
			if !ok {
				fmt.Fprintf(stderr, "server should be an IP, not %s\n", ev.value)
				return false
			}
			r.server, server = a, true
		case 'V':
			r.vhost = ev.value
		case 'p':
			n, err := strconv.ParseInt(ev.value, 10, 64)
			if err != nil || n <= 0 || n > 65535 {
				fmt.Fprintf(stderr, "invalid port number '%s'\n", ev.value)
				return false
			}
			r.port, port = uint16(n), true
		case 'u':
			r.url, url = ev.value, true
		case 'm':
			n, ok := cUnsigned(ev.value)
			if !ok {
				fmt.Fprintf(stderr, "invalid fwmark '%s'\n", ev.value)
				return false
			}
			r.fwmark = uint32(n)
		case 'P':
			switch ev.value {
			case "1.0", "1.1":
				r.protocol = ev.value
			case "1.0c", "1.0C":
				r.protocol = "1.0C"
			default:
				fmt.Fprintf(stderr, "invalid HTTP protocol version '%s'\n", ev.value)
				return false
			}
		case 't':
			n, ok := cUnsigned(ev.value)
			if !ok || strings.TrimLeft(ev.value, " \t") == "" {
				fmt.Fprintf(stderr, "invalid timeout '%s'\n", ev.value)
				return false
			}
			r.timeout = time.Duration(uint32(n)) * time.Second
		case '?', ':':
			fmt.Fprintln(stderr, ev.text)
			bad = true
		}
	}
	if bad {
		return false
	}
	if len(operands) > 0 {
		fmt.Fprintf(stderr, "Unexpected argument(s): %s\n", strings.Join(operands, " "))
		return false
	}
	return server && port && url
}

// serverAddr is inet_stosockaddr(): IPv6 when there is a colon, and
// anything from a '-' or '/' on is dropped.
func serverAddr(s string) (netip.Addr, bool) {
	if i := strings.IndexAny(s, "-/"); i >= 0 {
		s = s[:i]
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" || a.Is4() == strings.Contains(s, ":") {
		return netip.Addr{}, false
	}
	return a, true
}

// cUnsigned is strtoul(s, &end, 10) after leading blanks, with nothing
// after the digits and no minus sign.
func cUnsigned(s string) (uint64, bool) {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, "-") {
		return 0, false
	}
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// run fetches the url and prints the digest, or what went wrong as the
// checker would have logged it.
func (r *request) run(ctx context.Context, stdout, stderr io.Writer) {
	req := &check.HTTPRequest{
		Conn:     check.Conn{Dst: netip.AddrPortFrom(r.server, r.port), FWMark: r.fwmark, Timeout: r.timeout},
		Path:     r.url,
		Host:     r.vhost,
		Protocol: r.protocol,
		Digest:   true,
	}
	if r.verbose {
		req.Verbose = stdout
	}
	if r.ssl {
		req.TLS = &tls.Config{InsecureSkipVerify: true}
		if r.sni {
			req.TLS.ServerName = r.vhost
		}
	}
	resp, err := check.HTTPGet(ctx, req)
	var he *check.HTTPError
	switch {
	case errors.As(err, &he) && he.Local:
		// keepalived's checker reschedules; genhash has nothing more to
		// do.
		fmt.Fprintln(stderr, "WEB socket bind failed.")
	case errors.As(err, &he):
		fmt.Fprintln(stdout, he.Msg)
	case err != nil:
		fmt.Fprintln(stdout, "Error connecting")
	case !resp.Extracted:
		fmt.Fprintln(stderr, "no data received from remote webserver")
	default:
		fmt.Fprintf(stdout, "%x\n", resp.Digest)
	}
}

// usage is genhash_usage().
func usage(w io.Writer, prog string, asGenhash bool) {
	suffix := " --genhash"
	if asGenhash {
		suffix = ""
	}
	fmt.Fprintf(w, "Usage: %s%s COMMAND [OPTIONS]\n"+
		"Commands:\n"+
		"   -s server-address -p port -u url\n"+
		"   -S -s server-address -p port -u url\n"+
		"   -h\n\n", prog, suffix)
	fmt.Fprint(w, "Options:\n"+
		"Either long or short options are allowed.\n"+
		"   --use-ssl         -S       Use SSL connection to remote server.\n"+
		"   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n"+
		"   --server          -s       Use the specified remote server address.\n"+
		"   --port            -p       Use the specified remote server port.\n"+
		"   --url             -u       Use the specified remote server url.\n"+
		"   --use-virtualhost -V       Use the specified virtualhost in GET query.\n"+
		"   --verbose         -v       Use verbose mode output.\n"+
		"   --help            -h       Display this short inlined help screen.\n"+
		"   --fwmark          -m       Use the specified FW mark.\n"+
		"   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n"+
		"                                1.0c means 1.0 with 'Connection: close'\n"+
		"   --timeout         -t       Timeout in seconds\n")
}
