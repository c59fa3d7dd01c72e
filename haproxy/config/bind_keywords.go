package config

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"

	"hakeep/parser"
	"hakeep/proxy"
)

// bindKeywords is every bind option of configuration.txt section 5.1 that
// Debian's 2.6 build registers (listener.c, cfgparse-tcp.c,
// cfgparse-unix.c, cfgparse-ssl.c, cli.c).
func bindKeywords() map[string]bindKeyword {
	return map[string]bindKeyword{
		"accept-netscaler-cip": {1, bindNetscaler},
		"accept-proxy":         bindFlag(func(c *bindCtx) { c.b.AcceptProxy = true }),
		"backlog":              {1, bindIntMin("backlog", 1, "must be > 0", func(c *bindCtx, v int) { c.b.Backlog = v })},
		"id":                   {1, bindID},
		"maxconn":              {1, bindIntMin("maxconn", 0, "must be >= 0", func(c *bindCtx, v int) { c.b.MaxConn = v })},
		"name":                 bindValue("name", func(c *bindCtx, v string) (errCode, string) { c.b.Name = v; return 0, "" }),
		"nice":                 {1, bindNice},
		"process":              {1, bindProcess},
		"proto":                {1, bindProto},
		"shards":               {1, bindShards},
		"thread":               {1, bindThread},

		"defer-accept": bindFlag(func(c *bindCtx) { c.b.DeferAccept = true }),
		"interface":    bindValue("interface name", func(c *bindCtx, v string) (errCode, string) { c.b.Interface = v; return 0, "" }),
		"mss":          {1, bindMSS},
		"tcp-ut":       {1, bindTCPUT},
		"tfo":          bindFlag(func(c *bindCtx) { c.b.TFO = true }),
		"transparent":  bindFlag(func(c *bindCtx) { c.b.Transparent = true }),
		"v4v6":         bindFlag(func(c *bindCtx) { c.b.V4V6 = true }),
		"v6only":       bindFlag(func(c *bindCtx) { c.b.V6Only = true }),
		"namespace":    bindValue("namespace id", func(c *bindCtx, v string) (errCode, string) { c.b.Namespace = v; return 0, "" }),

		"gid":   bindValue("value", func(c *bindCtx, v string) (errCode, string) { c.b.GID = int(atol(v)); return 0, "" }),
		"group": {1, bindGroup},
		"mode":  {1, bindMode},
		"uid":   bindValue("value", func(c *bindCtx, v string) (errCode, string) { c.b.UID = int(atol(v)); return 0, "" }),
		"user":  {1, bindUser},

		"level":           {1, bindLevel},
		"expose-fd":       {1, bindExposeFD},
		"severity-output": {1, bindSeverity},

		"allow-0rtt":            bindFlag(func(c *bindCtx) { c.ssl().Allow0RTT = true }),
		"alpn":                  {1, bindALPN},
		"ca-file":               {1, bindCAFile(func(s *proxy.BindSSL, v string) { s.CAFile = v })},
		"ca-verify-file":        {1, bindCAFile(func(s *proxy.BindSSL, v string) { s.CAVerifyFile = v })},
		"ca-ignore-err":         {1, bindIgnoreErr(func(s *proxy.BindSSL, v string) { s.CAIgnoreErr = v })},
		"ca-sign-file":          bindValue("CAfile path", func(c *bindCtx, v string) (errCode, string) { c.ssl().CASignFile = v; return 0, "" }),
		"ca-sign-pass":          bindValue("CAkey password", func(c *bindCtx, v string) (errCode, string) { c.ssl().CASignPass = v; return 0, "" }),
		"ciphers":               bindValue("cipher suite", func(c *bindCtx, v string) (errCode, string) { c.ssl().Ciphers = v; return 0, "" }),
		"ciphersuites":          bindValue("cipher suite", func(c *bindCtx, v string) (errCode, string) { c.ssl().Ciphersuites = v; return 0, "" }),
		"crl-file":              {1, bindCRLFile},
		"crt":                   {1, bindCrt},
		"crt-ignore-err":        {1, bindIgnoreErr(func(s *proxy.BindSSL, v string) { s.CRTIgnoreErr = v })},
		"crt-list":              {1, bindCrtList},
		"curves":                bindValue("curve suite", func(c *bindCtx, v string) (errCode, string) { c.ssl().Curves = v; return 0, "" }),
		"ecdhe":                 bindValue("named curve", func(c *bindCtx, v string) (errCode, string) { c.ssl().ECDHE = v; return 0, "" }),
		"force-sslv3":           bindForce("SSLv3"),
		"force-tlsv10":          bindForce("TLSv1.0"),
		"force-tlsv11":          bindForce("TLSv1.1"),
		"force-tlsv12":          bindForce("TLSv1.2"),
		"force-tlsv13":          bindForce("TLSv1.3"),
		"generate-certificates": bindFlag(func(c *bindCtx) { c.ssl().GenerateCerts = true }),
		"no-ca-names":           bindFlag(func(c *bindCtx) { c.ssl().NoCANames = true }),
		"no-sslv3":              bindNo("no-sslv3"),
		"no-tlsv10":             bindNo("no-tlsv10"),
		"no-tlsv11":             bindNo("no-tlsv11"),
		"no-tlsv12":             bindNo("no-tlsv12"),
		"no-tlsv13":             bindNo("no-tlsv13"),
		"no-tls-tickets":        bindFlag(func(c *bindCtx) { c.ssl().NoTLSTickets = true }),
		"ssl":                   bindFlag(func(c *bindCtx) { c.ssl().Enabled = true }),
		"ssl-min-ver":           {1, bindSSLVer(func(s *proxy.BindSSL, v string) { s.MinVer = v })},
		"ssl-max-ver":           {1, bindSSLVer(func(s *proxy.BindSSL, v string) { s.MaxVer = v })},
		"strict-sni":            bindFlag(func(c *bindCtx) { c.ssl().StrictSNI = true }),
		"tls-ticket-keys":       {1, bindTicketKeys},
		"verify":                {1, bindVerify},
		"npn":                   {1, bindNPN},
		"prefer-client-ciphers": bindFlag(func(c *bindCtx) { c.ssl().PreferClientCiph = true }),
	}
}

