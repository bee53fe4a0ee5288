// Command schemagen writes the JSON schemas of the built-in kinds kunerva
// validates offline (validate/schemas/) from a real kube-apiserver's
// /openapi/v3, converted with the rules of internal/openapi. Run it with
// `go generate ./validate/`.
package main

// It starts the local control plane, fetches the documents of the core,
// apps, batch and networking.k8s.io groups, resolves each kind into a
// standalone schema and converts it.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/client-go/discovery"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/openapi"
)

// kind is one built-in kind and the /openapi/v3 path of its group version.
type kind struct {
	path, group, version, kind string
}

// kinds are the built-in kinds: the policies' NetworkPolicy and the
// objects of a tree that policies select or refer to.
var kinds = []kind{
	{"api/v1", "", "v1", "Namespace"},
	{"api/v1", "", "v1", "Service"},
	{"api/v1", "", "v1", "Pod"},
	{"api/v1", "", "v1", "ConfigMap"},
	{"api/v1", "", "v1", "Secret"},
	{"api/v1", "", "v1", "ServiceAccount"},
	{"apis/apps/v1", "apps", "v1", "Deployment"},
	{"apis/apps/v1", "apps", "v1", "StatefulSet"},
	{"apis/apps/v1", "apps", "v1", "DaemonSet"},
	{"apis/apps/v1", "apps", "v1", "ReplicaSet"},
	{"apis/batch/v1", "batch", "v1", "Job"},
	{"apis/batch/v1", "batch", "v1", "CronJob"},
	{"apis/networking.k8s.io/v1", "networking.k8s.io", "v1", "NetworkPolicy"},
}

func (k kind) apiVersion() string {
	if k.group == "" {
		return k.version
	}
	return k.group + "/" + k.version
}

func main() {
	out := flag.String("out", "schemas", "directory to write the schemas into")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out string) (err error) {
	docs, err := fetch(ctx, kinds)
	if err != nil {
		return err
	}
	files, err := generate(docs, kinds)
	if err != nil {
		return err
	}
	return write(out, files)
}

// fetch starts the local control plane and reads the /openapi/v3 documents
// of the kinds' group versions.
func fetch(ctx context.Context, ks []kind) (docs map[string][]byte, err error) {
	bins, err := controlplane.FindBinaries()
	if err != nil {
		return nil, err
	}
	cp, err := controlplane.Start(ctx, bins)
	if err != nil {
		return nil, fmt.Errorf("start the control plane: %w", err)
	}
	defer func() {
		if serr := cp.Stop(); serr != nil && err == nil {
			err = fmt.Errorf("stop the control plane: %w", serr)
		}
	}()
	dc, err := discovery.NewDiscoveryClientForConfig(cp.Config)
	if err != nil {
		return nil, fmt.Errorf("connect to the API server: %w", err)
	}
	paths, err := dc.OpenAPIV3().Paths()
	if err != nil {
		return nil, fmt.Errorf("list /openapi/v3: %w", err)
	}
	docs = map[string][]byte{}
	for _, k := range ks {
		if _, ok := docs[k.path]; ok {
			continue
		}
		gv, ok := paths[k.path]
		if !ok {
			return nil, fmt.Errorf("the API server has no /openapi/v3/%s", k.path)
		}
		b, err := gv.Schema("application/json")
		if err != nil {
			return nil, fmt.Errorf("read /openapi/v3/%s: %w", k.path, err)
		}
		docs[k.path] = b
	}
	return docs, nil
}

// generate turns the /openapi/v3 documents, by path, into the schema files
// of the kinds, by file name: indented JSON with sorted keys.
func generate(docs map[string][]byte, ks []kind) (map[string][]byte, error) {
	parsed := map[string]map[string]any{}
	for p, b := range docs {
		var doc struct {
			Components struct {
				Schemas map[string]any `json:"schemas"`
			} `json:"components"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("decode /openapi/v3/%s: %w", p, err)
		}
		parsed[p] = doc.Components.Schemas
	}
	files := map[string][]byte{}
	var errs []error
	for _, k := range ks {
		components, ok := parsed[k.path]
		if !ok {
			errs = append(errs, fmt.Errorf("no /openapi/v3/%s document for %s", k.path, k.kind))
			continue
		}
		name, err := schemaName(components, k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s, err := openapi.Resolve(components, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k.kind, err))
			continue
		}
		js := openapi.Convert(s, openapi.Options{NullableFields: true})
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(js); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k.kind, err))
			continue
		}
		files[openapi.FileName(k.apiVersion(), k.kind)] = buf.Bytes()
	}
	return files, errors.Join(errs...)
}

// schemaName finds the component that x-kubernetes-group-version-kind marks
// as the kind.
func schemaName(components map[string]any, k kind) (string, error) {
	var names []string
	for name, s := range components {
		m, _ := s.(map[string]any)
		gvks, _ := m["x-kubernetes-group-version-kind"].([]any)
		for _, g := range gvks {
			gvk, _ := g.(map[string]any)
			if gvk["group"] == k.group && gvk["version"] == k.version && gvk["kind"] == k.kind {
				names = append(names, name)
			}
		}
	}
	if len(names) != 1 {
		return "", fmt.Errorf("want one schema for %s %s in /openapi/v3/%s, found %d", k.kind, k.apiVersion(), k.path, len(names))
	}
	return names[0], nil
}

// write replaces the schema files in dir: it writes every file and removes
// the JSON files that are no longer generated.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	for _, p := range old {
		if _, keep := files[filepath.Base(p)]; !keep {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("schemagen: wrote %d schemas to %s: %s\n", len(names), dir, strings.Join(names, ", "))
	return nil
}
