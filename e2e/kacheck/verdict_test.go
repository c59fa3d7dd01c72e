package kacheck

import (
	"regexp"
	"strings"
)

// verdict is what `keepalived -t` said about a configuration: its exit
// status and its first message.
type verdict struct {
	exit  int
	first string
}

// place is where a message points: keepalived writes "(file: Line N)"
// or "(Line N)" before it; messages after the end of the input have none.
type place struct {
	file string
	line string
}

var placeRE = regexp.MustCompile(`^\((?:(.*): )?Line (\d+)\) `)

func placeOf(msg string) place {
	m := placeRE.FindStringSubmatch(msg)
	if m == nil {
		return place{}
	}
	return place{file: m[1], line: m[2]}
}

func (p place) String() string {
	switch {
	case p.line == "":
		return "no place"
	case p.file == "":
		return "line " + p.line
	}
	return p.file + ":" + p.line
}

// keepalivedLines are the lines of stderr that are keepalived's: hakeep
// adds notes about keywords it does not implement yet, prefixed
// "hakeep: ", after them (keepalived/config's package documentation).
func keepalivedLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if l == "" || strings.HasPrefix(l, "hakeep: ") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func verdictOf(stderr string, exit int) verdict {
	v := verdict{exit: exit}
	if ls := keepalivedLines(stderr); len(ls) > 0 {
		v.first = ls[0]
	}
	return v
}

// agrees says whether our verdict is the real one's: same exit status,
// a first message when and only when the real one printed one, at the
// same place.
func (v verdict) agrees(real verdict) bool {
	if v.exit != real.exit || (v.first == "") != (real.first == "") {
		return false
	}
	return placeOf(v.first) == placeOf(real.first)
}
