// Package cli is the worker's Runtime API (management.txt section 9.3):
// the commands a stats socket, or the master CLI relaying to the worker,
// runs against the running engine. The session framing (prompt, quit,
// levels, payloads, "_getsocks") belongs to the process model; this
// package takes one command's words and payload at a level and writes
// 2.6's exact answer, changing nothing when the command is refused.
//
// The engine is reached through the small interfaces of runtime.go,
// which proxy/engine implements.
package cli
