package config

import (
	"fmt"
	"strings"

	"hakeep/proxy"
)

// srvUWeightMax is SRV_UWGHT_MAX.
const srvUWeightMax = 256

// srvKeywords is every server/default-server option of configuration.txt
// section 5.2 that Debian's 2.6 build registers, with the default-server
// permission 2.6 gives each.
func srvKeywords() map[string]srvKeyword {
	return map[string]srvKeyword{
		"backup":      srvFlag(true, func(c *srvCtx) { c.srv.Backup = true }),
		"cookie":      srvValue("'%s' expects <value> as argument.\n", false, func(c *srvCtx, v string) (errCode, string) { c.srv.Cookie = v; return 0, "" }),
		"disabled":    srvFlag(true, func(c *srvCtx) { c.srv.Disabled = true }),
		"enabled":     srvFlag(true, func(c *srvCtx) { c.srv.Disabled = false }),
		"error-limit": srvPositive(func(c *srvCtx, v int) { c.srv.ErrorLimit = v }),
		"ws": srvKeyword{1, true, func(c *srvCtx, cur int) (errCode, string, int) {
			switch c.arg(cur + 1) {
			case "":
				return errFatalAlert, fmt.Sprintf("'%s' expects 'auto', 'h1' or 'h2' value", c.arg(cur)), 0
			case "auto", "h1", "h2":
				c.srv.WS = c.arg(cur + 1)
				return 0, "", 0
			}
			return errFatalAlert, fmt.Sprintf("'%s' has to be 'auto', 'h1' or 'h2'", c.arg(cur)), 0
		}},
		"id":               {1, false, srvID},
		"init-addr":        {1, true, srvInitAddr},
		"log-proto":        srvChoice(true, "'%s' expects one of 'legacy' or 'octet-count' but got '%s'", []string{"legacy", "octet-count"}, func(c *srvCtx, v string) { c.srv.LogProto = v }),
		"maxconn":          srvInt(true, func(c *srvCtx, v int) { c.srv.MaxConn = v }),
		"maxqueue":         srvInt(true, func(c *srvCtx, v int) { c.srv.MaxQueue = v }),
		"max-reuse":        srvValue("'%s' expects <value> as argument.\n", true, func(c *srvCtx, v string) (errCode, string) { c.srv.MaxReuse = int(int32(atol(v))); return 0, "" }),
		"minconn":          srvInt(true, func(c *srvCtx, v int) { c.srv.MinConn = v }),
		"namespace":        srvValue("'%s' : expects <name> as argument", true, func(c *srvCtx, v string) (errCode, string) { c.srv.Namespace = v; return 0, "" }),
		"no-backup":        srvFlag(true, func(c *srvCtx) { c.srv.Backup = false }),
		"no-send-proxy":    srvFlag(true, func(c *srvCtx) { c.srv.SendProxy = false }),
		"no-send-proxy-v2": srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2 = false }),
		"no-tfo":           srvFlag(true, func(c *srvCtx) { c.srv.TFO = false }),
		"non-stick":        srvFlag(false, func(c *srvCtx) { c.srv.NonStick = true }),
		"observe":          {1, true, srvObserve},
		"on-error": srvChoice(true, "'%s' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down' but got '%s'",
			[]string{"fastinter", "fail-check", "sudden-death", "mark-down"}, func(c *srvCtx, v string) { c.srv.OnError = v }),
		"on-marked-down": srvChoice(true, "'%s' expects 'shutdown-sessions' but got '%s'", []string{"shutdown-sessions"}, func(c *srvCtx, v string) { c.srv.OnMarkedDown = v }),
		"on-marked-up":   srvChoice(true, "'%s' expects 'shutdown-backup-sessions' but got '%s'", []string{"shutdown-backup-sessions"}, func(c *srvCtx, v string) { c.srv.OnMarkedUp = v }),
		"pool-low-conn":  srvValue("'%s' expects <value> as argument.\n", true, func(c *srvCtx, v string) (errCode, string) { c.srv.PoolLowConn = int(int32(atol(v))); return 0, "" }),
		"pool-max-conn": srvValue("'%s' expects <value> as argument.\n", true, func(c *srvCtx, v string) (errCode, string) {
			n := int(int32(atol(v)))
			if n < -1 {
				return errFatalAlert, fmt.Sprintf("'%s' must be >= -1", "pool-max-conn")
			}
			c.srv.PoolMaxConn = n
			return 0, ""
		}),
		"pool-purge-delay": {1, true, srvPurgeDelay},
		"proto": srvValue("'%s' : missing value", true, func(c *srvCtx, v string) (errCode, string) {
			if !muxProtos()[v] {
				return errFatalAlert, fmt.Sprintf("'%s' :  unknown MUX protocol '%s'", "proto", v)
			}
			c.srv.Proto = v
			return 0, ""
		}),
		"proxy-v2-options": {1, true, srvPPv2Options},
		"redir":            srvValue("'%s' expects <prefix> as argument.\n", false, func(c *srvCtx, v string) (errCode, string) { c.srv.Redir = v; return 0, "" }),
		"resolve-net":      {1, false, srvResolveNet},
		"resolve-opts":     {1, false, srvResolveOpts},
		"resolve-prefer": {1, false, func(c *srvCtx, cur int) (errCode, string, int) {
			switch c.arg(cur + 1) {
			case "ipv4", "ipv6":
				c.srv.ResolvePrefer = c.arg(cur + 1)
				return 0, "", 0
			}
			return errFatalAlert, fmt.Sprintf("'%s' expects either ipv4 or ipv6 as argument.", c.arg(cur)), 0
		}},
		"resolvers":     srvValue("", false, func(c *srvCtx, v string) (errCode, string) { c.srv.Resolvers = v; return 0, "" }),
		"send-proxy":    srvFlag(true, func(c *srvCtx) { c.srv.SendProxy = true }),
		"send-proxy-v2": srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2 = true }),
		"slowstart":     {1, true, srvSlowstart},
		"source":        {-1, true, srvSource},
		"stick":         srvFlag(false, func(c *srvCtx) { c.srv.NonStick = false }),
		"tfo":           srvFlag(true, func(c *srvCtx) { c.srv.TFO = true }),
		"track": srvValue("", true, func(c *srvCtx, v string) (errCode, string) {
			if v == "" {
				return errFatalAlert, "'track' expects [<proxy>/]<server> as argument.\n"
			}
			c.srv.Track = v
			return 0, ""
		}),
		"socks4": {1, false, srvSocks4},
		"usesrc": {0, true, func(c *srvCtx, cur int) (errCode, string, int) {
			return errFatalAlert, fmt.Sprintf("'%s' only allowed after a '%s' statement.", "usesrc", "source"), 0
		}},
		"weight": {1, true, func(c *srvCtx, cur int) (errCode, string, int) {
			w := int(int32(atol(c.arg(cur + 1))))
			if w < 0 || w > srvUWeightMax {
				return errFatalAlert, fmt.Sprintf("weight of server %s is not within 0 and %d (%d).", c.srv.Name, srvUWeightMax, w), 0
			}
			c.srv.Weight = w
			return 0, "", 0
		}},

		"addr":        {1, true, srvCheckAddr},
		"agent-addr":  {1, true, srvAgentAddr},
		"agent-check": {0, true, srvAgentCheck},
		"agent-inter": srvDelay(func(c *srvCtx, d uint32) { c.srv.Agent.Inter = durationOf(d, unitMS) }),
		"agent-port": srvValue("'%s' expects a port number as argument.", true, func(c *srvCtx, v string) (errCode, string) {
			c.srv.Agent.Port = int(int32(atol(v)))
			return 0, ""
		}),
		"agent-send": srvValue("'%s' expects a string as argument.", true, func(c *srvCtx, v string) (errCode, string) { c.srv.Agent.Send = v; return 0, "" }),
		"check":      {0, true, srvCheck},
		"check-proto": srvValue("'%s' : missing value", true, func(c *srvCtx, v string) (errCode, string) {
			if !muxProtos()[v] {
				return errFatalAlert, fmt.Sprintf("'%s' :  unknown MUX protocol '%s'", "check-proto", v)
			}
			c.srv.Check.Proto = v
			return 0, ""
		}),
		"check-send-proxy":    srvFlag(true, func(c *srvCtx) { c.srv.Check.SendProxy = true }),
		"check-via-socks4":    srvFlag(true, func(c *srvCtx) { c.srv.Check.ViaSocks4 = true }),
		"no-agent-check":      srvFlag(true, func(c *srvCtx) { c.srv.Agent.Enabled = false }),
		"no-check":            srvFlag(true, func(c *srvCtx) { c.srv.Check.Enabled = false }),
		"no-check-send-proxy": srvFlag(true, func(c *srvCtx) { c.srv.Check.SendProxy = false }),
		"rise":                srvPositive(func(c *srvCtx, v int) { c.srv.Check.Rise = v }),
		"fall":                srvPositive(func(c *srvCtx, v int) { c.srv.Check.Fall = v }),
		"inter":               srvDelay(func(c *srvCtx, d uint32) { c.srv.Check.Inter = durationOf(d, unitMS) }),
		"fastinter":           srvDelay(func(c *srvCtx, d uint32) { c.srv.Check.FastInter = durationOf(d, unitMS) }),
		"downinter":           srvDelay(func(c *srvCtx, d uint32) { c.srv.Check.DownInter = durationOf(d, unitMS) }),
		"port": srvValue("'%s' expects a port number as argument.", true, func(c *srvCtx, v string) (errCode, string) {
			c.srv.Check.Port = int(int32(atol(v)))
			return 0, ""
		}),
		"tcp-ut": {1, true, srvTCPUT},

		"allow-0rtt": srvFlag(true, func(c *srvCtx) { c.ssl().Allow0RTT = true }),
		"alpn": {1, true, func(c *srvCtx, cur int) (errCode, string, int) {
			p, msg := parseALPN(c.arg(cur + 1))
			if msg != "" {
				return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg), 0
			}
			c.ssl().ALPN = p
			return 0, "", 0
		}},
		"ca-file": {1, true, srvCAFile},
		"check-alpn": {1, true, func(c *srvCtx, cur int) (errCode, string, int) {
			p, msg := parseALPN(c.arg(cur + 1))
			if msg != "" {
				return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), msg), 0
			}
			c.srv.Check.ALPN = p
			return 0, "", 0
		}},
		"check-sni":               srvValue("'%s' : missing SNI", true, func(c *srvCtx, v string) (errCode, string) { c.srv.Check.SNI = v; return 0, "" }),
		"check-ssl":               srvFlag(true, func(c *srvCtx) { c.srv.Check.SSL = true }),
		"ciphers":                 srvValue("'%s' : missing cipher suite", true, func(c *srvCtx, v string) (errCode, string) { c.ssl().Ciphers = v; return 0, "" }),
		"ciphersuites":            srvValue("'%s' : missing cipher suite", true, func(c *srvCtx, v string) (errCode, string) { c.ssl().Ciphersuites = v; return 0, "" }),
		"crl-file":                {1, true, srvCRLFile},
		"crt":                     {1, true, srvCrt},
		"force-sslv3":             srvFlag(true, func(c *srvCtx) { c.ssl().ForceVersion = "SSLv3" }),
		"force-tlsv10":            srvFlag(true, func(c *srvCtx) { c.ssl().ForceVersion = "TLSv1.0" }),
		"force-tlsv11":            srvFlag(true, func(c *srvCtx) { c.ssl().ForceVersion = "TLSv1.1" }),
		"force-tlsv12":            srvFlag(true, func(c *srvCtx) { c.ssl().ForceVersion = "TLSv1.2" }),
		"force-tlsv13":            srvFlag(true, func(c *srvCtx) { c.ssl().ForceVersion = "TLSv1.3" }),
		"no-check-ssl":            srvFlag(true, func(c *srvCtx) { c.srv.Check.SSL = false }),
		"no-send-proxy-v2-ssl":    srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2SSL = false }),
		"no-send-proxy-v2-ssl-cn": srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2SSLCN = false }),
		"no-ssl":                  srvFlag(true, func(c *srvCtx) { c.ssl().Enabled = false }),
		"no-ssl-reuse":            srvFlag(true, func(c *srvCtx) { c.ssl().NoSSLReuse = true }),
		"no-sslv3":                srvFlag(false, func(c *srvCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, "no-sslv3") }),
		"no-tlsv10":               srvFlag(false, func(c *srvCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, "no-tlsv10") }),
		"no-tlsv11":               srvFlag(false, func(c *srvCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, "no-tlsv11") }),
		"no-tlsv12":               srvFlag(false, func(c *srvCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, "no-tlsv12") }),
		"no-tlsv13":               srvFlag(false, func(c *srvCtx) { c.ssl().NoVersions = append(c.ssl().NoVersions, "no-tlsv13") }),
		"no-tls-tickets":          srvFlag(true, func(c *srvCtx) { c.ssl().NoTLSTickets = true }),
		"npn": srvValue("'%s' : missing the comma-delimited NPN protocol suite", true, func(c *srvCtx, v string) (errCode, string) {
			c.ssl().NPN = strings.Split(v, ",")
			return 0, ""
		}),
		"send-proxy-v2-ssl":    srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2SSL = true }),
		"send-proxy-v2-ssl-cn": srvFlag(true, func(c *srvCtx) { c.srv.SendProxyV2SSLCN = true }),
		"sni":                  srvValue("'%s' : missing sni expression", true, func(c *srvCtx, v string) (errCode, string) { c.ssl().SNI = v; return 0, "" }),
		"ssl":                  srvFlag(true, func(c *srvCtx) { c.ssl().Enabled = true }),
		"ssl-min-ver":          {1, true, srvSSLVer(func(s *proxy.ServerSSL, v string) { s.MinVer = v })},
		"ssl-max-ver":          {1, true, srvSSLVer(func(s *proxy.ServerSSL, v string) { s.MaxVer = v })},
		"ssl-reuse":            srvFlag(true, func(c *srvCtx) { c.ssl().NoSSLReuse = false }),
		"tls-tickets":          srvFlag(true, func(c *srvCtx) { c.ssl().NoTLSTickets = false }),
		"verify": {1, true, func(c *srvCtx, cur int) (errCode, string, int) {
			switch c.arg(cur + 1) {
			case "":
				return errFatalAlert, fmt.Sprintf("'%s' : missing verify method", c.arg(cur)), 0
			case "none", "required":
				c.ssl().Verify = c.arg(cur + 1)
				return 0, "", 0
			}
			return errFatalAlert, fmt.Sprintf("'%s' : unknown verify method '%s', only 'none' and 'required' are supported\n", c.arg(cur), c.arg(cur+1)), 0
		}},
		"verifyhost": srvValue("'%s' : missing hostname to verify against", true, func(c *srvCtx, v string) (errCode, string) { c.ssl().VerifyHost = v; return 0, "" }),
	}
}

