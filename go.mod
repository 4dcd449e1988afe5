module github.com/puntodiascolto/ascolto

go 1.25

require (
	github.com/emersion/go-ical v0.0.0-20250329121855-f41e73efc392
	github.com/google/uuid v1.6.0
	github.com/rickar/cal/v2 v2.1.13
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/teambition/rrule-go v1.8.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
