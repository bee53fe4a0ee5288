// Package action is kunerva as a GitHub Action: it reads the event the runner
// hands over (a comment on an issue or a pull request, a review comment, a
// review), decides whether it is a request and whether its author may make
// one, runs the delivery pipeline of internal/proposal on the checkout, and
// talks to GitHub: the pull request it opens or amends, the one reply per
// request it keeps up to date, the reactions, the job summary and the step's
// outputs. It is the only package that imports go-github, and only github.go
// does, behind the small GitHub interface of the calls a run makes. The
// comment is data: it is never run, never a path, never a setting. Nothing
// here understands language or validates policies; that stays in generator
// (and its engines) and validate, and cmd/kunerva only turns flags into Inputs.
package action
