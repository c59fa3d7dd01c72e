package lvs

import (
	"log/slog"
	"math/rand/v2"
)

// newCore builds the run-time state of cfg (validate_check_config() and
// the start of start_check()); fileValue reads a FILE_CHECK's file.
func newCore(cfg *Config, log *slog.Logger, n Notifier, r *rand.Rand, fileValue func(*FileConfig) int64) *core {
	c := &core{cfg: cfg, log: log, notify: n, rand: r, vsge: map[vsgeKey]int{}, fileValue: fileValue}
	c.vss, c.checkers = buildServers(cfg)
	return c
}

// readFiles reads the FILE_CHECKs' files (init_track_files()).
func (c *core) readFiles() {
	for _, ck := range c.checkers {
		if ck.file != nil {
			ck.file.last = c.fileValue(ck.cfg.File)
		}
	}
}

// buildServers makes the run-time servers and checkers of cfg, in the
// state keepalived gives them before it programs IPVS: alpha checkers
// down (keepalived.conf(5) alpha), the others up but failing on their
// first failure, FILE_CHECKs from their files' values.
func buildServers(cfg *Config) ([]*vsState, []*checker) {
	var vss []*vsState
	var cks []*checker
	for _, v := range cfg.VirtualServers {
		vs := &vsState{cfg: v, groupReloaded: map[int]bool{}}
		for _, r := range v.RealServers {
			rs := &rsState{cfg: r, inhibit: r.Inhibit, iweight: r.Weight, effWeight: r.Weight}
			if s := v.SorryServer; s != nil && s.Addr == r.Addr {
				vs.sorryIsRS = true
			}
			for _, cc := range r.Checkers {
				ck := &checker{cfg: cc, vs: vs, rs: rs, enabled: true, isUp: true}
				switch cc.Type {
				case HTTPGet, SSLGet:
					ck.http = &httpState{failedURL: -1, lenMismatch: make([]int64, len(cc.HTTP.URLs))}
					if len(cc.HTTP.URLs) == 0 {
						ck.http.url = -1
					}
				case MiscCheck:
					ck.misc = &miscState{}
				case FileCheck:
					ck.file = &fileState{}
					ck.hasRun = true
				}
				rs.checkers = append(rs.checkers, ck)
				cks = append(cks, ck)
			}
			vs.rs = append(vs.rs, rs)
		}
		if s := v.SorryServer; s != nil {
			vs.sorry = &rsState{cfg: s, inhibit: s.Inhibit, iweight: s.Weight, effWeight: s.Weight}
		}
		vss = append(vss, vs)
	}
	return vss, cks
}

// initialStates applies what a first start gives the checkers
// (validate_check_config(), set_track_file_weights(),
// set_track_file_checkers_down(), set_effective_weights()).
func initialStates(cks []*checker) {
	for _, ck := range cks {
		if ck.cfg.Type == FileCheck {
			fileInitial(ck)
			continue
		}
		if ck.cfg.Alpha {
			setCheckerState(ck, false)
			ck.rs.alive = false
		}
		// One failure is enough at first; an alpha checker logs its
		// first failure.
		ck.retryIt = ck.cfg.Retry
	}
	setEffectiveWeights(cks)
}

// setEffectiveWeights is set_effective_weights(): configured weights
// plus what the checkers add.
func setEffectiveWeights(cks []*checker) {
	for _, ck := range cks {
		ck.rs.effWeight = ck.rs.iweight
	}
	for _, ck := range cks {
		ck.rs.effWeight += ck.curWeight
	}
}
