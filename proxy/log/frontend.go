package log

import (
	"fmt"
	"net/netip"
	"strconv"
	"sync/atomic"

	"hakeep/proxy"
	"hakeep/proxy/log/capture"
	"hakeep/proxy/log/line"
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
	"hakeep/proxy/stream"
)

// Syslog levels (RFC 5424 section 6.2.1).
const (
	levelEmerg = iota
	levelAlert
	levelCrit
	levelErr
	levelWarning
	levelNotice
	levelInfo
	levelDebug
)

// frontend is what a frontend's traffic lines need.
type frontend struct {
	pl   *ProxyLog
	name string
	http bool
	// format is the line format, sd the structured data (rfc5424),
	// errFormat the lines of sessions without a stream, uid the
	// unique-id-format; nil when not set.
	format, sd, errFormat, uid *logformat.Format
	env                        line.Env
	caps                       *capture.Spec
	dontLogNull, dontLogNormal bool
	separateErrors             bool
	// logCount counts the lines sent (%lc, fe->log_count).
	logCount atomic.Uint64
}

// newFrontend compiles a frontend's formats the way 2.6's
// check_config_validity() does (mandatory nodes, merged spaces, an extra
// separator at the end of the structured data).
func (l *Logger) newFrontend(p *proxy.Proxy, pl *ProxyLog, reg *sample.Registry) (*frontend, error) {
	fe := &frontend{pl: pl, name: p.Name, http: p.Mode == proxy.ModeHTTP,
		caps:           capture.NewSpec(&p.Captures, p.Declares),
		dontLogNull:    p.Options.DontLogNull,
		dontLogNormal:  p.Options.DontLogNormal,
		separateErrors: p.Options.LogSeparateErrors,
	}
	fe.env = line.Env{Hostname: l.deps.Hostname, PID: l.deps.PID, LogASAP: p.Options.LogASAP,
		ReqCaps: len(fe.caps.Req), ResCaps: len(fe.caps.Res), URILen: 1024}
	for _, b := range p.Binds {
		if b.SSL != nil {
			fe.env.SSL = true
		}
	}
	ctx := &sample.Context{Registry: reg, Proxy: p.Name, Cap: sample.CapFE}
	if p.Cap&proxy.CapBackend != 0 {
		ctx.Cap |= sample.CapBE
	}
	compile := func(what, s string, opts logformat.Options) (*logformat.Format, error) {
		if s == "" {
			return nil, nil
		}
		opts.HTTP = fe.http
		opts.MergeSpaces = true
		f, err := logformat.Parse(s, opts, ctx)
		if err != nil {
			return nil, fmt.Errorf("failed to parse %s : %w", what, err)
		}
		return f, nil
	}
	lines := logformat.Options{Cap: sample.FeLogEnd, Flags: logformat.Mandatory}
	var err error
	if fe.format, err = compile("log-format", p.LogFormat, lines); err != nil {
		return nil, err
	}
	if fe.sd, err = compile("log-format-sd", p.LogFormatSD, lines); err != nil {
		return nil, err
	}
	if fe.sd != nil {
		fe.sd.Nodes = append(fe.sd.Nodes, logformat.Node{Kind: logformat.Separator, Text: " "})
	}
	if fe.errFormat, err = compile("error-log-format", p.ErrorLogFormat, lines); err != nil {
		return nil, err
	}
	uidCap := sample.FeHrqHdr
	if p.Cap&proxy.CapBackend != 0 {
		uidCap |= sample.BeHrqHdr
	}
	if fe.uid, err = compile("unique-id", p.UniqueIDFormat, logformat.Options{Cap: uidCap}); err != nil {
		return nil, err
	}
	return fe, nil
}

// Frontend returns the capture spec of a frontend, for the engine's
// capture sets; nil for an unknown name.
func (l *Logger) Frontend(name string) *capture.Spec {
	if fe := l.frontends[name]; fe != nil {
		return fe.caps
	}
	return nil
}

// LogTxn logs one stream, or one session that ended without a stream,
// with what the engine captured (strm_log(), sess_log()).
// t must stay valid until LogTxn returns; it is modified (ReqID,
// LogCount, UniqueID).
func (l *Logger) LogTxn(t *line.Txn) {
	w := l.getWork()
	l.logTxn(w, t)
	l.putWork(w)
}

