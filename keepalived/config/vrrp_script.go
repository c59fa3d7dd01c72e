package config

import (
	"math"
	"time"
)

// vscript is a vrrp_script while it is read.
type vscript struct {
	m        VRRPScript
	insecure bool
	uid, gid uint32
	idSet    bool
}

func (v *vrrpReader) curScript() *vscript { return v.scripts[len(v.scripts)-1] }

func (v *vrrpReader) script(p *pass, l *line) {
	v.scripts = append(v.scripts, &vscript{m: VRRPScript{Name: l.slot(1), Interval: time.Second,
		Weight: 0, Rise: 1, Fall: 1}})
	v.scriptUserSet, v.removeScript = false, false
}

func (v *vrrpReader) scriptKeywords() []*keyword {
	return []*keyword{
		kw("script", func(p *pass, l *line) {
			s := v.curScript()
			// The line is re-read with quotes and escapes, and its
			// second word split again into the command and its
			// arguments (set_script_params_array): an unquoted
			// "script /bin/x arg" runs /bin/x alone. A line without a
			// command leaves the script as it was.
			words := p.quotedEscaped(l.raw)
			if len(words) >= 2 {
				if args := p.quotedEscaped(words[1]); len(args) > 0 {
					s.m.Script = &Script{Args: args, Line: l.raw}
				}
			}
		}),
		kw("interval", func(p *pass, l *line) {
			s := v.curScript()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "(%s): vrrp script interval '%s' must be between 1 and %d - ignoring", s.m.Name, l.slot(1), math.MaxUint32/timerHz)
				return
			}
			if n == 0 {
				p.report(ClassGeneral, "(%s): vrrp script interval must be greater than 0, setting to 1", s.m.Name)
				n = 1
			}
			s.m.Interval = time.Duration(n) * time.Second
		}),
		kw("timeout", func(p *pass, l *line) {
			s := v.curScript()
			n, ok := p.readUnsigned(l.slot(1), 0, math.MaxUint32/timerHz, true)
			if !ok {
				p.report(ClassGeneral, "(%s): vrrp script timeout '%s' invalid - ignoring", s.m.Name, l.slot(1))
				return
			}
			if n == 0 {
				p.report(ClassGeneral, "(%s): vrrp script timeout must be greater than 0, setting to 1", s.m.Name)
				n = 1
			}
			s.m.Timeout = time.Duration(n) * time.Second
		}),
		kw("weight", func(p *pass, l *line) {
			s := v.curScript()
			n, ok := p.readInt(l.slot(1), -253, 253, true)
			if !ok {
				p.report(ClassGeneral, "vrrp_script %s weight %s must be in [-253, 253]", s.m.Name, l.slot(1))
			}
			// keepalived stores the value read even when it is bad.
			s.m.Weight = int(int32(n))
			if l.n() >= 3 {
				if l.words[2] == "reverse" {
					s.m.Reverse = true
				} else {
					p.report(ClassGeneral, "vrrp_script %s unknown weight option %s", s.m.Name, l.words[2])
				}
			}
		}),
		kw("rise", func(p *pass, l *line) {
			s := v.curScript()
			n, ok := p.readUnsigned(l.slot(1), 1, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "(%s): vrrp script rise value '%s' invalid, defaulting to 1", s.m.Name, l.slot(1))
				n = 1
			}
			s.m.Rise = int(n)
		}),
		kw("fall", func(p *pass, l *line) {
			s := v.curScript()
			n, ok := p.readUnsigned(l.slot(1), 1, math.MaxInt32, true)
			if !ok {
				p.report(ClassGeneral, "(%s): vrrp script fall value '%s' invalid, defaulting to 1", s.m.Name, l.slot(1))
				n = 1
			}
			s.m.Fall = int(n)
		}),
		kw("user", func(p *pass, l *line) {
			s := v.curScript()
			uid, gid, ok := p.uidGid(l.slot(1), l.opt(2))
			if !ok {
				p.report(ClassGeneral, "Unable to set uid/gid for script %s", cmdStr(s.m.Script))
				v.removeScript = true
				return
			}
			s.m.User, s.m.Group = l.slot(1), l.opt(2)
			if s.m.Script != nil {
				s.m.Script.UID, s.m.Script.GID = uid, gid
			}
			s.uid, s.gid, s.idSet = uid, gid, true
			v.removeScript, v.scriptUserSet = false, true
		}),
		kw("init_fail", func(p *pass, l *line) { v.curScript().m.InitFail = true }),
	}
}

// scriptEnd is vrrp_vscript_end_handler.
func (v *vrrpReader) scriptEnd(p *pass) {
	s := v.curScript()
	if s.m.Script == nil || len(s.m.Script.Args) == 0 || s.m.Script.Args[0] == "" {
		p.report(ClassGeneral, "No script set for vrrp_script %s - removing", s.m.Name)
		v.removeScript = true
	} else if !v.removeScript && !v.scriptUserSet {
		uid, gid, fail := p.defaultScriptUser()
		if fail {
			p.report(ClassGeneral, "Unable to set default user for vrrp script %s - removing", s.m.Name)
			v.removeScript = true
		} else {
			s.uid, s.gid, s.idSet = uid, gid, true
		}
	}
	if s.m.Script != nil && s.idSet {
		s.m.Script.UID, s.m.Script.GID = s.uid, s.gid
	}
	if v.removeScript {
		v.scripts = v.scripts[:len(v.scripts)-1]
	}
}

