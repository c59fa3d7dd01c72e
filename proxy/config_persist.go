package proxy

import "time"

// Cookie is a backend's "cookie" persistence (configuration.txt section
// 4.2, "cookie").
type Cookie struct {
	Name string
	// Mode is "rewrite", "insert" or "prefix"; "" when only indirect or
	// passive.
	Mode     string
	Indirect bool
	NoCache  bool
	PostOnly bool
	Preserve bool
	HTTPOnly bool
	Secure   bool
	Dynamic  bool
	Domains  []string
	MaxIdle  time.Duration
	MaxLife  time.Duration
	Attrs    []string
}

// StickTable is a "stick-table" declaration in a proxy or a peers section.
type StickTable struct {
	// Name is how rules refer to the table: the proxy's name, or
	// "<peers>/<table>" for a peers section's table.
	Name string
	// NetName is the name exchanged with peers (the table's own name).
	NetName string
	// Type is "ip", "ipv6", "integer", "string" or "binary"; KeyLen the
	// string/binary key length.
	Type    string
	KeyLen  int
	Size    int
	Expire  time.Duration
	NoPurge bool
	// Peers names the peers section to sync with.
	Peers    string
	PeersRef *Peers
	// SrvKey is "server-key": "name" or "addr".
	SrvKey string
	// Store are the stored data types, e.g. "conn_cur",
	// "http_req_rate(10s)", "gpc(3)".
	Store []StickData
	// WriteTo names a table this one's updates are copied to.
	WriteTo string
}

// StickData is one stored data type of a stick table.
type StickData struct {
	Name string
	// Period is the rate period for *_rate types.
	Period time.Duration
	// Count is the array size for gpc(N)/gpt(N)/gpc_rate(N,...).
	Count int
}

// StickRule is one "stick on|match|store-request|store-response" rule.
type StickRule struct {
	// Match looks the key up; Store records it; OnResponse stores
	// from the response.
	Match, Store, OnResponse bool
	// Expr is the sample expression as written.
	Expr     string
	Compiled any
	Table    string
	TableRef *StickTable
	Cond     *Condition
}
