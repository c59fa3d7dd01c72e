package acl

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRefEditsFollowInMaps edits a map file's reference as the runtime
// API does and checks that the map built from it follows at once.
func TestRefEditsFollowInMaps(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hosts.map")
	if err := os.WriteFile(file, []byte("a.test be1\nb.test be2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := testContext(t)
	m, err := c.Env.LoadMap(c.Registry.Converter("map_str"), file, c.Context)
	if err != nil {
		t.Fatal(err)
	}
	mp := m.(*Map)
	lookup := func(k string) string {
		v, ok := mp.LookupString([]byte(k))
		if !ok {
			return ""
		}
		return v.Str
	}
	ref := c.Env.Lookup(true, file)
	if ref == nil || c.Env.Lookup(true, "#0") != ref || c.Env.Lookup(false, file) != nil {
		t.Fatalf("reference of %s not found by name and id", file)
	}
	if err := ref.Add(0, "c.test", "be3"); err != nil || lookup("c.test") != "be3" {
		t.Fatalf("add: %v, lookup %q", err, lookup("c.test"))
	}
	if found, _ := ref.Set("a.test", nil, "be9"); !found || lookup("a.test") != "be9" {
		t.Fatalf("set: lookup %q", lookup("a.test"))
	}
	if !ref.Delete("b.test", nil) || lookup("b.test") != "" || ref.Delete("b.test", nil) {
		t.Fatal("delete")
	}
	v := ref.Prepare()
	ref.Add(v, "d.test", "be4")
	if lookup("d.test") != "" {
		t.Fatal("an entry of the next version is visible before commit")
	}
	if ref.Commit(v+1) || !ref.Commit(v) || lookup("d.test") != "be4" || lookup("a.test") != "" {
		t.Fatal("commit")
	}
	if got := ref.Describe(); got != "("+file+") pattern loaded from file '"+file+"' used by map at file 'acl.cfg' line 8. curr_ver=1 next_ver=1 entry_cnt=1" {
		t.Errorf("describe: %q", got)
	}
}
