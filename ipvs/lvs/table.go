package lvs

import (
	"slices"
	"syscall"

	"hakeep/ipvs"
)

// table is what keepalived's IPVS commands would have left in the kernel:
// the engine plays keepalived's commands (ipvs_cmd()) on it, with the
// kernel's answers (a service or destination that already exists, or is
// missing), and the reconciler makes the kernel hold it. Services and
// destinations are kept in the order they were added, so that the
// reconciler adds them in keepalived's order and the kernel lists
// destinations as it would have (newest first).
type table struct {
	services []*tableService
	// ver counts the changes, so that the kernel is reconciled only
	// after one.
	ver int
}

type tableService struct {
	ipvs.Service
	dests []ipvs.Destination
}

func (t *table) find(k ipvs.ServiceKey) int {
	k = k.Normal()
	return slices.IndexFunc(t.services, func(s *tableService) bool { return s.Normal() == k })
}

// addService is IP_VS_SO_SET_ADD.
func (t *table) addService(s ipvs.Service) syscall.Errno {
	if t.find(s.ServiceKey) >= 0 {
		return syscall.EEXIST
	}
	t.services = append(t.services, &tableService{Service: s})
	t.ver++
	return 0
}

// editService is IP_VS_SO_SET_EDIT.
func (t *table) editService(s ipvs.Service) syscall.Errno {
	i := t.find(s.ServiceKey)
	if i < 0 {
		return syscall.ESRCH
	}
	t.services[i].Service = s
	t.ver++
	return 0
}

// delService is IP_VS_SO_SET_DEL.
func (t *table) delService(k ipvs.ServiceKey) syscall.Errno {
	i := t.find(k)
	if i < 0 {
		return syscall.ESRCH
	}
	t.services = slices.Delete(t.services, i, i+1)
	t.ver++
	return 0
}

func (s *tableService) findDest(d ipvs.Destination) int {
	k := d.Key()
	return slices.IndexFunc(s.dests, func(x ipvs.Destination) bool { return x.Key() == k })
}

// checkDest is ip_vs_add_dest()'s and ip_vs_edit_dest()'s validation,
// so that the table refuses what the kernel would.
func checkDest(d ipvs.Destination) syscall.Errno {
	switch {
	case d.Weight < 0, d.LowerThreshold > d.UpperThreshold:
		return syscall.ERANGE
	case d.Method == ipvs.Tunnel && d.TunnelType == ipvs.TunnelGUE && d.TunnelPort == 0:
		return syscall.EINVAL
	}
	return 0
}

// addDest is IP_VS_SO_SET_ADDDEST.
func (t *table) addDest(k ipvs.ServiceKey, d ipvs.Destination) syscall.Errno {
	i := t.find(k)
	if i < 0 {
		return syscall.ESRCH
	}
	if err := checkDest(d); err != 0 {
		return err
	}
	s := t.services[i]
	if s.findDest(d) >= 0 {
		return syscall.EEXIST
	}
	s.dests = append(s.dests, d)
	t.ver++
	return 0
}

// editDest is IP_VS_SO_SET_EDITDEST.
func (t *table) editDest(k ipvs.ServiceKey, d ipvs.Destination) syscall.Errno {
	i := t.find(k)
	if i < 0 {
		return syscall.ESRCH
	}
	s := t.services[i]
	j := s.findDest(d)
	if j < 0 {
		return syscall.ENOENT
	}
	if err := checkDest(d); err != 0 {
		return err
	}
	s.dests[j] = d
	t.ver++
	return 0
}

// delDest is IP_VS_SO_SET_DELDEST.
func (t *table) delDest(k ipvs.ServiceKey, d ipvs.Destination) syscall.Errno {
	i := t.find(k)
	if i < 0 {
		return syscall.ESRCH
	}
	s := t.services[i]
	j := s.findDest(d)
	if j < 0 {
		return syscall.ENOENT
	}
	s.dests = slices.Delete(s.dests, j, j+1)
	t.ver++
	return 0
}

// flush is IP_VS_SO_SET_FLUSH.
func (t *table) flush() {
	t.services = nil
	t.ver++
}

// desired is the table for the reconciler.
func (t *table) desired() []ipvs.VirtualService {
	out := make([]ipvs.VirtualService, 0, len(t.services))
	for _, s := range t.services {
		out = append(out, ipvs.VirtualService{Service: s.Service, Destinations: slices.Clone(s.dests)})
	}
	return out
}
