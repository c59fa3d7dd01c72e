package rules

import (
	"fmt"
	"strings"

	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// World answers the questions 2.6 asks about a rule once the whole
// configuration is read (check_config_validity and the actions'
// check_ptr). The decoder implements it.
type World interface {
	// TableType returns the key type of a stick-table known by that name
	// ("ip", "ipv6", "integer", "string", "binary").
	TableType(name string) (string, bool)
	// Captures returns how many request (or response) captures a proxy
	// declares.
	Captures(proxy string, response bool) int
	HasBackend(name string) bool
	HasServer(backend, server string) bool
	HasHTTPErrors(name string) bool
	HasCache(name string) bool
	HasResolvers(name string) bool
	HasSPOEEngine(proxy, engine string) bool
	HasOTFilter(proxy, id string) bool
}

// tableSampleType maps a stick-table key type to the sample type keys
// are cast to.
func tableSampleType(t string) sample.Type {
	switch t {
	case "ip":
		return sample.IPv4
	case "ipv6":
		return sample.IPv6
	case "integer":
		return sample.SInt
	case "binary":
		return sample.Bin
	}
	return sample.Str
}

func (r *Rule) proxyType() string {
	switch {
	case r.cap&sample.CapDef != 0:
		return "defaults"
	case r.cap&(sample.CapFE|sample.CapBE) == sample.CapFE|sample.CapBE:
		return "proxy"
	case r.cap&sample.CapFE != 0:
		return "frontend"
	}
	return "backend"
}

// Check runs the late checks of the rule and returns 2.6's messages
// (mostly "Proxy '<name>': ..." alerts, sample.StyleProxy; warnings have
// Warning set). hc is the context the rule was parsed in, needed to parse
// use_backend formats.
func (r *Rule) Check(w World, hc *Context) []*sample.Error {
	var errs []*sample.Error
	proxyErr := func(format string, a ...any) {
		errs = append(errs, &sample.Error{Msg: fmt.Sprintf(format, a...), Style: sample.StyleProxy, Proxy: r.Proxy})
	}
	// Layer-6 fetches cannot see anything once HTTP is parsed
	// (warnif_tcp_http_cond).
	if r.http && r.Cond != nil && (r.Set == TCPRequestContent || r.Set == TCPResponseContent) &&
		r.Cond.Use&(sample.UseL6Req|sample.UseL6Res) != 0 {
		errs = append(errs, &sample.Error{Warning: true, Style: sample.StyleProxy, Proxy: r.Proxy,
			Msg: fmt.Sprintf("L6 sample fetches ignored on HTTP proxies (declared at %s:%d).", r.Cond.File, r.Cond.Line)})
	}
	switch a := r.Args.(type) {
	case *Track:
		name := a.Table
		if !a.HasTable {
			name = r.Proxy
		}
		typ, ok := w.TableType(name)
		if !ok {
			proxyErr("unable to find table '%s' referenced by track-sc%d.", name, a.Slot)
		} else if !sample.CanCast(a.Expr.OutType(), tableSampleType(typ)) {
			proxyErr("stick-table '%s' uses a type incompatible with the 'track-sc%d' rule.", name, a.Slot)
		}
	case *Capture:
		if a.ID >= 0 {
			resp := r.Set != HTTPRequest
			if a.ID >= w.Captures(r.Proxy, resp) {
				which := "http-request"
				if resp {
					which = "http-response"
				}
				proxyErr("unable to find capture id '%d' referenced by %s capture rule.", a.ID, which)
			}
		}
	case *Reply:
		if a.Body == "errorfiles" && !w.HasHTTPErrors(a.Arg) {
			proxyErr("unknown http-errors section '%s' referenced by an http reply .", a.Arg)
		}
	case *Name:
		if (r.Action == "cache-use" || r.Action == "cache-store") && !w.HasCache(a.Name) {
			errs = append(errs, &sample.Error{Style: sample.StyleBare,
				Msg: fmt.Sprintf("config: %s '%s': unable to find the cache '%s' referenced by the filter 'cache'.", r.proxyType(), r.Proxy, a.Name)})
		}
	case *DoResolve:
		if !w.HasResolvers(a.Resolvers) {
			proxyErr("Can't find resolvers section '%s' for do-resolve action.", a.Resolvers)
		}
	case *Group:
		if r.Action == "send-spoe-group" && !w.HasSPOEEngine(r.Proxy, a.Engine) {
			proxyErr("unable to find SPOE engine '%s' used by the send-spoe-group '%s'.", a.Engine, a.Group)
		}
		if r.Action == "ot-group" && !w.HasOTFilter(r.Proxy, a.Engine) {
			proxyErr("unable to find the OpenTracing filter '%s' used by the ot-group '%s'.", a.Engine, a.Group)
		}
	case *UseBackendArgs:
		if strings.Contains(a.Name, "%") {
			f, err := logformat.Parse(a.Name, logformat.Options{HTTP: hc != nil && hc.HTTP, L6Warn: true, Cap: sample.FeSetBck},
				hc.sub(sample.ArgUBK))
			if err != nil {
				errs = append(errs, &sample.Error{Style: sample.StyleParsingCapTight, File: r.File, Line: r.Line,
					Msg: fmt.Sprintf("failed to parse use_backend rule '%s' : %s.", a.Name, err)})
			} else {
				a.Format = f
			}
		} else if !w.HasBackend(a.Name) {
			proxyErr("unable to find required use_backend: '%s'.", a.Name)
		}
	case *UseServerArgs:
		if !w.HasServer(r.Proxy, a.Server) {
			errs = append(errs, &sample.Error{Style: sample.StyleBare,
				Msg: fmt.Sprintf("%s '%s' : unable to find server '%s' referenced in a 'use-server' rule.", r.proxyType(), r.Proxy, a.Server)})
		}
	case *Stick:
		name := a.Table
		if name == "" {
			name = r.Proxy
		}
		typ, ok := w.TableType(name)
		if !ok {
			proxyErr("unable to find stick-table '%s'.", name)
		} else if !sample.CanCast(a.Expr.OutType(), tableSampleType(typ)) {
			proxyErr("type of fetch not usable with type of stick-table '%s'.", name)
		}
	}
	return errs
}