func srvID(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	if v == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : expects an integer argument", c.arg(cur)), 0
	}
	id := int(int32(atol(v)))
	if id <= 0 {
		return errFatalAlert, fmt.Sprintf("'%s' : custom id has to be > 0", c.arg(cur)), 0
	}
	if other, ok := c.s.usedServerIDs[id]; ok {
		pos := srvPos(other)
		return errFatalAlert, fmt.Sprintf("'%s' : custom id %d already used at %s:%d ('server %s')", c.arg(cur), id, pos.File, pos.Line, other.Name), 0
	}
	c.srv.ID = id
	if c.s.usedServerIDs == nil {
		c.s.usedServerIDs = map[int]*proxy.Server{}
	}
	c.s.usedServerIDs[id] = c.srv
	return 0, "", 0
}

func srvInitAddr(c *srvCtx, cur int) (errCode, string, int) {
	var methods []string
	haveIP := false
	seen := map[string]bool{}
	for _, p := range strings.Split(c.arg(cur+1), ",") {
		if p == "" {
			continue
		}
		switch {
		case p == "libc", p == "last", p == "none":
		default:
			if _, ok := parseIP(p, 0); !ok {
				return errFatalAlert, fmt.Sprintf("'%s' : unknown init-addr method '%s', supported methods are 'libc', 'last', 'none'.", c.arg(cur), p), 0
			}
			if haveIP {
				return errFatalAlert, fmt.Sprintf("'%s' : initial address already specified, cannot add '%s'.", c.arg(cur), p), 0
			}
			haveIP = true
		}
		key := p
		if haveIP && p != "libc" && p != "last" && p != "none" {
			key = "ip"
		}
		// srv_append_initaddr() refuses a method twice and more than
		// its 4 slots.
		if seen[key] || len(methods) >= 4 {
			return errFatalAlert, fmt.Sprintf("'%s' : too many init-addr methods when trying to add '%s'", c.arg(cur), p), 0
		}
		seen[key] = true
		methods = append(methods, p)
	}
	c.srv.InitAddr = methods
	return 0, "", 0
}

