package balance_e2e

import (
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"

	"hakeep/proxy/balance/golden"
)

// record runs the case against the real haproxy at bin and returns a copy
// of it with the server that answered each request.
func record(bin, dir string, c *golden.Case) (*golden.Case, error) {
	out := *c
	out.Steps = append([]golden.Step(nil), c.Steps...)

	addrs := map[string]string{}
	backends := map[string]*backend{}
	for _, s := range c.Servers {
		b, err := startBackend(s.Name)
		if err != nil {
			return nil, err
		}
		defer b.close()
		addrs[s.Name] = b.addr()
		backends[s.Name] = b
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cfg := filepath.Join(dir, "haproxy.cfg")
	sock := tempSocket(dir)
	if err := writeConfig(cfg, c, addr, sock, addrs); err != nil {
		return nil, err
	}
	h, err := startHAProxy(bin, cfg, addr, sock)
	if err != nil {
		return nil, err
	}
	defer h.stop()

	type holding struct {
		id   string
		srv  string
		conn *heldConn
	}
	var held []*holding // in order of the holding requests; nil once closed
	open := 0
	defer func() {
		for _, hc := range held {
			if hc != nil && hc.conn != nil {
				hc.conn.Close()
			}
		}
	}()
	for i := range out.Steps {
		st := &out.Steps[i]
		switch {
		case st.Req != nil:
			id := ""
			if st.Req.Hold {
				id = strconv.Itoa(i)
			}
			got, conn, err := send(addr, st.Req, id)
			if err != nil {
				return nil, fmt.Errorf("step %d: %w", i, err)
			}
			st.Got = got
			if st.Req.Hold {
				hc := &holding{id: id, srv: got}
				if conn != nil {
					hc.conn = conn.(*heldConn)
					open++
				}
				held = append(held, hc)
			}
		case st.Cmd != "":
			ans, err := h.command(st.Cmd)
			if err != nil {
				return nil, fmt.Errorf("step %d: %q: %w", i, st.Cmd, err)
			}
			if strings.TrimSpace(ans) != "" {
				return nil, fmt.Errorf("step %d: %q answered %q", i, st.Cmd, ans)
			}
		case st.Close > 0:
			if st.Close > len(held) || held[st.Close-1] == nil || held[st.Close-1].conn == nil {
				return nil, fmt.Errorf("step %d: no held connection #%d", i, st.Close)
			}
			hc := held[st.Close-1]
			held[st.Close-1] = nil
			if !backends[hc.srv].release(hc.id) {
				return nil, fmt.Errorf("step %d: server %s holds no request %s", i, hc.srv, hc.id)
			}
			if err := hc.conn.finish(); err != nil {
				return nil, fmt.Errorf("step %d: finishing held response: %w", i, err)
			}
			open--
		}
		if err := h.settle(open); err != nil {
			return nil, fmt.Errorf("step %d: %w (haproxy: %s)", i, err, h.stderr.String())
		}
	}
	return &out, nil
}

// freeAddr asks the kernel for a free loopback port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
