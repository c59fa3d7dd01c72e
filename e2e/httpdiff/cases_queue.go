package httpdiff

// queueCases: server maxconn and maxqueue, and minconn/fullconn's
// dynamic limit (configuration.txt 5.2 "maxconn", "maxqueue",
// "minconn", 4 "fullconn").
func queueCases() []*Case {
	return []*Case{
		{
			Name:   "queue-maxconn-serializes",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/first", "X-Be-Delay: 800")), waitServers(1), send(2, get("/second")), read(1), read(2)),
			Want:   []string{"srv2: s1 conn2\nsrv2 line: GET /second"},
		},
		{
			// A full server queue sends requests to the backend's queue,
			// which has no limit.
			Name:   "queue-maxqueue-spills-to-backend-queue",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1 maxqueue 1"),
			Script: steps(send(1, get("/first", "X-Be-Delay: 800")), waitServers(1), send(2, get("/second")), sleep(50), send(3, get("/third")), read(3), read(1), read(2)),
			Want:   []string{"c3 r1: HTTP/1.1 200 OK", "chosen: s1 s1 s1"},
		},
		{
			Name:   "queue-maxqueue-other-server",
			Config: simple("", "balance first\nserver s1 {{srv \"s1\"}} maxconn 1 maxqueue 1\nserver s2 {{srv \"s2\"}}"),
			Script: steps(send(1, get("/first", "X-Be-Delay: 800")), waitServers(1), exchange(2, get("/second")), read(1)),
			Want:   []string{"chosen: s1 s2"},
		},
		{
			Name:   "queue-backend-queue-any-server",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1\nserver s2 {{srv \"s2\"}} maxconn 1"),
			Script: steps(send(1, get("/1", "X-Be-Delay: 600")), waitServers(1), send(2, get("/2", "X-Be-Delay: 200")), waitServers(2),
				send(3, get("/3")), read(3), read(1), read(2)),
			Want: []string{"chosen: s1 s2 s2", "srv3: s2 conn2\nsrv3 busy: 1"},
		},
		{
			Name:   "queue-fifo-order",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(send(1, get("/1", "X-Be-Delay: 800")), waitServers(1), send(2, get("/2")), sleep(30), send(3, get("/3")), sleep(30), send(4, get("/4")),
				read(1), read(2), read(3), read(4)),
			Want: []string{"srv2 line: GET /2", "srv3 line: GET /3", "srv4 line: GET /4"},
		},
		{
			Name:   "queue-keepalive-client-releases-slot",
			Config: simple("", "server s1 {{srv \"s1\"}} maxconn 1"),
			Script: steps(exchange(1, get("/1")), exchange(2, get("/2")), exchange(1, get("/3"))),
			Want:   []string{"chosen: s1 s1 s1"},
		},
		{
			Name:   "minconn-fullconn-low-load",
			Config: simple("", "fullconn 10\nserver s1 {{srv \"s1\"}} minconn 1 maxconn 10"),
			Script: steps(send(1, get("/1", "X-Be-Delay: 800")), waitServers(1), send(2, get("/2")), read(1), read(2)),
			Want:   []string{"chosen: s1 s1", "srv2 busy: 1"},
		},
		{
			Name:   "minconn-fullconn-two-servers",
			Config: simple("", "balance roundrobin\nfullconn 4\nserver s1 {{srv \"s1\"}} minconn 1 maxconn 4\nserver s2 {{srv \"s2\"}} minconn 1 maxconn 4"),
			Script: steps(send(1, get("/1", "X-Be-Delay: 800")), waitServers(1), send(2, get("/2", "X-Be-Delay: 800")), waitServers(2),
				send(3, get("/3")), read(3), read(1), read(2)),
			Want: []string{"chosen: s1 s2 s1", "srv3 busy: 2"},
		},
		{
			Name:   "frontend-maxconn-global",
			Config: "global\n    maxconn 1\n" + simple("", ""),
			Script: steps(send(1, get("/slow", "X-Be-Delay: 800", "Connection: close")), waitServers(1), send(2, get("/next")), read(1), read(2)),
			Want:   []string{"srv2: s1 conn2\nsrv2 line: GET /next"},
		},
	}
}
