package news_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

func catID(n byte) uuid.UUID { return uuid.UUID{15: n} }

func TestCategoryTree(t *testing.T) {
	t.Parallel()
	cats := []*news.Category{
		{ID: catID(1), Slug: "tin-tuc", Name: "Tin tức", Position: 1},
		{ID: catID(2), Slug: "hoat-dong", Name: "Hoạt động", ParentID: catID(1), Position: 2},
		{ID: catID(3), Slug: "chi-bo", Name: "Chi bộ", ParentID: catID(2)},
		{ID: catID(4), Slug: "cong-doan", Name: "Công đoàn", ParentID: catID(2)},
		{ID: catID(5), Slug: "thong-bao", Name: "Thông báo"},
		{ID: catID(6), Slug: "mo-coi", Name: "Mồ côi", ParentID: catID(99)}, // unknown parent: a root
		{ID: catID(7), Slug: "vong-a", Name: "Vòng A", ParentID: catID(8)},  // a cycle: both roots
		{ID: catID(8), Slug: "vong-b", Name: "Vòng B", ParentID: catID(7)},
		{ID: catID(9), Slug: "duoi-vong", Name: "Dưới vòng", ParentID: catID(7)},
	}
	tree := news.NewCategoryTree(cats)
	var walk []string
	tree.Walk(func(c *news.Category, depth int) bool {
		walk = append(walk, strings.Repeat("  ", depth)+c.Slug)
		return true
	})
	want := []string{"mo-coi", "thong-bao", "vong-a", "  duoi-vong", "vong-b", "tin-tuc", "  hoat-dong", "    chi-bo", "    cong-doan"}
	if !reflect.DeepEqual(walk, want) {
		t.Errorf("Walk order = %q, want %q", walk, want)
	}
	var path []string
	for _, c := range tree.Path(catID(3)) {
		path = append(path, c.Slug)
	}
	if want := []string{"tin-tuc", "hoat-dong", "chi-bo"}; !reflect.DeepEqual(path, want) {
		t.Errorf("Path(chi-bo) = %q, want %q", path, want)
	}
	if got := tree.Path(catID(42)); got != nil {
		t.Errorf("Path(unknown) = %v, want nil", got)
	}
	tests := []struct {
		anc, id byte
		want    bool
	}{
		{1, 3, true}, {2, 3, true}, {3, 3, false}, {3, 1, false}, {5, 3, false}, {0, 3, false},
	}
	for _, tc := range tests {
		if got := tree.IsAncestor(catID(tc.anc), catID(tc.id)); got != tc.want {
			t.Errorf("IsAncestor(%d, %d) = %v, want %v", tc.anc, tc.id, got, tc.want)
		}
	}
	if tree.Len() != len(cats) || tree.BySlug("chi-bo").ID != catID(3) || tree.Category(catID(5)).Slug != "thong-bao" {
		t.Errorf("Len, BySlug, Category disagree with the input")
	}
	if got := len(tree.Children(catID(2))); got != 2 {
		t.Errorf("len(Children(hoat-dong)) = %d, want 2", got)
	}
	if got := tree.Children(uuid.Nil); got != nil {
		t.Errorf("Children(uuid.Nil) = %v, want nil (use Roots)", got)
	}
	if got := len(tree.Roots()); got != 5 {
		t.Errorf("len(Roots()) = %d, want 5", got)
	}
	n := 0
	tree.Walk(func(*news.Category, int) bool { n++; return n < 3 })
	if n != 3 {
		t.Errorf("Walk went on after fn returned false: %d calls", n)
	}
	if empty := news.NewCategoryTree(nil); empty.Len() != 0 || empty.Roots() != nil {
		t.Errorf("NewCategoryTree(nil) is not empty")
	}
}
