package cli

import (
	"strconv"

	"hakeep/proxy/stats"
)

// showStat is "show stat [{<iid>|<proxy>} <type> <sid>] [typed|json|desc|
// no-maint|up]*" (cli_parse_show_stat()). The CLI shows addresses,
// cookies and algorithms from the operator level on.
func (a *API) showStat(c *call) string {
	pxs := a.rt.StatsProxies()
	sel := stats.Selection{IID: -1, SID: -1}
	fl := stats.Flags{Legends: c.level >= LevelOperator}
	arg := 2
	if c.arg(2) != "" && c.arg(3) != "" && c.arg(4) != "" {
		sel.IID = atoi(c.arg(2))
		for _, p := range pxs {
			if p.Name == c.arg(2) {
				sel.IID = p.ID
				break
			}
		}
		if sel.IID == 0 {
			return "No such proxy.\n"
		}
		sel.Bound = true
		sel.Types = atoi(c.arg(3))
		sel.SID = atoi(c.arg(4))
		arg = 5
	}
	typed, json, desc := false, false, false
	for ; c.arg(arg) != ""; arg++ {
		switch c.arg(arg) {
		case "typed":
			typed = true
		case "json":
			json = true
		case "desc":
			desc = true
		case "no-maint":
			fl.HideMaint = true
		case "up":
			fl.HideDown = true
		}
	}
	rows := stats.Rows(pxs, sel, fl)
	var b []byte
	switch {
	case json:
		b = append(b, '[')
		for i, r := range rows {
			b = stats.AppendJSON(b, r, i == 0)
		}
		b = append(b, "]\n"...)
	case typed:
		for _, r := range rows {
			b = stats.AppendTyped(b, r, desc)
		}
	default:
		b = stats.AppendCSVHeader(b)
		for _, r := range rows {
			b = stats.AppendCSV(b, r)
		}
	}
	return string(b)
}

// process gathers "show info"'s process description.
func (a *API) process() *stats.Process {
	p := &stats.Process{Name: "HAProxy", Nbthread: 1}
	if a.opt.Process != nil {
		a.opt.Process(p)
	}
	a.rt.StatsProcess(p)
	p.Now = a.opt.Now()
	return p
}

// showInfo is "show info [desc|json|typed|float]*".
func (a *API) showInfo(c *call) string {
	typed, json, desc, float := false, false, false, false
	for i := 2; c.arg(i) != ""; i++ {
		switch c.arg(i) {
		case "typed":
			typed = true
		case "json":
			json = true
		case "desc":
			desc = true
		case "float":
			float = true
		}
	}
	v := stats.FillInfo(a.process(), stats.InfoOptions{Float: float})
	switch {
	case json:
		return string(stats.AppendInfoJSON(nil, &v)) + "\n"
	case typed:
		return string(stats.AppendInfoTyped(nil, &v, desc))
	}
	return string(stats.AppendInfo(nil, &v, desc))
}

// atoi is C's atoi(): leading blanks, a sign, digits, the rest ignored.
func atoi(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	n := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// showSchema is "show schema json": the JSON schema of the typed
// outputs.
func (a *API) showSchema(c *call) string { return stats.JSONSchema() + "\n" }
