package sample

import "fmt"

// Ref is one argument naming an object that may be declared later in the
// configuration (struct arg_list entry).
type Ref struct {
	Arg *Arg
	// Pos is the argument's 0-based position in its list.
	Pos int
	// Kw is the fetch (or ACL) keyword, Conv the converter if the
	// argument is a converter's.
	Kw, Conv string
	Ctx      ArgCtx
	File     string
	Line     int
	Proxy    string
	// Cap is the capability set of the proxy holding the reference: an
	// empty frontend or backend name means that proxy itself.
	Cap Cap
}

// Refs collects the references of one configuration, in order.
type Refs struct {
	List []Ref
}

// World answers the questions of argument resolution; the decoder
// implements it once every section is read.
type World interface {
	// HasBackend and HasFrontend look a proxy up by name among those
	// with that capability.
	HasBackend(name string) bool
	HasFrontend(name string) bool
	// HasServer reports whether backend has a server named server.
	HasServer(backend, server string) bool
	// Table reports whether a stick-table exists under that name (in a
	// proxy or a peers section) and whether it has a size.
	Table(name string) (exists, sized bool)
	// HasUserlist reports whether a userlist is declared.
	HasUserlist(name string) bool
}

// Record queues the unresolved arguments of a keyword parsed outside
// ParseExpr (ACL keywords); kw names the keyword, conv the converter if
// the arguments are a converter's.
func (c *Context) Record(a []Arg, kw, conv string) { c.record(a, kw, conv) }

// record queues the unresolved arguments of a keyword.
func (c *Context) record(a []Arg, kw, conv string) {
	if c.Refs == nil {
		return
	}
	for i := range a {
		if a[i].Present && a[i].Unresolved {
			c.Refs.List = append(c.Refs.List, Ref{
				Arg: &a[i], Pos: i, Kw: kw, Conv: conv, Ctx: c.ArgCtx,
				File: c.File, Line: c.Line, Proxy: c.Proxy, Cap: c.Cap,
			})
		}
	}
}

// Resolve checks every reference as smp_resolve_args does and returns 2.6's
// messages, in order (StyleParsingTight, with the reference's File and
// Line). Resolved arguments lose their Unresolved mark. HAProxy prints a
// single failure of a proxy as one alert, "parsing [f:l]: <msg>", and
// several as one alert "multiple argument resolution errors:" followed by
// one tab-indented "parsing [f:l]: <msg>" line each.
func (r *Refs) Resolve(w World) []*Error {
	var errs []*Error
	for i := range r.List {
		ref := &r.List[i]
		if msg := ref.resolve(w); msg != "" {
			errs = append(errs, &Error{Msg: msg, Style: StyleParsingTight, File: ref.File, Line: ref.Line})
			continue
		}
		ref.Arg.Unresolved = false
	}
	return errs
}

// resolve returns the message for a reference that fails, or "".
func (ref *Ref) resolve(w World) string {
	ctx := "sample fetch keyword"
	where := ref.Ctx.where()
	if ref.Ctx == ArgACL {
		ctx = "ACL keyword"
	}
	conv := ""
	if ref.Conv != "" {
		conv = "conversion keyword '" + ref.Conv + "' for "
	}
	tail := fmt.Sprintf("arg %d of %s%s '%s' %s proxy '%s'", ref.Pos+1, conv, ctx, ref.Kw, where, ref.Proxy)
	a := ref.Arg
	switch a.Type {
	case ArgSrv:
		if a.Str == "" {
			return "missing server name in " + tail + "."
		}
		be, srv := ref.Proxy, a.Str
		if i := lastIndexByte(a.Str, '/'); i >= 0 {
			be, srv = a.Str[:i], a.Str[i+1:]
			if !w.HasBackend(be) {
				return fmt.Sprintf("unable to find proxy '%s' referenced in %s.", be, tail)
			}
		} else if ref.Cap&CapDef != 0 {
			return "backend name must be set in " + tail + "."
		}
		if !w.HasServer(be, srv) {
			return fmt.Sprintf("unable to find server '%s' in proxy '%s', referenced in %s.", srv, be, tail)
		}
	case ArgFE:
		if a.Str == "" {
			if ref.Cap&CapFE == 0 {
				return fmt.Sprintf("proxy '%s', referenced in %s, has not frontend capability.", ref.Proxy, tail)
			}
		} else if !w.HasFrontend(a.Str) {
			return fmt.Sprintf("unable to find frontend '%s' referenced in %s.", a.Str, tail)
		}
	case ArgBE:
		if a.Str == "" {
			if ref.Cap&CapBE == 0 {
				return fmt.Sprintf("proxy '%s', referenced in %s, has not backend capability.", ref.Proxy, tail)
			}
		} else if !w.HasBackend(a.Str) {
			return fmt.Sprintf("unable to find backend '%s' referenced in %s.", a.Str, tail)
		}
	case ArgTab:
		name := a.Str
		if name == "" {
			if ref.Cap&CapDef != 0 {
				return "table name must be set in " + tail + "."
			}
			name = ref.Proxy
		}
		exists, sized := w.Table(name)
		if !exists {
			return fmt.Sprintf("unable to find table '%s' referenced in %s.", name, tail)
		}
		if !sized {
			return fmt.Sprintf("no table in proxy '%s' referenced in %s.", name, tail)
		}
	case ArgUsr:
		if a.Str == "" {
			return "missing userlist name in " + tail + "."
		}
		if !w.HasUserlist(a.Str) {
			return fmt.Sprintf("unable to find userlist '%s' referenced in %s.", a.Str, tail)
		}
	case ArgReg:
		if a.Str == "" {
			return "missing regex in " + tail + "."
		}
		if err := CheckRegex(a.Str); err != nil {
			return fmt.Sprintf("error in regex '%s' in %s : %s.", a.Str, tail, err)
		}
	}
	return ""
}

func lastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}
