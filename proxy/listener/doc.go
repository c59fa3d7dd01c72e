// Package listener opens HAProxy's listening sockets and accepts on them:
// "bind" lines (configuration.txt section 5.1) with their address forms
// (section 11: ipv4@, ipv6@, unix@, abns@, fd@), port ranges, and the
// socket options HAProxy sets (src/sock_inet.c, src/proto_tcp.c,
// src/sock_unix.c); and the accept loop with HAProxy's connection limits:
// a listener that reaches its "maxconn", its frontend's or the process'
// stops accepting and leaves new connections in the kernel's backlog until
// a slot frees (src/listener.c, limit_listener/resume_listener).
//
// Sockets can also come ready-made as *os.File (inherited from a previous
// process across a reload, or passed by systemd), so that the process
// model can hand them over without closing them.
package listener
