// Package action is kunerva as a GitHub Action: it reads the event the runner
// hands over, decides whether it is a request and whether its author may make
// one, runs the delivery pipeline of internal/pipeline on the checkout, and
// talks to GitHub. A comment is data: never run, never a path or a setting.
package action

// The event is a comment on an issue or a pull request, a review comment or a
// review. Talking to GitHub means the pull request it opens or amends, the one
// reply per request it keeps up to date, the reactions, the job summary and
// the step's outputs; github.go makes every call, behind the small GitHub
// interface of the calls a run makes. Understanding language and validating
// policies stay in generator (and its engines) and validate; cmd/kunerva only
// turns flags into Inputs.
