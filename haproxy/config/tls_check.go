package config

import (
	"strings"

	"hakeep/parser"
	"hakeep/proxy/tlsconf"
)

// buildTLS is ssl_sock_prepare_all_ctx() and the servers' TLS
// preparation: every certificate, CA and CRL file is loaded and every TLS
// setting checked now, as 2.6 does before it starts, with its messages;
// what crypto/tls cannot do as asked is refused here too, saying why, and
// what it does differently is noted. The result goes to the engine in
// proxy.Config.TLS.
func (l *loader) buildTLS() errCode {
	var ec errCode
	rt, err := tlsconf.Build(l.cfg, tlsconf.Options{
		BaseDir: l.baseDir,
		Warn: func(m string) {
			l.warnf(parser.Pos{}, "%s", m)
			ec |= errWarn
		},
		Notice: func(m string) {
			l.msgs = append(l.msgs, Message{Severity: parser.SevWarning, Hakeep: true, Text: ctxPrefix + m})
		},
	})
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if line = strings.TrimRight(line, " "); line != "" {
				l.alertf(parser.Pos{}, "%s", line)
			}
		}
		return ec | errFatalAlert
	}
	l.cfg.TLS = rt
	return ec
}
