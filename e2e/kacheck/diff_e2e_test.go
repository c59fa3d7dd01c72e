package kacheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hakeep/e2e/harness"
)

// compatRewrites turn hakeep's warnings for keywords 2.2.7 dropped but
// hakeep accepts with their old meaning (keepalived/config lvs.go,
// lvs_checker.go) back into 2.2.7's complaint at the same place, before
// whole outputs are compared. 2.2.7 itself gives the nb_get_retry warning
// in HTTP_GET and SSL_GET, so a line is rewritten only where 2.2.7's
// output has the complaint.
func compatRewrites() map[string]string {
	return map[string]string{
		"nb_get_retry is deprecated - please use 'retry'":   "Unknown keyword 'nb_get_retry'",
		"nat_mask is obsolete and has no effect - ignoring": "Unknown keyword 'nat_mask'",
	}
}

func normalise(real, ours []string) []string {
	rw := compatRewrites()
	out := make([]string, len(ours))
	for i, l := range ours {
		p := placeRE.FindString(l)
		if r, ok := rw[l[len(p):]]; ok && i < len(real) && real[i] == p+r {
			l = p + r
		}
		out[i] = l
	}
	return out
}

// diffInput is one configuration of the differential run.
type diffInput struct {
	dir  string // folder copied for each run
	file string // relative to dir
	ifs  []string
	// differs says why whole outputs may differ ("# differs:" line).
	differs string
}

var (
	interfacesRE = regexp.MustCompile(`(?m)^# interfaces: (.*)$`)
	differsRE    = regexp.MustCompile(`(?m)^# differs: (.*)$`)
	interfaceRE  = regexp.MustCompile(`(?m)^\s*interface\s+(\S+)`)
)

// inputs lists testdata/keepalived/*.conf, whose "# interfaces:" lines
// name interfaces to create besides eth0..eth3, and the seeds, whose
// `interface` names are created.
func inputs(t *testing.T) []diffInput {
	t.Helper()
	var out []diffInput
	add := func(dir, pattern string, seed bool) {
		files, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in := diffInput{dir: dir, file: filepath.Base(f), ifs: defaultIfs()}
			var extra []string
			if m := interfacesRE.FindSubmatch(src); m != nil {
				extra = strings.Fields(string(m[1]))
			}
			if seed {
				for _, m := range interfaceRE.FindAllSubmatch(src, -1) {
					extra = append(extra, string(m[1]))
				}
			}
			for _, name := range extra {
				if !contains(in.ifs, name) {
					in.ifs = append(in.ifs, name)
				}
			}
			if m := differsRE.FindSubmatch(src); m != nil {
				in.differs = string(m[1])
			}
			out = append(out, in)
		}
	}
	add(filepath.Join(harness.RepoRoot(t), "testdata", "keepalived"), "*.conf", false)
	seeds := filepath.Join(harness.SharedDir(t), "seeds")
	if _, err := os.Stat(seeds); err == nil {
		add(seeds, "keepalived-*.conf", true)
	} else {
		t.Logf("no seeds at %s", seeds)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// realKeepalived is the installed keepalived, refusing hakeep's own.
func realKeepalived(t *testing.T) string {
	t.Helper()
	bin := harness.NeedCmd(t, "keepalived")
	out, _ := exec.Command(bin, "-v").CombinedOutput()
	harness.Need(t, strings.HasPrefix(string(out), "Keepalived v2.2.7") && !strings.Contains(string(out), "hakeep"),
		bin+" is not keepalived 2.2.7")
	return bin
}

// copyDir copies the regular files of dir, recursively, into a new
// temporary folder: keepalived -t may write there (tmp_config_directory).
func copyDir(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestE2EKeepalivedDifferential runs Debian's keepalived -t and hakeep's
// on the same configurations in the same namespace, each from its own
// copy of the configuration's folder, and requires the same exit status,
// the first message at the same place and, unless the configuration says
// why not, the same messages.
func TestE2EKeepalivedDifferential(t *testing.T) {
	harness.NeedRoot(t)
	harness.NeedCmd(t, "ip")
	real := realKeepalived(t)
	ours := filepath.Join(harness.Binaries(t), "keepalived")

	pass, fail, sameText := 0, 0, 0
	for _, in := range inputs(t) {
		ok := t.Run(in.file, func(t *testing.T) {
			ns := newNetns(t, in.ifs)
			realErr, realCode := ns.run(t, copyDir(t, in.dir), real, "-t", "-f", in.file)
			ourErr, ourCode := ns.run(t, copyDir(t, in.dir), ours, "-t", "-f", in.file)
			want, got := verdictOf(realErr, realCode), verdictOf(ourErr, ourCode)
			if !got.agrees(want) {
				t.Errorf("keepalived 2.2.7: exit %d, %s: %q\nhakeep:           exit %d, %s: %q",
					want.exit, placeOf(want.first), want.first, got.exit, placeOf(got.first), got.first)
			}
			rl := keepalivedLines(realErr)
			r, o := strings.Join(rl, "\n"), strings.Join(normalise(rl, keepalivedLines(ourErr)), "\n")
			switch {
			case r == o:
				sameText++
			case in.differs != "":
				t.Logf("messages differ, as expected: %s", in.differs)
			default:
				t.Errorf("messages differ:\n--- keepalived 2.2.7\n%s\n--- hakeep\n%s", r, o)
			}
		})
		if ok {
			pass++
		} else {
			fail++
		}
	}
	t.Logf("identical messages in %d/%d", sameText, pass+fail)
	fmt.Printf("kacheck differential: %d passed, %d failed\n", pass, fail)
}
