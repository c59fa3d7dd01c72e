package sample

import (
	"regexp"
	"strconv"
	"strings"
)

// Lua lists what the scripts of "lua-load" register with HAProxy's Lua
// API (core.register_fetches, register_converters, register_action,
// register_service), so that lua.<name> keywords are known as 2.6 knows
// them once the scripts have run. The names come from a scan of the
// sources (ScanLua), exact when they are string literals, as they are in
// practice.
type Lua struct {
	Fetches    map[string]bool
	Converters map[string]bool
	// Actions maps a name to the rule sets it registered for
	// ("http-req", "http-res", "tcp-req", "tcp-res") and its number of
	// arguments.
	Actions map[string]LuaAction
	// Services maps a name to its mode, "http" or "tcp".
	Services map[string]string
}

// LuaAction is one core.register_action.
type LuaAction struct {
	Sets  []string
	NArgs int
}

// ScanLua adds the registrations found in a Lua source.
func (l *Lua) ScanLua(src []byte) {
	luaCall := regexp.MustCompile(`core\.register_(fetches|converters|action|service)\s*\(\s*(["'])([^"']+)["']\s*,\s*([^\n]*)`)
	luaQuoted := regexp.MustCompile(`["']([a-z-]+)["']`)
	if l.Fetches == nil {
		l.Fetches, l.Converters = map[string]bool{}, map[string]bool{}
		l.Actions, l.Services = map[string]LuaAction{}, map[string]string{}
	}
	for _, m := range luaCall.FindAllStringSubmatch(string(src), -1) {
		name, rest := m[3], m[4]
		switch m[1] {
		case "fetches":
			l.Fetches[name] = true
		case "converters":
			l.Converters[name] = true
		case "service":
			mode := "tcp"
			if q := luaQuoted.FindStringSubmatch(rest); q != nil {
				mode = q[1]
			}
			l.Services[name] = mode
		case "action":
			a := LuaAction{}
			if open := strings.IndexByte(rest, '{'); open >= 0 {
				if end := strings.IndexByte(rest[open:], '}'); end >= 0 {
					for _, q := range luaQuoted.FindAllStringSubmatch(rest[open:open+end], -1) {
						a.Sets = append(a.Sets, q[1])
					}
					// The optional number of arguments follows the function.
					tail := rest[open+end+1:]
					if i := strings.LastIndexByte(tail, ','); i >= 0 {
						n, err := strconv.Atoi(strings.TrimSpace(strings.TrimRight(tail[i+1:], ") \t;")))
						if err == nil {
							a.NArgs = n
						}
					}
				}
			}
			l.Actions[name] = a
		}
	}
}

// luaFetch returns the fetch a script registered as "lua.<name>"
// (hlua_register_fetches: up to 12 string arguments, a string out).
func (c *Context) luaFetch(name string) *Fetch {
	if c.Lua == nil || !strings.HasPrefix(name, "lua.") || !c.Lua.Fetches[name[4:]] {
		return nil
	}
	return &Fetch{Name: name, Args: luaArgs(), Out: Str, Use: UseConst, Val: valPattern("YYYYYYYYYYYYYYYYYYYYYY")}
}

// luaConverter returns a converter registered by a script.
func (c *Context) luaConverter(name string) *Converter {
	if c.Lua == nil || !strings.HasPrefix(name, "lua.") || !c.Lua.Converters[name[4:]] {
		return nil
	}
	return &Converter{Name: name, Args: luaArgs(), In: Str, Out: Str}
}

func luaArgs() ArgSpec {
	t := make([]ArgType, 12)
	for i := range t {
		t[i] = ArgStr
	}
	return ArgSpec{Types: t}
}