func srvObserve(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	switch v {
	case "":
		return errFatalAlert, fmt.Sprintf("'%s' expects <mode> as argument.\n", c.arg(cur)), 0
	case "none", "layer4":
	case "layer7":
		if c.s.p.Mode != proxy.ModeHTTP {
			return errAlert, fmt.Sprintf("'%s' can only be used in http proxies.\n", v), 0
		}
	default:
		return errFatalAlert, fmt.Sprintf("'%s' expects one of 'none', 'layer4', 'layer7' but got '%s'\n", c.arg(cur), v), 0
	}
	c.srv.Observe = v
	return 0, "", 0
}

func srvPurgeDelay(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	if v == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects <value> as argument.\n", c.arg(cur)), 0
	}
	d, te, ok := c.l.parseTimeWarn(c.ln, v, unitMS)
	switch {
	case te.over:
		return errFatalAlert, fmt.Sprintf("timer overflow in argument '%s' to '%s' (maximum value is 2147483647 ms or ~24.8 days)", v, c.arg(cur)), 0
	case te.under:
		return errFatalAlert, fmt.Sprintf("timer underflow in argument '%s' to '%s' (minimum non-null value is 1 ms)", v, c.arg(cur)), 0
	case !ok:
		return errFatalAlert, fmt.Sprintf("unexpected character '%s' in argument to <%s>.\n", charAt(v, te.at), c.arg(cur)), 0
	}
	c.srv.PoolPurgeDelay = durationOf(d, unitMS)
	return 0, "", 0
}

