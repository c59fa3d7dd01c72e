package keepalived_e2e

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// floodBatchMax bounds one sendmmsg(2) call of the flood.
const floodBatchMax = 1024

// floodNice is the nice value of the test's scheduling autogroup while a
// flood runs (sched(7), "The autogroup feature").
const floodNice = -10

// floodSender sends one pre-built IPv4 datagram as an Ethernet frame on
// eth0 of a namespace, over and over, through an AF_PACKET socket that
// bypasses the queueing discipline (packet(7), PACKET_QDISC_BYPASS): no
// routing, no IP output, no multicast loopback per frame, only the
// device. Frames go out in sendmmsg(2) batches, one batch per
// millisecond, so the rate is the one asked for and not just the most
// the machine can do.
type floodSender struct {
	fd    int
	frame []byte
}

// newFloodSender opens a packet socket on eth0 of ns and builds the frame
// for pkt, an IPv4 datagram to a multicast group (RFC 1112 section 6.4
// maps the group to the destination MAC).
func newFloodSender(t *testing.T, ns string, pkt []byte) *floodSender {
	if len(pkt) < 20 || pkt[16]&0xf0 != 0xe0 {
		t.Fatalf("flood: %d-byte packet is not an IPv4 multicast datagram", len(pkt))
	}
	f := &floodSender{fd: -1}
	inNS(t, ns, func() {
		ifi, err := net.InterfaceByName("eth0")
		if err != nil {
			t.Fatalf("flood: eth0 in %s: %v", ns, err)
		}
		dst := []byte{0x01, 0x00, 0x5e, pkt[17] & 0x7f, pkt[18], pkt[19]}
		f.frame = append(append(append(dst, ifi.HardwareAddr...), 0x08, 0x00), pkt...)
		// Protocol 0: the socket sends only, it receives nothing.
		f.fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			t.Fatalf("flood: packet socket: %v", err)
		}
		t.Cleanup(func() { unix.Close(f.fd) })
		err = errors.Join(
			unix.Bind(f.fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_IP), Ifindex: ifi.Index}),
			unix.SetsockoptInt(f.fd, unix.SOL_PACKET, unix.PACKET_QDISC_BYPASS, 1),
			unix.SetsockoptInt(f.fd, unix.SOL_SOCKET, unix.SO_SNDBUFFORCE, 8<<20))
		if err != nil {
			t.Fatalf("flood: packet socket on eth0 in %s: %v", ns, err)
		}
	})
	return f
}

// run sends rate frames a second for dur: at each millisecond it sends
// what the schedule owes by the end of that millisecond (a millisecond's
// quota, more after a delay), then sleeps to the next one. It returns
// how many frames went out, the time from the first batch to the return
// of the last, and whether the sender ran in the real-time class.
//
// The flood stands for other machines with CPUs of their own; here it
// shares two cores with the daemons and with whatever else runs, and
// the kernel's delivery of every frame (bridge, both hosts' IP stacks
// and raw sockets) is done in the sender's system call. With autogroups
// on, every session gets an equal share of the CPUs whatever the nice
// values of its threads, so a loaded machine capped the sender (measured
// at a load of 19-24: 37,000-97,000 a second in the normal class) and
// the daemons with it. So the sender's thread runs SCHED_FIFO (sched(7);
// it sleeps each millisecond, so it takes about half a core, not the
// machine), and the test's autogroup, the daemons' too, runs at
// floodNice for the flood and is put back after.
func (f *floodSender) run(t *testing.T, rate int, dur time.Duration) (int, time.Duration, bool, error) {
	if restore, err := raiseAutogroup(floodNice); err != nil {
		t.Logf("flood: the test's autogroup stays as it is: %v", err)
	} else {
		defer restore()
	}
	type result struct {
		n        int
		d        time.Duration
		realtime bool
		err      error
	}
	done := make(chan result, 1)
	go func() {
		// Never unlocked: the thread, with its policy, ends with the
		// goroutine.
		runtime.LockOSThread()
		err := unix.SchedSetAttr(0, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_FIFO, Priority: 1}, 0)
		if err != nil {
			t.Logf("flood: the sender stays in the normal scheduling class: sched_setattr SCHED_FIFO: %v", err)
		}
		n, d, sendErr := f.send(rate, dur)
		done <- result{n, d, err == nil, sendErr}
	}()
	r := <-done
	return r.n, r.d, r.realtime, r.err
}

// send is run's loop, on the calling thread.
func (f *floodSender) send(rate int, dur time.Duration) (int, time.Duration, error) {
	iov := unix.Iovec{Base: &f.frame[0]}
	iov.SetLen(len(f.frame))
	msgs := make([]unix.Mmsghdr, floodBatchMax)
	for i := range msgs {
		msgs[i].Hdr.Iov = &iov
		msgs[i].Hdr.SetIovlen(1)
	}
	n := 0
	start := time.Now()
	last := start
	for {
		el := time.Since(start)
		if el >= dur {
			return n, last.Sub(start), nil
		}
		ms := el / time.Millisecond
		due := int(int64(rate) * int64(ms+1) / 1000)
		if n >= due {
			time.Sleep((ms+1)*time.Millisecond - el)
			continue
		}
		k, err := sendmmsg(f.fd, msgs[:min(due-n, len(msgs))])
		switch {
		case err == unix.ENOBUFS || err == unix.EAGAIN || err == unix.EINTR:
			time.Sleep(50 * time.Microsecond)
		case err != nil:
			return n, last.Sub(start), fmt.Errorf("flood: sendmmsg on eth0: %w", err)
		}
		n += k
		last = time.Now()
	}
}

// raiseAutogroup sets the nice value of the calling process's autogroup
// (/proc/self/autogroup, sched(7)) and returns what puts the old one back.
func raiseAutogroup(nice int) (func(), error) {
	const path = "/proc/self/autogroup"
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// "/autogroup-1257 nice 0"
	_, old, ok := strings.Cut(strings.TrimSpace(string(b)), " nice ")
	if !ok {
		return nil, fmt.Errorf("%s: unexpected %q", path, b)
	}
	if _, err := strconv.Atoi(old); err != nil {
		return nil, fmt.Errorf("%s: unexpected %q", path, b)
	}
	if err := os.WriteFile(path, []byte(strconv.Itoa(nice)), 0); err != nil {
		return nil, err
	}
	return func() { os.WriteFile(path, []byte(old), 0) }, nil
}

// sendmmsg is sendmmsg(2); x/sys/unix has no wrapper for it.
func sendmmsg(fd int, msgs []unix.Mmsghdr) (int, error) {
	r, _, e := unix.Syscall6(unix.SYS_SENDMMSG, uintptr(fd), uintptr(unsafe.Pointer(&msgs[0])), uintptr(len(msgs)), 0, 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// softnetDrops is the number of frames the kernel dropped from its
// per-CPU input backlogs (/proc/net/softnet_stat, second column, hex),
// for all namespaces.
func softnetDrops(t *testing.T) int {
	b, err := os.ReadFile("/proc/net/softnet_stat")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		n, err := strconv.ParseUint(f[1], 16, 32)
		if err != nil {
			t.Fatalf("/proc/net/softnet_stat: %q: %v", l, err)
		}
		total += int(n)
	}
	return total
}
