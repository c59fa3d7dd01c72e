package lvs

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// moduleAvailable says whether the running kernel has an IPVS module
// (a scheduler, ip_vs_wrr, or a persistence engine, ip_vs_pe_sip): loaded
// already, or in the kernel's module tree for it to load on demand.
func moduleAvailable(name string) bool {
	if _, err := os.Stat("/sys/module/" + name); err == nil {
		return true
	}
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return true
	}
	rel := unix.ByteSliceToString(u.Release[:])
	m, _ := filepath.Glob(filepath.Join("/lib/modules", rel, "kernel/net/netfilter/ipvs", name+".ko*"))
	return len(m) > 0
}
