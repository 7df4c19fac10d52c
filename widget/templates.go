package widget

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// Template files. Shared files define blocks every entry file may use;
// each entry file is executed under its own name.
var (
	sharedTemplates = []string{"layout.html", "parts.html", "box.html"}
	entryTemplates  = []string{"list.html", "article.html", "error.html", "embed.html", "fragment.html"}
)

// templates holds one parsed set per entry file.
type templates struct {
	sets map[string]*template.Template
}

// parseTemplates parses the embedded templates, each file replaced by the
// file of the same name in override when it has one. It also returns the
// sources parsed, for the handler's fingerprint.
func parseTemplates(override fs.FS) (*templates, string, error) {
	read := func(name string) (string, error) {
		if override != nil {
			b, err := fs.ReadFile(override, name)
			if err == nil {
				return string(b), nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("template %s: %w", name, err)
			}
		}
		b, err := templateFS.ReadFile("templates/" + name)
		return string(b), err
	}
	var all strings.Builder
	shared := make(map[string]string, len(sharedTemplates))
	for _, name := range sharedTemplates {
		src, err := read(name)
		if err != nil {
			return nil, "", err
		}
		shared[name] = src
		all.WriteString(src)
	}
	t := &templates{sets: make(map[string]*template.Template, len(entryTemplates))}
	for _, name := range entryTemplates {
		set := template.New(name)
		for _, sn := range sharedTemplates {
			if _, err := set.New(sn).Parse(shared[sn]); err != nil {
				return nil, "", fmt.Errorf("template %s: %w", sn, err)
			}
		}
		src, err := read(name)
		if err != nil {
			return nil, "", err
		}
		if _, err := set.Parse(src); err != nil {
			return nil, "", fmt.Errorf("template %s: %w", name, err)
		}
		t.sets[name] = set
		all.WriteString(src)
	}
	return t, all.String(), nil
}

// render executes the entry template name with data.
func (t *templates) render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.sets[name].Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("widget: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
