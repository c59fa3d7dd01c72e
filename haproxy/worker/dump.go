package worker

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// dumpPools is SIGQUIT: 2.6 dumps its memory pools, then releases what
// it can (management.txt section 4). A Go process' pools are the
// allocator's size classes; they are printed in 2.6's layout, then the
// free memory goes back to the system.
func dumpPools(w io.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintln(w, "Dumping pools usage. Use SIGQUIT to flush them.")
	var pools int
	var allocated, used uint64
	for _, c := range ms.BySize {
		if c.Mallocs == 0 {
			continue
		}
		live := c.Mallocs - c.Frees
		fmt.Fprintf(w, "  - Pool size-%d (%d bytes) : %d allocated (%d bytes), %d used, 0 failures\n",
			c.Size, c.Size, c.Mallocs, c.Mallocs*uint64(c.Size), live)
		pools++
		allocated += c.Mallocs * uint64(c.Size)
		used += live * uint64(c.Size)
	}
	fmt.Fprintf(w, "Total: %d pools, %d bytes allocated, %d used.\n", pools, allocated, used)
	debug.FreeOSMemory()
}
