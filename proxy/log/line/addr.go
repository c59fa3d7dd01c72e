package line

import (
	"net/netip"

	"hakeep/proxy/logformat"
)

// addr writes an address (lf_ip()): text, quoted with +Q, or with +X its
// bytes in hexadecimal, most significant first.
func (w *builder) addr(a netip.Addr, ok bool, n *logformat.Node) {
	if !ok {
		w.text(nil, n)
		return
	}
	if n.Flags&logformat.Hex != 0 {
		if a.Is4() {
			b := a.As4()
			for _, c := range b {
				w.b = append(w.b, hexDigits[c>>4], hexDigits[c&15])
			}
			return
		}
		b := a.As16()
		for _, c := range b {
			w.b = append(w.b, hexDigits[c>>4], hexDigits[c&15])
		}
		return
	}
	w.quote(n)
	w.b = a.WithZone("").AppendTo(w.b)
	w.quote(n)
}

// port writes a port (lf_port()): a number, never quoted, "%04X" with +X.
func (w *builder) port(p uint16, ok bool, n *logformat.Node) {
	if !ok {
		w.text(nil, n)
		return
	}
	if n.Flags&logformat.Hex != 0 {
		w.hex(uint64(p), 4)
		return
	}
	w.num(int64(p))
}
