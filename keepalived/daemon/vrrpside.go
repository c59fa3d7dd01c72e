package daemon

import (
	"context"
	"log/slog"
	"os"
	"strconv"

	"hakeep/keepalived/config"
	"hakeep/keepalived/smtpalert"
	"hakeep/keepalived/vrrpmap"
	"hakeep/vrrp"
	"hakeep/vrrp/kernel"
)

// vrrpSide is keepalived's VRRP process: the engine, its notifications
// (scripts, FIFOs, email) and what it logs as Keepalived_vrrp.
type vrrpSide struct {
	eng     *vrrp.Engine
	net     *vrrp.LinuxNet
	scripts *vrrp.ScriptNotifier
	mail    *smtpalert.Alerter
	fifos   []*fifo
	log     *slog.Logger
	// syncStop stops lvs_sync_daemon's daemon when it follows an
	// instance (lvssync.go).
	syncStop func()
}

func newVRRPSide(cfg *config.Config, o Options, log *slog.Logger) (*vrrpSide, error) {
	n, err := vrrp.NewLinuxNet(kernel.NS{})
	if err != nil {
		return nil, err
	}
	v := &vrrpSide{net: n, log: log}
	g := cfg.Global
	for _, fc := range []config.NotifyFIFO{g.NotifyFIFO, g.VRRPNotifyFIFO} {
		if f := openFIFO(fc, log); f != nil {
			v.fifos = append(v.fifos, f)
		}
	}
	v.scripts = &vrrp.ScriptNotifier{Log: log}
	for _, f := range v.fifos {
		v.scripts.FIFOs = append(v.scripts.FIFOs, f.f)
	}
	v.mail = smtpalert.New(mailConfig(g), log)
	m := v.mapConfig(cfg)
	notifiers := vrrp.Notifiers{v.scripts, &smtpalert.VRRPNotifier{A: v.mail}}
	if sn, stop := lvsSync(cfg, log); sn != nil {
		notifiers, v.syncStop = append(notifiers, sn), stop
	}
	v.eng = vrrp.NewEngine(m, vrrp.Deps{Net: n, Log: log,
		Notifier:        notifiers,
		DontReleaseVIPs: o.DontReleaseVRRP, ReleaseVIPs: o.ReleaseVIPs})
	return v, nil
}

// mapConfig maps the model, initialises the track files that ask for it
// and logs what the engine does not run.
func (v *vrrpSide) mapConfig(cfg *config.Config) vrrp.Config {
	initTrackFiles(cfg)
	r := vrrpmap.Map(cfg)
	for _, s := range r.Skipped {
		v.log.Warn("hakeep: " + s + " is not implemented yet - ignored")
	}
	return r.Config
}

// initTrackFiles creates or overwrites the track files whose init_file
// asks for it (vrrp_track.c).
func initTrackFiles(cfg *config.Config) {
	for _, f := range cfg.VRRP.TrackFiles {
		switch f.Init {
		case "create":
			if _, err := os.Stat(f.Path); err == nil {
				continue
			}
		case "overwrite":
		default:
			continue
		}
		os.WriteFile(f.Path, []byte(strconv.Itoa(f.InitValue)+"\n"), 0o644)
	}
}

func mailConfig(g config.Global) smtpalert.Config {
	rid := g.RouterID
	if rid == "" {
		// keepalived's default router_id is the host name.
		rid, _ = os.Hostname()
	}
	return smtpalert.Config{Server: g.SMTPServer, Port: g.SMTPPort, Helo: g.SMTPHeloName, From: g.NotificationEmailFrom,
		To: g.NotificationEmail, RouterID: rid, ConnectTimeout: g.SMTPConnectTO, NoEmailFaults: g.NoEmailFaults}
}

func (v *vrrpSide) run(ctx context.Context) error { return v.eng.Run(ctx) }

// reload applies a new configuration.
func (v *vrrpSide) reload(ctx context.Context, cfg *config.Config) error {
	return v.eng.Reload(ctx, v.mapConfig(cfg))
}

// close ends what the engine's run left: the notify scripts get their
// second, then the FIFOs close.
func (v *vrrpSide) close(ctx context.Context) {
	if v.syncStop != nil {
		v.syncStop()
	}
	v.scripts.Wait(ctx)
	v.mail.Wait()
	for _, f := range v.fifos {
		f.close()
	}
	v.net.Close()
}
