// Command kunerva is the command-line shell over kunerva's library packages.
// It owns only the wiring: streams, flags and the fixed exit codes (0 ok,
// 1 findings, 2 usage, 3 failure, 4 request not understood). Each subcommand
// turns its flags into one library call and prints the result.
package main

// For example `generate` calls generator.Generate; understanding and
// rendering requests belong in generator, not here. The command keeps no
// globals and no init functions.
