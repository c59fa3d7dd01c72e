package certstore

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// Options are the global settings of how certificate files load
// (configuration.txt section 3.1, "ssl-load-extra-files",
// "ssl-load-extra-del-ext", "issuers-chain-path").
type Options struct {
	// ExtraFiles is ssl-load-extra-files as written, words separated by
	// spaces; "" means "all".
	ExtraFiles string
	// DelExt is ssl-load-extra-del-ext: "foo.crt" looks for "foo.key",
	// not "foo.crt.key".
	DelExt bool
	// Path turns a configured name into the file to open (default-path
	// resolution); nil opens names as they are.
	Path func(string) string
	// OCSPCheck tells whether an OCSP response is good for a
	// certificate; nil means CheckOCSP at the time of loading.
	OCSPCheck func(*Data) error
	// Warn receives the warnings of loading (an OCSP response left
	// out); nil drops them.
	Warn func(string)
	// CRTBase and CABase are crt-base and ca-base: where relative
	// crt-list certificates and crt-list ca-file/crl-file names are.
	CRTBase, CABase string
}

// extra tells whether ssl-load-extra-files enables kind ("bundle",
// "sctl", "ocsp", "issuer", "key").
func (o *Options) extra(kind string) bool {
	v := strings.Fields(o.ExtraFiles)
	if len(v) == 0 {
		return true
	}
	for _, w := range v {
		if w == "all" || w == kind {
			return true
		}
	}
	return false
}

func (o *Options) path(name string) string {
	if o.Path == nil {
		return name
	}
	return o.Path(name)
}

func (o *Options) warn(msg string) {
	if o.Warn != nil {
		o.Warn(msg)
	}
}

// bundleExts are the multi-certificate bundle extensions, in
// SSL_SOCK_KEYTYPE_NAMES order.
func bundleExts() []string { return []string{"dsa", "ecdsa", "rsa"} }

// loadFile is ssl_sock_load_files_into_ckch(): the PEM file, then its
// side files as ssl-load-extra-files allows: "<file>.key" when the PEM
// holds no key, ".ocsp", ".issuer", ".sctl". Messages are 2.6's.
func (o *Options) loadFile(name string) (*Data, error) {
	text, err := os.ReadFile(o.path(name))
	if err != nil {
		return nil, fmt.Errorf("unable to load certificate from file '%s'.\n", name)
	}
	d := &Data{}
	if err := d.loadPEM(name, text); err != nil {
		return nil, err
	}
	base := name
	if o.DelExt && strings.HasSuffix(base, ".crt") {
		base = strings.TrimSuffix(base, ".crt")
	}
	if d.Key == nil && o.extra("key") {
		kp := base + ".key"
		if kt, err := os.ReadFile(o.path(kp)); err == nil {
			if err := d.loadKey(kp, kt); err != nil {
				return nil, fmt.Errorf(" '%s' is present but cannot be read or parsed'.\n", kp)
			}
		}
	}
	if d.Key == nil {
		return nil, fmt.Errorf("No Private Key found in '%s'.\n", base+".key")
	}
	if !d.KeyMatches() {
		return nil, fmt.Errorf("inconsistencies between private key and certificate loaded '%s'.\n", name)
	}
	if o.extra("ocsp") {
		if raw, err := os.ReadFile(o.path(base + ".ocsp")); err == nil && len(raw) > 0 {
			d.OCSP = raw
		}
	}
	if o.extra("issuer") && len(d.OCSP) > 0 && d.IssuerOf() == nil {
		ip := base + ".issuer"
		if it, err := os.ReadFile(o.path(ip)); err == nil {
			if err := d.loadIssuer(ip, it); err != nil {
				return nil, err
			}
		}
	}
	if len(d.OCSP) > 0 && d.IssuerOf() == nil {
		return nil, fmt.Errorf(" '%s.ocsp' is present and activates OCSP but it is impossible to compute the OCSP certificate ID (maybe the issuer could not be found)'.\n", base)
	}
	if o.extra("sctl") {
		if raw, err := os.ReadFile(o.path(base + ".sctl")); err == nil {
			if err := d.loadSCTL(base+".sctl", raw); err != nil {
				return nil, err
			}
		}
	}
	if err := d.build(o.OCSPCheck, func(msg string) {
		o.warn(fmt.Sprintf("Loading '%s.ocsp': %s. Content will be ignored", base, msg))
	}); err != nil {
		return nil, fmt.Errorf("inconsistencies between private key and certificate loaded '%s'.\n", name)
	}
	return d, nil
}

// errnoText is strerror() of the error's errno, as 2.6 prints it.
func errnoText(err error) string {
	var errno syscall.Errno
	if pe, ok := err.(*os.PathError); ok {
		if e, ok := pe.Err.(syscall.Errno); ok {
			errno = e
		}
	}
	if errno == 0 {
		return err.Error()
	}
	s := errno.Error()
	return strings.ToUpper(s[:1]) + s[1:]
}
