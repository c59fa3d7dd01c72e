package acl

import (
	"fmt"

	"hakeep/proxy/sample"
)

// ACL is a named (or anonymous) ACL: the expressions declared under its
// name, OR-ed together (configuration.txt §7: "if several ACLs are
// declared with the same name, they are ORed").
type ACL struct {
	Name  string
	Exprs []*Expr
	// Use and Val accumulate the fetches' sources and valid places: an
	// ACL may be used where at least one of its expressions can match.
	Use sample.Use
	Val sample.Point
	// File and Line locate the first declaration.
	File string
	Line int
}

// Set holds the named ACLs of one proxy section, in declaration order.
type Set struct {
	byName map[string]*ACL
	order  []*ACL
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{byName: map[string]*ACL{}} }

// Lookup returns the named ACL declared so far, or nil.
func (s *Set) Lookup(name string) *ACL {
	if s == nil {
		return nil
	}
	return s.byName[name]
}

// All returns the ACLs in declaration order.
func (s *Set) All() []*ACL { return s.order }

// invalidChar is HAProxy's invalid_char(): names allow letters, digits,
// '-', '_', '.' and ':'.
func invalidChar(s string) (byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnumByte(c) || c == '-' || c == '_' || c == '.' || c == ':' {
			continue
		}
		return c, true
	}
	return 0, false
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Declare parses an "acl" line, words being everything after the keyword
// ("name criterion [flags] [operator] [pattern...]"), and adds the
// expression to the ACL of that name in c.ACLs (configuration.txt §7.1).
// Errors carry 2.6's complete text after the "parsing [f:l] : " prefix,
// e.g. "error detected while parsing ACL 'a' : 'x' is not a number.".
func Declare(words []string, c *Context) (*ACL, error) {
	name := ""
	if len(words) > 0 {
		name = words[0]
	}
	if c.IsDefaults() && c.Proxy == "" {
		return nil, &sample.Error{Msg: "'acl' not allowed in anonymous 'defaults' section."}
	}
	if ch, bad := invalidChar(name); bad {
		return nil, &sample.Error{Msg: fmt.Sprintf("character '%c' is not permitted in acl name '%s'.", ch, name)}
	}
	if equalFoldASCII(name, "or") {
		return nil, &sample.Error{Msg: fmt.Sprintf("acl name '%s' will never match. 'or' is used to express a logical disjunction within a condition.", name)}
	}
	acl, err := parseACL(words, c)
	if err != nil {
		return nil, &sample.Error{Msg: fmt.Sprintf("error detected while parsing ACL '%s' : %s.", name, err)}
	}
	return acl, nil
}

// parseACL is parse_acl: words[0] is the name ("" for an anonymous ACL),
// the rest the expression. Named ACLs are added to c.ACLs.
func parseACL(words []string, c *Context) (*ACL, error) {
	name := words[0]
	if name != "" {
		if ch, bad := invalidChar(name); bad {
			return nil, fmt.Errorf("invalid character in ACL name : '%c'", ch)
		}
	}
	x, err := parseExpr(words[1:], c)
	if err != nil {
		return nil, err
	}
	// A pattern starting with '(' right after a criterion without one is
	// almost certainly a stray space (parse_acl's warning).
	if len(words) > 2 && !containsByte(words[1], '(') && len(words[2]) > 0 && words[2][0] == '(' {
		c.warnBare(fmt.Sprintf("parsing acl '%s' :\n"+
			"  matching '%s' for pattern '%s' is likely a mistake and probably\n"+
			"  not what you want. Maybe you need to remove the extraneous space before '('.\n"+
			"  If you are really sure this is not an error, please insert '--' between the\n"+
			"  match and the pattern to make this warning message disappear.", name, words[1], words[2]))
	}
	var acl *ACL
	if name != "" {
		acl = c.ACLs.Lookup(name)
	}
	if acl == nil {
		acl = &ACL{Name: name, File: c.File, Line: c.Line}
		if name != "" && c.ACLs != nil {
			c.ACLs.byName[name] = acl
			c.ACLs.order = append(c.ACLs.order, acl)
		}
	}
	acl.Exprs = append(acl.Exprs, x)
	acl.Use |= x.Sample.Fetch.Use
	acl.Val |= x.Sample.Fetch.Val
	return acl, nil
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// warnBare emits a warning HAProxy prints without a file and line.
func (c *Context) warnBare(msg string) {
	if c.Warn != nil {
		c.Warn(&sample.Error{Msg: msg, Warning: true, Style: sample.StyleBare})
	}
}
