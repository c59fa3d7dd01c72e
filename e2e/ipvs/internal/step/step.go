// Package step is one IPVS client call, run the same way by ipvsapply
// inside the VM and by the e2e test against ipvstest's fake, so that the
// two kernels' answers can be compared.
package step

import (
	"errors"
	"fmt"
	"strconv"
	"syscall"

	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
)

// Step is one client call of an "ops" run; the same steps run against
// ipvstest's fake in the test, and the answers must agree.
type Step struct {
	Op          string // new-service, update-service, delete-service, new-dest, update-dest, delete-dest, start-daemon, stop-daemon
	Service     ipvs.Service
	Destination ipvs.Destination
	Daemon      ipvs.Daemon
}

// Run applies s through c.
func (s Step) Run(c *ipvsnl.Client) error {
	switch s.Op {
	case "new-service":
		return c.NewService(s.Service)
	case "update-service":
		return c.UpdateService(s.Service)
	case "delete-service":
		return c.DeleteService(s.Service.ServiceKey)
	case "new-dest":
		return c.NewDestination(s.Service.ServiceKey, s.Destination)
	case "update-dest":
		return c.UpdateDestination(s.Service.ServiceKey, s.Destination)
	case "delete-dest":
		return c.DeleteDestination(s.Service.ServiceKey, s.Destination)
	case "start-daemon":
		return c.StartDaemon(s.Daemon)
	case "stop-daemon":
		return c.StopDaemon(s.Daemon.State)
	}
	return fmt.Errorf("unknown step %q", s.Op)
}

// Outcome renders err as the e2e test compares it: "ok", or the errno's
// name.
func Outcome(err error) string {
	if err == nil {
		return "ok"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoName(errno)
	}
	return "error: " + err.Error()
}

func errnoName(e syscall.Errno) string {
	for _, n := range []struct {
		e    syscall.Errno
		name string
	}{
		{syscall.EEXIST, "EEXIST"}, {syscall.ESRCH, "ESRCH"}, {syscall.ENOENT, "ENOENT"},
		{syscall.EINVAL, "EINVAL"}, {syscall.ERANGE, "ERANGE"}, {syscall.EAFNOSUPPORT, "EAFNOSUPPORT"},
		{syscall.EOPNOTSUPP, "EOPNOTSUPP"}, {syscall.ENODEV, "ENODEV"}, {syscall.EBUSY, "EBUSY"},
	} {
		if n.e == e {
			return n.name
		}
	}
	return "errno " + strconv.Itoa(int(e))
}
