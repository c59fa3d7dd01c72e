package log

import (
	"strconv"

	"hakeep/proxy"
	"hakeep/proxy/check"
	"hakeep/proxy/log/syslog"
)

// ProxyLog sends the messages 2.6 sends about one proxy with send_log():
// to the proxy's targets, under its tag, with "-" structured data.
type ProxyLog struct {
	l       *Logger
	name    string
	mode    proxy.Mode
	targets []*target
	meta    syslog.Meta
}

// Proxy returns the messages of the backend (or listen) called name,
// else of the frontend called name; nil when there is none (a nil
// ProxyLog discards).
func (l *Logger) Proxy(name string) *ProxyLog {
	if pl := l.proxies[proxyKey{name, true}]; pl != nil {
		return pl
	}
	return l.proxies[proxyKey{name, false}]
}

// Global returns the messages sent without a proxy (send_log(NULL, ...)):
// to the global targets.
func (l *Logger) Global() *ProxyLog { return l.global }

// Send sends msg at level (0 emerg .. 7 debug); a trailing line feed is
// ignored.
func (p *ProxyLog) Send(level int, msg string) {
	if p == nil || len(p.targets) == 0 {
		return
	}
	w := p.l.getWork()
	defer p.l.putWork(w)
	w.body = append(w.body[:0], msg...)
	p.sendText(w, level)
}

// Emit is Send for proxy/check's notifications (check.Logger).
func (p *ProxyLog) Emit(level check.Level, msg string) { p.Send(int(level), msg) }

// sendText sends w.body at level, cut as 2.6's vsnprintf() into a
// buffer of the longest "len" cuts it (one byte is its NUL).
func (p *ProxyLog) sendText(w *work, level int) {
	if len(p.targets) == 0 {
		return
	}
	if len(w.body) > p.l.maxLen-1 {
		w.body = w.body[:p.l.maxLen-1]
	}
	w.meta = p.meta
	w.meta.SD = p.l.dashSD
	now := p.l.now()
	for _, t := range p.targets {
		t.send(p.l.pool, level, -1, &w.meta, now, w.body)
	}
}

// ProxyStopped sends "Proxy <name> stopped (cumulated conns: FE: <fe>, BE:
// <be>)." at warning level, which 2.6 sends for each TCP or HTTP proxy at
// the end of a soft stop (proxy_cond_disable()): frontends and listens
// when their listeners close, backends after them.
func (l *Logger) ProxyStopped(name string, feConns, beConns int64) {
	p := l.Proxy(name)
	if p == nil || (p.mode != proxy.ModeTCP && p.mode != proxy.ModeHTTP) {
		return
	}
	p.Send(levelWarning, stoppedText(name, feConns, beConns))
}

// HTTPClientStopped sends the line of 2.6's internal HTTP client proxy,
// which has the global targets and stops last.
func (l *Logger) HTTPClientStopped() {
	l.global.Send(levelWarning, stoppedText("<HTTPCLIENT>", 0, 0))
}

func stoppedText(name string, fe, be int64) string {
	return "Proxy " + name + " stopped (cumulated conns: FE: " + strconv.FormatInt(fe, 10) +
		", BE: " + strconv.FormatInt(be, 10) + ")."
}
