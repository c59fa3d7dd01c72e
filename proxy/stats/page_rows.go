package stats

import (
	"fmt"
	"strings"
)

// pageFlags are the page's display switches (STAT_* flags of a stats
// request).
type pageFlags struct {
	admin, legends, modules bool
	hideDown, noRefresh     bool
}

// rowWriter renders one row of a proxy's table in 2.6's layout: the
// cells, their classes and their tooltips (div.tips under u).
type rowWriter struct {
	w  *strings.Builder
	r  *Row
	fl pageFlags
}

func (x *rowWriter) printf(format string, a ...any) { fmt.Fprintf(x.w, format, a...) }
func (x *rowWriter) s(s string)                     { x.w.WriteString(s) }
func (x *rowWriter) u(f Field) string               { return u2h(x.r.V[f].Uint()) }
func (x *rowWriter) n(f Field) uint64               { return x.r.V[f].Uint() }
func (x *rowWriter) str(f Field) string             { return x.r.V[f].Text() }
func (x *rowWriter) has(f Field) bool               { return !x.r.V[f].IsEmpty() }
func (x *rowWriter) http() bool                     { return x.str(FMode) == "http" }

// tip opens a cell whose value shows details on hover.
func (x *rowWriter) tipTable(value string, rows ...string) {
	x.s("<td><u>" + value + "<div class=tips><table class=det>")
	for _, r := range rows {
		x.s(r)
	}
	x.s("</table></div></u></td>")
}

func det(label, value string) string { return "<tr><th>" + label + "</th><td>" + value + "</td></tr>" }
func detPct(label, value string, p int) string {
	return "<tr><th>" + label + "</th><td>" + value + "</td><td>(" + fmt.Sprint(p) + "%)</td></tr>"
}

// anchor is the name cell's anchor and link.
func (x *rowWriter) anchor(id, label string) string {
	return `<a name="` + id + `"></a><a class=lfsb href="#` + id + `">` + label + `</a>`
}

// bytesOut is the "Out" cell with the compression details.
func (x *rowWriter) bytesOut() {
	in, out, byp := x.n(FCompIn), x.n(FCompOut), x.n(FCompByp)
	bout := x.n(FBout)
	comp := in != 0 || byp != 0
	x.s("<td>")
	if comp {
		x.s("<u>")
	}
	saved := in - out
	savedPct := 0
	if bout != 0 {
		savedPct = int(saved * 100 / bout)
	}
	x.s(u2h(bout) + "<div class=tips><table class=det>" +
		det("Response bytes in:", u2h(bout)) + det("Compression in:", u2h(in)) +
		detPct("Compression out:", u2h(out), pct(out, in)) + det("Compression bypass:", u2h(byp)) +
		detPct("Total bytes saved:", u2h(saved), savedPct) + "</table></div>")
	if comp {
		x.s("</u>")
	}
	x.s("</td>")
}

// modules are the "Extra modules" cells (stats show-modules).
func (x *rowWriter) modules(t ObjType) {
	if !x.fl.modules {
		return
	}
	for _, m := range statsModules() {
		x.s("<td>")
		if m.caps&(1<<t) != 0 {
			x.s("<u>" + m.name + "<div class=tips><table class=det>")
			for f := m.first; f <= m.last; f++ {
				x.s("<tr><th>" + f.Desc() + "</th><td>" + x.htmlValue(f) + "</td></tr>")
			}
			x.s("</table></div></u>")
		}
		x.s("</td>")
	}
}

// htmlValue is field_to_html_str().
func (x *rowWriter) htmlValue(f Field) string {
	v := x.r.V[f]
	switch v.Kind {
	case S32, S64, U32, U64:
		return u2h(v.Uint())
	case Str:
		return v.s
	}
	return ""
}

// statsModule is a stats module 2.6 registers, with the object types
// it fills (bit 1<<ObjType).
type statsModule struct {
	name        string
	first, last Field
	caps        int
}

// statsModules are the modules in registration order.
func statsModules() []statsModule {
	return []statsModule{
		{"ssl", FSslSess, FSslFailedHandshake, 1<<TypeFrontend | 1<<TypeBackend | 1<<TypeServer | 1<<TypeListener},
		{"h2", FH2HeadersRcvd, FH2BackendTotalStreams, 1<<TypeFrontend | 1<<TypeBackend},
		{"h1", FH1OpenConnections, FH1SplicedBytesOut, 1<<TypeFrontend | 1<<TypeBackend},
	}
}

