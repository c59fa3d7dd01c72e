package cli

import "strings"

// The certificate commands of management.txt section 9.3 ("show ssl
// cert", "set ssl cert", "commit ssl cert", "abort ssl cert", "new ssl
// cert", "del ssl cert", "show ssl crt-list", "add ssl crt-list", "del
// ssl crt-list") over the configuration's certificate store
// (proxy/certstore), with 2.6's answers. A committed certificate is
// served from the next handshake.

// certStore is what the commands need of the store.
type certStore interface {
	ShowAll() string
	Show(name string) (string, error)
	Set(name, payload string) (string, error)
	Commit(name string) (string, error)
	Abort(name string) (string, error)
	NewEmpty(name string) (string, error)
	Delete(name string) (string, error)
	Lists() []string
	ShowList(path string, numbered bool) (string, error)
	AddToList(list, cert, payload string) (string, error)
	DelFromList(list, arg string) (string, error)
}

// sslAnswer is a store call's answer: its message, or its error's.
func sslAnswer(msg string, err error) string {
	if err != nil {
		return err.Error()
	}
	return msg
}

func (a *API) certs() certStore {
	if a.opt.Certs == nil {
		return nil
	}
	return a.opt.Certs
}

// showSSLCert is "show ssl cert [[*]<file>]" (operator level).
func (a *API) showSSLCert(c *call) string {
	if c.level < LevelOperator {
		return "Can't allocate memory!\n"
	}
	s := a.certs()
	if c.arg(3) == "" {
		if s == nil {
			return "# filename\n"
		}
		return s.ShowAll()
	}
	if s == nil {
		return "Can't display the certificate: Not found or the certificate is a bundle!\n"
	}
	return sslAnswer(s.Show(c.arg(3)))
}

// adminSSL runs an admin-level certificate command that needs a name:
// the usage text when it is missing.
func (a *API) adminSSL(usage string, run func(s certStore, name string) (string, error)) handler {
	return func(c *call) string {
		if c.level < LevelAdmin {
			return permissionDenied
		}
		if c.arg(3) == "" {
			return usage
		}
		s := a.certs()
		if s == nil {
			return "Can't replace a certificate which is not referenced by the configuration!\nCan't update " + c.arg(3) + "!\n"
		}
		return sslAnswer(run(s, c.arg(3)))
	}
}

func (a *API) setSSLCert(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	if c.arg(3) == "" || c.payload == "" {
		return "'set ssl cert expects a filename and a certificate as a payload\n"
	}
	s := a.certs()
	if s == nil {
		return "Can't replace a certificate which is not referenced by the configuration!\nCan't update " + c.arg(3) + "!\n"
	}
	return sslAnswer(s.Set(c.arg(3), c.payload))
}

// showSSLCrtList is "show ssl crt-list [-n] [<list>]".
func (a *API) showSSLCrtList(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	numbered := c.arg(3) == "-n"
	name := c.arg(3)
	if numbered {
		name = c.arg(4)
		if name == "" {
			return "'show ssl crt-list -n' expects a filename or a directory\n"
		}
	}
	s := a.certs()
	if name == "" {
		if s == nil {
			return ""
		}
		return strings.Join(s.Lists(), "\n") + strings.Repeat("\n", min(1, len(s.Lists())))
	}
	if s == nil {
		return "didn't find the specified filename\n"
	}
	return sslAnswer(s.ShowList(name, numbered))
}

// addSSLCrtList is "add ssl crt-list <list> <cert>" or with a payload of
// one crt-list line.
func (a *API) addSSLCrtList(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	if c.arg(3) == "" || (c.payload == "" && c.arg(4) == "") {
		return "'add ssl crtlist' expects a filename and a certificate name\n"
	}
	s := a.certs()
	if s == nil {
		return "Can't edit the crt-list: crt-list '" + c.arg(3) + "' does not exist!\n"
	}
	return sslAnswer(s.AddToList(c.arg(3), c.arg(4), c.payload))
}

// delSSLCrtList is "del ssl crt-list <list> <cert[:line]>".
func (a *API) delSSLCrtList(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	if c.arg(3) == "" || c.arg(4) == "" {
		return "'del ssl crtlist' expects a filename and a certificate name\n"
	}
	s := a.certs()
	if s == nil {
		return "Can't delete the entry: crt-list '" + c.arg(3) + "' does not exist!\n"
	}
	return sslAnswer(s.DelFromList(c.arg(3), c.arg(4)))
}
