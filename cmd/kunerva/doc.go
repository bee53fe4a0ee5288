// Command kunerva is the command-line shell over kunerva's library packages.
// It owns only the wiring: streams, flags and the fixed exit codes (0 ok,
// 1 findings, 2 usage, 3 failure, 4 request not understood). Each subcommand
// turns its flags into one library call (`generate` calls generator.Generate)
// and prints the result; understanding and rendering requests belong in
// generator, not here, and the command keeps no globals and no init functions.
// Library packages must not import it or copy its logic.
package main
