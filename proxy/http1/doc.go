// Package http1 is the proxy engine's HTTP/1.1 codec: HAProxy 2.6's
// parsing, framing and connection rules, without I/O, over the caller's
// pooled buffers. Every decision it makes was checked against the real
// HAProxy 2.6.12 (e2e/smuggle golden files; TestGoldenSmuggle replays
// them all through this package).
//
// # Reading a head
//
// A Parser per connection and direction, a Head per message (NewHead
// sizes its tables once). Call ParseRequest or ParseResponse with the
// whole message so far each time bytes arrive; it resumes where it
// stopped and returns done, "need more" (false, nil) or an *Error whose
// Status is what HAProxy answers (400, 413, 422 for requests, 502 for
// responses). Reset the Parser before the next message.
//
//	done, err := p.ParseRequest(buf[:n], req)
//
// The Head holds offsets (Span) into the buffer, not copies: Head.Bytes,
// Name, Value, Find and Get read them; Rebase follows a moved buffer. The
// parser rewrites the buffer in place (names lower-cased, folding turned
// into blanks, Connection cleaned) exactly into the bytes HAProxy
// forwards. The body starts at buf[Head.Len].
//
// Limits are HAProxy's: the head's HTX size below tune.bufsize less
// tune.maxrewrite, the raw head within the input buffer, and at most
// tune.http.maxhdr-1 header lines.
//
// # Framing and bodies
//
// Head.Body says how the body is delimited (none, Content-Length,
// chunked, until close); Tunnel says when a response turns both
// directions into a tunnel (101, 2xx to CONNECT); Head.Interim marks 1xx
// answers that precede the final one. A Decoder streams the body out of
// the input buffer in place: Next returns payload pieces and how many
// bytes (framing included) they consumed, then PieceEnd with the parsed
// trailers. CloseInput ends an until-close body.
//
// HAProxy 2.6 forwards a Content-Length body as is and re-chunks a
// chunked one: one chunk per batch of payload forwarded together, upper
// case hex, extensions dropped, trailers forwarded with lower-case names.
// Transfer-Encoding wins over Content-Length, which is removed, and the
// connection that carried both closes after the transaction.
//
// # Connections and rewrites
//
// An Exchange per transaction takes HAProxy's four decisions, in order:
// Request (client side, request in), RequestOut (server side, request
// out: returns the Connection value to add), Response (server side,
// response in, once per head), ResponseOut (client side, response out).
// Its Client and Server fields then say whether each connection is kept
// alive, closed or turned into a tunnel.
//
// Head.Add, Set, Del, SetValue and SetURI rewrite the head without
// touching the input buffer's layout; new bytes go to an arena of
// tune.maxrewrite bytes, and a rewrite that does not fit reports false
// (HAProxy answers 500 in strict mode).
//
// # Writing
//
// Head.AppendHead serialises a head as HAProxy's mux writes it: version
// normalised, names lower case (CaseAdjust for h1-case-adjust), the
// Connection value last. A Batch gathers a head, chunk framing and
// payload slices still in the input buffer, and writes them with one
// writev. ErrorPage returns the built-in error messages byte for byte;
// ParseErrorPage loads one as a response head for the stream path.
//
// Nothing on the keep-alive path allocates: parsing, rewriting,
// serialising, chunk decoding and Batch writes are 0 allocs/op
// (bench_test.go).
//
// # The transaction loop
//
// sim_test.go drives the codec the way the data plane does and is the
// reference for it: parse the request head; Exchange.Request; apply
// rules; RequestOut and AppendHead; decode the body that came with the
// head before sending anything (a broken body in the first batch is a
// 400 with no server connection); then the same for the response (a
// broken response is a 502 through ParseErrorPage, the client stays);
// at the end of the transaction keep, close or pool each connection as
// Exchange decided, closing the server one also when it sent stray bytes
// or answered before the request ended.
package http1
