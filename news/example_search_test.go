package news_test

import (
	"fmt"
	"strings"

	"github.com/orgnews/orgnews/news"
)

func ExampleSearchWords() {
	// Repeated words, in any case, reach the store once.
	words, err := news.SearchWords(`"Hội nghị" hội nghị tổng kết HỘI NGHỊ`)
	fmt.Println(words, err)

	// 100 × t is one word.
	words, err = news.SearchWords(strings.Repeat("t ", 100))
	fmt.Println(words, err)

	// A text without letters or digits matches nothing.
	fmt.Println(news.Query{Text: "😀"}.MatchesNothing(), news.Query{Text: `"*"`}.MatchesNothing())
	// Output:
	// [Hội nghị tổng kết] <nil>
	// [t] <nil>
	// true true
}

func ExampleMatchWord() {
	fmt.Println(news.MatchWord("buoi", "bưởi"), news.MatchWord("buoi", "buổi")) // no marks: both
	fmt.Println(news.MatchWord("bưởi", "bưởi"), news.MatchWord("bưởi", "buổi")) // marks: those marks
	fmt.Println(news.MatchWord("hoà", "hòa"), news.MatchWord("thuỷ", "THỦY"))   // old and new tone placement, any case
	fmt.Println(news.MatchWord("dai", "Đại"), news.MatchWord("đai", "dai"))     // đ is a letter when typed
	// Output:
	// true true
	// true false
	// true true
	// true false
}

func ExampleParseSearch() {
	s, err := news.ParseSearch(`"đại hội" Công đoàn công đoàn -"hội đồng" covid-19`)
	fmt.Printf("%q %q %q %v\n", s.Words, s.Phrases, s.Excluded, err)
	fmt.Println(s)
	// Output:
	// ["Công" "đoàn"] ["đại hội" "covid 19"] ["hội đồng"] <nil>
	// Công đoàn "đại hội" "covid 19" -"hội đồng"
}

func ExampleSearchKeys() {
	// A marked word's key tags its marks; the tone's place does not count.
	fmt.Println(news.SearchKeys("Đại hội, hoà hòa, dai"))
	// Output:
	// [dai_0dtj hoi_2ctj hoa_tf hoa_tf dai_]
}

func ExampleKeyMatches() {
	marked, plain := news.SearchKeys("bưởi")[0], news.SearchKeys("buoi")[0]
	fmt.Println(news.KeyMatches(plain, marked), news.KeyMatches(marked, plain)) // as MatchWord("buoi", "bưởi") and MatchWord("bưởi", "buoi")
	// Output:
	// true false
}

func ExampleSearch_Keys() {
	s, err := news.ParseSearch(`Đại hội "khoa học" -bưởi`)
	if err != nil {
		fmt.Println(err)
		return
	}
	words, phrases, excluded := s.Keys()
	fmt.Println(words, phrases, excluded)
	// Output: [dai_0dtj hoi_2ctj] [[khoa_ hoc_tj]] [[buoi_2h3htr]]
}
