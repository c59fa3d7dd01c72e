package genl

import (
	"errors"
	"fmt"
	"syscall"
)

// The controller family (include/uapi/linux/genetlink.h).
const (
	ctrlID             = 0x10 // GENL_ID_CTRL
	ctrlCmdGetFamily   = 3
	ctrlAttrFamilyID   = 1
	ctrlAttrFamilyName = 2
	ctrlVersion        = 1 // what libnl's genl_ctrl_resolve() sends
)

// ErrNoFamily is returned by ResolveFamily when the kernel does not know
// the family (its module is not loaded, or not built).
var ErrNoFamily = errors.New("generic netlink family not registered")

// ResolveFamily asks the controller for the id of family name.
func (c *Conn) ResolveFamily(name string) (uint16, error) {
	var e Encoder
	e.String(ctrlAttrFamilyName, name)
	replies, err := c.Execute(Message{
		Header:  Header{Type: ctrlID},
		Command: ctrlCmdGetFamily,
		Version: ctrlVersion,
		Attrs:   e.Bytes(),
	})
	if errors.Is(err, syscall.ENOENT) {
		return 0, fmt.Errorf("%q: %w", name, ErrNoFamily)
	}
	if err != nil {
		return 0, fmt.Errorf("resolving generic netlink family %q: %w", name, err)
	}
	for _, r := range replies {
		attrs, err := AttrMap(r.Attrs)
		if err != nil {
			return 0, err
		}
		if v, ok := attrs[ctrlAttrFamilyID]; ok {
			return Uint16(v)
		}
	}
	return 0, fmt.Errorf("resolving generic netlink family %q: no id in the reply", name)
}
