package connectivity

// Report is what a change of policies changes in a tree: the flows whose
// verdict changes, and what KubeArmor does differently in each workload.
type Report struct {
	Changes []Change       `json:"changes"`
	System  []SystemChange `json:"system"`
	// Replaced lists the tree's policies the change replaces, as
	// Kind/namespace/name.
	Replaced []string `json:"replaced,omitempty"`
	// Workloads lists every workload of the tree (namespace/name, sorted),
	// so that reports can group changes ("every workload in shop except
	// checkout").
	Workloads []string `json:"-"`
}

// RemovesProtection reports whether any change takes a protection away.
func (r Report) RemovesProtection() bool {
	for _, c := range r.Changes {
		if c.Removes() {
			return true
		}
	}
	for _, c := range r.System {
		if c.Before == "blocked" && c.After != "blocked" {
			return true
		}
	}
	return false
}

// Change is one flow whose verdict changes.
type Change struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Port     *int32   `json:"port"` // nil: every port the destination does not list
	Protocol string   `json:"protocol"`
	Before   Verdict  `json:"before"`
	After    Verdict  `json:"after"`
	BeforeL7 []string `json:"beforeL7,omitempty"`
	AfterL7  []string `json:"afterL7,omitempty"`
	// Because lists the policies that decide the flow after the change, or
	// before it when none does after (a removed or replaced policy).
	Because []string `json:"because"`
	Reason  string   `json:"reason,omitempty"` // why a verdict is unknown
}

// Removes reports whether the change takes a protection away: a flow that
// was denied, or restricted to some requests, is allowed more after it.
func (c Change) Removes() bool {
	if c.Before == Denied && c.After == Allowed {
		return true
	}
	return c.Before == Allowed && c.After == Allowed && len(c.BeforeL7) > 0 && len(c.AfterL7) == 0
}

// SystemChange is one thing KubeArmor does differently in a workload.
type SystemChange struct {
	Workload string   `json:"workload"` // namespace/name, or node for host policies
	What     string   `json:"what"`     // "process /usr/bin/apt", "file /etc/shadow (write)"
	Before   string   `json:"before"`   // allowed, audited or blocked
	After    string   `json:"after"`
	Because  []string `json:"because"`
}
