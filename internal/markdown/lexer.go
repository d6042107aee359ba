package markdown

import (
	"maps"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Chroma gives every rule of its regex lexers a 250 ms wall-clock match timeout and treats
// a match that timed out as no match, silently: on a loaded machine (or under -race) the
// same fence could come out with other colours, or as error tokens, and two builds of one
// site would differ. A Converter therefore highlights with copies of chroma's regex lexers
// in a registry of its own, whose rules get matchTimeout instead: long enough that no real
// code comes near it even on a starved machine, so output depends on the input alone, yet
// still a bound on a pathological pattern. The size budget (maxHighlight) bounds the rest.
//
// The few lexers that are not regex lexers (markdown, HTTP, the template delegates) are
// left out: their fences render plain rather than depend on the clock.
const matchTimeout = 10 * time.Second

// newLexerRegistry returns a registry holding an untimed copy of each of chroma's regex
// lexers. Copies compile their rules on first use, like chroma's own, and sub-lexers
// (Using) are looked up in the same registry.
func newLexerRegistry() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if rl, ok := l.(*chroma.RegexLexer); ok {
			reg.Register(untimedCopy(rl))
		}
	}
	return reg
}

// liftState is the name of the state that carries liftTimeouts into a copy's rules.
const liftState = "dateline:lift-timeouts"

func untimedCopy(l *chroma.RegexLexer) *chroma.RegexLexer {
	return chroma.MustNewLexer(l.Config(), func() chroma.Rules {
		rules, err := l.Rules()
		if err != nil {
			return nil // the copy fails to tokenise as the original would, and renders plain
		}
		own := maps.Clone(rules)
		own[liftState] = []chroma.Rule{{Mutator: liftTimeouts{}}}
		return own
	})
}

// liftTimeouts is a lexer mutator: chroma runs it once, while compiling a lexer and under
// the lexer's lock, after every rule's regexp is compiled with chroma's timeout. It sets
// each one to matchTimeout and removes its own state. Doing it there, rather than after
// compilation, keeps it free of races with goroutines tokenising with the same lexer.
type liftTimeouts struct{}

func (liftTimeouts) Mutate(*chroma.LexerState) error { return nil }

func (liftTimeouts) MutateLexer(rules chroma.CompiledRules, state string, _ int) error {
	delete(rules, state)
	for _, list := range rules {
		for _, rule := range list {
			if rule.Regexp != nil {
				rule.Regexp.MatchTimeout = matchTimeout
			}
		}
	}
	return nil
}