func ppv2Options() map[string]bool {
	return map[string]bool{"ssl": true, "cert-cn": true, "cert-key": true, "cert-sig": true, "ssl-cipher": true, "authority": true, "crc32c": true, "unique-id": true}
}

func srvPPv2Options(c *srvCtx, cur int) (errCode, string, int) {
	for _, p := range strings.Split(c.arg(cur+1), ",") {
		if !ppv2Options()[p] {
			return errFatalAlert, fmt.Sprintf("'%s' : proxy v2 option not implemented", p), 0
		}
		c.srv.ProxyV2Opts = append(c.srv.ProxyV2Opts, p)
	}
	return 0, "", 0
}

func srvResolveNet(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	if v == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects a list of networks.", c.arg(cur)), 0
	}
	nets := strings.Split(v, ",")
	if len(nets) > 5 {
		return errFatalAlert, fmt.Sprintf("'%s' exceed %d networks.", c.arg(cur), 5), 0
	}
	for _, n := range nets {
		if _, ok := parseNet(n); !ok {
			return errFatalAlert, fmt.Sprintf("'%s' invalid network '%s'.", c.arg(cur), n), 0
		}
	}
	c.srv.ResolveNet = nets
	return 0, "", 0
}

func srvResolveOpts(c *srvCtx, cur int) (errCode, string, int) {
	for _, o := range strings.Split(c.arg(cur+1), ",") {
		switch o {
		case "allow-dup-ip", "ignore-weight", "prevent-dup-ip":
			c.srv.ResolveOpts = append(c.srv.ResolveOpts, o)
		default:
			return errFatalAlert, fmt.Sprintf("'%s' : unknown resolve-opts option '%s', supported methods are 'allow-dup-ip', 'ignore-weight', and 'prevent-dup-ip'.", c.arg(cur), o), 0
		}
	}
	return 0, "", 0
}

