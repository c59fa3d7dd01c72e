package daemon

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"syscall"

	"hakeep/keepalived/config"
)

// fifo is a notify FIFO (notify_fifo, vrrp_notify_fifo): keepalived
// creates it when it does not exist, opens it so that writes never block,
// starts its notify_fifo_script with the FIFO's name as last argument,
// and at exit stops the script and removes a FIFO it created
// (lib/notify.c notify_fifo_open / notify_fifo_close).
type fifo struct {
	name    string
	f       *os.File
	created bool
	script  *exec.Cmd
}

func openFIFO(c config.NotifyFIFO, log *slog.Logger) *fifo {
	if c.Name == "" {
		return nil
	}
	n := &fifo{name: c.Name}
	st, err := os.Stat(c.Name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := syscall.Mkfifo(c.Name, 0o600); err != nil {
			log.Info("Unable to create notify fifo " + c.Name)
			return nil
		}
		os.Chown(c.Name, int(c.UID), int(c.GID))
		n.created = true
	case err != nil:
		log.Info("Unable to create notify fifo " + c.Name)
		return nil
	case st.Mode()&fs.ModeNamedPipe == 0:
		log.Info("notify fifo " + c.Name + " exists and is not a FIFO")
		return nil
	}
	if c.Script != nil && !c.Script.Disabled && len(c.Script.Args) > 0 {
		args := append(append([]string(nil), c.Script.Args[1:]...), c.Name)
		cmd := exec.Command(c.Script.Args[0], args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
		if uint32(os.Geteuid()) != c.Script.UID || uint32(os.Getegid()) != c.Script.GID {
			cmd.SysProcAttr.Credential = &syscall.Credential{Uid: c.Script.UID, Gid: c.Script.GID, NoSetGroups: true}
		}
		if err := cmd.Start(); err != nil {
			log.Info("Error exec-ing notify fifo script " + c.Script.Args[0] + ": " + err.Error())
		} else {
			n.script = cmd
			go cmd.Wait()
		}
	}
	// O_RDWR keeps open from blocking without a reader; O_NONBLOCK keeps
	// a full FIFO from stopping the engine.
	f, err := os.OpenFile(c.Name, os.O_RDWR|syscall.O_NONBLOCK, 0)
	if err != nil {
		log.Info("Unable to open notify fifo " + c.Name)
		n.close()
		return nil
	}
	n.f = f
	return n
}

func (n *fifo) close() {
	if n == nil {
		return
	}
	if n.f != nil {
		n.f.Close()
	}
	if n.script != nil && n.script.Process != nil {
		syscall.Kill(-n.script.Process.Pid, syscall.SIGTERM)
	}
	if n.created {
		os.Remove(n.name)
	}
}
