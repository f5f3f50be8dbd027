package web

import (
	"fmt"
	"sync"
)

// lazyPage is a page rendered when first asked for, then kept: a page
// whose rendering grows with the archive (a topic's clauses, a sitemap)
// would otherwise hold up the start of a large one. Requests that ask
// for it at once wait for the one rendering.
type lazyPage struct {
	once   sync.Once
	render func() (*page, error)
	p      *page
	err    error
}

func newLazyPage(render func() (*page, error)) *lazyPage {
	return &lazyPage{render: render}
}

func (l *lazyPage) get() (*page, error) {
	l.once.Do(func() {
		// A panic is this page's error, kept: once.Do would otherwise
		// leave the page nil, a 404, for every later request.
		defer func() {
			if v := recover(); v != nil {
				l.p, l.err = nil, fmt.Errorf("render: panic: %v", v)
			}
		}()
		l.p, l.err = l.render()
		if l.err == nil {
			l.p.seal()
		}
		l.render = nil // what it holds is no longer needed
	})
	return l.p, l.err
}

// lookup returns the page at path, rendered at start or now, or nil if no
// page is kept there. err is a page that failed to render: a fault in a
// template, which start-up checks make unlikely.
func (s *Server) lookup(path string) (*page, error) {
	if p, ok := s.pages[path]; ok {
		return p, nil
	}
	l, ok := s.lazy[path]
	if !ok {
		return nil, nil
	}
	return l.get()
}

// page returns the page kept at path, rendering it now if need be; false
// for none, or one that failed to render.
func (s *Server) page(path string) (*page, bool) {
	p, _ := s.lookup(path)
	return p, p != nil
}
