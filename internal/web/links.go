package web

// Link is a labelled address with a count: a way in by party, year or
// kind, or a filter to add or remove.
type Link struct {
	Label  string
	Value  string
	URL    string
	Count  int
	Active bool
}

// Pager links the pages of a long list.
type Pager struct {
	Page, Pages int
	Prev, Next  string // "" at the ends
	Links       []Link // a window of page numbers around the current one
	url         func(int) string
}

func newPager(page, total, per int, url func(int) string) Pager {
	pages := max(1, (total+per-1)/per)
	page = min(max(page, 1), pages)
	p := Pager{Page: page, Pages: pages, url: url}
	if page > 1 {
		p.Prev = url(page - 1)
	}
	if page < pages {
		p.Next = url(page + 1)
	}
	for n := max(1, page-3); n <= min(pages, page+3); n++ {
		p.Links = append(p.Links, Link{Label: itoa(n), URL: url(n), Active: n == page})
	}
	return p
}

// clip shortens what a user typed before it is quoted back.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	for i := n; i > 0; i-- {
		if utf8Start(s[i]) {
			return s[:i] + "…"
		}
	}
	return ""
}
