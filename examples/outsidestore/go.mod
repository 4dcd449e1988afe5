module example.com/outsidestore

go 1.25

require github.com/puntodiascolto/ascolto v0.0.0

replace github.com/puntodiascolto/ascolto => ../..
