package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Verdict says how a measure stands against its target.
type Verdict string

const (
	Pass Verdict = "pass"
	Miss Verdict = "MISS"
	Info Verdict = "-" // no target, or the smoke run, where none is asserted
)

// Row is one measure: Accord's figure, the peer's, the ratio or target
// and the command that produced it.
type Row struct {
	Measure string
	Accord  string
	Peer    string
	Target  string // "0.93× (≥ 0.8×)" or "< 5 ms"
	Verdict Verdict
	Command string
}

// Table is the report, in the order rows were added.
type Table struct {
	Rows  []Row
	Smoke bool // targets are shown but never judged
}

// Add appends a row; in a smoke table its verdict becomes Info.
func (t *Table) Add(r Row) {
	if t.Smoke {
		r.Verdict = Info
	}
	t.Rows = append(t.Rows, r)
}

// Judge returns Pass when ok, else Miss.
func Judge(ok bool) Verdict {
	if ok {
		return Pass
	}
	return Miss
}

// Write prints the table, then each row's command under its number.
func (t *Table) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tmeasure\tAccord\tpeer\tratio / target\tresult")
	for i, r := range t.Rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, r.Measure, dash(r.Accord), dash(r.Peer), dash(r.Target), r.Verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\ncommands:")
	for i, r := range t.Rows {
		fmt.Fprintf(w, "%2d  %s\n", i+1, r.Command)
	}
	return nil
}

// Missed lists the measures that missed their target.
func (t *Table) Missed() []string {
	var out []string
	for _, r := range t.Rows {
		if r.Verdict == Miss {
			out = append(out, r.Measure)
		}
	}
	return out
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
