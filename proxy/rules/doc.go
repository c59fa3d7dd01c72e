// Package rules parses HAProxy 2.6's rule keywords into Rule values
// (configuration.txt §4.2): http-request, http-response,
// http-after-response, tcp-request connection|session|content and
// inspect-delay, tcp-response content and inspect-delay, redirect,
// use_backend, use-server, stick on|match|store-request|store-response,
// monitor fail, force-persist, ignore-persist and the removed block, with
// every 2.6 action (src/http_act.c, tcp_act.c, tcp_rules.c, vars.c,
// stick_table.c, cache.c, http_rules.c registrations, as the reference
// build lists them) and 2.6's messages.
//
// How the decoder calls it, for a line whose first word Handles accepts:
//
//	st := rules.NewState()                // once per proxy section
//	c := &rules.Context{Context: aclCtx, HTTP: mode == "http", State: st}
//	rule, err := rules.Parse(words, c)    // words include the keyword
//
// Parse returns the compiled rule, or a *sample.Error whose Msg is the
// text after 2.6's prefix, Style the prefix, and Abort whether 2.6 stops
// reading the file (http-* rules). Warnings (misplaced rules, conditions
// that cannot match, ignored keywords) go to Context.Warn. After every
// section is read, the decoder runs rule.Check(world) for the references
// 2.6 resolves late (tables, captures, caches, backends, servers...).
//
// Each Rule carries its action's typed arguments (Args). Txn runs rule
// lists at request time (exec*.go) in 2.6's order, over the engine's
// messages (Msg) and a sample.Ctx: RunHTTP for http-request,
// http-response and http-after-response, RunTCP for tcp-request and
// tcp-response, returning a Verdict; final actions leave the complete
// answer in Txn.Reply (deny, tarpit, return, redirect, auth).
package rules