// bindKeywordOrder is the bind keywords in 2.6's registration order, the
// candidates of bind_find_best_kw() (duplicates included: cfgparse-tcp.c
// registers placeholders).
func bindKeywordOrder() []string {
	return []string{
		"allow-0rtt", "alpn", "ca-file", "ca-verify-file", "ca-ignore-err", "ca-sign-file",
		"ca-sign-pass", "ciphers", "ciphersuites", "crl-file", "crt", "crt-ignore-err",
		"crt-list", "curves", "ecdhe", "force-sslv3", "force-tlsv10", "force-tlsv11",
		"force-tlsv12", "force-tlsv13", "generate-certificates", "no-ca-names", "no-sslv3",
		"no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "no-tls-tickets", "ssl",
		"ssl-min-ver", "ssl-max-ver", "strict-sni", "tls-ticket-keys", "verify", "npn",
		"prefer-client-ciphers",
		"level", "expose-fd", "severity-output",
		"accept-netscaler-cip", "accept-proxy", "backlog", "id", "maxconn", "name", "nice",
		"process", "proto", "shards", "thread",
		"defer-accept", "interface", "mss", "tcp-ut", "tfo", "transparent", "v4v6", "v6only",
		"namespace", "defer-accept", "interface", "mss", "transparent", "v4v6", "v6only",
		"gid", "group", "mode", "uid", "user",
	}
}

func bindIntMin(name string, min int, rule string, set func(c *bindCtx, v int)) func(c *bindCtx, cur int) (errCode, string) {
	return func(c *bindCtx, cur int) (errCode, string) {
		if c.arg(cur+1) == "" {
			return c.missing(cur, "value")
		}
		v := int(int32(atol(c.arg(cur + 1))))
		if v < min {
			return errFatalAlert, fmt.Sprintf("'%s' : invalid value %d, %s", c.arg(cur), v, rule)
		}
		set(c, v)
		return 0, ""
	}
}

func bindNetscaler(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "value")
	}
	v := int(int32(atol(c.arg(cur + 1))))
	if v < 0 {
		return errFatalAlert, fmt.Sprintf("'%s' : invalid value %d, must be >= 0", c.arg(cur), v)
	}
	c.b.AcceptNetscalerCIP = v
	return 0, ""
}

