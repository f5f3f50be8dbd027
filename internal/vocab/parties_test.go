package vocab

import "testing"

func TestDefaultParties(t *testing.T) {
	v := DefaultParties()
	if v.Len() < 250 {
		t.Fatalf("%d parties", v.Len())
	}
}
