package stats_e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// seedStatsConfig maps haproxy-listen-stats.cfg onto loopback: the
// listeners on free ports, the servers on the test's origins, a stats
// socket for "show stat", and "stats admin if LOCALHOST" so that the
// page's admin form works for a local browser (the seed has no admin
// rule). "daemon" and the /dev/log target go: the test runs the proxy
// in the foreground.
func seedStatsConfig(t *testing.T, seed string) string {
	t.Helper()
	r := strings.NewReplacer(
		"    log /dev/log local0\n", "    stats socket {sock} level admin\n",
		"    daemon\n", "",
		"    log global\n", "",
		"bind 0.0.0.0:8080", "bind 127.0.0.1:{st}",
		"bind 0.0.0.0:80", "bind 127.0.0.1:{fe}",
		"192.168.88.78:80", "127.0.0.1:{web1}",
		"192.168.88.79:80", "127.0.0.1:{web2}",
		"    stats auth admin:admin", "    stats auth admin:admin\n    stats admin if LOCALHOST",
	)
	out := r.Replace(seed)
	for _, want := range []string{"{st}", "{fe}", "{web1}", "{web2}", "stats admin if LOCALHOST"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the seed changed: %q is not mapped", want)
		}
	}
	return out
}

// chromium runs headless Chromium with args and returns its output.
func chromium(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + t.TempDir()}
	out, err := exec.CommandContext(ctx, bin, append(base, args...)...).Output()
	if err != nil {
		t.Fatalf("chromium %v: %v", args, err)
	}
	return string(out)
}

var (
	rowRe    = regexp.MustCompile(`<tr class="([a-z_]+)">(?:<td>[^<]*</td>|<td><input[^>]*></td>)?<td class="ac"><a name="([^"]+)">`)
	hiddenRe = regexp.MustCompile(`<input type="hidden" name="b" value="(#\d+)">`)
)

// serverClasses maps each server row of a DOM to its class.
func serverClasses(dom string) map[string]string {
	m := map[string]string{}
	for _, mm := range rowRe.FindAllStringSubmatch(dom, -1) {
		if !strings.HasSuffix(mm[2], "/Frontend") && !strings.HasSuffix(mm[2], "/Backend") {
			m[mm[2]] = mm[1]
		}
	}
	return m
}

// statusClass is the row class the page gives a server "status".
func statusClass(status string, backup bool) string {
	kind := "active_"
	if backup {
		kind = "backup_"
	}
	switch {
	case strings.HasPrefix(status, "MAINT"):
		return "maintain"
	case status == "no check":
		return kind + "no_check"
	case status == "DRAIN":
		return kind + "draining"
	case status == "UP":
		return kind + "up"
	case status == "DOWN":
		return kind + "down"
	}
	return ""
}

