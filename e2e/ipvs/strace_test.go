package ipvs_e2e

import (
	"bytes"
	"testing"
)

// A fragment of strace 6.1's real output (ipvsadm -Ln on a kernel without
// IPVS, captured on the host).
const straceSample = `sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=[...], iov_len=32}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 32
 * 32 bytes in buffer 0
 | 00000  20 00 00 00 10 00 05 00  d7 fb 01 6b 91 5f 80 a7   ..........k._.. |
 | 00010  03 01 00 00 09 00 02 00  49 50 56 53 00 00 00 00  ........IPVS.... |
recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[...], msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_PEEK|MSG_TRUNC) = 52
 * 52 bytes in buffer 0
 | 00000  34 00 00 00 02 00 00 00  d7 fb 01 6b 91 5f 80 a7  4..........k._.. |
 | 00010  fe ff ff ff 20 00 00 00  10 00 05 00 d7 fb 01 6b  .... ..........k |
 | 00020  91 5f 80 a7 03 01 00 00  09 00 02 00 49 50 56 53  ._..........IPVS |
 | 00030  00 00 00 00                                       ....             |
[pid  101] recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[...], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 52
[pid  101]  * 52 bytes in buffer 0
[pid  101]  | 00000  34 00 00 00 02 00 00 00  d7 fb 01 6b 91 5f 80 a7  4..........k._.. |
[pid  101]  | 00010  fe ff ff ff 20 00 00 00  10 00 05 00 d7 fb 01 6b  .... ..........k |
[pid  101]  | 00020  91 5f 80 a7 03 01 00 00  09 00 02 00 49 50 56 53  ._..........IPVS |
[pid  101]  | 00030  00 00 00 00                                       ....             |
`

func TestParseStrace(t *testing.T) {
	ex, err := parseStrace(straceSample)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 2 || !ex[0].send || ex[1].send {
		t.Fatalf("got %d exchanges: %+v", len(ex), ex)
	}
	want0 := []byte{0x20, 0, 0, 0, 0x10, 0, 5, 0, 0xd7, 0xfb, 1, 0x6b, 0x91, 0x5f, 0x80, 0xa7, 3, 1, 0, 0, 9, 0, 2, 0, 'I', 'P', 'V', 'S', 0, 0, 0, 0}
	if !bytes.Equal(ex[0].data, want0) {
		t.Errorf("send = % x", ex[0].data)
	}
	if len(ex[1].data) != 52 || ex[1].data[0] != 0x34 || ex[1].data[16] != 0xfe {
		t.Errorf("recv = % x", ex[1].data)
	}
}

func TestParseStraceOutputFile(t *testing.T) {
	// strace -f -o FILE prefixes each line with the pid and padding.
	in := "118   sendmsg(3, {...}, 0) = 4\n118    * 4 bytes in buffer 0\n118    | 00000  01 02 03 04                                       ....             |\n"
	ex, err := parseStrace(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 1 || !bytes.Equal(ex[0].data, []byte{1, 2, 3, 4}) {
		t.Fatalf("got %+v", ex)
	}
}
