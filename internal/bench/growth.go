package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Growth is the growth table: each measure at each size of archive, and
// how much it grows per tenfold.
type Growth struct {
	Sizes  []int // clauses, ascending
	Series []Series
}

// Series is one measure at every size. A value of zero or less was not
// measured (a size skipped, a peer without that measure).
type Series struct {
	Measure string    // "search: median"
	Peer    string    // "" for Accord, or the peer's name ("FTS5")
	Unit    string    // "ms", "s", "MB", "clauses/s"
	Panel   string    // the chart panel it is drawn in, by its title
	Values  []float64 // one per size
	Target  string    // what the largest size should reach, if anything
}

// Add appends s, its values one per size.
func (g *Growth) Add(s Series) { g.Series = append(g.Series, s) }

// Target sets the target of the series named measure (Accord's).
func (g *Growth) Target(measure, target string) {
	for k := range g.Series {
		if s := &g.Series[k]; s.Measure == measure && s.Peer == "" {
			s.Target = target
		}
	}
}

// Set records v as the value of the series named measure (and peer) at
// size i, adding the series if it is new.
func (g *Growth) Set(i int, measure, peer, unit, panel string, v float64) {
	for k := range g.Series {
		if s := &g.Series[k]; s.Measure == measure && s.Peer == peer {
			s.Values[i] = v
			return
		}
	}
	vals := make([]float64, len(g.Sizes))
	vals[i] = v
	g.Add(Series{Measure: measure, Peer: peer, Unit: unit, Panel: panel, Values: vals})
}

// perTenfold is how many times s grows from size i-1 to size i, scaled
// to a tenfold when the sizes are further or closer apart; 0 if either
// was not measured.
func (g *Growth) perTenfold(s Series, i int) float64 {
	a, b := s.Values[i-1], s.Values[i]
	if a <= 0 || b <= 0 || g.Sizes[i-1] <= 0 || g.Sizes[i] <= g.Sizes[i-1] {
		return 0
	}
	decades := math.Log10(float64(g.Sizes[i]) / float64(g.Sizes[i-1]))
	return math.Pow(b/a, 1/decades)
}

// Write prints the table: one row per series, one column per size, then
// the growth per tenfold between each pair of sizes.
func (g *Growth) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"measure", "unit"}
	for _, n := range g.Sizes {
		head = append(head, Count(n))
	}
	for i := 1; i < len(g.Sizes); i++ {
		head = append(head, fmt.Sprintf("×10 (%s→%s)", Count(g.Sizes[i-1]), Count(g.Sizes[i])))
	}
	head = append(head, "target")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, s := range g.Series {
		row := []string{s.label(), s.Unit}
		for _, v := range s.Values {
			row = append(row, Value(v))
		}
		for i := 1; i < len(g.Sizes); i++ {
			if f := g.perTenfold(s, i); f > 0 {
				row = append(row, fmt.Sprintf("%.2f×", f))
			} else {
				row = append(row, "-")
			}
		}
		row = append(row, dash(s.Target))
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	return tw.Flush()
}

// label is the series' name in the table: the peer's in front.
func (s Series) label() string {
	if s.Peer != "" {
		return s.Peer + " " + s.Measure
	}
	return s.Measure
}

// Count writes a number of clauses short: 10k, 100k, 1M.
func Count(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// Value writes a measured figure with three significant digits or so, and
// "-" for one not measured.
func Value(v float64) string {
	switch {
	case v <= 0 || math.IsNaN(v) || math.IsInf(v, 0):
		return "-"
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
}
