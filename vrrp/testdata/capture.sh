#!/bin/bash
# Captures VRRP adverts (and the GARP / unsolicited NA that go with them)
# from the real keepalived into vrrp/testdata/golden/*.pcap.
#
# Topology, created fresh for each case and always removed: two network
# namespaces joined by one veth pair; keepalived runs alone in the first
# (so it becomes MASTER at once), tcpdump listens on the peer end in the
# second. Addresses are fixed so the captures are reproducible; all
# traffic stays inside the two namespaces.
#
#   ka-$$  k0  02:00:00:00:77:01  10.77.0.1/24  fe80::1/64  fd00:77::1/64
#   cap-$$ c0  02:00:00:00:77:02  10.77.0.2/24  fe80::2/64  fd00:77::2/64
#
# Usage (root): vrrp/testdata/capture.sh [case...]   (default: all cases)
set -euo pipefail
cd "$(dirname "$0")/golden"

NSK=ka-$$ NSC=cap-$$ TMP=$(mktemp -d)
cleanup() {
	[ -f "$TMP/ka.pid" ] && kill "$(cat "$TMP/ka.pid")" 2>/dev/null || true
	ip netns del "$NSK" 2>/dev/null || true
	ip netns del "$NSC" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

setup() {
	ip netns add "$NSK"; ip netns add "$NSC"
	ip link add k0 netns "$NSK" address 02:00:00:00:77:01 type veth peer name c0 netns "$NSC" address 02:00:00:00:77:02
	for ns in "$NSK" "$NSC"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.addr_gen_mode=1 net.ipv6.conf.default.addr_gen_mode=1
	done
	ip -n "$NSK" link set k0 addrgenmode none
	ip -n "$NSC" link set c0 addrgenmode none
	ip -n "$NSK" addr add 10.77.0.1/24 dev k0
	ip -n "$NSC" addr add 10.77.0.2/24 dev c0
	ip -n "$NSK" addr add fe80::1/64 dev k0 nodad
	ip -n "$NSC" addr add fe80::2/64 dev c0 nodad
	ip -n "$NSK" addr add fd00:77::1/64 dev k0 nodad
	ip -n "$NSC" addr add fd00:77::2/64 dev c0 nodad
	ip -n "$NSK" link set lo up; ip -n "$NSC" link set lo up
	ip -n "$NSK" link set k0 up; ip -n "$NSC" link set c0 up
}
teardown() { ip netns del "$NSK"; ip netns del "$NSC"; }

# run NAME SECONDS CONFIG-BODY: keepalived with the instance body, tcpdump
# on the peer for SECONDS, then SIGTERM (which sends the priority 0 advert).
run() {
	local name=$1 secs=$2 body=$3
	setup
	cat >"$TMP/ka.conf" <<CONF
global_defs {
	router_id golden
	vrrp_garp_master_delay 1
	vrrp_garp_master_repeat 2
	vrrp_garp_interval 0.01
	vrrp_gna_interval 0.01
}
vrrp_instance VI_1 {
	interface k0
	state MASTER
	virtual_router_id 51
	priority 100
$body
}
CONF
	ip netns exec "$NSC" tcpdump -q -U -i c0 -w "$name.pcap" 'ip proto 112 or ip6 proto 112 or ah or arp or (icmp6 and ip6[40] == 136)' 2>/dev/null &
	local td=$!
	sleep 1
	ip netns exec "$NSK" keepalived -n -l -P -f "$TMP/ka.conf" -p "$TMP/ka.pid" -r "$TMP/vrrp.pid" >"$TMP/$name.log" 2>&1 &
	local ka=$!
	sleep "$secs"
	kill -TERM $ka; wait $ka || true
	sleep 0.5
	kill $td; wait $td || true
	teardown; [ -n "${VERBOSE:-}" ] && cat "$TMP/$name.log"
	echo "$name: $(stat -c %s "$name.pcap") bytes"
}

v4vips='	virtual_ipaddress {
		10.77.0.100/24
		10.77.0.101/24
	}'
v6vips='	virtual_ipaddress {
		fe80::100/64
		fd00:77::100/64
	}'
ucast4='	unicast_src_ip 10.77.0.1
	unicast_peer {
		10.77.0.2
	}'
ucast6='	unicast_src_ip fe80::1
	unicast_peer {
		fe80::2
	}'

case_v2_none()    { run v2-ipv4-none 6 "	version 2
	advert_int 1
$v4vips"; }
case_v2_pass()    { run v2-ipv4-pass 6 "	version 2
	advert_int 1
	authentication {
		auth_type PASS
		auth_pass secret12
	}
$v4vips"; }
case_v2_ah()      { run v2-ipv4-ah 6 "	version 2
	advert_int 1
	authentication {
		auth_type AH
		auth_pass secret
	}
$v4vips"; }
case_v2_ah_ucast() { run v2-ipv4-ah-unicast 6 "	version 2
	advert_int 1
	authentication {
		auth_type AH
		auth_pass secret
	}
$ucast4
$v4vips"; }
case_v2_ucast()   { run v2-ipv4-unicast 6 "	version 2
	advert_int 1
$ucast4
$v4vips"; }
case_v3_v4()      { run v3-ipv4 3 "	version 3
	advert_int 0.5
$v4vips"; }
case_v3_v4_ucast() { run v3-ipv4-unicast 6 "	version 3
	advert_int 1
$ucast4
$v4vips"; }
case_v3_v6()      { run v3-ipv6 3 "	version 3
	advert_int 0.5
$v6vips"; }
case_v3_v6_ucast() { run v3-ipv6-unicast 6 "	version 3
	advert_int 1
$ucast6
$v6vips"; }

cases=${*:-v2_none v2_pass v2_ah v2_ah_ucast v2_ucast v3_v4 v3_v4_ucast v3_v6 v3_v6_ucast}
for c in $cases; do "case_$c"; done
