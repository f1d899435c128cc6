module sitrep/tools/basemap

go 1.26

require golang.org/x/image v0.41.0

require golang.org/x/text v0.37.0 // indirect
