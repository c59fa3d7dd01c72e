package procmodel

import (
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

const chrootDir = "/var/empty"

// logSocket is a syslog socket placed at dev/log inside the chroot, as
// Debian's unit binds /dev/log into haproxy's chroot
// (BindReadOnlyPaths=/dev/log:/var/lib/haproxy/dev/log).
func logSocket(t *testing.T) chan string {
	t.Helper()
	created := false
	if _, err := os.Stat(chrootDir); os.IsNotExist(err) {
		if err := os.MkdirAll(chrootDir, 0o755); err != nil {
			t.Fatal(err)
		}
		created = true
	}
	dev := filepath.Join(chrootDir, "dev")
	madeDev := false
	if _, err := os.Stat(dev); os.IsNotExist(err) {
		if err := os.Mkdir(dev, 0o755); err != nil {
			t.Fatal(err)
		}
		madeDev = true
	}
	path := filepath.Join(dev, "log")
	if _, err := os.Lstat(path); err == nil {
		t.Fatalf("%s exists already: not the test's to use", path)
	}
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	// the dropped user must be able to send to it
	os.Chmod(path, 0o666)
	t.Cleanup(func() {
		c.Close()
		os.Remove(path)
		if madeDev {
			os.Remove(dev)
		}
		if created {
			os.Remove(chrootDir)
		}
	})
	ch := make(chan string, 64)
	go func() {
		buf := make([]byte, 8192)
		for {
			n, err := c.Read(buf)
			if err != nil {
				close(ch)
				return
			}
			ch <- string(buf[:n])
		}
	}()
	return ch
}

// privRun is what the worker looked like.
type privRun struct {
	uid, gid, groups, root, masterRoot, masterUID string
	logged                                        string
}

func privileged(t *testing.T, bin string, logs chan string) privRun {
	dir := tempDir(t)
	be := backend(t)
	port := freePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg := filepath.Join(dir, "haproxy.cfg")
	writeFile(t, cfg, "global\n    user nobody\n    group nogroup\n    chroot "+chrootDir+"\n    log /dev/log local0\n"+
		"defaults\n    log global\n    mode http\n    option httplog\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"+
		"frontend fe\n    bind "+addr+"\n    default_backend be\n"+
		"backend be\n    server s1 "+be+"\n")
	p := start(t, nil, bin, "-W", "-f", cfg)
	waitServing(t, addr, 10*time.Second)
	master := p.cmd.Process.Pid
	kids := childrenOf(master)
	if len(kids) != 1 {
		t.Fatalf("master's children: %v\n%s", kids, p.out.String())
	}
	w := kids[0]
	var r privRun
	r.uid = strings.Join(strings.Fields(statusField(w, "Uid")), " ")
	r.gid = strings.Join(strings.Fields(statusField(w, "Gid")), " ")
	r.groups = statusField(w, "Groups")
	r.root, _ = os.Readlink("/proc/" + strconv.Itoa(w) + "/root")
	r.masterRoot, _ = os.Readlink("/proc/" + strconv.Itoa(master) + "/root")
	r.masterUID = strings.Fields(statusField(master, "Uid"))[0]

	if code, _, err := get("http://" + addr + "/logged"); err != nil || code != 200 {
		t.Errorf("the chrooted worker does not serve: %d %v", code, err)
	}
	deadline := time.After(3 * time.Second)
wait:
	for {
		select {
		case m := <-logs:
			if strings.Contains(m, "GET /logged") {
				r.logged = m
				break wait
			}
		case <-deadline:
			break wait
		}
	}
	syscall.Kill(master, syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	return r
}

// TestE2EPrivileges: "user nobody", "group nogroup" and "chroot" apply to
// the worker, which still serves and logs through /dev/log inside its
// chroot; the master keeps its root.
func TestE2EPrivileges(t *testing.T) {
	harness.NeedRoot(t)
	ours, real := binaries(t)
	nobody, err1 := user.Lookup("nobody")
	nogroup, err2 := user.LookupGroup("nogroup")
	harness.Need(t, err1 == nil && err2 == nil, "user nobody or group nogroup missing")
	logs := logSocket(t)
	var got [2]privRun
	for i, bin := range []string{ours, real} {
		t.Run([]string{"hakeep", "haproxy-2.6"}[i], func(t *testing.T) { got[i] = privileged(t, bin, logs) })
	}
	clip := func(s string) string {
		if i := strings.Index(s, "]: "); i >= 0 {
			s = s[i+3:]
		}
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return strings.TrimSpace(s)
	}
	sideBySide(t, "user nobody, group nogroup, chroot "+chrootDir, [][3]string{
		{"worker Uid", got[0].uid, got[1].uid},
		{"worker Gid", got[0].gid, got[1].gid},
		{"worker Groups", got[0].groups, got[1].groups},
		{"worker root", got[0].root, got[1].root},
		{"master root, uid", got[0].masterRoot + ", " + got[0].masterUID, got[1].masterRoot + ", " + got[1].masterUID},
		{"log line through /dev/log", clip(got[0].logged), clip(got[1].logged)},
	})
	o := got[0]
	u, g := nobody.Uid, nogroup.Gid
	if o.uid != strings.Repeat(u+" ", 3)+u || o.gid != strings.Repeat(g+" ", 3)+g || o.groups != "" {
		t.Errorf("worker ids: Uid %q Gid %q Groups %q", o.uid, o.gid, o.groups)
	}
	if o.root != chrootDir || o.masterRoot != "/" || o.masterUID != "0" {
		t.Errorf("roots: worker %q master %q (uid %s)", o.root, o.masterRoot, o.masterUID)
	}
	if !strings.Contains(o.logged, "GET /logged") {
		t.Errorf("no log line from the chrooted worker through /dev/log: %q", o.logged)
	}
}
