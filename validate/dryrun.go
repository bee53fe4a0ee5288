package validate

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

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

// fieldManager is the name kunerva's server-side applies carry.
const fieldManager = "kunerva"

// dryRun applies every document with server-side apply and dryRun=All, so the
// API server runs its full validation, defaulting, CRD structural schema and
// admission without persisting anything. Rejections become findings; an API
// server that cannot be reached is an error.
func dryRun(ctx context.Context, cfg *rest.Config, docs []Document) ([]Finding, error) {
	return apply(ctx, cfg, docs, true)
}

// apply server-side applies the documents, as a dry-run or for real.
func apply(ctx context.Context, cfg *rest.Config, docs []Document, dry bool) ([]Finding, error) {
	warnings := &warningCollector{}
	cfg = rest.CopyConfig(cfg)
	cfg.WarningHandler = warnings
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
		warnings.take()
		fs, err := applyOne(ctx, dyn, mapper, d, dry)
		if err != nil {
			return findings, fmt.Errorf("%s: %s: %w", d.File, d.Ref(), err)
		}
		findings = append(findings, fs...)
		for _, w := range warnings.take() {
			findings = append(findings, Finding{File: d.File, Line: d.Line, Object: d.Ref(), Stage: StageDryRun, Check: "dryrun", Severity: SeverityWarning, Message: "the API server warns: " + w})
		}
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
	opts := metav1.ApplyOptions{FieldManager: fieldManager, Force: true}
	if dry {
		opts.DryRun = []string{metav1.DryRunAll}
	}
	_, err = res.Apply(ctx, d.Name(), obj, opts)
	if err == nil {
		return nil, nil
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		return nil, err
	}
	st := status.Status()
	if st.Code >= 500 {
		// Server-side apply reports a patch that does not fit the schema as an
		// internal error without causes; it is the policy's fault all the same.
		if fs := typedPatchFindings(st.Message, finding); fs != nil {
			return fs, nil
		}
		return nil, err
	}
	return statusFindings(st, finding), nil
}

// typedPatchRE matches server-side apply's schema errors: "failed to create
// typed patch object (ns/name; gvk): .spec.prots: field not declared in schema",
// or "...: errors:" followed by one indented ".field: message" line per error.
var typedPatchRE = regexp.MustCompile(`(?s)^failed to (?:create typed patch object|convert new object) \([^)]*\)(?: to proper version)?: (.+)$`)

// fieldMessageRE splits ".spec.prots: field not declared in schema".
var fieldMessageRE = regexp.MustCompile(`^(\.[^:]+): (.+)$`)

func typedPatchFindings(msg string, finding func(field, msg string) Finding) []Finding {
	m := typedPatchRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	lines := []string{m[1]}
	if rest, ok := strings.CutPrefix(m[1], "errors:\n"); ok {
		lines = strings.Split(rest, "\n")
	}
	var out []Finding
	for _, line := range lines {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		field, text := "", line
		if fm := fieldMessageRE.FindStringSubmatch(line); fm != nil {
			field, text = strings.TrimPrefix(fm[1], "."), fm[2]
		}
		out = append(out, finding(field, readable(text)))
	}
	return out
}

// statusFindings turns an API server rejection into findings, one per cause,
// with the server's field path and message.
func statusFindings(st metav1.Status, finding func(field, msg string) Finding) []Finding {
	var out []Finding
	if st.Details != nil {
		for _, c := range st.Details.Causes {
			// The CRD validator adds this after real errors; it is not one.
			if strings.Contains(c.Message, "some validation rules were not checked because the object was invalid") {
				continue
			}
			field, msg := c.Field, causeMessage(c)
			if field == "<nil>" {
				// oneOf errors name their field in the message only.
				field = ""
				if m := oneOfRE.FindStringSubmatch(msg); m != nil {
					field, msg = m[1], m[2]
				}
			}
			out = append(out, finding(field, msg))
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

// oneOfRE matches the CRD validator's oneOf errors, which carry no field:
// Invalid value: "": "spec" must validate one and only one schema (oneOf). ...
var oneOfRE = regexp.MustCompile(`^Invalid value: "": "([^"]+)" (must validate .+)$`)

// causeMessage drops the field the server repeats in its message: the
// finding names it already.
func causeMessage(c metav1.StatusCause) string {
	return strings.TrimPrefix(c.Message, c.Field+": ")
}

// goValueRE matches the Go value dumps structured-merge-diff puts in its
// messages ("got &value.valueUnstructured{Value:map[string]interface {}{...}}").
var goValueRE = regexp.MustCompile(`&value\.value\w+\{Value:(map|\[\])?.*\}$`)

func readable(msg string) string {
	return goValueRE.ReplaceAllStringFunc(msg, func(v string) string {
		switch m := goValueRE.FindStringSubmatch(v); m[1] {
		case "map":
			return "an object"
		case "[]":
			return "a list"
		}
		return "another type"
	})
}

// warningCollector keeps the API server's warnings (deprecations, unknown
// fields it dropped) so they become findings instead of log lines.
type warningCollector struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warningCollector) HandleWarningHeader(_ int, _ string, msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, msg)
}

func (w *warningCollector) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	msgs := w.msgs
	w.msgs = nil
	return msgs
}
