package httpdiff

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// layout places one run of a case: its ports, sockets, back ends and
// files. The configuration template reaches it through these functions:
//
//	{{addr "fe"}}          127.0.0.1:PORT, a listener
//	{{addr6 "fe"}}         [::1]:PORT, a listener
//	{{port "fe"}}          PORT alone, a listener (":PORT", "ipv4@...")
//	{{portrange "fe" 3}}   PORT-PORT+2, three listeners
//	{{portoff "fe" 1}}     PORT+1 alone, a listener
//	{{sock "fe"}}          a unix socket path, a listener
//	{{srv "s1"}}           the address of back end s1 (started on use)
//	{{srvip "s1"}} {{srvport "s1"}}
//	{{file "name"}}        the path of one of the case's Files
//	{{dir}}                the run's directory
//
// A port name gets as many consecutive ports as the script and the back
// ends' At offsets need, so "fe+1" is free for a back end.
type layout struct {
	dir    string
	pool   *portPool
	spans  map[string]int // ports each name needs
	ports  map[string]int
	listen map[int]bool // ports a listener binds
	socks  map[string]string
	taken  []int

	backends map[string]Backend
	servers  map[string]*server
	log      *serverLog
	masks    *masker
}

func newLayout(c *Case, dir string, pool *portPool, log *serverLog, m *masker) *layout {
	l := &layout{
		dir: dir, pool: pool, spans: map[string]int{}, ports: map[string]int{},
		listen: map[int]bool{}, socks: map[string]string{},
		backends: map[string]Backend{}, servers: map[string]*server{}, log: log, masks: m,
	}
	need := func(name string, off int) {
		if off+1 > l.spans[name] {
			l.spans[name] = off + 1
		}
	}
	for _, b := range c.Backends {
		l.backends[b.Name] = b
		if b.At != "" {
			name, off := splitAt(b.At)
			need(name, off)
		}
	}
	for _, s := range c.Script {
		if s.Op == OpOpen && s.Net != "unix" {
			need(s.To, s.Offset)
		}
	}
	return l
}

// splitAt reads "fe+1" or "fe-1".
func splitAt(at string) (string, int) {
	if i := strings.LastIndexAny(at, "+-"); i > 0 {
		n, err := strconv.Atoi(at[i:])
		if err == nil {
			return at[:i], n
		}
	}
	return at, 0
}

// port returns the first port of name, allocating its span on first use.
func (l *layout) port(name string, span int) (int, error) {
	if p, ok := l.ports[name]; ok {
		return p, nil
	}
	if l.spans[name] > span {
		span = l.spans[name]
	}
	if span < 1 {
		span = 1
	}
	p, err := l.pool.span(span)
	if err != nil {
		return 0, err
	}
	l.ports[name] = p
	for i := 0; i < span; i++ {
		l.taken = append(l.taken, p+i)
		label := "<" + name + ">"
		if i > 0 {
			label = fmt.Sprintf("<%s+%d>", name, i)
		}
		l.masks.value(strconv.Itoa(p+i), label)
	}
	return p, nil
}

func (l *layout) listener(name string) (int, error) {
	p, err := l.port(name, 1)
	if err == nil {
		l.listen[p] = true
	}
	return p, err
}

// server starts back end name on first use.
func (l *layout) server(name string) (*server, error) {
	if s, ok := l.servers[name]; ok {
		return s, nil
	}
	spec, ok := l.backends[name]
	if !ok {
		spec = Backend{Name: name}
	}
	s := &server{spec: spec, log: l.log, open: map[net.Conn]bool{}, done: make(chan struct{})}
	ip := spec.IP
	if ip == "" {
		ip = "127.0.0.1"
	}
	port := 0
	if spec.At != "" {
		base, off := splitAt(spec.At)
		p, err := l.port(base, off+1)
		if err != nil {
			return nil, err
		}
		port = p + off
	}
	if spec.Kind == Refuse {
		// Nothing listens on a reserved port.
		p, err := l.pool.span(1)
		if err != nil {
			return nil, err
		}
		l.taken = append(l.taken, p)
		s.port, s.addr = p, net.JoinHostPort(ip, strconv.Itoa(p))
	} else if err := s.listen(ip, port); err != nil {
		return nil, fmt.Errorf("back end %q: %w", name, err)
	}
	if spec.At == "" {
		l.masks.value(strconv.Itoa(s.port), "<srv:"+name+">")
	}
	s.serve()
	l.servers[name] = s
	return s, nil
}

