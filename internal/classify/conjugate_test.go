package classify

import (
	"slices"
	"testing"
)

func TestConjugate(t *testing.T) {
	tests := []struct {
		in               string
		present          []string
		past, participle string
	}{
		{"reaffirm", []string{"reaffirm", "reaffirms"}, "reaffirmed", "reaffirming"},
		{"welcome", []string{"welcome", "welcomes"}, "welcomed", "welcoming"},
		{"commit/committed to", []string{"commit to", "commits to"}, "committed to", "committing to"},
		{"agree to", []string{"agree to", "agrees to"}, "agreed to", "agreeing to"},
		{"study the possibility", []string{"study the possibility", "studies the possibility"}, "studied the possibility", "studying the possibility"},
		{"express concern", []string{"express concern", "expresses concern"}, "expressed concern", "expressing concern"},
		{"urge", []string{"urge", "urges"}, "urged", "urging"},
		{"undertake/undertook to", []string{"undertake to", "undertakes to"}, "undertook to", "undertaking to"},
		{"deplore", []string{"deplore", "deplores"}, "deplored", "deploring"},
		{"stress the importance", []string{"stress the importance", "stresses the importance"}, "stressed the importance", "stressing the importance"},
	}
	for _, tt := range tests {
		f := conjugate(tt.in)
		if !slices.Equal(f.present, tt.present) || f.past != tt.past || f.participle != tt.participle {
			t.Errorf("conjugate(%q) = %v %q %q; want %v %q %q", tt.in, f.present, f.past, f.participle, tt.present, tt.past, tt.participle)
		}
	}
}
