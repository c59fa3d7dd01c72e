package engine

import (
	"strconv"

	"hakeep/proxy"
	"hakeep/proxy/check"
)

// The messages 2.6 prints (ha_warning: stderr) and logs (send_log: the
// proxy's "log" targets) as proxies pause, resume and stop
// (src/proxy.c: proxy_cond_pause, proxy_cond_resume, proxy_cond_disable).

// proxyStoppedText is the line of a proxy stopping: its frontend's cumulated
// connections ("conn_tot") and its backend's ("stot").
func proxyStoppedText(name string, fe, be int64) string {
	return "Proxy " + name + " stopped (cumulated conns: FE: " + itoa64(fe) + ", BE: " + itoa64(be) + ")."
}

// httpClientProxy is 2.6's internal HTTP client proxy, which stops last
// and logs to the global targets.
const httpClientProxy = "<HTTPCLIENT>"

// globalProxy is the frontend of the stats sockets and the master's
// socket pair.
const globalProxy = "GLOBAL"

// proxyWarn prints msg on stderr and sends it to the named proxy's logs
// at warning level.
func (e *Engine) proxyWarn(name, msg string) {
	e.log.Warn(msg)
	if e.deps.ProxyLog != nil {
		if l := e.deps.ProxyLog(name); l != nil {
			l.Emit(check.LevelWarning, msg)
		}
	}
}

// frontendStopped says once that a frontend's listeners are closed for
// good ("shutdown frontend", or the soft stop).
func (e *Engine) frontendStopped(fe *frontend) {
	if !fe.stopped.CompareAndSwap(false, true) {
		return
	}
	var be int64
	if fe.px.Cap&proxy.CapBackend != 0 {
		if b := fe.st.byProxy[fe.px]; b != nil {
			be = b.Counters.Sessions.Load()
		}
	}
	e.proxyWarn(fe.px.Name, proxyStoppedText(fe.px.Name, fe.counters.Conns.Load(), be))
}

// announceStop prints and logs the proxies' stop as 2.6 does when a soft
// stop closes the listeners: the frontends and listens in declaration
// order, the stats sockets' GLOBAL frontend, the backends, then the
// internal HTTP client.
func (e *Engine) announceStop() {
	st := e.state.Load()
	for _, fe := range st.frontends {
		if len(fe.px.Binds) > 0 {
			e.frontendStopped(fe)
		}
	}
	if e.deps.GlobalConns != nil {
		if n, ok := e.deps.GlobalConns(); ok {
			e.log.Warn(proxyStoppedText(globalProxy, n, n))
		}
	}
	for _, be := range st.backends {
		if be.Proxy.Cap&proxy.CapFrontend != 0 {
			continue
		}
		e.proxyWarn(be.Name(), proxyStoppedText(be.Name(), 0, be.Counters.Sessions.Load()))
	}
	e.proxyWarn(httpClientProxy, proxyStoppedText(httpClientProxy, 0, 0))
}

// announcePause says which frontends a pause (SIGTTOU, "disable
// frontend") or a resume changed: "Paused frontend fe.", "Resumed proxy
// l.".
func (e *Engine) announcePause(fes []*frontend, resumed bool) {
	verb := "Paused "
	if resumed {
		verb = "Resumed "
	}
	for _, fe := range fes {
		e.proxyWarn(fe.px.Name, verb+proxyType(fe.px)+" "+fe.px.Name+".")
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
