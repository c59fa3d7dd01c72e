// Package acl is HAProxy 2.6's ACL layer at configuration time
// (configuration.txt §7): ACL declarations with every derived keyword,
// flags, operators and pattern files; conditions (if/unless, or, ||, !,
// anonymous { } ACLs, predefined ACLs); compiled pattern sets for every
// matching method, built to match without allocating; and the maps the
// map_* converters load.
//
// How the decoder calls it:
//
//	env := acl.NewEnv()                    // once per configuration load
//	sctx.Maps = env                        // map_* converters load through it
//	acls := acl.NewSet()                   // once per proxy section
//	c := &acl.Context{Context: sctx, Env: env, ACLs: acls}
//	_, err := acl.Declare(words, c)        // "acl" line, words after "acl"
//	cond, err := acl.ParseCond(words, c)   // words from "if"/"unless" on
//
// Declare's errors carry HAProxy's whole text after "parsing [f:l] : ";
// ParseCond's carry the inner text the rule parsers wrap. Both are
// *sample.Error. Warnings that 2.6 prints without a place (the "no
// pattern" and "(" warnings) come through Context.Warn with
// sample.StyleBare; their text may span several lines and is printed
// followed by a newline.
//
// Matching is pure: Patterns.MatchString/MatchInt/MatchIP/MatchMethod on
// a sample already cast to the method's type (Expr.Type), and Cond.Eval
// combines the ACL results with 2.6's three-valued logic.
package acl
