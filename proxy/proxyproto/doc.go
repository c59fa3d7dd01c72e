// Package proxyproto reads and writes the PROXY protocol header, versions 1
// (text) and 2 (binary), as HAProxy 2.6 does: "accept-proxy" on bind lines
// (configuration.txt section 5.1) and "send-proxy"/"send-proxy-v2" on server
// lines (section 5.2). The specification is doc/proxy-protocol.txt in
// HAProxy's sources; where HAProxy's parser (conn_recv_proxy in
// src/connection.c) is stricter or looser than the text, this package
// follows the parser, since a client that works against HAProxy must work
// against us.
package proxyproto
