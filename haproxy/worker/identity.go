package worker

import (
	"fmt"
	"os"
	"syscall"
)

// Identity is what a serving process gives up once its sockets are
// bound: the file system root ("chroot") and root's ids ("uid"/"user",
// "gid"/"group"), configuration.txt section 3.1. Zero ids mean unset, as
// in 2.6.
type Identity struct {
	Chroot   string
	UID, GID int
}

// Apply chroots, then drops the group and the user, as 2.6 does in the
// serving process (set_identity()). Go changes the ids of every thread
// of the process (syscall.AllThreadsSyscall since Go 1.16), and the
// threads share the root directory. prog is argv[0], which the messages
// name. A non-nil error is an alert that ends the start.
func (id Identity) Apply(prog string, warn func(string)) error {
	if id.Chroot != "" {
		if err := syscall.Chroot(id.Chroot); err != nil {
			return fmt.Errorf("[%s.main()] Cannot chroot(%s).", prog, id.Chroot)
		}
		if err := os.Chdir("/"); err != nil {
			return fmt.Errorf("[%s.main()] Cannot chroot(%s).", prog, id.Chroot)
		}
	}
	if id.GID != 0 {
		if groups, _ := syscall.Getgroups(); len(groups) > 0 {
			if err := syscall.Setgroups([]int{}); err != nil {
				warn(fmt.Sprintf("[%s.main()] Failed to drop supplementary groups. Using 'gid'/'group' without 'uid'/'user' is generally useless.", prog))
			}
		}
		if err := syscall.Setgid(id.GID); err != nil {
			return fmt.Errorf("[%s.main()] Cannot set gid %d.", prog, id.GID)
		}
	}
	if id.UID != 0 {
		if err := syscall.Setuid(id.UID); err != nil {
			return fmt.Errorf("[%s.main()] Cannot set uid %d.", prog, id.UID)
		}
	}
	return nil
}