func srvSlowstart(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	d, te, ok := c.l.parseTimeWarn(c.ln, v, unitMS)
	switch {
	case te.over:
		return errFatalAlert, fmt.Sprintf("overflow in argument <%s> to <%s> of server %s, maximum value is 2147483647 ms (~24.8 days).", v, c.arg(cur), c.srv.Name), 0
	case te.under:
		return errFatalAlert, fmt.Sprintf("underflow in argument <%s> to <%s> of server %s, minimum non-null value is 1 ms.", v, c.arg(cur), c.srv.Name), 0
	case !ok:
		return errFatalAlert, fmt.Sprintf("unexpected character '%s' in 'slowstart' argument of server %s.", charAt(v, te.at), c.srv.Name), 0
	}
	c.srv.SlowStart = durationOf(d, unitMS)
	return 0, "", 0
}

// srvSource is "source <addr>[:<port>[-<port>]] [usesrc ...]
// [interface <name>]" on a server: it consumes a variable number of words.
func srvSource(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects <addr>[:<port>[-<port>]], and optionally '%s' <addr>, and '%s' <name> as argument.\n", c.arg(cur), "usesrc", "interface"), 0
	}
	r, msg := c.l.parseAddress(c.arg(cur+1), "", paResolve|paPortOK|paPortRange|paStream|paConnect, false)
	if msg != "" {
		return errFatalAlert, fmt.Sprintf("'%s %s' : %s\n", c.arg(cur), c.arg(cur+1), strings.TrimRight(msg, "\n")), 0
	}
	src := &proxy.Source{Addr: r.addr}
	next := cur + 2
	for c.arg(next) == "usesrc" || c.arg(next) == "interface" {
		if c.arg(next+1) == "" {
			return errFatalAlert, fmt.Sprintf("'%s' expects <addr>[:<port>], 'client', or 'clientip' as argument.", c.arg(next)), 0
		}
		if c.arg(next) == "usesrc" {
			src.UseSrc = c.arg(next + 1)
		} else {
			src.Interface = c.arg(next + 1)
		}
		next += 2
	}
	c.srv.Source = src
	return 0, "", next
}

