package news_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/orgnews/orgnews/news"
)

func ExampleRelatedConfig() {
	// Only the category weighs more and closeness in time is off; every
	// other field keeps DefaultRelatedConfig's value. OlderOnly keeps the
	// list to articles published before the one looked up.
	cfg := news.RelatedConfig{CategoryWeight: 4, Disable: news.RelatedRecency, OlderOnly: true}
	fmt.Println(cfg.Validate())

	// A negative weight and a half-life under a microsecond are refused,
	// naming the fields; Public.Related fails with the same error.
	err := news.RelatedConfig{TagWeight: -1, RecencyHalfLife: time.Nanosecond}.Validate()
	fmt.Println(errors.Is(err, news.ErrInvalid), err)
	// Output:
	// <nil>
	// true TagWeight: negative (-1); RecencyHalfLife: under 1µs (1ns)
}
