package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/slug"
)

// renamed are the dateline fields a foreign key is renamed to on import. The others that
// dateline reads under foreign names (published: false, expirydate:, image_alt:) keep them:
// the build understands them, and their names say more than a translation would.
var renamed = []string{"date", "dek", "authors", "updated", "topics", "image", "summary", "aliases"}

// lists are the fields whose values from several keys add up (tags: and categories:).
var lists = []string{"topics", "aliases", "authors"}

// dateline renames a post's front matter to dateline's names and adds its old path to its
// aliases. A key whose field another key already set keeps its own name, so nothing is
// lost; lists from several keys are joined.
func dateline(front []Field, oldPath string, taxonomies []config.Taxonomy) []Field {
	var out []Field
	at := map[string]int{}
	for _, f := range front {
		name := content.Field(f.Key)
		if v, ok := f.Value.(string); ok && name == "slug" {
			f.Value = slug.Make(v) // Hugo takes "Ending-OCSP" and "lencr.org"; a dateline slug is a-z, 0-9 and hyphens
		}
		own := slices.ContainsFunc(taxonomies, func(t config.Taxonomy) bool { return strings.EqualFold(t.Name, f.Key) })
		if own || !slices.Contains(renamed, name) {
			out = append(out, f)
			continue
		}
		if i, ok := at[name]; ok {
			if slices.Contains(lists, name) {
				out[i].Value = union(out[i].Value, f.Value)
			} else {
				out = append(out, f)
			}
			continue
		}
		at[name] = len(out)
		if slices.Contains(lists, name) {
			f.Value = union(f.Value, nil)
		}
		out = append(out, Field{name, f.Value})
	}
	if oldPath != "" {
		if i, ok := at["aliases"]; ok {
			out[i].Value = union(out[i].Value, oldPath)
		} else {
			out = append(out, Field{"aliases", []any{oldPath}})
		}
	}
	return out
}

// union joins two values that are each a list or one item, without repeats. A map with a
// name, as themes write authors, is that name.
func union(a, b any) []any {
	var out []any
	for _, v := range append(asList(a), asList(b)...) {
		if m, ok := v.(map[string]any); ok && m["name"] != nil {
			v = m["name"]
		}
		if v != nil && v != "" && !slices.ContainsFunc(out, func(o any) bool { return fmt.Sprint(o) == fmt.Sprint(v) }) {
			out = append(out, v)
		}
	}
	return out
}

func asList(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

// encode writes a post as an article file: YAML front matter between --- lines, then
// the body.
func encode(front []Field, body []byte) ([]byte, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range front {
		var v yaml.Node
		if err := v.Encode(f.Value); err != nil {
			return nil, fmt.Errorf("front matter %s: %w", f.Key, err)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f.Key}, &v)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	enc.Close()
	b.WriteString("---\n")
	b.Write(bytes.TrimLeft(body, "\n"))
	if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// readFront decodes a file's front matter into fields, in order (YAML), or sorted by key
// (TOML, whose decoder keeps no order).
func readFront(path string, data []byte) ([]Field, []byte, int, error) {
	s, err := content.SplitFile(path, data)
	if err != nil {
		return nil, nil, 0, err
	}
	var fields []Field
	switch s.Format {
	case content.YAML:
		fields, err = yamlFields(s.FrontMatter)
	case content.TOML:
		fields, err = tomlFields(s.FrontMatter)
	}
	if err != nil {
		return nil, nil, 0, fmt.Errorf("%s:%d: front matter: %w", path, s.FrontLine, err)
	}
	return fields, s.Body, s.BodyLine, nil
}

func yamlFields(src []byte) ([]Field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("want fields such as title and date")
	}
	var out []Field
	for i := 0; i+1 < len(root.Content); i += 2 {
		var v any
		node := root.Content[i+1]
		if err := node.Decode(&v); err != nil {
			return nil, err
		}
		if _, ok := v.(time.Time); ok && node.Kind == yaml.ScalarNode {
			v = node.Value // a date as written: 2024-03-07 is in the site's zone, not UTC
		}
		out = append(out, Field{root.Content[i].Value, v})
	}
	return out, nil
}

// splitWords makes the named fields lists of words when they are one string, as Jekyll
// reads categories: and tags: ("tags: water courts" is two tags).
func splitWords(front []Field, keys ...string) {
	for i, f := range front {
		if s, ok := f.Value.(string); ok && slices.Contains(keys, strings.ToLower(f.Key)) {
			front[i].Value = asList(strings.Fields(s))
		}
	}
}

// fieldValue returns the value of the first field named key (any case), or nil.
func fieldValue(front []Field, key string) any {
	for _, f := range front {
		if strings.EqualFold(f.Key, key) {
			return f.Value
		}
	}
	return nil
}
