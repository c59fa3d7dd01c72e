package rules

import "strings"

// luaSet is the name a Lua script gives a rule set in
// core.register_action.
func luaSet(s Set) string {
	switch s {
	case HTTPRequest:
		return "http-req"
	case HTTPResponse:
		return "http-res"
	case HTTPAfterResponse:
		return "http-after-res"
	case TCPRequestContent:
		return "tcp-req"
	case TCPResponseContent:
		return "tcp-res"
	}
	return ""
}

// luaAction returns the action a lua-load'ed script registered as
// "lua.<name>" for the set, if any (hlua's action_register_lua).
func luaAction(c *Context, s Set, word string) *action {
	if c.Lua == nil || !strings.HasPrefix(word, "lua.") {
		return nil
	}
	a, ok := c.Lua.Actions[word[4:]]
	if !ok {
		return nil
	}
	for _, set := range a.Sets {
		if set == luaSet(s) {
			n := a.NArgs
			return &action{kw: word, parse: func(p *actParser) error {
				args := make([]string, 0, n)
				for i := 0; i < n; i++ {
					if p.arg() == "" {
						return errf("expect %d arguments", n)
					}
					args = append(args, p.arg())
					p.cur++
				}
				p.rule.Args = &LuaArgs{Args: args}
				return nil
			}}
		}
	}
	return nil
}

// LuaArgs is a Lua action's arguments.
type LuaArgs struct {
	Args []string
}

func (*LuaArgs) isArgs() {}
