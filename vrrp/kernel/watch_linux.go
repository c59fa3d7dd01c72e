package kernel

import (
	"context"
	"fmt"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

// WatchLinks calls changed for every rtnetlink link message (an
// interface appearing, going, or changing its flags or carrier) until
// ctx ends.
func WatchLinks(ctx context.Context, ns NS, changed func()) error {
	ch := make(chan netlink.LinkUpdate, 64)
	done := make(chan struct{})
	opts := netlink.LinkSubscribeOptions{ErrorCallback: func(error) { changed() }}
	if ns.set() {
		h := netns.NsHandle(ns.Handle)
		opts.Namespace = &h
	}
	if err := netlink.LinkSubscribeWithOptions(ch, done, opts); err != nil {
		return fmt.Errorf("link subscription: %w", err)
	}
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-ch:
				if !ok {
					return
				}
				changed()
			}
		}
	}()
	return nil
}
