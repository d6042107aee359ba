package content

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// decodeTOML parses TOML front matter into top-level fields, in the order written.
// Values are decoded by go-toml; the positions of keys come from its parser, since a
// decoded map has neither order nor lines.
func decodeTOML(src []byte, firstLine int) ([]field, *position, error) {
	var m map[string]any
	if err := toml.Unmarshal(src, &m); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, col := derr.Position()
			return nil, &position{row + firstLine - 1, col}, fmt.Errorf("front matter: %s", derr.Error())
		}
		return nil, &position{firstLine, 1}, fmt.Errorf("front matter: %w", err)
	}
	pos := tomlKeyPositions(src)
	fields := make([]field, 0, len(m))
	for k, raw := range m {
		p := pos[k]
		line := p.line + firstLine - 1
		fields = append(fields, field{key: k, val: fromTOML(raw, line, p.col), keyLine: line, keyCol: p.col})
	}
	sort.Slice(fields, func(i, j int) bool {
		if fields[i].keyLine != fields[j].keyLine {
			return fields[i].keyLine < fields[j].keyLine
		}
		return fields[i].key < fields[j].key
	})
	return fields, nil, nil
}

// tomlKeyPositions returns where each top-level key is first written: "title = …",
// "image.src = …" and "[image]" all locate the key "image".
func tomlKeyPositions(src []byte) map[string]position {
	out := map[string]position{}
	var p unstable.Parser
	p.Reset(src)
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind != unstable.KeyValue && e.Kind != unstable.Table && e.Kind != unstable.ArrayTable {
			continue
		}
		it := e.Key()
		if !it.Next() {
			continue
		}
		k := it.Node()
		name := string(k.Data)
		if _, seen := out[name]; !seen {
			s := p.Shape(k.Raw)
			out[name] = position{s.Start.Line, s.Start.Column}
		}
	}
	return out
}

// fromTOML converts a decoded TOML value into a value located at line and col.
func fromTOML(raw any, line, col int) *value {
	v := &value{raw: raw, line: max(line, 1), col: max(col, 1)}
	switch x := raw.(type) {
	case string:
		v.str, v.tag = x, "str"
	case int64:
		v.str, v.tag = strconv.FormatInt(x, 10), "int"
	case float64:
		v.str, v.tag = strconv.FormatFloat(x, 'g', -1, 64), "float"
	case bool:
		v.str, v.tag = strconv.FormatBool(x), "bool"
	case time.Time:
		v.str, v.tag = x.Format(time.RFC3339Nano), "date"
	case toml.LocalDate:
		v.str, v.tag = x.String(), "date"
	case toml.LocalDateTime:
		v.str, v.tag = x.String(), "date"
	case toml.LocalTime:
		v.str, v.tag = x.String(), "str"
	case []any:
		v.kind = list
		for _, e := range x {
			v.list = append(v.list, fromTOML(e, line, col))
		}
	case map[string]any:
		v.kind = mapping
		for k := range x {
			v.keys = append(v.keys, k)
		}
		sort.Strings(v.keys)
		for _, k := range v.keys {
			v.vals = append(v.vals, fromTOML(x[k], line, col))
		}
	default:
		v.str, v.tag = fmt.Sprint(x), "str"
	}
	return v
}
