// Package log sends HAProxy 2.6's logs for a configuration: one line per
// HTTP transaction or TCP session in the frontend's format (the default
// "Connect from" line, "option tcplog", "option httplog [clf]", "option
// httpslog", "log-format", "log-format-sd", "error-log-format"), and the
// messages the process sends about its proxies ("Proxy fe stopped
// (cumulated conns: ...)", server state changes from proxy/check), to
// every "log" target of the proxy: UDP and unix datagram sockets, file
// descriptors (stdout, stderr), rings and TCP servers through rings
// (configuration.txt sections 3.1, 4.2 "log" and 8 "Logging"). It also
// serves the "log-forward" sections (section 3.10): syslog messages
// received over UDP and TCP go on to their targets.
//
// Usage:
//
//	lg, err := log.New(cfg, log.Deps{PID: os.Getpid()})
//	go lg.Run(ctx)                   // the senders and ring forwarders
//	engine.Deps{Traffic: lg}         // stream.Logger: a line per stream
//	lg.Proxy("be").Emit(level, msg)  // check.Logger for proxy/check
//	lg.ProxyStopped("fe", fe, be)    // at the end of a soft stop
//
// Logging never blocks the caller: lines are rendered into pooled
// buffers without allocating, then queued for their destination, and
// dropped and counted when a destination does not keep up.
package log
