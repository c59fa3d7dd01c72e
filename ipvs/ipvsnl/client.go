// Package ipvsnl drives the kernel's IPVS table over generic netlink (the
// "IPVS" family of include/uapi/linux/ip_vs.h), as ipvsadm and keepalived
// do through libipvs. Messages are built attribute for attribute as
// libipvs builds them, so they are byte-identical to ipvsadm 1.31's (see
// ipvs/testdata/golden).
package ipvsnl

import (
	"errors"
	"fmt"

	"hakeep/ipvs"
	"hakeep/ipvs/genl"
)

// Client talks to IPVS. It is safe for concurrent use.
type Client struct {
	conn   *genl.Conn
	family uint16
}

var _ ipvs.Client = (*Client)(nil)

// Dial opens a generic netlink socket and resolves the IPVS family. It
// fails with an error wrapping genl.ErrNoFamily when the kernel has no
// IPVS (the ip_vs module is not loaded).
func Dial() (*Client, error) {
	conn, err := genl.Dial()
	if err != nil {
		return nil, err
	}
	c, err := newClient(conn)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}

// New runs the client over sock, a real or a fake netlink socket.
func New(sock genl.Socket) (*Client, error) {
	return newClient(genl.NewConn(sock))
}

func newClient(conn *genl.Conn) (*Client, error) {
	id, err := conn.ResolveFamily(familyName)
	if err != nil {
		if errors.Is(err, genl.ErrNoFamily) {
			return nil, fmt.Errorf("ipvs: kernel has no IPVS (is ip_vs loaded?): %w", err)
		}
		return nil, err
	}
	return &Client{conn: conn, family: id}, nil
}

// Close closes the socket.
func (c *Client) Close() error { return c.conn.Close() }

// do sends one IPVS command with attrs and returns the replies.
func (c *Client) do(cmd uint8, flags uint16, attrs []byte) ([]genl.Message, error) {
	return c.conn.Execute(genl.Message{
		Header:  genl.Header{Type: c.family, Flags: flags},
		Command: cmd,
		Version: version,
		Attrs:   attrs,
	})
}
