package proxy

// The expression layer (sample fetches and converters, ACLs, log-format,
// rule actions) is compiled by proxy/sample, proxy/acl, proxy/logformat
// and proxy/rules. The configuration keeps each expression's words as
// written, where it was written, and the compiled value those packages
// returned; the engine runs Compiled.

// ACL is one "acl <name> <criterion> [flags] [operator] <value> ..." line.
// Several lines with the same name make one ACL (their patterns OR).
type ACL struct {
	Name  string
	Words []string
	File  string
	Line  int
	// Compiled is the value proxy/acl returned.
	Compiled any
}

// Condition is an "if"/"unless" condition after a rule.
type Condition struct {
	Unless bool
	// Words are the condition's words after "if"/"unless".
	Words []string
	// Compiled is the value proxy/acl returned.
	Compiled any
}

// Rule is one tcp-request, tcp-response, http-request, http-response,
// http-after-response or redirect line.
type Rule struct {
	// Keyword is "http-request", "tcp-request content", "redirect"...
	Keyword string
	// Action is the action's name ("set-header", "deny", ...).
	Action string
	// Words are the action's words, condition included.
	Words []string
	Cond  *Condition
	File  string
	Line  int
	// Compiled is the value proxy/rules returned.
	Compiled any
}
