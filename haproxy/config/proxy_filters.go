package config

import (
	"fmt"
	"os"

	"hakeep/proxy"
)

// filterNames are the filters Debian's 2.6 build registers ("Available
// filters" of haproxy -vv), for the "unknown keyword" message.
func filterNames() []string {
	return []string{"cache", "compression", "fcgi-app", "opentracing", "spoe", "trace"}
}

// pxFilter is "filter <name> [<args>]" (parse_filter() in src/filters.c).
func pxFilter(pp *proxyParser, s *pxState, ln *line) (int, string) {
	l := pp.l
	if s.isDef() {
		return -1, fmt.Sprintf("parsing %s : %s is not allowed in a 'default' section.", ln.where(), ln.arg(0))
	}
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("parsing %s : missing argument for '%s' in %s '%s'.", ln.where(), ln.arg(0), s.typeStr(), s.name())
	}
	f := &proxy.Filter{Name: ln.arg(1)}
	cur := 2
	var msg string
	switch ln.arg(1) {
	case "trace":
		for ; ln.arg(cur) != ""; cur++ {
			switch ln.arg(cur) {
			case "name":
				if ln.arg(cur+1) == "" {
					msg = fmt.Sprintf("'%s' : '%s' option without value", ln.arg(1), ln.arg(cur))
				}
				cur++
			case "quiet", "random-parsing", "random-forwarding", "hexdump":
			default:
				msg = fmt.Sprintf("'%s': unknown keyword '%s'", ln.arg(1), ln.arg(cur))
			}
			if msg != "" {
				break
			}
		}
	case "compression":
	case "cache", "fcgi-app":
		if ln.arg(2) == "" {
			msg = fmt.Sprintf("%s : expects a <name> argument", ln.arg(1))
		}
		cur = 3
	case "spoe":
		file := ""
		for ; ln.arg(cur) != "" && msg == ""; cur += 2 {
			switch ln.arg(cur) {
			case "config", "engine":
				if ln.arg(cur+1) == "" {
					msg = fmt.Sprintf("'%s' : '%s' option without value", ln.arg(1), ln.arg(cur))
				} else if ln.arg(cur) == "config" {
					file = ln.arg(cur + 1)
				}
			default:
				msg = fmt.Sprintf("unknown keyword '%s'", ln.arg(cur))
			}
		}
		if msg == "" && file == "" {
			msg = fmt.Sprintf("'%s' : missing config file", ln.arg(1))
		}
		if msg == "" {
			if _, err := os.Stat(l.path(file)); err != nil {
				msg = fmt.Sprintf("Could not open configuration file %s : %s", file, errnoText(err))
			}
		}
	case "opentracing":
		file := ""
		for ; ln.arg(cur) != "" && msg == ""; cur += 2 {
			switch ln.arg(cur) {
			case "id", "config":
				if ln.arg(cur+1) == "" {
					msg = fmt.Sprintf("'%s' : no %s specified", ln.arg(1), map[string]string{"id": "name", "config": "configuration file"}[ln.arg(cur)])
				} else if ln.arg(cur) == "config" {
					file = ln.arg(cur + 1)
					if _, err := os.Stat(l.path(file)); err != nil {
						msg = fmt.Sprintf("'%s' : %s", file, errnoText(err))
					}
				}
			default:
				msg = fmt.Sprintf("'%s' : unknown keyword '%s'", ln.arg(1), ln.arg(cur))
			}
		}
		if msg == "" && file == "" {
			msg = fmt.Sprintf("'%s' : no configuration file specified", ln.arg(1))
		}
	default:
		reg := ""
		for _, n := range filterNames() {
			reg += "\n    " + n
		}
		return -1, fmt.Sprintf("'%s' : unknown keyword '%s'. Registered keywords :%s", ln.arg(0), ln.arg(1), reg)
	}
	if msg != "" {
		return -1, fmt.Sprintf("'%s' : '%s'", ln.arg(0), msg)
	}
	if ln.arg(cur) != "" && (ln.arg(1) == "compression" || ln.arg(1) == "cache" || ln.arg(1) == "fcgi-app") {
		return -1, fmt.Sprintf("'%s %s' : unknown keyword '%s'.", ln.arg(0), ln.arg(1), ln.arg(cur))
	}
	f.Args = ln.from(2)
	s.p.Filters = append(s.p.Filters, f)
	l.support("filter", f.Name, ln)
	return 0, ""
}

// compressionAlgos are the algorithms of Debian's build (libslz): "Compression
// algorithms supported" of haproxy -vv.
func compressionAlgos() map[string]bool {
	return map[string]bool{"identity": true, "deflate": true, "raw-deflate": true, "gzip": true}
}

// pxCompression is "compression algo|type|offload ..."
// (parse_compression_options() in src/flt_http_comp.c).
func pxCompression(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if s.p.Compression == nil {
		s.p.Compression = &proxy.Compression{}
	}
	c := s.p.Compression
	switch ln.arg(1) {
	case "algo":
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("parsing %s : '%s' expects <algorithm>.", ln.where(), ln.arg(0))
		}
		for _, a := range ln.from(2) {
			if !compressionAlgos()[a] {
				return -1, fmt.Sprintf("'%s' : '%s' is not a supported algorithm.", ln.arg(0), a)
			}
			c.Algos = append(c.Algos, a)
		}
	case "offload":
		c.Offload = true
		if s.isDef() {
			return 1, fmt.Sprintf("'%s' : '%s' ignored in 'defaults' section.", ln.arg(0), ln.arg(1))
		}
	case "type":
		if ln.arg(2) == "" {
			return -1, fmt.Sprintf("'%s' expects <type>.", ln.arg(0))
		}
		c.Types = append(c.Types, ln.from(2)...)
	default:
		return -1, fmt.Sprintf("'%s' expects 'algo', 'type' or 'offload'", ln.arg(0))
	}
	return 0, ""
}

// pxUseFCGIApp is "use-fcgi-app <name>" (src/fcgi-app.c).
func pxUseFCGIApp(pp *proxyParser, s *pxState, ln *line) (int, string) {
	if !s.be() {
		return -1, fmt.Sprintf("parsing %s : %s is only allowed on backends.", ln.where(), ln.arg(0))
	}
	if ln.arg(1) == "" {
		return -1, fmt.Sprintf("parsing %s : '%s' expects <name> as argument", ln.where(), ln.arg(0))
	}
	s.p.UseFCGIAppName = ln.arg(1)
	return 0, ""
}
