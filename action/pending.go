package action

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/tree"
)

// A request the engine did not understand waits in the reply that asks
// about it, and nowhere else: a hidden marker holds the request, its author
// and the comment it came from. The author's next request in the thread
// that does not stand on its own is the answer: it is added to the pending
// request, and that reply is edited to the outcome. The reply also lists
// the answers it took in, so that a re-run of an answer is not taken as an
// answer, or as a request, again.
const (
	pendingMarkerPrefix  = "<!-- kunerva:pending:"
	answeredMarkerPrefix = "<!-- kunerva:answered:"
	markerEnd            = " -->"
)

// pending is the request a reply asks about.
type pending struct {
	Request string `json:"request"`
	Author  string `json:"author"`
	Comment int64  `json:"comment"` // the comment whose reply this is
}

// pendingMarker hides the request in a reply, as base64 so that nothing in
// it can end the HTML comment or become markup; "" for a request too long
// to keep (longer than generator.MaxRequest, which the LLM engine would
// refuse anyway), whose reply asks for a whole request instead.
func pendingMarker(p pending) string {
	if p.Request == "" || len(p.Request) > generator.MaxRequest {
		return ""
	}
	data, _ := json.Marshal(p)
	return pendingMarkerPrefix + base64.StdEncoding.EncodeToString(data) + markerEnd
}

// parsePending reads the pending request of a reply's body: its last line,
// where the reply puts it, and its only pending marker. One anywhere else
// is text, not state.
func parsePending(body string) (pending, bool) {
	body = strings.TrimRight(body, "\n")
	last := body[strings.LastIndex(body, "\n")+1:]
	enc, ok := strings.CutPrefix(last, pendingMarkerPrefix)
	if !ok || strings.Count(body, pendingMarkerPrefix) != 1 {
		return pending{}, false
	}
	if enc, ok = strings.CutSuffix(enc, markerEnd); !ok {
		return pending{}, false
	}
	data, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return pending{}, false
	}
	var p pending
	if err := json.Unmarshal(data, &p); err != nil || p.Request == "" || len(p.Request) > generator.MaxRequest || p.Author == "" || p.Comment <= 0 {
		return pending{}, false
	}
	return p, true
}

func answeredMarker(id int64) string {
	return fmt.Sprintf("%s%d%s", answeredMarkerPrefix, id, markerEnd)
}

// answered lists the answers a reply took in: the lines that follow its
// reply marker, where the reply puts them, and no others.
func answered(body string) []int64 {
	var ids []int64
	for _, line := range strings.Split(body, "\n")[1:] {
		s, ok := strings.CutPrefix(line, answeredMarkerPrefix)
		if !ok {
			break
		}
		s, ok = strings.CutSuffix(s, markerEnd)
		id, err := strconv.ParseInt(s, 10, 64)
		if !ok || err != nil {
			break
		}
		ids = append(ids, id)
	}
	return ids
}

// asked is a reply of kunerva's that asks about a pending request.
type asked struct {
	reply    Comment
	pending  pending
	answered []int64
}

// ownReply says whether a comment is one of kunerva's replies: written by
// the token's login and starting with a reply marker. Markers in anyone
// else's comment are text, not state.
func (r *run) ownReply(c Comment) bool {
	return strings.EqualFold(c.Login, r.self) && strings.HasPrefix(c.Body, replyMarkerPrefix)
}

// inThread says whether a comment is in the event's thread: for a review
// comment, its review thread; otherwise the whole conversation.
func (r *run) inThread(c Comment) bool {
	return !r.thread().Review || c.ID == r.ev.replyTo || c.InReplyTo == r.ev.replyTo
}

// answeredBy is kunerva's reply that already took this comment in as an
// answer, if any.
func (r *run) answeredBy(ctx context.Context) (*Comment, error) {
	comments, err := r.comments(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range comments {
		if r.ownReply(c) && r.inThread(c) && slices.Contains(answered(c.Body), r.ev.commentID) {
			return &c, nil
		}
	}
	return nil, nil
}

// waiting is the most recent of kunerva's replies in the thread that asks
// this comment's author about a request they made before this comment.
func (r *run) waiting(ctx context.Context) (*asked, error) {
	comments, err := r.comments(ctx)
	if err != nil {
		return nil, err
	}
	var last *asked
	for _, c := range comments {
		if !r.ownReply(c) || !r.inThread(c) {
			continue
		}
		p, ok := parsePending(c.Body)
		// The marker must be the reply's own, and the request earlier than
		// this comment: a re-run of the request itself is no answer to it.
		if !ok || !strings.HasPrefix(c.Body, replyMarker(p.Comment)+"\n") || !strings.EqualFold(p.Author, r.ev.author) || p.Comment >= r.ev.commentID {
			continue
		}
		last = &asked{reply: c, pending: p, answered: answered(c.Body)}
	}
	return last, nil
}

// complete makes the comment an answer when its author has a request
// pending in the thread and the comment's request does not stand on its
// own: the request to run becomes the pending one with the answer added.
// Whether it stands on its own is the built-in engine's call on the tree
// the pipeline uses (deterministic and free, whatever engine the run uses).
func (r *run) complete(ctx context.Context, treeDir string) error {
	if strings.TrimSpace(r.text) == "" {
		return nil
	}
	a, err := r.waiting(ctx)
	if err != nil || a == nil {
		return err
	}
	t, err := tree.Load(treeDir)
	if err != nil {
		return err
	}
	_, err = generator.Generate(ctx, builtin.Engine{}, r.text, generator.Options{Tree: t})
	var refusal *generator.NotUnderstoodError
	if !errors.As(err, &refusal) {
		r.logf("the request stands on its own; the one pending in %s stays as it is", a.reply.URL)
		return nil
	}
	r.ask, r.text = a, a.pending.Request+" "+r.text
	r.logf("the answer completes the request pending in %s: %q", a.reply.URL, r.text)
	return nil
}

// requestID is the comment a request's reply and pull request section
// belong to: the one that asked, for an answer.
func (r *run) requestID() int64 {
	if r.ask != nil {
		return r.ask.pending.Comment
	}
	return r.ev.commentID
}

// requestURL links the comment that made the request.
func (r *run) requestURL() string {
	if r.ask != nil {
		for _, c := range r.cached {
			if c.ID == r.ask.pending.Comment && c.URL != "" {
				return c.URL
			}
		}
	}
	return r.ev.url
}
