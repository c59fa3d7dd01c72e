package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hakeep/proxy/stats"
)

// showSess is "show sess": one line per client session in 2.6's short
// form (cli_io_handler_dump_sess()). The fields 2.6 takes from its
// scheduler and buffers (flags, analysers, expiry timers) have no
// counterpart in hakeep's goroutines and print as an idle stream's.
func (a *API) showSess(c *call) string {
	if c.level < LevelOperator {
		return permissionDenied
	}
	var want uint64
	one := c.arg(2) != "" && c.arg(2) != "all"
	if one {
		v, err := strconv.ParseUint(c.arg(2), 0, 64)
		if err != nil {
			return "Invalid session pointer.\n"
		}
		want = v
	}
	var b strings.Builder
	for _, s := range a.rt.Sessions() {
		if one && s.ID != want {
			continue
		}
		fmt.Fprintf(&b, "%#x: proto=%s src=%s fe=%s be=%s srv=%s ts=00 epoch=0 age=%s calls=%d rate=0 cpu=0 lat=0 "+
			"rq[f=848000h,i=0,an=00h,rx=,wx=,ax=] rp[f=80008000h,i=0,an=00h,rx=,wx=,ax=] scf=[8,200h,fd=%d] "+
			"scb=[8,1h,fd=-1] exp= rc=0 c_exp=\n",
			s.ID, s.Proto, s.Src, s.Frontend, orNone(s.Backend, "<NONE>"), orNone(s.Server, "<none>"),
			stats.HumanTime(int64(s.Age/time.Second)), s.Calls, s.FD)
	}
	return b.String()
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// shutdownSession is "shutdown session <id>".
func (a *API) shutdownSession(c *call) string {
	if c.level < LevelAdmin {
		return permissionDenied
	}
	if c.arg(2) == "" {
		return "Session pointer expected (use 'show sess').\n"
	}
	id, _ := strconv.ParseUint(c.arg(2), 0, 64)
	if !a.rt.KillSession(id) {
		return "No such session (use 'show sess').\n"
	}
	return ""
}
