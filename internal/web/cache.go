package web

import (
	"container/list"
	"sync"
)

// pageCacheBytes bounds the documents' pages kept rendered for an archive
// too large to render at start. A clause page is kept gzipped, with its
// overhead about 4 KB, so this keeps fifteen hundred or so of the pages
// read most recently; a miss renders the one page asked for, in about a
// millisecond.
const pageCacheBytes = 6 << 20

// pageOverhead is about what a kept page costs beyond its bytes: the page
// itself, its two header maps, the list element and the map entry.
const pageOverhead = 1 << 10

// pageCache keeps rendered pages by path up to a total size, dropping the
// least recently read first.
type pageCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *pageCacheEntry, most recent first
	items map[string]*list.Element
}

type pageCacheEntry struct {
	path string
	page *page
	size int64
}

func newPageCache(max int64) *pageCache {
	return &pageCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *pageCache) get(path string) (*page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[path]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*pageCacheEntry).page, true
}

// add keeps p, unless another request rendered it first, and drops the
// least recently read pages beyond the size bound.
func (c *pageCache) add(path string, p *page) {
	p = p.compressed()
	size := int64(len(path)+len(p.body)+len(p.gzipped)) + pageOverhead
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[path]; ok {
		return
	}
	c.items[path] = c.order.PushFront(&pageCacheEntry{path, p, size})
	c.size += size
	for c.size > c.max && c.order.Len() > 1 {
		last := c.order.Back()
		e := last.Value.(*pageCacheEntry)
		c.order.Remove(last)
		delete(c.items, e.path)
		c.size -= e.size
	}
}
