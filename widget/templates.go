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
	var all strings.Builder
	parse := func(set *template.Template, name string) error {
		b, err := []byte(nil), fs.ErrNotExist
		if override != nil {
			b, err = fs.ReadFile(override, name)
		}
		if errors.Is(err, fs.ErrNotExist) {
			b, err = templateFS.ReadFile("templates/" + name)
		}
		if err == nil {
			all.Write(b)
			_, err = set.New(name).Parse(string(b))
		}
		if err != nil {
			return fmt.Errorf("template %s: %w", name, err)
		}
		return nil
	}
	shared := template.New("")
	for _, name := range sharedTemplates {
		if err := parse(shared, name); err != nil {
			return nil, "", err
		}
	}
	t := &templates{sets: make(map[string]*template.Template, len(entryTemplates))}
	for _, name := range entryTemplates {
		set, err := shared.Clone()
		if err == nil {
			err = parse(set, name)
		}
		if err != nil {
			return nil, "", err
		}
		t.sets[name] = set.Lookup(name)
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
