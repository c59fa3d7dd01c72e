package cli

import (
	"fmt"
	"strings"
)

// findServer is cli_find_server(): "<backend>/<server>", both named.
func (a *API) findServer(arg string) (Server, string) {
	be, sv, _ := strings.Cut(arg, "/")
	if sv == "" || be == "" {
		return nil, "Require 'backend/server'.\n"
	}
	return a.lookupServer(be, sv)
}

// lookupServer is get_backend_server() and its answers.
func (a *API) lookupServer(be, sv string) (Server, string) {
	b := a.rt.Backend(be)
	if b == nil {
		return nil, "No such backend.\n"
	}
	s := b.Server(sv)
	if s == nil {
		return nil, "No such server.\n"
	}
	return s, ""
}

// errText is an error's 2.6 text.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// setServer is "set server <b>/<s> <what> ..." (cli_parse_set_server()).
func (a *API) setServer(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	sv, msg := a.findServer(c.arg(2))
	if sv == nil {
		return msg
	}
	switch c.arg(3) {
	case "weight":
		return errText(sv.SetWeight(c.arg(4)))
	case "state":
		return errText(sv.SetAdmin(c.arg(4)))
	case "health":
		w, err := sv.SetHealth(c.arg(4))
		if err != nil {
			return err.Error()
		}
		return w
	case "agent":
		w, err := sv.SetAgent(c.arg(4))
		if err != nil {
			return err.Error()
		}
		return w
	case "agent-addr":
		return errText(sv.SetAgentAddr(c.arg(4)))
	case "agent-port":
		return errText(sv.SetAgentPort(c.arg(4)))
	case "agent-send":
		return errText(sv.SetAgentSend(c.arg(4)))
	case "check-addr":
		port := ""
		if c.arg(5) == "port" {
			port = c.arg(6)
		}
		return errText(sv.SetCheckAddr(c.arg(4), port))
	case "check-port":
		return errText(sv.SetCheckPort(c.arg(4)))
	case "addr":
		if c.arg(4) == "" {
			return "set server <b>/<s> addr requires an address and optionally a port.\n"
		}
		port := ""
		if c.arg(5) == "port" {
			port = c.arg(6)
		}
		msg, err := sv.SetAddr(c.arg(4), port)
		if err != nil {
			return err.Error()
		}
		return msg
	case "fqdn", "ssl":
		return "This command is not supported by hakeep.\n"
	}
	return "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send | " +
		"check-addr | check-port | fqdn | health | ssl | state | weight\n"
}

// setWeight is the deprecated "set weight <b>/<s> <weight>".
func (a *API) setWeight(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	sv, msg := a.findServer(c.arg(2))
	if sv == nil {
		return msg
	}
	return errText(sv.SetWeight(c.arg(3)))
}

// getWeight is "get weight <b>/<s>".
func (a *API) getWeight(c *call) string {
	// cli_parse_get_weight() splits the words itself: an empty backend
	// name is looked up
	be, name, _ := strings.Cut(c.arg(2), "/")
	if name == "" {
		return "Require 'backend/server'.\n"
	}
	sv, msg := a.lookupServer(be, name)
	if sv == nil {
		return msg
	}
	cur, init := sv.Weight()
	return fmt.Sprintf("%d (initial %d)\n", cur, init)
}

// serverOp is the shape of "enable/disable server|health|agent <b>/<s>".
func (a *API) serverOp(c *call, op func(Server) string) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	sv, msg := a.findServer(c.arg(2))
	if sv == nil {
		return msg
	}
	return op(sv)
}

func (a *API) enableServer(c *call) string {
	return a.serverOp(c, func(s Server) string { return errText(s.SetAdmin("ready")) })
}

func (a *API) disableServer(c *call) string {
	return a.serverOp(c, func(s Server) string { return errText(s.SetAdmin("maint")) })
}

func (a *API) enableHealth(c *call) string {
	return a.serverOp(c, func(s Server) string { return errText(s.EnableHealth()) })
}

func (a *API) disableHealth(c *call) string {
	return a.serverOp(c, func(s Server) string { s.DisableHealth(); return "" })
}

func (a *API) enableAgent(c *call) string {
	return a.serverOp(c, func(s Server) string { return errText(s.EnableAgent()) })
}

func (a *API) disableAgent(c *call) string {
	return a.serverOp(c, func(s Server) string { s.DisableAgent(); return "" })
}

// setMaxconnServer is "set maxconn server <b>/<s> <n>".
func (a *API) setMaxconnServer(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	sv, msg := a.findServer(c.arg(3))
	if sv == nil {
		return msg
	}
	return errText(sv.SetMaxconn(c.arg(4)))
}

// shutdownSessionsServer is "shutdown sessions server <b>/<s>".
func (a *API) shutdownSessionsServer(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	sv, msg := a.findServer(c.arg(3))
	if sv == nil {
		return msg
	}
	sv.KillSessions()
	return ""
}