func srvSocks4(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects <addr>:<port> as argument.\n", c.arg(cur)), 0
	}
	r, msg := c.l.parseAddress(c.arg(cur+1), "", paResolve|paPortOK|paPortMand|paStream|paConnect, false)
	if msg != "" {
		return errFatalAlert, fmt.Sprintf("'%s %s' : %s\n", c.arg(cur), c.arg(cur+1), strings.TrimRight(msg, "\n")), 0
	}
	a := r.addr
	c.srv.Socks4 = &a
	return 0, "", 0
}

func srvCheckAddr(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects <ipv4|ipv6> as argument.", c.arg(cur)), 0
	}
	r, msg := c.l.parseAddress(c.arg(cur+1), "", paResolve|paPortOK|paStream|paConnect, false)
	if msg != "" {
		return errFatalAlert, fmt.Sprintf("'%s' : %s", c.arg(cur), strings.TrimRight(msg, "\n")), 0
	}
	a := r.addr
	c.srv.Check.Addr = &a
	return 0, "", 0
}

func srvAgentAddr(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' expects an address as argument.", c.arg(cur)), 0
	}
	a, ok := parseIP(c.arg(cur+1), 0)
	if !ok {
		var res addrResult
		res, msg := c.l.parseAddress(c.arg(cur+1), "", paResolve|paStream, false)
		if msg != "" {
			return errFatalAlert, fmt.Sprintf("parsing agent-addr failed. Check if '%s' is correct address.", c.arg(cur+1)), 0
		}
		a = res.addr.Addr
	}
	c.srv.Agent.Addr = &proxy.Address{Addr: a, Raw: c.arg(cur + 1)}
	return 0, "", 0
}

