package hexpr

import (
	"fmt"
	"strings"
)

// A case is one or more lines placed in one section of a fixed
// configuration: sec is fe (frontend), be (backend with a stick-table),
// li (listen), de (named defaults) or da (anonymous defaults).
type diffCase struct {
	sec, mode string
	lines     []string
	src       string // the case as written in the table
}

// parseCases reads the table: "sec[:mode]<TAB>line[ ;; line...]".
func parseCases(text string) []diffCase {
	var out []diffCase
	for _, raw := range strings.Split(text, "\n") {
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		sec, rest, ok := strings.Cut(raw, "\t")
		if !ok {
			continue
		}
		mode := "http"
		if s, m, ok := strings.Cut(sec, ":"); ok {
			sec, mode = s, m
		}
		out = append(out, diffCase{sec: sec, mode: mode, lines: strings.Split(rest, " ;; "), src: raw})
	}
	return out
}

const head = `userlist ul
  user u insecure-password p
  group g users u
cache c1
  total-max-size 4
resolvers r1
  nameserver ns1 127.0.0.1:53
defaults
  timeout client 1s
  timeout server 1s
  timeout connect 1s
`

// build returns the configuration text and the line number of each of
// the case's lines.
func (dc diffCase) build() (string, []int) {
	var b strings.Builder
	b.WriteString(head)
	line := strings.Count(head, "\n")
	emit := func(s string) { b.WriteString(s + "\n"); line++ }
	var nums []int
	body := func() {
		for _, l := range dc.lines {
			emit("  " + l)
			nums = append(nums, line)
		}
	}
	backends := func(withBody bool) {
		emit("backend be")
		emit("  mode " + dc.mode)
		emit("  stick-table type ip size 1k store gpc0,gpc1,gpt0,http_req_rate(10s)")
		if withBody {
			body()
		}
		emit("  server s1 127.0.0.1:1")
		emit("backend be2")
		emit("  mode " + dc.mode)
		emit("  server s1 127.0.0.1:1")
	}
	switch dc.sec {
	case "fe":
		emit("frontend fe")
		emit("  mode " + dc.mode)
		emit("  bind 127.0.0.1:8080")
		body()
		emit("  default_backend be")
		backends(false)
	case "be":
		emit("frontend fe")
		emit("  mode " + dc.mode)
		emit("  bind 127.0.0.1:8080")
		emit("  default_backend be")
		backends(true)
	case "li":
		emit("listen li")
		emit("  mode " + dc.mode)
		emit("  bind 127.0.0.1:8080")
		body()
		emit("  server s1 127.0.0.1:1")
		backends(false)
	case "de", "da":
		if dc.sec == "de" {
			emit("defaults d")
		} else {
			emit("defaults")
		}
		emit("  mode " + dc.mode)
		body()
		if dc.sec == "de" {
			// The proxies below inherit from a fresh defaults section, so
			// that the named one holding the rules is only parsed.
			emit("defaults")
			emit("  mode " + dc.mode)
			emit("  timeout client 1s")
			emit("  timeout server 1s")
			emit("  timeout connect 1s")
		}
		emit("frontend fe")
		emit("  bind 127.0.0.1:8080")
		emit("  default_backend be")
		backends(false)
	default:
		panic(fmt.Sprintf("unknown section %q", dc.sec))
	}
	return b.String(), nums
}
