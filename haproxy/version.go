package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

const (
	// hakeepVersion and hakeepDate identify this build of hakeep.
	hakeepVersion = "0.1"
	hakeepDate    = "2026/11/21"
	// haproxyVersion is what hakeep reports as its HAProxy version: the
	// release it emulates, then "-hakeep-" and its own version. HAProxy's
	// split_version() reads it as 2.6.12, so version_atleast() and
	// harnesses that parse "HAProxy version X.Y.Z" see 2.6.12.
	haproxyVersion = "2.6.12-hakeep-" + hakeepVersion
)

// printVersion is display_version() of src/haproxy.c.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "HAProxy version %s %s - https://haproxy.org/\n", haproxyVersion, hakeepDate)
	fmt.Fprintf(w, "Status: hakeep %s, a Go drop-in replacement for HAProxy 2.6.12 (long-term supported branch).\n", hakeepVersion)
	fmt.Fprintf(w, "Known bugs: http://www.haproxy.org/bugs/bugs-2.6.12.html\n")
	if u, ok := uname(); ok {
		fmt.Fprintf(w, "Running on: %s\n", u)
	}
}

// uname is "sysname release version machine", as HAProxy prints it.
func uname() (string, bool) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "", false
	}
	return strings.Join([]string{
		unix.ByteSliceToString(u.Sysname[:]),
		unix.ByteSliceToString(u.Release[:]),
		unix.ByteSliceToString(u.Version[:]),
		unix.ByteSliceToString(u.Machine[:]),
	}, " "), true
}

// printBuildOptions is display_build_opts(): what this build does, in
// HAProxy's layout so that scripts reading -vv find their lines.
func printBuildOptions(w io.Writer) {
	var opts []string
	for _, f := range features() {
		if f.on {
			opts = append(opts, "USE_"+f.name+"=1")
		}
	}
	fmt.Fprintf(w, "Build options :\n")
	fmt.Fprintf(w, "  TARGET  = linux-go\n")
	fmt.Fprintf(w, "  CPU     = %s\n", runtime.GOARCH)
	fmt.Fprintf(w, "  CC      = %s\n", runtime.Version())
	fmt.Fprintf(w, "  CFLAGS  = \n")
	fmt.Fprintf(w, "  OPTIONS = %s\n", strings.Join(opts, " "))
	fmt.Fprintf(w, "  DEBUG   = \n")
	fmt.Fprintf(w, "\nFeature list : %s\n", featureList())
	fmt.Fprintf(w, "\nDefault settings :\n  bufsize = 16384, maxrewrite = 1024, maxpollevents = 200\n\n")
	threads := runtime.NumCPU()
	if threads > 64 {
		threads = 64
	}
	fmt.Fprintf(w, "Built with multi-threading support (MAX_THREADS=64, default=%d).\n", threads)
	fmt.Fprintf(w, "Built with Go's crypto/tls (%s) instead of OpenSSL; OpenSSL predicates answer as %q.\n", runtime.Version(), "OpenSSL 3.0.19")
	fmt.Fprintf(w, "OpenSSL library supports TLS extensions : yes\n")
	fmt.Fprintf(w, "OpenSSL library supports SNI : yes\n")
	fmt.Fprintf(w, "OpenSSL library supports : TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3\n")
	fmt.Fprintf(w, "Built with the Prometheus exporter as a service\n")
	fmt.Fprintf(w, "Built with Go's compress/flate for compression.\n")
	fmt.Fprintf(w, "Compression algorithms supported : identity(\"identity\"), deflate(\"deflate\"), raw-deflate(\"deflate\"), gzip(\"gzip\")\n")
	fmt.Fprintf(w, "Built with transparent proxy support using: IP_TRANSPARENT IPV6_TRANSPARENT IP_FREEBIND\n")
	fmt.Fprintf(w, "Built without PCRE or PCRE2 support (using Go's regexp package, RE2 syntax, instead).\n")
	fmt.Fprintf(w, "Encrypted password support via crypt(3): yes\n")
	fmt.Fprintf(w, "Built with go compiler version %s\n", strings.TrimPrefix(runtime.Version(), "go"))
	fmt.Fprintf(w, "\nAvailable polling systems :\n")
	fmt.Fprintf(w, "      epoll : pref=300,  test result OK\n")
	fmt.Fprintf(w, "Total: 1 (1 usable), will use epoll.\n")
	fmt.Fprintf(w, "\nAvailable multiplexer protocols :\n")
	fmt.Fprintf(w, "(protocols marked as <default> cannot be specified using 'proto' keyword)\n")
	fmt.Fprintf(w, "         h2 : mode=HTTP  side=FE|BE  mux=H2    flags=HTX|HOL_RISK|NO_UPG\n")
	fmt.Fprintf(w, "  <default> : mode=HTTP  side=FE|BE  mux=H1    flags=HTX\n")
	fmt.Fprintf(w, "         h1 : mode=HTTP  side=FE|BE  mux=H1    flags=HTX|NO_UPG\n")
	fmt.Fprintf(w, "  <default> : mode=TCP   side=FE|BE  mux=PASS  flags=\n")
	fmt.Fprintf(w, "       none : mode=TCP   side=FE|BE  mux=PASS  flags=NO_UPG\n")
	fmt.Fprintf(w, "\nAvailable services : prometheus-exporter\n")
	fmt.Fprintf(w, "Available filters :\n\n")
}
