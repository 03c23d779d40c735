module github.com/digest-newsletter/digest

go 1.26

require github.com/blevesearch/go-porterstemmer v1.0.3 // indirect