func bindID(c *bindCtx, cur int) (errCode, string) {
	if c.nAddrs != 1 {
		return errFatalAlert, fmt.Sprintf("'%s' can only be used with a single socket", c.arg(cur))
	}
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : expects an integer argument", c.arg(cur))
	}
	v, err := strconv.ParseInt(c.arg(cur+1), 10, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return errFatalAlert, fmt.Sprintf("'%s' : expects an integer argument, found '%s'", c.arg(cur), c.arg(cur+1))
	}
	id := int(int32(v))
	if id <= 0 {
		return errFatalAlert, fmt.Sprintf("'%s' : custom id has to be > 0", c.arg(cur))
	}
	if other, ok := c.usedIDs[id]; ok && c.usedIDs != nil {
		return errFatalAlert, fmt.Sprintf("'%s' : custom id %d already used at %s:%d ('bind %s')", c.arg(cur), id, other.File, other.Line, other.Spec)
	}
	if c.usedIDs != nil {
		c.usedIDs[id] = c.b
	}
	c.b.ID = id
	return 0, ""
}

func bindNice(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "value")
	}
	v := int(int32(atol(c.arg(cur + 1))))
	if v < -1024 || v > 1024 {
		return errFatalAlert, fmt.Sprintf("'%s' : invalid value %d, allowed range is -1024..1024", c.arg(cur), v)
	}
	c.b.Nice = v
	return 0, ""
}

// bindProcess accepts the deprecated "process" set with 2.6's warning.
func bindProcess(c *bindCtx, cur int) (errCode, string) {
	v := c.arg(cur + 1)
	procPart, thr, slash := strings.Cut(v, "/")
	if procPart != "all" {
		if _, _, msg := parseProcessNumber(procPart, 1, false); msg != "" {
			return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg)
		}
	}
	if slash {
		if _, _, msg := parseProcessNumber(thr, maxThreads, false); msg != "" {
			return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg)
		}
		c.b.Thread = thr
	}
	c.b.Process = v
	msg := fmt.Sprintf("'process %s' on 'bind' lines is deprecated and will be removed in 2.7.", v)
	if slash {
		msg += fmt.Sprintf(" Please use 'thread %s' instead.", thr)
	}
	return errWarn, msg
}

// muxProtos are the multiplexers Debian's 2.6 registers ("Available
// multiplexer protocols" of haproxy -vv); proto refuses others.
func muxProtos() map[string]bool {
	return map[string]bool{"h2": true, "fcgi": true, "h1": true, "none": true}
}

func bindProto(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "value")
	}
	if !muxProtos()[c.arg(cur+1)] {
		return errFatalAlert, fmt.Sprintf("'%s' :  unknown MUX protocol '%s'", c.arg(cur), c.arg(cur+1))
	}
	c.b.Proto = c.arg(cur + 1)
	return 0, ""
}

func bindShards(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "value")
	}
	if c.arg(cur+1) == "by-thread" {
		c.b.Shards = -1
		return 0, ""
	}
	v := int(int32(atol(c.arg(cur + 1))))
	if v < 1 || v > maxThreads {
		return errFatalAlert, fmt.Sprintf("'%s' : invalid value %d, allowed range is %d..%d or 'by-thread'", c.arg(cur), v, 1, maxThreads)
	}
	c.b.Shards = v
	return 0, ""
}

func bindThread(c *bindCtx, cur int) (errCode, string) {
	v := c.arg(cur + 1)
	if v == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing thread set", c.arg(cur))
	}
	for _, set := range strings.Split(v, ",") {
		grp, thr, slash := strings.Cut(set, "/")
		if slash {
			g := atol(grp)
			if g < 1 || g > maxTGroups {
				return errFatalAlert, fmt.Sprintf("'%s' thread-group number must be between 1 and %d (was %d)", v, maxTGroups, g)
			}
		} else {
			thr = grp
		}
		if thr != "all" {
			if _, _, msg := parseProcessNumber(thr, maxThreads, false); msg != "" {
				return errFatalAlert, fmt.Sprintf("'%s' : %s", set, msg)
			}
		}
	}
	c.b.Thread = v
	return 0, ""
}

func bindMSS(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing MSS value", c.arg(cur))
	}
	v := int(int32(atol(c.arg(cur + 1))))
	if v < 0 {
		v = -v
	}
	if v < 1 || v > 65535 {
		return errFatalAlert, fmt.Sprintf("'%s' : expects an MSS with and absolute value between 1 and 65535", c.arg(cur))
	}
	c.b.MSS = int(int32(atol(c.arg(cur + 1))))
	return 0, ""
}

