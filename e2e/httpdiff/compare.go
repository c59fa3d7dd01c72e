package httpdiff

import (
	"fmt"
	"strings"
)

// maxDiffLines bounds a printed diff; the first differences explain the
// rest.
const maxDiffLines = 25

// diff compares two recordings key by key and returns one line per
// difference ("" when they are identical). Keys are unique, so an entry
// missing on one side shows as "(none)".
func diff(aName string, a *Recording, bName string, b *Recording) string {
	av, bv := index(a), index(b)
	var keys []string
	seen := map[string]bool{}
	for _, r := range []*Recording{a, b} {
		for _, e := range r.Entries {
			if !seen[e.Key] {
				seen[e.Key] = true
				keys = append(keys, e.Key)
			}
		}
	}
	var out []string
	for _, k := range keys {
		x, xok := av[k]
		y, yok := bv[k]
		if x == y && xok == yok {
			continue
		}
		if len(out) == maxDiffLines {
			out = append(out, "...")
			break
		}
		out = append(out, fmt.Sprintf("%s:\n\t%-5s %s\n\t%-5s %s", k, aName, show(x, xok), bName, show(y, yok)))
	}
	return strings.Join(out, "\n")
}

func index(r *Recording) map[string]string {
	m := make(map[string]string, len(r.Entries))
	for _, e := range r.Entries {
		m[e.Key] = e.Value
	}
	return m
}

// show abbreviates long values (bodies of tune.bufsize tests).
func show(v string, ok bool) string {
	if !ok {
		return "(none)"
	}
	if len(v) > 300 {
		return fmt.Sprintf("%s...(%d bytes)...%s", v[:200], len(v), v[len(v)-60:])
	}
	return v
}

// missingWants returns the case's Want lines that rec does not contain.
func missingWants(c *Case, rec *Recording) []string {
	s := rec.String()
	var out []string
	for _, w := range c.Want {
		if !strings.Contains(s, w) {
			out = append(out, w)
		}
	}
	return out
}
