// Package capture keeps what a transaction captures for its log line
// (configuration.txt section 8.8, "Capturing HTTP headers" and section
// 4.2, "capture cookie", "capture request header", "capture response
// header", "declare capture"): header values by slot, and the first
// client and server cookies whose name starts with the captured name.
//
// A Spec is compiled once per frontend; a Set is reused from one
// transaction to the next and holds its values in storage sized once,
// so that capturing allocates nothing.
package capture
