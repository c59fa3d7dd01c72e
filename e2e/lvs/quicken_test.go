package lvs_e2e

import "testing"

func TestQuicken(t *testing.T) {
	in := `virtual_server 10.0.0.1 80 {
    delay_loop 60
    warmup 0.5   # kept
    real_server 10.0.0.2 80 {
        TCP_CHECK {
            connect_timeout 5
            delay_before_retry abc
        }
    }
}
virtual_server_group G {
    10.0.0.3 80
}
virtual_server group G {
    misc_timeout 3.5
}
`
	want := `virtual_server 10.0.0.1 80 {
    delay_loop 2
    delay_loop 2
    warmup 0.5   # kept
    real_server 10.0.0.2 80 {
        TCP_CHECK {
            connect_timeout 1
            delay_before_retry abc
        }
    }
}
virtual_server_group G {
    10.0.0.3 80
}
virtual_server group G {
    delay_loop 2
    misc_timeout 3
}
`
	if got := string(quicken([]byte(in))); got != want {
		t.Errorf("quicken:\n%s\nwant:\n%s", got, want)
	}
}
