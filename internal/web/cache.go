package web

import (
	"container/list"
	"sync"
)

// docCacheBytes bounds the rendered pages kept for a large archive.
const docCacheBytes = 64 << 20

// docCache keeps the rendered pages of the documents read most recently,
// up to a total size, dropping the least recently read first.
type docCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *docCacheEntry, most recent first
	items map[string]*list.Element
}

type docCacheEntry struct {
	slug string
	set  *documentPages
}

func newDocCache(max int64) *docCache {
	return &docCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *docCache) get(slug string) (*documentPages, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[slug]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*docCacheEntry).set, true
}

// add keeps set, unless another request rendered the document first, and
// drops the least recently read documents beyond the size bound.
func (c *docCache) add(slug string, set *documentPages) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[slug]; ok {
		return
	}
	c.items[slug] = c.order.PushFront(&docCacheEntry{slug, set})
	c.size += set.size
	for c.size > c.max && c.order.Len() > 1 {
		last := c.order.Back()
		e := last.Value.(*docCacheEntry)
		c.order.Remove(last)
		delete(c.items, e.slug)
		c.size -= e.set.size
	}
}