func srvAgentCheck(c *srvCtx, cur int) (errCode, string, int) {
	if !c.s.be() {
		return errWarn, fmt.Sprintf("'%s' ignored because %s '%s' has no backend capability", c.arg(cur), c.s.typeStr(), c.s.name()), 0
	}
	c.srv.Agent.Enabled = true
	return 0, "", 0
}

func srvCheck(c *srvCtx, cur int) (errCode, string, int) {
	if !c.s.be() {
		return errWarn, fmt.Sprintf("'%s' ignored because %s '%s' has no backend capability", c.arg(cur), c.s.typeStr(), c.s.name()), 0
	}
	c.srv.Check.Enabled = true
	return 0, "", 0
}

func srvTCPUT(c *srvCtx, cur int) (errCode, string, int) {
	v := c.arg(cur + 1)
	if v == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing TCP User Timeout value", c.arg(cur)), 0
	}
	d, te, ok := c.l.parseTimeWarn(c.ln, v, unitMS)
	switch {
	case te.over:
		return errFatalAlert, fmt.Sprintf("timer overflow in argument '%s' to '%s' (maximum value is 2147483647 ms or ~24.8 days)", v, c.arg(cur)), 0
	case te.under:
		return errFatalAlert, fmt.Sprintf("timer underflow in argument '%s' to '%s' (minimum non-null value is 1 ms)", v, c.arg(cur)), 0
	case !ok:
		return errFatalAlert, fmt.Sprintf("'%s' : expects a positive delay in milliseconds", c.arg(cur)), 0
	}
	c.srv.TCPUserTimeout = durationOf(d, unitMS)
	return 0, "", 0
}

// srvCAFile: 2.6 first prints ssl_store_load_locations_file()'s own
// alert, then the keyword's.
func srvCAFile(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing CAfile path", c.arg(cur)), 0
	}
	p := sslPath(c.l.cfg.Global.SSL.CABase, c.arg(cur+1))
	if !c.l.loadCAFile(c.ln, p) {
		return errFatalAlert, fmt.Sprintf("'%s' : unable to load %s", c.arg(cur), p), 0
	}
	c.ssl().CAFile = p
	return 0, "", 0
}

func srvCRLFile(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing CRLfile path", c.arg(cur)), 0
	}
	p := sslPath(c.l.cfg.Global.SSL.CABase, c.arg(cur+1))
	if !c.l.loadCAFile(c.ln, p) {
		return errFatalAlert, fmt.Sprintf("'%s' : unable to load %s", c.arg(cur), p), 0
	}
	c.ssl().CRLFile = p
	return 0, "", 0
}

func srvCrt(c *srvCtx, cur int) (errCode, string, int) {
	if c.arg(cur+1) == "" {
		return errFatalAlert, fmt.Sprintf("'%s' : missing certificate file path", c.arg(cur)), 0
	}
	// Loaded only when the server's TLS context is prepared, after
	// parsing (checkServers).
	c.ssl().Cert = sslPath(c.l.cfg.Global.SSL.CRTBase, c.arg(cur+1))
	return 0, "", 0
}

func srvSSLVer(set func(s *proxy.ServerSSL, v string)) func(c *srvCtx, cur int) (errCode, string, int) {
	return func(c *srvCtx, cur int) (errCode, string, int) {
		if c.arg(cur+1) == "" {
			return errFatalAlert, fmt.Sprintf("'%s' : missing the ssl/tls version", c.arg(cur)), 0
		}
		if !sslVersion()[c.arg(cur+1)] {
			return errFatalAlert, fmt.Sprintf("'%s' : unknown ssl/tls version", c.arg(cur+1)), 0
		}
		set(c.ssl(), c.arg(cur+1))
		return 0, "", 0
	}
}
