package parser

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// haUpdate reports whether -update was given. The flag is shared by the
// whole package's golden tests and defined once, beside the keepalived
// ones; looking it up keeps this file free of a second definition.
func haUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const haGoldenDir = "../testdata/parser/haproxy"

// haTestEnv is the environment the golden files are written against; the
// e2e differential test runs the real haproxy with the same one.
func haTestEnv() map[string]string {
	return map[string]string{
		"NAME":     "value",
		"EMPTY":    "",
		"LIST":     "alpha beta  gamma",
		"SPACED":   " lead trail ",
		"PORT":     "8080",
		"WITH_SSL": "1",
	}
}

// haTestFeatures is the "+" half of Debian's haproxy 2.6.12 feature list.
func haTestFeatures() []string {
	return strings.Fields("ACCEPT4 BACKTRACE CPU_AFFINITY CRYPT_H DL EPOLL GETADDRINFO LIBCRYPT LINUX_SPLICE LINUX_TPROXY LUA NETFILTER NS OPENSSL OT PCRE2 PCRE2_JIT POLL PRCTL PROMEX RT SLZ SYSTEMD TFO THREAD THREAD_DUMP TPROXY")
}

func haTestOptions() HAProxyOptions {
	env := haTestEnv()
	return HAProxyOptions{
		LookupEnv: func(name string) (string, bool) {
			v, ok := env[name]
			return v, ok
		},
		Cond: CondEnv{Features: haTestFeatures(), Version: "2.6.12"},
	}
}

// haGoldenCase is one golden input: a .cfg file, a directory named *.d,
// or a *.files list of files read in order.
type haGoldenCase struct {
	name  string   // base name of the golden file
	paths []string // what ParseHAProxy gets
}

func haGoldenCases(t *testing.T) []haGoldenCase {
	t.Helper()
	entries, err := os.ReadDir(haGoldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []haGoldenCase
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(haGoldenDir, name)
		switch {
		case e.IsDir() && strings.HasSuffix(name, ".d"):
			cases = append(cases, haGoldenCase{strings.TrimSuffix(name, ".d"), []string{full}})
		case strings.HasSuffix(name, ".cfg"):
			cases = append(cases, haGoldenCase{strings.TrimSuffix(name, ".cfg"), []string{full}})
		case strings.HasSuffix(name, ".files"):
			data, err := os.ReadFile(full)
			if err != nil {
				t.Fatal(err)
			}
			c := haGoldenCase{name: strings.TrimSuffix(name, ".files")}
			for _, f := range strings.Fields(string(data)) {
				c.paths = append(c.paths, filepath.Join(haGoldenDir, f))
			}
			cases = append(cases, c)
		}
	}
	return cases
}

func TestHAProxyGolden(t *testing.T) {
	for _, c := range haGoldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			ds, diags := ParseHAProxy(c.paths, haTestOptions())
			got := dumpHAProxy(ds, diags)
			golden := filepath.Join(haGoldenDir, c.name+".golden")
			if haUpdate() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the parse; got:\n%s", golden, got)
			}
			checkHAProxyWants(t, c.paths, diags)
		})
	}
}

// relName shows testdata paths relative to the golden directory.
func relName(p string) string {
	return strings.TrimPrefix(p, haGoldenDir+"/")
}

func relPos(p Pos) string {
	p.File = relName(p.File)
	return p.String()
}

// dumpHAProxy is the stable text form of a parse the golden files hold.
func dumpHAProxy(ds []*Directive, diags Diagnostics) string {
	var b strings.Builder
	var walk func(ds []*Directive, indent string)
	walk = func(ds []*Directive, indent string) {
		for _, d := range ds {
			kind := "line"
			if d.IsBlock() {
				kind = fmt.Sprintf("section(%d)", len(d.Children))
			}
			fmt.Fprintf(&b, "%s%s %s-%d:%d %q raw=%q\n", indent, kind, relPos(d.Pos), d.EndPos.Line, d.EndPos.Col, d.Name, d.Raw)
			for _, a := range d.Args {
				fmt.Fprintf(&b, "%s    arg %s %s %q raw=%q\n", indent, relPos(a.Pos), quoteName(a.Quote), a.Value, a.Raw)
			}
			walk(d.Children, indent+"  ")
		}
	}
	walk(ds, "")
	for _, d := range diags {
		abort := ""
		if d.Abort {
			abort = " abort"
		}
		pos := d.Pos
		pos.File = relName(pos.File)
		fmt.Fprintf(&b, "diag %s %s%s %q\n", d.Severity, pos, abort, strings.ReplaceAll(HAProxyDiagText(&Diagnostic{Pos: pos, Msg: d.Msg}), haGoldenDir+"/", ""))
	}
	return b.String()
}

func quoteName(q Quote) string {
	return [...]string{"bare", "double", "single", "mixed"}[q]
}

// haWant is an expected diagnostic: a substring of its text on a line.
type haWant struct {
	file string
	line int
	text string
	seen bool
}

// checkHAProxyWants fails on a diagnostic that lands on a line without a
// matching "# want: TEXT" comment (or FILE.want entry "LINE:TEXT"), and
// on a want no diagnostic matched.
func checkHAProxyWants(t *testing.T, paths []string, diags Diagnostics) {
	t.Helper()
	files, d := ExpandHAProxyPaths(paths)
	if d != nil {
		t.Fatal(d.Msg)
	}
	var wants []*haWant
	seenFile := map[string]bool{}
	for _, f := range files {
		if seenFile[f] {
			continue
		}
		seenFile[f] = true
		wants = append(wants, readHAWants(t, f)...)
	}
	for _, d := range diags {
		matched := false
		for _, w := range wants {
			if w.file == d.Pos.File && w.line == d.Pos.Line && strings.Contains(d.Msg, w.text) {
				w.seen, matched = true, true
			}
		}
		if !matched {
			t.Errorf("unexpected diagnostic at %s: %s %q", relPos(d.Pos), d.Severity, d.Msg)
		}
	}
	for _, w := range wants {
		if !w.seen {
			t.Errorf("%s:%d: no diagnostic containing %q", relName(w.file), w.line, w.text)
		}
	}
}

func readHAWants(t *testing.T, file string) []*haWant {
	t.Helper()
	var wants []*haWant
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		parts := strings.Split(line, "# want: ")
		for _, p := range parts[1:] {
			wants = append(wants, &haWant{file: file, line: i + 1, text: strings.TrimRight(p, " \r")})
		}
	}
	side, err := os.Open(strings.TrimSuffix(file, ".cfg") + ".want")
	if os.IsNotExist(err) {
		return wants
	}
	if err != nil {
		t.Fatal(err)
	}
	defer side.Close()
	sc := bufio.NewScanner(side)
	for sc.Scan() {
		num, text, ok := strings.Cut(sc.Text(), ":")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			t.Fatalf("%s: bad line %q (want LINE:TEXT)", side.Name(), sc.Text())
		}
		wants = append(wants, &haWant{file: file, line: n, text: text})
	}
	sort.SliceStable(wants, func(i, j int) bool { return wants[i].line < wants[j].line })
	return wants
}
