package dump

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"hakeep/vrrp"
)

// Stats writes /tmp/keepalived.stats (vrrp_print.c vrrp_print_stats).
func Stats(w io.Writer, st vrrp.Status) {
	for _, s := range st.Instances {
		c := s.Stats
		fmt.Fprintf(w, "VRRP Instance: %s\n", s.Config.Name)
		fmt.Fprintf(w, "  Advertisements:\n    Received: %d\n    Sent: %d\n", c.AdvertRcvd, c.AdvertSent)
		fmt.Fprintf(w, "  Became master: %d\n  Released master: %d\n", c.BecameMaster, c.ReleasedMaster)
		fmt.Fprintf(w, "  Packet Errors:\n    Length: %d\n    TTL: %d\n    Invalid Type: %d\n"+
			"    Advertisement Interval: %d\n    Address List: %d\n",
			c.PacketLenErr, c.IPTTLErr, c.InvalidType, c.AdvertIntErr, c.AddrListErr)
		fmt.Fprintf(w, "  Authentication Errors:\n    Invalid Type: %d\n    Type Mismatch: %d\n    Failure: %d\n",
			c.AuthInvalid, c.AuthMismatch, c.AuthFailure)
		fmt.Fprintf(w, "  Priority Zero:\n    Received: %d\n    Sent: %d\n", c.PriZeroRcvd, c.PriZeroSent)
	}
}

// readInt reads the first number of a track file, 0 when there is none.
func readInt(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(f[0])
	return n
}
