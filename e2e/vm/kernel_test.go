package vm

import (
	"os"
	"path/filepath"
	"testing"
)

// A tree already unpacked (by an earlier run, or by a concurrent test
// process that won the rename) is used as it is: the .deb named here
// does not even exist, so dpkg-deb would fail.
func TestUnpackKernelReusesTree(t *testing.T) {
	cache := t.TempDir()
	deb := filepath.Join(cache, "linux-image-1.0-cloud-amd64_1_amd64.deb")
	dir := filepath.Join(cache, "linux-image-1.0-cloud-amd64_1_amd64")
	// The tree another process already put in place.
	for _, p := range []string{"boot/vmlinuz-1.0-cloud-amd64", "lib/modules/1.0-cloud-amd64/kernel/x.ko"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	k, err := unpackKernel(cache, deb)
	if err != nil {
		t.Fatal(err)
	}
	if k.version != "1.0-cloud-amd64" || k.image != filepath.Join(dir, "boot", "vmlinuz-1.0-cloud-amd64") {
		t.Errorf("got %+v", k)
	}
	if got, err := findKernelDeb(t.TempDir()); err == nil {
		t.Errorf("an empty cache gave %q", got)
	}
}
