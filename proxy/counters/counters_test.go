package counters

import (
	"sync"
	"testing"
)

func TestEnterLeaveMax(t *testing.T) {
	var p Proxy
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				Enter(&p.Cur, &p.Max)
				Leave(&p.Cur)
			}
		}()
	}
	wg.Wait()
	if c := p.Cur.Load(); c != 0 {
		t.Fatalf("cur %d", c)
	}
	if m := p.Max.Load(); m < 1 || m > 8 {
		t.Fatalf("max %d", m)
	}
}

func TestResponsesClass(t *testing.T) {
	var r Responses
	for _, s := range []int{100, 200, 204, 302, 404, 503, 600, 0} {
		r.Count(s)
	}
	want := [6]int64{2, 1, 2, 1, 1, 1}
	for i := range want {
		if got := r.Class[i].Load(); got != want[i] {
			t.Errorf("class %d: %d, want %d", i, got, want[i])
		}
	}
}
