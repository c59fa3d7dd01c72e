package http1

// HAProxy 2.6's built-in messages (http_err_msgs[] in src/http.c), byte
// for byte. The H1 mux writes them verbatim when it refuses a request
// itself (parse errors: 400, 413, 422; request timeout: 408); the stream
// sends them through HTX otherwise (deny rules, 502, 503, 504), which
// lower-cases the names and moves Connection last (ParseErrorPage). Only
// 400 and 408 carry "Connection: close". errorpage_test.go checks both
// forms against captures of the real binary.

const (
	ErrorPage200 = "HTTP/1.1 200 OK\r\n" +
		"Content-length: 58\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>200 OK</h1>\n" +
		"Service ready.\n" +
		"</body></html>\n"
	ErrorPage400 = "HTTP/1.1 400 Bad request\r\n" +
		"Content-length: 90\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Connection: close\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>400 Bad request</h1>\n" +
		"Your browser sent an invalid request.\n" +
		"</body></html>\n"
	ErrorPage401 = "HTTP/1.1 401 Unauthorized\r\n" +
		"Content-length: 112\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>401 Unauthorized</h1>\n" +
		"You need a valid user and password to access this content.\n" +
		"</body></html>\n"
	ErrorPage403 = "HTTP/1.1 403 Forbidden\r\n" +
		"Content-length: 93\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>403 Forbidden</h1>\n" +
		"Request forbidden by administrative rules.\n" +
		"</body></html>\n"
	ErrorPage404 = "HTTP/1.1 404 Not Found\r\n" +
		"Content-length: 83\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>404 Not Found</h1>\n" +
		"The resource could not be found.\n" +
		"</body></html>\n"
	ErrorPage405 = "HTTP/1.1 405 Method Not Allowed\r\n" +
		"Content-length: 146\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>405 Method Not Allowed</h1>\n" +
		"A request was made of a resource using a request method not supported by that resource\n" +
		"</body></html>\n"
	ErrorPage407 = "HTTP/1.1 407 Unauthorized\r\n" +
		"Content-length: 112\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>407 Unauthorized</h1>\n" +
		"You need a valid user and password to access this content.\n" +
		"</body></html>\n"
	ErrorPage408 = "HTTP/1.1 408 Request Time-out\r\n" +
		"Content-length: 110\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Connection: close\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>408 Request Time-out</h1>\n" +
		"Your browser didn't send a complete request in time.\n" +
		"</body></html>\n"
	ErrorPage410 = "HTTP/1.1 410 Gone\r\n" +
		"Content-length: 114\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>410 Gone</h1>\n" +
		"The resource is no longer available and will not be available again.\n" +
		"</body></html>\n"
	ErrorPage413 = "HTTP/1.1 413 Payload Too Large\r\n" +
		"Content-length: 106\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>413 Payload Too Large</h1>\n" +
		"The request entity exceeds the maximum allowed.\n" +
		"</body></html>\n"
	ErrorPage421 = "HTTP/1.1 421 Misdirected Request\r\n" +
		"Content-length: 104\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>421 Misdirected Request</h1>\n" +
		"Request sent to a non-authoritative server.\n" +
		"</body></html>\n"
	ErrorPage422 = "HTTP/1.1 422 Unprocessable Content\r\n" +
		"Content-length: 116\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>422 Unprocessable Content</h1>\n" +
		"The server cannot process the contained instructions.\n" +
		"</body></html>\n"
	ErrorPage425 = "HTTP/1.1 425 Too Early\r\n" +
		"Content-length: 80\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>425 Too Early</h1>\n" +
		"Your browser sent early data.\n" +
		"</body></html>\n"
	ErrorPage429 = "HTTP/1.1 429 Too Many Requests\r\n" +
		"Content-length: 117\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>429 Too Many Requests</h1>\n" +
		"You have sent too many requests in a given amount of time.\n" +
		"</body></html>\n"
	ErrorPage500 = "HTTP/1.1 500 Internal Server Error\r\n" +
		"Content-length: 97\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>500 Internal Server Error</h1>\n" +
		"An internal server error occurred.\n" +
		"</body></html>\n"
	ErrorPage501 = "HTTP/1.1 501 Not Implemented\r\n" +
		"Content-length: 136\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>501 Not Implemented</h1>\n" +
		".The server does not support the functionality required to fulfill the request.\n" +
		"</body></html>\n"
	ErrorPage502 = "HTTP/1.1 502 Bad Gateway\r\n" +
		"Content-length: 107\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>502 Bad Gateway</h1>\n" +
		"The server returned an invalid or incomplete response.\n" +
		"</body></html>\n"
	ErrorPage503 = "HTTP/1.1 503 Service Unavailable\r\n" +
		"Content-length: 107\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>503 Service Unavailable</h1>\n" +
		"No server is available to handle this request.\n" +
		"</body></html>\n"
	ErrorPage504 = "HTTP/1.1 504 Gateway Time-out\r\n" +
		"Content-length: 92\r\n" +
		"Cache-Control: no-cache\r\n" +
		"Content-Type: text/html\r\n" +
		"\r\n" +
		"<html><body><h1>504 Gateway Time-out</h1>\n" +
		"The server didn't respond in time.\n" +
		"</body></html>\n"
)

// ErrorPage returns the built-in message for code; ok is false for the
// codes HAProxy has none for (`deny_status 418` is refused: "status code
// '418' not handled by default with 'default-errorfiles' argument").
func ErrorPage(code int) (msg string, ok bool) {
	switch code {
	case 200:
		return ErrorPage200, true
	case 400:
		return ErrorPage400, true
	case 401:
		return ErrorPage401, true
	case 403:
		return ErrorPage403, true
	case 404:
		return ErrorPage404, true
	case 405:
		return ErrorPage405, true
	case 407:
		return ErrorPage407, true
	case 408:
		return ErrorPage408, true
	case 410:
		return ErrorPage410, true
	case 413:
		return ErrorPage413, true
	case 421:
		return ErrorPage421, true
	case 422:
		return ErrorPage422, true
	case 425:
		return ErrorPage425, true
	case 429:
		return ErrorPage429, true
	case 500:
		return ErrorPage500, true
	case 501:
		return ErrorPage501, true
	case 502:
		return ErrorPage502, true
	case 503:
		return ErrorPage503, true
	case 504:
		return ErrorPage504, true
	}
	return "", false
}

// ParseErrorPage parses msg, a built-in message or an errorfile, into h
// the way HAProxy loads it into HTX (http_str_to_htx): Connection lines
// kept as written, so that "Connection: close" makes the client side
// close and is then rewritten last by AppendHead (deny-400 and deny-408
// end in "connection: close"). The body is msg[h.Len:].
func ParseErrorPage(msg []byte, h *Head) error {
	p := Parser{keepConn: true, AcceptInvalid: true}
	done, err := p.ParseResponse(msg, h, nil)
	if err != nil {
		return err
	}
	if !done {
		return &Error{Status: 500, Reason: ReasonBadStartLine, Pos: len(msg)}
	}
	return nil
}
