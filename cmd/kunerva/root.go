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
	root.AddCommand(newEvalCommand(), newExplainCommand(), newDiffCommand(), newInferCommand())
	markUsageErrors(root)
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
	case errors.As(err, &usage), unknownCommand(root, args):
		return exitUsage
	}
	return exitFailure
}

// markUsageErrors makes the errors of the arguments' validators usage
// errors (the flags' are, through the flag error function).
func markUsageErrors(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if args := c.Args; args != nil {
			c.Args = func(cmd *cobra.Command, a []string) error {
				if err := args(cmd, a); err != nil {
					return usageError{err}
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// unknownCommand says whether args name no command: cobra fails so before
// anything of kunerva's runs.
func unknownCommand(root *cobra.Command, args []string) bool {
	_, _, err := root.Find(args)
	return err != nil
}
