package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var kaUpdate = flag.Bool("update", false, "rewrite golden files")

const kaTestdata = "../testdata/parser/keepalived"

// kaTestOpts are the options golden files are read with: a fixed config id
// so that @id lines do not depend on the machine.
func kaTestOpts() KeepalivedOptions { return KeepalivedOptions{ConfigID: "lb1"} }

// TestKeepalivedGolden parses every testdata/parser/keepalived/*.conf and
// compares the tree and the diagnostics with the .golden file beside it.
// A line carrying "# want: text" must get a diagnostic containing text,
// "# want-end: text" a diagnostic without a place; every diagnostic that
// keepalived -t would print must be wanted.
func TestKeepalivedGolden(t *testing.T) {
	confs, err := filepath.Glob(filepath.Join(kaTestdata, "*.conf"))
	if err != nil || len(confs) == 0 {
		t.Fatalf("no golden inputs in %s: %v", kaTestdata, err)
	}
	for _, conf := range confs {
		t.Run(filepath.Base(conf), func(t *testing.T) {
			ds, diags := ParseKeepalived(conf, kaTestOpts())
			got := kaDump(ds, diags)
			abs, _ := filepath.Abs(kaTestdata)
			got = strings.ReplaceAll(got, abs, "$TESTDATA")
			golden := strings.TrimSuffix(conf, ".conf") + ".golden"
			if *kaUpdate {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the parse:\n--- got\n%s--- want\n%s", golden, got, want)
			}
			kaCheckWants(t, conf, diags)
		})
	}
}

var kaWantRe = regexp.MustCompile(`# want(-end)?: ([^#]*)`)

// kaCheckWants matches diagnostics with the "# want:" marks of every file
// that took part in the parse.
func kaCheckWants(t *testing.T, conf string, diags Diagnostics) {
	t.Helper()
	type want struct {
		file string
		line int
		text string
		used bool
	}
	var wants []*want
	files := map[string]bool{conf: true}
	for _, d := range diags {
		if d.Pos.File != "" {
			files[d.Pos.File] = true
		}
	}
	for f := range files {
		path := f
		if !filepath.IsAbs(path) && f != conf {
			path = filepath.Join(filepath.Dir(conf), f)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		for i, l := range strings.Split(string(src), "\n") {
			for _, m := range kaWantRe.FindAllStringSubmatch(l, -1) {
				w := &want{file: f, line: i + 1, text: strings.TrimSpace(m[2])}
				if m[1] != "" {
					w.line = 0
				}
				wants = append(wants, w)
			}
		}
	}
	for _, d := range diags {
		if d.Severity == SevDiag {
			continue
		}
		ok := false
		for _, w := range wants {
			if w.line == d.Pos.Line && (w.line == 0 || w.file == d.Pos.File) && strings.Contains(d.Msg, w.text) {
				w.used, ok = true, true
			}
		}
		if !ok {
			t.Errorf("unexpected diagnostic %s", d.Error())
		}
	}
	for _, w := range wants {
		if !w.used {
			t.Errorf("%s:%d: wanted a diagnostic containing %q", w.file, w.line, w.text)
		}
	}
}

// kaDump renders directives and diagnostics for golden files.
func kaDump(ds []*Directive, diags Diagnostics) string {
	var b strings.Builder
	var walk func([]*Directive, string)
	walk = func(ds []*Directive, indent string) {
		for _, d := range ds {
			fmt.Fprintf(&b, "%s%s %s", indent, d.Pos, strconv.Quote(d.Name))
			for _, a := range d.Args {
				q := ""
				if a.Quote == Double {
					q = "q"
				}
				fmt.Fprintf(&b, " %s%s@%d", q, strconv.Quote(a.Value), a.Pos.Col)
			}
			if d.IsBlock() {
				fmt.Fprintf(&b, " { open %s\n", d.OpenPos)
				walk(d.Children, indent+"  ")
				fmt.Fprintf(&b, "%s} %s\n", indent, d.EndPos)
				continue
			}
			b.WriteByte('\n')
		}
	}
	walk(ds, "")
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %s: %s\n", d.Severity, d.Pos, d.Msg)
	}
	return b.String()
}

