package stats

import (
	"fmt"
	"strings"
	"text/template"
)

// The page's skeleton: head, process information, legend and display
// options, the status message of an admin action, then one table per
// proxy. Values put in the page are the configuration's names and
// numbers, which 2.6 prints as they are.

// pageTemplates parses the page's templates; a stats page is asked for
// rarely enough that parsing them per request costs nothing worth a
// cache.
func pageTemplates() *template.Template {
	t := template.Must(template.New("head").Parse(headTemplate))
	template.Must(t.New("legend").Parse(legendTemplate))
	template.Must(t.New("pxhead").Parse(pxHeadTemplate))
	template.Must(t.New("pxend").Parse(pxEndTemplate))
	return t
}

const headTemplate = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"
"http://www.w3.org/TR/html4/loose.dtd">
<html><head><title>Statistics Report for HAProxy{{if .ShowNode}} on {{.Node}}{{end}}</title>
<link rel="icon" href="data:,">
<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">
<style type="text/css"><!--
{{.CSS}}-->
</style></head>
<body><h1><a href="http://www.haproxy.org/" style="text-decoration: none;">HAProxy{{if not .HideVersion}} version {{.P.Version}}, released {{.P.ReleaseDate}}{{end}}</a></h1>
<h2>Statistics Report for pid {{.P.PID}}{{if .ShowNode}} on {{.Node}}{{end}}{{if .ShowDesc}}: {{.Desc}}{{end}}</h2>
<hr width="100%" class="hr">
<h3>&gt; General process information</h3>
<table border=0><tr><td align="left" nowrap width="1%">
<p><b>pid = </b> {{.P.PID}} (process #1, nbproc = 1, nbthread = {{.P.Nbthread}})<br>
<b>uptime = </b> {{.Uptime}}<br>
<b>system limits:</b> memmax = {{.Memmax}}; ulimit-n = {{.P.UlimitN}}<br>
<b>maxsock = </b> {{.P.Maxsock}}; <b>maxconn = </b> {{.P.Maxconn}}; <b>maxpipes = </b> {{.P.Maxpipes}}<br>
current conns = {{.P.CurrConns}}; current pipes = {{.P.PipesUsed}}/{{.Pipes}}; conn rate = {{.P.ConnRate}}/sec; bit rate = {{.BitRate}}<br>
Running tasks: {{.P.RunQueue}}/{{.P.Tasks}}; idle = {{.P.IdlePct}} %<br>
</td><td align="center" nowrap>
<table class="lgd"><tr>
{{template "legend"}}</tr></table>
Note: "NOLB"/"DRAIN" = UP with load-balancing disabled.</td><td align="left" valign="top" nowrap width="1%"><b>Display option:</b><ul style="margin-top: 0.25em;"><li><form method="GET">Scope : <input value="{{.Scope}}" name="scope" size="8" maxlength="20" tabindex="1"/></form>
{{if .HideDown}}<li><a href="{{.URI}}{{.NoRefresh}}{{.ScopeTxt}}">Show all servers</a><br>
{{else}}<li><a href="{{.URI}};up{{.NoRefresh}}{{.ScopeTxt}}">Hide 'DOWN' servers</a><br>
{{end}}{{if .Refresh}}{{if .NoRefresh}}<li><a href="{{.URI}}{{.Up}}{{.ScopeTxt}}">Enable refresh</a><br>
{{else}}<li><a href="{{.URI}}{{.Up}};norefresh{{.ScopeTxt}}">Disable refresh</a><br>
{{end}}{{end}}<li><a href="{{.URI}}{{.Up}}{{.NoRefresh}}{{.ScopeTxt}}">Refresh now</a><br>
<li><a href="{{.URI}};csv{{if .Refresh}};norefresh{{end}}{{.ScopeTxt}}">CSV export</a><br>
<li><a href="{{.URI}};json{{if .Refresh}};norefresh{{end}}{{.ScopeTxt}}">JSON export</a> (<a href="{{.URI}};json-schema">schema</a>)<br>
</ul></td><td align="left" valign="top" nowrap width="1%"><b>External resources:</b><ul style="margin-top: 0.25em;">
<li><a href="http://www.haproxy.org/">Primary site</a><br>
<li><a href="http://www.haproxy.org/#down">Updates (v2.6)</a><br>
<li><a href="http://www.haproxy.org/#docs">Online manual</a><br>
</ul></td></tr></table>
{{with .Message}}<p><div class={{.Class}}><a class=lfsb href="{{$.URI}}{{$.Up}}{{$.NoRefresh}}{{$.ScopeTxt}}" title="Remove this message">[X]</a> {{.Text}}</div>
<p>
{{end}}`

const legendTemplate = `<td class="active_up">&nbsp;</td><td class="noborder">active UP </td><td class="backup_up">&nbsp;</td><td class="noborder">backup UP </td></tr><tr>
<td class="active_going_down"></td><td class="noborder">active UP, going down </td><td class="backup_going_down"></td><td class="noborder">backup UP, going down </td></tr><tr>
<td class="active_going_up"></td><td class="noborder">active DOWN, going up </td><td class="backup_going_up"></td><td class="noborder">backup DOWN, going up </td></tr><tr>
<td class="active_down"></td><td class="noborder">active or backup DOWN &nbsp;</td><td class="active_no_check"></td><td class="noborder">not checked </td></tr><tr>
<td class="maintain"></td><td class="noborder" colspan="3">active or backup DOWN for maintenance (MAINT) &nbsp;</td></tr><tr>
<td class="active_draining"></td><td class="noborder" colspan="3">active or backup SOFT STOPPED for maintenance &nbsp;</td>`

const pxHeadTemplate = `{{if .Form}}<form method="post">{{end}}<table class="tbl" width="100%">
<tr class="titre"><th class="pxname" width="10%"><a name="{{.Name}}"></a>{{if .Legends}}<u>{{end}}<a class=px href="#{{.Name}}">{{.Name}}</a>{{if .Legends}}<div class=tips>cap: {{.Cap}}, mode: {{.Mode}}, id: {{.ID}}</div></u>{{end}}</th><th class="{{if .Desc}}desc{{else}}empty{{end}}" width="90%">{{.Desc}}</th></tr>
</table>
<table class="tbl" width="100%">
<tr class="titre">{{if .Admin}}{{if .Form}}<th rowspan=2 width=1><input type="checkbox" onclick="for(c in document.getElementsByClassName('{{.Name}}-checkbox')) document.getElementsByClassName('{{.Name}}-checkbox').item(c).checked = this.checked"></th>{{else}}<th rowspan=2></th>{{end}}{{end}}<th rowspan=2></th><th colspan=3>Queue</th><th colspan=3>Session rate</th><th colspan=6>Sessions</th><th colspan=2>Bytes</th><th colspan=2>Denied</th><th colspan=3>Errors</th><th colspan=2>Warnings</th><th colspan=9>Server</th>{{if .Modules}}<th colspan={{len .ModuleNames}}>Extra modules</th>{{end}}</tr>
<tr class="titre"><th>Cur</th><th>Max</th><th>Limit</th><th>Cur</th><th>Max</th><th>Limit</th><th>Cur</th><th>Max</th><th>Limit</th><th>Total</th><th>LbTot</th><th>Last</th><th>In</th><th>Out</th><th>Req</th><th>Resp</th><th>Req</th><th>Conn</th><th>Resp</th><th>Retr</th><th>Redis</th><th>Status</th><th>LastChk</th><th>Wght</th><th>Act</th><th>Bck</th><th>Chk</th><th>Dwn</th><th>Dwntme</th><th>Thrtle</th>
{{if .Modules}}{{range .ModuleNames}}<th>{{.}}</th>{{end}}{{end}}</tr>`

const pxEndTemplate = `</table>{{if .Form}}Choose the action to perform on the checked servers : <select name=action><option value=""></option><option value="ready">Set state to READY</option><option value="drain">Set state to DRAIN</option><option value="maint">Set state to MAINT</option><option value="dhlth">Health: disable checks</option><option value="ehlth">Health: enable checks</option><option value="hrunn">Health: force UP</option><option value="hnolb">Health: force NOLB</option><option value="hdown">Health: force DOWN</option><option value="dagent">Agent: disable checks</option><option value="eagent">Agent: enable checks</option><option value="arunn">Agent: force UP</option><option value="adown">Agent: force DOWN</option><option value="shutdown">Kill Sessions</option></select><input type="hidden" name="b" value="#{{.ID}}">&nbsp;<input type="submit" value="Apply"></form>{{end}}<p>
`

// headData feeds the "head" template.
type headData struct {
	P                               *Process
	CSS                             string
	ShowNode, ShowDesc, HideVersion bool
	Node, Desc                      string
	Uptime, Memmax, BitRate         string
	Pipes                           int
	URI, Scope, ScopeTxt            string
	Up, NoRefresh                   string
	HideDown                        bool
	Refresh                         bool
	Message                         *pageMessage
}

// pageMessage is the box reporting an admin action (";st=" codes).
type pageMessage struct {
	Class, Text string
}

// statusMessage is the box stats_dump_html_info() shows for a ";st="
// code.
func statusMessage(code string) (pageMessage, bool) {
	switch code {
	case "DONE":
		return pageMessage{"active_up", "Action processed successfully."}, true
	case "NONE":
		return pageMessage{"active_going_down", "Nothing has changed."}, true
	case "PART":
		return pageMessage{"active_going_down", "Action partially processed.<br>Some server names are probably unknown or ambiguous (duplicated names in the backend)."}, true
	case "ERRP":
		return pageMessage{"active_down", "Action not processed because of invalid parameters.<ul><li>The action is maybe unknown.</li><li>Invalid key parameter (empty or too long).</li><li>The backend name is probably unknown or ambiguous (duplicated names).</li><li>Some server names are probably unknown or ambiguous (duplicated names in the backend).</li></ul>"}, true
	case "EXCD":
		return pageMessage{"active_down", "<b>Action not processed : the buffer couldn't store all the data.<br>You should retry with less servers at a time.</b>"}, true
	case "DENY":
		return pageMessage{"active_down", "<b>Action denied.</b>"}, true
	case "IVAL":
		return pageMessage{"active_down", "<b>Invalid requests (unsupported method or chunked encoded request).</b>"}, true
	case "UNKN":
		return pageMessage{"active_no_check", "Unexpected result."}, true
	}
	return pageMessage{}, false
}

// statusCodes are the codes ";st=" may carry.
func statusCodes() []string {
	return []string{"DONE", "NONE", "PART", "ERRP", "EXCD", "DENY", "IVAL", "UNKN"}
}

// pxData feeds "pxhead" and "pxend".
type pxData struct {
	Name, Desc, Cap, Mode string
	ID                    int
	Admin, Form, Legends  bool
	Modules               bool
	ModuleNames           []string
}

// bitRate is the page's "bit rate": bytes out per second turned into
// bits on the wire, counting Ethernet's overhead for full TCP segments
// (1538 bytes on the wire per 1448 of payload), as 2.6 prints it.
func bitRate(bytesPerSec uint64) string {
	bps := bytesPerSec * 8 * 1538 / 1448
	switch {
	case bps >= 1000000000:
		return fmt.Sprintf("%.3f Gbps", float64(bps)/1e9)
	case bps >= 1000000:
		return fmt.Sprintf("%.3f Mbps", float64(bps)/1e6)
	}
	return fmt.Sprintf("%.3f kbps", float64(bps)/1e3)
}

// writeHTML renders the whole page.
func (pg *page) writeHTML(w *strings.Builder) error {
	p := pg.proc
	up := p.Uptime()
	memmax := "unlimited"
	if p.MemmaxMB > 0 {
		memmax = fmt.Sprintf("%d MB", p.MemmaxMB)
	}
	hd := headData{P: p, CSS: pageCSS, ShowNode: pg.cfg.ShowNode, ShowDesc: pg.cfg.ShowDesc,
		HideVersion: pg.cfg.HideVersion, Node: pg.node(), Desc: pg.desc(),
		Uptime: uptimeText(up), Memmax: memmax, BitRate: bitRate(p.BytesOutRate),
		Pipes: p.PipesUsed + p.PipesFree, URI: pg.cfg.URI, Scope: pg.scope, ScopeTxt: pg.scopeTxt(),
		Up: pg.upTxt(), NoRefresh: pg.noRefreshTxt(), HideDown: pg.fl.hideDown, Refresh: pg.cfg.Refresh > 0}
	if pg.st != "" {
		m, ok := statusMessage(pg.st)
		if !ok {
			m, _ = statusMessage("UNKN")
		}
		hd.Message = &m
	}
	t := pageTemplates()
	if err := t.ExecuteTemplate(w, "head", hd); err != nil {
		return err
	}
	for _, px := range pg.proxies {
		if !pg.shown(px) {
			continue
		}
		d := pxData{Name: px.Name, Cap: capText(px), Mode: pxMode(px), ID: px.ID, Admin: pg.fl.admin,
			Form: pg.fl.admin && px.Backend != nil && len(px.Servers) > 0, Legends: pg.fl.legends,
			Modules: pg.fl.modules, Desc: pg.descs[px.Name]}
		for _, m := range statsModules() {
			d.ModuleNames = append(d.ModuleNames, m.name)
		}
		if err := t.ExecuteTemplate(w, "pxhead", d); err != nil {
			return err
		}
		for _, r := range ProxyRows(px, Selection{IID: -1, SID: -1}, pg.rowFlags()) {
			(&rowWriter{w: w, r: r, fl: pg.fl}).row()
		}
		if err := t.ExecuteTemplate(w, "pxend", d); err != nil {
			return err
		}
	}
	w.WriteString("</body></html>\n")
	return nil
}

// capText is proxy_cap_str().
func capText(px *Proxy) string {
	switch {
	case px.Frontend != nil && px.Backend != nil:
		return "FE BE"
	case px.Frontend != nil:
		return "FE"
	case px.Backend != nil:
		return "BE"
	}
	return ""
}

func pxMode(px *Proxy) string {
	if px.Frontend != nil {
		return px.Frontend.Mode
	}
	if px.Backend != nil {
		return px.Backend.Mode
	}
	return ""
}
