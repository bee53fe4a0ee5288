package action

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/settings"
	"github.com/kunerva/kunerva/validate"
)

// Inputs are what a run is told: the runner's environment and the action's
// inputs. InputsFromEnv reads them; cmd/kunerva lets flags override them.
type Inputs struct {
	EventName   string // GITHUB_EVENT_NAME
	EventPath   string // GITHUB_EVENT_PATH: the webhook payload
	Repository  string // GITHUB_REPOSITORY: owner/name
	Token       string // INPUT_TOKEN, else GITHUB_TOKEN; never printed
	OutputPath  string // GITHUB_OUTPUT; "" writes no outputs
	SummaryPath string // GITHUB_STEP_SUMMARY; "" writes no summary
	APIURL      string // GITHUB_API_URL: the REST API's base URL
	ServerURL   string // GITHUB_SERVER_URL: the web and git host
	Workspace   string // GITHUB_WORKSPACE: the checkout
	RunID       string // GITHUB_RUN_ID, to link the run from a failure reply

	Trigger    string   // INPUT_TRIGGER: the word that starts a request
	Permission string   // INPUT_PERMISSION: the least a requester needs
	ConfigPath string   // INPUT_CONFIG: the repository's settings, relative to the checkout
	TreeRoot   string   // INPUT_TREE_ROOT: overrides the settings' tree root
	Cluster    string   // INPUT_CLUSTER: where the dry-run runs without a kubeconfig
	Kubeconfig string   // INPUT_KUBECONFIG: dry-run against this cluster
	Labels     []string // INPUT_LABELS: comma-separated, added to pull requests
	// BotLogin is the login the token comments as when it may not ask
	// (GET /user is refused to installation tokens): github-actions[bot] for
	// the workflow's GITHUB_TOKEN, <app-slug>[bot] for a GitHub App's token.
	BotLogin string // INPUT_BOT_LOGIN

	// The engine and the LLM; empty values leave the settings file's.
	Engine     string // INPUT_ENGINE: builtin, llm or auto
	LLMBaseURL string // INPUT_LLM_BASE_URL
	LLMModel   string // INPUT_LLM_MODEL
	// LLMAPIKeyEnv names the variable holding the LLM's key
	// (INPUT_LLM_API_KEY_ENV); "" leaves it to the settings, else OPENAI_API_KEY.
	LLMAPIKeyEnv string
}

// Defaults of the inputs.
const (
	DefaultTrigger    = "/policy"
	DefaultPermission = "write"
	DefaultConfigPath = settings.Path
	DefaultBotLogin   = "github-actions[bot]"
)

// InputsFromEnv reads the runner's environment. Inputs are read as
// INPUT_TREE_ROOT and also as INPUT_TREE-ROOT, the spelling the runner
// itself uses for an input named tree-root.
func InputsFromEnv(getenv func(string) string) Inputs {
	input := func(name, def string) string {
		for _, k := range []string{"INPUT_" + strings.ReplaceAll(name, "-", "_"), "INPUT_" + name} {
			if v := strings.TrimSpace(getenv(strings.ToUpper(k))); v != "" {
				return v
			}
		}
		return def
	}
	token := input("token", "")
	if token == "" {
		token = getenv("GITHUB_TOKEN")
	}
	return Inputs{
		EventName:    getenv("GITHUB_EVENT_NAME"),
		EventPath:    getenv("GITHUB_EVENT_PATH"),
		Repository:   getenv("GITHUB_REPOSITORY"),
		Token:        token,
		OutputPath:   getenv("GITHUB_OUTPUT"),
		SummaryPath:  getenv("GITHUB_STEP_SUMMARY"),
		APIURL:       getenv("GITHUB_API_URL"),
		ServerURL:    getenv("GITHUB_SERVER_URL"),
		Workspace:    getenv("GITHUB_WORKSPACE"),
		RunID:        getenv("GITHUB_RUN_ID"),
		Trigger:      input("trigger", DefaultTrigger),
		Permission:   input("permission", DefaultPermission),
		ConfigPath:   input("config", DefaultConfigPath),
		TreeRoot:     input("tree-root", ""),
		Cluster:      input("cluster", validate.ClusterLocal),
		Kubeconfig:   input("kubeconfig", ""),
		Labels:       SplitLabels(input("labels", "")),
		BotLogin:     input("bot-login", DefaultBotLogin),
		Engine:       input("engine", ""),
		LLMBaseURL:   input("llm-base-url", ""),
		LLMModel:     input("llm-model", ""),
		LLMAPIKeyEnv: input("llm-api-key-env", ""),
	}
}