// frontend is a frontend's row.
func (x *rowWriter) frontend() {
	px := x.str(FPxname)
	x.s(`<tr class="frontend">`)
	if x.fl.admin {
		x.s("<td></td>")
	}
	x.s("<td class=ac>" + x.anchor(px+"/Frontend", "Frontend") + "</td><td colspan=3></td>")
	rate := []string{det("Current connection rate:", x.u(FConnRate)+"/s"), det("Current session rate:", x.u(FRate)+"/s")}
	max := []string{det("Max connection rate:", x.u(FConnRateMax)+"/s"), det("Max session rate:", x.u(FRateMax)+"/s")}
	if x.http() {
		rate = append(rate, det("Current request rate:", x.u(FReqRate)+"/s"))
		max = append(max, det("Max request rate:", x.u(FReqRateMax)+"/s"))
	}
	x.tipTable(x.u(FRate), rate...)
	x.tipTable(x.u(FRateMax), max...)
	x.s("<td>" + lim2a(x.n(FRateLim), "-") + "</td>")
	x.s("<td>" + x.u(FScur) + "</td><td>" + x.u(FSmax) + "</td><td>" + x.u(FSlim) + "</td>")
	tot := []string{det("Cum. connections:", x.u(FConnTot)), det("Cum. sessions:", x.u(FStot))}
	if x.http() {
		tot = append(tot, det("Cum. HTTP requests:", x.u(FReqTot)),
			det("- HTTP 1xx responses:", x.u(FHrsp1xx)), det("- HTTP 2xx responses:", x.u(FHrsp2xx)),
			detPct("&nbsp;&nbsp;Compressed 2xx:", x.u(FCompRsp), pct(x.n(FCompRsp), x.n(FHrsp2xx))),
			det("- HTTP 3xx responses:", x.u(FHrsp3xx)), det("- HTTP 4xx responses:", x.u(FHrsp4xx)),
			det("- HTTP 5xx responses:", x.u(FHrsp5xx)), det("- other responses:", x.u(FHrspOther)),
			det("Intercepted requests:", x.u(FIntercepted)), det("Cache lookups:", x.u(FCacheLookups)),
			detPct("Cache hits:", x.u(FCacheHits), pct(x.n(FCacheHits), x.n(FCacheLookups))),
			det("Failed hdr rewrites:", x.u(FWrew)), det("Internal errors:", x.u(FEint)))
	}
	x.tipTable(x.u(FStot), tot...)
	x.s("<td></td><td></td><td>" + x.u(FBin) + "</td>")
	x.bytesOut()
	x.s("<td>" + x.u(FDreq) + "</td><td>" + x.u(FDresp) + "</td><td>" + x.u(FEreq) + "</td><td></td><td></td>")
	x.s("<td></td><td></td><td class=ac>" + x.str(FStatus) + "</td><td class=ac colspan=8></td>")
	x.modules(TypeFrontend)
	x.s("</tr>")
}

// legendTip is the address and id tooltip of a listener or server.
func (x *rowWriter) legendTip(cookie bool) {
	x.s("<div class=tips>")
	addr := x.str(FAddr)
	switch {
	case addr != "" && addr[0] >= '0' && addr[0] <= '9':
		x.s("IPv4: " + addr + ", ")
	case addr != "" && addr[0] == '[':
		x.s("IPv6: " + addr + ", ")
	case addr != "":
		x.s(addr + ", ")
	}
	x.printf("id: %d", x.n(FSid))
	if cookie && x.has(FCookie) {
		x.s(", cookie: '" + htmlEscape(x.str(FCookie)) + "'")
	}
	x.s("</div>")
}

// listener is a listener's row ("option socket-stats").
func (x *rowWriter) listener() {
	px, sv := x.str(FPxname), x.str(FSvname)
	x.s("<tr class=socket>")
	if x.fl.admin {
		x.s("<td></td>")
	}
	x.s(`<td class=ac><a name="` + px + "/+" + sv + `"></a>`)
	if x.fl.legends {
		x.s("<u>")
	}
	x.s(`<a class=lfsb href="#` + px + "/+" + sv + `">` + sv + "</a>")
	if x.fl.legends {
		x.legendTip(false)
		x.s("</u>")
	}
	x.s("</td><td colspan=3></td><td colspan=3>&nbsp;</td>")
	x.s("<td>" + x.u(FScur) + "</td><td>" + x.u(FSmax) + "</td><td>" + x.u(FSlim) + "</td>")
	x.s("<td>" + x.u(FStot) + "</td><td>&nbsp;</td><td>&nbsp;</td>")
	x.s("<td>" + x.u(FBin) + "</td><td>" + x.u(FBout) + "</td>")
	x.s("<td>" + x.u(FDreq) + "</td><td>" + x.u(FDresp) + "</td><td>" + x.u(FEreq) + "</td><td></td><td></td>")
	x.s("<td></td><td></td><td class=ac>" + x.str(FStatus) + "</td><td class=ac colspan=8></td>")
	x.modules(TypeListener)
	x.s("</tr>")
}