func bindTCPUT(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing TCP User Timeout value", c.arg(cur))
	}
	v, te, ok := c.l.parseTimeWarn(c.ln, c.arg(cur+1), unitMS)
	switch {
	case te.over:
		return errFatalAlert, fmt.Sprintf("timer overflow in argument '%s' to '%s' (maximum value is 2147483647 ms or ~24.8 days)", c.arg(cur+1), c.arg(cur))
	case te.under:
		return errFatalAlert, fmt.Sprintf("timer underflow in argument '%s' to '%s' (minimum non-null value is 1 ms)", c.arg(cur+1), c.arg(cur))
	case !ok:
		return errFatalAlert, fmt.Sprintf("'%s' : expects a positive delay in milliseconds", c.arg(cur))
	}
	c.b.TCPUserTimeout = durationOf(v, unitMS)
	return 0, ""
}

func bindGroup(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "group name")
	}
	g, err := user.LookupGroup(c.arg(cur + 1))
	if err != nil {
		return errFatalAlert, fmt.Sprintf("'%s' : unknown group name '%s'", c.arg(cur), c.arg(cur+1))
	}
	c.b.Group = c.arg(cur + 1)
	c.b.GID, _ = strconv.Atoi(g.Gid)
	return 0, ""
}

func bindUser(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "user name")
	}
	u, err := user.Lookup(c.arg(cur + 1))
	if err != nil {
		return errFatalAlert, fmt.Sprintf("'%s' : unknown user name '%s'", c.arg(cur), c.arg(cur+1))
	}
	c.b.User = c.arg(cur + 1)
	c.b.UID, _ = strconv.Atoi(u.Uid)
	return 0, ""
}

func bindMode(c *bindCtx, cur int) (errCode, string) {
	v := c.arg(cur + 1)
	m, err := strconv.ParseUint(v, 8, 32)
	if v == "" || err != nil {
		return errFatalAlert, fmt.Sprintf("'%s' : missing or invalid mode '%s' (octal integer expected)", c.arg(cur), v)
	}
	c.b.Mode, c.b.ModeSet = uint32(m), true
	return 0, ""
}

func bindLevel(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "level")
	}
	switch c.arg(cur + 1) {
	case "user", "operator", "admin":
		c.b.Level = c.arg(cur + 1)
		return 0, ""
	}
	return errFatalAlert, fmt.Sprintf("'%s' only supports 'user', 'operator', and 'admin' (got '%s')", c.arg(cur), c.arg(cur+1))
}

func bindExposeFD(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "fd type")
	}
	if c.arg(cur+1) != "listeners" {
		return errFatalAlert, fmt.Sprintf("'%s' only supports 'listeners' (got '%s')", c.arg(cur), c.arg(cur+1))
	}
	c.b.ExposeFD = "listeners"
	return 0, ""
}

func bindSeverity(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "severity format")
	}
	switch c.arg(cur + 1) {
	case "none", "number", "string":
		c.b.SeverityOutput = c.arg(cur + 1)
		return 0, ""
	}
	return errFatalAlert, fmt.Sprintf("'%s' only supports 'none', 'number', and 'string' (got '%s')", c.arg(cur), c.arg(cur+1))
}

func bindALPN(c *bindCtx, cur int) (errCode, string) {
	protos, msg := parseALPN(c.arg(cur + 1))
	if msg != "" {
		return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg)
	}
	c.ssl().ALPN = protos
	return 0, ""
}

// parseALPN is ssl_sock_parse_alpn(): a comma-separated list of names of
// at most 255 bytes.
func parseALPN(arg string) ([]string, string) {
	if arg == "" {
		return nil, "missing the comma-delimited ALPN protocol suite"
	}
	protos := strings.Split(arg, ",")
	for _, p := range protos {
		if len(p) > 255 {
			return nil, fmt.Sprintf("ALPN protocol name too long : '%s'", p)
		}
	}
	return protos, ""
}

func bindNPN(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing the comma-delimited NPN protocol suite", c.arg(cur))
	}
	protos := strings.Split(c.arg(cur+1), ",")
	for _, p := range protos {
		if len(p) > 255 {
			return errFatalAlert, fmt.Sprintf("'%s' : NPN protocol name too long : '%s'", c.arg(cur), p)
		}
	}
	c.ssl().NPN = protos
	return 0, ""
}

