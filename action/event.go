package action

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator/llm"
)

// Events a run answers.
const (
	eventIssueComment  = "issue_comment"
	eventReviewComment = "pull_request_review_comment"
	eventReview        = "pull_request_review"
)

// CommentKind says which API a comment belongs to: its reactions, its
// replies, its edits.
type CommentKind int

const (
	IssueComment  CommentKind = iota // on an issue's or a pull request's conversation
	ReviewComment                    // on a line of a pull request's diff
	ReviewBody                       // a review's summary: no reactions, replies go to the conversation
)

// event is the part of a webhook payload a run needs.
type event struct {
	name, action string
	kind         CommentKind
	commentID    int64 // the comment's or the review's id
	replyTo      int64 // for a review comment: the top of its thread
	body         string
	url          string // the comment's html_url
	author       string
	bot          bool
	number       int  // the issue's or the pull request's number
	onPR         bool // the comment is on a pull request
	repo         string
	defaultBr    string
	private      bool // the repository is private or internal
}

type payloadUser struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

type payloadComment struct {
	ID          int64       `json:"id"`
	Body        *string     `json:"body"` // a review's body may be null
	HTMLURL     string      `json:"html_url"`
	User        payloadUser `json:"user"`
	InReplyToID int64       `json:"in_reply_to_id"`
}

type payload struct {
	Action string `json:"action"`
	Issue  *struct {
		Number      int              `json:"number"`
		PullRequest *json.RawMessage `json:"pull_request"`
	} `json:"issue"`
	Comment     *payloadComment `json:"comment"`
	Review      *payloadComment `json:"review"`
	PullRequest *struct {
		Number int `json:"number"`
	} `json:"pull_request"`
	Repository struct {
		FullName      string `json:"full_name"`
		DefaultBranch string `json:"default_branch"`
		Private       bool   `json:"private"`
	} `json:"repository"`
}

// parseEvent reads a webhook payload. Events it does not answer parse to an
// event with only a name and an action, which the run ignores.
func parseEvent(name string, data []byte) (*event, error) {
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("read the %s event payload: %w", name, err)
	}
	e := &event{name: name, action: p.Action, repo: p.Repository.FullName, defaultBr: p.Repository.DefaultBranch, private: p.Repository.Private}
	var c *payloadComment
	switch name {
	case eventIssueComment:
		if p.Issue == nil || p.Comment == nil {
			return nil, fmt.Errorf("read the %s event payload: no issue or comment in it", name)
		}
		c, e.kind, e.number = p.Comment, IssueComment, p.Issue.Number
		e.onPR = p.Issue.PullRequest != nil && string(*p.Issue.PullRequest) != "null"
	case eventReviewComment, eventReview:
		c, e.kind = p.Comment, ReviewComment
		if name == eventReview {
			c, e.kind = p.Review, ReviewBody
		}
		if p.PullRequest == nil || c == nil {
			return nil, fmt.Errorf("read the %s event payload: no pull request or comment in it", name)
		}
		e.number, e.onPR = p.PullRequest.Number, true
	default:
		return e, nil
	}
	if c.ID == 0 || e.number == 0 || c.User.Login == "" || e.repo == "" {
		return nil, fmt.Errorf("read the %s event payload: the comment's id, author, number or repository is missing", name)
	}
	e.commentID, e.url, e.author = c.ID, c.HTMLURL, c.User.Login
	e.bot = c.User.Type == "Bot" || strings.HasSuffix(c.User.Login, "[bot]")
	if c.Body != nil {
		e.body = *c.Body
	}
	e.replyTo = c.ID
	if c.InReplyToID != 0 {
		e.replyTo = c.InReplyToID // GitHub takes no replies to replies
	}
	return e, nil
}

// ignored says why the event is no request, or "" when it is one.
func (e *event) ignored(trigger string) string {
	switch {
	case e.name != eventIssueComment && e.name != eventReviewComment && e.name != eventReview:
		return fmt.Sprintf("kunerva answers issue_comment, pull_request_review_comment and pull_request_review events, not %s", e.name)
	case e.name == eventReview && e.action != "submitted":
		return fmt.Sprintf("the review was %s, not submitted", e.action)
	case e.name != eventReview && e.action != "created":
		return fmt.Sprintf("the comment was %s, not created", e.action)
	case e.bot:
		return fmt.Sprintf("the comment is by the bot %s", e.author)
	case strings.Contains(e.body, "<!-- kunerva:reply:"):
		return "the comment is one of kunerva's replies"
	}
	if e.tooLong() {
		// Not read further before the requester's permission is known; a
		// line that starts with the trigger is enough to answer it.
		for _, line := range strings.Split(e.body, "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, " \t"), trigger) {
				return ""
			}
		}
	} else if _, ok := request(e.body, trigger); ok {
		return ""
	}
	return fmt.Sprintf("the comment has no line starting with %s", trigger)
}

// MaxComment is the longest comment kunerva reads a request from, in bytes;
// a request itself is at most generator.MaxRequest characters, the rest of a
// comment is context for the people who read it.
const MaxComment = 16 << 10

func (e *event) tooLong() bool { return len(e.body) > MaxComment }

// request finds the request in a comment: the text after the trigger word
// at the start of a line, with the lines that follow it up to a blank line,
// joined into one. Hidden HTML comments are removed first, so that nothing
// the reader cannot see is asked for; quoted lines and code blocks are not
// requests, and a quoted line ("> port 9090", an earlier comment's words)
// ends the request as a blank line does. Only the first request of a
// comment counts.
func request(body, trigger string) (string, bool) {
	lines := strings.Split(llm.Visible(strings.ReplaceAll(body, "\r\n", "\n")), "\n")
	fenced := false
	for i, line := range lines {
		l := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fenced = !fenced
			continue
		}
		rest, ok := strings.CutPrefix(l, trigger)
		if fenced || !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		parts := []string{strings.TrimSpace(rest)}
		for _, next := range lines[i+1:] {
			n := strings.TrimSpace(next)
			if n == "" || strings.HasPrefix(n, "```") || strings.HasPrefix(n, "~~~") || strings.HasPrefix(n, trigger) || strings.HasPrefix(n, ">") {
				break
			}
			parts = append(parts, n)
		}
		return strings.Join(strings.Fields(strings.Join(parts, " ")), " "), true
	}
	return "", false
}
