package httpdiff

// retryCases: retries, retry-on (layer 7 retries), option redispatch and
// option abortonclose (configuration.txt 4 "retries", "retry-on",
// "option redispatch", "option abortonclose").
func retryCases() []*Case {
	two := "balance first\nserver s1 {{srv \"s1\"}}\nserver s2 {{srv \"s2\"}}"
	return []*Case{
		{
			Name:     "retries-refused-then-503",
			Config:   "defaults\n    mode http\n    timeout connect 100ms\n    timeout client 3s\n    timeout server 3s\n" + "frontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    retries 2\n    server s1 {{srv \"s1\"}}\n",
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/")),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:     "retries-zero",
			Config:   simple("", "retries 0"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   steps(send(1, get("/")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "c1 r1 time: immediate"},
		},
		{
			// Retries after a refusal wait min(timeout connect, 1s) each.
			Name:     "retries-turnaround-delay",
			Config:   "defaults\n    mode http\n    timeout connect 200ms\n    timeout client 3s\n    timeout server 3s\n" + "frontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n    retries 2\n    server s1 {{srv \"s1\"}}\n",
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   steps(send(1, get("/")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable"},
		},
		{
			Name:     "redispatch-after-refusal",
			Config:   simple("", two+"\nretries 1\noption redispatch"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/a"), get("/b")),
			Want:     []string{"chosen: s2 s2"},
		},
		{
			Name:     "no-redispatch-stays-on-server",
			Config:   simple("", two+"\nretries 1"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "chosen: \n"},
		},
		{
			Name:     "redispatch-interval",
			Config:   simple("", two+"\nretries 3\noption redispatch 2"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/a")),
			Want:     []string{"chosen: s2"},
		},
		{
			Name:     "retry-on-empty-response",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on empty-response"),
			Backends: []Backend{{Name: "s1", Kind: Reset}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK", "chosen: s1 s2"},
		},
		{
			Name:     "retry-on-none-empty-response",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on none"),
			Backends: []Backend{{Name: "s1", Kind: Reset}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 502 Bad Gateway", "chosen: s1\n"},
		},
		{
			Name:     "retry-on-503",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on 503"),
			Backends: []Backend{{Name: "s1", Status: 503}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK", "chosen: s1 s2"},
		},
		{
			Name:     "retry-on-503-not-listed",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on 504"),
			Backends: []Backend{{Name: "s1", Status: 503}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 503 Service Unavailable", "chosen: s1\n"},
		},
		{
			Name:     "retry-on-response-timeout",
			Config:   "defaults\n    mode http\n    timeout connect 1s\n    timeout client 3s\n    timeout server 800ms\nfrontend fe\n    bind {{addr \"fe\"}}\n    default_backend be\nbackend be\n" + indent(two+"\nretries 1\noption redispatch\nretry-on response-timeout"),
			Backends: []Backend{{Name: "s1", Kind: Silent}},
			Script:   steps(send(1, get("/a")), timed(read(1))),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK", "chosen: s1 s2", "c1 r1 time: ~800ms"},
		},
		{
			Name:     "retry-on-all-retryable-errors",
			Config:   simple("", two+"\nretries 2\noption redispatch\nretry-on all-retryable-errors"),
			Backends: []Backend{{Name: "s1", Status: 502}},
			Script:   each(get("/a")),
			Want:     []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:     "retry-on-post-with-body",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on 503"),
			Backends: []Backend{{Name: "s1", Status: 503}},
			Script:   each(req("POST", "/form", "a=1")),
			Want:     []string{"srv2 body: a=1"},
		},
		{
			Name:     "retry-on-conn-failure",
			Config:   simple("", two+"\nretries 1\noption redispatch\nretry-on conn-failure"),
			Backends: []Backend{{Name: "s1", Kind: Refuse}},
			Script:   each(get("/a")),
			Want:     []string{"chosen: s2"},
		},
		{
			// Once the request is with the server, a client's FIN does
			// not abort it: the answer still comes back.
			Name:   "abortonclose-half-close-still-answered",
			Config: simple("", "option abortonclose"),
			Script: steps(send(1, get("/slow", "X-Be-Delay: 200")), waitServers(1), shut(1), readEOF(1)),
			Want:   []string{"c1 raw1: \"HTTP/1.1 200 OK"},
		},
		{
			// The client resets while its request is with the server: the
			// proxy learns it when the answer cannot be delivered.
			Name:   "abortonclose-client-reset",
			Config: simple("", "option abortonclose"),
			Script: steps(send(1, get("/slow", "X-Be-Delay: 200")), waitServers(1), resetConn(1), sleep(300), exchange(2, get("/after"))),
			Want:   []string{"chosen: s1 s1"},
		},
		{
			Name:   "abortonclose-reset-in-queue",
			Config: simple("", "option abortonclose\nserver s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 800")), waitServers(1), send(2, get("/queued")), sleep(50), resetConn(2), read(1), sleep(100)),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
		{
			Name:   "no-abortonclose-waits-for-server",
			Config: simple("", ""),
			Script: steps(send(1, get("/slow", "X-Be-Delay: 200")), waitServers(1), shut(1), readEOF(1)),
			Want:   []string{"c1 raw1: \"HTTP/1.1 200 OK"},
		},
		{
			Name:   "abortonclose-half-close-in-queue",
			Config: simple("", "option abortonclose\nserver s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 800")), waitServers(1), send(2, get("/queued")), sleep(50), shut(2), readEOF(2), read(1), sleep(100)),
			Want:   []string{"chosen: s1 s1"},
		},
		{
			Name:   "client-abort-in-queue-without-abortonclose",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/busy", "X-Be-Delay: 800")), waitServers(1), send(2, get("/queued")), sleep(50), shut(2), read(1), readEOF(2)),
			Want:   []string{"c1 r1: HTTP/1.1 200 OK"},
		},
	}
}
