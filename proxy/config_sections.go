package proxy

import "time"

// Userlist is a "userlist" section (configuration.txt section 3.4).
type Userlist struct {
	Name   string
	Groups []UserGroup
	Users  []User
}

// UserGroup is a userlist "group".
type UserGroup struct {
	Name  string
	Users []string
}

// User is a userlist "user".
type User struct {
	Name string
	// Password is a crypt(3) hash unless Insecure, where it is clear
	// text ("insecure-password").
	Password string
	Insecure bool
	Groups   []string
}

// Peers is a "peers" section (configuration.txt section 3.5).
type Peers struct {
	Name     string
	Disabled bool
	// Bind is the local peer's listener ("bind", or the local "peer"
	// line's address).
	Bind *Bind
	// Peers are the "peer" and "server" lines; Local marks the one
	// named like this process (localpeer or the host name).
	Peers         []*Peer
	DefaultServer *Server
	Tables        []*StickTable
	Shards        int
}

// Peer is one member of a peers section.
type Peer struct {
	Name  string
	Addr  Address
	Local bool
	// Server holds the "server" line's options (TLS...), if any.
	Server *Server
}

// Resolvers is a "resolvers" section (configuration.txt section 5.3.2).
type Resolvers struct {
	Name                string
	Nameservers         []Nameserver
	ParseResolvConf     bool
	AcceptedPayloadSize int
	ResolveRetries      int
	// Hold periods by status: "nx", "other", "refused", "timeout",
	// "valid", "obsolete".
	Hold           map[string]time.Duration
	TimeoutResolve time.Duration
	TimeoutRetry   time.Duration
}

// Nameserver is one "nameserver" line.
type Nameserver struct {
	Name string
	Addr Address
}

// Mailers is a "mailers" section (configuration.txt section 3.6).
type Mailers struct {
	Name    string
	Mailers []Mailer
	Timeout time.Duration
}

// Mailer is one "mailer" line.
type Mailer struct {
	Name string
	Addr Address
}

// HTTPErrors is an "http-errors" section (configuration.txt section 3.8).
type HTTPErrors struct {
	Name  string
	Files map[int]*ErrorReply
}

// Cache is a "cache" section (configuration.txt section 6).
type Cache struct {
	Name                string
	TotalMaxSize        int // bytes
	MaxObjectSize       int // bytes
	MaxAge              time.Duration
	ProcessVary         bool
	MaxSecondaryEntries int
}

// Ring is a "ring" section (configuration.txt section 3.9).
type Ring struct {
	Name           string
	Description    string
	Format         string
	MaxLen         int
	Size           int
	TimeoutConnect time.Duration
	TimeoutServer  time.Duration
	Servers        []*Server
}

// Program is a "program" section (configuration.txt section 3.7).
type Program struct {
	Name          string
	Command       []string
	User, Group   string
	StartOnReload bool
}

// FCGIApp is an "fcgi-app" section (configuration.txt section 10).
type FCGIApp struct {
	Name        string
	DocRoot     string
	Index       string
	PathInfo    string
	Logs        []LogTarget
	GetValues   bool
	KeepConn    bool
	MaxReqs     int
	MpxsConns   bool
	PassHeaders []FCGIHeader
	SetParams   []FCGIParam
}

// FCGIHeader is a "pass-header" rule.
type FCGIHeader struct {
	Name string
	Cond *Condition
}

// FCGIParam is a "set-param" rule.
type FCGIParam struct {
	Name   string
	Format string
	Cond   *Condition
}

// LogForward is a "log-forward" section (configuration.txt section 3.10).
type LogForward struct {
	Name          string
	Binds         []*Bind
	DgramBinds    []*Bind
	Logs          []LogTarget
	MaxConn       int
	Backlog       int
	TimeoutClient time.Duration
}
