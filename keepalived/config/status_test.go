package config

import (
	"strings"
	"testing"

	"hakeep/parser"
)

func TestKeywordDocs(t *testing.T) {
	docs := KeywordDocs()
	names := map[string]bool{}
	seen := map[string]bool{}
	for _, d := range docs {
		switch d.Status {
		case StatusImplemented, StatusNoEffect, StatusNotYet:
		default:
			t.Errorf("%s %s: status %q", d.Section, d.Keyword, d.Status)
		}
		if d.Note == "" {
			t.Errorf("%s %s: no note", d.Section, d.Keyword)
		}
		key := d.Section + " " + d.Keyword
		if seen[key] {
			t.Errorf("%s listed twice", key)
		}
		seen[key] = true
		names[d.Keyword] = true
	}
	// keepalived 2.2.7 as Debian builds it installs 334 distinct keyword
	// names (install_keyword and friends, without the ipset ones it is
	// built without); hakeep adds nat_mask.
	if len(names) < 335 {
		t.Errorf("%d distinct keywords, want at least 335", len(names))
	}
	for _, key := range []string{
		"top level global_defs", "global_defs router_id", "top level vrrp_instance",
		"vrrp_instance virtual_router_id", "vrrp_instance authentication auth_pass",
		"top level virtual_server", "virtual_server real_server", "virtual_server real_server HTTP_GET",
		"virtual_server real_server HTTP_GET url digest", "virtual_server real_server BFD_CHECK",
		"top level bfd_instance", "top level vrrp_track_process", "top level static_rules",
		"virtual_server real_server TCP_CHECK nb_get_retry",
	} {
		sect, kw := key[:strings.LastIndexByte(key, ' ')], key[strings.LastIndexByte(key, ' ')+1:]
		if !seen[strings.ReplaceAll(sect, " ", "/")+" "+kw] && !seen[key] {
			t.Errorf("%q not documented", key)
		}
	}
}

// TestNotesDoNotCount checks the promise of the package documentation:
// a keyword without effect yet gives one note, however often it is used,
// and notes never change the exit status of -t.
func TestNotesDoNotCount(t *testing.T) {
	src := `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 1
    track_src_ip
    virtual_ipaddress {
        10.0.0.1
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 2
    track_src_ip
    virtual_ipaddress {
        10.0.0.2
    }
}
`
	res := LoadSource("n.conf", []byte(src), Options{ConfigTest: true, Host: newFakeHost(), Parser: parser.KeepalivedOptions{ConfigID: "x"}})
	if res.TestExit != 0 {
		t.Fatalf("exit %d, messages %v", res.TestExit, res.Messages)
	}
	count := map[string]int{}
	for _, n := range res.Notes {
		count[n.Section+" "+n.Keyword]++
	}
	if len(res.Notes) == 0 {
		t.Fatal("no notes for keywords whose engine is missing")
	}
	for k, n := range count {
		if n != 1 {
			t.Errorf("%s noted %d times", k, n)
		}
	}
	if count["vrrp_instance track_src_ip"] != 1 {
		t.Errorf("track_src_ip not noted: %v", count)
	}
	if count["vrrp_instance virtual_router_id"] != 0 {
		t.Errorf("virtual_router_id, which the VRRP engine runs, noted: %v", count)
	}
}

func TestKeywordStatusFlipsInOnePlace(t *testing.T) {
	for _, c := range []struct {
		path   []string
		status string
		engine string
	}{
		{[]string{"global_defs", "tmp_config_directory"}, StatusNoEffect, ""},
		{[]string{"global_defs", "vrrp_garp_interval"}, StatusImplemented, "VRRP"},
		{[]string{"global_defs", "vrrp_min_garp"}, StatusImplemented, "VRRP"},
		{[]string{"global_defs", "vrrp_garp_extra_if"}, StatusNotYet, "VRRP"},
		{[]string{"global_defs", "lvs_timeouts"}, StatusImplemented, "IPVS"},
		{[]string{"global_defs", "nftables_ipvs"}, StatusNotYet, "IPVS and health checkers"},
		{[]string{"global_defs", "smtp_server"}, StatusImplemented, ""},
		{[]string{"global_defs", "include_check"}, StatusImplemented, ""},
		{[]string{"vrrp_instance", "priority"}, StatusImplemented, "VRRP"},
		{[]string{"vrrp_instance", "virtual_routes"}, StatusImplemented, "keepalived 2.2.7"},
		{[]string{"vrrp_instance", "virtual_rules"}, StatusImplemented, "keepalived 2.2.7"},
		{[]string{"static_routes"}, StatusImplemented, "keepalived 2.2.7"},
		{[]string{"static_track_group"}, StatusNotYet, "VRRP"},
		{[]string{"virtual_server", "real_server", "TCP_CHECK"}, StatusImplemented, "IPVS"},
		{[]string{"virtual_server", "real_server", "BFD_CHECK"}, StatusNotYet, "IPVS and health checkers"},
		{[]string{"bfd_instance", "min_rx"}, StatusNotYet, "BFD"},
	} {
		status, note := keywordStatus(c.path)
		if status != c.status || !strings.Contains(note, c.engine) {
			t.Errorf("%v: %s (%s), want %s naming %q", c.path, status, note, c.status, c.engine)
		}
	}
}
