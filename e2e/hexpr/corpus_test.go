package hexpr

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hakeep/e2e/harness"
	"hakeep/proxy/acl"
	"hakeep/proxy/rules"
	"hakeep/proxy/sample"
)

var placeRe = regexp.MustCompile(`^[Pp]arsing \[([^:\]]+):(\d+)\] ?: `)

// TestCorpusFirstAlerts replays the lines of the shared corpus whose
// first alert (recorded from haproxy 2.6.12) is about a rule, an ACL or a
// sample expression: the line is parsed in its section, after the
// section's earlier acl lines, and our message must be haproxy's.
func TestCorpusFirstAlerts(t *testing.T) {
	dir := filepath.Join(harness.SharedDir(t), "corpus")
	tsv, err := os.ReadFile(filepath.Join(dir, "haproxy.expect.tsv"))
	harness.Need(t, err == nil, fmt.Sprintf("no corpus: %v", err))
	reg := sample.NewRegistry()
	pass, fail, tried := 0, 0, 0
	for _, row := range strings.Split(string(tsv), "\n")[1:] {
		cols := strings.Split(row, "\t")
		if len(cols) < 3 || cols[1] == "0" {
			continue
		}
		alert := strings.TrimPrefix(cols[2], "[ALERT] : config : ")
		m := placeRe.FindStringSubmatch(alert)
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		sec, lines, ok := sectionOf(filepath.Join(dir, "haproxy", cols[0]), line)
		if !ok {
			continue
		}
		words := splitWords(lines[len(lines)-1])
		if len(words) == 0 || !(rules.Handles(words[0]) || words[0] == "acl") {
			continue
		}
		tried++
		got := replay(sec, lines, line, reg, filepath.Base(m[1]))
		want := alert
		if got == want {
			pass++
			continue
		}
		fail++
		t.Errorf("%s:\n want %q\n got  %q", cols[0], want, got)
	}
	t.Logf("%d passed, %d failed (of %d corpus alerts about rules and ACLs)", pass, fail, tried)
}

// section describes the proxy section holding a line.
type section struct {
	kind, name, mode string
}

// sectionOf returns the section of line n of a configuration, the acl
// lines before it in that section, and the line itself (last).
func sectionOf(path string, n int) (section, []string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return section{}, nil, false
	}
	defer f.Close()
	var sec section
	defMode := "tcp"
	var acls []string
	i := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		i++
		raw := strings.TrimSpace(sc.Text())
		w := splitWords(raw)
		if len(w) > 0 {
			switch w[0] {
			case "frontend", "backend", "listen", "defaults":
				sec = section{kind: w[0], mode: defMode}
				if len(w) > 1 {
					sec.name = w[1]
				}
				acls = nil
			case "global", "userlist", "peers", "resolvers", "cache", "ring", "http-errors", "program", "mailers":
				sec = section{}
			case "mode":
				if sec.kind != "" && len(w) > 1 {
					sec.mode = w[1]
					if sec.kind == "defaults" {
						defMode = w[1]
					}
				}
			case "acl":
				if i < n {
					acls = append(acls, raw)
				}
			}
		}
		if i == n {
			return sec, append(acls, raw), sec.kind != ""
		}
	}
	return section{}, nil, false
}

// replay parses the section's acl lines then the failing line, and
// renders the first message as haproxy frames it.
func replay(sec section, lines []string, line int, reg *sample.Registry, file string) string {
	cp := map[string]sample.Cap{"frontend": sample.CapFE, "backend": sample.CapBE,
		"listen": sample.CapFE | sample.CapBE, "defaults": sample.CapFE | sample.CapBE | sample.CapDef}[sec.kind]
	env := acl.NewEnv()
	env.Resolve = nil
	refs := &sample.Refs{}
	sc := &sample.Context{Registry: reg, Proxy: sec.name, Cap: cp, File: file, Line: line, Refs: refs,
		ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }, Maps: env}
	ac := &acl.Context{Context: sc, Env: env, ACLs: acl.NewSet()}
	rc := &rules.Context{Context: ac, HTTP: sec.mode == "http", State: rules.NewState()}
	for i, l := range lines {
		words := splitWords(l)
		var err error
		if words[0] == "acl" {
			_, err = acl.Declare(words[1:], ac)
		} else {
			_, err = rules.Parse(words, rc)
		}
		if i < len(lines)-1 {
			continue
		}
		if err == nil {
			// Names are checked after parsing; everything exists here, so
			// only the structural failures (e.g. no backend in a defaults
			// section) remain.
			if errs := refs.Resolve(everything{}); len(errs) > 0 {
				return strings.ReplaceAll(render(errs[0], line), "t.cfg", file)
			}
			return ""
		}
		e, ok := err.(*sample.Error)
		if !ok {
			return err.Error()
		}
		return strings.ReplaceAll(render(e, line), "t.cfg", file)
	}
	return ""
}

// everything is a world where every name resolves.
type everything struct{}

func (everything) HasBackend(string) bool        { return true }
func (everything) HasFrontend(string) bool       { return true }
func (everything) HasServer(string, string) bool { return true }
func (everything) Table(string) (bool, bool)     { return true, true }
func (everything) HasUserlist(string) bool       { return true }
