package openapi

import "strings"

// FileName is the file kubeconform looks up for a kind with the location
// template `{{ .ResourceKind }}{{ .KindSuffix }}.json`: the kind, the
// group's first label and the version, lower-case and joined by dashes; the
// core group has no label ("service-v1.json", "deployment-apps-v1.json",
// "ciliumnetworkpolicy-cilium-v2.json").
func FileName(apiVersion, kind string) string {
	name := strings.ToLower(kind)
	group, version, ok := strings.Cut(apiVersion, "/")
	if !ok {
		return name + "-" + strings.ToLower(apiVersion) + ".json"
	}
	label, _, _ := strings.Cut(group, ".")
	return name + "-" + strings.ToLower(label) + "-" + strings.ToLower(version) + ".json"
}

// Template is the kubeconform schema-location template, under a directory,
// that finds the files named by FileName.
const Template = "{{ .ResourceKind }}{{ .KindSuffix }}.json"
