package http1

import "strconv"

// Reason says why a message was refused. It is for logs and diagnostics;
// what the peer sees is Error.Status.
type Reason uint8

const (
	ReasonNone Reason = iota
	ReasonBadStartLine
	ReasonBadMethod
	ReasonBadURI
	ReasonBadVersion
	ReasonBadStatus
	ReasonBadHeaderName
	ReasonEmptyHeaderName
	ReasonBadLineEnd
	ReasonBadContentLength
	ReasonBadTransferEncoding
	ReasonUnknownTransferCoding
	ReasonHostConflict
	ReasonAuthorityMismatch
	ReasonBadConnectAuthority
	ReasonTooManyHeaders
	ReasonHeadTooLarge
	ReasonBodyInHTTP10
	ReasonMissingWebSocketKey
	ReasonUnexpectedSwitch
	ReasonBadChunkSize
	ReasonBadChunkEnd
	ReasonBadTrailers
	ReasonH2Preface
)

func (r Reason) String() string {
	switch r {
	case ReasonNone:
		return "no error"
	case ReasonBadStartLine:
		return "invalid start line"
	case ReasonBadMethod:
		return "invalid character in method"
	case ReasonBadURI:
		return "invalid character in URI"
	case ReasonBadVersion:
		return "invalid HTTP version"
	case ReasonBadStatus:
		return "invalid status code"
	case ReasonBadHeaderName:
		return "invalid character in header name"
	case ReasonEmptyHeaderName:
		return "empty header name"
	case ReasonBadLineEnd:
		return "CR not followed by LF"
	case ReasonBadContentLength:
		return "invalid or conflicting Content-Length"
	case ReasonBadTransferEncoding:
		return "invalid Transfer-Encoding"
	case ReasonUnknownTransferCoding:
		return "transfer coding other than chunked"
	case ReasonHostConflict:
		return "conflicting Host headers"
	case ReasonAuthorityMismatch:
		return "absolute URI authority does not match Host"
	case ReasonBadConnectAuthority:
		return "invalid CONNECT authority"
	case ReasonTooManyHeaders:
		return "too many headers"
	case ReasonHeadTooLarge:
		return "message head too large"
	case ReasonBodyInHTTP10:
		return "HTTP/1.0 GET, HEAD or DELETE with a body"
	case ReasonMissingWebSocketKey:
		return "websocket handshake without key"
	case ReasonUnexpectedSwitch:
		return "101 answer to a request without upgrade"
	case ReasonBadChunkSize:
		return "invalid chunk size"
	case ReasonBadChunkEnd:
		return "chunk data not followed by CRLF"
	case ReasonBadTrailers:
		return "invalid trailers"
	case ReasonH2Preface:
		return "HTTP/2 connection preface"
	}
	return "reason " + strconv.Itoa(int(r))
}

// Error is a refused message: the status HAProxy 2.6 answers for it (400,
// 413 or 422 for requests, 502 for responses), why, and where.
type Error struct {
	// Status is the code of the built-in error page to answer with. For a
	// response it is 502: the client gets that, the server is dropped.
	Status int
	Reason Reason
	// Pos is the offset of the offending byte in the parsed buffer, or -1.
	Pos int
}

func (e *Error) Error() string {
	s := "http1: " + e.Reason.String() + " (status " + strconv.Itoa(e.Status)
	if e.Pos >= 0 {
		s += ", at byte " + strconv.Itoa(e.Pos)
	}
	return s + ")"
}
