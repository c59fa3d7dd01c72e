package config

import (
	"testing"

	"hakeep/parser"
)

func TestTestExitCode(t *testing.T) {
	for _, c := range []struct {
		classes []Class
		want    int
	}{
		{nil, 0},
		{[]Class{ClassOK}, 0},
		{[]Class{ClassFileNotFound}, 4},
		{[]Class{ClassBadIf, ClassOK}, 4},
		{[]Class{ClassFatal}, 4},
		{[]Class{ClassUnknownKeyword}, 5},
		{[]Class{ClassBadIf, ClassUnknownKeyword}, 5},
		{[]Class{ClassWarning}, 5},
		{[]Class{ClassSecurity, ClassGeneral}, 6},
		{[]Class{ClassMultipleFiles}, 5},
	} {
		var msgs []Message
		for _, cl := range c.classes {
			msgs = append(msgs, Message{Class: cl})
		}
		// What keepalived only logs never counts.
		msgs = append(msgs, Message{Class: ClassSecurity, LogOnly: true})
		if got := TestExitCode(msgs); got != c.want {
			t.Errorf("%v: exit %d, want %d", c.classes, got, c.want)
		}
	}
}

func TestMessageString(t *testing.T) {
	pos := parser.Pos{File: "a.conf", Line: 3, Col: 5}
	for _, c := range []struct {
		m    Message
		want string
	}{
		{Message{Pos: pos, ShowFile: true, Text: "x"}, "(a.conf: Line 3) x"},
		{Message{Pos: pos, Text: "x"}, "(Line 3) x"},
		{Message{Text: "x"}, "x"},
	} {
		if got := c.m.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.m, got, c.want)
		}
	}
}

func TestLoadStops(t *testing.T) {
	host := newFakeHost()
	res := Load("/nonexistent/keepalived.conf", Options{ConfigTest: true, Host: host})
	if !res.Stopped || !res.NoConfig || res.TestExit != 0 || len(res.Messages) != 1 ||
		res.Messages[0].String() != "Config files missing '/nonexistent/keepalived.conf'." {
		t.Errorf("missing file: %+v", res)
	}
	res = Load("/nonexistent/keepalived.conf", Options{ConfigTest: true, Host: host, Parser: parser.KeepalivedOptions{IncludeCheckAll: true}})
	if res.TestExit != 4 {
		t.Errorf("missing file with -e: exit %d, want 4", res.TestExit)
	}
	// A missing parameter ends keepalived at once with status 2.
	res = LoadSource("m.conf", []byte("virtual_server 10.0.0.1 80 {\n  delay_loop\n}\n"), Options{ConfigTest: true, Host: host})
	if res.TestExit != 2 || !res.Stopped {
		t.Errorf("missing parameter: exit %d, stopped %v: %v", res.TestExit, res.Stopped, res.Messages)
	}
	// A namespace that cannot be entered (net_namespace, or -s over it)
	// makes keepalived exit 0 once the parent has read the file.
	src := []byte("net_namespace blue\nfoo\n")
	res = LoadSource("ns.conf", src, Options{ConfigTest: true, Host: host})
	if res.TestExit != 0 || !res.Stopped {
		t.Errorf("net_namespace: exit %d, stopped %v", res.TestExit, res.Stopped)
	}
	res = LoadSource("ns.conf", []byte("foo\n"), Options{ConfigTest: true, Host: host, Namespace: "red"})
	if res.TestExit != 0 || !res.Stopped || res.Config.Global.NetNamespace != "red" {
		t.Errorf("-s: exit %d, stopped %v, namespace %q", res.TestExit, res.Stopped, res.Config.Global.NetNamespace)
	}
	// Prior complaints of the command line count.
	res = LoadSource("ok.conf", []byte("global_defs {\n  router_id a\n}\n"), Options{ConfigTest: true, Host: host,
		Prior: []Message{{Class: ClassInvalidNumber, Text: "invalid number 'user'"}}})
	if res.TestExit != 5 || len(res.Messages) != 0 {
		t.Errorf("prior: exit %d, messages %v", res.TestExit, res.Messages)
	}
}

// TestUnnamedInstanceAtEnd: a vrrp_instance without a name as the last
// line is refused, and the reading ends without running its close
// handler (2.2.7 runs it on an empty list).
func TestUnnamedInstanceAtEnd(t *testing.T) {
	res := LoadSource("u.conf", []byte("vrrp_instance\n"), Options{ConfigTest: true, Host: newFakeHost()})
	if res.TestExit != 5 || len(res.Messages) != 1 || res.Messages[0].String() != "(u.conf: Line 1) vrrp_instance must have a name" {
		t.Errorf("exit %d, messages %v", res.TestExit, res.Messages)
	}
}
