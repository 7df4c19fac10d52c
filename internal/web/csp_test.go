package web_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/orgnews/orgnews/internal/web"
)

func TestAlignStyleSources(t *testing.T) {
	// The hashes of "text-align: left", "… right", "… center" and
	// "… justify", as a browser computes them from the attribute's value
	// (printf 'text-align: left' | openssl dgst -sha256 -binary | base64).
	assert.Equal(t, "'unsafe-hashes' 'sha256-6l+tpow5lGPV0MHWZlDv8nD7HrL77FGFldqQ7zc5gxY=' "+
		"'sha256-i0JPB0qmRu5AViJTxOIzqXnfGoiWFw+oNAm4uJd7ZQk=' 'sha256-Y9v1MZrln1N8aPBY5lmpxYKwFkcp/nyBMMEnn7WFjuw=' "+
		"'sha256-OYqGOQCX6Gi3nDyz8GKw3p5VbYdq44yqXgoDgvVJdPU='", web.AlignStyleSources())
}
