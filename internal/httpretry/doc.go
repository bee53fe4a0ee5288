// Package httpretry is the http.RoundTripper kunerva puts under the clients
// of services it does not run (GitHub's REST API, an LLM server): server
// errors, rate limits and dropped connections are retried with exponential
// backoff, honouring Retry-After; a service's rules come in as a Classify.
package httpretry
