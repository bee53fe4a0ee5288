package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// secrets are what must not appear in an error about remote: the token and
// the credentials in the remote's URLs.
func (r *Repo) secrets(remote, token string) []string {
	secrets := append(urlSecrets(remote), token)
	if rem, err := r.repo.Remote(remote); err == nil {
		for _, u := range rem.Config().URLs {
			secrets = append(secrets, urlSecrets(u)...)
		}
	}
	return secrets
}

// urlSecrets are the credentials written into an http(s) remote URL: the
// password, or the user name when it stands alone (https://TOKEN@host/...).
// An ssh URL's user ("git") is no secret.
func urlSecrets(remote string) []string {
	u, err := url.Parse(remote)
	if err != nil || u.User == nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	if p, ok := u.User.Password(); ok {
		return []string{p}
	}
	return []string{u.User.Username()}
}

// shownRemote names a remote for messages: its name and URL, or the URL it
// was given as, without credentials.
func shownRemote(cfg *config.RemoteConfig, remote string) string {
	if cfg.Name == remote {
		return fmt.Sprintf("%s (%s)", remote, withoutUserinfo(cfg.URLs[len(cfg.URLs)-1]))
	}
	return withoutUserinfo(remote)
}

// withoutUserinfo is a URL fit to show: credentials removed.
func withoutUserinfo(remote string) string {
	u, err := url.Parse(remote)
	if err != nil || u.User == nil {
		return remote
	}
	u.User = nil
	return u.String()
}

// redactedError is an error whose text had secrets in it. It keeps only the
// sentinel a caller may test for, so that no unwrapped cause leaks them.
type redactedError struct {
	msg  string
	kind error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.kind }

// Redact replaces every secret in err's text with "***", keeping only the
// sentinel errors a caller may test for (context's, git transport's,
// ErrRemoteMoved) so that no unwrapped cause leaks a secret.
func Redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range secrets {
		if s != "" {
			clean = strings.ReplaceAll(clean, s, "***")
		}
	}
	if clean == msg {
		return err
	}
	kinds := []error{ErrRemoteMoved, context.Canceled, context.DeadlineExceeded,
		transport.ErrAuthenticationRequired, transport.ErrAuthorizationFailed, transport.ErrRepositoryNotFound}
	for _, k := range kinds {
		if errors.Is(err, k) {
			return &redactedError{msg: clean, kind: k}
		}
	}
	return &redactedError{msg: clean}
}
