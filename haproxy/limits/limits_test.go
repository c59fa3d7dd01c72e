package limits

import (
	"errors"
	"reflect"
	"testing"
)

// fakeRLimit behaves like the kernel for an unprivileged process: the
// hard limit cannot be raised.
type fakeRLimit struct{ cur, max int }

func (f *fakeRLimit) Get() (int, int, error) { return f.cur, f.max, nil }
func (f *fakeRLimit) Set(cur, max int) error {
	if max > f.max || cur > max {
		return errors.New("operation not permitted")
	}
	f.cur, f.max = cur, max
	return nil
}

// Every expectation below was read from Debian's haproxy 2.6.12 ("show
// info" and stderr) on a host whose limit is 20000/20000, with two bind
// lines and one stats socket (3 sockets) unless said otherwise.
func TestComputeMatches26(t *testing.T) {
	base := Inputs{NbThread: 2, Sockets: 3, CLIMaxConn: 10, BootCur: 20000, BootMax: 20000}
	cases := []struct {
		name    string
		edit    func(*Inputs)
		maxconn int
		maxsock int
		nofile  int
	}{
		{"automatic", func(*Inputs) {}, 9985, 19999, 19999},
		{"nbthread 1", func(in *Inputs) { in.NbThread = 1 }, 9987, 20000, 20000},
		{"fd-hard-limit 5000", func(in *Inputs) { in.FDHardLimit = 5000 }, 2485, 4999, 4999},
		{"stats maxconn 30", func(in *Inputs) { in.CLIMaxConn = 30 }, 9975, 19999, 19999},
		{"maxconn 30000", func(in *Inputs) { in.MaxConn = 30000 }, 30000, 60029, 60029},
		{"ulimit-n 15000", func(in *Inputs) { in.UlimitN = 15000 }, 9985, 19999, 15000},
		{"-n 50", func(in *Inputs) { in.MaxConn = 50 }, 50, 129, 129},
		{"nbthread 1, maxconn 5000, ulimit-n 900", func(in *Inputs) { in.NbThread, in.MaxConn, in.UlimitN = 1, 5000, 900 }, 5000, 10026, 900},
		{"one socket, no stats, maxconn 20000", func(in *Inputs) { in.Sockets, in.CLIMaxConn, in.MaxConn = 1, 0, 20000 }, 20000, 40017, 40017},
		{"fe and stats socket, maxconn 9000", func(in *Inputs) { in.Sockets, in.MaxConn = 2, 9000 }, 9000, 18028, 18028},
		{"fe and stats socket", func(in *Inputs) { in.Sockets = 2 }, 9986, 20000, 20000},
		{"tiny limit floors at 100", func(in *Inputs) { in.BootCur, in.BootMax = 64, 64 }, 100, 229, 229},
	}
	for _, c := range cases {
		in := base
		c.edit(&in)
		r := Compute(in)
		if r.MaxConn != c.maxconn || r.MaxSock != c.maxsock || r.NoFile != c.nofile {
			t.Errorf("%s: maxconn %d maxsock %d nofile %d, want %d %d %d", c.name, r.MaxConn, r.MaxSock, r.NoFile, c.maxconn, c.maxsock, c.nofile)
		}
		if r.Auto != (in.MaxConn == 0) {
			t.Errorf("%s: auto %v", c.name, r.Auto)
		}
	}
}

func TestSplicePipes(t *testing.T) {
	in := Inputs{NbThread: 1, Sockets: 1, BootCur: 20000, BootMax: 20000,
		Splice: []SpliceProxy{{Frontend: true, Backend: true}}}
	// an unlimited splicing frontend: maxsock = 2.5 * maxconn
	if got := in.IdealMaxConn(); got != 2*(20000-11-3)/5 {
		t.Errorf("ideal maxconn %d", got)
	}
	in.MaxConn = 1000
	r := Compute(in)
	if r.MaxPipes != 250 || r.MaxSock != 11+2000+500+3 {
		t.Errorf("pipes %d maxsock %d", r.MaxPipes, r.MaxSock)
	}
	in.MaxPipes = 7
	if r := Compute(in); r.MaxPipes != 7 || r.MaxSock != 11+2000+14+3 {
		t.Errorf("maxpipes set: %+v", r)
	}
}

func TestApply(t *testing.T) {
	in := Inputs{NbThread: 2, Sockets: 1, MaxConn: 20000, BootCur: 20000, BootMax: 20000}
	r := Compute(in)
	rl := &fakeRLimit{20000, 20000}
	o := Apply(rl, r, in, true, "/usr/sbin/haproxy")
	want := Outcome{Alerts: []string{"[/usr/sbin/haproxy.main()] Cannot raise FD limit to 40017, limit is 20000."}, Fatal: true, NoFile: 40017}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("strict: %+v\nwant %+v", o, want)
	}

	in = Inputs{NbThread: 2, Sockets: 3, CLIMaxConn: 10, MaxConn: 30000, BootCur: 20000, BootMax: 20000}
	o = Apply(&fakeRLimit{20000, 20000}, Compute(in), in, false, "/usr/sbin/haproxy")
	want = Outcome{
		Warnings: []string{"[/usr/sbin/haproxy.main()] Cannot raise FD limit to 60029, limit is 20000."},
		Alerts:   []string{"[/usr/sbin/haproxy.main()] FD limit (20000) too low for maxconn=30000/maxsock=60029. Please raise 'ulimit-n' to 60029 or more to avoid any trouble."},
		NoFile:   20000,
	}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("no strict-limits: %+v\nwant %+v", o, want)
	}

	// raising the soft limit up to the hard one works; nothing is lowered
	in = Inputs{NbThread: 2, Sockets: 3, CLIMaxConn: 10, BootCur: 1024, BootMax: 20000}
	rl = &fakeRLimit{1024, 20000}
	o = Apply(rl, Compute(in), in, true, "haproxy")
	if o.Fatal || len(o.Alerts)+len(o.Warnings) != 0 || rl.cur != 19999 {
		t.Errorf("raise: %+v limit %d", o, rl.cur)
	}
	in.UlimitN = 100
	in.MaxConn = 30
	rl = &fakeRLimit{20000, 20000}
	if o := Apply(rl, Compute(in), in, true, "haproxy"); o.Fatal || rl.cur != 20000 {
		t.Errorf("ulimit-n below the limit lowered it: %+v %d", o, rl.cur)
	}
	// ulimit-n below what maxconn needs, on a low limit: 2.6 refuses
	in = Inputs{NbThread: 1, Sockets: 1, MaxConn: 5000, UlimitN: 500, BootCur: 1024, BootMax: 20000}
	o = Apply(&fakeRLimit{1024, 20000}, Compute(in), in, true, "haproxy")
	if !o.Fatal || len(o.Alerts) != 1 || o.Alerts[0] != "[haproxy.main()] FD limit (1024) too low for maxconn=5000/maxsock=10014. Please raise 'ulimit-n' to 10014 or more to avoid any trouble." {
		t.Errorf("too low: %+v", o)
	}
}

func TestProcessRLimit(t *testing.T) {
	cur, mx, err := Process{}.Get()
	if err != nil || cur <= 0 || mx < cur {
		t.Fatalf("get %d %d %v", cur, mx, err)
	}
	if err := (Process{}).Set(cur, mx); err != nil {
		t.Fatalf("setting the same limits: %v", err)
	}
}
