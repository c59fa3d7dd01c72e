// Package backend is a backend at run time: its servers, load balancing
// through proxy/balance, and HAProxy's queues (src/queue.c). A request
// that finds every server full waits in the backend's queue; one whose
// server was chosen by hashing and is full waits in that server's queue;
// a server that frees a slot takes the oldest request of its own queue or
// of the backend's. A request waits at most "timeout queue" (by default
// "timeout connect"), then gets a 503 (configuration.txt section 4.2,
// "timeout queue"; section 5.2, "maxconn", "maxqueue").
package backend