// serverStyle is the class suffix of a server's row: its colour.
func (x *rowWriter) serverStyle() string {
	switch st := x.str(FStatus); {
	case st == "DOWN" || st == "DOWN (agent)":
		return "down"
	case strings.HasPrefix(st, "DOWN "):
		return "going_up"
	case st == "DRAIN":
		return "draining"
	case strings.HasPrefix(st, "NOLB "):
		return "going_down"
	case st == "NOLB":
		return "nolb"
	case st == "no check":
		return "no_check"
	case !x.has(FChkfail) || x.n(FCheckHealth) == x.n(FCheckRise)+x.n(FCheckFall)-1:
		// no check, or full health: UP
		if x.n(FWeight) != 0 {
			return "up"
		}
		return "draining"
	}
	return "going_down"
}

// timesTip is the "Max / Avg over last 1024 success. conn." part of a
// tooltip.
func (x *rowWriter) timesTip() []string {
	t := []string{"<tr><th colspan=3>Max / Avg over last 1024 success. conn.</th></tr>",
		"<tr><th>- Queue time:</th><td>" + x.u(FQtimeMax) + " / " + x.u(FQtime) + "</td><td>ms</td></tr>",
		"<tr><th>- Connect time:</th><td>" + x.u(FCtimeMax) + " / " + x.u(FCtime) + "</td><td>ms</td></tr>"}
	if x.http() {
		t = append(t, "<tr><th>- Responses time:</th><td>"+x.u(FRtimeMax)+" / "+x.u(FRtime)+"</td><td>ms</td></tr>")
	}
	return append(t, "<tr><th>- Total time:</th><td>"+x.u(FTtimeMax)+" / "+x.u(FTtime)+"</td><td>ms</td></tr>")
}

// reuseTip is the connections part of a backend's or server's tooltip.
func (x *rowWriter) reuseTip() []string {
	c, r := x.n(FConnect), x.n(FReuse)
	return []string{det("New connections:", x.u(FConnect)), detPct("Reused connections:", x.u(FReuse), pct(r, c+r))}
}

// errorsWarnings are the denied, errors and warnings cells of backends
// and servers.
func (x *rowWriter) errorsWarnings(dreq string) {
	x.s("<td>" + dreq + "</td><td>" + x.u(FDresp) + "</td><td></td><td>" + x.u(FEcon) + "</td>")
	x.printf("<td><u>%s<div class=tips>Connection resets during transfers: %d client, %d server</div></u></td>",
		x.u(FEresp), int64(x.n(FCliAbrt)), int64(x.n(FSrvAbrt)))
	x.printf("<td>%d</td><td>%d</td>", int64(x.n(FWretr)), int64(x.n(FWredis)))
}

