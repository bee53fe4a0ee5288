// Package gitrepo owns the git side of delivering a policy: it opens the
// checkout a run works in, fetches and checks out the branch a follow-up
// amends, makes the request's branch, commits exactly the files the tree
// writer touched, and pushes the branch so that a re-run of the same request
// converges on the same branch instead of adding commits or failing. It is
// built on go-git alone and never runs the git binary, so the comment text
// that becomes a branch name or a commit message never reaches a shell, and a
// token is only ever handed to go-git's HTTP basic auth: it is never part of a
// URL, and errors are scrubbed of it before they are returned. It knows
// nothing of GitHub's API, policies or kustomize and must not import
// go-github, generator/ or validate/.
package gitrepo
