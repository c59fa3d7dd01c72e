package checks_e2e

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"

	"hakeep/haproxy/config"
	"hakeep/proxy/check"
)

// ours runs proxy/check on the configuration decoded by haproxy/config,
// without a binary: the checks as the engine will run them.
type ours struct {
	m      *check.Manager
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	errOut bytes.Buffer
	logs   lockedLines
}

func (o *ours) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.errOut.Write(p)
}

func (o *ours) start(cfgPath string) error {
	res := config.Load([]string{cfgPath}, config.Options{})
	if res.Config == nil {
		var msgs []string
		for _, m := range res.Messages {
			msgs = append(msgs, m.Text)
		}
		return fmt.Errorf("configuration refused: %s", strings.Join(msgs, "; "))
	}
	m, err := check.New(res.Config, check.Options{Stderr: o, PID: 1,
		Logger: check.LoggerFunc(func(l check.Level, msg string) { o.logs.add(fmt.Sprintf("<%d> %s", l, msg)) })})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.m, o.cancel, o.done = m, cancel, make(chan struct{})
	go func() { m.Run(ctx); close(o.done) }()
	return nil
}

func (o *ours) stats(servers []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, id := range servers {
		be, srv, _ := strings.Cut(id, "/")
		s := o.m.Server(be, srv)
		if s == nil {
			return nil, fmt.Errorf("no server %s", id)
		}
		out[id] = s.Stats().Fields()
	}
	return out, nil
}

func (o *ours) current() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Split(o.errOut.String(), "\n")
}

func (o *ours) stop() ([]string, []string) {
	o.cancel()
	<-o.done
	o.mu.Lock()
	defer o.mu.Unlock()
	var lines []string
	for _, l := range strings.Split(o.errOut.String(), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines, o.logs.get()
}

// command plays the runtime API commands that act on checks through the
// hooks proxy/check offers (management.txt section 9.3); the runtime API
// task will parse them for real.
func (o *ours) command(cmd string) (string, error) {
	w := strings.Fields(cmd)
	server := func(id string) (*check.Server, error) {
		be, srv, _ := strings.Cut(id, "/")
		if s := o.m.Server(be, srv); s != nil {
			return s, nil
		}
		return nil, fmt.Errorf("no server %s", id)
	}
	answer := func(warn string, err error) (string, error) {
		if err != nil {
			return err.Error(), nil
		}
		return warn, nil
	}
	switch {
	case len(w) == 5 && w[0] == "set" && w[1] == "server":
		s, err := server(w[2])
		if err != nil {
			return "", err
		}
		switch w[3] {
		case "health":
			return answer(s.SetHealth(w[4]))
		case "agent":
			return answer(s.SetAgent(w[4]))
		case "state":
			return answer("", s.SetAdmin(w[4]))
		case "weight":
			return answer("", s.SetWeight(w[4]))
		case "check-port":
			return answer("", s.SetCheckPort(w[4]))
		case "agent-port":
			return answer("", s.SetAgentPort(w[4]))
		case "agent-send":
			return answer("", s.SetAgentSend(w[4]))
		case "agent-addr":
			return answer("", s.SetAgentAddr(w[4]))
		}
	case len(w) == 5 && w[0] == "set" && w[1] == "maxconn" && w[2] == "server":
		s, err := server(w[3])
		if err != nil {
			return "", err
		}
		return answer("", s.SetMaxconn(w[4]))
	case len(w) == 3 && (w[0] == "enable" || w[0] == "disable") && (w[1] == "health" || w[1] == "agent"):
		s, err := server(w[2])
		if err != nil {
			return "", err
		}
		switch w[0] + " " + w[1] {
		case "enable health":
			return answer("", s.EnableHealth())
		case "disable health":
			s.DisableHealth()
		case "enable agent":
			return answer("", s.EnableAgent())
		case "disable agent":
			s.DisableAgent()
		}
		return "", nil
	}
	return "", fmt.Errorf("unsupported command %q", cmd)
}
