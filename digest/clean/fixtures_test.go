package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// transport is the theme the made-up fixtures are written for.
var transport = digest.Theme{
	Name:        "Urban public transport",
	Description: "Buses, trams, metro, ferries and cycling in cities: fares, routes, new lines, timetables and passenger services.",
	Keywords:    []string{"bus", "tram", "metro", "ferry", "transport", "passengers", "route"},
}

type want struct {
	title       string
	publication string
	published   string // YYYY-MM-DD or ""
	authors     []string
	paragraphs  []string
	removed     []digest.Removal
}

func TestArticleFixtures(t *testing.T) {
	tests := []struct {
		file string
		want want
	}{
		{"repeated_title.txt", want{
			title: "Harbour Authority Approves New Ferry Terminal",
			paragraphs: []string{
				"The harbour authority on Tuesday approved plans for a ferry terminal on the east quay, ending three years of debate over how the port should grow.",
				"The terminal will handle up to 12 sailings a day and is due to open in 2026, the authority said in a statement.",
				"Local businesses welcomed the decision, saying the ferries would bring visitors to the old town.",
			},
			removed: []digest.Removal{{Text: "Harbour Authority Approves New Ferry Terminal", Reason: ReasonRepeatedTitle}},
		}},
		{"publication_date.txt", want{
			title:       "City Council Backs Tram Extension",
			publication: "The Coastal Courier",
			published:   "2024-03-14",
			authors:     []string{"Maria Lopez", "Tom Becker"},
			paragraphs: []string{
				"The city council voted 31 to 9 on Wednesday to extend the tram line to the northern suburbs, a project expected to cost 240 million euros.",
				"Construction is planned to start next spring, and the first trams could run on the new track by late 2027.",
				"Opponents argued that buses would serve the suburbs at a fraction of the cost.",
			},
		}},
		{"date_first.txt", want{
			title:       "Bridge Repairs Finish Ahead of Schedule",
			publication: "The River Gazette",
			published:   "2022-12-06",
			paragraphs: []string{
				"Repairs to the old stone bridge finished two weeks early, the roads department said on Friday.",
				"The bridge reopens to cyclists and pedestrians on Saturday morning, and to cars a week later.",
			},
		}},
		{"labelled.txt", want{
			title:       "Night Buses Return to the Old Town",
			publication: "Metro Weekly",
			published:   "2023-05-01",
			authors:     []string{"Jane Doe"},
			paragraphs: []string{
				"Night buses will run through the old town again from June, the transport office said on Monday.",
				"The service was cut during roadworks two years ago and residents have campaigned for its return since.",
			},
		}},
		{"role_byline.txt", want{
			title: "Library Extends Weekend Opening Hours",
			paragraphs: []string{
				"The central library will open on Sundays from next month, the culture office announced on Thursday.",
				"Visitors asked for longer weekend hours in a survey last year, the office said.",
			},
			removed: []digest.Removal{{Text: "By Editorial Team", Reason: ReasonNamelessByline}},
		}},
		{"bios.txt", want{
			title:   "Why Cities Are Rethinking Parking",
			authors: []string{"Jane Doe", "Omar Haddad"},
			paragraphs: []string{
				"Cities across the region are turning car parks into housing, parks and bus lanes, as fewer residents own cars and land grows scarce.",
				"Ravi Patel is a bus driver in the northern district who has watched the change from behind the wheel; he says journeys have become faster since the lanes opened.",
				"The shift has not been painless. Shop owners in several towns have warned that customers who drive will go elsewhere, and some councils have slowed their plans.",
				"Still, the trend seems set to continue as budgets tighten and housing needs grow.",
			},
			removed: []digest.Removal{
				{Text: "Jane Doe is an assistant professor of urban planning at the University of Eastbridge.", Reason: ReasonBio},
				{Text: "Omar Haddad is a senior research fellow at the Institute for Transport Studies and a visiting scholar at Northfield College.", Reason: ReasonBio},
			},
		}},
		{"missing_title.txt", want{
			title: "The new cable car linking the harbour to the hilltop park carried more than 2,000 passengers on its…",
			paragraphs: []string{
				"The new cable car linking the harbour to the hilltop park carried more than 2,000 passengers on its first weekend, far above what planners expected for the opening days of the service.",
				"Operators said the cabins ran every three minutes and queues rarely lasted longer than a quarter of an hour, even on Saturday afternoon when the weather was best.",
				"The line cost 38 million euros and was paid for jointly by the city and the regional government, which hopes it will ease traffic on the narrow roads up the hill.",
				"Residents of the hill district were divided, with some welcoming the quieter streets and others complaining about the noise of the motors at night.",
			},
		}},
		{"short_first_sentence.txt", want{
			title: "Ferries resume",
			paragraphs: []string{
				"Ferries resume. After a week of storms, the ferry company restored all routes on Monday and added extra sailings to clear the backlog of passengers.",
				"The company said more than 4,000 travellers had been stranded at some point during the week.",
			},
		}},
		{"one_per_line.txt", want{
			// A leading key-point bullet reads as a headline: it is the
			// title, and leaves the body; the others stay.
			title: "Council approves the budget for new cycle lanes",
			paragraphs: []string{
				"Work starts in spring",
				"The city council approved a budget of 12 million euros for new cycle lanes on Tuesday, the largest sum it has ever spent on cycling in a single year.",
				"Most of the money will go to protected lanes on the four main roads into the centre, where cyclists currently share space with buses and delivery vans.",
				"Work is planned to start in spring and to finish before the end of next year, the council's transport committee said.",
				"Cycling groups welcomed the decision but said the council should also fix the many potholes on existing routes.",
				"Protected Lanes First",
				"Council officials said the protected lanes would be built first because they carried the most riders.",
			},
		}},
		{"wrapped.txt", want{
			title: "Tram Drivers Agree New Contract",
			paragraphs: []string{
				"The tram drivers' union and the city operator agreed a new contract on Thursday after six weeks of talks, ending the threat of a strike that would have halted services across the city.",
				"The deal raises pay by four percent this year and three percent next year.",
				"It also limits split shifts, a long-standing complaint of drivers.",
				"Union leaders said members would vote on the agreement next week.",
			},
		}},
		{"faq.txt", want{
			title: "Metro Fares Rise by Five Percent",
			paragraphs: []string{
				"Metro fares will rise by five percent in January, the transport authority said, the first increase in three years.",
				"The authority blamed higher energy and staff costs and said the extra revenue would pay for new trains.",
				"What Passengers Say",
				"Commuters interviewed at the central station were resigned to the increase but asked for more reliable services in return.",
			},
			removed: []digest.Removal{
				{Text: "Frequently Asked Questions", Reason: ReasonFAQ},
				{Text: "When do the new fares apply?", Reason: ReasonFAQ},
				{Text: "From the first of January.", Reason: ReasonFAQ},
				{Text: "Upcoming Changes to Season Tickets", Reason: ReasonFAQ},
				{Text: "Will season tickets cost more?", Reason: ReasonFAQ},
				{Text: "Yes, by the same five percent.", Reason: ReasonFAQ},
			},
		}},
		{"faq_tail.txt", want{
			title: "Airport Opens Second Runway",
			paragraphs: []string{
				"The airport opened its second runway on Sunday, doubling the number of flights it can handle at peak times.",
				"The runway took four years to build and cost 1.2 billion euros.",
			},
			removed: []digest.Removal{
				{Text: "FAQ", Reason: ReasonFAQ},
				{Text: "Will there be more noise?", Reason: ReasonFAQ},
				{Text: "Residents under the new flight path will hear more aircraft, the airport said.", Reason: ReasonFAQ},
				{Text: "How many flights will there be?", Reason: ReasonFAQ},
				{Text: "Up to 60 an hour at peak times.", Reason: ReasonFAQ},
			},
		}},
		{"separators.txt", want{
			title: "Port Traffic Hits a Record",
			paragraphs: []string{
				"Tokyo is one of many ports where container traffic rose last year, according to a new industry report.",
				"The report counted 14 million containers handled across the region's ten largest ports.",
				"Shipping lines said demand from retailers drove most of the growth.",
				"Analysts expect the pace to slow this year as consumer spending cools.",
				"Port operators plan to add cranes and berths to keep up.",
			},
			removed: []digest.Removal{
				{Text: "***", Reason: ReasonSeparator},
				{Text: "---", Reason: ReasonSeparator},
				{Text: "~~~", Reason: ReasonSeparator},
				{Text: "* * *", Reason: ReasonSeparator},
			},
		}},
		{"unrelated.txt", want{
			title: "City Opens Its First Rapid Bus Line",
			paragraphs: []string{
				"The city opened its first rapid bus line on Monday, linking the university campus with the central station in under twenty minutes along dedicated bus lanes.",
				"The buses run every five minutes at peak times and stop at eleven stations with raised platforms, so passengers can board as quickly as they would on a tram.",
				"Transport officials said the rapid bus line would carry 30,000 passengers a day within a year, taking pressure off the crowded tram routes through the old town.",
				// Off the main subject (money, not buses) yet part of the story: it stays.
				"The project cost 85 million euros, most of it spent on rebuilding the road surface and moving water pipes and cables that ran beneath the new lanes.",
				"Critics said the money would have been better spent extending the tram network, but officials argued that buses could reach the campus years sooner.",
				"A second rapid bus line, to the airport, is planned for 2027 if passenger numbers meet expectations.",
			},
			removed: []digest.Removal{{
				Text:   "United clinched the league title on Saturday with a 3-1 win over Rovers, their striker scoring twice in the second half before a sell-out crowd that sang long after the final whistle.",
				Reason: ReasonUnrelated,
			}},
		}},
		{"short_article.txt", want{
			// Too few paragraphs to judge: the bakery paragraph stays.
			title: "Ferry Timetable Changes",
			paragraphs: []string{
				"The winter ferry timetable starts on Sunday with fewer sailings on the northern route.",
				"The bakery on the corner won a national prize for its rye bread, beating two hundred entries from across the country.",
				"Passengers are advised to check departure times before travelling.",
			},
		}},
		{"markdown.md", want{
			title:       "Metro Line 4 Opens to Passengers",
			publication: "Transit Times",
			published:   "2024-09-02",
			authors:     []string{"Lena Fischer"},
			paragraphs: []string{
				"The new metro line opened on Monday, connecting the eastern suburbs to the centre in fifteen minutes.",
				"What changes for passengers",
				"Trains run every four minutes at peak times",
				"Tickets are valid across all lines",
				"Bikes are allowed outside rush hours",
				"1. The first station opened in March.",
				"2. The rest followed in September.",
				`"This line changes how the east side moves," the mayor said at the opening.`,
				"The line cost 1.4 billion euros and took six years to build.",
			},
			removed: []digest.Removal{
				{Text: "Metro Line 4 Opens to Passengers", Reason: ReasonRepeatedTitle},
				{Text: "Read more: Metro Line 5 plans", Reason: ReasonRelated},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readFixture(t, tt.file)
			a, err := Article(doc, Options{Theme: transport})
			if err != nil {
				t.Fatalf("Article: %v", err)
			}
			checkArticle(t, a, tt.want)
			checkWordsKept(t, doc.Text, a)
		})
	}
}

func checkArticle(t *testing.T, a *digest.Article, w want) {
	t.Helper()
	if a.Title != w.title {
		t.Errorf("title = %q, want %q", a.Title, w.title)
	}
	if a.Publication != w.publication {
		t.Errorf("publication = %q, want %q", a.Publication, w.publication)
	}
	if a.Date() != w.published {
		t.Errorf("published = %q, want %q", a.Date(), w.published)
	}
	if !slices.Equal(a.Authors, w.authors) {
		t.Errorf("authors = %q, want %q", a.Authors, w.authors)
	}
	if !slices.Equal(a.Paragraphs, w.paragraphs) {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(a.Paragraphs, "\n"), strings.Join(w.paragraphs, "\n"))
	}
	if !slices.Equal(a.Removed, w.removed) {
		t.Errorf("removed = %q, want %q", a.Removed, w.removed)
	}
}
