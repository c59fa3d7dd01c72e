package main

import (
	"fmt"
	"strconv"
	"strings"
)

// HAProxy's command line is not getopt-style: a flag is recognised by its
// first one or two letters ("-vfoo" is -v, "-Wx" is -W, "-dk" is -d on
// Linux), "-sf" swallows every following word that does not start with
// '-', and an unknown flag is a usage error only once it is seen. The
// normaliser below walks argv exactly as init() in src/haproxy.c (2.6)
// does, checked flag by flag against Debian's haproxy 2.6.12, and turns
// it into long options for pflag (parseOptions), one value per flag.

// argStop is what ends the program while reading the command line.
type argStop struct {
	// alert is printed first (as an ALERT) when not empty.
	alert string
	// usage prints the usage text, then exits 1.
	usage bool
	// status is the exit status when usage is false.
	status int
}

// argsResult is the command line read.
type argsResult struct {
	canon []string
	// warnings are printed while reading (e.g. -x given twice).
	warnings []string
	stop     *argStop
	// maxpconn is -N as read so far: the usage text shows it.
	maxpconn int64
}

// copyArgvOK reproduces copy_argv(), which runs first: an option that
// takes a parameter (-C -n -m -N -L -f -p -S) must have one, or HAProxy
// reports "failed to copy argv." before anything else.
func copyArgvOK(argv []string) bool {
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		if a == "" || a[0] != '-' {
			continue
		}
		flag := a[1:]
		if flag == "-" {
			return true
		}
		var c byte
		if flag != "" {
			c = flag[0]
		}
		switch c {
		case 's':
			if len(flag) > 1 && (flag[1] == 'f' || flag[1] == 't') {
				for i+1 < len(argv) && !strings.HasPrefix(argv[i+1], "-") {
					i++
				}
			}
		case 'x':
			if i+1 < len(argv) {
				i++
			}
		case 'C', 'n', 'm', 'N', 'L', 'f', 'p', 'S':
			if i+1 >= len(argv) {
				return false
			}
			i++
		}
	}
	return true
}

// atol is C's atol(): leading blanks, a sign, digits; anything else ends
// the number, and no digit means 0.
func atol(s string) int64 {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var n int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n
}

func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// parsePID reads one -sf/-st argument as strtol(arg, &end, 10) into an
// int does; the text is HAProxy's message when it does not parse.
func parsePID(flag, arg string) (int, string) {
	i := 0
	for i < len(arg) && isCSpace(arg[i]) {
		i++
	}
	j := i
	if j < len(arg) && (arg[j] == '+' || arg[j] == '-') {
		j++
	}
	k := j
	for k < len(arg) && arg[k] >= '0' && arg[k] <= '9' {
		k++
	}
	var n int64
	if k > j {
		v, err := strconv.ParseInt(arg[i:k], 10, 64)
		if err != nil {
			return 0, fmt.Sprintf("-%s option: failed to parse {%s}: Numerical result out of range", flag, arg)
		}
		n = v
	} else {
		k = 0 // strtol read nothing: the whole argument is left over
	}
	rest := strings.TrimLeft(arg[k:], " \t\n\v\f\r")
	if rest != "" {
		return 0, fmt.Sprintf("-%s option: some bytes unconsumed in PID list {%s}", flag, arg[k:])
	}
	return int(int32(n)), ""
}

