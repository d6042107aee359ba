package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlLine finds the line number in a YAML parser message ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeYAML parses YAML front matter into top-level fields. firstLine is the file line on
// which the front matter starts, so positions refer to the file.
func decodeYAML(src []byte, firstLine int) ([]field, *position, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlErrorPos(err, firstLine), fmt.Errorf("front matter: %s", yamlMessage(err))
	}
	if len(doc.Content) == 0 {
		return nil, nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &position{root.Line + firstLine - 1, root.Column},
			fmt.Errorf("front matter: want fields such as title: and date:, got %s", yamlKind(root))
	}
	fields := make([]field, 0, len(root.Content)/2)
	budget := maxValues
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		fields = append(fields, field{
			key: k.Value, val: fromYAML(v, firstLine, &budget, false),
			keyLine: k.Line + firstLine - 1, keyCol: k.Column,
		})
	}
	if budget < 0 {
		return nil, &position{firstLine, 1}, fmt.Errorf("front matter: aliases expand to more than %d values", maxValues)
	}
	return fields, nil, nil
}

// maxValues bounds the values that aliases may expand to, so that a few lines of nested
// aliases (a "billion laughs") cannot exhaust memory.
const maxValues = 100_000

// fromYAML converts a node, resolving aliases, into a value. Every value reached through
// an alias spends one of budget; past the budget it stops expanding.
func fromYAML(n *yaml.Node, firstLine int, budget *int, aliased bool) *value {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n, aliased = n.Alias, true
	}
	v := &value{line: n.Line + firstLine - 1, col: n.Column, node: n}
	if aliased {
		if *budget--; *budget < 0 {
			return v
		}
	}
	switch n.Kind {
	case yaml.SequenceNode:
		v.kind = list
		for _, c := range n.Content {
			v.list = append(v.list, fromYAML(c, firstLine, budget, aliased))
		}
	case yaml.MappingNode:
		v.kind = mapping
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.keys = append(v.keys, n.Content[i].Value)
			v.vals = append(v.vals, fromYAML(n.Content[i+1], firstLine, budget, aliased))
		}
	default:
		v.kind, v.str = scalar, n.Value
		v.tag = strings.TrimPrefix(n.ShortTag(), "!!")
		if v.tag == "timestamp" {
			v.tag = "date"
		}
	}
	return v
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the text %q", n.Value)
	}
	return "something else"
}

// position is a line and column in the file.
type position struct{ line, col int }

func yamlErrorPos(err error, firstLine int) *position {
	if m := yamlLine.FindStringSubmatch(firstError(err)); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &position{n + firstLine - 1, 1}
	}
	return &position{firstLine, 1}
}

func yamlMessage(err error) string {
	msg := firstError(err)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// firstError returns the first message of a yaml.TypeError, or the error's text.
func firstError(err error) string {
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		return te.Errors[0]
	}
	return err.Error()
}
