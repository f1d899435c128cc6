// Package consolidate turns per-document extractions into cross-document
// records: one incident for all the reports of the same real-world event,
// one actor for all the spellings of the same actor, a graph of who alleges
// what about whom, and counts of the words each outlet uses for each actor.
//
// It is pure logic: no storage, no I/O besides the writers the exporters are
// given. Callers feed it documents one at a time, so a store can keep an
// Index in memory and persist the incidents it reports.
//
// # Incidents
//
// Index.AddDoc assigns each event of a document to an existing incident or
// to a new one. Candidates come from blocks of one week each: by place (a
// report placed at a town looks up the grid cells around it and its
// province's coarser reports, one placed at its dateline only the cells;
// other reports their province) and by rare word (each report's rarest
// words, unless more than maxWordBlock incidents of the week share it),
// so that a reaction filed from the capital, a report placed in the wrong
// town or a report with no date of its own still finds the incident it
// names; in the weeks before the days a report may follow an incident
// (those a report with no day of its own, or dated by the day it was
// told, looks back at) only incidents several reports tell, the only
// ones its words may name from that far. Adding costs about the number
// of incidents reported near the same place or with the same rare words in
// the same weeks, not the size of the corpus.
//
// A report's words (terms.go) are the rarest words of its sentences and
// actors' names, always with the words of its specific targets' names
// (a long account's other rare words do not crowd out the name of the
// train it tells of); a word counts by its rarity across the documents
// the index has seen (the document's whole text when the caller gives
// it).
// A report names an incident (StrongIdentity) when at least two rare words
// most of the incident's reports use are in its sentences. Names of places
// and perpetrators do not count: they say where and who, not which
// incident.
//
// An event joins the best-scoring candidate when
//
//   - the incident's day (its anchor: the day most of its reports of the
//     act state) is the event's stated day or the day before or after; a
//     report naming the incident may state a day up to followDays later (a
//     statement, a casualty update), an arrest, funeral or protest naming
//     a salient incident up to backDays later, and a report with no date
//     of its own, or dated by the day it was told (the day of publication
//     or the one before: "the minister said on Wednesday"), that names a
//     salient incident beyond doubt may look back as far, unless it, or
//     a report of its document telling of its days, counts dead or
//     wounded that no report of the act stating the incident's day
//     counted: a report of the day's shooting at an aid site shot at
//     weeks before tells of a new act in the old one's words, while a
//     recap gives the count the act's reports gave. Within riseDays of
//     the act a count above theirs (by no more than twice the highest and
//     three) or no more dead than the wounded they counted is the toll
//     rising;
//   - no report of the act vetoes it: incompatible kinds of act (a
//     bombing may be an armed attack to another outlet; a hijacking is an
//     abduction, a bombing and an armed attack at once when the report
//     names it), dates further apart than each report's precision allows,
//     places that cannot contain each other (a report naming the incident
//     may give only the province or country, or a town less than farKM
//     away; of two recalls months later one may give only another
//     country, for an act launched across a border is recalled in
//     either; or, when the news is about the incident, any place if its
//     sentences name the town the incident's reports agree on; a report's
//     dateline never vetoes), a report of another incident from the same
//     document (not one read from the same sentence, with a kind of act
//     and dates that can be one: the extraction read the sentence twice),
//     or two dates that are both periods. Once three reports of
//     the act agree, a report of it that disagrees with what they agree on
//     (another place, day or kind of act, each report's kind as reported)
//     no longer vetoes, nor does one stating a day other than theirs veto
//     by its date a report their day admits; once six do, a report naming the incident is kept
//     out only by the representative report or by more than one in five
//     of its reports, not by one the extraction misplaced;
//   - the report says where it happened (a place agreeing with the
//     incident's, or the incident's town in its sentences) or names the
//     incident or one of its actors: type and day alone do not make one
//     incident, nor do they with only the province agreeing;
//   - the evidence score reaches Threshold.
//
// The score adds support for the same type, the same day, the same town
// (or towns within 25 km), shared named perpetrators and targets, agreeing
// tolls and shared rare words; it subtracts for different named
// perpetrators, different specific targets of the same kind of act (not
// when the incident's reports use the other target's words; half when the
// report names an incident several reports tell and the target most of
// them name, for it may read one of the victims as the target) and wildly
// different tolls. Every join records its score and reasons in words.
//
// Reports of another kind than the act (an arrest, a funeral, a statement),
// reports stating a later day and reports stating no date published more
// than a week after it ("since the hijacking") join as follow-ups: they do
// not decide
// the incident's type, date or place, and an arrest's count never reaches
// its toll. A report joining by its words despite another place is kept
// with its place marked as an outlier. A visit is the exception: it joins
// an attack only where the attack happened (to the site, to the wounded);
// a visit elsewhere that speaks of it is an act of its own.
//
// Placement is greedy, with guards against its order dependence:
//
//   - two incidents a report names by its words, on the same day (within
//     one), at places that can be one, of compatible kinds and with no
//     conflicting targets, are merged rather than leaving the report
//     alone between them;
//   - incidents that turn out to be one (the same anchor day within one,
//     or within followDays when their words leave no doubt, or up to
//     backDays later when their words leave no doubt and fewer than three
//     reports state the later one's day while three state the earlier's
//     and none of the later one's reports of a day weeks on counts dead
//     the earlier's never counted: recaps dated by the day someone spoke,
//     read first; compatible kinds
//     and places; no conflicting targets; the same rare words) are merged
//     when a report fits or names both, with the reason recorded, but not
//     two incidents each told by three or more reports of the act stating
//     its own day, days apart (reports dated by their publication or by
//     the day of a funeral or statement do not count): those are two
//     acts, however alike their words (a second attack on a convoy in the
//     same province); nor two
//     whose reports giving a town or district give different ones more
//     than 25 km apart, unless their words leave no doubt, names of places
//     however spelt aside (one night's attacks on police stations in
//     three districts); nor by a report of a roundup, a document telling
//     of events in several districts, whose words name them all;
//   - small incidents whose every report names a grown incident are
//     merged into it, and single reports that now name it move (by words
//     two of its reports use: a report naming two incidents does not
//     bring the other's words to it), as do reports of larger incidents
//     that give no day of their own ("earlier this month"): read before
//     the incident they look back at, they joined another of its weeks;
//   - incidents made only of reports published recallDays or more after
//     the day they state, recalling that day, compatible kinds of act and
//     the same named perpetrator (not "gunmen"; the one most of an
//     incident's reports name, when its best placed report names none or
//     another), are merged when a report
//     sees them, unless they are at two towns of one country: months
//     later an act is a clause in an article about something else, in
//     few shared words, and placed on either side of a border it was
//     launched across;
//   - a report that names a small incident only by words three or more
//     reports of a salient incident it also fits use (the small one's
//     reports mentioned it by name: "last week's attack on the train")
//     joins the salient incident, and does not merge the two;
//   - two events of a document read from one sentence that went to two
//     incidents end in the larger one when it takes the other (the
//     shared sentence counting as a shared target would);
//   - an event that fits two incidents within AmbiguityMargin that cannot
//     be one joins the one its words name that several reports tell, when
//     it names no other such incident among them (two rare words shared
//     with a lone report are a coincidence as often as a name); else it
//     opens its own incident and lists both in Assignment.Alternatives
//     for review;
//   - a report that joined on type, date and place alone moves when a later
//     report reveals a look-alike incident it fits clearly better, unless
//     its words name the incident it is in, one several reports tell,
//     and not as surely the look-alike; a report whose words named such
//     an incident when it joined did not join on type, date and place
//     alone, however common its words become as the incident grows; its
//     fit with the incident it is in is weighed without its own
//     document's other reports there (the veto that keeps one document's
//     two events apart when they are placed would make every report of
//     an incident its document tells twice look misplaced);
//   - reports put aside are placed again once a report grows the salient
//     incident they belong to, as they would have been placed had they
//     arrived after it (replace.go): a lone report whose words now name
//     the incident, that states no other day than the incident's and
//     scores there Threshold plus twice AmbiguityMargin, and a report
//     kept apart for review that now fits one incident clearly; either
//     moves only when no other incident its lookup finds fits it within
//     AmbiguityMargin, with the reason recorded;
//   - a re-added (re-extracted) event stays in its previous incident when
//     that incident still accepts it.
//
// # Place and date of an incident
//
// An incident's date is the day most of its reports of the act state (a
// date taken from the day a report was published counts only when none
// states one). Its place is the most specific one its reports agree on:
// the town more than half of the town-level reports give, else the
// province more than half give, else the country more than half give,
// else the country most give (never simply the first report's place). A
// town gives way when many more reports name other towns or other
// provinces of its country (strikes on several sites): the incident is
// wider than the town. A report's dateline counts when it lies near where
// the other reports place the incident (a reporter on the spot), not when
// it is the capital a statement came from; so does a town a report names
// only as one end of the road the incident happened on ("the Kesh-Arun
// highway"), which is not held against reports placing it at the other
// end either. A place marked as an outlier counts only to name the town
// inside the province or country the others agree on, when another report
// names that town too and more reports name it than name only the
// province or country.
//
// # Ranges
//
// Each source's figures stay on its EventRef and in Range.Figures with
// their text ("at least 12"), publication date, outlet and modality. An
// incident's Killed, Injured and Victims ranges follow the UCDP habit of
// low/best/high: Low is the lowest figure a counted report gives, High the
// highest, and Best the latest authoritative count: the figure of the last
// report published that states it as fact (on the same day the highest,
// since tolls rise). Once the latest such report recalls the act
// recallDays or more later, and three recalls give a figure, the best is
// the figure most of them give: a settled toll no longer rises, and
// recalls count a part of the dead as often as the whole. A rising toll
// is not added up, and a figure a party
// claims does not become the best while any report states one. Figures of
// period statistics (a date longer than a month, "a total of", "so far
// this year"), of follow-ups of another kind (arrests) and figures more
// than ten times the middle report's are kept on their reports and marked
// excluded, never counted.
//
// # User decisions
//
// Merge and Split record decisions keyed by stable event keys
// (docID+"#"+eventID). Re-adding a document (a re-extraction) first removes
// its previous events and then places the new ones, honouring the
// decisions: an event merged by a user rejoins its partners, and an event
// split off never rejoins the events it was split from.
//
// # Neutrality
//
// Labels counted by Framing are data about how sources write, not the
// package's own words, and the default list includes terms used by every
// side. The claim graph stores allegations as allegations, with speakers.
package consolidate