func (v *vrrpReader) curProcess() *TrackProcess { return v.processes[len(v.processes)-1] }

func (v *vrrpReader) trackProcess(p *pass, l *line) {
	v.processes = append(v.processes, &TrackProcess{Name: l.slot(1), Quorum: 1, QuorumMax: math.MaxUint32})
}

func (v *vrrpReader) trackProcessKeywords() []*keyword {
	delay := func(kind string, set func(tp *TrackProcess, d time.Duration)) func(p *pass, l *line) {
		return func(p *pass, l *line) {
			tp := v.curProcess()
			n, ok := p.readDecimal(l.slot(1), 1, 3600*timerHz, 6, true)
			if !ok {
				p.report(ClassGeneral, "%sdelay (%s) for vrrp_track_process %s must be between [0.000001..3600] inclusive. Ignoring...", kind, l.slot(1), tp.Name)
				return
			}
			set(tp, time.Duration(n)*time.Microsecond)
		}
	}
	return []*keyword{
		kw("process", func(p *pass, l *line) {
			tp := v.curProcess()
			if tp.Process != "" {
				p.report(ClassGeneral, "Process already set for track process %s - ignoring %s", tp.Name, l.slot(1))
				return
			}
			tp.Process = l.slot(1)
			if l.n() > 2 {
				tp.Params = append([]string(nil), l.words[2:]...)
				if tp.ParamMatch == "" {
					tp.ParamMatch = "exact"
				}
				tp.FullCommand = true
			}
		}),
		kw("param_match", func(p *pass, l *line) {
			tp := v.curProcess()
			switch {
			case l.n() == 1:
				tp.ParamMatch, tp.FullCommand = "exact", true
			case l.words[1] == "initial" || l.words[1] == "partial":
				tp.ParamMatch, tp.FullCommand = l.words[1], true
			default:
				p.report(ClassGeneral, "Invalid param_match type %s - ignoring", l.words[1])
			}
		}),
		kw("weight", func(p *pass, l *line) {
			tp := v.curProcess()
			if l.n() < 2 {
				p.report(ClassGeneral, "No weight specified for track process %s - ignoring", tp.Name)
				return
			}
			if tp.Weight != 0 {
				p.report(ClassGeneral, "Weight already set for track process %s - ignoring %s", tp.Name, l.words[1])
				return
			}
			n, ok := p.readInt(l.words[1], -254, 254, true)
			if !ok {
				p.report(ClassGeneral, "Weight (%s) for vrrp_track_process %s must be between [-254..254] inclusive. Ignoring...", l.words[1], tp.Name)
				return
			}
			if l.n() >= 3 {
				if l.words[2] == "reverse" {
					tp.Reverse = true
				} else {
					p.report(ClassGeneral, "vrrp_track_process %s unknown weight option %s", tp.Name, l.words[2])
				}
			}
			tp.Weight = int(n)
		}),
		kw("quorum", func(p *pass, l *line) {
			tp := v.curProcess()
			n, ok := p.readUnsigned(l.slot(1), 1, 65535, true)
			if !ok {
				p.report(ClassGeneral, "Quorum (%s) for vrrp_track_process %s must be between [1..65535] inclusive. Ignoring...", l.slot(1), tp.Name)
				return
			}
			if int(n) > tp.QuorumMax {
				p.report(ClassGeneral, "Quorum is greater than quorum_max - ignoring")
				return
			}
			tp.Quorum = int(n)
		}),
		kw("quorum_max", func(p *pass, l *line) {
			tp := v.curProcess()
			n, ok := p.readUnsigned(l.slot(1), 0, 65535, true)
			if !ok {
				p.report(ClassGeneral, "quorum_max (%s) for vrrp_track_process %s must be between [0..65535] inclusive. Ignoring...", l.slot(1), tp.Name)
				return
			}
			if (n != 0 || tp.Quorum > 1) && int(n) < tp.Quorum {
				p.report(ClassGeneral, "quorum_max is less than quorum - ignoring")
				return
			}
			tp.QuorumMax = int(n)
			if n == 0 {
				tp.Quorum = 0
			} else if tp.Quorum == 0 {
				tp.Quorum = 1
			}
		}),
		kw("delay", delay("", func(tp *TrackProcess, d time.Duration) { tp.Delay, tp.TerminateDelay, tp.ForkDelay = d, d, d })),
		kw("terminate_delay", delay("terminate_", func(tp *TrackProcess, d time.Duration) { tp.TerminateDelay = d })),
		kw("fork_delay", delay("fork_", func(tp *TrackProcess, d time.Duration) { tp.ForkDelay = d })),
		kw("full_command", func(p *pass, l *line) { v.curProcess().FullCommand = true }),
	}
}

// trackProcessEnd is vrrp_tprocess_end_handler.
func (v *vrrpReader) trackProcessEnd(p *pass) {
	tp := v.curProcess()
	if tp.Process == "" {
		p.report(ClassGeneral, "track process '%s' process name not specified", tp.Name)
		v.processes = v.processes[:len(v.processes)-1]
	}
}
