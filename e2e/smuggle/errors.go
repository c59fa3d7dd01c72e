package smuggle

import (
	"strconv"
	"time"
)

// BuiltinErrorCodes are the status codes HAProxy 2.6 has a built-in error
// page for (http_err_codes[] in src/http.c). `http-request deny
// deny_status` rejects any other code ("not handled by default with
// 'default-errorfiles'").
func BuiltinErrorCodes() []int {
	return []int{200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504}
}

// ErrorCases make the proxy answer each built-in error page: every code
// through `http-request deny deny_status`, and the codes the proxy also
// produces by itself through their natural cause.
func ErrorCases() []Case {
	var cases []Case
	for _, code := range BuiltinErrorCodes() {
		cases = append(cases, Case{
			Kind:      Error,
			Name:      "deny-" + strconv.Itoa(code),
			Note:      "http-request deny deny_status " + strconv.Itoa(code),
			Variant:   Deny(code),
			Send:      [][]byte{[]byte(plainGet)},
			Responses: okResponses(),
		})
	}
	natural := func(name, note string, v Variant, send string, wait time.Duration, responses ...string) Case {
		c := Case{Kind: Error, Name: name, Note: note, Variant: v, Send: [][]byte{[]byte(send)}, Wait: wait}
		for _, r := range responses {
			c.Responses = append(c.Responses, []byte(r))
		}
		return c
	}
	cases = append(cases,
		natural("natural-400", "an invalid request line", VariantDefault, "G@T / HTTP/1.1\r\n\r\n", 0),
		natural("natural-408", "request head not complete within timeout http-request", VariantShortTimeout,
			"GET / HTTP/1.1\r\nHost: a\r\n", 1500*time.Millisecond),
		natural("natural-502", "an invalid response", VariantDefault, plainGet, 0, "HTTP/1.1 abc\r\n\r\n"),
		natural("natural-503", "a backend without a server", VariantNoServer, plainGet, 0),
		natural("natural-504", "a server that never answers", VariantShortTimeout, plainGet, 1500*time.Millisecond),
	)
	return cases
}
