package parser

// HAProxyOptions carries what parsing haproxy.cfg needs from the outside
// world. Zero values work: the process environment, the real file system,
// and no optional feature.
type HAProxyOptions struct {
	// LookupEnv resolves "$VAR" / "${VAR}"; nil means os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// ReadFile reads one configuration file; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// Cond is what `.if` predicates (feature(), version_atleast()...) see.
	Cond CondEnv
}

// CondEnv is the world seen by `.if`/`.elif` conditions and `haproxy -cc`
// (configuration.txt section 2.4).
type CondEnv struct {
	// Features are the names listed with '+' in `haproxy -vv`'s
	// "Feature list" (e.g. "OPENSSL", "LINUX_SPLICE").
	Features []string
	// Version is the emulated HAProxy version, e.g. "2.6.12".
	Version string
	// LookupEnv answers defined(NAME); nil means os.LookupEnv. Within
	// ParseHAProxy, HAProxyOptions.LookupEnv is used instead.
	LookupEnv func(name string) (string, bool)
}

// KeepalivedOptions carries what parsing keepalived.conf needs.
type KeepalivedOptions struct {
	// ConfigID selects `@id` lines (keepalived -i); empty means the
	// host name's first label, as keepalived does.
	ConfigID string
	// ReadFile reads one file; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// Glob expands include patterns; nil means filepath.Glob.
	Glob func(pattern string) ([]string, error)
	// IncludeCheckAll is keepalived -e (--all-config): every problem
	// with an included file is an error, as with include_check alone.
	IncludeCheckAll bool
}
