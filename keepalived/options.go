package main

import (
	"strconv"

	"github.com/spf13/pflag"
)

// defaultConfigFile is where Debian's keepalived reads its configuration.
const defaultConfigFile = "/etc/keepalived/keepalived.conf"

// optNone marks an optional-argument option given without its argument
// (pflag needs a non-empty default for that).
const optNone = "\x00"

// Options are keepalived 2.2.7's command line options (keepalived(8),
// core/main.c parse_cmdline). The engines read them when they start.
type Options struct {
	// ConfigFile is -f/--use-file: a glob pattern matching one file.
	ConfigFile string
	// OnlyVRRP is -P/--vrrp, OnlyCheck -C/--check, NoBFD -B/--no_bfd:
	// which subsystems run. All is --all: start every subsystem even
	// without configuration.
	OnlyVRRP, OnlyCheck, NoBFD, All bool
	// LogConsole is -l, LogDetail -D (given twice: extra detail),
	// LogFacility -S (0-7, local0-7, user or daemon), NoSyslog -G.
	// (-g, a log file, is refused as Debian's build refuses it.)
	LogConsole  bool
	LogDetail   int
	LogFacility string
	NoSyslog    bool
	// Umask is -u/--umask (numeric), as given.
	Umask string
	// ReleaseVIPs is -X, DontReleaseVRRP -V, DontReleaseIPVS -I.
	ReleaseVIPs, DontReleaseVRRP, DontReleaseIPVS bool
	// DontRespawn is -R, DontFork -n, DumpConf -d.
	DontRespawn, DontFork, DumpConf bool
	// PIDFile is -p, VRRPPIDFile -r, CheckersPIDFile -c, BFDPIDFile -b.
	PIDFile, VRRPPIDFile, CheckersPIDFile, BFDPIDFile string
	// AddressMonitoring is -a: log address changes netlink reports.
	AddressMonitoring bool
	// SNMP is -x, SNMPSocket -A.
	SNMP       bool
	SNMPSocket string
	// Namespace is -s: the network namespace to run in, overriding
	// net_namespace.
	Namespace string
	// CoreDump is -m; CoreDumpPattern -M (implies -m; "" means "core").
	CoreDump        bool
	CoreDumpPattern *string
	// AllConfig is -e: every include problem is an error.
	AllConfig bool
	// ConfigID is -i: the id @id lines are matched against.
	ConfigID string
	// ConfigTest is -t/--config-test; ConfigTestLog its optional file
	// (messages go to stderr otherwise).
	ConfigTest    bool
	ConfigTestLog string
	// ConfigFD is --config-fd (keepalived's children read the
	// configuration copy from it), -1 when not given.
	ConfigFD int
	// Genhash is -T: genhash mode; Signum is --signum; Version is -v and
	// Help -h.
	Genhash bool
	Signum  string
	Version bool
	Help    bool
	// Unexpected are the arguments that are not options.
	Unexpected []string
}

// parseOptions stores the options scanArgs found, in command line order,
// in Options. scanArgs has already checked them as keepalived does, so
// pflag sees each one in its long form and cannot fail.
func parseOptions(events []optEvent) Options {
	var o Options
	fs := pflag.NewFlagSet("keepalived", pflag.ContinueOnError)
	var coreDump, configFD string
	var logDetail int
	fs.StringVarP(&o.ConfigFile, "use-file", "f", defaultConfigFile, "")
	fs.BoolVarP(&o.OnlyVRRP, "vrrp", "P", false, "")
	fs.BoolVarP(&o.OnlyCheck, "check", "C", false, "")
	fs.BoolVarP(&o.NoBFD, "no_bfd", "B", false, "")
	fs.BoolVar(&o.All, "all", false, "")
	fs.BoolVarP(&o.LogConsole, "log-console", "l", false, "")
	fs.CountVarP(&logDetail, "log-detail", "D", "")
	fs.StringVarP(&o.LogFacility, "log-facility", "S", "", "")
	fs.BoolVarP(&o.AllConfig, "all-config", "e", false, "")
	fs.BoolVarP(&o.NoSyslog, "no-syslog", "G", false, "")
	fs.StringVarP(&o.Umask, "umask", "u", "", "")
	fs.BoolVarP(&o.ReleaseVIPs, "release-vips", "X", false, "")
	fs.BoolVarP(&o.DontReleaseVRRP, "dont-release-vrrp", "V", false, "")
	fs.BoolVarP(&o.DontReleaseIPVS, "dont-release-ipvs", "I", false, "")
	fs.BoolVarP(&o.DontRespawn, "dont-respawn", "R", false, "")
	fs.BoolVarP(&o.DontFork, "dont-fork", "n", false, "")
	fs.BoolVarP(&o.DumpConf, "dump-conf", "d", false, "")
	fs.StringVarP(&o.PIDFile, "pid", "p", "", "")
	fs.StringVarP(&o.VRRPPIDFile, "vrrp_pid", "r", "", "")
	fs.BoolVarP(&o.Genhash, "genhash", "T", false, "")
	fs.StringVarP(&o.CheckersPIDFile, "checkers_pid", "c", "", "")
	fs.BoolVarP(&o.AddressMonitoring, "address-monitoring", "a", false, "")
	fs.StringVarP(&o.BFDPIDFile, "bfd_pid", "b", "", "")
	fs.BoolVarP(&o.SNMP, "snmp", "x", false, "")
	fs.StringVarP(&o.SNMPSocket, "snmp-agent-socket", "A", "", "")
	fs.BoolVarP(&o.CoreDump, "core-dump", "m", false, "")
	fs.StringVarP(&coreDump, "core-dump-pattern", "M", "", "")
	fs.StringVarP(&o.Namespace, "namespace", "s", "", "")
	fs.StringVarP(&o.ConfigID, "config-id", "i", "", "")
	fs.StringVar(&o.Signum, "signum", "", "")
	fs.StringVarP(&o.ConfigTestLog, "config-test", "t", "", "")
	fs.StringVar(&configFD, "config-fd", "", "")
	fs.BoolVarP(&o.Version, "version", "v", false, "")
	fs.BoolVarP(&o.Help, "help", "h", false, "")
	for _, f := range []string{"core-dump-pattern", "config-test"} {
		fs.Lookup(f).NoOptDefVal = optNone
	}

	var argv []string
	for _, ev := range events {
		switch {
		case ev.err != "", ev.name == "log-file":
		case ev.hasValue:
			argv = append(argv, "--"+ev.name+"="+ev.value)
		default:
			argv = append(argv, "--"+ev.name)
		}
	}
	if err := fs.Parse(argv); err != nil {
		// scanArgs let through only what the flag set defines.
		panic("keepalived: options: " + err.Error())
	}

	o.LogDetail = logDetail
	if fs.Changed("core-dump-pattern") {
		pat := coreDump
		if pat == optNone {
			pat = ""
		}
		o.CoreDumpPattern, o.CoreDump = &pat, true
	}
	if fs.Changed("config-test") {
		o.ConfigTest = true
		if o.ConfigTestLog == optNone {
			o.ConfigTestLog = ""
		}
		// -t also means -R, -n and -G (keepalived(8)).
		o.DontRespawn, o.DontFork, o.NoSyslog = true, true, true
	}
	o.ConfigFD = -1
	if fs.Changed("config-fd") {
		// keepalived reads it with atoi().
		o.ConfigFD = atoi(configFD)
	}
	return o
}

// atoi is C's atoi(): leading blanks, a sign and digits; 0 otherwise.
func atoi(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(s[i:j])
	return n
}
