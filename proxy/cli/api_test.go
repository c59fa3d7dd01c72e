package cli

import (
	"errors"
	"os"
	"strings"
	"testing"

	"hakeep/proxy"
	"hakeep/proxy/stats"
	"hakeep/proxy/stick"
)

// fakeRuntime is an engine with one backend "be" holding "web1"; its
// server records what the commands asked.
type fakeRuntime struct {
	srv   *fakeServer
	added []*proxy.Server
}

func (f *fakeRuntime) StatsProxies() []*stats.Proxy { return nil }
func (f *fakeRuntime) StatsProcess(*stats.Process)  {}
func (f *fakeRuntime) Frontend(string) Frontend     { return nil }
func (f *fakeRuntime) Backend(name string) Backend {
	if name == "be" {
		return &fakeBackend{f}
	}
	return nil
}
func (f *fakeRuntime) BackendNames() []string   { return []string{"be"} }
func (f *fakeRuntime) MaxConn() int             { return 100 }
func (f *fakeRuntime) SetMaxConn(int)           {}
func (f *fakeRuntime) HardMaxConn() int         { return 100 }
func (f *fakeRuntime) SetRateLimit(string, int) {}
func (f *fakeRuntime) Sessions() []Session      { return nil }
func (f *fakeRuntime) KillSession(uint64) bool  { return false }
func (f *fakeRuntime) ClearCounters(bool)       {}
func (f *fakeRuntime) Tables() []*stick.Table   { return nil }
func (f *fakeRuntime) NowMs() int64             { return 0 }
func (b *fakeBackend) Name() string             { return "be" }
func (b *fakeBackend) ID() int                  { return 2 }
func (b *fakeBackend) Servers() []Server        { return []Server{b.f.srv} }

type fakeBackend struct{ f *fakeRuntime }

func (b *fakeBackend) AddServer(s *proxy.Server, enabled bool) error {
	b.f.added = append(b.f.added, s)
	return nil
}

func (b *fakeBackend) DelServer(name string) error {
	if name != "web1" {
		return errors.New("No such server.")
	}
	return nil
}

func (b *fakeBackend) Server(name string) Server {
	if name == "web1" {
		return b.f.srv
	}
	return nil
}

type fakeServer struct {
	Server // the methods a test does not expect panic
	admin  string
}

func (s *fakeServer) SetAdmin(st string) error { s.admin = st; return nil }
func (s *fakeServer) Weight() (int, int)       { return 3, 1 }

func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	// the recordings hold the empty line the session adds
	return strings.TrimSuffix(string(b), "\n")
}

// TestUsageMessages compares help and the suggestions for unknown
// commands with 2.6.12's answers.
func TestUsageMessages(t *testing.T) {
	a := New(&fakeRuntime{srv: &fakeServer{}}, Options{})
	for _, tc := range []struct{ cmd, file string }{
		{"help", "help.txt"},
		{"foo", "unknown_foo.txt"},
		{"show frontend", "unknown_show_frontend.txt"},
		{"set maxconn", "unknown_set_maxconn.txt"},
		{"help show serv", "help_show_serv.txt"},
		{"get wieght", "unknown_get_wieght.txt"},
	} {
		got := a.Run(strings.Fields(tc.cmd), "", LevelAdmin)
		if want := golden(t, tc.file); got != want {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s", tc.cmd, got, want)
		}
	}
}

// TestServerLookup checks the answers of a server's address and the
// level checks, which change nothing when they refuse.
func TestServerLookup(t *testing.T) {
	srv := &fakeServer{}
	a := New(&fakeRuntime{srv: srv}, Options{})
	for _, tc := range []struct {
		cmd   string
		level Level
		want  string
	}{
		{"set server be state drain", LevelAdmin, "Require 'backend/server'.\n"},
		{"set server /web1 state drain", LevelAdmin, "Require 'backend/server'.\n"},
		{"set server nobe/web1 state drain", LevelAdmin, "No such backend.\n"},
		{"set server be/nope state drain", LevelAdmin, "No such server.\n"},
		{"set server be/web1 state drain", LevelOperator, "Permission denied\n"},
		{"get weight /web1", LevelUser, "No such backend.\n"},
		{"get weight be/", LevelUser, "Require 'backend/server'.\n"},
		{"get weight be/web1", LevelUser, "3 (initial 1)\n"},
		{"set server be/web1 foo", LevelAdmin, "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send | check-addr | check-port | fqdn | health | ssl | state | weight\n"},
		{"set rate-limit connections local 1", LevelAdmin, rateLimitUsage},
		{"set maxconn global", LevelAdmin, "Expects an integer value.\n"},
		{"set maxconn global 101", LevelAdmin, "Value out of range.\n"},
		{"show servers state nope", LevelAdmin, "Can't find backend.\n"},
		{"shutdown session", LevelAdmin, "Session pointer expected (use 'show sess').\n"},
		{"shutdown session 0x1", LevelAdmin, "No such session (use 'show sess').\n"},
		{"show sess", LevelUser, "Permission denied\n"},
	} {
		if got := a.Run(strings.Fields(tc.cmd), "", tc.level); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.cmd, got, tc.want)
		}
	}
	if srv.admin != "" {
		t.Errorf("a refused command changed the server's state to %q", srv.admin)
	}
	if got := a.Run(strings.Fields("set server be/web1 state drain"), "", LevelAdmin); got != "" || srv.admin != "drain" {
		t.Errorf("set server state drain: %q, state %q", got, srv.admin)
	}
}

// TestSuggestions replays mistyped commands against 2.6.12's choices
// (testdata/fuzzy.tsv: the words typed after "help", then the commands
// 2.6.12 listed up to their first colon, separated by \x1e).
func TestSuggestions(t *testing.T) {
	a := New(&fakeRuntime{srv: &fakeServer{}}, Options{})
	b, err := os.ReadFile("testdata/fuzzy.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		q, want, _ := strings.Cut(line, "\t")
		var got []string
		for _, l := range strings.Split(a.Run(append([]string{"help"}, strings.Fields(q)...), "", LevelAdmin), "\n")[1:] {
			if l == "" || strings.HasPrefix(l, "  help [") || strings.HasPrefix(l, "  prompt ") || strings.HasPrefix(l, "  quit ") {
				continue
			}
			// the recording cut each line at its first colon
			u, _, _ := strings.Cut(strings.TrimPrefix(l, "  "), ":")
			got = append(got, strings.TrimRight(u, " "))
		}
		var w []string
		for _, u := range strings.Split(want, "\x1e") {
			if u != "" {
				w = append(w, strings.TrimRight(u, " "))
			}
		}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("help %s:\ngot  %q\nwant %q", q, got, w)
		}
		n++
	}
	t.Logf("%d mistyped commands compared", n)
}
