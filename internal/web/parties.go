package web

import "github.com/accord-archive/accord/internal/archive"

// maxListedParties is the most parties a one-line list names in full.
const maxListedParties = 6

// partyLD is schema.org data for a party: a state is a Country, anything
// else an Organization (an organ is its organisation's).
func partyLD(p archive.Party) map[string]any {
	t := "Organization"
	if p.Kind == archive.State || p.Kind == "" {
		t = "Country"
	}
	return map[string]any{"@type": t, "name": p.Name, "identifier": p.Code}
}