// sslPath joins a relative TLS file name to the ca-base or crt-base.
func sslPath(base, name string) string {
	if strings.HasPrefix(name, "/") || base == "" {
		return name
	}
	return base + "/" + name
}

func bindCAFile(set func(s *proxy.BindSSL, v string)) func(c *bindCtx, cur int) (errCode, string) {
	return func(c *bindCtx, cur int) (errCode, string) {
		if c.arg(cur+1) == "" {
			return c.missing(cur, "CAfile path")
		}
		p := sslPath(c.l.cfg.Global.SSL.CABase, c.arg(cur+1))
		if !c.l.loadCAFile(c.ln, p) {
			return errFatalAlert, fmt.Sprintf("'%s' : unable to load %s", c.arg(cur), p)
		}
		set(c.ssl(), p)
		return 0, ""
	}
}

func bindCRLFile(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return c.missing(cur, "CRLfile path")
	}
	p := sslPath(c.l.cfg.Global.SSL.CABase, c.arg(cur+1))
	if !c.l.loadCAFile(c.ln, p) {
		return errFatalAlert, fmt.Sprintf("'%s' : unable to load %s", c.arg(cur), p)
	}
	c.ssl().CRLFile = p
	return 0, ""
}

// loadCAFile stands for ssl_store_load_locations_file(): the file (or
// directory) must exist and hold PEM data. Like 2.6 it prints its own
// alert first; outside a server line that alert names no place.
func (l *loader) loadCAFile(ln *line, p string) bool {
	var pos parser.Pos
	if l.msgCtx.set {
		pos = ln.pos
	}
	st, err := os.Stat(l.path(p))
	if err != nil {
		l.alertf(pos, "Couldn't open the ca-file '%s' (%s).", p, errnoText(err))
		return false
	}
	if st.IsDir() {
		return true
	}
	data, err := os.ReadFile(l.path(p))
	if err != nil || !strings.Contains(string(data), "-----BEGIN") {
		l.alertf(pos, "Couldn't open the ca-file '%s' (%s).", p, "no certificate or crl found")
		return false
	}
	return true
}

func bindIgnoreErr(set func(s *proxy.BindSSL, v string)) func(c *bindCtx, cur int) (errCode, string) {
	return func(c *bindCtx, cur int) (errCode, string) {
		v := c.arg(cur + 1)
		if v == "" {
			return errFatalAlert, fmt.Sprintf("'%s' : missing error IDs list", c.arg(cur))
		}
		if v != "all" {
			for _, id := range strings.Split(v, ",") {
				n := atoi(id)
				if n <= 0 || n > 127 {
					return errFatalAlert, fmt.Sprintf("'%s' : ID '%d' out of range (1..%d) in error IDs list '%s'", c.arg(cur), n, 127, v)
				}
			}
		}
		set(c.ssl(), v)
		return 0, ""
	}
}

func bindForce(ver string) bindKeyword {
	return bindFlag(func(c *bindCtx) { c.ssl().ForceVersion = ver })
}

func bindNo(kw string) bindKeyword {
	return bindFlag(func(c *bindCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, kw) })
}

func bindSSLVer(set func(s *proxy.BindSSL, v string)) func(c *bindCtx, cur int) (errCode, string) {
	return func(c *bindCtx, cur int) (errCode, string) {
		if c.arg(cur+1) == "" {
			return errFatalAlert, fmt.Sprintf("'%s' : missing the ssl/tls version", c.arg(cur))
		}
		if !sslVersion()[c.arg(cur+1)] {
			return errFatalAlert, fmt.Sprintf("'%s' : unknown ssl/tls version", c.arg(cur+1))
		}
		set(c.ssl(), c.arg(cur+1))
		return 0, ""
	}
}

func bindVerify(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing verify method", c.arg(cur))
	}
	switch c.arg(cur + 1) {
	case "none", "optional", "required":
		c.ssl().Verify = c.arg(cur + 1)
		return 0, ""
	}
	return errFatalAlert, fmt.Sprintf("'%s' : unknown verify method '%s', only 'none', 'optional', and 'required' are supported\n", c.arg(cur), c.arg(cur+1))
}

func bindTicketKeys(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing TLS ticket keys file path", c.arg(cur))
	}
	if _, err := os.Stat(c.l.path(c.arg(cur + 1))); err != nil {
		return errFatalAlert, fmt.Sprintf("'%s' : unable to load ssl tickets keys file", c.arg(cur+1))
	}
	c.ssl().TLSTicketKeys = c.arg(cur + 1)
	return 0, ""
}

