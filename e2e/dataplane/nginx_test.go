package dataplane

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hakeep/e2e/harness"
)

// nginxSite is one nginx server block on a loopback address: "/" answers
// its name, "/big" a 1 MiB file.
type nginxSite struct {
	Name string
	Addr string // host:port
}

// startNginx runs nginx in the foreground with the sites, as root's
// worker user so that it reads the test's files, and stops it with the
// test.
func startNginx(t testing.TB, sites []nginxSite) {
	t.Helper()
	bin := harness.NeedCmd(t, "nginx")
	dir := t.TempDir()
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte('a' + i%26)
	}
	if err := os.WriteFile(filepath.Join(dir, "big"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if os.Geteuid() == 0 {
		b.WriteString("user root;\n")
	}
	fmt.Fprintf(&b, "worker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n", dir, dir)
	b.WriteString("events { worker_connections 16384; }\nhttp {\n  access_log off;\n  keepalive_requests 100000;\n")
	fmt.Fprintf(&b, "  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n  fastcgi_temp_path %s/fcgi;\n  uwsgi_temp_path %s/uwsgi;\n  scgi_temp_path %s/scgi;\n", dir, dir, dir, dir, dir)
	for _, s := range sites {
		fmt.Fprintf(&b, "  server { listen %s; location = /big { alias %s/big; } location / { return 200 \"%s\\n\"; } }\n", s.Addr, dir, s.Name)
	}
	b.WriteString("}\n")
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", conf, "-g", "daemon off;")
	out, _ := os.Create(filepath.Join(dir, "stderr"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	for _, s := range sites {
		waitListening(t, s.Addr)
	}
}

// waitListening waits until addr accepts connections.
func waitListening(t testing.TB, addr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not listening: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
