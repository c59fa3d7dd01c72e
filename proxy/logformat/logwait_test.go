package logformat

import (
	"testing"

	"hakeep/proxy/sample"
)

// TestWaitsForBytes follows the LW_BYTES column of 2.6's
// logformat_keywords.
func TestWaitsForBytes(t *testing.T) {
	for _, c := range []struct {
		format string
		want   bool
	}{
		{"%ci %ST %tsc %b/%s %{+Q}r", false},
		{"%HM %HU %HV %HP %ST %tsc %[src]", false},
		{"%ST %B", true},
		{"%ST %ts", true},
		{"%ST %Tt", true},
		{"%ST %TR", true},
		{"%ST %ID", true},
		{"%ac/%fc", true},
		{"%Ts %T %t %tr", false},
	} {
		ctx := &sample.Context{Registry: sample.NewRegistry(), Proxy: "fe", Cap: sample.CapFE, ArgCtx: sample.ArgLOG}
		f, err := Parse(c.format, Options{HTTP: true, MergeSpaces: true, Cap: sample.FeLogEnd}, ctx)
		if err != nil {
			t.Fatalf("%q: %v", c.format, err)
		}
		if got := f.WaitsForBytes(); got != c.want {
			t.Errorf("%q: WaitsForBytes() = %v, want %v", c.format, got, c.want)
		}
	}
	var none *Format
	if none.WaitsForBytes() {
		t.Error("nil format waits")
	}
}
