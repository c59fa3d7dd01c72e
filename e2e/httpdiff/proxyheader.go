package httpdiff

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

// proxyV2Sig starts every PROXY protocol v2 header (proxy-protocol.txt
// section 2.2).
const proxyV2Sig = "\r\n\r\n\x00\r\nQUIT\n"

// readProxyHeader reads a PROXY protocol v1 or v2 header and returns it
// as text: the v1 line as sent, or the v2 fields decoded.
func readProxyHeader(r *bufio.Reader) (string, error) {
	sig, err := r.Peek(len(proxyV2Sig))
	if err != nil {
		return "", err
	}
	if string(sig) != proxyV2Sig {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(line, "PROXY ") {
			return "", fmt.Errorf("not a PROXY header: %q", line)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	hdr := make([]byte, 16)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return "", err
	}
	body := make([]byte, binary.BigEndian.Uint16(hdr[14:]))
	if _, err := io.ReadFull(r, body); err != nil {
		return "", err
	}
	return decodeProxyV2(hdr[12], hdr[13], body)
}

// decodeProxyV2 renders the version/command byte, the family byte and
// the addresses and TLVs of a v2 header.
func decodeProxyV2(verCmd, fam byte, body []byte) (string, error) {
	var b strings.Builder
	cmd := map[byte]string{0x20: "LOCAL", 0x21: "PROXY"}[verCmd]
	if cmd == "" {
		return "", fmt.Errorf("bad version/command 0x%02x", verCmd)
	}
	fmt.Fprintf(&b, "v2 %s fam=0x%02x", cmd, fam)
	var alen int
	switch fam >> 4 {
	case 1:
		alen = 12
		if len(body) < alen {
			return "", errors.New("short IPv4 addresses")
		}
		fmt.Fprintf(&b, " %s:%d -> %s:%d", net.IP(body[0:4]), binary.BigEndian.Uint16(body[8:]),
			net.IP(body[4:8]), binary.BigEndian.Uint16(body[10:]))
	case 2:
		alen = 36
		if len(body) < alen {
			return "", errors.New("short IPv6 addresses")
		}
		fmt.Fprintf(&b, " [%s]:%d -> [%s]:%d", net.IP(body[0:16]), binary.BigEndian.Uint16(body[32:]),
			net.IP(body[16:32]), binary.BigEndian.Uint16(body[34:]))
	case 3:
		alen = 216
	}
	if alen > len(body) {
		alen = len(body)
	}
	for tlv := body[alen:]; len(tlv) >= 3; {
		n := int(binary.BigEndian.Uint16(tlv[1:]))
		if 3+n > len(tlv) {
			return "", errors.New("TLV overruns the header")
		}
		fmt.Fprintf(&b, " tlv 0x%02x=%s", tlv[0], hex.EncodeToString(tlv[3:3+n]))
		tlv = tlv[3+n:]
	}
	return b.String(), nil
}

// proxyV2 builds a v2 PROXY header for a client script: a TCP over IPv4
// connection from src to dst ("a.b.c.d:port").
func proxyV2(src, dst string) string {
	s, _ := net.ResolveTCPAddr("tcp4", src)
	d, _ := net.ResolveTCPAddr("tcp4", dst)
	body := make([]byte, 12)
	copy(body[0:4], s.IP.To4())
	copy(body[4:8], d.IP.To4())
	binary.BigEndian.PutUint16(body[8:], uint16(s.Port))
	binary.BigEndian.PutUint16(body[10:], uint16(d.Port))
	hdr := []byte(proxyV2Sig + "\x21\x11\x00\x00")
	binary.BigEndian.PutUint16(hdr[14:], uint16(len(body)))
	return string(hdr) + string(body)
}
