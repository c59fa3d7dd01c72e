package cli

import (
	"strconv"
	"strings"
)

const serversStateHeader = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight " +
	"srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state " +
	"srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port " +
	"srv_check_addr srv_agent_addr srv_agent_port\n"

// backendsArg is every backend, or the one named by a command.
func (a *API) backendsArg(name string) ([]Backend, bool) {
	if name != "" {
		b := a.rt.Backend(name)
		if b == nil {
			return nil, false
		}
		return []Backend{b}, true
	}
	var out []Backend
	for _, n := range a.rt.BackendNames() {
		if b := a.rt.Backend(n); b != nil {
			out = append(out, b)
		}
	}
	return out, true
}

// showServersState is "show servers state [<backend>]": the format
// version, then one line per server (dump_servers_state(), the format of
// "server-state-file").
func (a *API) showServersState(c *call) string {
	bes, ok := a.backendsArg(c.arg(3))
	if !ok {
		return "Can't find backend.\n"
	}
	var b strings.Builder
	b.WriteString("1\n" + serversStateHeader)
	for _, be := range bes {
		for _, sv := range be.Servers() {
			st := sv.State()
			f := []string{itoa(st.BackendID), st.Backend, itoa(st.ID), st.Name, st.Addr,
				itoa(st.OpState), itoa(st.AdminState), itoa(st.UWeight), itoa(st.IWeight),
				strconv.FormatInt(st.SinceChange, 10), itoa(st.CheckStatus), itoa(st.CheckResult),
				itoa(st.CheckHealth), itoa(st.CheckState), itoa(st.AgentState), btoa(st.BackendForcedID),
				btoa(st.ForcedID), dash(st.FQDN), itoa(st.Port), dash(st.SRVRecord), btoa(st.UseSSL),
				itoa(st.CheckPort), dash(st.CheckAddr), dash(st.AgentAddr), itoa(st.AgentPort)}
			b.WriteString(strings.Join(f, " ") + "\n")
		}
	}
	return b.String()
}

// showServersConn is "show servers conn [<backend>]".
func (a *API) showServersConn(c *call) string {
	bes, ok := a.backendsArg(c.arg(3))
	if !ok {
		return "Can't find backend.\n"
	}
	threads := 1
	var rows []ServerConns
	for _, be := range bes {
		for _, sv := range be.Servers() {
			r := sv.Conns()
			threads = max(threads, len(r.IdlePerThread))
			rows = append(rows, r)
		}
	}
	var b strings.Builder
	b.WriteString("# bkname/svname bkid/svid addr port - purge_delay used_cur used_max need_est unsafe_nb " +
		"safe_nb idle_lim idle_cur idle_per_thr[" + itoa(threads) + "]\n")
	for _, r := range rows {
		f := []string{r.Backend + "/" + r.Name, itoa(r.BackendID) + "/" + itoa(r.ID), r.Addr, itoa(r.Port), "-",
			itoa(r.PurgeDelay), itoa(r.UsedCur), itoa(r.UsedMax), itoa(r.NeedEst), itoa(r.UnsafeNb),
			itoa(r.SafeNb), itoa(r.IdleLim), itoa(r.IdleCur)}
		for _, n := range r.IdlePerThread {
			f = append(f, itoa(n))
		}
		b.WriteString(strings.Join(f, " ") + "\n")
	}
	return b.String()
}

func btoa(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
