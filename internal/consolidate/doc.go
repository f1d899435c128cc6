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
// Index.Add assigns each event of a document to an existing incident or to a
// new one. Candidates come from a blocking index keyed by week bucket and
// country/admin1, so adding costs about the number of incidents reported in
// the same region in the same weeks, not the size of the corpus. An event
// joins the best-scoring candidate when
//
//   - no member of the candidate vetoes it: incompatible type family, dates
//     further apart than each report's precision allows (day precision is
//     given one day of slack because reports written the next day often
//     resolve "yesterday" differently), places that cannot contain each
//     other, or a member from the same document (the extraction contract
//     says one document reports one real-world incident as one event);
//   - the evidence score against the best member reaches Threshold.
//
// The score adds support for the same type, the same day, the same town
// (or towns within 25 km), shared named perpetrators and targets, and
// agreeing tolls; it subtracts for different named perpetrators, different
// specific targets and wildly different tolls. Type, date and place are
// compared with each member; perpetrators, targets and tolls with the union
// of the incident's reports, so a report naming another target counts
// against the whole incident. Every join records its score and reasons in
// words.
//
// Placement is greedy, with three guards against its order dependence:
//
//   - an event that fits two incidents within AmbiguityMargin opens its own
//     incident and lists both in Assignment.Alternatives for review, since
//     a wrong merge mixes two incidents' sources and figures;
//   - a report that joined on type, date and place alone moves when a later
//     report reveals a look-alike incident it fits clearly better;
//   - a re-added (re-extracted) event stays in its previous incident when
//     that incident still accepts it.
//
// # Ranges
//
// Each source's figures stay on its EventRef with their text ("at least 12").
// An incident's Killed, Injured and Victims ranges follow the UCDP habit of
// low/best/high: Low is the lowest figure any report gives (a report's low,
// else its best, else its high), High the highest, and Best the median of
// the reports' best figures, taking the lower of the two middle values when
// the number of reports is even. The lower median is always a figure some
// report actually gave, a single outlier cannot move it, and taking the
// lower middle keeps the estimate conservative. No report is weighted as
// more credible than another: the package has no basis for such a judgement.
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