// normalizeArgs reads argv (argv[0] included).
func normalizeArgs(argv []string) argsResult {
	var r argsResult
	if !copyArgvOK(argv) {
		r.stop = &argStop{alert: "failed to copy argv.", status: 1}
		return r
	}
	add := func(s ...string) { r.canon = append(r.canon, s...) }
	usage := func() argsResult {
		r.stop = &argStop{usage: true}
		return r
	}
	oldSocket := false
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		if a == "" || a[0] != '-' {
			return usage()
		}
		flag := a[1:]
		at := func(k int) byte {
			if k < len(flag) {
				return flag[k]
			}
			return 0
		}
		f0, f1 := at(0), at(1)
		switch {
		case f0 == 'v':
			if f1 == 'v' {
				add("--build-options")
			} else {
				add("--version")
			}
			return r // HAProxy prints and exits here
		case f0 == 'd' && f1 == 'e':
			add("--disable-epoll")
		case f0 == 'd' && f1 == 'p':
			add("--disable-poll")
		case f0 == 'd' && f1 == 'S':
			add("--disable-splice")
		case f0 == 'd' && f1 == 'G':
			add("--disable-getaddrinfo")
		case f0 == 'd' && f1 == 'R':
			add("--disable-reuseport")
		case f0 == 'd' && f1 == 'V':
			add("--ssl-verify-none")
		case f0 == 'V':
			add("--verbose")
		case f0 == 'd' && f1 == 'b':
			add("--foreground")
		case f0 == 'd' && f1 == 'D':
			add("--diag")
		case f0 == 'd' && f1 == 'W':
			add("--zero-warning")
		case f0 == 'd' && f1 == 'M':
			spec := flag[2:]
			add("--memory-debug=" + spec)
			help, err := checkMemoryDebug(spec)
			if err != "" {
				r.stop = &argStop{alert: "-dM: " + err, status: 1}
				return r
			}
			if help {
				return r // the help is printed and HAProxy exits 0
			}
		case f0 == 'd' && f1 == 'r':
			add("--resolve-dontfail")
		case f0 == 'd' && f1 == 'L':
			add("--dump-libs")
		case f0 == 'd' && f1 == 'K':
			add("--dump-keywords=" + flag[2:])
		case f0 == 'd':
			// -d, and -dX for any X 2.6 does not know (-dk and -dv are
			// kqueue and event ports, not built on Linux)
			add("--debug")
		case f0 == 'c' && f1 == 'c':
			i++
			if i >= len(argv) {
				return usage()
			}
			add("--check-condition=" + argv[i])
		case f0 == 'c':
			add("--check")
		case f0 == 'D':
			add("--daemon")
		case f0 == 'W' && f1 == 's':
			add("--master-worker", "--foreground", "--systemd")
		case f0 == 'W':
			add("--master-worker")
		case f0 == 'q':
			add("--quiet")
		case f0 == 'x':
			if i+1 >= len(argv) {
				r.stop = &argStop{alert: "Unix socket path expected with the -x flag\n", usage: true}
				return r
			}
			if oldSocket {
				r.warnings = append(r.warnings, "-x option already set, overwriting the value")
			}
			oldSocket = true
			i++
			add("--old-socket=" + argv[i])
		case f0 == 'S':
			i++ // copy_argv made sure there is one
			add("--master-cli=" + argv[i])
		case f0 == 's' && (f1 == 'f' || f1 == 't'):
			if f1 == 'f' {
				add("--old-pids-signal=finish")
			} else {
				add("--old-pids-signal=terminate")
			}
			for i+1 < len(argv) && !strings.HasPrefix(argv[i+1], "-") {
				i++
				pid, msg := parsePID(flag[:2], argv[i])
				if msg != "" {
					r.stop = &argStop{alert: msg, status: 1}
					return r
				}
				if pid <= 0 {
					return usage()
				}
				add("--old-pid=" + strconv.Itoa(pid))
			}
		case flag == "-":
			for _, f := range argv[i+1:] {
				add("--file=" + f)
			}
			return r
		default:
			// flags with one parameter
			i++
			if i >= len(argv) {
				return usage()
			}
			v := argv[i]
			switch f0 {
			case 'C':
				add("--chdir=" + v)
			case 'n':
				add("--maxconn=" + strconv.FormatInt(atol(v), 10))
			case 'm':
				add("--memory-limit=" + strconv.FormatInt(atol(v), 10))
			case 'N':
				r.maxpconn = atol(v)
				add("--maxpconn=" + strconv.FormatInt(r.maxpconn, 10))
			case 'L':
				add("--local-peer=" + v)
			case 'f':
				add("--file=" + v)
			case 'p':
				add("--pidfile=" + v)
			default:
				return usage()
			}
		}
	}
	return r
}

// reexecArgs is copy_argv(): the command line after argv[0] as a master
// re-executes it, without -sf/-st and their PIDs and without -x and its
// socket, which each re-execution sets anew.
func reexecArgs(argv []string) []string {
	var out []string
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		if a == "" || a[0] != '-' {
			out = append(out, a)
			continue
		}
		flag := a[1:]
		if flag == "-" {
			return append(out, argv[i:]...)
		}
		var c byte
		if flag != "" {
			c = flag[0]
		}
		switch c {
		case 's':
			if len(flag) > 1 && (flag[1] == 'f' || flag[1] == 't') {
				for i+1 < len(argv) && !strings.HasPrefix(argv[i+1], "-") {
					i++
				}
			}
			// any other -s... is dropped too, as copy_argv() drops it
		case 'x':
			if i+1 < len(argv) {
				i++
			}
		case 'C', 'n', 'm', 'N', 'L', 'f', 'p', 'S':
			out = append(out, a)
			if i+1 < len(argv) {
				i++
				out = append(out, argv[i])
			}
		default:
			out = append(out, a)
		}
	}
	return out
}
