package listener

// SetMax changes the limit at run time ("set maxconn frontend|global",
// management.txt section 9.3); listeners waiting for a slot look again.
func (g *Gate) SetMax(max int) {
	if g == nil {
		return
	}
	g.mu.Lock()
	g.max = max
	if g.wake != nil {
		close(g.wake)
		g.wake = nil
	}
	g.mu.Unlock()
}
