package engine

import (
	"errors"

	"hakeep/proxy/h2"
	"hakeep/proxy/http1"
)

// errWSNoAccept is an HTTP/1 server's WebSocket upgrade answered without
// Sec-WebSocket-Accept: 2.6's H1 mux takes the response for invalid (502,
// recorded: e2e/httpdiff websocket-answer-without-accept).
var errWSNoAccept = errors.New("101 websocket response without sec-websocket-accept")

// wsNoAccept reports an HTTP/1 server's 101 to a WebSocket upgrade that
// lacks Sec-WebSocket-Accept; an HTTP/2 server's answer (RFC 8441) never
// carries one and gets it made on the client side instead.
func wsNoAccept(h *httpState, resp *http1.Head) bool {
	return resp.Status == 101 && h.srv != nil && h.srv.Cfg.Proto != "h2" &&
		resp.Flags.Has(http1.FlagConnUpgrade|http1.FlagUpgradeWebSocket) &&
		resp.Find("sec-websocket-accept", 0) < 0
}

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
