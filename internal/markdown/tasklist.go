package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// A task list item's checkbox is a disabled input that no <label> can name, which screen
// readers announce as an unlabelled form field. It is written with an aria-label that says
// the task's state:
//
//	<input type="checkbox" checked disabled aria-label="Done">
//	<input type="checkbox" disabled aria-label="Not done">
func (r *htmlRenderer) renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*extast.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input type="checkbox" checked disabled aria-label="Done"> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="Not done"> `)
	}
	return ast.WalkContinue, nil
}
