package cli

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"hakeep/proxy"
)

// The dynamic servers (management.txt section 9.3, "add server" and
// "del server"; cli_parse_add_server() and cli_parse_delete_server() in
// src/server.c). Their messages carry no newline: the session's empty
// line ends them, as 2.6 prints them.

// notDynamic are server keywords 2.6 refuses on a dynamic server
// (measured on 2.6.12).
var notDynamic = map[string]bool{"cookie": true, "redir": true, "init-addr": true}

// addServer is "add server <bk>/<srv> <addr> [kw...]".
func (a *API) addServer(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	be, name, _ := strings.Cut(c.arg(2), "/")
	if be == "" || name == "" {
		return "Require 'backend/server'."
	}
	b := a.rt.Backend(be)
	if b == nil {
		return "No such backend."
	}
	if c.arg(3) == "" {
		return "'server' expects <name> and <addr>[:<port>] as arguments.\n"
	}
	s, enabled, msg := parseDynServer(name, c.args[3:])
	if msg != "" {
		return msg
	}
	if err := b.AddServer(s, enabled); err != nil {
		return err.Error()
	}
	return "New server registered.\n"
}

// delServer is "del server <bk>/<srv>".
func (a *API) delServer(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	be, name, _ := strings.Cut(c.arg(2), "/")
	if be == "" || name == "" {
		return "Require 'backend/server'."
	}
	b := a.rt.Backend(be)
	if b == nil {
		return "No such backend."
	}
	if err := b.DelServer(name); err != nil {
		return err.Error()
	}
	return "Server deleted."
}

// parseDynServer reads the address and the keywords of "add server":
// the subset of the server keywords hakeep takes on a dynamic server.
// No "default-server" applies (management.txt).
func parseDynServer(name string, args []string) (*proxy.Server, bool, string) {
	s := &proxy.Server{Name: name, Weight: 1}
	if msg := dynAddr(&s.Addr, args[0]); msg != "" {
		return nil, false, msg
	}
	enabled := false
	for i := 1; i < len(args); i++ {
		kw, v := args[i], ""
		if i+1 < len(args) {
			v = args[i+1]
		}
		num := func(set func(int)) string {
			n, err := strconv.Atoi(v)
			if err != nil && v != "" {
				return fmt.Sprintf("'%s' expects an integer argument.\n", kw)
			}
			set(n)
			i++
			return ""
		}
		var msg string
		switch kw {
		case "weight":
			msg = num(func(n int) { s.Weight = n })
			if msg == "" && (s.Weight < 0 || s.Weight > 256) {
				msg = fmt.Sprintf("weight of server %s is not within 0 and 256 (%d)..\n", name, s.Weight)
			}
		case "id":
			msg = num(func(n int) { s.ID = n })
			if msg == "" && s.ID <= 0 {
				msg = "'id' : custom id has to be > 0.\n"
			}
		case "maxconn":
			msg = num(func(n int) { s.MaxConn = n })
		case "minconn":
			msg = num(func(n int) { s.MinConn = n })
		case "maxqueue":
			msg = num(func(n int) { s.MaxQueue = n })
		case "backup":
			s.Backup = true
		case "disabled":
			s.Disabled, enabled = true, false
		case "enabled":
			s.Disabled, enabled = false, true
		default:
			switch {
			case notDynamic[kw]:
				msg = fmt.Sprintf("'%s' option is not accepted for dynamic server\n", kw)
			case dynamicKeywords[kw]:
				msg = fmt.Sprintf("'%s' on a dynamic server is not supported by hakeep.\n", kw)
			default:
				msg = fmt.Sprintf("unknown keyword '%s'.\n", kw)
			}
		}
		if msg != "" {
			return nil, false, msg
		}
	}
	return s, enabled, ""
}

// dynamicKeywords are the other server keywords 2.6 takes on a dynamic
// server (management.txt, "add server").
var dynamicKeywords = map[string]bool{
	"agent-addr": true, "agent-check": true, "agent-inter": true, "agent-port": true, "agent-send": true,
	"allow-0rtt": true, "alpn": true, "addr": true, "ca-file": true, "check": true, "check-alpn": true,
	"check-proto": true, "check-send-proxy": true, "check-sni": true, "check-ssl": true,
	"check-via-socks4": true, "ciphers": true, "ciphersuites": true, "crl-file": true, "crt": true,
	"downinter": true, "error-limit": true, "fall": true, "fastinter": true, "force-sslv3": true,
	"force-tlsv10": true, "force-tlsv11": true, "force-tlsv12": true, "force-tlsv13": true, "inter": true,
	"no-ssl-reuse": true, "no-sslv3": true, "no-tlsv10": true, "no-tlsv11": true, "no-tlsv12": true,
	"no-tlsv13": true, "no-tls-tickets": true, "npn": true, "observe": true, "on-error": true,
	"on-marked-down": true, "on-marked-up": true, "pool-low-conn": true, "pool-max-conn": true,
	"pool-purge-delay": true, "port": true, "proto": true, "proxy-v2-options": true, "rise": true,
	"send-proxy": true, "send-proxy-v2": true, "send-proxy-v2-ssl": true, "send-proxy-v2-ssl-cn": true,
	"slowstart": true, "sni": true, "source": true, "ssl": true, "ssl-max-ver": true, "ssl-min-ver": true,
	"tfo": true, "track": true, "verify": true, "verifyhost": true, "ws": true,
}

// dynAddr reads "ip[:port]", "[ipv6]:port", "unix@path" or a host name
// left unresolved (a dynamic server uses "init-addr none").
func dynAddr(a *proxy.Address, s string) string {
	if p, ok := strings.CutPrefix(s, "unix@"); ok {
		a.Family, a.Path = proxy.FamilyUnix, p
		return ""
	}
	a.Family = proxy.FamilyInet
	host, port := s, ""
	if ap, err := netip.ParseAddrPort(s); err == nil {
		a.Addr, a.PortLow, a.PortHigh, a.Port = ap.Addr(), int(ap.Port()), int(ap.Port()), int(ap.Port())
		return ""
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[:i], ":") {
		host, port = s[:i], s[i+1:]
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return fmt.Sprintf("invalid port '%s'\n", port)
		}
		a.PortLow, a.PortHigh, a.Port = n, n, n
	} else {
		a.PortOffset = true
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		a.Addr = ip
	} else {
		a.Host = host
	}
	return ""
}