// server is a server's row.
func (x *rowWriter) server() {
	px, sv := x.str(FPxname), x.str(FSvname)
	status := x.str(FStatus)
	if strings.HasPrefix(status, "MAINT") {
		x.s(`<tr class="maintain">`)
	} else {
		kind := "active"
		if x.n(FBck) != 0 {
			kind = "backup"
		}
		x.s(`<tr class="` + kind + "_" + x.serverStyle() + `">`)
	}
	if x.fl.admin {
		x.s("<td><input class='" + px + `-checkbox' type="checkbox" name="s" value="` + sv + `"></td>`)
	}
	x.s(`<td class=ac><a name="` + px + "/" + sv + `"></a>`)
	if x.fl.legends {
		x.s("<u>")
	}
	x.s(`<a class=lfsb href="#` + px + "/" + sv + `">` + sv + "</a>")
	if x.fl.legends {
		x.legendTip(true)
		x.s("</u>")
	}
	x.s("</td><td>" + x.u(FQcur) + "</td><td>" + x.u(FQmax) + "</td><td>" + lim2a(x.n(FQlimit), "-") + "</td>")
	x.s("<td>" + x.u(FRate) + "</td><td>" + x.u(FRateMax) + "</td><td></td>")
	ilim := "-"
	if x.has(FSrcIlim) {
		ilim = x.u(FSrcIlim)
	}
	x.tipTable(x.u(FScur), det("Current active connections:", x.u(FScur)),
		det("Current used connections:", x.u(FUsedConnCur)), det("Current idle connections:", x.u(FSrvIcur)),
		det("- unsafe:", x.u(FIdleConnCur)), det("- safe:", x.u(FSafeConnCur)),
		det("Estimated need of connections:", x.u(FNeedConnEst)),
		det("Active connections limit:", lim2a(x.n(FSlim), "-")), det("Idle connections limit:", ilim))
	x.s("<td>" + x.u(FSmax) + "</td><td>" + lim2a(x.n(FSlim), "-") + "</td>")
	tot := []string{det("Cum. sessions:", x.u(FStot))}
	if x.http() {
		req := x.n(FReqTot)
		tot = append(tot, x.reuseTip()...)
		tot = append(tot, det("Cum. HTTP requests:", x.u(FReqTot)),
			detPct("- HTTP 1xx responses:", x.u(FHrsp1xx), pct(x.n(FHrsp1xx), req)),
			detPct("- HTTP 2xx responses:", x.u(FHrsp2xx), pct(x.n(FHrsp2xx), req)),
			detPct("- HTTP 3xx responses:", x.u(FHrsp3xx), pct(x.n(FHrsp3xx), req)),
			detPct("- HTTP 4xx responses:", x.u(FHrsp4xx), pct(x.n(FHrsp4xx), req)),
			detPct("- HTTP 5xx responses:", x.u(FHrsp5xx), pct(x.n(FHrsp5xx), req)),
			detPct("- other responses:", x.u(FHrspOther), pct(x.n(FHrspOther), req)),
			det("Failed hdr rewrites:", x.u(FWrew)), det("Internal error:", x.u(FEint)))
	}
	x.tipTable(x.u(FStot), append(tot, x.timesTip()...)...)
	x.s("<td>" + x.u(FLbtot) + "</td><td>" + HumanTime(x.r.V[FLastsess].Int()) + "</td>")
	x.s("<td>" + x.u(FBin) + "</td><td>" + x.u(FBout) + "</td>")
	x.errorsWarnings("")

	// status, last check
	x.s("<td class=ac>")
	lastchg := HumanTime(int64(x.n(FLastchg)))
	switch {
	case strings.HasPrefix(status, "MAINT"):
		x.s(lastchg + " MAINT")
	case status == "no check":
		x.s("<i>no check</i>")
	default:
		x.s(lastchg + " " + status)
		if strings.HasPrefix(status, "DOWN") {
			if x.n(FCheckHealth) != 0 {
				x.s(" &uarr;")
			}
		} else if x.n(FCheckHealth) < x.n(FCheckRise)+x.n(FCheckFall)-1 {
			x.s(" &darr;")
		}
	}
	checkCell := func(status, code, dur, desc, last Field) {
		x.s("</td><td class=ac><u> " + x.str(status))
		if x.has(code) {
			x.printf("/%d", x.n(code))
		}
		if x.has(dur) {
			x.printf(" in %dms", x.n(dur))
		}
		x.s("<div class=tips>" + x.str(desc))
		if l := x.str(last); l != "" {
			x.s(": " + htmlEscape(l))
		}
		x.s("</div></u>")
	}
	switch {
	case strings.HasPrefix(status, "DOWN") && x.has(FAgentStatus) && x.n(FAgentHealth) == 0:
		checkCell(FAgentStatus, FAgentCode, FAgentDuration, FAgentDesc, FLastAgt)
	case x.has(FCheckStatus):
		checkCell(FCheckStatus, FCheckCode, FCheckDuration, FCheckDesc, FLastChk)
	default:
		x.s("</td><td>")
	}
	act, bck := "Y", "-"
	if x.n(FBck) != 0 {
		act, bck = "-", "Y"
	}
	x.printf("</td><td class=ac>%d/%d</td><td class=ac>%s</td><td class=ac>%s</td>", x.n(FWeight), x.n(FUweight), act, bck)

	// check failures: unique, fatal, down time
	switch {
	case status == stMaintResolution:
		x.s("<td class=ac colspan=3>resolution</td>")
	case x.has(FChkfail):
		x.printf("<td><u>%d", int64(x.n(FChkfail)))
		if x.has(FHanafail) {
			x.printf("/%d", int64(x.n(FHanafail)))
		}
		hana := ""
		if x.has(FHanafail) {
			hana = "/Health Analyses"
		}
		x.printf("<div class=tips>Failed Health Checks%s</div></u></td><td>%d</td><td>%s</td>",
			hana, int64(x.n(FChkdown)), HumanTime(int64(x.n(FDowntime))))
	case status != "MAINT" && x.has(FTracked):
		t := x.str(FTracked)
		x.s(`<td class=ac colspan=3><a class=lfsb href="#` + t + `">via ` + t + "</a></td>")
	default:
		x.s("<td colspan=3></td>")
	}
	if x.has(FThrottle) {
		x.printf("<td class=ac>%d %%</td>\n", x.n(FThrottle))
	} else {
		x.s("<td class=ac>-</td>")
	}
	x.modules(TypeServer)
	x.s("</tr>\n")
}

