package news

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// A ResponsiveImage is what ResponsiveImages writes on an <img> of a known
// photo: the photo's variants and the widths it is shown at, and its
// intrinsic size, from which the browser keeps the room of the photo
// while it loads.
type ResponsiveImage struct {
	Srcset string // "URL 480w, URL 960w, URL 1600w", as Media.Srcset makes it
	Sizes  string // the width shown, such as "(min-width: 48rem) 46rem, 100vw"; "" for none
	// Width and Height are the photo's pixels (Media.Width and
	// Media.Height): only their ratio matters.
	Width, Height int
}

// ResponsiveImages returns the HTML fragment h with srcset, sizes, width
// and height on every <img> whose src image knows (ok true), so the
// browser loads the variant that fits and reserves the photo's room
// before it arrives. It is meant for a sanitised article body, as it is
// shown; the sanitiser keeps no srcset or sizes, so a body is stored
// without them and a page writes them afresh from the media library.
//
// An <img> image knows keeps its other attributes in their order; its
// srcset and sizes become those of image, then width and height: the
// <img>'s own when both are whole numbers of pixels (what the author
// chose), the height that keeps the photo's ratio when only the width is,
// and the photo's own otherwise. Every other byte of h is copied as it
// is, so a second pass changes nothing. image is called once per <img>
// with its first src, as written; ResponsiveImages is safe for concurrent
// use when image is.
func ResponsiveImages(h string, image func(src string) (ResponsiveImage, bool)) string {
	if !containsFold(h, "<img") {
		return h
	}
	var out strings.Builder
	out.Grow(len(h) + len(h)/4)
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		if len(raw) < 5 || !strings.EqualFold(string(raw[1:4]), "img") {
			out.Write(raw)
			continue
		}
		raw = bytes.Clone(raw) // TagName and TagAttr rewrite it in place
		name, hasAttr := z.TagName()
		if string(name) != "img" || !hasAttr {
			out.Write(raw)
			continue
		}
		tag, ok := responsiveTag(z, image)
		if !ok {
			out.Write(raw)
			continue
		}
		out.WriteString("<img")
		for _, a := range tag {
			out.WriteString(" " + a.Key + `="` + html.EscapeString(a.Val) + `"`)
		}
		if tt == html.SelfClosingTagToken {
			out.WriteByte('/')
		}
		out.WriteByte('>')
	}
}

// responsiveTag reads the attributes of the <img> z is at and returns
// them as ResponsiveImages writes them, or false when image does not know
// its src.
func responsiveTag(z *html.Tokenizer, image func(string) (ResponsiveImage, bool)) ([]html.Attribute, bool) {
	var attrs []html.Attribute
	var src, width, height string
	seen := map[string]bool{}
	for more := true; more; {
		var k, v []byte
		if k, v, more = z.TagAttr(); k == nil {
			break
		}
		key, val := string(k), string(v)
		if !seen[key] {
			seen[key] = true
			switch key {
			case "src":
				src = val
			case "width":
				width = val
			case "height":
				height = val
			}
		}
		switch key {
		case "srcset", "sizes", "width", "height":
		default:
			attrs = append(attrs, html.Attribute{Key: key, Val: val})
		}
	}
	if !seen["src"] {
		return nil, false
	}
	img, ok := image(src)
	if !ok || img.Srcset == "" || img.Width <= 0 || img.Height <= 0 {
		return nil, false
	}
	w, wok := pixels(width)
	hgt, hok := pixels(height)
	switch {
	case wok && hok:
	case wok:
		hgt = max(1, int((int64(w)*int64(img.Height)+int64(img.Width)/2)/int64(img.Width)))
	default:
		w, hgt = img.Width, img.Height
	}
	attrs = append(attrs, html.Attribute{Key: "width", Val: strconv.Itoa(w)}, html.Attribute{Key: "height", Val: strconv.Itoa(hgt)},
		html.Attribute{Key: "srcset", Val: img.Srcset})
	if img.Sizes != "" {
		attrs = append(attrs, html.Attribute{Key: "sizes", Val: img.Sizes})
	}
	return attrs, true
}

// pixels returns the positive whole number of pixels a width or height
// attribute holds: 1 to 5 digits, as the sanitiser keeps them.
func pixels(v string) (int, bool) {
	if len(v) == 0 || len(v) > 5 || strings.Trim(v, "0123456789") != "" {
		return 0, false
	}
	n, _ := strconv.Atoi(v)
	return n, n > 0
}

// containsFold reports whether h holds the lower-case ASCII s in any case.
func containsFold(h, s string) bool {
	for i := 0; i+len(s) <= len(h); i++ {
		if strings.EqualFold(h[i:i+len(s)], s) {
			return true
		}
	}
	return false
}
