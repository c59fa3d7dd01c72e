package httpdiff

import "time"

// Case is one differential scenario: a configuration, its back ends and a
// client script.
type Case struct {
	Name string
	// Config is haproxy.cfg as a text/template; render.go lists the
	// functions that place listeners, back ends and files. A "global"
	// section with "nbthread 1" is prepended so that events happen in one
	// order (several global sections are allowed).
	Config string
	// Backends configures back ends by name. A name that the template
	// uses ({{srv "s1"}}) without an entry here is a default HTTP back end.
	Backends []Backend
	// Files are written into the case's directory; {{file "name"}} is the
	// path of one.
	Files map[string]string
	// Env is added to haproxy's environment (KEY=VALUE).
	Env    []string
	Script []Step
	// Masks are regular expressions whose matches are replaced by
	// "<masked>" in every recorded value (dates, pids, unique ids).
	Masks []string
	// Want are substrings that the real haproxy's recording must contain:
	// they prove the case exercises what its name says.
	Want []string
	// ReadTimeout bounds each client read (default 2s).
	ReadTimeout time.Duration
}

// Op is what a script step does.
type Op int

const (
	// OpOpen connects (a send on a connection not yet open opens it to
	// "fe" from 127.0.0.1).
	OpOpen Op = iota
	// OpSend writes Data.
	OpSend
	// OpRead reads one response, interim (1xx) or final.
	OpRead
	// OpReadFinal reads responses up to and including a final one.
	OpReadFinal
	// OpReadN reads exactly N raw bytes.
	OpReadN
	// OpReadEOF reads raw bytes until the peer closes, resets or the read
	// times out.
	OpReadEOF
	// OpShut half-closes the client's side (FIN).
	OpShut
	// OpClose closes the connection.
	OpClose
	// OpReset closes the connection with an RST (SO_LINGER 0).
	OpReset
	// OpSleep pauses the script for D.
	OpSleep
	// OpSettle waits until the proxy is idle (idle.go): what the
	// script's last steps asked of it is done (a close it saw has been
	// counted out), however loaded the machine.
	OpSettle
	// OpWaitServers waits until the back ends have recorded N requests
	// (HTTP) or connections (TCP), so that what follows is ordered after
	// them.
	OpWaitServers
)

// Step is one action of a client script, on connection Conn (from 1).
type Step struct {
	Op   Op
	Conn int
	// To names the listener (a template port or socket name, "fe" by
	// default); Offset adds to its port (port ranges).
	To     string
	Offset int
	// Net is "tcp4" (default), "tcp6" or "unix"; Host replaces the
	// destination address (127.0.0.1, or ::1 for tcp6).
	Net  string
	Host string
	// Src is the source address, 127.0.0.X or ::1.
	Src  string
	Data string
	N    int
	// Head tells a read that the request was HEAD (no body follows).
	Head bool
	// Timed records how long the read took since the connection's last
	// write, as a class (timing.go).
	Timed bool
	D     time.Duration
}
