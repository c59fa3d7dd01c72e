// Package mworker is HAProxy 2.6's master process (management.txt
// sections 4 and 9.4, src/mworker.c): the list of processes it looks
// after, "show proc", the master CLI that routes Runtime API commands to
// workers, the handling of its signals and of its children's exits, and
// the re-execution of itself that reloads the configuration.
//
// Go cannot fork. Where 2.6 forks a worker, the master starts its own
// executable again with the worker's role in its environment, the
// listening sockets and one end of a socketpair as extra files. Where 2.6
// re-executes itself (execve, same PID) to reload or to enter its wait
// mode, so does the master here, carrying the process list in the
// environment as 2.6 does (HAPROXY_PROCESSES) and keeping the file
// descriptors it needs across the exec.
package mworker
