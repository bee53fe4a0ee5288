package gitrepo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/text/unicode/norm"

	"github.com/kunerva/kunerva/internal/httpretry"
)

// ErrNothingToCommit is returned by Commit when the given paths already match
// HEAD: a re-run that wrote the same files converges on the existing commit.
var ErrNothingToCommit = errors.New("nothing to commit")

// Signature is who made a commit; a zero When means now.
type Signature struct {
	Name, Email string
	When        time.Time
}

// Repo is a git checkout: a repository with a worktree.
type Repo struct {
	repo  *git.Repository
	wt    *git.Worktree
	root  string
	retry httpretry.Policy
}

// Open opens the repository whose worktree contains dir, looking upwards for
// the .git directory as git itself does.
func Open(dir string) (*Repo, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil, fmt.Errorf("open git repository at %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		// A bare repository has nowhere to write the policy files.
		return nil, fmt.Errorf("open git worktree at %s: %w", dir, err)
	}
	return &Repo{repo: repo, wt: wt, root: wt.Filesystem.Root(), retry: defaultRetry}, nil
}

// Init makes a new repository at dir, on branch main, with every file in
// dir committed as its first commit.
func Init(dir, message string, author Signature) (*Repo, error) {
	_, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		return nil, fmt.Errorf("create git repository at %s: %w", dir, err)
	}
	r, err := Open(dir)
	if err != nil {
		return nil, err
	}
	// The first commit has no HEAD to compare with, unlike Commit's.
	if err := r.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return nil, fmt.Errorf("stage %s: %w", dir, err)
	}
	when := author.When
	if when.IsZero() {
		when = time.Now()
	}
	sig := &object.Signature{Name: author.Name, Email: author.Email, When: when}
	if _, err := r.wt.Commit(message, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		return nil, fmt.Errorf("commit %s: %w", dir, err)
	}
	return r, nil
}

// Root is the worktree's top directory; Commit's paths are relative to it.
func (r *Repo) Root() string { return r.root }

// Head returns the checked-out branch's short name ("" when HEAD is detached)
// and the commit HEAD points at.
func (r *Repo) Head() (branch, hash string, err error) {
	ref, err := r.repo.Head()
	if err != nil {
		return "", "", fmt.Errorf("read HEAD: %w", err)
	}
	if ref.Name().IsBranch() {
		branch = ref.Name().Short()
	}
	return branch, ref.Hash().String(), nil
}

// Branch makes branch name point at the tip of base (a local branch name, or
// "" for HEAD) and checks it out, keeping the worktree's files as they are. If
// the branch exists (a re-run), it is checked out as it is. Only HEAD and the
// index move: the index is reset to the branch's commit so that the next
// Commit records changes against the branch, not against where HEAD was.
func (r *Repo) Branch(name, base string) error {
	ref := plumbing.NewBranchReferenceName(name)
	if name == "" || ref.Validate() != nil {
		return fmt.Errorf("make branch %q: not a valid git branch name", name)
	}
	var tip plumbing.Hash
	existing, err := r.repo.Reference(ref, true)
	switch {
	case err == nil:
		tip = existing.Hash()
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		if tip, err = r.resolveBase(base); err != nil {
			return fmt.Errorf("make branch %s: %w", name, err)
		}
		if err := r.repo.Storer.SetReference(plumbing.NewHashReference(ref, tip)); err != nil {
			return fmt.Errorf("make branch %s: %w", name, err)
		}
	default:
		return fmt.Errorf("make branch %s: %w", name, err)
	}

	var was plumbing.Hash
	if head, err := r.repo.Head(); err == nil {
		was = head.Hash()
	}
	if err := r.repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref)); err != nil {
		return fmt.Errorf("check out branch %s: %w", name, err)
	}
	if was == tip {
		return nil // same commit: leave the index (and its stat cache) alone
	}
	if err := r.wt.Reset(&git.ResetOptions{Commit: tip, Mode: git.MixedReset}); err != nil {
		return fmt.Errorf("check out branch %s: reset index: %w", name, err)
	}
	return nil
}

func (r *Repo) resolveBase(base string) (plumbing.Hash, error) {
	if base == "" {
		head, err := r.repo.Head()
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return plumbing.ZeroHash, errors.New("HEAD has no commit yet; commit something to base the branch on")
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read HEAD: %w", err)
		}
		return head.Hash(), nil
	}
	ref, err := r.repo.Reference(plumbing.NewBranchReferenceName(base), true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, fmt.Errorf("base branch %q does not exist locally", base)
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read base branch %s: %w", base, err)
	}
	return ref.Hash(), nil
}

