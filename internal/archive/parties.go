package archive

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// PartyKind is what kind of party a code stands for.
type PartyKind string

// The kinds of party. A group is an informal grouping (the G7, the Quad)
// with members but no legal personality of its own; an organ acts for an
// organisation (the Security Council for the United Nations).
const (
	State        PartyKind = "state"
	Organisation PartyKind = "organisation"
	Organ        PartyKind = "organ"
	Group        PartyKind = "group"
)

// PartyKinds lists every kind of party, for messages.
func PartyKinds() []PartyKind { return []PartyKind{State, Organisation, Organ, Group} }

// Valid reports whether k is one of the kinds of party.
func (k PartyKind) Valid() bool {
	for _, x := range PartyKinds() {
		if k == x {
			return true
		}
	}
	return false
}

// PartyEntry is one entry of the party vocabulary: the party and what the
// vocabulary says about it.
type PartyEntry struct {
	Party
	Aliases []string  // as texts write it: "the United States of America", "the Union"
	Parent  string    // an organ's organisation
	Members []string  // a group's (or an organisation's, where listed) members
	Limited bool      // a state with limited recognition
	From    time.Time // a historical state's first day, or zero
	Until   time.Time // a historical state's last day, or zero
}

// Historical reports whether the party no longer exists.
func (e *PartyEntry) Historical() bool { return !e.Until.IsZero() }

// Parties is the party vocabulary: every party a document may name, by
// code. It never changes once made.
type Parties struct {
	list   []*PartyEntry // in the order given
	byCode map[string]*PartyEntry
}

// NewParties makes the vocabulary of entries, checking what one entry
// cannot check alone: codes are unique, an organ's parent and a group's
// members are entries of the vocabulary. The loader reports the same
// problems with their lines first; this is the last guard.
func NewParties(entries []PartyEntry) (*Parties, error) {
	v := &Parties{byCode: make(map[string]*PartyEntry, len(entries))}
	for i := range entries {
		e := &entries[i]
		if _, dup := v.byCode[e.Code]; dup {
			return nil, fmt.Errorf("party %s is listed twice", e.Code)
		}
		v.byCode[e.Code] = e
		v.list = append(v.list, e)
	}
	for _, e := range v.list {
		if e.Parent != "" && v.byCode[e.Parent] == nil {
			return nil, fmt.Errorf("party %s: unknown parent %s", e.Code, e.Parent)
		}
		for _, m := range e.Members {
			if v.byCode[m] == nil {
				return nil, fmt.Errorf("party %s: unknown member %s", e.Code, m)
			}
		}
	}
	return v, nil
}

// LookupParty returns the party with the given code (upper case), or an
// error naming the code if the vocabulary has no such party.
func (v *Parties) LookupParty(code string) (Party, error) {
	if e, ok := v.Entry(code); ok {
		return e.Party, nil
	}
	return Party{}, fmt.Errorf("unknown party %q: want a code of the party vocabulary, such as KZ, EE, EU, UNSC or G7", code)
}

// Entry returns the vocabulary's entry for code.
func (v *Parties) Entry(code string) (*PartyEntry, bool) {
	if v == nil {
		return nil, false
	}
	e, ok := v.byCode[code]
	return e, ok
}

// Entries lists every entry in the vocabulary's order. The slice is
// shared; do not modify it.
func (v *Parties) Entries() []*PartyEntry {
	if v == nil {
		return nil
	}
	return v.list
}

// Len is the number of parties in the vocabulary.
func (v *Parties) Len() int { return len(v.Entries()) }

// ByKind lists the entries of one kind, by code.
func (v *Parties) ByKind(k PartyKind) []*PartyEntry {
	var out []*PartyEntry
	for _, e := range v.Entries() {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Resolve finds the party a text names by its code, name or one of its
// aliases, ignoring case and a leading "the".
func (v *Parties) Resolve(name string) (Party, bool) {
	key := aliasKey(name)
	for _, e := range v.Entries() {
		if aliasKey(e.Code) == key || aliasKey(e.Name) == key {
			return e.Party, true
		}
		for _, a := range e.Aliases {
			if aliasKey(a) == key {
				return e.Party, true
			}
		}
	}
	return Party{}, false
}

func aliasKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimPrefix(s, "the ")
}
