package line

import (
	"net/netip"
	"time"

	"hakeep/proxy/log/capture"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// Txn is one stream (an HTTP transaction or a TCP session) as its log
// line sees it.
type Txn struct {
	Rec *stream.Record
	// NoStream marks a session that ended before any stream was made:
	// the HTTP mux refused or timed out a request (sess_log()). Its line
	// has no server, no timers past the accept, no bytes and the request
	// "<BADREQ>".
	NoStream bool
	// Caps holds the captured headers and cookies; nil when none.
	Caps *capture.Set
	// UniqueID is the stream's unique id (%ID); nil when none.
	UniqueID []byte
	// Ctx evaluates %[expr] nodes; nil logs them as missing.
	Ctx *sample.Ctx
	// ReqID is the stream's number in the process (%rt, uniq_id) and
	// LogCount the number of lines the frontend sent before (%lc).
	ReqID, LogCount uint64
	// ReqIDSet says the engine numbered the stream; the logger numbers
	// the others.
	ReqIDSet bool
	// Level is the level "set-log-level" chose (-1 for "silent": no
	// line), when LevelSet.
	Level    int
	LevelSet bool
	// Cookie is the persistence cookie's state, the third and fourth
	// characters of %tsc (section 8.5); zero writes "--", which is what
	// 2.6 writes for a backend without "cookie".
	Cookie [2]byte
	// BackendSrc is the local address of the server connection
	// (%bi:%bp); invalid when there was none.
	BackendSrc netip.AddrPort
	// SSLCipher and SSLVersion are the client connection's (%sslc,
	// %sslv); empty without SSL.
	SSLCipher, SSLVersion string
}

// Env is what a frontend's lines share.
type Env struct {
	// Hostname is the machine's name (%H) and PID the process id.
	Hostname string
	PID      int
	// LogASAP is "option logasap": %Tt, %Ta, %Tu and %B get a '+'.
	LogASAP bool
	// SSL is set when the frontend's listener does SSL: %ft gets a '~'.
	SSL bool
	// ReqCaps and ResCaps are the frontend's numbers of capture slots:
	// %hr and %hs write nothing at all without slots.
	ReqCaps, ResCaps int
	// URILen is the longest request line kept (tune.http.logurilen,
	// 1024 by default); longer ones are cut.
	URILen int
	// Loc is the zone of local dates; nil is time.Local.
	Loc *time.Location
}
