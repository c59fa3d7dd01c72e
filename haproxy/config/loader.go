package config

import (
	"hakeep/parser"
	"hakeep/proxy"
)

// loader carries the state of one Load call.
type loader struct {
	opts Options
	msgs []Message
	// fatal records an error that makes HAProxy exit with status 1.
	fatal bool
	cfg   *proxy.Config
}

func newLoader(opts Options) *loader {
	return &loader{opts: opts, cfg: &proxy.Config{}}
}

func (l *loader) load(files []string) *Result {
	// The parser (parser.ParseHAProxy) is not in the tree yet; until it
	// lands Load reports that it cannot read anything.
	l.msgs = append(l.msgs, Message{
		Severity: parser.SevAlert,
		Text:     "config : hakeep: the haproxy.cfg parser is not available in this build yet",
	})
	return &Result{Messages: l.msgs}
}
