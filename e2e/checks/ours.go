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
