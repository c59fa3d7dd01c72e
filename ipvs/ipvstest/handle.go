package ipvstest

import (
	"encoding/binary"
	"syscall"

	"hakeep/ipvs/genl"
)

// handle answers one datagram as the kernel does: netlink_rcv_skb()
// runs each message, then acks it when NLM_F_ACK is set or it failed.
func (k *Kernel) handle(b []byte) [][]byte {
	msgs, err := genl.SplitMessages(b)
	if err != nil {
		return nil // the kernel drops a malformed datagram
	}
	var out [][]byte
	for _, r := range msgs {
		replies, dump, errno := k.dispatch(r)
		if dump {
			if errno != 0 {
				out = append(out, errorMsg(r, errno))
				continue
			}
			// netlink_dump(): the parts in one datagram, NLMSG_DONE in
			// the next; no ack after a dump.
			var buf []byte
			for _, m := range replies {
				m.Header.Flags |= genl.FlagMulti
				buf = append(buf, m.Marshal()...)
			}
			if len(buf) > 0 {
				out = append(out, buf)
			}
			out = append(out, done(r))
			continue
		}
		for _, m := range replies {
			out = append(out, m.Marshal())
		}
		if errno != 0 {
			out = append(out, errorMsg(r, errno))
		} else if r.Header.Flags&genl.FlagAck != 0 {
			out = append(out, ackMsg(r))
		}
	}
	return out
}

// errorMsg is NLMSG_ERROR echoing the whole request (no
// NETLINK_CAP_ACK on the socket).
func errorMsg(r genl.Raw, errno syscall.Errno) []byte {
	n := genl.HeaderLen + 4 + int(r.Header.Len)
	b := make([]byte, n)
	putHeader(b, uint32(n), genl.TypeError, 0, r.Header)
	binary.NativeEndian.PutUint32(b[16:], uint32(-int32(errno)))
	putHeader(b[20:], r.Header.Len, r.Header.Type, r.Header.Flags, r.Header)
	copy(b[36:], r.Payload)
	return b
}

// ackMsg is a success ack: the request's header only, NLM_F_CAPPED.
func ackMsg(r genl.Raw) []byte {
	b := make([]byte, 36)
	putHeader(b, 36, genl.TypeError, genl.FlagCapped, r.Header)
	putHeader(b[20:], r.Header.Len, r.Header.Type, r.Header.Flags, r.Header)
	return b
}

func done(r genl.Raw) []byte {
	b := make([]byte, 20)
	putHeader(b, 20, genl.TypeDone, genl.FlagMulti, r.Header)
	return b
}

// putHeader writes an nlmsghdr carrying req's sequence number and port.
func putHeader(b []byte, n uint32, typ, flags uint16, req genl.Header) {
	binary.NativeEndian.PutUint32(b[0:], n)
	binary.NativeEndian.PutUint16(b[4:], typ)
	binary.NativeEndian.PutUint16(b[6:], flags)
	binary.NativeEndian.PutUint32(b[8:], req.Seq)
	binary.NativeEndian.PutUint32(b[12:], req.PID)
}

// reply builds a reply message of family typ to req.
func reply(typ uint16, req genl.Raw, cmd uint8, attrs []byte) genl.Message {
	return genl.Message{
		Header:  genl.Header{Type: typ, Seq: req.Header.Seq, PID: req.Header.PID},
		Command: cmd,
		Version: 1,
		Attrs:   attrs,
	}
}

// dispatch runs one request and returns its reply messages, whether it
// was a dump, and the errno.
func (k *Kernel) dispatch(r genl.Raw) ([]genl.Message, bool, syscall.Errno) {
	dump := r.Header.Flags&genl.FlagDump == genl.FlagDump
	m, err := genl.ParseGeneric(r)
	if err != nil {
		return nil, dump, syscall.EINVAL
	}
	switch r.Header.Type {
	case ctrlID:
		return k.ctrl(r, m)
	case k.familyID:
	default:
		return nil, dump, syscall.EOPNOTSUPP
	}
	attrs, err := genl.AttrMap(m.Attrs)
	if err != nil {
		return nil, dump, syscall.EINVAL
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if errno, ok := k.inject[m.Command]; ok {
		delete(k.inject, m.Command)
		return nil, dump, errno
	}
	switch m.Command {
	case cmdGetService:
		if dump {
			return k.dumpServices(r), true, 0
		}
		msg, errno := k.getService(r, attrs)
		if errno != 0 {
			return nil, false, errno
		}
		return []genl.Message{msg}, false, 0
	case cmdGetDest:
		return k.dumpDests(r, attrs), true, 0
	case cmdGetDaemon:
		return k.dumpDaemons(r), true, 0
	case cmdGetConfig:
		return []genl.Message{k.config(r)}, false, 0
	case cmdGetInfo:
		return []genl.Message{k.info(r)}, false, 0
	}
	errno := k.set(m.Command, attrs)
	if errno == 0 {
		k.ops = append(k.ops, cmdName(m.Command))
	}
	return nil, false, errno
}

// ctrl answers CTRL_CMD_GETFAMILY for "IPVS"; other families do not
// exist here (ENOENT, as genl_ctrl's ctrl_getfamily() says).
func (k *Kernel) ctrl(r genl.Raw, m genl.Message) ([]genl.Message, bool, syscall.Errno) {
	attrs, err := genl.AttrMap(m.Attrs)
	if err != nil || m.Command != ctrlCmdGetFamily {
		return nil, false, syscall.EINVAL
	}
	if genl.String(attrs[ctrlAttrFamilyName]) != "IPVS" {
		return nil, false, syscall.ENOENT
	}
	var e genl.Encoder
	e.String(ctrlAttrFamilyName, "IPVS")
	e.Uint16(ctrlAttrFamilyID, k.familyID)
	e.Uint32(ctrlAttrVersion, 1)
	e.Uint32(ctrlAttrHdrSize, 0)
	e.Uint32(ctrlAttrMaxAttr, attrUDP)
	return []genl.Message{reply(ctrlID, r, ctrlCmdNewFamily, e.Bytes())}, false, 0
}

func cmdName(cmd uint8) string {
	switch cmd {
	case cmdNewService:
		return "NEW_SERVICE"
	case cmdSetService:
		return "SET_SERVICE"
	case cmdDelService:
		return "DEL_SERVICE"
	case cmdNewDest:
		return "NEW_DEST"
	case cmdSetDest:
		return "SET_DEST"
	case cmdDelDest:
		return "DEL_DEST"
	case cmdNewDaemon:
		return "NEW_DAEMON"
	case cmdDelDaemon:
		return "DEL_DAEMON"
	case cmdSetConfig:
		return "SET_CONFIG"
	case cmdZero:
		return "ZERO"
	case cmdFlush:
		return "FLUSH"
	}
	return "UNKNOWN"
}
