package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/controlplane"
)

func newControlPlaneCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "controlplane",
		Short: "Manage the local control plane (kube-apiserver and etcd) that validation dry-runs against",
		// Runnable only so that an unknown subcommand is a usage error
		// rather than the help and success.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newControlPlaneInstallCommand())
	return cmd
}

func newControlPlaneInstallCommand() *cobra.Command {
	var opts controlplane.InstallOptions
	var method string
	cmd := &cobra.Command{
		Use:   "install",
		Short: "Download, or build from Go modules, the kube-apiserver and etcd binaries",
		Long: `Install puts kube-apiserver and etcd, at the versions kunerva is tested
with, into a directory where validation finds them. By default it downloads
the official release binaries and verifies their published SHA-256
checksums; when the release hosts cannot be reached it builds them from Go
modules instead (this needs the Go toolchain and takes several minutes the
first time). Binaries already installed at the right version are kept.

Progress goes to stderr; the installed paths go to stdout.`,
		Example: `  kunerva controlplane install
  kunerva controlplane install --method build --dir ./bin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch m := controlplane.Method(method); m {
			case controlplane.MethodAuto, controlplane.MethodDownload, controlplane.MethodBuild:
				opts.Method = m
			default:
				return usageError{fmt.Errorf("unknown --method %q: use auto, download or build", method)}
			}
			opts.Progress = cmd.ErrOrStderr()
			bins, err := controlplane.Install(cmd.Context(), opts)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n%s\n", bins.APIServer, bins.Etcd)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Dir, "dir", "", "directory to install into (default ~/.cache/kunerva/bin)")
	fl.StringVar(&method, "method", string(controlplane.MethodAuto), "auto (download, or build when the release hosts cannot be reached), download or build")
	// For tests and mirrors: where the release files are served.
	fl.StringVar(&opts.KubernetesReleaseURL, "kubernetes-release-url", controlplane.KubernetesReleaseURL, "base URL of the Kubernetes release binaries")
	fl.StringVar(&opts.EtcdReleaseURL, "etcd-release-url", controlplane.EtcdReleaseURL, "base URL of the etcd release archives")
	_ = fl.MarkHidden("kubernetes-release-url")
	_ = fl.MarkHidden("etcd-release-url")
	return cmd
}
