package migrate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pelletier/go-toml/v2"
)

func tomlFields(src []byte) ([]Field, error) {
	var m map[string]any
	if err := toml.Unmarshal(src, &m); err != nil {
		return nil, err
	}
	var out []Field
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Field{k, plainTOML(m[k])})
	}
	return out, nil
}

// plainTOML turns go-toml's local dates and times, which have no zone, into the text
// dateline reads in the site's zone, in every value of v.
func plainTOML(v any) any {
	switch v := v.(type) {
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return fmt.Sprint(v)
	case []any:
		for i := range v {
			v[i] = plainTOML(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = plainTOML(v[k])
		}
	}
	return v
}
