// Package ipvs_e2e runs hakeep's IPVS code against a real kernel in a VM
// (hakeep/e2e/vm) and captures the golden netlink messages that
// ipvs/testdata holds.
package ipvs_e2e

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// exchange is one message buffer on the netlink socket, as strace dumped
// it: sent by the program or received from the kernel.
type exchange struct {
	send bool
	data []byte
}

// parseStrace extracts the buffers from the output of
//
//	strace -f -xx -e trace=sendmsg,recvmsg -e write=all -e read=all
//
// that is, each syscall line followed by " * N bytes in buffer K" and
// hex-dump lines " | 00000  20 00 00 00 ...  ascii |". recvmsg calls made
// with MSG_PEEK (libnl peeks to size its buffer, then reads the same bytes
// again) are dropped so each message appears once.
func parseStrace(out string) ([]exchange, error) {
	var ex []exchange
	var cur *exchange
	skip := false
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimLeft(stripPID(line), " ")
		switch {
		case strings.HasPrefix(line, "sendmsg("), strings.HasPrefix(line, "recvmsg("):
			cur = nil
			skip = strings.Contains(line, "MSG_PEEK")
			if strings.HasPrefix(line, "sendmsg(") {
				ex = append(ex, exchange{send: true})
			} else if !skip {
				ex = append(ex, exchange{})
			}
			if !skip {
				cur = &ex[len(ex)-1]
			}
		case strings.HasPrefix(line, "| "):
			if cur == nil {
				if skip {
					continue
				}
				return nil, fmt.Errorf("hex dump outside a syscall: %q", line)
			}
			b, err := dumpLine(line)
			if err != nil {
				return nil, err
			}
			cur.data = append(cur.data, b...)
		}
	}
	return ex, nil
}

// stripPID removes what strace puts before each line with -f: "[pid N] "
// on the terminal, "N" and padding with -o.
func stripPID(line string) string {
	if rest, ok := strings.CutPrefix(line, "[pid "); ok {
		if _, after, ok := strings.Cut(rest, "] "); ok {
			return after
		}
		return line
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && line[i] == ' ' {
		return line[i:]
	}
	return line
}

// dumpLine decodes "| 00010  03 01 00 00 09 00 02 00  49 50 56 53 00 00 00 00  ....IPVS.... |":
// the offset, then 16 hex bytes in a 49-column field, then ASCII.
func dumpLine(line string) ([]byte, error) {
	const start, width = 9, 49
	if len(line) < start+2 {
		return nil, fmt.Errorf("short hex dump line %q", line)
	}
	field := line[start:min(len(line), start+width)]
	var b []byte
	for _, tok := range strings.Fields(field) {
		v, err := hex.DecodeString(tok)
		if err != nil || len(v) != 1 {
			return nil, fmt.Errorf("bad byte %q in hex dump line %q", tok, line)
		}
		b = append(b, v[0])
	}
	return b, nil
}
