package sample

import "testing"

func TestScanLua(t *testing.T) {
	var l Lua
	l.ScanLua([]byte(`
core.register_fetches('get_srv_stats', lua_get_srv_stats)
core.register_converters("rev", function(s) return s:reverse() end)
core.register_action("test", {"tcp-req"}, test, 0)
core.register_action("two", { "http-req", "http-res" }, function(txn, a, b) end, 2)
core.register_service("fakeserv", "http", function(applet)
`))
	if !l.Fetches["get_srv_stats"] || !l.Converters["rev"] || l.Services["fakeserv"] != "http" {
		t.Fatalf("%+v", l)
	}
	if a := l.Actions["two"]; len(a.Sets) != 2 || a.NArgs != 2 {
		t.Errorf("two: %+v", a)
	}
	c := &Context{Registry: NewRegistry(), Lua: &l}
	if _, _, err := c.ParseExpr([]string{"lua.get_srv_stats(s1),lua.rev"}, 0); err != nil {
		t.Error(err)
	}
	if _, _, err := c.ParseExpr([]string{"lua.nope"}, 0); err == nil || err.Error() != "unknown fetch method 'lua.nope'" {
		t.Error(err)
	}
}
