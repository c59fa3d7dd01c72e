package lvsmap

import (
	"net/netip"
	"testing"
	"time"

	"hakeep/ipvs"
	"hakeep/ipvs/lvs"
	"hakeep/keepalived/config"
)

func load(t *testing.T, src string) Result {
	t.Helper()
	res := config.LoadSource("keepalived.conf", []byte(src), config.Options{})
	if res.Config == nil {
		t.Fatalf("not loaded: %v", res.Messages)
	}
	return Map(res.Config)
}

func TestVirtualServerSettings(t *testing.T) {
	m := load(t, `
global_defs {
    lvs_timeouts tcp 900 udp 60
    lvs_flush
    lvs_flush_on_stop VS
    lvs_sync_daemon eth0 id 7 maxlen 1400
}
virtual_server 10.0.0.1 53 {
    lb_algo sh
    sh-port
    sh-fallback
    ops
    flag-3
    lb_kind DR
    protocol UDP
    persistence_timeout 60
    persistence_granularity 255.255.255.0
    persistence_engine sip
    real_server 10.0.1.1 53 {
        uthreshold 10
        lthreshold 2
    }
    real_server 10.0.1.2 53 {
        lvs_method TUN type gue port 6080 csum
    }
}
virtual_server 10.0.0.2 80 {
    lb_algo rr
    ops
    persistence_granularity 33
    protocol TCP
    real_server 10.0.1.1 80 {
    }
}
`)
	c := m.Config
	if c.Timeouts != (ipvs.Timeouts{TCP: 900 * time.Second, UDP: 60 * time.Second}) || !c.Flush || c.FlushOnStop != lvs.FlushVS {
		t.Errorf("globals %+v", c)
	}
	if d := c.SyncDaemon; d == nil || d.Interface != "eth0" || d.SyncID != 7 || d.MaxLen != 1400 {
		t.Errorf("sync daemon %+v", d)
	}
	vs := c.VirtualServers[0]
	if vs.Scheduler != "sh" || vs.Flags != ipvs.FlagSHPort|ipvs.FlagSHFallback|ipvs.FlagOnePacket|ipvs.FlagSched3 ||
		vs.Protocol != ipvs.UDP || vs.Timeout != 60 || vs.Netmask != 24 || vs.Mask4 != 0 || vs.PE != "sip" {
		t.Errorf("virtual server %+v", vs)
	}
	rs := vs.RealServers[0]
	if rs.Method != ipvs.DRoute || rs.UThreshold != 10 || rs.LThreshold != 2 || rs.Weight != 1 {
		t.Errorf("real server %+v", rs)
	}
	if rs := vs.RealServers[1]; rs.Method != ipvs.Tunnel || rs.TunnelType != ipvs.TunnelGUE || rs.TunnelPort != 6080 || rs.TunnelFlags != ipvs.TunnelCsum {
		t.Errorf("tunnelled real server %+v", rs)
	}
	// ops only on UDP; an IPv4 granularity need not be a prefix.
	if vs := c.VirtualServers[1]; vs.Flags != 0 || vs.Mask4 != 33 || vs.Netmask != 0 {
		t.Errorf("second virtual server %+v", vs)
	}
}

// Checkers inherit from their real and virtual servers, then take their
// type's defaults (check_data.c, check_*.c).
func TestCheckerDefaults(t *testing.T) {
	m := load(t, `
global_defs {
    enable_script_security
    script_user root
}
virtual_server 10.0.0.1 80 {
    lb_algo rr
    protocol TCP
    delay_loop 7
    connect_timeout 4
    real_server 10.0.1.1 80 {
        TCP_CHECK {
        }
        HTTP_GET {
            url {
                path /
            }
        }
        MISC_CHECK {
            misc_path /bin/true
        }
        DNS_CHECK {
        }
    }
    real_server 10.0.1.2 80 {
        retry 5
        delay_before_retry 2
        warmup 0
        TCP_CHECK {
            connect_ip 10.0.2.2
            connect_port 8080
            delay_loop 3
        }
    }
}
`)
	rs := m.Config.VirtualServers[0].RealServers
	want := []struct {
		typ                    lvs.CheckerType
		retry                  int
		loop, dbr, warmup, cto time.Duration
	}{
		{lvs.TCPCheck, 1, 7 * time.Second, time.Second, 7 * time.Second, 4 * time.Second},
		{lvs.HTTPGet, 1, 7 * time.Second, 3 * time.Second, 7 * time.Second, 4 * time.Second},
		{lvs.MiscCheck, 0, 7 * time.Second, time.Second, 7 * time.Second, 4 * time.Second},
		{lvs.DNSCheck, 3, 7 * time.Second, 7 * time.Second, 7 * time.Second, 4 * time.Second},
	}
	for i, w := range want {
		ck := rs[0].Checkers[i]
		if ck.Type != w.typ || ck.Retry != w.retry || ck.DelayLoop != w.loop || ck.DelayBeforeRetry != w.dbr ||
			ck.Warmup != w.warmup || ck.Conn.Timeout != w.cto {
			t.Errorf("%s: %+v, want %+v", w.typ, ck, w)
		}
	}
	if ck := rs[0].Checkers[3]; ck.DNS.Type != 6 || ck.DNS.Name != "." {
		t.Errorf("DNS_CHECK defaults %+v", ck.DNS)
	}
	ck := rs[1].Checkers[0]
	if ck.Retry != 5 || ck.DelayBeforeRetry != 2*time.Second || ck.Warmup != 0 || ck.DelayLoop != 3*time.Second ||
		ck.Conn.Dst != netip.MustParseAddrPort("10.0.2.2:8080") {
		t.Errorf("inherited %+v", ck)
	}
}

func TestGranularity(t *testing.T) {
	for _, c := range []struct {
		s      string
		af     int
		prefix int
		mask4  uint32
	}{
		{"255.255.255.0", 4, 24, 0},
		{"255.255.0.0", 0, 16, 0},
		{"33", 4, 0, 33},
		{"0xffffff00", 4, 24, 0},
		{"255.255.255", 4, 0, 0xffff00ff},
		{"64", 6, 64, 0},
		{"64", 0, 64, 0},
	} {
		p, m := granularity(c.s, c.af)
		if p != c.prefix || m != c.mask4 {
			t.Errorf("%q (af %d): %d %#x, want %d %#x", c.s, c.af, p, m, c.prefix, c.mask4)
		}
	}
}
