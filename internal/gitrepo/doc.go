// Package gitrepo owns the git side of delivering a policy: it opens the
// checkout a run works in, fetches and checks out the branch a follow-up
// amends, makes the request's branch, commits exactly the files the tree
// writer touched, and pushes the branch. It is built on go-git alone.
package gitrepo

// A re-run of the same request converges on the same branch instead of
// adding commits or failing. The git binary is never run, so the comment
// text that becomes a branch name or a commit message never reaches a shell,
// and a token is only ever handed to go-git's HTTP basic auth: it is never
// part of a URL, and errors are scrubbed of it (Redact) before they are
// returned.
