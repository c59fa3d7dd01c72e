package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// externalCheck is "option external-check" with "external-check command"
// and "external-check path" (configuration.txt section 4.2; src/extcheck.c):
// the command runs with the proxy's first listener and the server's
// address as arguments and a fixed environment.
type externalCheck struct {
	command string
	path    string
	// argv[1] and argv[2]: the proxy's first listener, or "NOT_USED".
	proxyAddr, proxyPort string
	proxyName, proxyID   string
	serverName, serverID string
	serverAddr           string
	serverPort           string
	maxconn              int
	// curconn reads the server's current sessions.
	curconn func() int
	// stdout and stderr are inherited unless quiet (2.6 closes every
	// descriptor but these three).
	stdout, stderr io.Writer
	// warn prints the "kill <pid>" warning of a timed out command.
	warn func(string)
}

// env is the child's whole environment (extcheck_envs[]); "NOT_USED"
// becomes empty there.
func (e *externalCheck) env() []string {
	blank := func(v string) string {
		if v == "NOT_USED" {
			return ""
		}
		return v
	}
	return []string{
		"PATH=" + e.path,
		"HAPROXY_PROXY_NAME=" + e.proxyName,
		"HAPROXY_PROXY_ID=" + e.proxyID,
		"HAPROXY_PROXY_ADDR=" + blank(e.proxyAddr),
		"HAPROXY_PROXY_PORT=" + blank(e.proxyPort),
		"HAPROXY_SERVER_NAME=" + e.serverName,
		"HAPROXY_SERVER_ID=" + e.serverID,
		"HAPROXY_SERVER_ADDR=" + e.serverAddr,
		"HAPROXY_SERVER_PORT=" + e.serverPort,
		"HAPROXY_SERVER_MAXCONN=" + strconv.Itoa(e.maxconn),
		"HAPROXY_SERVER_CURCONN=" + strconv.Itoa(e.curconn()),
	}
}

// lookPath is execvp(): a command without a slash is searched in the
// check's PATH.
func (e *externalCheck) lookPath() (string, error) {
	if strings.Contains(e.command, "/") {
		return e.command, nil
	}
	for _, dir := range filepath.SplitList(e.path) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, e.command)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", &os.PathError{Op: "exec", Path: e.command, Err: syscall.ENOENT}
}

// run is connect_proc_chk() and process_chk_proc(): PROCOK on exit
// status 0, PROCERR with the status as code otherwise (-1 when killed),
// PROCTOUT when the time runs out.
func (e *externalCheck) run(ctx context.Context, p *probe, st probeState) outcome {
	limit := p.inter
	if p.timeoutCheck > 0 && p.timeoutConnect > 0 && p.timeoutConnect < limit {
		limit = p.timeoutConnect
	}
	path, err := e.lookPath()
	if err != nil {
		// the child fails to exec and exits with -1 (255)
		return outcome{set: true, status: StatusPROCERR, code: 255}
	}
	cmd := exec.Command(path, e.proxyAddr, e.proxyPort, e.serverAddr, e.serverPort)
	cmd.Args[0] = e.command
	cmd.Env = e.env()
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	// a command written just before may still be open for writing in
	// a child between fork and exec: retry ETXTBSY, a Go artifact
	err = cmd.Start()
	for try := 0; errors.Is(err, syscall.ETXTBSY) && try < 20; try++ {
		time.Sleep(5 * time.Millisecond)
		cmd = exec.Command(path, e.proxyAddr, e.proxyPort, e.serverAddr, e.serverPort)
		cmd.Args[0] = e.command
		cmd.Env = e.env()
		cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
		err = cmd.Start()
	}
	if err != nil {
		return outcome{set: true, status: StatusSOCKERR, desc: errText(err)}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case err := <-done:
		return exitOutcome(err)
	case <-t.C:
	case <-ctx.Done():
	}
	if e.warn != nil && ctx.Err() == nil {
		e.warn(fmt.Sprintf("kill %d", cmd.Process.Pid))
	}
	cmd.Process.Signal(syscall.SIGTERM)
	<-done
	if ctx.Err() != nil {
		return outcome{}
	}
	return outcome{set: true, status: StatusPROCTOUT}
}

func exitOutcome(err error) outcome {
	if err == nil {
		return outcome{set: true, status: StatusPROCOK}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Exited() {
			return outcome{set: true, status: StatusPROCERR, code: ws.ExitStatus()}
		}
		return outcome{set: true, status: StatusPROCERR, code: -1}
	}
	return outcome{set: true, status: StatusSOCKERR, desc: errText(err)}
}