// TestE2EStatsPage serves the seed's stats page: 401 with the realm
// without credentials, then the page in headless Chromium (screenshot
// in the test's artifact directory), every server row with the class of
// its state, the same rows and columns as 2.6's page for the same
// configuration, and a drain through the page's admin form that "show
// stat" then reports.
func TestE2EStatsPage(t *testing.T) {
	real := realBinary(t)
	ours := oursBinary(t)
	chrome := harness.NeedCmd(t, "chromium")
	seed, err := os.ReadFile(filepath.Join(harness.SharedDir(t), "seeds", "haproxy-listen-stats.cfg"))
	harness.Need(t, err == nil, "seed haproxy-listen-stats.cfg not found")
	o1, o2 := startOrigin(t, "web1"), startOrigin(t, "web2")
	fixed := map[string]string{"web1": o1.port(), "web2": o2.port()}
	run := func(name, bin string) (*proc, map[string]string) {
		cfg, ports := fillPorts(t, seedStatsConfig(t, string(seed)), fixed, "st", "fe")
		return startProc(t, name, bin, cfg), ports
	}
	rp, rports := run("haproxy 2.6", real)
	op, oports := run("hakeep", ours)
	for i := 0; i < 4; i++ {
		get(t, rports["fe"], "/")
		get(t, oports["fe"], "/")
	}

	// no credentials: 401 and the realm
	code, resp := get(t, oports["st"], "/status")
	if code != 401 || !strings.Contains(resp, "www-authenticate: Basic realm=\"HAProxy Statistics\"\r\n") {
		t.Fatalf("without credentials: %d\n%s", code, resp)
	}
	if _, rresp := get(t, rports["st"], "/status"); headOf(rresp) != headOf(resp) {
		t.Errorf("401 head differs:\nreal: %q\nours: %q", headOf(rresp), headOf(resp))
	}

	url := "http://admin:admin@127.0.0.1:" + oports["st"] + "/status"
	shot := filepath.Join(t.ArtifactDir(), "stats-page.png")
	chromium(t, chrome, "--window-size=1600,1000", "--screenshot="+shot, url)
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shot)
	dom := chromium(t, chrome, "--dump-dom", url)
	rdom := chromium(t, chrome, "--dump-dom", "http://admin:admin@127.0.0.1:"+rports["st"]+"/status")

	// every server of "show stat" has its row, with its state's class
	checkRows := func(dom string) map[string]string {
		classes := serverClasses(dom)
		_, rows, order := csvTable(t, op.mustCLI(t, "show stat"))
		n := 0
		for _, key := range order {
			f := rows[key]
			if f[1] == "FRONTEND" || f[1] == "BACKEND" {
				continue
			}
			n++
			want := statusClass(f[17], f[20] == "1")
			if got := classes[key]; got != want {
				t.Errorf("row %s: class %q, want %q for status %q", key, got, want, f[17])
			}
		}
		if n == 0 {
			t.Fatal("no server in show stat")
		}
		return classes
	}
	checkRows(dom)

	// the same tables, rows and columns as 2.6's page
	ra, rh, rc := anchors(rdom), headers(rdom), cellCounts(rdom)
	if len(ra) < 6 || rh == "" || len(rc) < 4 {
		t.Fatalf("2.6's page was not understood: %d anchors, %d rows", len(ra), len(rc))
	}
	t.Logf("page structure compared: %d anchors, %d rows %v, ours %v", len(ra), len(rc), rc, cellCounts(dom))
	if r, o := ra, anchors(dom); strings.Join(r, " ") != strings.Join(o, " ") {
		t.Errorf("anchors differ:\nreal: %v\nours: %v", r, o)
	}
	if r, o := rh, headers(dom); r != o {
		t.Errorf("column headers differ:\nreal: %s\nours: %s", r, o)
	}
	// every row has the cells of 2.6's, the check cells of the checked
	// servers included
	oc := cellCounts(dom)
	_, _, rorder0 := csvTable(t, rp.mustCLI(t, "show stat"))
	if len(rc) != len(oc) || len(rc) != len(rorder0) {
		t.Fatalf("rows: real %d, ours %d, show stat %d", len(rc), len(oc), len(rorder0))
	}
	for i, key := range rorder0 {
		if rc[i] != oc[i] {
			t.Errorf("row %s: %s cells, ours %s", key, rc[i], oc[i])
		}
	}

	// drain web1 as the browser posts the form
	b := hiddenRe.FindStringSubmatch(dom)
	if b == nil {
		t.Fatal("no admin form on the page")
	}
	post := func(port string) *http.Response {
		req, _ := http.NewRequest("POST", "http://127.0.0.1:"+port+"/status",
			strings.NewReader("s=web1&action=drain&b="+strings.ReplaceAll(b[1], "#", "%23")))
		req.SetBasicAuth("admin", "admin")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	r, o := post(rports["st"]), post(oports["st"])
	if o.StatusCode != 303 || o.Header.Get("Location") != "/status;st=DONE" {
		t.Fatalf("admin POST: %s, location %q", o.Status, o.Header.Get("Location"))
	}
	if r.StatusCode != o.StatusCode || r.Header.Get("Location") != o.Header.Get("Location") {
		t.Errorf("admin POST: real %s %q, ours %s %q", r.Status, r.Header.Get("Location"), o.Status, o.Header.Get("Location"))
	}
	_, rows, _ := csvTable(t, op.mustCLI(t, "show stat"))
	if st := rows["webservers/web1"][17]; st != "DRAIN" {
		t.Fatalf("after the drain, show stat says %q", st)
	}
	_, rrows, _ := csvTable(t, rp.mustCLI(t, "show stat"))
	if st := rrows["webservers/web1"][17]; st != "DRAIN" {
		t.Errorf("haproxy 2.6 after the drain: %q", st)
	}
	after := chromium(t, chrome, "--dump-dom", url+";st=DONE")
	if !strings.Contains(after, "Action processed successfully.") {
		t.Error("the page does not report the action")
	}
	if c := checkRows(after)["webservers/web1"]; c != "active_draining" {
		t.Errorf("web1's row after the drain: %q", c)
	}
}

// headOf is an answer's head without the Date-like parts.
func headOf(resp string) string {
	h, _, _ := strings.Cut(resp, "\r\n\r\n")
	return h
}

var (
	anchorRe = regexp.MustCompile(`<a name="([^"]+)">`)
	thRe     = regexp.MustCompile(`(?s)<tr class="titre"><th>Cur</th>.*?</tr>`)
	trRe     = regexp.MustCompile(`(?s)<tr class="(?:frontend|backend|socket|active_[a-z_]+|backup_[a-z_]+|maintain)">(.*?)</tr>`)
	tdRe     = regexp.MustCompile(`<td[ >]`)
	tipRe    = regexp.MustCompile(`(?s)<div class="tips">.*?</div>`)
)

func anchors(dom string) []string {
	var out []string
	for _, m := range anchorRe.FindAllStringSubmatch(dom, -1) {
		out = append(out, m[1])
	}
	return out
}

func headers(dom string) string { return strings.Join(thRe.FindAllString(dom, -1), "\n") }

// cellCounts is the number of top-level cells of each row, tooltips
// removed.
func cellCounts(dom string) []string {
	var out []string
	for _, m := range trRe.FindAllStringSubmatch(tipRe.ReplaceAllString(dom, ""), -1) {
		out = append(out, strconv.Itoa(len(tdRe.FindAllString(m[1], -1))))
	}
	return out
}
