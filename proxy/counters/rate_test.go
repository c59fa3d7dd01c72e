package counters

import "testing"

// The figures follow read_freq_ctr's arithmetic: within the first
// second the rate is the count; in the next one the previous second
// weighs by the part not elapsed; two idle seconds forget everything.
func TestRate(t *testing.T) {
	var r Rate
	base := int64(1_000_000)
	for i := 0; i < 4; i++ {
		r.Add(base+int64(i), 1)
	}
	if got := r.Read(base + 10); got != 4 {
		t.Fatalf("rate in the first second = %d, want 4", got)
	}
	// a quarter into the next second: 4 * 3/4 + 0
	if got := r.Read(base + 1250); got != 3 {
		t.Fatalf("rate a quarter into the next second = %d, want 3", got)
	}
	r.Add(base+1250, 2)
	// 4 * 750/1000 + 2
	if got := r.Read(base + 1250); got != 5 {
		t.Fatalf("rate after two more events = %d, want 5", got)
	}
	if got := r.Read(base + 5000); got != 0 {
		t.Fatalf("rate after idle seconds = %d, want 0", got)
	}
	r.Add(base+5000, 1)
	if got := r.Read(base + 5001); got != 1 {
		t.Fatalf("rate after a restart = %d, want 1", got)
	}
}