// SplitLabels reads a comma-separated list of labels.
func SplitLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ",") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// Check reports every missing or malformed input at once.
func (in Inputs) Check() error {
	var errs []error
	need := func(v, what string) {
		if v == "" {
			errs = append(errs, fmt.Errorf("%s is not set", what))
		}
	}
	need(in.EventName, "the event name ($GITHUB_EVENT_NAME or --event-name)")
	need(in.EventPath, "the event payload ($GITHUB_EVENT_PATH or --event-path)")
	need(in.Repository, "the repository ($GITHUB_REPOSITORY or --repository)")
	need(in.Token, "the token ($INPUT_TOKEN or $GITHUB_TOKEN)")
	need(in.Workspace, "the checkout ($GITHUB_WORKSPACE or --workspace)")
	need(in.Trigger, "the trigger word (--trigger)")
	if owner, name, ok := strings.Cut(in.Repository, "/"); in.Repository != "" && (!ok || owner == "" || name == "" || strings.ContainsAny(name, "/ ")) {
		errs = append(errs, fmt.Errorf("repository %q is not owner/name", in.Repository))
	}
	for _, u := range []struct{ v, what string }{{in.APIURL, "the REST API URL ($GITHUB_API_URL or --api-url)"}, {in.ServerURL, "the server URL ($GITHUB_SERVER_URL or --server-url)"}} {
		need(u.v, u.what)
		if p, err := url.Parse(u.v); u.v != "" && (err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.User != nil) {
			errs = append(errs, fmt.Errorf("%s %q is not an http(s) URL without credentials", u.what, u.v))
		}
	}
	if strings.ContainsAny(in.Trigger, " \t\r\n") {
		errs = append(errs, fmt.Errorf("trigger %q is not one word", in.Trigger))
	}
	if _, ok := permissionRank[in.Permission]; !ok || in.Permission == "none" {
		errs = append(errs, fmt.Errorf("permission %q is not one of read, triage, write, maintain, admin", in.Permission))
	}
	switch in.Cluster {
	case validate.ClusterLocal, validate.ClusterKind, validate.ClusterNone:
	default:
		errs = append(errs, fmt.Errorf("cluster %q is not one of local, kind, none", in.Cluster))
	}
	switch in.Engine {
	case "", generator.EngineBuiltin, generator.EngineLLM, generator.EngineAuto:
	default:
		errs = append(errs, fmt.Errorf("engine %q is not one of builtin, llm, auto", in.Engine))
	}
	if err := settings.CheckRelative(in.TreeRoot); in.TreeRoot != "" && err != nil {
		errs = append(errs, fmt.Errorf("tree root: %w", err))
	}
	if err := settings.CheckRelative(in.ConfigPath); in.ConfigPath != "" && err != nil {
		errs = append(errs, fmt.Errorf("config: %w", err))
	}
	return errors.Join(errs...)
}

// remoteURL is where git pushes: the server's repository URL. The token goes
// to gitrepo as basic auth, never into the URL.
func (in Inputs) remoteURL() string {
	return strings.TrimSuffix(in.ServerURL, "/") + "/" + in.Repository + ".git"
}

// runURL links this workflow run, or "" outside Actions.
func (in Inputs) runURL() string {
	if in.RunID == "" {
		return ""
	}
	return strings.TrimSuffix(in.ServerURL, "/") + "/" + in.Repository + "/actions/runs/" + in.RunID
}

// outputNames are the step's outputs, in the order they are written.
var outputNames = []string{"result", "pull-request-number", "pull-request-url", "branch", "policy-path", "engine", "request", "completed-reply-url"}

// writeOutputs appends the outcome to $GITHUB_OUTPUT in the form GitHub
// documents for values that may span lines: name<<DELIMITER, the value,
// DELIMITER, with a random delimiter that the value does not contain.
func writeOutputs(file string, o *Outcome) error {
	if file == "" {
		return nil
	}
	values := map[string]string{"result": string(o.Result), "branch": o.Branch, "policy-path": strings.Join(o.PolicyPaths, "\n"), "pull-request-url": o.PullRequestURL, "engine": o.Engine,
		"request": o.Request, "completed-reply-url": o.Completed}
	if o.PullRequest > 0 {
		values["pull-request-number"] = fmt.Sprint(o.PullRequest)
	}
	var b strings.Builder
	for _, name := range outputNames {
		v := values[name]
		delim := delimiter()
		for strings.Contains(v, delim) {
			delim = delimiter()
		}
		fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", name, delim, v, delim)
	}
	return appendFile(file, b.String())
}

func delimiter() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "ghadelimiter_" + hex.EncodeToString(b)
}

// appendFile appends to a file the runner created ($GITHUB_OUTPUT,
// $GITHUB_STEP_SUMMARY); other steps append to the same files.
func appendFile(name, s string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
