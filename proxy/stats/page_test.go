package stats

import (
	"strings"
	"testing"
	"time"
)

// fakeSource is one backend "be" (#3) with web1 and web2; it records
// the actions applied.
type fakeSource struct {
	actions []string
}

func (f *fakeSource) StatsProxies() []*Proxy {
	sv := func(name string, id int) *Server {
		return &Server{Proxy: "be", ProxyID: 3, Name: name, ID: id, Mode: "http", MaxIdle: -1, Throttle: -1,
			State: SrvRunning, EWeight: 1, UWeight: 1, C: Counters{LastSess: -1}}
	}
	return []*Proxy{{Name: "be", ID: 3, Servers: []*Server{sv("web1", 1), sv("web2", 2)},
		Backend: &Backend{Name: "be", ID: 3, Mode: "http", HasServers: true, TotWeight: 2, Act: 2, C: Counters{LastSess: -1}}}}
}

func (f *fakeSource) StatsProcess() *Process { return &Process{PID: 42, Nbthread: 1} }

func (f *fakeSource) BackendRef(ref string) (string, bool) {
	return "be", ref == "#3" || ref == "be"
}

func (f *fakeSource) ServerAction(be, sv, action string) (bool, bool) {
	if sv != "web1" && sv != "web2" {
		return false, false
	}
	f.actions = append(f.actions, be+"/"+sv+" "+action)
	return true, true
}

func header(r Response, name string) string {
	for _, h := range r.Headers {
		if h[0] == name {
			return h[1]
		}
	}
	return ""
}

func TestServePage(t *testing.T) {
	cfg := PageConfig{URI: "/st", Refresh: 10 * time.Second}
	src := &fakeSource{}
	r := ServePage(cfg, PageRequest{Method: "GET", URI: "/st", Admin: true}, src)
	body := string(r.Body)
	if r.Status != 200 || header(r, "content-type") != "text/html" || header(r, "refresh") != "10" || !r.Chunked {
		t.Fatalf("GET: %d %v", r.Status, r.Headers)
	}
	for _, want := range []string{`<tr class="active_no_check"><td><input class='be-checkbox' type="checkbox" name="s" value="web1"></td>`,
		`<input type="hidden" name="b" value="#3">`, `<h2>Statistics Report for pid 42</h2>`,
		`<li><a href="/st;norefresh">Disable refresh</a><br>`, "</body></html>\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	r = ServePage(cfg, PageRequest{Method: "GET", URI: "/st;csv;norefresh"}, src)
	if header(r, "content-type") != "text/plain" || header(r, "refresh") != "" || !strings.HasPrefix(string(r.Body), "# pxname,svname,") {
		t.Errorf(";csv: %v %q", r.Headers, r.Body[:20])
	}
	for _, tc := range []struct {
		method, uri, body string
		admin             bool
		loc               string
	}{
		{"POST", "/st", "s=web1&action=drain&b=%233", false, "/st;st=DENY"},
		{"POST", "/st;up", "s=web1&s=web2&action=maint&b=%233", true, "/st;st=DONE;up"},
		{"POST", "/st", "s=web1&s=nope&action=ready&b=%233", true, "/st;st=PART"},
		{"POST", "/st", "s=web1&action=fly&b=%233", true, "/st;st=ERRP"},
		{"POST", "/st", "s=web1&action=ready&b=%239", true, "/st;st=ERRP"},
		{"POST", "/st?scope=b", "", true, "/st;st=NONE?scope=b"},
		{"PUT", "/st", "", true, "/st;st=IVAL"},
	} {
		r := ServePage(cfg, PageRequest{Method: tc.method, URI: tc.uri, Body: []byte(tc.body), Admin: tc.admin}, src)
		if r.Status != 303 || header(r, "location") != tc.loc {
			t.Errorf("%s %s %q: %d %q, want 303 %q", tc.method, tc.uri, tc.body, r.Status, header(r, "location"), tc.loc)
		}
	}
	if got := strings.Join(src.actions, ","); got != "be/web1 maint,be/web2 maint,be/web1 ready" {
		t.Errorf("actions: %s", got)
	}
	r = ServePage(cfg, PageRequest{Method: "GET", URI: "/st;st=DONE"}, src)
	if !strings.Contains(string(r.Body), `<p><div class=active_up><a class=lfsb href="/st" title="Remove this message">[X]</a> Action processed successfully.</div>`) {
		t.Error("no message for ;st=DONE")
	}
}
