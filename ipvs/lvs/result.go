package lvs

// Outcome classes a checker's test as keepalived's layer4 code does.
type Outcome int

// Outcomes.
const (
	// Success: connected, answered, or the script exited 0.
	Success Outcome = iota
	// Timeout: connect_timeout passed.
	Timeout
	// Failed: the server refused or broke the exchange (connect_fail,
	// connect_error after connect()).
	Failed
	// Refused: connect() failed at once (connect_fail in
	// tcp_connection_state()): no failure is logged before the epilog.
	Refused
	// Local: the checker could not even try (socket(), bind(),
	// SO_BINDTODEVICE, SO_MARK failed); keepalived reschedules after
	// delay_loop without counting a failure.
	Local
)

// Result is what one run of a checker's test found.
type Result struct {
	Outcome Outcome
	// Msg is the failure as keepalived's checker words it (HTTP's
	// "Timeout connecting", DNS's "read timeout from socket", SMTP's
	// "Bad HELO response from server [..]:25"...).
	Msg string
	// Local failures: true when the socket itself could not be made
	// (as opposed to bind).
	Socket bool

	// HTTP_GET / SSL_GET: the response, when one was read.
	HTTP *HTTPResponse
	// MISC_CHECK: how the script ended.
	Exit ExitStatus
}

// HTTPResponse is what an HTTP_GET or SSL_GET read.
type HTTPResponse struct {
	// Extracted: the header end was found (no data was received
	// otherwise).
	Extracted  bool
	StatusCode int
	// ContentLength is the header's value, -1 without one.
	ContentLength int64
	// RxBytes is the body length received.
	RxBytes int64
	// Digest is the MD5 of the body (up to ContentLength), when the url
	// has a digest.
	Digest []byte
	// RegexMatched: the url's regex matched the body.
	RegexMatched bool
}

// ExitStatus is how a MISC_CHECK script ended.
type ExitStatus struct {
	// Exited with Code, or killed by Signal.
	Exited bool
	Code   int
	Signal int
	// TimedOut: killed by keepalived after misc_timeout (SIGTERM, then
	// SIGKILL).
	TimedOut bool
}