// backend is a backend's row.
func (x *rowWriter) backend() {
	px := x.str(FPxname)
	x.s(`<tr class="backend">`)
	if x.fl.admin {
		x.s("<td></td>")
	}
	x.s("<td class=ac>")
	if x.fl.legends {
		x.s("<u>")
	}
	x.s(x.anchor(px+"/Backend", "Backend"))
	if x.fl.legends {
		x.s("<div class=tips>balancing: " + x.str(FAlgo))
		if x.has(FCookie) {
			x.s(", cookie: '" + htmlEscape(x.str(FCookie)) + "'")
		}
		x.s("</div></u>")
	}
	x.s("</td><td>" + x.u(FQcur) + "</td><td>" + x.u(FQmax) + "</td><td></td>")
	x.s("<td>" + x.u(FRate) + "</td><td>" + x.u(FRateMax) + "</td><td></td>")
	x.s("<td>" + x.u(FScur) + "</td><td>" + x.u(FSmax) + "</td><td>" + x.u(FSlim) + "</td>")
	tot := []string{det("Cum. sessions:", x.u(FStot))}
	if x.http() {
		tot = append(tot, x.reuseTip()...)
		tot = append(tot, det("Cum. HTTP requests:", x.u(FReqTot)),
			det("- HTTP 1xx responses:", x.u(FHrsp1xx)), det("- HTTP 2xx responses:", x.u(FHrsp2xx)),
			detPct("&nbsp;&nbsp;Compressed 2xx:", x.u(FCompRsp), pct(x.n(FCompRsp), x.n(FHrsp2xx))),
			det("- HTTP 3xx responses:", x.u(FHrsp3xx)), det("- HTTP 4xx responses:", x.u(FHrsp4xx)),
			det("- HTTP 5xx responses:", x.u(FHrsp5xx)), det("- other responses:", x.u(FHrspOther)),
			det("Cache lookups:", x.u(FCacheLookups)),
			detPct("Cache hits:", x.u(FCacheHits), pct(x.n(FCacheHits), x.n(FCacheLookups))),
			det("Failed hdr rewrites:", x.u(FWrew)), det("Internal errors:", x.u(FEint)))
	}
	x.tipTable(x.u(FStot), append(tot, x.timesTip()...)...)
	x.s("<td>" + x.u(FLbtot) + "</td><td>" + HumanTime(x.r.V[FLastsess].Int()) + "</td>")
	x.s("<td>" + x.u(FBin) + "</td>")
	x.bytesOut()
	x.errorsWarnings(x.u(FDreq))
	status := x.str(FStatus)
	if status == "DOWN" {
		status = `<font color="red"><b>DOWN</b></font>`
	}
	x.printf("<td class=ac>%s %s</td><td class=ac>&nbsp;</td><td class=ac>%d/%d</td><td class=ac>%d</td><td class=ac>%d</td>",
		HumanTime(int64(x.n(FLastchg))), status, x.n(FWeight), x.n(FUweight), x.n(FAct), x.n(FBck))
	down := "&nbsp;"
	if x.has(FDowntime) {
		down = HumanTime(int64(x.n(FDowntime)))
	}
	x.printf("<td class=ac>&nbsp;</td><td>%d</td><td>%s</td><td></td>", uint32(x.n(FChkdown)), down)
	x.modules(TypeBackend)
	x.s("</tr>")
}

// row renders any row.
func (x *rowWriter) row() {
	switch x.r.Type() {
	case TypeFrontend:
		x.frontend()
	case TypeListener:
		x.listener()
	case TypeServer:
		x.server()
	case TypeBackend:
		x.backend()
	}
}
