package main

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"hakeep/ipvs/lvs"
	"hakeep/keepalived/config"
	"hakeep/keepalived/daemon"
	"hakeep/keepalived/smtpalert"
)

// lvsNotifier is what the checker side reports through: notify_up,
// notify_down, quorum_up and quorum_down scripts, the "VS ..." and
// "RS ..." lines of notify_fifo and lvs_notify_fifo, and smtp alerts.
type lvsNotifier struct {
	env  daemon.CheckerEnv
	mu   sync.Mutex
	mail *smtpalert.Alerter
	rid  string
	wg   sync.WaitGroup
}

func newLVSNotifier(cfg *config.Config, env daemon.CheckerEnv) *lvsNotifier {
	n := &lvsNotifier{env: env}
	n.reconfigure(cfg)
	return n
}

// reconfigure takes the mail settings of a new configuration.
func (n *lvsNotifier) reconfigure(cfg *config.Config) {
	g := cfg.Global
	rid := g.RouterID
	if rid == "" {
		// keepalived's default router_id is the host name.
		rid, _ = os.Hostname()
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.rid = rid
	n.mail = smtpalert.New(smtpalert.Config{Server: g.SMTPServer, Port: g.SMTPPort, Helo: g.SMTPHeloName,
		From: g.NotificationEmailFrom, To: g.NotificationEmail, RouterID: rid, ConnectTimeout: g.SMTPConnectTO,
		NoEmailFaults: g.NoEmailFaults}, n.env.Log)
}

// stopScriptTimeout is how long a notify script run on shutdown may take
// (system_call_script() with TIMER_HZ).
const stopScriptTimeout = time.Second

// Script runs a notify or quorum script as notify_exec() does: in its own
// process group, as its user, not waited for (on shutdown, killed after a
// second).
func (n *lvsNotifier) Script(s *lvs.Script, stopping bool) {
	if len(s.Args) == 0 {
		return
	}
	cmd := exec.Command(s.Args[0], s.Args[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if int(s.UID) != os.Geteuid() || int(s.GID) != os.Getegid() {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: s.UID, Gid: s.GID}
	}
	if err := cmd.Start(); err != nil {
		n.env.Log.Info(fmt.Sprintf("Error exec-ing command '%s', error %d: %v", s.Args[0], errnoOf(err), err))
		return
	}
	if !stopping {
		go func() { _ = cmd.Wait() }()
		return
	}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		t := time.AfterFunc(stopScriptTimeout, func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
		_ = cmd.Wait()
		t.Stop()
	}()
}

// FIFO hands a line to the daemon's notify FIFOs.
func (n *lvsNotifier) FIFO(line string) {
	if n.env.Notify != nil {
		n.env.Notify(line)
	}
}

// Alert mails an smtp alert with smtp.c's subject for the checker's
// messages.
func (n *lvsNotifier) Alert(a lvs.Alert) {
	n.mu.Lock()
	mail, rid := n.mail, n.rid
	n.mu.Unlock()
	var subject string
	switch a.Kind {
	case lvs.AlertVS:
		what := "DOWN"
		if a.Up {
			what = "UP"
		}
		subject = fmt.Sprintf("[%s] Virtualserver %s - %s", rid, a.VS, what)
	case lvs.AlertRSShut:
		subject = fmt.Sprintf("[%s] Realserver %s of virtual server %s - DOWN", rid, a.RS, a.VS)
	default:
		what := "DOWN"
		if a.Up {
			what = "UP"
		}
		subject = fmt.Sprintf("[%s] Realserver %s of virtual server %s - %s", rid, a.RS, a.VS, what)
	}
	mail.Send(subject, a.Message)
}

// wait waits for the scripts run on shutdown and the mails under way.
func (n *lvsNotifier) wait() {
	n.wg.Wait()
	n.mu.Lock()
	mail := n.mail
	n.mu.Unlock()
	mail.Wait()
}
