package output

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/validate"
)

// formatFindings cover what the formats must handle: errors and warnings,
// several stages and files, a finding without a line or field, and text
// GitHub commands must escape (%, newlines, and , : in a file name).
var formatFindings = []validate.Finding{
	{File: "policies/shop/deny-db.yaml", Line: 1, Object: "NetworkPolicy/shop/deny-db", Field: "spec.ingress[0].ports[0].port", Stage: validate.StageChecks, Check: "ports", Severity: validate.SeverityError,
		Message: `"http-x" is not a port exposed by any pod selected (app=db exposes postgres 5432); use one of those names or numbers`},
	{File: "policies/shop/deny-db.yaml", Line: 1, Object: "NetworkPolicy/shop/deny-db", Field: "spec.podSelector", Stage: validate.StageSchema, Check: "schema", Severity: validate.SeverityError,
		Message: "100% wrong:\nfirst line\r\nsecond line"},
	{File: "policies/web/a,b:c.yaml", Line: 7, Object: "KubeArmorPolicy/web/only-nginx", Field: "spec.process.matchPaths[0].action", Stage: validate.StageChecks, Check: "allow-list", Severity: validate.SeverityWarning,
		Message: "Allow turns the container into an allow-list: every other process access is then blocked by the default posture"},
	{File: "-", Object: "CiliumNetworkPolicy/shop/x", Stage: validate.StageDryRun, Check: "dryrun", Severity: validate.SeverityError, Message: "the API server refused the policy"},
}

func TestFormatGolden(t *testing.T) {
	for _, format := range Formats {
		for _, tt := range []struct {
			name     string
			findings []validate.Finding
		}{
			{"findings", formatFindings},
			{"none", nil},
		} {
			t.Run(format+"/"+tt.name, func(t *testing.T) {
				var b bytes.Buffer
				if err := Write(&b, format, tt.findings); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "format", tt.name+"."+format), b.Bytes())
			})
		}
	}
}

func TestFormatUnknown(t *testing.T) {
	err := Write(&bytes.Buffer{}, "yaml", formatFindings)
	if err == nil || !strings.Contains(err.Error(), `"yaml"`) || !strings.Contains(err.Error(), "text, json, sarif, github") {
		t.Errorf("Write(yaml) = %v, want an error naming the format and the valid ones", err)
	}
}

func TestFormatJSONRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "json", formatFindings); err != nil {
		t.Fatal(err)
	}
	var got []validate.Finding
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(formatFindings) {
		t.Fatalf("%d findings back, want %d", len(got), len(formatFindings))
	}
	for i := range got {
		if got[i] != formatFindings[i] {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], formatFindings[i])
		}
	}
}

func TestFormatSARIF(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "sarif", formatFindings); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		t.Fatalf("not JSON:\n%s", b.String())
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "kunerva" {
		t.Fatalf("version %q, %d runs; want 2.1.0, one run of kunerva", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 4 || len(run.Results) != len(formatFindings) {
		t.Fatalf("%d rules, %d results; want one rule per check (4), one result per finding", len(run.Tool.Driver.Rules), len(run.Results))
	}
	for i, r := range run.Results {
		f := formatFindings[i]
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.RuleID != f.Check || r.Level != string(f.Severity) {
			t.Errorf("result %d: rule %q (index %d), level %q; want %q, %q", i, r.RuleID, r.RuleIndex, r.Level, f.Check, f.Severity)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != f.File || (f.Line > 0) != (loc.Region != nil) || loc.Region != nil && loc.Region.StartLine != f.Line {
			t.Errorf("result %d: location %+v, want %s line %d", i, loc, f.File, f.Line)
		}
	}
}

func TestFormatGitHubEscaping(t *testing.T) {
	tests := []struct {
		name, in, data, property string
	}{
		{"plain", "spec.podSelector", "spec.podSelector", "spec.podSelector"},
		{"percent", "100%", "100%25", "100%25"},
		{"newlines", "a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"comma and colon", "a,b:c", "a,b:c", "a%2Cb%3Ac"},
		{"escapes are escaped", "%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeData(tt.in); got != tt.data {
				t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
			}
			if got := escapeProperty(tt.in); got != tt.property {
				t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
			}
		})
	}
}
