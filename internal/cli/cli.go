// Package cli is dateline's command line: it parses arguments, runs a command, prints
// what happened and chooses the exit status. It is the only package that prints or picks
// exit codes: 0 on success, 1 when the site has errors (each printed on its own line as
// path:line:col: message, then a count), 2 for wrong usage.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Version is dateline's version.
const Version = "0.1.0"

// command is one subcommand.
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// env is what a command may touch: its output streams, and the hook RunHooked gives.
type env struct {
	stdout, stderr io.Writer
	outputStep     func(step string) // given to the output folder of a build (output.Dir.Step)
	warnings       warningLimit      // --warnings: how many warnings to print
}

func commands() []command {
	return []command{
		{"build", "[--source DIR] [--dest DIR] [--drafts] [--future] [--expired] [--base-url URL] [--quiet] [--warnings N|all]", "build the site into a folder", runBuild},
		{"serve", "[--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--expired]", "build the site into memory and serve it", runServe},
		{"new", `[--source DIR] "Headline"`, "create content/YYYY/slug.md with front matter filled in", runNew},
		{"init", "DIR", "create a new site that builds at once", runInit},
		{"import", "hugo|jekyll|wordpress SOURCE [--into SITE] [--uploads DIR]", "bring posts from a Hugo or Jekyll site or a WordPress export into content/", runImport},
		{"check", "[--dest DIR] [--base-url URL]", "check every internal link and anchor of a built site", runCheck},
		{"version", "", "print the version", runVersion},
	}
}

// Run runs the command line args (without the program name) and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return RunHooked(ctx, args, stdout, stderr, nil)
}

// RunHooked is Run with outputStep called before each change dateline build makes to its
// output folder (see output.Dir.Step): tests kill the process at chosen steps.
func RunHooked(ctx context.Context, args []string, stdout, stderr io.Writer, outputStep func(step string)) int {
	e := &env{stdout: stdout, stderr: stderr, outputStep: outputStep}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return e.report(c.run(ctx, e, args[1:]))
		}
	}
	fmt.Fprintf(stderr, "dateline: unknown command %q\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dateline turns a folder of Markdown news articles into a static news archive.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  dateline %-8s %s\n", c.name, c.args)
	}
	fmt.Fprintln(w, "\nRun dateline COMMAND --help for what a command does and its flags.")
}

// usageError is wrong usage: a bad flag or argument. It exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// errReported marks an error whose details the command has already printed.
var errReported = errors.New("reported")

// report prints an error, if any, and returns the exit status for it.
func (e *env) report(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "dateline: %s\n", ue.msg)
		return ExitUsage
	case errors.Is(err, errReported):
		return ExitError
	}
	msg := err.Error()
	if i := strings.Index(msg, "; hint: "); i >= 0 {
		msg = msg[:i] + "\nhint: " + msg[i+len("; hint: "):]
	}
	fmt.Fprintf(e.stderr, "dateline: %s\n", msg)
	return ExitError
}

// flags returns a flag set for a command whose --help prints its synopsis and summary.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(e.stdout, "Usage: dateline %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
				if hasFlags(fs) {
					fmt.Fprintln(e.stdout, "\nFlags:")
					fs.SetOutput(e.stdout)
					fs.PrintDefaults()
					fs.SetOutput(io.Discard)
				}
			}
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses flags that may come before or after the positional arguments, and
// checks their number.
func parse(fs *flag.FlagSet, args []string, minPos, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return nil, err
			}
			return nil, &usageError{fmt.Sprintf("%s: %v (see dateline %s --help)", fs.Name(), err, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < minPos || len(pos) > maxPos {
		return nil, &usageError{fmt.Sprintf("%s: wrong number of arguments (see dateline %s --help)", fs.Name(), fs.Name())}
	}
	return pos, nil
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := e.flags("version")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "dateline %s (%s %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
