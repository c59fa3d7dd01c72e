package ipvs_e2e

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"hakeep/ipvs"
)

// ipvsadmLines renders state as `ipvsadm -Ln` prints it (ipvsadm.c,
// print_service_entry() and print_dest_entry(), checked against the
// "# stdout:" lines of ipvs/testdata/golden/39-list.txt), one block per
// service, in a canonical order (see canonical).
func ipvsadmLines(state []ipvs.VirtualService) string {
	var blocks [][]string
	for _, vs := range state {
		block := []string{serviceLine(vs.Service)}
		for _, d := range vs.Destinations {
			addr := netip.AddrPortFrom(d.Addr, d.Port).String()
			block = append(block, fmt.Sprintf("  -> %-28s %-7s %-6d %-10d %-10d", addr, d.Method, d.Weight, 0, 0))
		}
		blocks = append(blocks, block)
	}
	return canonicalBlocks(blocks)
}

func serviceLine(s ipvs.Service) string {
	k := s.Normal()
	var b strings.Builder
	if k.FWMark != 0 {
		fmt.Fprintf(&b, "FWM  %d", k.FWMark)
		if k.Family == ipvs.IPv6 {
			b.WriteString(" IPv6")
		}
	} else {
		fmt.Fprintf(&b, "%-4s %s", k.Protocol, netip.AddrPortFrom(k.Addr, k.Port))
	}
	fmt.Fprintf(&b, " %s", s.Scheduler)
	var flags []string
	for i, f := range []ipvs.ServiceFlags{ipvs.FlagSched1, ipvs.FlagSched2, ipvs.FlagSched3} {
		if s.Flags&f == 0 {
			continue
		}
		switch {
		case s.Scheduler == "sh" && i < 2:
			flags = append(flags, []string{"sh-fallback", "sh-port"}[i])
		case s.Scheduler == "mh" && i < 2:
			flags = append(flags, []string{"mh-fallback", "mh-port"}[i])
		default:
			flags = append(flags, fmt.Sprintf("flag-%d", i+1))
		}
	}
	if len(flags) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(flags, ","))
	}
	if s.Flags&ipvs.FlagPersistent != 0 {
		fmt.Fprintf(&b, " persistent %d", s.Timeout)
		if bits := s.NetmaskBits(); k.Family == ipvs.IPv6 && bits != 128 {
			fmt.Fprintf(&b, " mask %d", bits)
		} else if k.Family == ipvs.IPv4 && bits != 32 {
			m := ^uint32(0) << (32 - bits)
			fmt.Fprintf(&b, " mask %d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)
		}
		if s.PE != "" {
			fmt.Fprintf(&b, " pe %s", s.PE)
		}
	}
	if s.Flags&ipvs.FlagOnePacket != 0 {
		b.WriteString(" ops")
	}
	return b.String()
}

// parseIpvsadm splits `ipvsadm -Ln` output after its three header lines
// into blocks and returns them canonically ordered.
func parseIpvsadm(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 3 {
		return "bad output: " + out
	}
	var blocks [][]string
	for _, l := range lines[3:] {
		if strings.HasPrefix(l, "  ->") {
			if len(blocks) == 0 {
				return "destination before any service: " + out
			}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], l)
			continue
		}
		blocks = append(blocks, []string{l})
	}
	return canonicalBlocks(blocks)
}

// canonicalBlocks sorts the destination lines in each block and the
// blocks by service line: the kernel lists services in hash order and
// destinations most recent first, which says nothing about the state.
func canonicalBlocks(blocks [][]string) string {
	var out []string
	for _, b := range blocks {
		dests := append([]string(nil), b[1:]...)
		sort.Strings(dests)
		out = append(out, strings.Join(append([]string{b[0]}, dests...), "\n"))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
