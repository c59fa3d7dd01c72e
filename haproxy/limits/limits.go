// Package limits computes HAProxy 2.6's connection and file descriptor
// limits from the configuration and the limits the process started with,
// and applies them (configuration.txt section 3.2 "maxconn", "ulimit-n",
// "fd-hard-limit", "maxpipes"; src/haproxy.c compute_ideal_maxconn(),
// compute_ideal_maxsock(), compute_ideal_maxpipes() and the rlimit code
// of main()). The figures must be 2.6's to the unit: they are what
// "show info" reports and what an operator sized the system for.
package limits

// DefaultMaxConn is DEFAULT_MAXCONN: the floor of the automatic maxconn.
const DefaultMaxConn = 100

// ReservedFDs is what init() starts global.maxsock at ("reserve 10 fds").
const ReservedFDs = 10

// SpliceProxy is a proxy with one of the "option splice-*" set, which
// needs pipes.
type SpliceProxy struct {
	Frontend, Backend bool
	// MaxConn is the proxy's maxconn, FullConn its fullconn; 0 is unset.
	MaxConn, FullConn int
}

// Inputs are what the computation reads.
type Inputs struct {
	// MaxConn is the global maxconn, or -n which overrides it; 0 means
	// automatic.
	MaxConn int
	// UlimitN is "ulimit-n", FDHardLimit "fd-hard-limit", MaxPipes
	// "maxpipes"; 0 means unset.
	UlimitN, FDHardLimit, MaxPipes int
	// NbThread is the number of threads (one poller fd and a wake-up
	// pipe each in 2.6).
	NbThread int
	// Sockets are the listening sockets (each "socket eater" adds one).
	Sockets int
	// CLIMaxConn is the stats sockets' "stats maxconn" (10 unless set)
	// when there is any stats socket, PeersMaxConn the peers sections'
	// maxconn: both bypass the global limit.
	CLIMaxConn, PeersMaxConn int
	// Splice lists the proxies using splice.
	Splice []SpliceProxy
	// BootCur and BootMax are RLIMIT_NOFILE when the process started
	// (an infinite max counts as the current value).
	BootCur, BootMax int
}

// Result is the computed limits.
type Result struct {
	// MaxConn is global.maxconn; Auto tells it was computed.
	MaxConn int
	Auto    bool
	// MaxPipes is global.maxpipes.
	MaxPipes int
	// MaxSock is the number of file descriptors the process may need.
	MaxSock int
	// NoFile is the RLIMIT_NOFILE to set: ulimit-n, else MaxSock.
	NoFile int
}

// baseSock is global.maxsock before maxconn is known: the reserve, the
// listening sockets, and the CLI and peers connections.
func (in Inputs) baseSock() int {
	return ReservedFDs + in.Sockets + in.CLIMaxConn + in.PeersMaxConn
}

// threadFDs is one epoll fd and one wake-up pipe per thread.
func (in Inputs) threadFDs() int {
	n := max(in.NbThread, 1)
	return n + 2*n
}

// idealMaxPipes is compute_ideal_maxpipes() for a given global maxconn
// (0 when not known yet); -1 means unlimited.
func (in Inputs) idealMaxPipes(maxconn int) int {
	nbfe, nbbe := 0, 0
	unlimited := false
	for _, p := range in.Splice {
		if p.Frontend {
			nbfe += p.MaxConn
			if p.MaxConn == 0 {
				unlimited = true
				break
			}
		}
		if p.Backend {
			m := p.FullConn
			if m == 0 {
				m = maxconn
			}
			nbbe += m
			if m == 0 {
				unlimited = true
				break
			}
		}
	}
	pipes := max(nbfe, nbbe)
	switch {
	case maxconn != 0:
		if pipes > maxconn || unlimited {
			pipes = maxconn
		}
	case unlimited:
		pipes = -1
	}
	if pipes >= 4 {
		return pipes / 4
	}
	return pipes
}

// IdealMaxConn is compute_ideal_maxconn(): as many connections as the
// file descriptor limit leaves room for, two descriptors each (plus
// pipes), never below DefaultMaxConn.
func (in Inputs) IdealMaxConn() int {
	pipes := in.idealMaxPipes(in.MaxConn)
	remain := max(in.BootCur, in.BootMax)
	if in.FDHardLimit > 0 && remain > in.FDHardLimit {
		remain = in.FDHardLimit
	}
	remain -= in.baseSock()
	remain -= in.threadFDs()
	if pipes >= 0 && pipes*2 < remain {
		remain -= pipes * 2
	}
	var maxconn int
	if pipes < 0 {
		// maxsock = maxconn * 2 + maxconn/4 * 2
		maxconn = 2 * remain / 5
	} else {
		maxconn = remain / 2
	}
	return max(maxconn, DefaultMaxConn)
}

// Compute is init()'s part of 2.6 that settles maxconn, maxpipes and
// maxsock.
func Compute(in Inputs) Result {
	r := Result{MaxConn: in.MaxConn}
	if r.MaxConn == 0 {
		r.MaxConn = in.IdealMaxConn()
		r.Auto = true
	}
	r.MaxPipes = in.MaxPipes
	if r.MaxPipes == 0 {
		r.MaxPipes = in.idealMaxPipes(r.MaxConn)
	}
	pipes := in.MaxPipes
	if pipes == 0 {
		pipes = r.MaxPipes
	}
	r.MaxSock = in.baseSock() + r.MaxConn*2 + max(pipes, 0)*2 + in.threadFDs()
	r.NoFile = in.UlimitN
	if r.NoFile == 0 {
		r.NoFile = r.MaxSock
	}
	return r
}
