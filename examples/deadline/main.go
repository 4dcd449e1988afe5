// Command deadline computes when an Italian legal term expires and explains
// why, step by step, with the provisions applied.
//
//	go run ./examples/deadline -from 2026-09-04 -days 30 -municipality Roma
//	go run ./examples/deadline -from 20/07/2026 -days 30 -kind giurisdizionale
//	go run ./examples/deadline -from 2026-03-02 -days 30 -suspend 2026-03-05:2026-03-12 -json
//	go run ./examples/deadline -from 2026-01-31 -length 1 -unit mesi -today 2026-02-25
//
// Flags:
//
//	-from date          day of the triggering event (2026-09-04 or 04/09/2026), required
//	-days n             length in calendar days (shorthand for -length n -unit giorni)
//	-length n           length of the term, in -unit
//	-unit u             giorni, lavorativi, mesi or anni (default giorni)
//	-kind k             amministrativo or giurisdizionale (default amministrativo)
//	-municipality m     comune by name or ISTAT code (default: national calendar)
//	-suspend from:to    a suspension of the term; repeat for more; from:to:cap caps it
//	-restart date       the term runs anew from this day
//	-dilatory           a "non prima di" term: prints the first day the act is allowed
//	-name text          name of the term, shown in the explanation
//	-today date         also say where the deadline stands on this day
//	-soon n             days before the expiry that count as "in scadenza" (default 5)
//	-json               print JSON instead of text
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// suspensions collects repeated -suspend flags.
type suspensions []deadline.Suspension

func (s *suspensions) String() string { return fmt.Sprint(len(*s)) }

func (s *suspensions) Set(v string) error {
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return fmt.Errorf("want from:to or from:to:cap, got %q", v)
	}
	from, err := deadline.ParseDate(parts[0])
	if err != nil {
		return err
	}
	to, err := deadline.ParseDate(parts[1])
	if err != nil {
		return err
	}
	su := deadline.Suspension{From: from, To: to, Reason: "sospensione indicata"}
	if len(parts) == 3 {
		if su.Cap, err = strconv.Atoi(parts[2]); err != nil || su.Cap < 0 {
			return fmt.Errorf("bad cap %q", parts[2])
		}
	}
	*s = append(*s, su)
	return nil
}

// dateFlag is a flag holding a deadline.Date.
type dateFlag struct{ d deadline.Date }

func (f *dateFlag) String() string { return f.d.String() }

func (f *dateFlag) Set(v string) error {
	d, err := deadline.ParseDate(v)
	if err != nil {
		return err
	}
	f.d = d
	return nil
}

// intFlag is an integer flag that knows whether it was given.
type intFlag struct {
	n   int
	set bool
}

func (f *intFlag) String() string {
	if !f.set {
		return ""
	}
	return strconv.Itoa(f.n)
}

func (f *intFlag) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("not a number: %q", v)
	}
	f.n, f.set = n, true
	return nil
}

// output is what -json prints.
type output struct {
	Calendar    string               `json:"calendar"`
	Due         deadline.Date        `json:"due"`
	Explanation deadline.Explanation `json:"explanation"`
	Status      *deadline.Status     `json:"status,omitempty"`
}

// run is the whole program: it parses args, writes the result to stdout and
// problems to stderr, and returns the exit code (0 ok, 1 the term cannot be
// computed, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		from, restart, today dateFlag
		days, length         intFlag
		sus                  suspensions
		unit                 = fs.String("unit", "giorni", "giorni, lavorativi, mesi or anni")
		kind                 = fs.String("kind", "amministrativo", "amministrativo or giurisdizionale")
		municipality         = fs.String("municipality", "", "comune by name or ISTAT code (default: national calendar)")
		dilatory             = fs.Bool("dilatory", false, `a "non prima di" term`)
		name                 = fs.String("name", "", "name of the term")
		soon                 = fs.Int("soon", 5, `days before the expiry that count as "in scadenza"`)
		asJSON               = fs.Bool("json", false, "print JSON")
	)
	fs.Var(&from, "from", "day of the triggering event (2026-09-04 or 04/09/2026)")
	fs.Var(&restart, "restart", "the term runs anew from this day")
	fs.Var(&today, "today", "also say where the deadline stands on this day")
	fs.Var(&sus, "suspend", "suspension from:to[:cap]; repeat for more")
	fs.Var(&days, "days", "length in calendar days (shorthand for -length n -unit giorni)")
	fs.Var(&length, "length", "length of the term, in -unit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "deadline:", msg)
		fs.Usage()
		return 2
	}
	if fs.NArg() > 0 {
		return usage("unexpected arguments: " + strings.Join(fs.Args(), " "))
	}
	if from.d.IsZero() {
		return usage("-from is required")
	}
	term := deadline.Term{Name: *name, Dilatory: *dilatory}
	var err error
	if term.Unit, err = deadline.ParseUnit(*unit); err != nil {
		return usage(err.Error())
	}
	if term.Kind, err = deadline.ParseKind(*kind); err != nil {
		return usage(err.Error())
	}
	switch {
	case days.set && length.set:
		return usage("give -days or -length, not both")
	case days.set:
		if term.Unit != deadline.Days {
			return usage("-days counts calendar days: use -length with -unit " + *unit)
		}
		term.Length = days.n
	case length.set:
		term.Length = length.n
	default:
		return usage("-days or -length is required")
	}

	cal := deadline.Italy()
	if *municipality != "" {
		if cal, err = deadline.ForMunicipality(*municipality); err != nil {
			fmt.Fprintln(stderr, "deadline:", err)
			return 2
		}
	}
	spec := deadline.Spec{Start: from.d, Term: term, Suspensions: sus}
	if !restart.d.IsZero() {
		spec.Restart = &deadline.Restart{On: restart.d, Reason: "interruzione indicata"}
	}
	x, err := cal.Explain(spec)
	if err != nil {
		fmt.Fprintln(stderr, "deadline:", err)
		return 1
	}
	out := output{Calendar: cal.Name(), Due: x.Due, Explanation: x}
	if !today.d.IsZero() {
		st := deadline.Deadline{Name: term.Name, Due: x.Due, Explanation: x}.Status(today.d, *soon)
		out.Status = &st
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "deadline:", err)
			return 1
		}
		return 0
	}
	printText(stdout, out, term, today.d)
	return 0
}

// printText writes the result for a person.
func printText(w io.Writer, out output, term deadline.Term, today deadline.Date) {
	label := "Scadenza"
	if term.Dilatory {
		label = "Primo giorno consentito"
	}
	fmt.Fprintf(w, "%s: %s (%s)\n", label, out.Due.Italian(), out.Due)
	fmt.Fprintf(w, "Calendario: %s\n", out.Calendar)
	fmt.Fprintf(w, "Termine: %s, %s\n", term.Unit.Quantity(term.Length), term.Kind)
	if out.Status != nil {
		fmt.Fprintf(w, "Al %s: %s", today.Italian(), out.Status.State.Italian())
		switch {
		case out.Status.State == deadline.Overdue:
			fmt.Fprintf(w, " da %s", deadline.Days.Quantity(out.Status.OverdueBy()))
		case out.Status.DaysLeft == 1:
			fmt.Fprint(w, ", manca 1 giorno")
		case out.Status.DaysLeft > 0:
			fmt.Fprintf(w, ", mancano %d giorni", out.Status.DaysLeft)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, out.Explanation.String())
}
