// Package logformat parses HAProxy 2.6 log-format strings
// (configuration.txt §8.2.6 "Custom log format"): text, %-variables with
// their {+Q,-X,+E} flag blocks, %o, and %[sample expressions], with
// 2.6's messages. The same syntax serves log-format, log-format-sd,
// unique-id-format, header values of http-request/http-response rules,
// dynamic use_backend names, set-var-fmt, redirect locations, etc.
//
// How the decoder (or the rules package) calls it:
//
//	f, err := logformat.Parse(text, logformat.Options{
//		HTTP: mode == "http", MergeSpaces: true, Cap: sample.FeLogEnd,
//	}, sctx) // sctx.ArgCtx tells which directive holds the string
//
// The error text is the inner message; log-format directives are
// reported by 2.6 after parsing as "Parsing [f:l]: failed to parse
// log-format : <text>." (sample.StyleParsingCapTight), rule values inside
// the rule's own message. The compiled Format is a list of nodes;
// Format.Eval renders it at request time, for rule values (ModeRule) or
// log lines (ModeLog).
package logformat
