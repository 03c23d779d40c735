package synth

// The raw vocabulary the templates draw on: names, places, outlets,
// agencies. Lists are functions, not package variables, so nothing is
// shared or mutable. None is taken from any article or issue text.

func firstNames() []string {
	return []string{"Amara", "Bjorn", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonas",
		"Kavya", "Lucas", "Maren", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tomasz", "Ursula",
		"Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Aidan", "Beatriz", "Chidi", "Dana", "Emeka", "Freya",
		"Gustavo", "Hana", "Ivo", "Julia", "Kofi", "Leila", "Marcus", "Noor", "Oscar", "Priya", "Rafael",
		"Sofia", "Tariq", "Uma", "Valentina", "Wiktor", "Yara", "Zane"}
}

func surnames() []string {
	return []string{"Abara", "Bergstrom", "Castellano", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Hoffmann",
		"Iwasaki", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakagawa", "Okafor", "Petrov", "Quintero",
		"Rahman", "Sandoval", "Takahashi", "Underwood", "Vasquez", "Whitfield", "Xu", "Yilmaz", "Zielinski",
		"Achterberg", "Brennan", "Calloway", "Delacroix", "Esposito", "Fairbanks", "Grünewald", "Hargreaves",
		"Ibarra", "Janssen", "Kuznetsova", "Lombardi", "Mwangi", "Novak", "Oyelaran", "Pemberton", "Ruiz",
		"Sørensen", "Thornbury", "Valdés", "Wexler", "Adeyemi", "Bianchi", "Costa"}
}

// outletWords make publication names: "The Harbour Courier".
func outletPlaces() []string {
	return []string{"Harbour", "Northern", "Valley", "Capital", "Coastal", "Metro", "Lakeside", "Western",
		"Highland", "River", "Eastern", "Midland", "Prairie", "Bay", "Summit", "Union", "Pacific", "Atlantic"}
}

func outletKinds() []string {
	return []string{"Courier", "Herald", "Gazette", "Chronicle", "Ledger", "Dispatch", "Observer", "Tribune",
		"Post", "Times", "Record", "Sentinel", "Examiner", "Bulletin", "Monitor", "Review", "Express", "Mercury"}
}

// cities are dateline and caption places, in their usual spelling.
func cities() []string {
	return []string{"Nairobi", "Lagos", "Accra", "Cairo", "Johannesburg", "Addis Ababa", "Dakar", "Kampala",
		"Brussels", "Paris", "Berlin", "Madrid", "Lisbon", "Vienna", "Warsaw", "Prague", "Athens", "Dublin",
		"Oslo", "Stockholm", "Helsinki", "Geneva", "Zurich", "Amsterdam", "Milan", "Edinburgh", "Cardiff",
		"Belfast", "Manchester", "Glasgow", "Tokyo", "Seoul", "Beijing", "Shanghai", "Hong Kong", "Singapore",
		"Jakarta", "Manila", "Bangkok", "Hanoi", "Mumbai", "New Delhi", "Karachi", "Dhaka", "Sydney",
		"Melbourne", "Auckland", "Toronto", "Montreal", "Vancouver", "Mexico City", "Bogota", "Lima",
		"Santiago", "Buenos Aires", "Sao Paulo", "Caracas", "Havana", "Istanbul", "Ankara", "Tehran",
		"Riyadh", "Dubai", "Doha", "Beirut", "Amman", "Jerusalem", "Kabul", "Baghdad", "Kyiv", "Minsk",
		"Tbilisi", "Yerevan", "Baku", "Almaty", "Ulaanbaatar", "Wellington", "Reykjavik", "Valletta"}
}

// usPlaces are US cities with their state as wire copy abbreviates it.
func usPlaces() [][2]string {
	return [][2]string{{"Portland", "Ore."}, {"Dayton", "Ohio"}, {"Tulsa", "Okla."}, {"Fresno", "Calif."},
		{"Boise", "Idaho"}, {"Albany", "N.Y."}, {"Savannah", "Ga."}, {"Omaha", "Neb."}, {"Spokane", "Wash."},
		{"Lansing", "Mich."}, {"Madison", "Wis."}, {"Austin", "Texas"}, {"Santa Fe", "N.M."},
		{"Provo", "Utah"}, {"Hartford", "Conn."}, {"Mobile", "Ala."}, {"Reno", "Nev."}, {"Duluth", "Minn."},
		{"Tampa", "Fla."}, {"Wichita", "Kan."}, {"Richmond", "Va."}, {"Trenton", "N.J."}}
}

// countries go after a city in a dateline: "NAIROBI, Kenya".
func countries() []string {
	return []string{"Kenya", "Nigeria", "Ghana", "Egypt", "Belgium", "France", "Germany", "Spain", "Portugal",
		"Austria", "Poland", "Greece", "Ireland", "Norway", "Sweden", "Japan", "South Korea", "China",
		"Indonesia", "Philippines", "Thailand", "India", "Pakistan", "Australia", "Canada", "Mexico", "Peru",
		"Chile", "Argentina", "Brazil", "Turkey", "Lebanon", "Jordan", "Ukraine", "Georgia"}
}

// agencies are news agencies as datelines and credits name them.
func agencies() []string {
	return []string{"AP", "AFP", "Reuters", "Xinhua", "dpa", "EFE", "Kyodo", "PTI", "UPI", "ANSA", "Yonhap",
		"Anadolu", "PA", "ANI", "TASS", "IANS", "Bernama", "Lusa", "NTB", "CTK", "MTI", "AAP", "KNA", "APA"}
}

// networks are the sites share rows and follow lines name.
func networks() []string {
	return []string{"Facebook", "X", "Twitter", "WhatsApp", "LinkedIn", "Email", "Reddit", "Telegram",
		"Messenger", "Pinterest", "Bluesky", "Threads", "Flipboard", "Mastodon", "SMS"}
}

// sections are site sections for crumbs and tags.
func sections() []string {
	return []string{"World", "Business", "Sport", "Technology", "Politics", "Entertainment", "Culture",
		"Science", "Health", "Africa", "Asia", "Americas", "Middle East", "UK", "Markets", "Economy",
		"Football", "Tennis", "Music", "Film", "Television", "Gadgets", "Elections", "Opinion", "Analysis",
		"Companies", "Arts", "Local", "National", "Features"}
}

// beats are what a reporter covers, for bios.
func beats() []string {
	return []string{"energy markets", "European politics", "consumer technology", "film and television",
		"international football", "public health", "the music industry", "trade policy", "cybersecurity",
		"the Premier League", "financial regulation", "elections", "the car industry", "telecoms",
		"foreign affairs", "education", "transport", "the courts", "climate policy", "video games"}
}

func roleWords() (ranks, fields, titles []string) {
	return []string{"", "Senior", "Chief", "Deputy", "Acting", "Associate", "Contributing"},
		[]string{"", "political", "business", "technology", "sports", "arts", "economics", "science",
			"diplomatic", "health", "foreign", "markets", "media"},
		[]string{"correspondent", "editor", "reporter", "writer", "analyst", "columnist", "producer"}
}
