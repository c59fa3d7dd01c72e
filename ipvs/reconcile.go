package ipvs

import (
	"errors"
	"fmt"
)

// VirtualService is the wanted state of one service: its options and its
// real servers. keepalived's virtual_server block maps onto it (a real
// server that failed its check is kept with weight 0 under inhibit_on_failure,
// left out otherwise; a sorry server is one more destination).
type VirtualService struct {
	Service
	Destinations []Destination
}

// Action is one kind of change the reconciler makes.
type Action int

// Actions, in the order a reconcile issues them for one service.
const (
	AddService Action = iota
	UpdateService
	DeleteService
	AddDestination
	UpdateDestination
	DeleteDestination
)

func (a Action) String() string {
	switch a {
	case AddService:
		return "add service"
	case UpdateService:
		return "update service"
	case DeleteService:
		return "delete service"
	case AddDestination:
		return "add destination"
	case UpdateDestination:
		return "update destination"
	case DeleteDestination:
		return "delete destination"
	}
	return fmt.Sprintf("action(%d)", int(a))
}

// Op is one change made to the kernel.
type Op struct {
	Action      Action
	Service     ServiceKey
	Destination DestinationKey // zero for service actions
}

func (o Op) String() string {
	if o.Action >= AddDestination {
		return fmt.Sprintf("%s %s in %s", o.Action, o.Destination, o.Service)
	}
	return fmt.Sprintf("%s %s", o.Action, o.Service)
}

// ReconcilerOptions change what the reconciler may delete.
type ReconcilerOptions struct {
	// DeleteUnknown deletes every service not desired, not only those
	// this reconciler created or was given before. keepalived leaves
	// services it did not configure alone unless lvs_flush is set
	// (keepalived.conf(5), global_defs).
	DeleteUnknown bool
}

// Reconciler brings the kernel's table to a desired state with the
// fewest changes: it adds what is missing, edits what differs, and
// deletes destinations of its services that are not wanted and services
// it owns that are not wanted any more. It is not safe for concurrent
// use; one goroutine owns it.
type Reconciler struct {
	client Client
	opts   ReconcilerOptions
	owned  map[ServiceKey]bool
}

// NewReconciler returns a reconciler working through c.
func NewReconciler(c Client, opts ReconcilerOptions) *Reconciler {
	return &Reconciler{client: c, opts: opts, owned: map[ServiceKey]bool{}}
}

// Apply makes the kernel hold desired and returns the changes it made.
// It goes on past a failed change and returns all the errors joined, so
// one bad service does not hold the others back; the next Apply retries.
func (r *Reconciler) Apply(desired []VirtualService) ([]Op, error) {
	current, err := r.client.Services()
	if err != nil {
		return nil, err
	}
	have := make(map[ServiceKey]Service, len(current))
	for _, s := range current {
		have[s.Normal()] = s.Service
	}
	want := make(map[ServiceKey]bool, len(desired))
	var ops []Op
	var errs []error
	do := func(op Op, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		ops = append(ops, op)
	}

	// Deletions first, so that the table never holds the old and the new
	// set of services at once.
	for _, vs := range desired {
		k := vs.Normal()
		if want[k] {
			errs = append(errs, fmt.Errorf("duplicate virtual service %s", k))
			continue
		}
		want[k] = true
	}
	for _, s := range current {
		k := s.Normal()
		if want[k] || !(r.opts.DeleteUnknown || r.owned[k]) {
			continue
		}
		err := r.client.DeleteService(k)
		do(Op{Action: DeleteService, Service: k}, err)
		if err == nil {
			delete(r.owned, k)
		}
	}

	done := map[ServiceKey]bool{}
	for _, vs := range desired {
		k := vs.Normal()
		if done[k] {
			continue
		}
		done[k] = true
		r.owned[k] = true
		svc := vs.Service
		svc.ServiceKey = k
		old, exists := have[k]
		switch {
		case !exists:
			err := r.client.NewService(svc)
			do(Op{Action: AddService, Service: k}, err)
			if err != nil {
				continue // its destinations cannot go in
			}
		case !sameService(old, svc):
			do(Op{Action: UpdateService, Service: k}, r.client.UpdateService(svc))
		}
		dops, err := r.applyDestinations(k, exists, vs.Destinations)
		ops = append(ops, dops...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return ops, errors.Join(errs...)
}

// applyDestinations reconciles the real servers of service k.
func (r *Reconciler) applyDestinations(k ServiceKey, exists bool, desired []Destination) ([]Op, error) {
	have := map[DestinationKey]Destination{}
	var current []DestinationEntry
	if exists {
		var err error
		if current, err = r.client.Destinations(k); err != nil {
			return nil, err
		}
		for _, d := range current {
			have[d.Key()] = d.Destination
		}
	}
	want := map[DestinationKey]bool{}
	var list []Destination // desired, normalised, first of duplicates
	var ops []Op
	var errs []error
	do := func(op Op, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		ops = append(ops, op)
	}
	for _, d := range desired {
		dk := d.Key()
		if want[dk] {
			errs = append(errs, fmt.Errorf("duplicate destination %s in %s", dk, k))
			continue
		}
		d.Addr = dk.Addr
		want[dk] = true
		list = append(list, d)
	}
	// Deletions, then edits, then additions, in the caller's order.
	for _, d := range current {
		if dk := d.Key(); !want[dk] {
			do(Op{Action: DeleteDestination, Service: k, Destination: dk}, r.client.DeleteDestination(k, d.Destination))
		}
	}
	for _, d := range list {
		if old, ok := have[d.Key()]; ok && old != d {
			do(Op{Action: UpdateDestination, Service: k, Destination: d.Key()}, r.client.UpdateDestination(k, d))
		}
	}
	for _, d := range list {
		if _, ok := have[d.Key()]; !ok {
			do(Op{Action: AddDestination, Service: k, Destination: d.Key()}, r.client.NewDestination(k, d))
		}
	}
	return ops, errors.Join(errs...)
}

// sameService compares what UpdateService can change.
func sameService(a, b Service) bool {
	return a.Scheduler == b.Scheduler && a.Flags&^FlagHashed == b.Flags&^FlagHashed &&
		a.Timeout == b.Timeout && sameMask(a, b) && a.PE == b.PE
}

// sameMask compares persistence granularities, prefix or not.
func sameMask(a, b Service) bool {
	if a.Mask4 != 0 || b.Mask4 != 0 {
		return a.Mask4 == b.Mask4
	}
	return a.NetmaskBits() == b.NetmaskBits()
}
