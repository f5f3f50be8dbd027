package web

import (
	"bytes"
	"container/list"
	"sync"
	"sync/atomic"
)

// pageCacheBytes bounds the documents' pages kept rendered for an archive
// too large to render at start. A clause page is kept gzipped, with its
// overhead about 4 KB, so this keeps fifteen hundred or so of the pages
// read since the bound last passed them over; a miss renders the one page asked for, in about a
// millisecond.
//
// The budget rule: a page is kept as gzip-taking clients get it, gzipped
// alone. Its plain body is kept beside the gzipped copy once a client that
// does not take gzip asks for it (a GET without gzip in Accept-Encoding),
// and counted against the same budget, so that such a client is served
// the bytes as kept rather than inflated on every request; a page no such
// client reads costs its gzipped size only, and when they all read
// plainly the cache holds about a fifth as many clause pages.
const pageCacheBytes = 6 << 20

// pageOverhead is about what a kept page costs beyond its bytes: the page
// itself, its header fields, the list element and the map entry.
const pageOverhead = 1 << 10

// pageCache keeps rendered pages by path up to a total size. A read takes
// the lock shared and marks the page read; what is dropped when the bound
// is passed is the page longest unread ("second chance": a page read since
// it was last passed over goes to the front instead, once), so that reads,
// the commonest, never wait on one another.
type pageCache struct {
	mu    sync.RWMutex
	max   int64
	size  int64                  // under mu
	order *list.List             // of *cachedPage, newest at the front; under mu
	items map[string]*cachedPage // under mu
}

type cachedPage struct {
	path string
	page atomic.Pointer[page]
	read atomic.Bool // read since the bound last passed it over
	size int64       // under the cache's mu
}

func newPageCache(max int64) *pageCache {
	return &pageCache{max: max, order: list.New(), items: map[string]*cachedPage{}}
}

// get returns the page kept at path; with plain, for a client that does
// not take gzip, with its plain body, which is inflated and kept now if
// the cache had only the gzipped copy.
func (c *pageCache) get(path string, plain bool) (*page, bool) {
	c.mu.RLock()
	e := c.items[path]
	c.mu.RUnlock()
	if e == nil {
		return nil, false
	}
	if !e.read.Load() { // a store only when it changes: the flag's cache line is shared
		e.read.Store(true)
	}
	p := e.page.Load()
	if plain && p.body == nil && p.gzipped != nil {
		p = c.keepPlain(e, p)
	}
	return p, true
}

// keepPlain returns p with its plain body, inflated from its gzipped copy,
// and keeps that page in e in place of p, counting the body against the
// bound. Two requests may inflate the same page at once: the first to
// finish keeps its copy.
func (c *pageCache) keepPlain(e *cachedPage, p *page) *page {
	var buf bytes.Buffer
	if n := p.contentLength(); n > 0 {
		buf.Grow(n)
	}
	if writeInflated(&buf, p.gzipped) != nil {
		return p // cannot happen: newPage wrote it
	}
	full := *p
	full.body = buf.Bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items[e.path] == e && e.page.CompareAndSwap(p, &full) {
		n := int64(len(full.body))
		e.size += n
		c.size += n
		c.evict(e)
	}
	return &full
}

// add keeps p, unless another request rendered it first, and drops pages
// beyond the size bound. With plain, p was rendered for a client that does
// not take gzip and is kept with its plain body; otherwise gzipped alone.
func (c *pageCache) add(path string, p *page, plain bool) {
	if !plain {
		p = p.compressed()
	}
	e := &cachedPage{path: path, size: int64(len(path)+len(p.body)+len(p.gzipped)) + pageOverhead}
	e.page.Store(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[path]; ok {
		return
	}
	c.order.PushFront(e)
	c.items[path] = e
	c.size += e.size
	c.evict(e)
}

// evict drops pages from the back until the size is within the bound,
// all but keep, the page just added or grown: a page read since it was
// last passed over goes to the front instead, once. c.mu is held.
func (c *pageCache) evict(keep *cachedPage) {
	// Readers may mark pages again meanwhile: the second chances given are
	// counted, so that the loop ends.
	chances := c.order.Len()
	for c.size > c.max && c.order.Len() > 1 {
		back := c.order.Back()
		e := back.Value.(*cachedPage)
		if e == keep || (chances > 0 && e.read.Swap(false)) {
			chances--
			c.order.MoveToFront(back)
			continue
		}
		c.order.Remove(back)
		delete(c.items, e.path)
		c.size -= e.size
	}
}

// len is the number of pages kept.
func (c *pageCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items)
}
