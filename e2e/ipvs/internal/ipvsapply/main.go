// Command ipvsapply drives hakeep's ipvs packages inside the e2e VM, where
// the kernel has IPVS. It is built static (CGO_ENABLED=0) by e2e/ipvs.
//
//	ipvsapply apply [-delete-unknown] JSON   reconcile to []ipvs.VirtualService, print the ops
//	ipvsapply ops JSON                       run []Step one by one, print "ok" or the errno per step
//	ipvsapply dump                           print the table as JSON []ipvs.VirtualService
//	ipvsapply flush
//	ipvsapply timeouts TCP TCPFIN UDP        seconds; then print what the kernel holds
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"hakeep/e2e/ipvs/internal/step"
	"hakeep/ipvs"
	"hakeep/ipvs/ipvsnl"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ipvsapply:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: ipvsapply apply|ops|dump|flush|timeouts ...")
	}
	c, err := ipvsnl.Dial()
	if err != nil {
		return err
	}
	defer c.Close()
	switch args[0] {
	case "apply":
		fs := flag.NewFlagSet("apply", flag.ContinueOnError)
		deleteUnknown := fs.Bool("delete-unknown", false, "delete services not in the desired state")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		var desired []ipvs.VirtualService
		if err := json.Unmarshal([]byte(fs.Arg(0)), &desired); err != nil {
			return fmt.Errorf("desired state: %w", err)
		}
		r := ipvs.NewReconciler(c, ipvs.ReconcilerOptions{DeleteUnknown: *deleteUnknown})
		ops, err := r.Apply(desired)
		for _, op := range ops {
			fmt.Fprintln(out, op)
		}
		return err
	case "ops":
		var steps []step.Step
		if len(args) < 2 {
			return errors.New("ops needs a JSON list of steps")
		}
		if err := json.Unmarshal([]byte(args[1]), &steps); err != nil {
			return fmt.Errorf("steps: %w", err)
		}
		for _, s := range steps {
			fmt.Fprintln(out, step.Outcome(s.Run(c)))
		}
		return nil
	case "dump":
		svcs, err := c.Services()
		if err != nil {
			return err
		}
		var state []ipvs.VirtualService
		for _, s := range svcs {
			ds, err := c.Destinations(s.ServiceKey)
			if err != nil {
				return err
			}
			vs := ipvs.VirtualService{Service: s.Service}
			for _, d := range ds {
				vs.Destinations = append(vs.Destinations, d.Destination)
			}
			state = append(state, vs)
		}
		return json.NewEncoder(out).Encode(state)
	case "flush":
		return c.Flush()
	case "timeouts":
		if len(args) != 4 {
			return errors.New("timeouts TCP TCPFIN UDP")
		}
		var secs [3]int
		for i := range secs {
			if secs[i], err = strconv.Atoi(args[1+i]); err != nil {
				return fmt.Errorf("timeout %q: %w", args[1+i], err)
			}
		}
		if err := c.SetTimeouts(ipvs.Timeouts{TCP: time.Duration(secs[0]) * time.Second,
			TCPFin: time.Duration(secs[1]) * time.Second, UDP: time.Duration(secs[2]) * time.Second}); err != nil {
			return err
		}
		t, err := c.Timeouts()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d %d %d\n", t.TCP/time.Second, t.TCPFin/time.Second, t.UDP/time.Second)
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}
