package output

import (
	"encoding/json"
	"io"
	"path/filepath"
	"slices"

	"github.com/kunerva/kunerva/validate"
)

// SARIF 2.1.0, only the parts kunerva fills in.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifMessage    `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties sarifProperties `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifProperties struct {
	Stage  validate.Stage `json:"stage"`
	Object string         `json:"object,omitempty"`
	Field  string         `json:"field,omitempty"`
}

// writeSARIF prints the findings as a SARIF 2.1.0 log with one run of the
// tool kunerva, one rule per check that has findings (sorted by name) and
// one result per finding.
func writeSARIF(w io.Writer, findings []validate.Finding) error {
	var ids []string
	for _, f := range findings {
		if !slices.Contains(ids, f.Check) {
			ids = append(ids, f.Check)
		}
	}
	slices.Sort(ids)
	driver := sarifDriver{Name: "kunerva", InformationURI: "https://github.com/kunerva/kunerva", Rules: []sarifRule{}}
	for _, id := range ids {
		text, ok := validate.CheckDescriptions[id]
		if !ok {
			text = "kunerva's " + id + " check."
		}
		driver.Rules = append(driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{Text: text}})
	}
	results := []sarifResult{}
	for _, f := range findings {
		loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: filepath.ToSlash(f.File)}}
		if f.Line > 0 {
			loc.Region = &sarifRegion{StartLine: f.Line}
		}
		results = append(results, sarifResult{
			RuleID:     f.Check,
			RuleIndex:  slices.Index(ids, f.Check),
			Level:      string(f.Severity),
			Message:    sarifMessage{Text: findingText(f)},
			Locations:  []sarifLocation{{PhysicalLocation: loc}},
			Properties: sarifProperties{Stage: f.Stage, Object: f.Object, Field: f.Field},
		})
	}
	log := sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
