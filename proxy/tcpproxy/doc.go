// Package tcpproxy relays a client connection and a server connection
// byte for byte, as HAProxy's "mode tcp" does (configuration.txt section
// 4.2, "mode"): each direction is copied with splice(2) (io.Copy between
// *net.TCPConn, sock.Splice when a side is a *sock.Conn), so the bytes
// never enter user space; a FIN read on one side becomes a shutdown for writing on the
// other (half-close), and the connection ends once both directions have.
//
// Inactivity is watched the way HAProxy's timers behave without "option
// independent-streams": bytes moving in either direction keep both sides
// alive; the client side then expires after "timeout client" and the
// server side after "timeout server" without activity, "timeout tunnel"
// replaces both, and "timeout client-fin"/"server-fin" take over once a
// direction is shut (section 4.2, "timeout ..."). Activity is read from
// the kernel's TCP_INFO byte counters, so the copies themselves carry no
// timer and no per-chunk bookkeeping.
package tcpproxy