func (l *Logger) logTxn(w *work, t *line.Txn) {
	if !t.ReqIDSet {
		t.ReqID = l.reqID.Add(1) - 1
	}
	fe := l.frontends[t.Rec.Frontend]
	if fe == nil || len(fe.pl.targets) == 0 {
		return
	}
	r := t.Rec
	if t.NoStream {
		l.sessLog(w, fe, t)
		return
	}
	if fe.format == nil {
		// no log format: the line was "Connect from" at the start
		// (Connect)
		return
	}
	// "option dontlognull": nothing received from the client
	if fe.dontLogNull && r.BytesIn == 0 {
		return
	}
	err := r.Redispatched || (r.Term.Cause != 0 && r.Term.Cause != stream.CauseNone && r.Term.Cause != stream.CauseLocal) ||
		((r.Term.Cause == 0 || r.Term.Cause == stream.CauseNone) && r.Retries > 0) ||
		(fe.http && r.Status >= 500)
	if !err && fe.dontLogNormal {
		return
	}
	level := levelInfo
	switch {
	case t.LevelSet:
		// "http-request set-log-level" (strm_log(): s->logs.level)
		if t.Level < 0 {
			return
		}
		level = t.Level
	case err && fe.separateErrors:
		level = levelErr
	}
	l.emit(w, fe, t, fe.format, level)
}

// sessLog logs a session the HTTP mux refused before any stream:
// error-log-format when set, else the log format.
func (l *Logger) sessLog(w *work, fe *frontend, t *line.Txn) {
	// "option dontlognull": the mux logs nothing for a connection that
	// sent nothing (h1_handle_req_tout() and friends)
	if fe.dontLogNull && t.Rec.BytesIn == 0 {
		return
	}
	level := levelInfo
	if fe.separateErrors {
		level = levelErr
	}
	f := fe.errFormat
	if f == nil {
		f = fe.format
	}
	if f == nil {
		return
	}
	l.emit(w, fe, t, f, level)
}

// emit renders a line and sends it to the frontend's targets.
func (l *Logger) emit(w *work, fe *frontend, t *line.Txn, f *logformat.Format, level int) {
	if t.UniqueID == nil && fe.uid != nil && !t.NoStream {
		w.uid = w.r.Append(w.uid[:0], fe.uid, t, &fe.env, l.maxLen)
		t.UniqueID = w.uid
	}
	t.LogCount = fe.logCount.Load()
	w.meta = fe.pl.meta
	if fe.sd != nil {
		w.sd = w.r.Append(w.sd[:0], fe.sd, t, &fe.env, l.maxLen)
		w.meta.SD = w.sd
	}
	w.body = w.r.Append(w.body[:0], f, t, &fe.env, l.maxLen)
	if len(w.body) == 0 {
		return
	}
	fe.logCount.Add(1)
	now := l.now()
	for _, tg := range fe.pl.targets {
		tg.send(l.pool, level, -1, &w.meta, now, w.body)
	}
}

// Connect sends "Connect from <ci>:<cp> to <fi>:<fp> (<fe>/<mode>)" for
// a frontend that has targets and no log format: 2.6 logs that when a
// stream starts (frontend_accept()), for each TCP connection and each
// HTTP request.
func (l *Logger) Connect(frontend string, client, dst netip.AddrPort) {
	fe := l.frontends[frontend]
	if fe == nil || fe.format != nil || len(fe.pl.targets) == 0 {
		return
	}
	w := l.getWork()
	defer l.putWork(w)
	b := w.body[:0]
	if !client.IsValid() {
		b = append(b, "Connect from unknown source to listener "...)
		b = append(b, '1')
	} else {
		b = append(b, "Connect from "...)
		b = client.Addr().WithZone("").AppendTo(b)
		b = append(b, ':')
		b = strconv.AppendUint(b, uint64(client.Port()), 10)
		b = append(b, " to "...)
		if dst.IsValid() {
			b = dst.Addr().WithZone("").AppendTo(b)
			b = append(b, ':')
			b = strconv.AppendUint(b, uint64(dst.Port()), 10)
		} else {
			b = append(b, "undetermined address:0"...)
		}
	}
	b = append(b, " ("...)
	b = append(b, fe.name...)
	if fe.http {
		b = append(b, "/HTTP)"...)
	} else {
		b = append(b, "/TCP)"...)
	}
	w.body = b
	fe.pl.sendText(w, levelInfo)
}
