package stats

import (
	"strings"
	"testing"
)

// The rows below were printed by 2.6.12 for the objects described next
// to them ("show stat" at admin level).
func TestFillMatchesRecordedRows(t *testing.T) {
	fl := Flags{Legends: true}
	web1 := &Server{Proxy: "be", ProxyID: 3, Name: "web1", ID: 1, Mode: "http", Addr: "127.0.0.1:18081",
		MaxIdle: -1, State: SrvStopped, EWeight: 1, UWeight: 1, Throttle: -1, LastChange: 1, DownTime: 1,
		FailedChecks: 1, DownTrans: 1, NeedEst: 1,
		Check: Check{Enabled: true, Status: "L4CON", Desc: "Layer4 connection problem", Last: "Connection refused",
			HasDuration: true, Rise: 2, Fall: 5, Health: 0},
		C: Counters{LastSess: -1}}
	s1 := &Server{Proxy: "sockstats", ProxyID: 6, Name: "s1", ID: 1, Mode: "http", Addr: "127.0.0.1:18081",
		Cookie: "c1", MaxIdle: -1, State: SrvStopped, EWeight: 1, UWeight: 1, Throttle: -1, LastChange: 398,
		Via: "be/web1", Ref: web1, C: Counters{LastSess: -1}}
	x1 := &Server{Proxy: "extra", ProxyID: 7, Name: "x1", ID: 1, Mode: "http", Addr: "127.0.0.1:18090",
		Maxqueue: 7, MaxIdle: 5, State: SrvStopped, EWeight: 1, UWeight: 1, Throttle: -1, LastChange: 742,
		DownTime: 742, NeedEst: 1, Observe: true,
		Check: Check{Enabled: true, Status: "L7STS", Code: 503, HasCode: true, HasDuration: true,
			Desc: "Layer7 wrong status", Last: "Service Unavailable", Rise: 2, Fall: 3},
		Agent: Check{Enabled: true, Status: "L7TOUT", Duration: 501, HasDuration: true, Desc: "Layer7 timeout",
			Rise: 1, Fall: 1, Health: 1},
		C: Counters{LastSess: -1}}
	be := &Backend{Name: "be", Mode: "http", ID: 3, Algo: "roundrobin", Fullconn: 400, TotWeight: 3, UWeight: 3,
		Act: 1, Bck: 1, HasServers: true, LastChange: 1, C: Counters{LastSess: -1}}
	sbe := &Backend{Name: "sockstats", Mode: "http", ID: 6, Algo: "roundrobin", Cookie: "SRV", Fullconn: 400,
		TotWeight: 1, UWeight: 1, Act: 1, HasServers: true, LastChange: 742, C: Counters{LastSess: -1}}
	fe := &Frontend{Name: "fe", ID: 2, Mode: "http", Status: "OPEN", Limit: 4000}
	spx := &Proxy{Name: "sockstats", ID: 6, Frontend: &Frontend{Mode: "http"}}
	li := &Listener{Name: "sock-1", ID: 1, Addr: "127.0.0.1:18092", Status: "OPEN"}

	for _, tc := range []struct {
		row  *Row
		want string
	}{
		{FillFrontend(fe), "fe,FRONTEND,,,0,0,4000,0,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,0,,,,0,0,0,0,0,0,,0,0,0,,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,http,,0,0,0,0,0,0,0,,,0,0,,,,,,,0,,,,,,,,,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"},
		{FillServer(web1, fl), "be,web1,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,1,1,1,1,,1,3,1,,0,,2,0,,0,L4CON,,0,0,0,0,0,0,0,,,,0,0,0,,,,,-1,Connection refused,,0,0,0,0,,,,Layer4 connection problem,,2,5,0,,,,127.0.0.1:18081,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,1,1,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,"},
		{FillBackend(be, 2, 3, fl), "be,BACKEND,0,0,0,0,400,0,0,0,0,0,,0,0,0,0,UP,3,1,1,,0,1,0,,1,3,0,,0,,1,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,0,0,0,0,-1,,,0,0,0,0,,,,,,,,,,,,,,http,roundrobin,,,,,,,0,0,0,0,0,,,0,0,0,0,0,,,,,3,0,0,0,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"},
		{FillListener(spx, li, fl), "sockstats,sock-1,,,0,0,0,0,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,6,1,,,,3,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,127.0.0.1:18092,,http,,,,,,0,0,0,,,,,,,,,,,0,,,,,,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,"},
		{FillServer(s1, fl), "sockstats,s1,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,,,398,,,1,6,1,,0,be/web1,2,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,,127.0.0.1:18081,c1,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,0,1,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,"},
		{FillBackend(sbe, 0, 2, fl), "sockstats,BACKEND,0,0,0,0,400,0,0,0,0,0,,0,0,0,0,UP,1,1,0,,0,742,0,,1,6,0,,0,,1,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,0,0,0,0,-1,,,0,0,0,0,,,,,,,,,,,,,SRV,http,roundrobin,,,,,,,0,0,0,0,0,,,0,0,0,0,0,,,,,1,0,0,0,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"},
		{FillServer(x1, fl), "extra,x1,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,0,0,742,742,7,1,7,1,,0,,2,0,,0,L7STS,503,0,0,0,0,0,0,0,0,,,0,0,0,,,,,-1,Service Unavailable,,0,0,0,0,L7TOUT,,501,Layer7 wrong status,Layer7 timeout,2,3,0,1,1,1,127.0.0.1:18090,,http,,,,,,,,0,0,0,,,0,5,0,0,0,0,0,0,0,0,1,1,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,"},
	} {
		got := strings.TrimSuffix(string(AppendCSV(nil, tc.row)), "\n")
		if got != tc.want {
			h := strings.Split(strings.TrimPrefix(strings.TrimSuffix(string(AppendCSVHeader(nil)), "\n"), "# "), ",")
			g, w := strings.Split(got, ","), strings.Split(tc.want, ",")
			for i := range w {
				if i < len(g) && g[i] != w[i] {
					t.Errorf("%s/%s %s: got %q, want %q", w[0], w[1], h[i], g[i], w[i])
				}
			}
			if len(g) != len(w) {
				t.Errorf("%s/%s: %d columns, want %d", w[0], w[1], len(g), len(w))
			}
		}
	}
}

