package web

import (
	"html/template"
	"strings"
)

// facetList writes a list of links with counts, the sidebar of the search
// and browsing pages, as the template it replaces wrote it, byte for byte
// (a test holds the two together). A results page has up to 144 of these
// links, and html/template's escaping, a call by reflection for each value,
// was a fifth of the page's time.
func facetList(links []Link) template.HTML {
	var b strings.Builder
	b.Grow(64 + 160*len(links))
	b.WriteString("\n<ul class=\"facet\">\n")
	for _, l := range links {
		b.WriteString(`<li><a href="`)
		writeURLAttr(&b, l.URL)
		b.WriteByte('"')
		if l.Active {
			b.WriteString(` aria-current="true" class="active"`)
		}
		b.WriteByte('>')
		htmlEscaper.WriteString(&b, l.Label)
		b.WriteString(` <span class="count">`)
		b.WriteString(groupThousands(l.Count))
		b.WriteString(`</span>`)
		if l.Active {
			b.WriteString(`<span class="visually-hidden"> (selected; select to remove)</span>`)
		}
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n")
	return template.HTML(b.String())
}

// htmlEscaper escapes text as html/template escapes it in element content.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// writeURLAttr writes u in a double-quoted attribute as html/template
// writes a URL there: an address with a scheme other than http, https or
// mailto becomes "#ZgotmplZ"; bytes that are neither unreserved nor
// reserved in RFC 3986 are percent-encoded, and so are ', ( and ) and a
// '%' that does not start an escape; then & and + are escaped for HTML.
func writeURLAttr(b *strings.Builder, u string) {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			b.WriteString("#ZgotmplZ")
			return
		}
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!#$*,/:;=?@[]", c) >= 0,
			c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