func bindCrt(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing certificate location", c.arg(cur))
	}
	p := sslPath(c.l.cfg.Global.SSL.CRTBase, c.arg(cur+1))
	if msg := c.l.checkCert(p); msg != "" {
		return errFatalAlert, msg
	}
	c.ssl().Certs = append(c.ssl().Certs, p)
	c.ssl().CertSources = append(c.ssl().CertSources, proxy.CertSource{Path: p})
	return 0, ""
}

// certKeyTypes are the bundle extensions tried when a certificate file is
// missing (SSL_SOCK_KEYTYPE_NAMES).
func certKeyTypes() []string { return []string{"rsa", "ecdsa", "dsa"} }

// checkCert stands for ssl_sock_load_cert(): the certificate file, a
// directory of certificates, or a bundle (<path>.rsa, .ecdsa, .dsa) must
// exist.
func (l *loader) checkCert(p string) string {
	if st, err := os.Stat(l.path(p)); err == nil {
		if st.IsDir() {
			return ""
		}
		return l.loadCertFile(p)
	} else if l.bundlesEnabled() {
		for _, ext := range certKeyTypes() {
			if _, e := os.Stat(l.path(p + "." + ext)); e == nil {
				return ""
			}
		}
		return fmt.Sprintf("unable to stat SSL certificate from file '%s' : %s.\n", p, errnoText(err))
	} else {
		return fmt.Sprintf("unable to stat SSL certificate from file '%s' : %s.\n", p, errnoText(err))
	}
}

// bundlesEnabled tells whether ssl-load-extra-files includes bundles (the
// default "all" does).
func (l *loader) bundlesEnabled() bool {
	v := l.cfg.Global.SSL.LoadExtraFiles
	return v == "" || v == "all" || strings.Contains(v, "bundle")
}

func bindCrtList(c *bindCtx, cur int) (errCode, string) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing certificate location", c.arg(cur))
	}
	if msg := c.l.checkCrtList(c.arg(cur + 1)); msg != "" {
		return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg)
	}
	c.ssl().CertList = append(c.ssl().CertList, c.arg(cur+1))
	c.ssl().CertSources = append(c.ssl().CertSources, proxy.CertSource{List: true, Path: c.arg(cur + 1)})
	return 0, ""
}

// checkCrtList stands for ssl_sock_load_cert_list_file(): the list is
// read and every certificate it names must exist (crt-base applies).
func (l *loader) checkCrtList(name string) string {
	st, err := os.Stat(l.path(name))
	if err == nil && st.IsDir() {
		// A directory is loaded like "crt <dir>".
		return ""
	}
	data, err := os.ReadFile(l.path(name))
	if err != nil {
		return fmt.Sprintf("cannot open file '%s' : %s", name, errnoText(err))
	}
	// Lines are read as crtlist_parse_file() reads them. A line of
	// blanks leaves 2.6's crt_path pointing at the previous entry's path
	// buffer, which crt-base is then prepended to once more: reproduced,
	// since configurations in the wild hit it.
	stale := ""
	lines := strings.SplitAfter(string(data), "\n")
	for _, raw := range lines {
		if raw == "" || raw[0] == '#' || raw[0] == '\n' || raw[0] == '\r' {
			continue
		}
		fields := strings.Fields(strings.TrimRight(raw, "\n"))
		crt := ""
		if len(fields) > 0 {
			crt = strings.Split(fields[0], "[")[0]
		} else if stale != "" {
			crt = stale
		}
		if crt == "" {
			continue
		}
		p := crt
		if !strings.HasPrefix(crt, "/") && l.cfg.Global.SSL.CRTBase != "" {
			p = l.cfg.Global.SSL.CRTBase + "/" + crt
			stale = p
		} else {
			stale = ""
		}
		if _, err := os.Stat(l.path(p)); err != nil {
			found := false
			if l.bundlesEnabled() {
				for _, ext := range certKeyTypes() {
					if _, e := os.Stat(l.path(p + "." + ext)); e == nil {
						found = true
					}
				}
			}
			if !found {
				return fmt.Sprintf("unable to stat SSL certificate from file '%s' : %s.\n", p, errnoText(err))
			}
		}
	}
	return ""
}
