package web

import (
	"strconv"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// The readers of the parameters several pages share. Each returns the
// value, or a problem in words to show the person who typed it; "" is no
// filter (and page 1).

// maxListPage bounds the page of a list: no list has that many pages, and
// a longer number is a mistake.
const maxListPage = 999999

func partyParam(a *archive.Archive, v string) (string, string) {
	if v = strings.TrimSpace(v); v == "" {
		return "", ""
	}
	p, err := a.LookupParty(strings.ToUpper(v))
	if err != nil {
		return "", "“" + clip(v) + "” is not a party’s code: use a code such as EE (Estonia), KZ (Kazakhstan), EU (European Union) or UNSC (UN Security Council)."
	}
	return p.Code, ""
}

func yearParam(v string) (int, string) {
	if v = strings.TrimSpace(v); v == "" {
		return 0, ""
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1 || y > 9999 {
		return 0, "“" + clip(v) + "” is not a year."
	}
	return y, ""
}

func kindParam(v string) (archive.Kind, string) {
	if v = strings.TrimSpace(v); v == "" {
		return "", ""
	}
	k := archive.Kind(strings.ToLower(v))
	if !k.Valid() {
		return "", "“" + clip(v) + "” is not a kind of document."
	}
	return k, ""
}

func pageParam(v string, most int) (int, string) {
	if v == "" {
		return 1, ""
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, "“" + clip(v) + "” is not a page number between 1 and " + groupThousands(most) + "."
	}
	return n, ""
}
