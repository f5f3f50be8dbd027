// Command accord serves, checks and imports the archive of diplomatic texts.
//
//	accord serve  [--addr 127.0.0.1:8080] [--content DIR] [--index DIR] [--base-url URL]
//	accord check  [--content DIR]
//	accord import FILE.txt … --title T --kind K --parties KZ,EE [--date D] [--place P] [--out FILE|-]
//	accord export --out DIR --base-url URL [--content DIR]
//
// Every flag can also be set in the environment as ACCORD_<FLAG>, e.g.
// ACCORD_ADDR or ACCORD_BASE_URL; a flag on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const usage = `usage:
  accord serve  [--addr 127.0.0.1:8080] [--content DIR] [--index DIR] [--base-url URL]
                [--watch] [--trusted-proxy CIDRS] [--hsts] [--pprof ADDR] [--dev]
                [--cpuprofile FILE]
  accord check  [--content DIR]
  accord import FILE.txt … --title T --kind K --parties KZ,EE [--issuer UNSC] [--number N]
                [--slug S] [--date YYYY-MM-DD] [--place P] [--language L] [--source URL] [--retrieved YYYY-MM-DD]
                [--archived URL] [--content DIR] [--out FILE|-] [--force] [--confirm-bidi]
                [--version-of SLUG] [--authentic en,fr] [--prevails en]
  accord export --out DIR --base-url URL [--content DIR]
Run 'accord COMMAND -h' for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stderr)
	case "check":
		err = check(ctx, args[1:], stdout, stderr)
	case "import":
		err = importText(ctx, args[1:], stdout, stderr)
	case "export":
		err = export(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "accord: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0 // the flag package has printed the command's flags
	}
	switch err.(type) {
	case nil:
		return 0
	case usageError:
		fmt.Fprintf(stderr, "accord %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "accord %s: %v\n", args[0], err)
		return 1
	}
}

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// parseFlags reads ACCORD_* environment variables into fs, then the
// arguments, allowing flags after positional arguments. It returns the
// positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := "ACCORD_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(name); ok && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = usageError{fmt.Errorf("%s=%q: %v", name, v, err)}
			}
		}
	})
	if envErr != nil {
		return nil, envErr
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
