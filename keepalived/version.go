package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

const (
	// hakeepVersion is this build's version.
	hakeepVersion = "0.1.0-dev"
	// emulated is the keepalived release hakeep behaves as, written as
	// keepalived writes its version: tools read "v2.2.7" as the second
	// word of the first line of `keepalived -v`.
	emulated = "Keepalived v2.2.7 (01/16,2022)"
)

// printVersion is -v: keepalived's first line, with hakeep named after it
// (where keepalived's own builds put ", git commit ..."), then what hakeep
// is and where it runs. Like keepalived, it writes to stderr.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "%s, hakeep %s\n\n", emulated, hakeepVersion)
	fmt.Fprintf(w, "hakeep %s: keepalived 2.2.7 reimplemented in Go\n\n", hakeepVersion)
	var u syscall.Utsname
	if syscall.Uname(&u) == nil {
		fmt.Fprintf(w, "Running on %s %s %s\n", utsString(u.Sysname[:]), utsString(u.Release[:]), utsString(u.Version[:]))
	}
	if d := distro(); d != "" {
		fmt.Fprintf(w, "Distro: %s\n", d)
	}
	fmt.Fprintf(w, "\nConfig options:  LVS VRRP VRRP_AUTH VRRP_VMAC BFD JSON NFTABLES\n")
}

func utsString(b []int8) string {
	var s strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		s.WriteByte(byte(c))
	}
	return s.String()
}

// distro is PRETTY_NAME from os-release, as keepalived's report_distro().
func distro() string {
	f, err := os.Open("/etc/os-release")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	return ""
}

// signum is --signum: the signal number keepalived uses for a function
// (lib/signals.c get_signum), as Debian's build numbers them.
func signum(name string) (int, bool) {
	n, ok := map[string]int{
		"STOP":        int(syscall.SIGTERM),
		"RELOAD":      int(syscall.SIGHUP),
		"DATA":        int(syscall.SIGUSR1),
		"STATS":       int(syscall.SIGUSR2),
		"STATS_CLEAR": 63, // SIGRTMAX - 1 with glibc
		"JSON":        36, // SIGRTMIN + 2 with glibc
	}[name]
	return n, ok
}
