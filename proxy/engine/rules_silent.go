package engine

import (
	"syscall"

	"hakeep/proxy"
)

// silentDrop closes the client connection without a packet, as
// "silent-drop" does (configuration.txt 4.2 "http-request silent-drop"):
// in TCP repair mode the kernel forgets the connection without a FIN or
// RST, so the client only times out. Without the privilege for it, the
// connection closes normally.
func (s *session) silentDrop() {
	if s.rc == nil {
		return
	}
	s.rc.Control(func(fd uintptr) {
		// TCP_REPAIR is 19 (linux/tcp.h)
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, 19, 1)
	})
}

// errorFilePage is the message of an "errorfile" (its contents) or an
// "errorloc"/"errorloc302"/"errorloc303" (a redirect built as
// http_parse_errorloc() does); ok is false when the proxy has none.
func errorFilePage(ef *proxy.ErrorReply) (string, bool) {
	switch {
	case ef == nil:
		return "", false
	case ef.Raw != nil:
		return string(ef.Raw), true
	case ef.Location != "":
		code, reason := "302", "Found"
		if ef.Code == 303 {
			code, reason = "303", "See Other"
		}
		return "HTTP/1.1 " + code + " " + reason + "\r\nCache-Control: no-cache\r\nContent-length: 0\r\nLocation: " +
			ef.Location + "\r\n\r\n", true
	}
	return "", false
}
