package proxy

// HealthCheck is a backend's health-check method (configuration.txt
// section 4.2, "option httpchk" and friends, "http-check", "tcp-check",
// "external-check"). Per-server settings are in Server.Check.
type HealthCheck struct {
	// Type is the check method; the zero value is a plain TCP connect.
	Type CheckType
	// HTTP request of "option httpchk [<method>] [<uri>] [<version>]".
	HTTPMethod  string
	HTTPURI     string
	HTTPVersion string
	// HTTPHost is the Host header when given inline in the version
	// ("HTTP/1.1\r\nHost:\ www").
	HTTPHeaders string
	// SMTPHelo is "option smtpchk"'s HELO/EHLO and domain.
	SMTPHelo, SMTPDomain string
	// User is the database user of mysql-check/pgsql-check.
	User string
	// MySQLPost41 is mysql-check's "post-41".
	MySQLPost41 bool
	// Rules are the http-check / tcp-check rules in order.
	Rules []*CheckRule
	// External is "external-check command" and "path".
	ExternalCommand string
	ExternalPath    string
}

// CheckType names a health-check method.
type CheckType uint8

const (
	CheckTCP CheckType = iota
	CheckHTTP
	CheckSSLHello
	CheckSMTP
	CheckMySQL
	CheckPgSQL
	CheckRedis
	CheckLDAP
	CheckSPOP
	CheckTCPCheck
	CheckExternal
)

// CheckRule is one "http-check" or "tcp-check" rule.
type CheckRule struct {
	// Keyword is "http-check" or "tcp-check"; Action the first word
	// ("connect", "send", "expect", "comment", "set-var"...).
	Keyword string
	Action  string
	Args    []string
	File    string
	Line    int
}
