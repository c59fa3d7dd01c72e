package golden

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	c := &Case{
		Name:     "b-case",
		Balance:  []string{"uri", "len", "5"},
		HashType: []string{"consistent", "wt6"},
		Servers:  []Server{{Name: "s1", Weight: 1}, {Name: "s2", Weight: 0, ID: 7, Backup: true, Disabled: true, Maxconn: 3}},
		Steps: []Step{
			{Req: &Request{Src: "127.0.0.9", Method: "POST", URI: "/a?b", Headers: [][2]string{{"Host", "x"}}, Body: "k=v", Hold: true}, Got: "s1"},
			{Cmd: "set weight be/s1 2"},
			{Close: 1},
			{Req: &Request{URI: "/"}, Got: NoServer},
		},
	}
	path := filepath.Join(dir, "b-case.json")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != len(c.Steps)+3 {
		t.Errorf("saved %d lines, want one per step plus 3:\n%s", n, data)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip changed the case:\n got %+v\nwant %+v", got, c)
	}

	a := *c
	a.Name = "a-case"
	if err := a.Save(filepath.Join(dir, "a-case.json")); err != nil {
		t.Fatal(err)
	}
	all, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Name != "a-case" || all[1].Name != "b-case" {
		t.Errorf("LoadDir did not return both cases in name order")
	}
}

func TestRequestHeader(t *testing.T) {
	r := Request{Headers: [][2]string{{"host", "a"}, {"Host", "b"}}}
	if v, ok := r.Header("HOST"); !ok || v != "a" {
		t.Errorf("Header(HOST) = %q, %v; want the first one", v, ok)
	}
	if _, ok := r.Header("X-Missing"); ok {
		t.Error("found a missing header")
	}
}

func TestSaveRefusesInvalidUTF8(t *testing.T) {
	c := &Case{Name: "bad", Balance: []string{"uri"}, Steps: []Step{{Req: &Request{Raw: "\xe0"}}}}
	if err := c.Save(filepath.Join(t.TempDir(), "bad.json")); err == nil {
		t.Error("saved a case whose bytes JSON cannot carry")
	}
}
