package validate

import (
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
)

// kubeArmorSections are the rule sections of a KubeArmor policy, the lists
// of rules in each, and what the section controls (for the allow-list
// message).
var kubeArmorSections = []struct {
	name, what string
	lists      []string
}{
	{"process", "process", []string{"matchPaths", "matchDirectories", "matchPatterns"}},
	{"file", "file", []string{"matchPaths", "matchDirectories", "matchPatterns"}},
	{"network", "network", []string{"matchProtocols"}},
	{"capabilities", "capability", []string{"matchCapabilities"}},
}

// checkKubeArmor reports KubeArmor paths the agent cannot match (paths must
// be absolute, directories end with "/", an execname is a bare name) and
// warns once per section when a rule's action is Allow: KubeArmor then
// treats the listed accesses as the only ones allowed. The action is
// inherited from the section and from spec.action when a rule has none.
func (c *checker) checkKubeArmor(p *checkedPolicy) {
	if p.family != policy.FamilyKubeArmor {
		return
	}
	spec := p.specs[0].body
	specAction := yamlString(spec["action"])
	target := "container"
	if p.kind == "KubeArmorHostPolicy" {
		target = "node"
	}
	for _, sec := range kubeArmorSections {
		body := yamlMap(spec[sec.name])
		field := "spec." + sec.name
		sectionAction := yamlString(body["action"])
		allowAt := ""
		for _, list := range sec.lists {
			for i, item := range yamlList(body[list]) {
				f := fieldAt(field+"."+list, i)
				rule := yamlMap(item)
				c.checkKubeArmorRule(f, list, rule)
				if action, at := ruleAction(rule, f, field, sectionAction, specAction); allowAt == "" && strings.EqualFold(action, "Allow") {
					allowAt = at
				}
			}
		}
		if allowAt != "" {
			c.warnf(checkAllowList, allowAt, "Allow turns the %s into an allow-list: every other %s access is then blocked by the default posture; list every %s access it needs, or use Block or Audit for the ones to stop",
				target, sec.what, sec.what)
		}
	}
}

// ruleAction is a rule's action and the field it is written in: the
// rule's own, else its section's, else spec.action.
func ruleAction(rule map[string]any, ruleField, sectionField, section, spec string) (action, at string) {
	if a := yamlString(rule["action"]); a != "" {
		return a, ruleField + ".action"
	}
	if section != "" {
		return section, sectionField + ".action"
	}
	return spec, "spec.action"
}

func (c *checker) checkKubeArmorRule(field, list string, rule map[string]any) {
	switch list {
	case "matchPaths":
		if path, ok := rule["path"]; ok {
			c.checkKubeArmorFile(field+".path", yamlString(path))
		}
		if name := yamlString(rule["execname"]); strings.Contains(name, "/") {
			c.errorf(checkKubeArmorPath, field+".execname", "execname %q contains \"/\": execname is a bare process name; write path: %q for a full path, or execname: %q",
				name, name, name[strings.LastIndex(name, "/")+1:])
		}
	case "matchDirectories":
		c.checkKubeArmorDir(field+".dir", yamlString(rule["dir"]))
	}
	for i, src := range yamlList(rule["fromSource"]) {
		if path, ok := yamlMap(src)["path"]; ok {
			c.checkKubeArmorFile(fieldAt(field+".fromSource", i)+".path", yamlString(path))
		}
	}
}

// checkKubeArmorFile checks a path naming one file or executable.
func (c *checker) checkKubeArmorFile(field, path string) {
	switch {
	case !strings.HasPrefix(path, "/"):
		c.errorf(checkKubeArmorPath, field, "path %q is not absolute: KubeArmor matches absolute paths only; write %q", path, absolute(path))
	case strings.HasSuffix(path, "/"):
		c.errorf(checkKubeArmorPath, field, "path %q ends with \"/\", so it names a directory: move it to matchDirectories as dir: %q", path, path)
	}
}

// checkKubeArmorDir checks a matchDirectories dir.
func (c *checker) checkKubeArmorDir(field, dir string) {
	switch {
	case !strings.HasPrefix(dir, "/"):
		want := absolute(dir)
		if !strings.HasSuffix(want, "/") {
			want += "/"
		}
		c.errorf(checkKubeArmorPath, field, "dir %q is not absolute: KubeArmor matches absolute paths only; write %q", dir, want)
	case !strings.HasSuffix(dir, "/"):
		c.errorf(checkKubeArmorPath, field, "dir %q does not end with \"/\": KubeArmor only reads it as a directory with the slash; write %q, or use matchPaths for a single file", dir, dir+"/")
	}
}

// absolute suggests the absolute path a relative one probably means.
func absolute(path string) string {
	return "/" + strings.TrimLeft(strings.TrimPrefix(path, "."), "/")
}
