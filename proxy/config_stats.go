package proxy

import "time"

// Stats is a proxy's "stats" web page (configuration.txt section 4.2,
// "stats ...").
type Stats struct {
	Enabled bool
	// URI is the prefix that serves the page ("/haproxy?stats" by
	// default).
	URI     string
	Realm   string
	Refresh time.Duration
	// Auth are "user:password" pairs; Scope the proxies shown.
	Auth         []StatsAuth
	Scope        []string
	HideVersion  bool
	ShowLegends  bool
	ShowModules  bool
	ShowNode     bool
	Node         string
	ShowDesc     bool
	Desc         string
	AdminConds   []*Condition
	HTTPRequests []*Rule
}

// StatsAuth is one "stats auth" account.
type StatsAuth struct {
	User, Password string
}
