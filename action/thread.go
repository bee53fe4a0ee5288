package action

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/gitrepo"
)

// thread is where the event's replies go.
func (r *run) thread() Thread {
	t := Thread{Number: r.ev.number}
	if r.ev.kind == ReviewComment {
		t.Review, t.Top = true, r.ev.replyTo
	}
	return t
}

// comments are the thread's comments, read once a run (with the token's
// own login, which tells kunerva's replies from the rest) and kept up to
// date with what the run writes.
func (r *run) comments(ctx context.Context) ([]Comment, error) {
	if r.listed {
		return r.cached, nil
	}
	if r.self == "" {
		self, err := r.gh.Self(ctx)
		if err != nil {
			return nil, err
		}
		if r.self = self; self == "" {
			r.self = r.in.BotLogin
		}
	}
	comments, err := r.gh.Comments(ctx, r.thread())
	if err != nil {
		return nil, err
	}
	r.cached, r.listed = comments, true
	return comments, nil
}

// reply writes the request's one reply: it edits the reply an earlier run
// wrote (the token's own comment whose first line is its marker) or adds it.
// An answer's reply is the one that asked, which keeps its marker and
// notes the answer. The pending request, when there is one, is hidden at
// the reply's end. With onlyNew an earlier reply is left as it is, and an
// answer's failure gets a reply of its own, so that the question stays.
func (r *run) reply(ctx context.Context, body string, wait *pending, onlyNew bool) (*Comment, error) {
	comments, err := r.comments(ctx)
	if err != nil {
		return nil, err
	}
	body = inert(body)
	r.shown = body
	t := r.thread()
	marker := replyMarker(r.ev.commentID)
	full := marker + "\n" + body
	if wait != nil {
		full = strings.TrimRight(full, "\n") + "\n\n" + pendingMarker(*wait) + "\n"
	}
	if a := r.ask; a != nil && !onlyNew {
		var b strings.Builder
		b.WriteString(replyMarker(a.pending.Comment) + "\n")
		for _, id := range append(slices.Clone(a.answered), r.ev.commentID) {
			b.WriteString(answeredMarker(id) + "\n")
		}
		full = b.String() + strings.TrimPrefix(full, marker+"\n")
		if a.reply.Body == full {
			return &a.reply, nil
		}
		r.logf("editing the reply that asked, %s", a.reply.URL)
		return r.edited(r.gh.EditReply(ctx, t, a.reply.ID, full))
	}
	if c := r.replyMarked(comments, marker); c != nil {
		if onlyNew || c.Body == full {
			return c, nil
		}
		r.logf("editing the reply %s", c.URL)
		return r.edited(r.gh.EditReply(ctx, t, c.ID, full))
	}
	c, err := posted(r, "the reply", func() (*Comment, error) { return r.gh.Reply(ctx, t, full) }, func() (*Comment, error) {
		r.listed = false
		comments, err := r.comments(ctx)
		return r.replyMarked(comments, marker), err
	})
	if err == nil {
		r.logf("replied: %s", c.URL)
		if !slices.ContainsFunc(r.cached, func(k Comment) bool { return k.ID == c.ID }) {
			r.cached = append(r.cached, *c)
		}
	}
	return c, err
}

// replyMarked is the token's own comment whose first line is the marker.
func (r *run) replyMarked(comments []Comment, marker string) *Comment {
	for _, c := range comments {
		if strings.EqualFold(c.Login, r.self) && strings.HasPrefix(c.Body, marker+"\n") {
			return &c
		}
	}
	return nil
}

// posted makes something with a POST that GitHub may have carried out
// although it failed (a 5xx, a dropped connection, a 422 that says it
// exists): the transport does not send a POST twice, so posted first looks
// for what the POST makes (find: nil when there is none) and posts once
// more only when it is not there. Any other refusal is final.
func posted[T any](r *run, what string, post, find func() (*T, error)) (*T, error) {
	v, err := post()
	if s := status(err); err == nil || (s >= 400 && s < 500 && s != http.StatusUnprocessableEntity) {
		return v, err
	}
	r.logf("posting %s failed (%v); looking whether GitHub made it anyway", what, gitrepo.Redact(err, r.in.Token))
	found, ferr := find()
	switch {
	case ferr != nil:
		return nil, errors.Join(err, ferr)
	case found != nil:
		r.logf("GitHub had made %s", what)
		return found, nil
	}
	return post()
}

// inert keeps the text of a reply from holding markers: an HTML comment in
// it (a model's question can say anything) shows as text. The only markers
// of a reply are the ones reply puts at its start and its end.
func inert(body string) string {
	return strings.ReplaceAll(body, "<!--", "&lt;!--")
}

// edited keeps the cached thread up to date with an edited reply.
func (r *run) edited(c *Comment, err error) (*Comment, error) {
	if err != nil {
		return nil, err
	}
	for i := range r.cached {
		if r.cached[i].ID == c.ID {
			r.cached[i] = *c
		}
	}
	return c, nil
}

// react is a courtesy: a failure is logged, not fatal.
func (r *run) react(ctx context.Context, content string) {
	if r.ev.kind == ReviewBody {
		return
	}
	if err := r.gh.React(ctx, r.ev.kind, r.ev.commentID, content); err != nil {
		r.logf("could not react %s: %v", content, gitrepo.Redact(err, r.in.Token))
	}
}
