// Package ciliumoracle runs the statements of the Cilium documentation that
// internal/connectivity checks through Cilium's own policy engine, to tell a
// wrong statement from a wrong model. Its own module keeps Cilium's agent
// code out of kunerva's build.
package ciliumoracle
