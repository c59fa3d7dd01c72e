package lvs_e2e

import (
	"strings"
	"testing"
)

func TestByServer(t *testing.T) {
	log := []string{
		"Gained quorum 2+1=3 <= 6 for VS [10.66.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 9 for VS [10.66.0.1]:tcp:443",
		"TCP_CHECK on service [10.56.0.2]:tcp:80 failed after 1 retries.",
		"Misc check for [[10.56.0.5]:tcp:443 VS [10.66.0.1]:tcp:443] by [/bin/sh] succeeded.",
		"Starting Keepalived v2.2.7 (01/16,2022)",
		"TCP_CHECK on service [10.56.0.1]:tcp:80 failed after 2 retries.",
		"Removing service [10.56.0.2]:tcp:80 from VS [10.66.0.1]:tcp:80",
		"Lost quorum 2-1=1 > 0 for VS [10.66.0.1]:tcp:80",
	}
	want := []string{
		"TCP_CHECK on service [10.56.0.1]:tcp:80 failed after 2 retries.",
		"TCP_CHECK on service [10.56.0.2]:tcp:80 failed after 1 retries.",
		"Removing service [10.56.0.2]:tcp:80 from VS [10.66.0.1]:tcp:80",
		"Gained quorum 1+0=1 <= 9 for VS [10.66.0.1]:tcp:443",
		"Gained quorum 2+1=3 <= 6 for VS [10.66.0.1]:tcp:80",
		"Lost quorum 2-1=1 > 0 for VS [10.66.0.1]:tcp:80",
		"Misc check for [[10.56.0.5]:tcp:443 VS [10.66.0.1]:tcp:443] by [/bin/sh] succeeded.",
	}
	if got := byServer(log); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("byServer:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
