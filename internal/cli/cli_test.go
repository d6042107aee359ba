package cli_test

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"dateline/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dateline": func() {
			os.Exit(cli.RunHooked(context.Background(), os.Args[1:], os.Stdout, os.Stderr, killHook()))
		},
	})
}

// TestScripts runs the command line scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
