package shortcode

// testOptions are the Options the golden cases run with, by name.
func testOptions(name string) Options {
	resolve := func(target string) (string, bool) {
		switch target {
		case "posts/a.md", "2019-01-30-foo":
			return "/2019/01/30/a/", true
		}
		return "", false
	}
	switch name {
	case "resolve":
		return Options{Resolve: resolve}
	case "site":
		return Options{SiteURL: "https://example.com/"}
	case "custom":
		return Options{Resolve: resolve, Custom: map[string]string{
			"btn":       `[{{arg "label" 0}}]({{arg "url" 1}})`,
			"notice":    "> **Note:** {{.Inner}}",
			"youtube":   `<video {{index .Args 0}}>`,
			"team_link": `[{{index .Args 0}}](/team/{{index .Args 0}}/)`,
			"include":   `{{.Name}}: {{index .Args 0}} ({{.Named.title}})`,
		}}
	case "customhl":
		return Options{Custom: map[string]string{"highlight": "<{{index .Args 0}}>{{.Inner}}</>"}}
	case "customraw":
		return Options{Custom: map[string]string{"raw": "RAW"}}
	case "hugo":
		return Options{Syntax: Hugo}
	case "liquid":
		return Options{Syntax: Liquid}
	}
	return Options{}
}
