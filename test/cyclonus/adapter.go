package cyclonus

import "github.com/mattfenwick/cyclonus/pkg/matcher"

var _ = matcher.BuildNetworkPolicies
