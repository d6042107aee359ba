package archive

import (
	"time"

	"dateline/internal/content"
)

// Year is the articles of one year, in the site's time zone, and its months.
type Year struct {
	Year     int
	Articles []int32 // newest first
	Months   []*Month
}

// Month is the articles of one month.
type Month struct {
	Year     int
	Month    time.Month
	Articles []int32 // newest first
}

// byDate groups articles, already newest first, by year and month.
func byDate(articles []*content.Article) []*Year {
	var years []*Year
	for i, a := range articles {
		y, m := a.Date.Year(), a.Date.Month()
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, &Year{Year: y})
		}
		year := years[len(years)-1]
		year.Articles = append(year.Articles, int32(i))
		if n := len(year.Months); n == 0 || year.Months[n-1].Month != m {
			year.Months = append(year.Months, &Month{Year: y, Month: m})
		}
		month := year.Months[len(year.Months)-1]
		month.Articles = append(month.Articles, int32(i))
	}
	return years
}
