package http1

// Method is the request method as HAProxy classifies it
// (find_http_meth() in src/http.c): case-sensitive, unknown ones are
// MethodOther and still forwarded.
type Method uint8

const (
	MethodOther Method = iota
	MethodGet
	MethodHead
	MethodPost
	MethodPut
	MethodDelete
	MethodTrace
	MethodConnect
	MethodOptions
)

// methodOf classifies a method token without converting it to a string.
func methodOf(m []byte) Method {
	switch len(m) {
	case 3:
		if m[0] == 'G' && m[1] == 'E' && m[2] == 'T' {
			return MethodGet
		}
		if m[0] == 'P' && m[1] == 'U' && m[2] == 'T' {
			return MethodPut
		}
	case 4:
		if string(m) == "HEAD" {
			return MethodHead
		}
		if string(m) == "POST" {
			return MethodPost
		}
	case 5:
		if string(m) == "TRACE" {
			return MethodTrace
		}
	case 6:
		if string(m) == "DELETE" {
			return MethodDelete
		}
	case 7:
		if string(m) == "CONNECT" {
			return MethodConnect
		}
		if string(m) == "OPTIONS" {
			return MethodOptions
		}
	}
	return MethodOther
}
