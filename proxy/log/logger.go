package log

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"hakeep/proxy"
	"hakeep/proxy/log/line"
	"hakeep/proxy/log/ring"
	"hakeep/proxy/log/sink"
	"hakeep/proxy/log/syslog"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// defaultMaxLen is MAX_SYSLOG_LEN, a target's length without "len".
const defaultMaxLen = 1024

// Logger sends the logs of one configuration.
type Logger struct {
	deps Deps
	now  func() time.Time

	// maxLen is global.max_syslog_len: the longest "len" of all "log"
	// lines, the size lines are rendered in.
	maxLen int
	pool   *sink.Pool
	work   sync.Pool

	frontends map[string]*frontend
	proxies   map[proxyKey]*ProxyLog
	global    *ProxyLog
	// globalMeta is the metadata of global messages and ring notices.
	globalMeta *syslog.Meta
	// dashSD is the structured data of process messages ("- ").
	dashSD []byte

	// reqID numbers the streams (%rt, global.req_count).
	reqID atomic.Uint64

	dests    *dests
	forwards []*forward
}

type proxyKey struct {
	name    string
	backend bool
}

// work is one goroutine's scratch space for a line.
type work struct {
	r        line.Renderer
	body, sd []byte
	uid      []byte
	meta     syslog.Meta
	txn      line.Txn
}

// New builds the logger of cfg: its targets, rings and formats, and
// binds the log-forward sections' sockets, so that their errors show at
// start-up. Nothing is sent before Run.
func New(cfg *proxy.Config, deps Deps) (*Logger, error) {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Progname == "" {
		deps.Progname = "haproxy"
	}
	if deps.Hostname == "" {
		deps.Hostname, _ = os.Hostname()
	}
	if deps.QueueDepth <= 0 {
		deps.QueueDepth = 4096
	}
	l := &Logger{deps: deps, now: deps.Now, maxLen: maxSyslogLen(cfg),
		frontends: map[string]*frontend{}, proxies: map[proxyKey]*ProxyLog{}, dashSD: []byte("- ")}
	l.pool = sink.NewPool(l.maxLen + 512)
	l.work.New = func() any {
		return &work{body: make([]byte, 0, l.maxLen), sd: make([]byte, 0, l.maxLen)}
	}
	g := &cfg.Global
	tag := g.LogTag
	if tag == "" {
		tag = deps.Progname
	}
	pid := strconv.Itoa(deps.PID)
	l.globalMeta = &syslog.Meta{Host: g.LogSendHostname, Tag: tag, PID: pid}
	l.dests = &dests{l: l, queues: map[string]*sink.Queue{}, rings: map[string]*ring.Ring{}}
	if err := l.dests.ringsOf(cfg, l.globalMeta); err != nil {
		return nil, err
	}
	var err error
	if l.global, err = l.proxyLog("", g.Logs, tag); err != nil {
		return nil, fmt.Errorf("global log: %w", err)
	}
	reg := sample.NewRegistry()
	for _, p := range cfg.Proxies {
		ptag := p.LogTag
		if ptag == "" {
			ptag = tag
		}
		pl, err := l.proxyLog(p.Name, p.Logs, ptag)
		if err != nil {
			return nil, fmt.Errorf("proxy '%s': %w", p.Name, err)
		}
		pl.mode = p.Mode
		if p.Cap&proxy.CapBackend != 0 {
			l.proxies[proxyKey{p.Name, true}] = pl
		}
		if p.Cap&proxy.CapFrontend != 0 {
			l.proxies[proxyKey{p.Name, false}] = pl
			fe, err := l.newFrontend(p, pl, reg)
			if err != nil {
				return nil, fmt.Errorf("proxy '%s': %w", p.Name, err)
			}
			l.frontends[p.Name] = fe
		}
	}
	bufSize := g.Tune.BufSize
	if bufSize <= 0 {
		bufSize = 16384
	}
	for _, lf := range cfg.LogForwards {
		f, err := l.newForward(lf, bufSize)
		if err != nil {
			for _, f := range l.forwards {
				f.close()
			}
			return nil, err
		}
		l.forwards = append(l.forwards, f)
	}
	return l, nil
}

// maxSyslogLen is the longest "len" of every "log" line, 1024 at least.
func maxSyslogLen(cfg *proxy.Config) int {
	n := defaultMaxLen
	grow := func(ts []proxy.LogTarget) {
		for _, t := range ts {
			if t.MaxLen > n {
				n = t.MaxLen
			}
		}
	}
	grow(cfg.Global.Logs)
	for _, p := range cfg.Proxies {
		grow(p.Logs)
	}
	for _, f := range cfg.LogForwards {
		grow(f.Logs)
	}
	return n
}

// proxyLog builds the targets of a proxy's (or the global) "log" lines.
func (l *Logger) proxyLog(name string, lts []proxy.LogTarget, tag string) (*ProxyLog, error) {
	pl := &ProxyLog{l: l, name: name,
		meta: syslog.Meta{Host: l.globalMeta.Host, Tag: tag, PID: l.globalMeta.PID}}
	for i := range lts {
		t, err := l.dests.target(&lts[i], i+1)
		if err != nil {
			return nil, err
		}
		pl.targets = append(pl.targets, t)
	}
	return pl, nil
}

// Run sends until ctx ends, then flushes what is queued. It also serves
// the log-forward sections' sockets.
func (l *Logger) Run(ctx context.Context) error {
	done := make(chan struct{}, len(l.forwards))
	for _, f := range l.forwards {
		go func() { f.run(ctx); done <- struct{}{} }()
	}
	l.dests.run(ctx)
	for range l.forwards {
		<-done
	}
	return nil
}

// Stopping says a soft stop begins: the rings stop forwarding, as 2.6's
// do; the other destinations go on until Run's context ends.
func (l *Logger) Stopping() { l.dests.stopForwarders() }

// Dropped is the number of messages dropped by full queues
// (dropped_logs).
func (l *Logger) Dropped() uint64 {
	var n uint64
	for _, q := range l.dests.queues {
		n += q.Dropped()
	}
	return n
}

// Log logs a stream from the engine's record alone (stream.Logger).
func (l *Logger) Log(r *stream.Record) {
	w := l.getWork()
	w.txn = line.Txn{Rec: r}
	l.logTxn(w, &w.txn)
	w.txn = line.Txn{}
	l.putWork(w)
}

// LogStream logs a stream the engine numbered (%rt) from its record
// alone: a TCP session.
func (l *Logger) LogStream(r *stream.Record, id uint64) {
	w := l.getWork()
	w.txn = line.Txn{Rec: r, ReqID: id, ReqIDSet: true}
	l.logTxn(w, &w.txn)
	w.txn = line.Txn{}
	l.putWork(w)
}

func (l *Logger) getWork() *work { return l.work.Get().(*work) }

func (l *Logger) putWork(w *work) {
	w.body, w.sd, w.uid = w.body[:0], w.sd[:0], w.uid[:0]
	w.meta = syslog.Meta{}
	l.work.Put(w)
}
