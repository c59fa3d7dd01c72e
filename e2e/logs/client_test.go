package logs

import (
	"io"
	"net"
	"strconv"
	"time"
)

// A step is one client action against a frontend port.
type step struct {
	name string
	do   func(port int)
}

func dial(port int) net.Conn {
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 2*time.Second)
	if err != nil {
		return nil
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	return c
}

// exchange sends raw bytes and reads the answer until the connection
// closes.
func exchange(port int, req string) {
	c := dial(port)
	if c == nil {
		return
	}
	defer c.Close()
	c.Write([]byte(req))
	io.Copy(io.Discard, c)
}

func get(path string) string {
	return "GET " + path + " HTTP/1.1\r\nHost: test.local\r\nX-Test: t1-long-value\r\nCookie: a=b; SID=cli7\r\nConnection: close\r\n\r\n"
}

// httpSteps are the requests every HTTP frontend gets.
func httpSteps() []step {
	return []step{
		{"good request", func(p int) { exchange(p, get("/good?q=1")) }},
		{"404 from the server", func(p int) { exchange(p, get("/missing")) }},
		{"client aborts mid-request", func(p int) {
			if c := dial(p); c != nil {
				c.Write([]byte("GET /abort HTTP/1.1\r\nHost: test.local\r\n"))
				time.Sleep(50 * time.Millisecond)
				c.Close()
			}
		}},
		{"server timeout", func(p int) { exchange(p, get("/slow")) }},
		{"request timeout", func(p int) {
			if c := dial(p); c != nil {
				c.Write([]byte("GET /late HTTP/1.1\r\nHost: test.local\r\n"))
				io.Copy(io.Discard, c)
				c.Close()
			}
		}},
		{"denied", func(p int) { exchange(p, get("/deny")) }},
		{"server down", func(p int) { exchange(p, get("/down")) }},
		{"bad request", func(p int) { exchange(p, "GARBAGE\r\n\r\n") }},
	}
}

// tcpSteps are the sessions of the TCP frontend.
func tcpSteps() []step {
	return []step{
		{"tcp good", func(p int) { exchange(p, "GET /good HTTP/1.0\r\n\r\n") }},
		{"tcp empty (dontlognull)", func(p int) {
			if c := dial(p); c != nil {
				time.Sleep(50 * time.Millisecond)
				c.Close()
			}
		}},
		{"tcp client abort", func(p int) {
			if c := dial(p); c != nil {
				c.Write([]byte("GET /abort HTTP/1.0\r\n"))
				time.Sleep(100 * time.Millisecond)
				c.Close()
			}
		}},
	}
}

// forwardSteps send syslog messages to the log-forward section.
func forwardSteps() []step {
	send := func(port int, msgs ...string) {
		c, err := net.Dial("udp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			return
		}
		defer c.Close()
		for _, m := range msgs {
			c.Write([]byte(m))
			time.Sleep(20 * time.Millisecond)
		}
	}
	return []step{
		{"rfc5424 message", func(p int) {
			send(p, `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3"] An application event`)
		}},
		{"rfc3164 message", func(p int) {
			send(p, "<13>Jan  2 03:04:05 host tag[12]: hello", "<13>Jan  2 03:04:05 host no tag here")
		}},
		{"bare messages", func(p int) { send(p, "<14>plain text", "no priority at all") }},
	}
}

// proxySteps are connections to a frontend that expects a PROXY header.
func proxySteps() []step {
	return []step{
		{"PROXY header and request", func(p int) {
			exchange(p, "PROXY TCP4 192.0.2.7 127.0.0.1 40000 80\r\n"+get("/good"))
		}},
		{"no PROXY header", func(p int) { exchange(p, "hello there\r\n\r\n") }},
		{"invalid PROXY header", func(p int) { exchange(p, "PROXY TCP4 1.2.3.4\r\n") }},
		{"closed before the header", func(p int) {
			if c := dial(p); c != nil {
				c.Close()
			}
		}},
	}
}
