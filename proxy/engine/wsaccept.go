package engine

import (
	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
)

// appendWebSocketAccept completes the head out of a WebSocket upgrade's
// answer to an HTTP/1 client as 2.6's H1 mux does when it writes it
// (mux_h1.c, h1_process_output): a 101 carrying "connection: upgrade"
// and "upgrade: websocket" without Sec-WebSocket-Accept gets one made
// from the key the client sent (RFC 6455 4.2.2), last and spelled
// "Sec-Websocket-Accept" whatever h1-case-adjust says. An HTTP/2
// server's answer to an extended CONNECT (RFC 8441) never has one.
func appendWebSocketAccept(out []byte, req, resp *http1.Head) []byte {
	if fromH2(req) || resp.Status != 101 || !resp.Flags.Has(http1.FlagConnUpgrade|http1.FlagUpgradeWebSocket) ||
		resp.Find("sec-websocket-accept", 0) >= 0 {
		return out
	}
	key := req.Get("sec-websocket-key")
	if key == nil || len(out) < 2 {
		return out
	}
	out = out[:len(out)-2]
	out = append(out, "Sec-Websocket-Accept: "...)
	out = append(out, h2.WebSocketAccept(string(key))...)
	return append(out, '\r', '\n', '\r', '\n')
}
