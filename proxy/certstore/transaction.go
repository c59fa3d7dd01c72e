package certstore

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// transaction is the one certificate edit in progress ("set ssl cert"
// until "commit" or "abort"; 2.6 allows a single one at a time).
type transaction struct {
	path string
	old  *Entry
	data *Data
}

// sideExts are the payload kinds "set ssl cert <name>.<ext>" updates
// besides the PEM (2.6's cert_exts).
func sideExts() []string { return []string{"key", "ocsp", "issuer", "sctl"} }

// Set is "set ssl cert <name> <payload>": the new content goes into the
// transaction (created from the entry's current content, or updated),
// nothing is served before Commit. A name ending in .key, .ocsp, .issuer
// or .sctl updates that part only. The answers are 2.6's.
func (s *Store) Set(name, payload string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(msg string) error { return fmt.Errorf("%sCan't update %s!\n", msg, name) }
	path, ext := name, ""
	for _, x := range sideExts() {
		if strings.HasSuffix(name, "."+x) {
			path, ext = strings.TrimSuffix(name, "."+x), x
			break
		}
	}
	var base *Data
	old := s.tx.old
	if old != nil {
		if s.tx.path != path {
			// 2.6.12 silently edits the other certificate's
			// transaction here; later versions refuse, as we do
			return "", fail(fmt.Sprintf("The ongoing transaction is about '%s' but you are trying to set '%s'\n", s.tx.path, path))
		}
		base = s.tx.data
	} else {
		e, ok := s.entries[path]
		if !ok && ext != "" && s.opt.DelExt {
			e, ok = s.entries[path+".crt"]
		}
		if !ok {
			return "", fail("Can't replace a certificate which is not referenced by the configuration!\n")
		}
		old, base = e, e.Data()
		path = e.path
	}
	d := base.clone()
	var err error
	switch ext {
	case "":
		err = d.loadPEM(path, []byte(payload))
	case "key":
		err = d.loadKey(path, []byte(payload))
	case "issuer":
		err = d.loadIssuer(path, []byte(payload))
	case "ocsp", "sctl":
		raw, derr := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(payload), ""))
		if derr != nil {
			err = fmt.Errorf("base64 decode error\n")
		} else if ext == "ocsp" {
			d.OCSP = raw
		} else {
			err = d.loadSCTL(path, raw)
		}
	}
	if err != nil {
		return "", fail(err.Error() + "Can't load the payload\n")
	}
	msg := fmt.Sprintf("Transaction updated for certificate %s!\n", path)
	if s.tx.old == nil {
		msg = fmt.Sprintf("Transaction created for certificate %s!\n", path)
	}
	s.tx = transaction{path: path, old: old, data: d}
	return msg, nil
}

// Commit is "commit ssl cert <name>": the transaction's content replaces
// the entry's for every listener serving it, from the next handshake. The
// answer prints a dot per listener instance, as 2.6's does.
func (s *Store) Commit(name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fail := func(msg string) error { return fmt.Errorf("%sCan't commit %s!\n", msg, name) }
	if s.tx.old == nil {
		return "", fail("No ongoing transaction! !\n")
	}
	if s.tx.path != name {
		return "", fail(fmt.Sprintf("The ongoing transaction is about '%s' but you are trying to set '%s'\n", s.tx.path, name))
	}
	d := s.tx.data
	if d.Cert != nil && d.Key == nil {
		return "", fail("The transaction must contain at least a certificate and a private key!\n")
	}
	if !d.KeyMatches() {
		return "", fail(fmt.Sprintf("inconsistencies between private key and certificate loaded '%s'.\n", s.tx.path))
	}
	base := s.tx.path
	if err := d.build(s.opt.OCSPCheck, func(msg string) {
		s.opt.warn(fmt.Sprintf("Loading '%s.ocsp': %s. Content will be ignored", base, msg))
	}); err != nil {
		return "", fail(err.Error() + "\n")
	}
	e := s.tx.old
	e.data.Store(d)
	s.tx = transaction{}
	s.gen.Add(1)
	return fmt.Sprintf("Committing %s%s\nSuccess!\n", e.path, strings.Repeat(".", e.refs)), nil
}

// Abort is "abort ssl cert <name>".
func (s *Store) Abort(name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tx.old == nil {
		return "", fmt.Errorf("No ongoing transaction!\n")
	}
	if s.tx.path != name {
		return "", fmt.Errorf("The ongoing transaction is about '%s' but you are trying to abort a transaction for '%s'\n", s.tx.path, name)
	}
	s.tx = transaction{}
	return fmt.Sprintf("Transaction aborted for certificate '%s'!\n", name), nil
}
