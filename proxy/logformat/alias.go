package logformat

// Alias is a log-format variable (LOG_FMT_* in HAProxy 2.6).
type Alias uint8

// The variables of configuration.txt §8.2.6, in the table's order.
const (
	AliasNone         Alias = iota
	BytesRead               // %B
	CapturedReqCookie       // %CC
	CapturedResCookie       // %CS
	Hostname                // %H
	HTTPMethod              // %HM
	HTTPPath                // %HP
	HTTPPathOnly            // %HPO
	HTTPQuery               // %HQ
	HTTPURI                 // %HU
	HTTPVersion             // %HV
	UniqueID                // %ID
	Status                  // %ST
	DateGMT                 // %T
	TimeActive              // %Ta
	TimeConnect             // %Tc
	TimeData                // %Td
	DateLocal               // %Tl
	TimeHandshake           // %Th
	TimeIdle                // %Ti
	TimeRequest             // %Tq
	TimeReceive             // %TR
	TimeResponse            // %Tr
	Timestamp               // %Ts
	TimeTotal               // %Tt
	TimeUser                // %Tu
	TimeWait                // %Tw
	BytesUploaded           // %U
	ActConn                 // %ac
	Backend                 // %b
	BeConn                  // %bc
	BackendIP               // %bi
	BackendPort             // %bp
	BackendQueue            // %bq
	ClientIP                // %ci
	ClientPort              // %cp
	Frontend                // %f
	FeConn                  // %fc
	FrontendIP              // %fi
	FrontendPort            // %fp
	FrontendXprt            // %ft
	LogCounter              // %lc
	ReqHeaders              // %hr
	ReqHeadersList          // %hrl
	ResHeaders              // %hs
	ResHeadersList          // %hsl
	Millis                  // %ms
	PID                     // %pid
	Request                 // %r
	Retries                 // %rc
	RequestCounter          // %rt
	Server                  // %s
	SrvConn                 // %sc
	ServerIP                // %si
	ServerPort              // %sp
	ServerQueue             // %sq
	SSLCipher               // %sslc
	SSLVersion              // %sslv
	Date                    // %t
	DateRequest             // %tr
	DateRequestGMT          // %trg
	DateRequestLocal        // %trl
	TermState               // %ts
	TermStateCookie         // %tsc (not HTTP-only in 2.6, whatever the manual says)
	numAliases
)

// aliasInfo is one entry of 2.6's logformat_keywords: name, and whether
// the variable only exists in HTTP mode.
type aliasInfo struct {
	name string
	http bool
}

// aliases returns the variable table, indexed by Alias.
func aliases() [numAliases]aliasInfo {
	return [numAliases]aliasInfo{
		BytesRead: {"B", false}, CapturedReqCookie: {"CC", true}, CapturedResCookie: {"CS", true},
		Hostname: {"H", false}, HTTPMethod: {"HM", true}, HTTPPath: {"HP", true},
		HTTPPathOnly: {"HPO", true}, HTTPQuery: {"HQ", true}, HTTPURI: {"HU", true},
		HTTPVersion: {"HV", true}, UniqueID: {"ID", false}, Status: {"ST", false},
		DateGMT: {"T", false}, TimeActive: {"Ta", true}, TimeConnect: {"Tc", false},
		TimeData: {"Td", false}, DateLocal: {"Tl", false}, TimeHandshake: {"Th", false},
		TimeIdle: {"Ti", true}, TimeRequest: {"Tq", true}, TimeReceive: {"TR", true},
		TimeResponse: {"Tr", true}, Timestamp: {"Ts", false}, TimeTotal: {"Tt", false},
		TimeUser: {"Tu", false}, TimeWait: {"Tw", false}, BytesUploaded: {"U", false},
		ActConn: {"ac", false}, Backend: {"b", false}, BeConn: {"bc", false},
		BackendIP: {"bi", false}, BackendPort: {"bp", false}, BackendQueue: {"bq", false},
		ClientIP: {"ci", false}, ClientPort: {"cp", false}, Frontend: {"f", false},
		FeConn: {"fc", false}, FrontendIP: {"fi", false}, FrontendPort: {"fp", false},
		FrontendXprt: {"ft", false}, LogCounter: {"lc", false}, ReqHeaders: {"hr", false},
		ReqHeadersList: {"hrl", false}, ResHeaders: {"hs", false}, ResHeadersList: {"hsl", false},
		Millis: {"ms", false}, PID: {"pid", false}, Request: {"r", true},
		Retries: {"rc", false}, RequestCounter: {"rt", false}, Server: {"s", false},
		SrvConn: {"sc", false}, ServerIP: {"si", false}, ServerPort: {"sp", false},
		ServerQueue: {"sq", false}, SSLCipher: {"sslc", false}, SSLVersion: {"sslv", false},
		Date: {"t", false}, DateRequest: {"tr", true}, DateRequestGMT: {"trg", true},
		DateRequestLocal: {"trl", true}, TermState: {"ts", false}, TermStateCookie: {"tsc", false},
	}
}

// Name is the variable's name without '%'.
func (a Alias) Name() string {
	if a == AliasNone || a >= numAliases {
		return ""
	}
	return aliases()[a].name
}

// lookupAlias finds a variable by name (case-sensitive).
func lookupAlias(name string) (Alias, aliasInfo, bool) {
	t := aliases()
	for a := BytesRead; a < numAliases; a++ {
		if t[a].name == name {
			return a, t[a], true
		}
	}
	return AliasNone, aliasInfo{}, false
}
