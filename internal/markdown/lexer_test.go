package markdown

import (
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// A copy's rules, as chroma compiles them and tokenises with them, carry matchTimeout and
// not chroma's 250 ms, so a match on a starved machine is never silently dropped.
func TestCopiedLexersMatchWithoutChromasTimeout(t *testing.T) {
	var seen []time.Duration
	record := chroma.MutatorFunc(func(s *chroma.LexerState) error {
		for name, rules := range s.Rules {
			if name == liftState {
				t.Errorf("state %q is still in the compiled rules", liftState)
			}
			for _, r := range rules {
				seen = append(seen, r.Regexp.MatchTimeout)
			}
		}
		return nil
	})
	original := chroma.MustNewLexer(&chroma.Config{Name: "probe"}, func() chroma.Rules {
		return chroma.Rules{
			"root": {
				{Pattern: `\w+`, Type: chroma.Name, Mutator: record},
				{Pattern: `\s+`, Type: chroma.Text},
				{Pattern: `"`, Type: chroma.String, Mutator: chroma.Push("string")},
			},
			"string": {{Pattern: `[^"]*"`, Type: chroma.String, Mutator: chroma.Pop(1)}},
		}
	})
	if _, err := chroma.Tokenise(untimedCopy(original), nil, "word"); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 4 {
		t.Fatalf("saw %d compiled rules, want 4", len(seen))
	}
	for _, d := range seen {
		if d != matchTimeout {
			t.Errorf("rule matches with timeout %v, want %v", d, matchTimeout)
		}
	}
}

// Every regex lexer chroma has gets a copy under the same name; the others are left out.
func TestRegistryHoldsACopyOfEveryRegexLexer(t *testing.T) {
	reg := newLexerRegistry()
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		name := l.Config().Name
		got := reg.Get(name)
		_, isRegex := l.(*chroma.RegexLexer)
		switch {
		case isRegex && got == nil:
			t.Errorf("%s: no copy", name)
		case isRegex && got == l:
			t.Errorf("%s: the registry holds chroma's own lexer", name)
		case !isRegex && got != nil && got.Config().Name == name:
			t.Errorf("%s: not a regex lexer, yet in the registry", name)
		}
	}
	if reg.Get("go").Config().Name != "Go" {
		t.Error(`"go" does not find the Go lexer`)
	}
}
