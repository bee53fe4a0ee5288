package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/action"
)

func newActionCommand() *cobra.Command {
	in := action.InputsFromEnv(os.Getenv)
	var labels string
	cmd := &cobra.Command{
		Use:   "action [flags]",
		Short: "Answer a GitHub event as the kunerva GitHub Action: a /policy comment in, a pull request and a reply out",
		Long: `Answer the GitHub event the runner hands over ($GITHUB_EVENT_NAME, $GITHUB_EVENT_PATH): a comment
with a request on an issue or a pull request becomes a validated policy on a branch, a pull request
and a reply. Inputs come from $INPUT_* variables or the flags; the token only from $INPUT_TOKEN or
$GITHUB_TOKEN, so that it never shows in a process list. Requests that come to nothing (ignored,
refused, not understood, invalid) exit 0: the reply and the result output say what happened.`,
		Example: `  GITHUB_TOKEN=... kunerva action --event-name issue_comment --event-path event.json \
    --repository octo-org/shop --server-url https://ghe.example --api-url https://ghe.example/api/v3 --workspace .`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("labels") {
				in.Labels = action.SplitLabels(labels)
			}
			if err := in.Check(); err != nil {
				return usageError{err}
			}
			_, err := action.Run(cmd.Context(), in, action.Options{Log: cmd.OutOrStdout()})
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&in.EventName, "event-name", in.EventName, "the event (default $GITHUB_EVENT_NAME)")
	fl.StringVar(&in.EventPath, "event-path", in.EventPath, "the event's webhook payload (default $GITHUB_EVENT_PATH)")
	fl.StringVar(&in.Repository, "repository", in.Repository, "owner/name (default $GITHUB_REPOSITORY)")
	fl.StringVar(&in.Workspace, "workspace", in.Workspace, "the repository's checkout (default $GITHUB_WORKSPACE)")
	fl.StringVar(&in.APIURL, "api-url", in.APIURL, "the REST API's base URL (default $GITHUB_API_URL)")
	fl.StringVar(&in.ServerURL, "server-url", in.ServerURL, "the GitHub server, for git (default $GITHUB_SERVER_URL)")
	fl.StringVar(&in.Trigger, "trigger", in.Trigger, "the word that starts a request ($INPUT_TRIGGER)")
	fl.StringVar(&in.Permission, "permission", in.Permission, "the least permission a requester needs: read, triage, write, maintain or admin ($INPUT_PERMISSION)")
	fl.StringVar(&in.ConfigPath, "config", in.ConfigPath, "the repository's settings, read from the default branch ($INPUT_CONFIG)")
	fl.StringVar(&in.TreeRoot, "tree-root", in.TreeRoot, "the kustomize tree's root in the repository, over the settings' treeRoot ($INPUT_TREE_ROOT)")
	fl.StringVar(&in.Cluster, "cluster", in.Cluster, "where the dry-run runs without --kubeconfig: local, kind or none ($INPUT_CLUSTER)")
	fl.StringVar(&in.Kubeconfig, "kubeconfig", in.Kubeconfig, "dry-run against this cluster ($INPUT_KUBECONFIG)")
	fl.StringVar(&labels, "labels", "", "comma-separated labels for the pull request ($INPUT_LABELS)")
	fl.StringVar(&in.BotLogin, "bot-login", in.BotLogin, "the login an installation token comments as, e.g. my-app[bot] ($INPUT_BOT_LOGIN)")
	fl.StringVar(&in.Engine, "engine", in.Engine, "builtin, llm or auto, over the settings' engine ($INPUT_ENGINE)")
	fl.StringVar(&in.LLMBaseURL, "llm-base-url", in.LLMBaseURL, "the OpenAI-compatible API, over the settings' llm.baseURL ($INPUT_LLM_BASE_URL)")
	fl.StringVar(&in.LLMModel, "llm-model", in.LLMModel, "the model, over the settings' llm.model ($INPUT_LLM_MODEL)")
	fl.StringVar(&in.LLMAPIKeyEnv, "llm-api-key-env", in.LLMAPIKeyEnv, "the variable holding the model's API key (default: the settings' llm.apiKeyEnv, else OPENAI_API_KEY) ($INPUT_LLM_API_KEY_ENV)")
	return cmd
}
