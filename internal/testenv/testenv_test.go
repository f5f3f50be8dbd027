package testenv

import "testing"

func TestRequired(t *testing.T) {
	for _, tt := range []struct {
		ci, require string
		want        bool
	}{
		{"", "", false},
		{"true", "", true},
		{"1", "", true},
		{"false", "", false},
		{"", "1", true},
		{"false", "true", true},
		{"", "no", false},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv(RequireEnv, tt.require)
		if got := Required(); got != tt.want {
			t.Errorf("CI=%q %s=%q: Required() = %v; want %v", tt.ci, RequireEnv, tt.require, got, tt.want)
		}
	}
}
