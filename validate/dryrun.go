package validate

import (
	"context"
	"errors"
	"fmt"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
)

// FieldManager is the name kunerva's server-side applies carry.
const FieldManager = "kunerva"

// dryRun applies every document with server-side apply and dryRun=All, so the
// API server runs its full validation, defaulting, CRD structural schema and
// admission without persisting anything. Rejections become findings; an API
// server that cannot be reached is an error.
func dryRun(ctx context.Context, cfg *rest.Config, docs []Document) ([]Finding, error) {
	return apply(ctx, cfg, docs, true)
}

// apply server-side applies the documents, as a dry-run or for real.
func apply(ctx context.Context, cfg *rest.Config, docs []Document, dry bool) ([]Finding, error) {
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the API server: %w", err)
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the API server: %w", err)
	}
	var findings []Finding
	for _, d := range docs {
		fs, err := applyOne(ctx, dyn, mapper, d, dry)
		if err != nil {
			return findings, fmt.Errorf("%s: %s: %w", d.File, d.Ref(), err)
		}
		findings = append(findings, fs...)
	}
	return findings, nil
}

func applyOne(ctx context.Context, dyn dynamic.Interface, mapper meta.RESTMapper, d Document, dry bool) ([]Finding, error) {
	finding := func(field, msg string) Finding {
		return Finding{File: d.File, Line: d.Line, Object: d.Ref(), Field: field, Stage: StageDryRun, Check: "dryrun", Severity: SeverityError, Message: msg}
	}
	gv, err := schema.ParseGroupVersion(d.APIVersion())
	if err != nil {
		return []Finding{finding("apiVersion", err.Error())}, nil
	}
	gvk := gv.WithKind(d.Kind())
	mapping, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	if meta.IsNoMatchError(err) {
		return []Finding{finding("kind", fmt.Sprintf("the API server does not serve %s %s: is its CRD installed?", d.Kind(), d.APIVersion()))}, nil
	}
	if err != nil {
		return nil, err
	}
	obj := &unstructured.Unstructured{Object: d.Object}
	var res dynamic.ResourceInterface = dyn.Resource(mapping.Resource)
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		ns := d.Namespace()
		if ns == "" {
			ns = metav1.NamespaceDefault
		}
		res = dyn.Resource(mapping.Resource).Namespace(ns)
	}
	opts := metav1.ApplyOptions{FieldManager: FieldManager, Force: true}
	if dry {
		opts.DryRun = []string{metav1.DryRunAll}
	}
	_, err = res.Apply(ctx, d.Name(), obj, opts)
	if err == nil {
		return nil, nil
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) || status.Status().Code >= 500 {
		return nil, err
	}
	return statusFindings(status.Status(), finding), nil
}

// statusFindings turns an API server rejection into findings, one per cause,
// with the server's field path and message.
func statusFindings(st metav1.Status, finding func(field, msg string) Finding) []Finding {
	var out []Finding
	if st.Details != nil {
		for _, c := range st.Details.Causes {
			out = append(out, finding(c.Field, causeMessage(c)))
		}
	}
	if len(out) == 0 {
		msg := st.Message
		if apierrors.IsNotFound(&apierrors.StatusError{ErrStatus: st}) && st.Details != nil && st.Details.Kind == "namespaces" {
			msg = fmt.Sprintf("namespace %q does not exist in the cluster", st.Details.Name)
		}
		out = append(out, finding("", msg))
	}
	return out
}

func causeMessage(c metav1.StatusCause) string {
	msg := c.Message
	// The server repeats the field in the message; the finding has it already.
	msg = strings.TrimPrefix(msg, c.Field+": ")
	if c.Type != "" && !strings.HasPrefix(msg, string(c.Type)) {
		msg = string(c.Type) + ": " + msg
	}
	return msg
}
