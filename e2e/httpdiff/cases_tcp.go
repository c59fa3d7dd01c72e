package httpdiff

import "strings"

// defaultsTCP is the defaults section of the mode tcp cases.
const defaultsTCP = `
defaults
    mode tcp
    timeout connect 1s
    timeout client 3s
    timeout server 3s
`

// tcpCfg is one mode tcp frontend "fe" before backend "be"; be without a
// server line gets server t1.
func tcpCfg(fe, be string) string {
	if !hasServer(be) {
		be += "\nserver t1 {{srv \"t1\"}}"
	}
	return defaultsTCP + "\nfrontend fe\n    bind {{addr \"fe\"}}\n" + indent(fe) +
		"    default_backend be\n\nbackend be\n" + indent(be)
}

// echo is a TCP echo back end.
func echo(name string) Backend { return Backend{Name: name, Kind: TCPEcho} }

// tcpCases: mode tcp relays bytes exactly, both ways, through
// half-closes (configuration.txt 4 "mode").
func tcpCases() []*Case {
	var all strings.Builder
	for i := 0; i < 256; i++ {
		all.WriteByte(byte(i))
	}
	binary := all.String()
	big := strings.Repeat("tcp-relay-0123456789\n", 10000) // 210 kB
	return []*Case{
		{
			Name:     "tcp-relay-echo",
			Config:   tcpCfg("", ""),
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, "hello over tcp\n"), readN(1, 15), send(1, "again"), readN(1, 5)),
			Want:     []string{"c1 raw2: again", "srv1 data: \"hello over tcp\\nagain\""},
		},
		{
			Name:     "tcp-relay-all-bytes",
			Config:   tcpCfg("", ""),
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, binary), readN(1, 256)),
			Want:     []string{"c1 raw1: \"\\x00\\x01"},
		},
		{
			Name:     "tcp-relay-large",
			Config:   tcpCfg("", ""),
			Backends: []Backend{echo("t1")},
			Script:   steps(send(1, big), readN(1, len(big))),
			Want:     []string{"c1 raw1: \"tcp-relay"},
		},
		{
			Name:     "tcp-server-speaks-first",
			Config:   tcpCfg("", ""),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "220 ready\r\n"}},
			Script:   steps(open(1), readN(1, 11), send(1, "QUIT\r\n"), readN(1, 6)),
			Want:     []string{"c1 raw1: \"220 ready\\r\\n\""},
		},
		{
			Name:     "tcp-client-half-close",
			Config:   tcpCfg("", ""),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, AfterEOF: "bye after your FIN"}},
			Script:   steps(send(1, "abc"), readN(1, 3), shut(1), readEOF(1)),
			Want:     []string{"c1 raw2: bye after your FIN", "c1 raw2 end: closed", "srv1 end: eof"},
		},
		{
			Name:     "tcp-server-half-close",
			Config:   tcpCfg("", ""),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "only this", HalfClose: true}},
			Script:   steps(open(1), readEOF(1), send(1, "still talking"), sleep(100)),
			Want:     []string{"c1 raw1: only this", "srv1 data: still talking"},
		},
		{
			Name:     "tcp-server-refuses",
			Config:   tcpCfg("", "retries 1"),
			Backends: []Backend{{Name: "t1", Kind: Refuse}},
			Script:   steps(send(1, "anyone?"), readEOF(1)),
			Want:     []string{"c1 raw1 end: closed"},
		},
		{
			Name:     "tcp-roundrobin",
			Config:   tcpCfg("", "balance roundrobin\nserver t1 {{srv \"t1\"}}\nserver t2 {{srv \"t2\"}} weight 2"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "t1"}, {Name: "t2", Kind: TCPEcho, Banner: "t2"}},
			Script: steps(open(1), readN(1, 2), open(2), readN(2, 2), open(3), readN(3, 2),
				open(4), readN(4, 2), open(5), readN(5, 2), open(6), readN(6, 2)),
			Want: []string{"chosen: t2 t2 t1 t2 t2 t1"},
		},
		{
			Name:     "tcp-send-proxy",
			Config:   tcpCfg("", "server t1 {{srv \"t1\"}} send-proxy"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Proxy: true}},
			Script:   steps(send(1, "x"), readN(1, 1)),
			Want:     []string{"srv1 proxy: PROXY TCP4 127.0.0.1 127.0.0.1 <cport1> <fe>"},
		},
		{
			Name:     "tcp-send-proxy-v2",
			Config:   tcpCfg("", "server t1 {{srv \"t1\"}} send-proxy-v2"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Proxy: true}},
			Script:   steps(send(1, "x"), readN(1, 1)),
			Want:     []string{"srv1 proxy: v2 PROXY fam=0x11 127.0.0.1:<cport1> -> 127.0.0.1:<fe>"},
		},
		{
			Name:     "tcp-send-proxy-v2-options",
			Config:   tcpCfg("unique-id-format fixed-id-%[src]", "server t1 {{srv \"t1\"}} send-proxy-v2 proxy-v2-options unique-id"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Proxy: true}},
			Script:   steps(send(1, "x"), readN(1, 1)),
			Want:     []string{"tlv 0x05=66697865642d69642d3132372e302e302e31"},
		},
		{
			Name:     "tcp-accept-proxy-then-send-proxy",
			Config:   tcpCfg("bind {{addr \"pp\"}} accept-proxy", "server t1 {{srv \"t1\"}} send-proxy"),
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Proxy: true}},
			Script:   steps(openTo(1, "pp"), send(1, "PROXY TCP4 192.0.2.1 198.51.100.2 1111 2222\r\nx"), readN(1, 1)),
			Want:     []string{"srv1 proxy: PROXY TCP4 192.0.2.1 198.51.100.2 1111 2222"},
		},
		{
			Name:     "tcp-send-proxy-ipv6-client",
			Config:   defaultsTCP + "frontend fe\n    bind {{addr6 \"fe\"}}\n    default_backend be\nbackend be\n    server t1 {{srv \"t1\"}} send-proxy-v2\n",
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Proxy: true}},
			Script:   steps(open6(1, "fe"), send(1, "x"), readN(1, 1)),
			Want:     []string{"srv1 proxy: v2 PROXY fam=0x21 [::1]:<cport1> -> [::1]:<fe>"},
		},
		{
			Name:     "tcp-content-switch-by-payload",
			Config:   tcpCfg("tcp-request inspect-delay 1s\ntcp-request content accept if { req.len gt 0 }\nuse_backend other if { req.payload(0,4) -m str PING }", "") + "\nbackend other\n    mode tcp\n    server t2 {{srv \"t2\"}}\n",
			Backends: []Backend{{Name: "t1", Kind: TCPEcho, Banner: "[t1]"}, {Name: "t2", Kind: TCPEcho, Banner: "[t2]"}},
			Script:   steps(send(1, "PING"), readN(1, 8), send(2, "HELO"), readN(2, 8)),
			Want:     []string{"c1 raw1: [t2]PING", "c2 raw1: [t1]HELO"},
		},
		{
			Name:     "tcp-and-http-frontends",
			Config:   simple("", "") + "\nfrontend tfe\n    bind {{addr \"tfe\"}}\n    mode tcp\n    default_backend tbe\nbackend tbe\n    mode tcp\n    server t1 {{srv \"t1\"}}\n",
			Backends: []Backend{echo("t1")},
			Script:   steps(openTo(1, "tfe"), send(1, "GET / HTTP/1.1\r\n\r\n"), readN(1, 18), exchange(2, get("/http"))),
			Want:     []string{"c2 r1: HTTP/1.1 200 OK"},
		},
	}
}
