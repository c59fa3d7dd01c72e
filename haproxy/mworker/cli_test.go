package mworker

import (
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

const version = "2.6.12-1+deb12u4"

type nopReporter struct{ lines []string }

func (r *nopReporter) Notice(m string)  { r.lines = append(r.lines, "NOTICE "+m) }
func (r *nopReporter) Warning(m string) { r.lines = append(r.lines, "WARNING "+m) }
func (r *nopReporter) Alert(m string)   { r.lines = append(r.lines, "ALERT "+m) }

// fakeWorker answers routed sessions on its end of the IPC socketpair
// with what it was sent, prefixed by its name.
func fakeWorker(t *testing.T, name string) (masterEnd int) {
	t.Helper()
	m, w, err := NewIPC()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(m); unix.Close(w) })
	go func() {
		for {
			buf := make([]byte, 2)
			oob := make([]byte, unix.CmsgSpace(4))
			_, oobn, _, _, err := unix.Recvmsg(w, buf, oob, 0)
			if err != nil || oobn == 0 {
				return
			}
			msgs, _ := unix.ParseSocketControlMessage(oob[:oobn])
			fds, _ := unix.ParseUnixRights(&msgs[0])
			f := os.NewFile(uintptr(fds[0]), "session")
			go func() {
				defer f.Close()
				req, _ := io.ReadAll(f)
				io.WriteString(f, name+" got "+strings.ReplaceAll(string(req), "\n", "|")+"\n\n")
			}()
		}
	}()
	return m
}

func testMaster(t *testing.T) *Master {
	now := time.Unix(1795293360, 0)
	m := &Master{
		Self:    &Proc{Kind: KindMaster, PID: 7213, Reloads: 1, Timestamp: now.Unix() - 6, IPC: -1, Version: "(null)"},
		Version: version,
		Report:  &nopReporter{},
		Now:     func() time.Time { return now },
		events:  make(chan event, 4),
	}
	m.Procs = []*Proc{
		{Kind: KindWorker, PID: 7217, Reloads: 1, Timestamp: now.Unix() - 6, Version: version, IPC: fakeWorker(t, "old"), Leaving: true},
		{Kind: KindWorker, PID: 7525, Reloads: 0, Timestamp: now.Unix() - 2, Version: version, IPC: fakeWorker(t, "new")},
	}
	return m
}

// talk runs a session at level over a pipe and returns all it said.
func talk(t *testing.T, m *Master, level Level, input string) string {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	conn := func(fd int) *net.UnixConn {
		f := os.NewFile(uintptr(fd), "s")
		defer f.Close()
		c, err := net.FileConn(f)
		if err != nil {
			t.Fatal(err)
		}
		return c.(*net.UnixConn)
	}
	client, server := conn(fds[0]), conn(fds[1])
	done := make(chan struct{})
	go func() { m.session(server, level); close(done) }()
	go func() { io.WriteString(client, input); client.CloseWrite() }()
	var out strings.Builder
	client.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4096)
	for {
		n, err := client.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			break
		}
	}
	client.Close()
	<-done
	return out.String()
}

func TestShowProcLayout(t *testing.T) {
	m := testMaster(t)
	got := ShowProc(m.Procs, m.Self, version, m.Now())
	// the layout of 2.6.12's answer, with an old worker still finishing
	want := "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
		"7213            master          1 [failed: 0]   0d00h00m06s     2.6.12-1+deb12u4\n" +
		"# workers\n" +
		"7525            worker          0               0d00h00m02s     2.6.12-1+deb12u4\n" +
		"# old workers\n" +
		"7217            worker          1               0d00h00m06s     2.6.12-1+deb12u4\n" +
		"# programs\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if u := uptime(time.Unix(200000, 0), 200000-(2*86400+3*3600+4*60+5)); u != "2d03h04m05s" {
		t.Errorf("uptime %q", u)
	}
	if u := uptime(time.Unix(10, 0), 20); u != "0d00h00m00s" {
		t.Errorf("negative uptime %q", u)
	}
}

// The transcripts are those of 2.6.12's master CLI for the same input.
func TestSessionTranscripts(t *testing.T) {
	m := testMaster(t)
	cases := []struct {
		level Level
		in    string
		want  string
	}{
		{LevelAdmin, "show version;show version\n", version + "\n\n" + version + "\n\n"},
		{LevelAdmin, "@2 help\n", "Can't find the target PID matching the prefix '@2'\n"},
		{LevelAdmin, "@!abc x\n", "Can't find the target PID matching the prefix '@!abc'\n"},
		{LevelAdmin, "@!999 help\n", "Can't find the target PID matching the prefix '@!999'\n"},
		{LevelAdmin, "@0 show version\n", version + "\n\n"},
		{LevelAdmin, "show cli level\n", "admin\n\n"},
		{LevelOperator, "show cli level\n", "operator\n\n"},
		{LevelAdmin, "show cli sockets\n", "\n"},
		{LevelAdmin, "@master\n", ""},
		{LevelAdmin, "user\nshow cli level\noperator\n", "user\n\nPermission denied!\n"},
		{LevelUser, "reload\n", "Permission denied\n\n"},
		{LevelAdmin, "prompt\n@1\nshow version\n@master\nshow cli level\nuser\nshow cli level\noperator\n",
			"master> 7525> new got show version|\n\n7525> master> admin\n\nmaster> master> user\n\nmaster> Permission denied!\n"},
		// routed commands carry the session's level and the rest of the line
		{LevelOperator, "@1 show   info\n", "new got operator -|show   info|\n\n"},
		{LevelUser, "@!7217 show info\n", "old got user -|show info|\n\n"},
		{LevelAdmin, "@1 set ssl cert x <<\nline1\nline2\n\n", "new got set ssl cert x <<|line1|line2||\n\n"},
		{LevelAdmin, "quit\nshow version\n", ""},
	}
	for _, c := range cases {
		if got := talk(t, m, c.level, c.in); got != c.want {
			t.Errorf("%v %q:\ngot  %q\nwant %q", c.level, c.in, got, c.want)
		}
	}
}

func TestReloadCommand(t *testing.T) {
	m := testMaster(t)
	client, server := net.Pipe()
	defer client.Close()
	go m.session(server, LevelOperator)
	go io.WriteString(client, "reload\n")
	select {
	case ev := <-m.events:
		if !ev.reload {
			t.Errorf("event %+v", ev)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload requested")
	}
}

func TestFailedReloadPrompt(t *testing.T) {
	m := testMaster(t)
	m.Self.FailedReloads = 1
	if got := talk(t, m, LevelAdmin, "prompt\n"); got != "master[ReloadFailed]> " {
		t.Errorf("got %q", got)
	}
}

func TestPrefixes(t *testing.T) {
	m := testMaster(t)
	for prefix, want := range map[string]int{"@": 0, "@master": 0, "@0": 0, "@1": 7525, "@!7217": 7217, "@!7525": 7525} {
		if pid, ok := m.prefixToPID(prefix); !ok || pid != want {
			t.Errorf("%s -> %d %v, want %d", prefix, pid, ok, want)
		}
	}
	for _, bad := range []string{"@2", "@-1", "@x", "@!", "@!7213", "@!12x"} {
		if pid, ok := m.prefixToPID(bad); ok {
			t.Errorf("%s -> %d, want no target", bad, pid)
		}
	}
}
