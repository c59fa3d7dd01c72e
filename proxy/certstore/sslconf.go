package certstore

import (
	"fmt"
	"strings"
)

// SSLConf is the "[...]" part of a crt-list line (2.6's ssl_bind_conf):
// settings that override the bind line's for that certificate
// (configuration.txt section 5.1, "crt-list"). Paths are resolved against
// ca-base as the bind line's are.
type SSLConf struct {
	ALPN, NPN      []string
	Verify         string
	NoCANames      bool
	EarlyData      bool
	CAFile         string
	CAVerifyFile   string
	CRLFile        string
	Ciphers        string
	Ciphersuites   string
	Curves         string
	ECDHE          string
	MinVer, MaxVer string
}

// parseSSLConf reads the words between '[' and ']' (ssl_bind_kws).
func parseSSLConf(words []string, caBase, where string) (*SSLConf, error) {
	c := &SSLConf{}
	for i := 0; i < len(words); i++ {
		kw := words[i]
		val := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("parsing %s: ssl args out of '[]' for %s", where, kw)
			}
			i++
			return words[i], nil
		}
		var v string
		var err error
		switch kw {
		case "allow-0rtt":
			c.EarlyData = true
			continue
		case "no-ca-names":
			c.NoCANames = true
			continue
		case "alpn", "npn", "ca-file", "ca-verify-file", "crl-file", "ciphers", "ciphersuites",
			"curves", "ecdhe", "ssl-min-ver", "ssl-max-ver", "verify":
			if v, err = val(); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("parsing %s: unknown ssl keyword %s", where, kw)
		}
		switch kw {
		case "alpn":
			c.ALPN = strings.Split(v, ",")
		case "npn":
			c.NPN = strings.Split(v, ",")
		case "ca-file":
			c.CAFile = joinBase(caBase, v)
		case "ca-verify-file":
			c.CAVerifyFile = joinBase(caBase, v)
		case "crl-file":
			c.CRLFile = joinBase(caBase, v)
		case "ciphers":
			c.Ciphers = v
		case "ciphersuites":
			c.Ciphersuites = v
		case "curves":
			c.Curves = v
		case "ecdhe":
			c.ECDHE = v
		case "ssl-min-ver", "ssl-max-ver":
			switch v {
			case "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3":
			default:
				return nil, fmt.Errorf("'%s' : unknown ssl/tls version", v)
			}
			if kw == "ssl-min-ver" {
				c.MinVer = v
			} else {
				c.MaxVer = v
			}
		case "verify":
			switch v {
			case "none", "optional", "required":
				c.Verify = v
			default:
				return nil, fmt.Errorf("'verify' : unknown verify method '%s', only 'none', 'optional', and 'required' are supported\n", v)
			}
		}
	}
	return c, nil
}

func joinBase(base, name string) string {
	if base == "" || strings.HasPrefix(name, "/") {
		return name
	}
	return base + "/" + name
}

// dump is dump_crtlist_sslconf(): the settings in 2.6's fixed order.
// The ALPN and NPN lists end with a NUL byte, as 2.6.12 prints them.
func (c *SSLConf) dump(b *strings.Builder) {
	if c == nil {
		return
	}
	b.WriteString(" [")
	n := 0
	add := func(s string) {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		n++
	}
	if c.NPN != nil {
		add("npn " + strings.Join(c.NPN, ",") + "\x00")
	}
	if c.ALPN != nil {
		add("alpn " + strings.Join(c.ALPN, ",") + "\x00")
	}
	if c.Verify != "" {
		add("verify " + c.Verify)
	}
	if c.NoCANames {
		add("no-ca-names")
	}
	if c.EarlyData {
		add("allow-0rtt")
	}
	for _, kv := range [][2]string{{"ca-file", c.CAFile}, {"crl-file", c.CRLFile}, {"ciphers", c.Ciphers},
		{"ciphersuites", c.Ciphersuites}, {"curves", c.Curves}, {"ecdhe", c.ECDHE},
		{"ssl-min-ver", c.MinVer}, {"ssl-max-ver", c.MaxVer}} {
		if kv[1] != "" {
			add(kv[0] + " " + kv[1])
		}
	}
	b.WriteByte(']')
}
