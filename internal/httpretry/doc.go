// Package httpretry is the http.RoundTripper kunerva puts under the clients
// of services it does not run (GitHub's REST API, an LLM server): server
// errors, rate limits and dropped connections are retried with exponential
// backoff, and a Retry-After the service sends is honoured. It knows nothing
// of the services; their peculiarities come in as a Classify function.
package httpretry
