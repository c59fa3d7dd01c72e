// Package sockxfer hands listening sockets from a running HAProxy process
// to the one replacing it, over a unix stream socket, with HAProxy 2.6's
// "_getsocks" protocol (management.txt section 4, "-x"; src/sock.c
// sock_get_old_sockets() for the receiving side, src/cli.c _getsocks()
// for the sending side):
//
//   - the receiver sends the line "_getsocks\n";
//   - the sender answers with the number of sockets, a native-endian
//     32-bit int in a message of its own, then the sockets in batches of
//     at most 253 (MAX_SEND_FD) passed with SCM_RIGHTS; each socket has a
//     record in the batch's data: the length of its network namespace
//     name (one byte) and the name, the length of its interface name and
//     the name, then 32 bits of zeroes;
//   - the receiver acknowledges every batch with a 32-bit int, and the
//     sender waits for that acknowledgement after each full batch.
//
// Sockets with nothing to send produce no answer at all (the sender just
// ends the session), as in 2.6. Because both sides follow 2.6 to the
// byte, the real haproxy can fetch sockets from hakeep and hakeep from
// the real haproxy.
package sockxfer
