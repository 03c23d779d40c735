package synth

// Promotion and consent: ads, share rows, subscription prompts, cookie
// banners.

func (g *gen) ad() string {
	return g.sayOne(
		"{Advertisement|ADVERTISEMENT|Advert|ADVERT|Ad|AD|Sponsored|SPONSORED|Paid content|Promoted|Partner content|Sponsored content}",
		"{— |- |}{Advertisement|ADVERTISEMENT|Advertising}{ —| -|}",
		"{The|This} {article|report|piece} {continues|resumes} {after|beneath|under} {this|the} {ad|advert|advertisement|sponsored message}",
		"{Ad|Advertising} {feedback|choices}",
		"{Remove|Hide} ads[ — {go ad-free|upgrade}]",
		"{Keep scrolling|Scroll down} {for more|to keep reading}",
		"{Content|Text} continues {after|below} {the|this} {ad|advertisement}",
		"{Supported by|Presented by|In partnership with} $outlet2",
	)
}

// addShare puts a share row or button in the head or at the end, or
// both.
func (g *gen) addShare() {
	where := g.r.IntN(3)
	if where != 1 {
		g.head = append(g.head, g.share())
	}
	if where != 0 {
		g.end = append(g.end, g.share())
	}
}

func (g *gen) share() Block {
	if g.r.IntN(2) == 0 {
		n := 2 + g.r.IntN(4)
		sep := pick(g.r, []string{" · ", " | ", " ", " / ", ", "})
		row := ""
		for i := range n {
			if i > 0 {
				row += sep
			}
			row += pick(g.r, networks())
		}
		if g.r.IntN(2) == 0 {
			row = g.say("{Share|Share this|Share on}[:]") + " " + row
		}
		return oneBlock("share", row)
	}
	return oneBlock("share", g.sayOne(
		"{Share|Share this|Share this article|Share the story|Share on $network|Share via {email|$network}}",
		"{Send|Email} {this|the} {article|story|page} to a friend",
		"{Copy link|Copy the link|Link copied|Print|Save|Save for later|Bookmark|Tweet|Post}",
		"{Share|Send} {this|the} {article|story} {with|to} {a friend|your friends|your network}",
		"$nn {shares|Shares}",
		"{Gift|Give} this article[ to a friend]",
	))
}

// addSubscribe puts one or two prompts in the body or at its end.
func (g *gen) addSubscribe() {
	for range 1 + g.r.IntN(2) {
		b := oneBlock("subscribe", g.subscribe())
		if g.r.IntN(2) == 0 {
			g.gap(b)
		} else {
			g.end = append(g.end, b)
		}
	}
}

func (g *gen) subscribe() string {
	return g.sayOne(
		"{Sign up|Subscribe|Register} {for|to} {our|the} [free] {daily|weekly|morning|evening|lunchtime|weekend} {newsletter|briefing|bulletin|email|digest}",
		"{Get|Receive} {the|our} {top|biggest|best} {stories|headlines|reads} {in your inbox|by email|every {morning|day|week}}",
		"{Already a {subscriber|member}?|Have an account?} {Log in|Sign in}",
		"{Become a {member|subscriber}|Subscribe|Join} {for|from} $price a {month|week}[. Cancel anytime.]",
		"{You have|You've got} $n free {articles|stories} left this month",
		"{Support|Fund|Back} {our|independent|quality} {journalism|reporting}[ —] {subscribe|become a member|donate} {today|now|from $price}",
		"{Enter your email|Your email address}[ to {subscribe|sign up}]",
		"{Subscribe now|Start your free trial|Try $n days free|Unlock all articles}",
		"{This {article|story} is|You are reading} {free|a free article}[ — {subscribe|register} to read more]",
	)
}

// addCookie puts a banner, perhaps with its buttons, at the top or the
// end.
func (g *gen) addCookie() {
	blocks := []Block{oneBlock("cookie", g.cookie())}
	if g.r.IntN(2) == 0 {
		blocks = append(blocks, oneBlock("cookie", g.cookieButtons()))
	}
	if g.r.IntN(2) == 0 {
		g.top = append(blocks, g.top...)
	} else {
		g.end = append(g.end, blocks...)
	}
}

func (g *gen) cookie() string {
	return g.sayOne(
		"We use cookies {to {improve|enhance} your {experience|visit}|for analytics[ and advertising]|to show you relevant {ads|content}}. {By {continuing|using this site}, you {agree|consent} to {their use|our {use of cookies|cookie policy}}|{Read|See} our {cookie|privacy} policy|You can change your {settings|preferences} at any time}.",
		"{Cookies|Cookie settings|Your privacy}[:] {We and our partners|$outlet and {its|our} partners} {store|use|access} {cookies|information on your device} {to {measure|analyse} {traffic|audiences}|for {ads|advertising} and {measurement|analytics}}.",
		"{Your privacy matters|We value your privacy}[.] {Choose|Select} {which|what} cookies {we may use|to allow}[ on this {site|device}].",
		"{By clicking|If you click} {Accept|Accept all|OK}, you {agree to|allow} the storing of cookies on your device.",
	)
}

func (g *gen) cookieButtons() string {
	buttons := []string{"Accept all", "Accept", "Reject all", "Manage preferences", "Manage settings",
		"Manage options", "OK", "Got it", "I agree", "Allow all", "Decline", "Cookie policy", "More options"}
	n := 1 + g.r.IntN(3)
	row := pick(g.r, buttons)
	for range n - 1 {
		row += pick(g.r, []string{" · ", " | ", "  ", " "}) + pick(g.r, buttons)
	}
	return row
}