// stop stops the back ends and gives the ports back.
func (l *layout) stop() {
	for _, s := range l.servers {
		s.stop()
	}
	l.pool.release(l.taken)
}

// render executes the configuration template and writes the case's files.
func (l *layout) render(c *Case) (string, error) {
	for name, body := range c.Files {
		if err := os.WriteFile(filepath.Join(l.dir, name), []byte(body), 0o644); err != nil {
			return "", err
		}
	}
	funcs := template.FuncMap{
		"addr": func(name string) (string, error) {
			p, err := l.listener(name)
			return "127.0.0.1:" + strconv.Itoa(p), err
		},
		"addr6": func(name string) (string, error) {
			p, err := l.listener(name)
			return "[::1]:" + strconv.Itoa(p), err
		},
		"port": func(name string) (string, error) {
			p, err := l.listener(name)
			return strconv.Itoa(p), err
		},
		"portoff": func(name string, off int) (string, error) {
			p, err := l.port(name, off+1)
			l.listen[p+off] = true
			return strconv.Itoa(p + off), err
		},
		"portrange": func(name string, n int) (string, error) {
			p, err := l.port(name, n)
			for i := 0; i < n; i++ {
				l.listen[p+i] = true
			}
			return fmt.Sprintf("%d-%d", p, p+n-1), err
		},
		"sock": func(name string) string {
			p := filepath.Join(l.dir, name+".sock")
			l.socks[name] = p
			return p
		},
		"srv": func(name string) (string, error) {
			s, err := l.server(name)
			if err != nil {
				return "", err
			}
			return s.addr, nil
		},
		"srvip": func(name string) (string, error) {
			s, err := l.server(name)
			if err != nil {
				return "", err
			}
			h, _, _ := net.SplitHostPort(s.addr)
			return h, nil
		},
		"srvport": func(name string) (string, error) {
			s, err := l.server(name)
			if err != nil {
				return "", err
			}
			return strconv.Itoa(s.port), nil
		},
		"file": func(name string) string { return filepath.Join(l.dir, name) },
		"dir":  func() string { return l.dir },
	}
	tmpl, err := template.New(c.Name).Funcs(funcs).Option("missingkey=error").Parse(c.Config)
	if err != nil {
		return "", fmt.Errorf("config template: %w", err)
	}
	var b strings.Builder
	b.WriteString("global\n    nbthread 1\n\n")
	if err := tmpl.Execute(&b, nil); err != nil {
		return "", fmt.Errorf("config template: %w", err)
	}
	// Back ends named only by At (server ports given as offsets) start
	// once the ports they sit on are known.
	for name, spec := range l.backends {
		if spec.At != "" {
			if _, err := l.server(name); err != nil {
				return "", err
			}
		}
	}
	l.masks.path(l.dir, "<dir>")
	return b.String(), nil
}

// dialAddr is where a script step connects.
func (l *layout) dialAddr(st Step) (network, addr string, err error) {
	to := st.To
	if to == "" {
		to = "fe"
	}
	if st.Net == "unix" {
		p, ok := l.socks[to]
		if !ok {
			return "", "", fmt.Errorf("no socket named %q in the configuration", to)
		}
		return "unix", p, nil
	}
	p, ok := l.ports[to]
	if !ok {
		return "", "", fmt.Errorf("no port named %q in the configuration", to)
	}
	host := "127.0.0.1"
	network = "tcp4"
	if st.Net == "tcp6" {
		host, network = "::1", "tcp6"
	}
	if st.Host != "" {
		host = st.Host
	}
	return network, net.JoinHostPort(host, strconv.Itoa(p+st.Offset)), nil
}
