package main

import (
	"fmt"
	"io"
	"strings"

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
	// LogFacility -S (0-7, local0-7, user or daemon), NoSyslog -G,
	// LogFile -g (optional file name, "keepalived.log" by default) and
	// FlushLogFile --flush-log-file.
	LogConsole   bool
	LogDetail    int
	LogFacility  string
	NoSyslog     bool
	LogFile      *string
	FlushLogFile bool
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
	// configuration copy from it).
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

// parseOptions reads the command line as keepalived's getopt_long() does,
// printing getopt's complaints; bad is set when keepalived would exit 1.
func parseOptions(args []string, stderr io.Writer) (o Options, bad bool) {
	fs := pflag.NewFlagSet("keepalived", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(true)
	var logFile, coreDump string
	var logDetail int
	fs.StringVarP(&o.ConfigFile, "use-file", "f", defaultConfigFile, "")
	fs.BoolVarP(&o.OnlyVRRP, "vrrp", "P", false, "")
	fs.BoolVarP(&o.OnlyCheck, "check", "C", false, "")
	fs.BoolVarP(&o.NoBFD, "no_bfd", "B", false, "")
	fs.BoolVar(&o.All, "all", false, "")
	fs.BoolVarP(&o.LogConsole, "log-console", "l", false, "")
	fs.CountVarP(&logDetail, "log-detail", "D", "")
	fs.StringVarP(&o.LogFacility, "log-facility", "S", "", "")
	fs.StringVarP(&logFile, "log-file", "g", "", "")
	fs.Lookup("log-file").NoOptDefVal = optNone
	fs.BoolVarP(&o.AllConfig, "all-config", "e", false, "")
	fs.BoolVar(&o.FlushLogFile, "flush-log-file", false, "")
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
	fs.Lookup("core-dump-pattern").NoOptDefVal = optNone
	fs.StringVarP(&o.Namespace, "namespace", "s", "", "")
	fs.StringVarP(&o.ConfigID, "config-id", "i", "", "")
	fs.StringVar(&o.Signum, "signum", "", "")
	fs.StringVarP(&o.ConfigTestLog, "config-test", "t", "", "")
	fs.Lookup("config-test").NoOptDefVal = optNone
	fs.IntVar(&o.ConfigFD, "config-fd", -1, "")
	fs.BoolVarP(&o.Version, "version", "v", false, "")
	fs.BoolVarP(&o.Help, "help", "h", false, "")

	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(stderr, getoptMessage(err))
		bad = true
	}
	o.LogDetail = logDetail
	if fs.Changed("log-file") {
		name := logFile
		if name == optNone || name == "" {
			name = "keepalived.log"
		}
		o.LogFile = &name
	}
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
	// getopt_long treats "--use-file=" like a missing argument.
	for _, name := range []string{"use-file", "log-facility", "umask", "pid", "vrrp_pid", "checkers_pid",
		"bfd_pid", "snmp-agent-socket", "namespace", "config-id", "signum"} {
		if f := fs.Lookup(name); f.Changed && f.Value.String() == "" {
			fmt.Fprintf(stderr, "Missing parameter for option --%s\n", name)
			bad = true
		}
	}
	o.Unexpected = fs.Args()
	return o, bad
}

// getoptMessage turns pflag's errors into what glibc's getopt and
// keepalived print.
func getoptMessage(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "unknown shorthand flag: '"):
		return "Unknown option -" + s[len("unknown shorthand flag: '"):len("unknown shorthand flag: '")+1]
	case strings.HasPrefix(s, "unknown flag: "):
		return "Unknown option " + strings.TrimPrefix(s, "unknown flag: ")
	case strings.HasPrefix(s, "flag needs an argument: '"):
		return "Missing parameter for option -" + s[len("flag needs an argument: '"):len("flag needs an argument: '")+1]
	case strings.HasPrefix(s, "flag needs an argument: "):
		return "Missing parameter for option " + strings.TrimPrefix(s, "flag needs an argument: ")
	}
	return s
}

// earlyAction finds, in command line order, the first option that makes
// keepalived stop while reading its options: -v, -h, --signum or -T.
func earlyAction(args []string) (action, value string) {
	withArg := map[string]bool{"--use-file": true, "--log-facility": true, "--umask": true, "--pid": true,
		"--vrrp_pid": true, "--checkers_pid": true, "--bfd_pid": true, "--snmp-agent-socket": true,
		"--namespace": true, "--config-id": true, "--config-fd": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return "", ""
		case a == "--version":
			return "version", ""
		case a == "--help":
			return "help", ""
		case a == "--genhash":
			return "genhash", ""
		case strings.HasPrefix(a, "--signum="):
			return "signum", strings.TrimPrefix(a, "--signum=")
		case a == "--signum" && i+1 < len(args):
			return "signum", args[i+1]
		case withArg[a]:
			i++
		case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(a) > 1:
			for j, c := range a[1:] {
				switch c {
				case 'v':
					return "version", ""
				case 'h':
					return "help", ""
				case 'T':
					return "genhash", ""
				}
				if strings.ContainsRune("uSfpisrcbA", c) {
					// The rest of the word, or the next one, is its
					// argument.
					if j == len(a)-2 {
						i++
					}
					break
				}
				if strings.ContainsRune("gMt", c) {
					break
				}
			}
		}
	}
	return "", ""
}
