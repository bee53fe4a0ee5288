package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/generator"
)

// Exit codes.
const (
	exitOK            = 0
	exitFindings      = 1
	exitUsage         = 2
	exitFailure       = 3
	exitNotUnderstood = 4
)

// usageError marks errors in how the command was called.
type usageError struct{ error }

// errFindings says that the findings printed include errors: exit code 1.
var errFindings = errors.New("the policies have errors")

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := &cobra.Command{
		Use:           "kunerva",
		Short:         "Write, prove and deliver Kubernetes security policies from plain English",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newGenerateCommand(), newValidateCommand(), newCheckCommand(), newProposeCommand(), newActionCommand(), newControlPlaneCommand())
	root.AddCommand(newEvalCommand())
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFindings) {
		return exitFindings
	}
	fmt.Fprintln(stderr, "kunerva:", err)
	var notUnderstood *generator.NotUnderstoodError
	var usage usageError
	switch {
	case errors.As(err, &notUnderstood):
		return exitNotUnderstood
	case errors.As(err, &usage), isCobraUsage(err):
		return exitUsage
	}
	return exitFailure
}

// isCobraUsage recognises cobra's own argument errors (unknown command, wrong arg count).
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand"} {
		if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}
