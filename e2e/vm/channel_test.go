package vm

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// fakeGuest plays /init's side of the channel: it decodes each script and
// answers with reply(script).
func fakeGuest(t *testing.T, conn net.Conn, reply func(script string) (string, int)) {
	r := bufio.NewReader(conn)
	fmt.Fprintf(conn, "kernel noise\r\n%s\n", markReady)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		f := strings.SplitN(strings.TrimSuffix(line, "\n"), " ", 3)
		if len(f) != 3 {
			t.Errorf("request %q", line)
			return
		}
		script, err := base64.StdEncoding.DecodeString(f[2])
		if err != nil {
			t.Errorf("request %q: %v", line, err)
			return
		}
		out, rc := reply(string(script))
		enc := base64.StdEncoding.EncodeToString([]byte(out))
		// busybox base64 wraps at 76 columns
		var wrapped strings.Builder
		for len(enc) > 76 {
			wrapped.WriteString(enc[:76] + "\n")
			enc = enc[76:]
		}
		wrapped.WriteString(enc + "\n")
		fmt.Fprintf(conn, "%s %s\n%s%s %s %d\n", markOut, f[0], wrapped.String(), markRC, f[0], rc)
	}
}

func TestChannel(t *testing.T) {
	host, guest := net.Pipe()
	defer host.Close()
	go fakeGuest(t, guest, func(s string) (string, int) {
		return strings.Repeat(s, 40), len(s)
	})
	ch := newChannel(host)
	if err := ch.waitReady(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"echo 'a b'\n", "x\x00y", ""} {
		out, rc, err := ch.run(s, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != strings.Repeat(s, 40) || rc != len(s) {
			t.Errorf("run(%q) = %q, %d", s, out, rc)
		}
	}
	guest.Close()
	if _, _, err := ch.run("echo", time.Second); err == nil {
		t.Error("a closed channel must be an error")
	}
}
