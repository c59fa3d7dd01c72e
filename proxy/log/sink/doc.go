// Package sink delivers framed log messages to their destinations
// without ever blocking the goroutine that logs: a message is handed to
// a bounded queue, and one goroutine per destination (Run) writes it to a
// UDP or unix datagram socket, or to a file descriptor (stdout, stderr).
// When the queue is full the message is dropped and counted, as 2.6
// drops a log the kernel refuses with EAGAIN (dropped_logs).
//
// Buffers come from a Pool shared by every destination of a logger: the
// producer takes one, frames the message into it and hands it over; the
// sender gives it back once written.
package sink
