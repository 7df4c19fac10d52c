package news

import (
	"cmp"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// A CategoryTree is a read-only view of a set of categories as a tree, for
// navigation menus, breadcrumbs and ancestor checks. Build one with
// [NewCategoryTree]. Its methods return the categories it was built from
// (not copies), which callers must not modify. A CategoryTree is safe for
// concurrent use.
type CategoryTree struct {
	byID     map[uuid.UUID]*Category
	bySlug   map[string]*Category
	byAlias  map[string]*Category      // old slugs
	children map[uuid.UUID][]*Category // key uuid.Nil holds the roots
	depth    map[uuid.UUID]int         // 0 for a root
}

// NewCategoryTree returns the tree of cats. A category whose ParentID is
// uuid.Nil, unknown or part of a cycle is a root, so every category appears
// exactly once in a walk. Siblings are ordered by Position, then Name, then
// ID, as Store.Categories orders them. A nil or empty cats gives an empty
// tree. It takes time linear in len(cats) (and n log n to order
// siblings), however deep the tree.
func NewCategoryTree(cats []*Category) *CategoryTree {
	t := &CategoryTree{
		byID:     make(map[uuid.UUID]*Category, len(cats)),
		bySlug:   make(map[string]*Category, len(cats)),
		byAlias:  make(map[string]*Category),
		children: make(map[uuid.UUID][]*Category),
		depth:    make(map[uuid.UUID]int, len(cats)),
	}
	for _, c := range cats {
		if c == nil {
			continue
		}
		t.byID[c.ID] = c
		t.bySlug[c.Slug] = c
		for _, al := range c.Aliases {
			t.byAlias[al] = c
		}
	}
	cyclic := t.cycles()
	for _, c := range t.byID {
		parent := c.ParentID
		if parent != uuid.Nil && (t.byID[parent] == nil || cyclic[c.ID]) {
			parent = uuid.Nil
		}
		t.children[parent] = append(t.children[parent], c)
	}
	for _, list := range t.children {
		slices.SortFunc(list, compareCategories)
	}
	level := t.children[uuid.Nil]
	for d := 0; len(level) > 0; d++ {
		var next []*Category
		for _, c := range level {
			t.depth[c.ID] = d
			next = append(next, t.children[c.ID]...)
		}
		level = next
	}
	return t
}

// cycles returns the categories whose ParentID chain comes back to them,
// visiting each category once.
func (t *CategoryTree) cycles() map[uuid.UUID]bool {
	const (
		onPath = 1
		done   = 2
	)
	state := make(map[uuid.UUID]int, len(t.byID))
	cyclic := map[uuid.UUID]bool{}
	var path []uuid.UUID
	for id := range t.byID {
		path = path[:0]
		cur := id
		for cur != uuid.Nil && t.byID[cur] != nil && state[cur] == 0 {
			state[cur] = onPath
			path = append(path, cur)
			cur = t.byID[cur].ParentID
		}
		if cur != uuid.Nil && state[cur] == onPath {
			// The path came back to cur: cur and what follows it form a cycle.
			for i := slices.Index(path, cur); i < len(path); i++ {
				cyclic[path[i]] = true
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return cyclic
}

// compareCategories orders siblings: Position, then Name, then ID.
func compareCategories(a, b *Category) int {
	if c := cmp.Compare(a.Position, b.Position); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return slices.Compare(a.ID[:], b.ID[:])
}

// Len returns the number of categories in the tree.
func (t *CategoryTree) Len() int { return len(t.byID) }

// Depth returns how deep the category with the ID sits: 0 for a top-level
// category, 1 for its children, and so on; -1 when the ID is unknown.
func (t *CategoryTree) Depth(id uuid.UUID) int {
	if d, ok := t.depth[id]; ok {
		return d
	}
	return -1
}

// height returns how many levels the subtree under the category with the
// ID has below it: 0 for a category without children.
func (t *CategoryTree) height(id uuid.UUID) int {
	h := 0
	for level := t.children[id]; len(level) > 0; h++ {
		var next []*Category
		for _, c := range level {
			next = append(next, t.children[c.ID]...)
		}
		level = next
	}
	return h
}

// Category returns the category with the ID, or nil when there is none.
func (t *CategoryTree) Category(id uuid.UUID) *Category { return t.byID[id] }

// BySlug returns the category with the slug, or nil when there is none.
func (t *CategoryTree) BySlug(slug string) *Category { return t.bySlug[slug] }

// ByAlias returns the category that had the slug before (one of its
// Aliases), or nil when there is none. A caller that finds a category
// this way redirects to its current slug.
func (t *CategoryTree) ByAlias(slug string) *Category { return t.byAlias[slug] }

// Roots returns the top-level categories in sibling order.
func (t *CategoryTree) Roots() []*Category { return slices.Clone(t.children[uuid.Nil]) }

// Children returns the direct subcategories of the category with the ID in
// sibling order; nil when it has none or is unknown.
func (t *CategoryTree) Children(id uuid.UUID) []*Category {
	if id == uuid.Nil {
		return nil
	}
	return slices.Clone(t.children[id])
}

// Path returns the category with the ID and its ancestors, the top-level
// category first, for breadcrumbs. It returns nil when the ID is unknown.
func (t *CategoryTree) Path(id uuid.UUID) []*Category {
	var path []*Category
	seen := map[uuid.UUID]bool{}
	for cur := id; cur != uuid.Nil && !seen[cur]; {
		c := t.byID[cur]
		if c == nil {
			break
		}
		seen[cur] = true
		path = append(path, c)
		cur = c.ParentID
	}
	slices.Reverse(path)
	return path
}

// IsAncestor reports whether the category anc is a strict ancestor of the
// category id (its parent, its parent's parent, …).
func (t *CategoryTree) IsAncestor(anc, id uuid.UUID) bool {
	if anc == uuid.Nil || anc == id {
		return false
	}
	for _, c := range t.Path(id) {
		if c.ID == anc {
			return true
		}
	}
	return false
}

// Walk calls fn for every category in depth-first order, parents before
// their children and siblings in sibling order; depth is 0 for a top-level
// category. Walk stops early when fn returns false.
func (t *CategoryTree) Walk(fn func(c *Category, depth int) bool) {
	var walk func(parent uuid.UUID, depth int) bool
	walk = func(parent uuid.UUID, depth int) bool {
		for _, c := range t.children[parent] {
			if !fn(c, depth) || !walk(c.ID, depth+1) {
				return false
			}
		}
		return true
	}
	walk(uuid.Nil, 0)
}

// parentRule returns the validation rule that setting the parent of the
// category id to parent would break, or "" when the change is fine. A new
// category has an ID not yet in the tree.
func (t *CategoryTree) parentRule(id, parent uuid.UUID) string {
	if parent == uuid.Nil {
		return ""
	}
	if parent == id {
		return "is the category itself"
	}
	if t.byID[parent] == nil {
		return "not found"
	}
	seen := map[uuid.UUID]bool{}
	for cur := parent; cur != uuid.Nil && !seen[cur]; {
		if cur == id {
			return "would make a cycle"
		}
		seen[cur] = true
		c := t.byID[cur]
		if c == nil {
			break
		}
		cur = c.ParentID
	}
	return ""
}