func TestKeepalivedWords(t *testing.T) {
	for _, c := range []struct {
		in        string
		want      []string
		unmatched bool
	}{
		{`a b  c`, []string{"a", "b", "c"}, false},
		{`a"b c"d`, []string{"a", "b c", "d"}, false},
		{`"" x`, []string{"", "x"}, false},
		{`a "b`, []string{"a"}, true},
		{"a\tb\vc", []string{"a", "b", "c"}, false},
	} {
		ws, unmatched := kaWords(c.in)
		var got []string
		for _, w := range ws {
			got = append(got, w.value)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) || unmatched != c.unmatched {
			t.Errorf("kaWords(%q) = %q, %v; want %q, %v", c.in, got, unmatched, c.want, c.unmatched)
		}
	}
}

func TestKeepalivedDecomment(t *testing.T) {
	for _, c := range []struct {
		in, out string
		open    bool
	}{
		{"  a b # c", "a b", false},
		{"a ! b", "a", false},
		{`a "b # c" d`, `a "b # c" d`, false},
		{`a \# b`, `a # b`, false},
		{`a "\#" b`, `a "\#" b`, false},
		{"a  \\", "a\\", false},
		{"a # x \\", "a\\", false},
		{`a "b`, `a "b`, true},
		{"\t", "", false},
	} {
		out, open, _ := kaDecomment(c.in)
		if out != c.out || open != c.open {
			t.Errorf("kaDecomment(%q) = %q, %v; want %q, %v", c.in, out, open, c.out, c.open)
		}
	}
}

func TestKeepalivedBraces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a {", "a|{"},
		{"a { b }", "a|{|b|}"},
		{"{ a } b", "{|a|}|b"},
		{`a "{" b`, `a "{" b`},
		{"a{b}", "a|{|b|}"},
	} {
		r := newKAReader(kaTestOpts())
		r.pushSource("x.conf", []byte(c.in+"\n"), true)
		var got []string
		for {
			l, ok := r.next()
			if !ok {
				break
			}
			got = append(got, l.text)
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("%q cut into %q, want %q", c.in, strings.Join(got, "|"), c.want)
		}
	}
}

func TestKeepalivedSeq(t *testing.T) {
	src := "~SEQ(i, 3) x$i\n~SEQ(i, 5, -2, 1) y${i}\n~SEQx(i, 9, 11) z${i}\n~LST(v, a, b) w$v\n~LST({p,q}, {1,2}, {3}) v${p}-${q}.\n"
	ds, diags := ParseKeepalivedSource("s.conf", []byte(src), kaTestOpts())
	var got []string
	for _, d := range ds {
		got = append(got, d.Name)
	}
	want := "x1 x2 x3 y5 y3 y1 z9 za zb wa wb v1-2. v3-."
	if strings.Join(got, " ") != want {
		t.Errorf("generated %q, want %q (%v)", strings.Join(got, " "), want, diags)
	}
}

func TestKeepalivedDefinitions(t *testing.T) {
	src := "$A=one\n$B=two \\\n  three \\\n  four\nx $A ${A}s $Ax\n$B\n$C=c\ny \"${_HASH}\" ${_RANDOM 7 7}\nz ${_BANG} gone\n"
	ds, diags := ParseKeepalivedSource("d.conf", []byte(src), kaTestOpts())
	var got []string
	for _, d := range ds {
		got = append(got, strings.Join(d.Words(), ","))
	}
	want := "x,one,ones,$Ax|two|three|four|y,#,7|z"
	if strings.Join(got, "|") != want {
		t.Errorf("expanded %q, want %q (%v)", strings.Join(got, "|"), want, diags)
	}
}
