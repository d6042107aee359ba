package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// value is one front matter value in a form shared by YAML and TOML, with the position it
// was written at, so that every field can be checked and reported the same way.
type value struct {
	kind kind
	str  string // the text of a scalar
	tag  string // for a scalar: "str", "int", "float", "bool", "date" or "null"
	list []*value
	keys []string // a mapping's keys, in the order written
	vals []*value
	raw  any        // the value decoded as plain Go data, for .Params (TOML)
	node *yaml.Node // the YAML node, decoded for .Params only when needed
	line int
	col  int
}

type kind int

const (
	scalar kind = iota
	list
	mapping
)

// field is one top-level key of the front matter.
type field struct {
	key string
	val *value
	// keyLine and keyCol locate the key, for "unknown field" warnings.
	keyLine, keyCol int
}

// describe names the type of v for an error message: "the number 5", "a list".
func (v *value) describe() string {
	switch v.kind {
	case list:
		return "a list"
	case mapping:
		return "a map"
	}
	switch v.tag {
	case "str":
		return fmt.Sprintf("the text %q", v.str)
	case "null":
		return "nothing"
	case "int", "float":
		return "the number " + v.str
	case "bool":
		return v.str
	}
	return fmt.Sprintf("%q", v.str)
}

// plain returns the value as plain Go data, for templates' .Params.
func (v *value) plain() any {
	if v.node != nil {
		var x any
		if err := v.node.Decode(&x); err != nil {
			return nil
		}
		return x
	}
	return v.raw
}

// get returns the value of key in a mapping, or nil.
func (v *value) get(key string) *value {
	for i, k := range v.keys {
		if strings.EqualFold(k, key) {
			return v.vals[i]
		}
	}
	return nil
}
