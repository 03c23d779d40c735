module github.com/digest-newsletter/digest

go 1.26
