package h2

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
)

// NewWebSocketKey is a fresh Sec-WebSocket-Key (RFC 6455 4.1): 16
// random bytes in base64.
func NewWebSocketKey() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}

// WebSocketAccept is the Sec-WebSocket-Accept answering key (RFC 6455
// 4.2.2).
func WebSocketAccept(key string) string {
	h := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return base64.StdEncoding.EncodeToString(h[:])
}

// NoWebSocketKey stands for the key of an HTTP/2 extended CONNECT going
// to an HTTP/2 server: the HTTP/1.1 form of the request needs one to
// be valid, and BackConn drops it (RFC 8441 requests carry none).
const NoWebSocketKey = "-"
