module example.com/outsidestore

go 1.26.0

require github.com/puntodiascolto/ascolto v0.0.0

require github.com/google/uuid v1.6.0 // indirect

replace github.com/puntodiascolto/ascolto => ../..