// TestTypedAndJSON checks the typed and JSON forms of a row against
// 2.6.12's lines for the same frontend.
func TestTypedAndJSON(t *testing.T) {
	r := FillFrontend(&Frontend{Name: "fe", ID: 2, Mode: "http", Status: "OPEN", Limit: 4000})
	typed := string(AppendTyped(nil, r, false))
	for _, want := range []string{"F.2.0.0.pxname.1:KNS:str:fe\n", "F.2.0.1.svname.1:KNS:str:FRONTEND\n",
		"F.2.0.4.scur.1:MGP:u32:0\n", "F.2.0.5.smax.1:MMP:u32:0\n", "F.2.0.6.slim.1:CLP:u32:4000\n",
		"F.2.0.126.h1_spliced_bytes_out.1:MCP:u64:0\n"} {
		if !strings.Contains(typed, want) {
			t.Errorf("typed output lacks %q", want)
		}
	}
	js := string(AppendJSON(nil, r, true))
	want := `[{"objType":"Frontend","proxyId":2,"id":0,"field":{"pos":0,"name":"pxname"},"processNum":1,"tags":{"origin":"Key","nature":"Name","scope":"Service"},"value":{"type":"str","value":"fe"}},{"objType":"Frontend","proxyId":2,"id":0,"field":{"pos":1,"name":"svname"},"processNum":1,"tags":{"origin":"Key","nature":"Name","scope":"Service"},"value":{"type":"str","value":"FRONTEND"}},{"objType":"Frontend","proxyId":2,"id":0,"field":{"pos":4,"name":"scur"},"processNum":1,"tags":{"origin":"Metric","nature":"Gauge","scope":"Process"},"value":{"type":"u32","value":0}}`
	if !strings.HasPrefix(js, want) {
		t.Errorf("JSON starts %q\nwant %q", js[:min(len(js), len(want))], want)
	}
}

func TestHumanTime(t *testing.T) {
	for in, want := range map[int64]string{0: "0s", 5: "5s", 60: "1m", 61: "1m1s", 3600: "1h", 3661: "1h1m",
		86400: "1d", 90061: "1d1h", 86401: "1d1s", -1: "?"} {
		if got := HumanTime(in); got != want {
			t.Errorf("HumanTime(%d) = %q, want %q", in, got, want)
		}
	}
}
