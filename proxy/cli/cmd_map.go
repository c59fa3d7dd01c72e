package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hakeep/proxy/acl"
)

// The map and acl commands (cli_parse_*_map() in src/map.c): they act on
// the pattern references of map and ACL files and of acl lines; maps and
// ACLs built from a reference follow its changes at once. 2.6 asks no
// level for them.

// refKind is "map" or "acl" as the command names it.
type refKind struct {
	maps    bool
	word    string // "map" or "acl"
	unknown string
}

func kindOf(c *call) refKind {
	if c.arg(1) == "acl" {
		return refKind{word: "acl", unknown: "Unknown ACL identifier. Please use #<id> or <file>.\n"}
	}
	return refKind{maps: true, word: "map", unknown: "Unknown map identifier. Please use #<id> or <file>.\n"}
}

// verArg reads an "@<ver>" argument at position i: the version, and the
// shift of the arguments after it.
func verArg(c *call, i int) (ver uint32, shift int, ok bool) {
	a := c.arg(i)
	if !strings.HasPrefix(a, "@") {
		return 0, 0, false
	}
	v, _ := strconv.ParseUint(leadingDigits(a[1:]), 10, 32)
	return uint32(v), 1, true
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func (a *API) ref(k refKind, name string) *acl.Ref {
	if a.opt.Patterns == nil || name == "" {
		return nil
	}
	return a.opt.Patterns.Lookup(k.maps, name)
}

// showMap is "show map|acl [@<ver>] [<ref>]".
func (a *API) showMap(c *call) string {
	k := kindOf(c)
	ver, shift, hasVer := verArg(c, 2)
	name := c.arg(2 + shift)
	if name == "" {
		var b strings.Builder
		b.WriteString("# id (file) description\n")
		if a.opt.Patterns != nil {
			for _, r := range a.opt.Patterns.Refs(k.maps) {
				fmt.Fprintf(&b, "%d %s\n", r.ID, r.Describe())
			}
		}
		return b.String()
	}
	r := a.ref(k, name)
	if r == nil {
		return k.unknown
	}
	if !hasVer {
		ver, _ = r.Versions()
	}
	var b strings.Builder
	for _, en := range r.Entries(ver) {
		if k.maps {
			fmt.Fprintf(&b, "%s %s %s\n", acl.EntryID(en), en.Key, en.Value)
		} else {
			fmt.Fprintf(&b, "%s %s\n", acl.EntryID(en), en.Key)
		}
	}
	return b.String()
}

// getMap is "get map|acl <ref> <value>".
func (a *API) getMap(c *call) string {
	k := kindOf(c)
	if c.arg(2) == "" || c.arg(3) == "" {
		if k.maps {
			return "Missing map identifier and/or key.\n"
		}
		return "Missing ACL identifier and/or key.\n"
	}
	r := a.ref(k, c.arg(2))
	if r == nil {
		return k.unknown
	}
	var b strings.Builder
	for _, m := range r.Lookup(c.arg(3)) {
		cs := "sensitive"
		if m.ICase {
			cs = "insensitive"
		}
		word := "match"
		if k.maps {
			word = "found"
		}
		if !m.Found {
			fmt.Fprintf(&b, "type=%s, case=%s, %s=no\n", m.Method, cs, word)
			continue
		}
		idx := "list"
		if m.Tree {
			idx = "tree"
		}
		if k.maps {
			fmt.Fprintf(&b, "type=%s, case=%s, found=yes, idx=%s, key=\"%s\", value=\"%s\", type=\"%s\"\n",
				m.Method, cs, idx, m.Entry.Key, m.Entry.Value, m.Out)
		} else {
			fmt.Fprintf(&b, "type=%s, case=%s, match=yes, idx=%s, pattern=\"%s\"\n", m.Method, cs, idx, m.Entry.Key)
		}
	}
	return b.String()
}

// addMap is "add map|acl [@<ver>] <ref> <key> [<value>]", or the entries
// of the payload, one per line.
func (a *API) addMap(c *call) string {
	k := kindOf(c)
	ver, shift, hasVer := verArg(c, 2)
	name := c.arg(2 + shift)
	if k.maps {
		if name == "" || (c.payload == "" && (c.arg(3+shift) == "" || c.arg(4+shift) == "")) {
			return "'add map' expects three parameters (map identifier, key and value) or one parameter (map identifier) and a payload\n"
		}
	} else if name == "" || (c.payload == "" && c.arg(3+shift) == "") {
		return "'add acl' expects two parameters: ACL identifier and pattern.\n"
	}
	r := a.ref(k, name)
	if r == nil {
		return k.unknown
	}
	cur, next := r.Versions()
	if !hasVer {
		ver = cur
	} else if int32(ver-next) > 0 {
		return "Version number in the future, please use 'prepare " + k.word + "' before.\n"
	}
	add := func(key, value string) string {
		if err := r.Add(ver, key, value); err != nil {
			var ee *acl.EntryError
			if errors.As(err, &ee) {
				return ee.Msg + ".\nFailed to add an entry.\n"
			}
			return err.Error() + "\n"
		}
		return ""
	}
	if c.payload == "" {
		return add(c.arg(3+shift), c.arg(4+shift))
	}
	for _, line := range strings.Split(c.payload, "\n") {
		line = strings.TrimLeft(line, " \t")
		if line == "" {
			continue
		}
		key, value := line, ""
		if k.maps {
			if i := strings.IndexAny(line, " \t"); i >= 0 {
				key, value = line[:i], strings.TrimLeft(line[i:], " \t")
			}
		}
		if msg := add(key, value); msg != "" {
			return msg
		}
	}
	return ""
}

// entryArg is a key, or "#<ptr>" naming one entry as "show map" prints
// it.
func entryArg(r *acl.Ref, arg string) (key string, en *acl.RefEntry, ok bool) {
	if strings.HasPrefix(arg, "#") {
		en = r.Find(arg[1:])
		return "", en, en != nil
	}
	return arg, nil, true
}

// delMap is "del map|acl <ref> <key>|#<ptr>".
func (a *API) delMap(c *call) string {
	k := kindOf(c)
	if c.arg(2) == "" || c.arg(3) == "" {
		if k.maps {
			return "This command expects two parameters: map identifier and key.\n"
		}
		return "This command expects two parameters: ACL identifier and key.\n"
	}
	r := a.ref(k, c.arg(2))
	if r == nil {
		return k.unknown
	}
	key, en, ok := entryArg(r, c.arg(3))
	if !ok || !r.Delete(key, en) {
		return "Key not found.\n"
	}
	return ""
}

// setMap is "set map <ref> <key>|#<ptr> <value>".
func (a *API) setMap(c *call) string {
	k := kindOf(c)
	if c.arg(2) == "" || c.arg(3) == "" || c.arg(4) == "" {
		return "'set map' expects three parameters: map identifier, key and value.\n"
	}
	r := a.ref(k, c.arg(2))
	if r == nil {
		return k.unknown
	}
	key, en, ok := entryArg(r, c.arg(3))
	if !ok {
		return "entry not found.\n"
	}
	found, err := r.Set(key, en, c.arg(4))
	if err != nil {
		return err.Error() + ".\n"
	}
	if !found {
		return "entry not found.\n"
	}
	return ""
}

// clearMap is "clear map|acl [@<ver>] <ref>".
func (a *API) clearMap(c *call) string {
	k := kindOf(c)
	ver, shift, hasVer := verArg(c, 2)
	name := c.arg(2 + shift)
	if name == "" {
		if k.maps {
			return "Missing map identifier.\n"
		}
		return "Missing ACL identifier.\n"
	}
	r := a.ref(k, name)
	if r == nil {
		return k.unknown
	}
	if !hasVer {
		ver, _ = r.Versions()
	}
	r.Clear(ver)
	return ""
}

// prepareMap is "prepare map|acl <ref>".
func (a *API) prepareMap(c *call) string {
	k := kindOf(c)
	r := a.ref(k, c.arg(2))
	if r == nil {
		return k.unknown
	}
	return fmt.Sprintf("New version created: %d\n", r.Prepare())
}

// commitMap is "commit map|acl @<ver> <ref>".
func (a *API) commitMap(c *call) string {
	k := kindOf(c)
	ver, _, hasVer := verArg(c, 2)
	if !hasVer {
		return "Missing version number.\n"
	}
	r := a.ref(k, c.arg(3))
	if r == nil {
		return k.unknown
	}
	if !r.Commit(ver) {
		return "Version number out of range.\n"
	}
	return ""
}
