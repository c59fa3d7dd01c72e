// Package sample is HAProxy 2.6's sample layer at configuration time: the
// registry of every sample fetch and converter of the reference build
// (Debian's haproxy 2.6.12, `haproxy -dKsmp` / `-dKcnv`), and the parser of
// sample expressions `fetch(args),conv1(args),conv2` with 2.6's argument
// syntax and messages (configuration.txt §2.2 second level of quoting, §7.3
// "Fetching samples", §7.3.1 converters).
//
// How the decoder calls it:
//
//	reg := sample.NewRegistry()          // once per configuration load
//	refs := &sample.Refs{}               // unresolved names, checked at the end
//	ctx := &sample.Context{Registry: reg, Proxy: "fe", Cap: sample.CapFE,
//		File: "h.cfg", Line: 12, ArgCtx: sample.ArgHRQ, Refs: refs}
//	expr, next, err := ctx.ParseExpr(words, i) // words already unquoted
//	...
//	// after every section is read (HAProxy's smp_resolve_args):
//	errs := refs.Resolve(world)          // world answers "is there a backend X?"
//
// Errors are *Error values: Error() is the text HAProxy prints after its
// "parsing [file:line] : " prefix, and Style says which prefix 2.6 uses.
//
// At request time, expressions run against a Ctx: the engine's view of
// the stream (Stream: addresses, proxies, servers, the HTTP messages
// through the Message interface, stick counters, userlists), the
// variables of every scope, and two scratch chunks converters write
// into, as HAProxy's trash chunks. NewRegistry fills each keyword's Eval
// slot (fetch_eval.go, conv_eval.go); keywords left nil find nothing.
//
//	c := sample.NewCtx(bufsize)          // once per client connection
//	c.Stream = ...; c.Now = now          // per transaction
//	s := c.TempSample()
//	ok := expr.EvalAs(c, sample.Str, s)  // sample_fetch_as_type
//	c.FreeSample()
//
// Values were checked against haproxy 2.6.12 (testdata/exprs.golden).
// Evaluation allocates nothing once a connection's buffers are warm.
package sample
