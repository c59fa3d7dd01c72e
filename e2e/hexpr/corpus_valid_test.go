package hexpr

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/proxy/acl"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

// condTrue evaluates the few .if predicates the corpus uses, as Debian's
// haproxy 2.6.12 (OpenSSL 3.0, threads, no QUIC) would.
func condTrue(expr string) bool {
	neg := strings.HasPrefix(expr, "!")
	expr = strings.TrimPrefix(expr, "!")
	v := false
	switch {
	case expr == "feature(THREAD)", expr == "feature(OPENSSL)", expr == "feature(LUA)":
		v = true
	case strings.HasPrefix(expr, "openssl_version_atleast("):
		v = expr <= "openssl_version_atleast(3.0.9)"
	case strings.HasPrefix(expr, "openssl_version_before("):
		v = false
	}
	return v != neg
}

// TestCorpusValidLines parses every acl and rule line of the corpus
// configurations haproxy 2.6.12 accepts: none may be rejected.
func TestCorpusValidLines(t *testing.T) {
	dir := filepath.Join(harness.SharedDir(t), "corpus")
	tsv, err := os.ReadFile(filepath.Join(dir, "haproxy.expect.tsv"))
	harness.Need(t, err == nil, fmt.Sprintf("no corpus: %v", err))
	reg := sample.NewRegistry()
	base := filepath.Join(dir, "haproxy")
	files, lines, bad := 0, 0, 0
	for _, row := range strings.Split(string(tsv), "\n")[1:] {
		cols := strings.Split(row, "\t")
		if len(cols) < 2 || (cols[1] != "0" && cols[1] != "2") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(base, cols[0]))
		if err != nil {
			continue
		}
		files++
		env := acl.NewEnv()
		env.Resolve = nil
		read := func(name string) ([]byte, error) {
			if !filepath.IsAbs(name) {
				name = filepath.Join(base, name)
			}
			return os.ReadFile(name)
		}
		var rc *rules.Context
		var lua *sample.Lua
		defMode := "tcp"
		var skip []bool
		for n, raw := range strings.Split(string(data), "\n") {
			w := splitWords(strings.TrimSpace(raw))
			if len(w) == 0 || strings.HasPrefix(w[0], "#") {
				continue
			}
			switch w[0] {
			case ".if":
				skip = append(skip, !condTrue(strings.Join(w[1:], "")))
				continue
			case ".else":
				skip[len(skip)-1] = !skip[len(skip)-1]
				continue
			case ".endif":
				skip = skip[:len(skip)-1]
				continue
			}
			if len(skip) > 0 && skip[len(skip)-1] {
				continue
			}
			switch w[0] {
			case "lua-load", "lua-load-per-thread":
				if src, err := read(w[1]); err == nil {
					if lua == nil {
						lua = &sample.Lua{}
					}
					lua.ScanLua(src)
				}
				continue
			case "frontend", "backend", "listen", "defaults":
				name := ""
				if len(w) > 1 && w[1] != "from" {
					name = w[1]
				}
				cp := map[string]sample.Cap{"frontend": sample.CapFE, "backend": sample.CapBE,
					"listen": sample.CapFE | sample.CapBE, "defaults": sample.CapFE | sample.CapBE | sample.CapDef}[w[0]]
				sc := &sample.Context{Registry: reg, Proxy: name, Cap: cp, File: cols[0], ReadFile: read, Maps: env, Lua: lua}
				rc = &rules.Context{Context: &acl.Context{Context: sc, Env: env, ACLs: acl.NewSet()},
					HTTP: defMode == "http", State: rules.NewState(), Experimental: strings.Contains(string(data), "expose-experimental-directives")}
				continue
			case "global", "userlist", "peers", "resolvers", "cache", "ring", "http-errors", "program", "mailers", "crt-store", "log-forward":
				rc = nil
				continue
			case "mode":
				if rc != nil && len(w) > 1 {
					rc.HTTP = w[1] == "http"
					if rc.Cap&sample.CapDef != 0 {
						defMode = w[1]
					}
				}
				continue
			}
			if rc == nil || !(w[0] == "acl" || rules.Handles(w[0])) {
				continue
			}
			rc.Line = n + 1
			lines++
			if w[0] == "acl" {
				_, err = acl.Declare(w[1:], rc.Context)
			} else {
				_, err = rules.Parse(w, rc)
			}
			if err != nil {
				bad++
				t.Errorf("%s:%d: %q rejected: %v", cols[0], n+1, strings.TrimSpace(raw), err)
			}
		}
	}
	t.Logf("%d files, %d acl and rule lines, %d rejected", files, lines, bad)
}
