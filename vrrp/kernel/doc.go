// Package kernel is the Linux side of the VRRP engine: raw VRRP sockets
// (IPv4 with keepalived's own IP header, IPv6 with kernel checksums),
// virtual addresses over rtnetlink, gratuitous ARP / unsolicited NA over
// AF_PACKET, and interface state. Everything can be opened inside another
// network namespace (keepalived's net_namespace).
package kernel
