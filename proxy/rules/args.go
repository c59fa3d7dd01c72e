package rules

import (
	"regexp"

	"hakeep/proxy/acl"
	"hakeep/proxy/logformat"
	"hakeep/proxy/sample"
)

// Args is an action's typed arguments; the concrete types below.
type Args interface{ isArgs() }

// Header is add-header, set-header, del-header and early-hint.
type Header struct {
	Name  string
	Value *logformat.Format // nil for del-header
	// Match is del-header's -m method ("str", "beg", "end", "sub", "reg").
	Match string
	// Re is the compiled name regex of "-m reg".
	Re *regexp.Regexp
}

// Replace is replace-header, replace-value, replace-path, replace-pathq
// and replace-uri.
type Replace struct {
	Name  string // header name; empty for the URI forms
	Regex string
	Value *logformat.Format
	// Re is Regex compiled for matching (nil when only PCRE runs it).
	Re *regexp.Regexp
}

// Format is an action taking one log-format string: set-path, set-pathq,
// set-query, set-uri, set-method, add-acl, del-acl, del-map.
type Format struct {
	// File is the ACL or map file of add-acl/del-acl/del-map, whose
	// reference Env holds.
	File  string
	Env   *acl.Env
	Value *logformat.Format
}

// Map is set-map(file) key value.
type Map struct {
	File       string
	Env        *acl.Env
	Key, Value *logformat.Format
}

// Expr is an action taking one sample expression: set-src, set-dst,
// set-src-port, set-dst-port, set-priority-class, set-priority-offset.
type Expr struct {
	Expr *sample.Expr
}

// Status is set-status.
type Status struct {
	Code   int
	Reason string
}

// ReplyHeader is one "hdr" of an HTTP reply.
type ReplyHeader struct {
	Name  string
	Value *logformat.Format
}

// Reply is deny, tarpit and return (and http-request auth's 401): an HTTP
// reply (http_parse_http_reply).
type Reply struct {
	Status      int
	ContentType string
	// Body is one of: "" (none), "errorfile", "errorfiles",
	// "default-errorfiles", "file", "lf-file", "string", "lf-string".
	Body string
	// Arg is the body's argument (file name, section name, string).
	Arg     string
	Payload *logformat.Format // lf-string, lf-file
	Headers []ReplyHeader
	// Data is the content of an "errorfile" or "file" body, read once
	// when the rule is parsed.
	Data []byte
}

// Auth is http-request auth.
type Auth struct {
	Realm string
}

// RedirectArgs is a redirect rule (http_parse_redirect_rule).
type RedirectArgs struct {
	Type string // "location", "prefix", "scheme"
	Dest string
	// Format is the destination as a log-format string (http-request
	// redirect); nil for the "redirect" keyword, which is static.
	Format     *logformat.Format
	Code       int
	Cookie     string
	SetCookie  bool
	DropQuery  bool
	AppendSlsh bool
	IgnoreEmpt bool
}

// Var is set-var, set-var-fmt and unset-var.
type Var struct {
	Var   sample.Var
	Conds []string
	// Kind is "set-var", "set-var-fmt" or "unset-var".
	Kind   string
	Expr   *sample.Expr
	Format *logformat.Format
}

// Track is track-sc0..2.
type Track struct {
	Slot int
	Expr *sample.Expr
	// Table names the stick-table; without HasTable, the proxy's own.
	Table    string
	HasTable bool
}

// Counter is sc-inc-gpc*, sc-set-gpt*.
type Counter struct {
	// Index is the gpc/gpt number for sc-inc-gpc/sc-set-gpt, -1 for the
	// legacy 0/1 forms (see Legacy).
	Index  int
	Legacy int
	Slot   int
	Expr   *sample.Expr // sc-set-gpt*: value expression, nil if Value
	Value  int64
}

// Capture is capture ... len|id.
type Capture struct {
	Expr *sample.Expr
	Len  int // > 0 for "len"
	ID   int // for "id", -1 otherwise
}

// DoResolve is do-resolve(var,resolvers[,family]).
type DoResolve struct {
	Var       sample.Var
	Resolvers string
	Family    string
	Expr      *sample.Expr
}

// Name is an action naming one object: cache-use, cache-store,
// use-service.
type Name struct {
	Name string
}

// Group is send-spoe-group and ot-group.
type Group struct {
	Engine, Group string
}

// Timeout is set-timeout.
type Timeout struct {
	Which string // "server" or "tunnel"
	Ms    uint32
	Expr  *sample.Expr
}

// WaitForBody is wait-for-body.
type WaitForBody struct {
	Ms      uint32
	AtLeast uint64
}

// Int is an action with one integer: set-nice, set-mark, set-tos.
type Int struct {
	Value int64
}

// LogLevel is set-log-level (-1 for "silent").
type LogLevel struct {
	Level int
	Name  string
}

// StrictMode is strict-mode on|off.
type StrictMode struct {
	On bool
}

// SwitchMode is tcp-request content switch-mode.
type SwitchMode struct {
	Mode, Proto string
}

// Normalize is normalize-uri.
type Normalize struct {
	Normalizer, Option string
}

// InspectDelay is tcp-request/tcp-response inspect-delay.
type InspectDelay struct {
	Ms uint32
}

// UseBackendArgs is use_backend: a name, or a log-format string when it
// contains '%' (resolved after parsing, as 2.6 does).
type UseBackendArgs struct {
	Name   string
	Format *logformat.Format
}

// UseServerArgs is use-server.
type UseServerArgs struct {
	Server string
}

// Stick is a stick rule.
type Stick struct {
	Expr  *sample.Expr
	Table string
}

func (*Header) isArgs()         {}
func (*Replace) isArgs()        {}
func (*Format) isArgs()         {}
func (*Map) isArgs()            {}
func (*Expr) isArgs()           {}
func (*Status) isArgs()         {}
func (*Reply) isArgs()          {}
func (*Auth) isArgs()           {}
func (*RedirectArgs) isArgs()   {}
func (*Var) isArgs()            {}
func (*Track) isArgs()          {}
func (*Counter) isArgs()        {}
func (*Capture) isArgs()        {}
func (*DoResolve) isArgs()      {}
func (*Name) isArgs()           {}
func (*Group) isArgs()          {}
func (*Timeout) isArgs()        {}
func (*WaitForBody) isArgs()    {}
func (*Int) isArgs()            {}
func (*LogLevel) isArgs()       {}
func (*StrictMode) isArgs()     {}
func (*SwitchMode) isArgs()     {}
func (*Normalize) isArgs()      {}
func (*InspectDelay) isArgs()   {}
func (*UseBackendArgs) isArgs() {}
func (*UseServerArgs) isArgs()  {}
func (*Stick) isArgs()          {}
