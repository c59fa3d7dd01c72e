package dump

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"hakeep/vrrp"
	"hakeep/vrrp/fsm"
)

// JSON writes /tmp/keepalived.json (vrrp_json.c vrrp_print_json): one
// object per instance with its "data" and "stats", keys in keepalived's
// order, keepalived's number formats and its escaping of '/'.
func JSON(w io.Writer, st vrrp.Status) {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range st.Instances {
		if i > 0 {
			b.WriteByte(',')
		}
		instanceJSON(&b, s)
	}
	b.WriteByte(']')
	io.WriteString(w, b.String())
}

type jsonObj struct {
	b     *strings.Builder
	first bool
}

func (o *jsonObj) key(k string) {
	if !o.first {
		o.b.WriteByte(',')
	}
	o.first = false
	o.b.WriteString(jsonString(k))
	o.b.WriteByte(':')
}

func (o *jsonObj) str(k, v string) { o.key(k); o.b.WriteString(jsonString(v)) }
func (o *jsonObj) num(k string, v int64) {
	o.key(k)
	o.b.WriteString(strconv.FormatInt(v, 10))
}
func (o *jsonObj) float(k string, v float64) {
	o.key(k)
	o.b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
}
func (o *jsonObj) boolean(k string, v bool) { o.key(k); o.b.WriteString(strconv.FormatBool(v)) }
func (o *jsonObj) strs(k string, vs []string) {
	o.key(k)
	o.b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			o.b.WriteByte(',')
		}
		o.b.WriteString(jsonString(v))
	}
	o.b.WriteByte(']')
}

func b01(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func instanceJSON(b *strings.Builder, s vrrp.InstanceStatus) {
	c := s.Config
	b.WriteString(`{"data":{`)
	o := &jsonObj{b: b, first: true}
	o.str("iname", c.Name)
	o.num("dont_track_primary", b01(c.DontTrackPrimary))
	o.num("skip_check_adv_addr", b01(c.SkipCheckAdvAddr))
	o.num("strict_mode", b01(c.Strict))
	vmac := ""
	if c.VMAC != nil {
		vmac = s.Interface
	}
	o.str("vmac_ifname", vmac)
	o.str("ifp_ifname", c.Interface)
	o.num("master_priority", int64(s.MasterPriority))
	t := s.LastTransition
	o.float("last_transition", float64(t.Unix())+float64(t.Nanosecond()/1000)/1e6)
	g := c.GARP
	o.num("garp_delay", max(int64(g.MasterDelay/time.Second), 0))
	o.num("garp_refresh", max(int64(g.MasterRefresh/time.Second), 0))
	o.num("garp_rep", int64(g.MasterRepeat))
	o.num("garp_refresh_rep", int64(g.MasterRefreshRepeat))
	o.num("garp_lower_prio_delay", max(int64(g.LowerPrioDelay/time.Second), 0))
	o.num("garp_lower_prio_rep", int64(max(g.LowerPrioRepeat, 0)))
	o.num("lower_prio_no_advert", b01(c.LowerPrioNoAdvert))
	o.num("higher_prio_send_advert", b01(c.HigherPrioSendAdvert))
	o.num("vrid", int64(c.VRID))
	o.num("base_priority", int64(s.BasePriority))
	o.num("effective_priority", int64(s.EffectivePriority))
	o.boolean("vipset", s.VIPsSet)
	o.boolean("promote_secondaries", c.PromoteSecondaries)
	o.float("adver_int", c.AdvertInt.Seconds())
	mi := s.MasterAdverInt
	if mi == 0 {
		mi = c.AdvertInt
	}
	o.float("master_adver_int", mi.Seconds())
	o.num("accept", b01(c.Accept))
	o.boolean("nopreempt", c.Nopreempt)
	o.num("preempt_delay", int64(c.PreemptDelay/time.Second))
	o.num("state", int64(jsonState(s.State)))
	o.num("wantstate", int64(jsonState(s.WantState)))
	o.num("version", int64(s.Version))
	o.boolean("smtp_alert", c.SMTPAlert)
	o.boolean("notify_deleted", c.Notify.DeletedSet)
	for _, n := range []struct {
		key string
		s   *vrrp.Script
	}{{"script_backup", c.Notify.Backup}, {"script_master", c.Notify.Master}, {"script_fault", c.Notify.Fault},
		{"script_stop", c.Notify.Stop}, {"script_deleted", c.Notify.Deleted}, {"script", c.Notify.Generic},
		{"script_master_rx_lower_pri", c.Notify.MasterRxLowerPri}} {
		if n.s != nil {
			o.str(n.key, cmdStr(n.s.Args))
		}
	}
	var vips []string
	for _, v := range c.VIPs {
		vips = append(vips, vipString(v, s.VIPsSet))
	}
	if len(vips) > 0 {
		o.strs("vips", vips)
	}
	var evips []string
	for _, v := range c.ExcludedVIPs {
		evips = append(evips, vipString(v, s.VIPsSet))
	}
	if len(evips) > 0 {
		o.strs("evips", evips)
	}
	var ifs []string
	for _, t := range c.TrackInterfaces {
		ifs = append(ifs, t.Name)
	}
	if len(ifs) > 0 {
		o.strs("track_ifp", ifs)
	}
	var scripts []string
	for _, t := range c.TrackScripts {
		scripts = append(scripts, cmdStr(t.Script.Script.Args))
	}
	if len(scripts) > 0 {
		o.strs("track_script", scripts)
	}
	o.num("auth_type", int64(c.Auth.Type))
	if c.Auth.Type != 0 {
		o.str("auth_data", c.Auth.Password)
	}
	b.WriteString(`},"stats":{`)
	st := s.Stats
	o = &jsonObj{b: b, first: true}
	for _, kv := range []struct {
		k string
		v uint64
	}{{"advert_rcvd", st.AdvertRcvd}, {"advert_sent", st.AdvertSent}, {"become_master", st.BecameMaster},
		{"release_master", st.ReleasedMaster}, {"packet_len_err", st.PacketLenErr},
		{"advert_interval_err", st.AdvertIntErr}, {"ip_ttl_err", st.IPTTLErr}, {"invalid_type_rcvd", st.InvalidType},
		{"addr_list_err", st.AddrListErr}, {"invalid_authtype", st.AuthInvalid}, {"authtype_mismatch", st.AuthMismatch},
		{"auth_failure", st.AuthFailure}, {"pri_zero_rcvd", st.PriZeroRcvd}, {"pri_zero_sent", st.PriZeroSent}} {
		o.num(kv.k, int64(kv.v))
	}
	b.WriteString("}}")
}

// jsonState is keepalived's state number (vrrp.h VRRP_STATE_*).
func jsonState(s fsm.State) int { return int(s) }

// jsonString quotes s as keepalived's JSON writer does: '/' escaped too.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '/':
			b.WriteString(`\/`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
