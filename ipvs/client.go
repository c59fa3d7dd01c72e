package ipvs

// Client is what the reconciler (and keepalived's checkers, through it)
// needs of the kernel: list and change services and destinations.
// hakeep/ipvs/ipvsnl implements it over generic netlink. Errors from the
// kernel wrap its errno (syscall.EEXIST, ESRCH, ENOENT...).
type Client interface {
	Services() ([]ServiceEntry, error)
	Destinations(ServiceKey) ([]DestinationEntry, error)
	NewService(Service) error
	UpdateService(Service) error
	DeleteService(ServiceKey) error
	NewDestination(ServiceKey, Destination) error
	UpdateDestination(ServiceKey, Destination) error
	DeleteDestination(ServiceKey, Destination) error
}