// Commit stages exactly the given paths (relative to the worktree root; a
// directory stands for the files under it, a missing path for a deletion) and
// commits them with the message and author, who is also the committer. With
// nothing changed it returns the current head and ErrNothingToCommit. It
// refuses to commit when the index holds other staged changes, since they
// would silently ride along in a commit that claims to carry one request.
func (r *Repo) Commit(paths []string, message string, author Signature) (hash string, err error) {
	if len(paths) == 0 {
		return "", errors.New("commit: no paths given")
	}
	if author.Name == "" || author.Email == "" {
		return "", fmt.Errorf("commit: the author needs a name and an email, got %q <%s>", author.Name, author.Email)
	}
	head, err := r.repo.Head()
	if err != nil {
		return "", fmt.Errorf("commit: read HEAD: %w", err)
	}
	rel, err := r.relPaths(paths)
	if err != nil {
		return "", fmt.Errorf("commit: %w", err)
	}
	for _, p := range rel {
		if err := r.stage(p); err != nil {
			return "", fmt.Errorf("commit: stage %s: %w", p, err)
		}
	}
	changed, err := r.staged(head.Hash())
	if err != nil {
		return "", fmt.Errorf("commit: compare index with HEAD: %w", err)
	}
	if len(changed) == 0 {
		return head.Hash().String(), ErrNothingToCommit
	}
	var others []string
	for _, c := range changed {
		if !slices.ContainsFunc(rel, func(p string) bool { return within(c, p) }) {
			others = append(others, c)
		}
	}
	if len(others) > 0 {
		return "", fmt.Errorf("commit: the index has staged changes outside the given paths (%s); commit or unstage them first", strings.Join(others, ", "))
	}
	when := author.When
	if when.IsZero() {
		when = time.Now()
	}
	sig := &object.Signature{Name: author.Name, Email: author.Email, When: when}
	h, err := r.wt.Commit(message, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		return "", fmt.Errorf("commit: %w", err)
	}
	return h.String(), nil
}

// relPaths turns paths into clean slash-separated paths inside the worktree.
// Absolute paths are accepted when they lie inside it.
func (r *Repo) relPaths(paths []string) ([]string, error) {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		q := p
		if filepath.IsAbs(q) {
			var err error
			if q, err = filepath.Rel(r.root, q); err != nil {
				return nil, fmt.Errorf("path %q is outside the worktree %s", p, r.root)
			}
		}
		q = path.Clean(filepath.ToSlash(q))
		if q == "." || q == ".." || strings.HasPrefix(q, "../") || path.IsAbs(q) {
			return nil, fmt.Errorf("path %q is outside the worktree %s or is its root", p, r.root)
		}
		out = append(out, q)
	}
	return out, nil
}

// stage brings the index entry (or entries, for a directory) at p in line
// with the worktree.
func (r *Repo) stage(p string) error {
	fi, err := r.wt.Filesystem.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return r.unstage(p)
	case err != nil:
		return err
	case fi.IsDir():
		// go-git walks the worktree's status to find the directory's
		// changes, deletions included.
		return r.wt.AddWithOptions(&git.AddOptions{Path: p})
	default:
		return r.wt.AddWithOptions(&git.AddOptions{Path: p, SkipStatus: true})
	}
}

// unstage removes the index entries at or under p, whose files are gone.
func (r *Repo) unstage(p string) error {
	idx, err := r.repo.Storer.Index()
	if err != nil {
		return err
	}
	n := len(idx.Entries)
	idx.Entries = slices.DeleteFunc(idx.Entries, func(e *index.Entry) bool { return within(e.Name, p) })
	if len(idx.Entries) == n {
		return nil
	}
	return r.repo.Storer.SetIndex(idx)
}

// staged lists the paths whose index entries differ from commit's tree.
func (r *Repo) staged(commit plumbing.Hash) ([]string, error) {
	c, err := r.repo.CommitObject(commit)
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	inTree := map[string]object.TreeEntry{}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if e.Mode != filemode.Dir {
			inTree[name] = e
		}
	}
	idx, err := r.repo.Storer.Index()
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, e := range idx.Entries {
		t, ok := inTree[e.Name]
		if !ok || t.Hash != e.Hash || t.Mode != e.Mode || e.Stage != 0 {
			changed = append(changed, e.Name)
		}
		delete(inTree, e.Name)
	}
	for name := range inTree {
		changed = append(changed, name)
	}
	slices.Sort(changed)
	return slices.Compact(changed), nil
}

// within reports whether name is dir or lies under it.
func within(name, dir string) bool {
	return name == dir || strings.HasPrefix(name, dir+"/")
}

const maxSlug = 40

// Slug makes a branch-safe slug from free text: lower-case ASCII letters and
// digits joined by single dashes, accents dropped ("café" -> "cafe"), at most
// 40 characters, cut between words when it can be. Text without a letter or
// digit gives "request", so a branch name built from it is never left dangling.
func Slug(text string) string {
	var b strings.Builder
	gap := false
	for _, c := range norm.NFKD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, c), c == '\'', c == '’':
			// accents split off by NFKD, and apostrophes: "don't" -> "dont"
		case c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(unicode.ToLower(c))
		default:
			gap = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		// Look one character past the limit: a dash there means the cut
		// falls between words.
		s = s[:maxSlug+1]
		if i := strings.LastIndexByte(s, '-'); i >= maxSlug/2 {
			s = s[:i]
		} else {
			s = strings.TrimRight(s[:maxSlug], "-")
		}
	}
	if s == "" {
		return "request"
	}
	return s
}
