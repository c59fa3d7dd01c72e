package acl

import "hakeep/proxy/sample"

// Context is where an ACL or a condition is parsed. It embeds the sample
// context (registry, proxy, file and line, references, warnings, file
// reader); Env is shared by the whole configuration and ACLs is the set of
// named ACLs declared so far in the current proxy section.
type Context struct {
	*sample.Context
	Env  *Env
	ACLs *Set
}
