package vm

import (
	"fmt"
	"path"
	"strings"
)

// The guest's /init (busybox sh, PID 1). It mounts the pseudo file
// systems, loads the modules in dependency order, gives the VM an eth0
// (a dummy link: the VM has no NIC, qemu runs with -nic none), then serves
// the command channel on a virtio-serial port named hakeep.ctl until it is
// killed.
//
// The channel is virtio-serial rather than a second 16550 UART: over an
// emulated ttyS1 a request or reply was lost now and then (measured: two
// of three runs of the 127-command golden capture hung), while a virtio port is a plain
// character device with no UART and no line discipline in the way.
//
// Channel protocol:
//
//	host -> guest: <id> <timeout-seconds> <base64 of a sh script>\n
//	guest -> host: @@hakeep-out <id>\n<base64 of stdout+stderr>\n@@hakeep-rc <id> <exit code>\n
//
// The guest announces itself with "@@hakeep-ready". Output goes through a
// file, not a pipe, so a command may leave a daemon running in the
// background without holding the reply open; base64 keeps the output's
// bytes exact whatever they are.
const (
	markReady = "@@hakeep-ready"
	markOut   = "@@hakeep-out"
	markRC    = "@@hakeep-rc"
	markFail  = "@@hakeep-init-failed"
	portName  = "hakeep.ctl"
)

// initScript returns /init for modules (guest paths, in load order).
func initScript(modules []string) []byte {
	var b strings.Builder
	b.WriteString(`#!/bin/busybox sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
fail() { echo "` + markFail + ` $*"; poweroff -f; }
mount -t proc proc /proc || fail mount proc
mount -t sysfs sysfs /sys || fail mount sysfs
mount -t devtmpfs devtmpfs /dev || fail mount devtmpfs
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /dev/shm
hostname hakeep-vm
`)
	for _, m := range modules {
		fmt.Fprintf(&b, "insmod %s || fail insmod %s\n", m, path.Base(m))
	}
	b.WriteString(`ip link set lo up
# dummy clears IFF_MULTICAST; a real NIC has it, and IPVS's sync daemon
# refuses an interface without it (EINVAL).
if [ -d /sys/class/net/dummy0 ]; then
	ip link set dummy0 name eth0 && ip link set eth0 multicast on && ip link set eth0 up
fi
port=
for i in $(seq 200); do
	for p in /sys/class/virtio-ports/*; do
		[ "$(cat $p/name 2>/dev/null)" = ` + portName + ` ] && port=/dev/${p##*/}
	done
	[ -n "$port" ] && [ -c "$port" ] && break
	port=
	usleep 50000
done
[ -n "$port" ] || fail no virtio port ` + portName + `
# A virtio port can be open only once (EBUSY): one read-write open, dup-ed.
exec 0<>$port 1>&0 2>&0
echo "` + markReady + `"
while read -r id secs data; do
	echo "$data" | base64 -d >/tmp/.hakeep-cmd.$id
	timeout -s KILL "$secs" sh /tmp/.hakeep-cmd.$id </dev/null >/tmp/.hakeep-out.$id 2>&1
	rc=$?
	echo "` + markOut + ` $id"
	base64 /tmp/.hakeep-out.$id
	echo "` + markRC + ` $id $rc"
	rm -f /tmp/.hakeep-cmd.$id /tmp/.hakeep-out.$id
done
poweroff -f
`)
	return []byte(b.String())
}
