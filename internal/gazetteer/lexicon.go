package gazetteer

// Small closed word lists the recogniser reads context with. They are
// English function words and news conventions, not place data.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// regionWords name a region, a sea or a people in English news and are
// also the names of small places or provinces far away ("Arab" in
// Alabama, "Gulf" in Papua New Guinea, "Western" in Ghana): alone, like
// common words, they are places only where the words around them say so
// ("in Arab", "Gulf Province", "Quetta, Western").
var regionWords = set("arab", "gulf", "western", "eastern", "northern", "southern", "central",
	"sahel", "balkan", "levant", "pacific", "atlantic", "persian", "middle")

// particles may stay lower case inside a multi-word name.
var particles = set("of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al", "ul", "ud", "ad", "an", "as", "ash", "az", "e", "i", "y", "van", "von", "der", "den", "und", "and", "upon", "on", "en", "sur", "au", "aux", "es", "am", "im", "bin", "ibn", "e", "o", "kalay", "kili")

// titles before a capitalised word make it a person: "Sen. Lincoln".
var titles = set("mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "gen", "general", "col", "colonel", "lt", "sgt", "capt", "captain", "maj", "major", "president", "judge", "justice", "rev", "reverend", "father", "prof", "professor", "sheikh", "shaikh", "mullah", "maulana", "molvi", "sardar", "nawab", "mir", "haji", "hajji", "sir", "lord", "lady", "king", "queen", "prince", "princess", "officer", "detective", "coach", "pastor", "minister", "mayor", "chief", "commissioner", "sheriff", "deputy", "trooper", "pvt", "spc", "cpl", "adm", "admiral", "brig", "brigadier", "dame", "pope", "imam", "mufti", "syed", "sayed", "allama", "agha", "uncle", "aunt", "brother", "sister", "madam", "mister")

// offices are titles written before the territory they serve in South
// Asian usage ("Governor Punjab", "IG Sindh").
var offices = set("minister", "commissioner", "governor", "chief", "secretary", "ig", "dig", "inspector", "mayor", "administrator")

// kindWords are the generic nouns of place names.
var kindWords = set("district", "districts", "province", "provinces", "state", "states", "region", "city", "town", "village", "villages", "area", "county", "parish", "division", "tehsil", "valley", "border", "river", "lake", "mountains", "airport", "port", "bay", "island", "islands", "governorate", "neighbourhood", "neighborhood", "suburb", "township", "borough", "municipality")

// steerAfter: a kind noun right after a name chooses among homonyms.
var steerAfter = map[string]Kind{
	"district": Admin2, "districts": Admin2, "county": Admin2, "parish": Admin2, "agency": Admin2, "tehsil": Admin2,
	"province": Admin1, "state": Admin1, "region": Admin1, "governorate": Admin1, "oblast": Admin1, "prefecture": Admin1,
	"city": City, "town": City, "township": City, "municipality": City,
	"village": Point, "area": Point, "neighbourhood": Point, "neighborhood": Point, "locality": Point, "suburb": Point, "bazaar": Point,
}

// steerBefore: "city of X", "province of X".
var steerBefore = map[string]Kind{
	"district": Admin2, "county": Admin2, "province": Admin1, "state": Admin1, "region": Admin1,
	"city": City, "town": City, "village": Point, "hamlet": Point, "suburb": Point,
}

// areaWords + areaLinks: "Lyari neighbourhood of Karachi".
var areaWords = set("neighbourhood", "neighborhood", "area", "suburb", "locality", "village", "town", "district", "outskirts", "suburbs")
var areaLinks = set("of", "in", "near")

// locatives before a name make an ordinary word a place: "in Reading".
var locatives = set("in", "at", "near", "from", "to", "outside", "inside", "into", "across", "toward", "towards", "around", "via", "through", "throughout", "within", "between", "nearby", "onto", "visited", "visit", "reached", "entered")

// ofHeads: "north of X", "outskirts of X", "residents of X".
var ofHeads = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "residents", "resident", "native", "city", "town", "village", "state", "province", "district", "county", "suburb", "suburbs", "part", "parts", "capital", "mayor", "people", "streets", "centre", "center", "heart", "edge")

// notPlaceAfter after a name make it a people's, a sect's, a law's or a
// thing's name: "Hazara tribesmen", "the Peca Act", "Molotov cocktails".
var notPlaceAfter = set("sect", "sects", "tribe", "tribes", "tribesmen", "clan", "clans", "caste", "castes", "faith", "believers",
	"followers", "diaspora", "act", "ordinance", "cocktail", "cocktails")

// incidentNouns after a name make it the place of an incident ("the
// Pahalgam attack") once the text has named that place elsewhere.
var incidentNouns = set("attack", "attacks", "incident", "incidents", "massacre", "bombing", "bombings", "blast", "blasts",
	"shooting", "shootings", "killing", "killings", "carnage", "tragedy", "raid", "raids", "ambush", "siege", "explosion")

// notNames are capitalised words that follow or precede a place name
// without making a person of it: days, months, and the nouns of
// institutions named after places ("Alexandria Police", "Quetta Press
// Club", "Dawn Karachi Monday").
var notNames = set("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"street", "avenue", "road", "boulevard", "highway", "lane", "drive", "county", "university", "college", "school", "academy",
	"hospital", "church", "mosque", "temple", "police", "fire", "department", "sheriff", "airport", "center", "centre", "mall",
	"park", "bridge", "board", "council", "court", "commission", "commonwealth", "chamber", "library", "museum", "hall",
	"times", "post", "news", "herald", "tribune", "journal", "gazette", "daily", "press", "club", "city", "township",
	"district", "division", "high", "middle", "elementary", "state", "national", "international", "regional", "metro",
	"district", "bar", "association", "union", "chapter", "branch", "office", "headquarters", "cantonment", "jail", "prison",
	"stadium", "market", "bazaar", "road", "chowk", "colony", "town", "sector", "block", "phase", "camp", "base", "port")

// institutionWords are capitalised words that name an institution, a
// rank, a faith or a language far more often than the hamlets that bear
// them (Congress, Arizona; Supreme, Louisiana; English, Indiana): they
// count as places only with a container or in a dateline.
var institutionWords = set("congress", "senate", "parliament", "supreme", "marine", "marines", "navy", "army", "academy",
	"university", "college", "english", "christian", "catholic", "muslim", "jewish", "federal", "republican", "democrat")

// partyLabels are the party letters of American legislators, hyphened to
// their home district: "D-Raleigh", "R-Fairfax", "DFL-Cook".
var partyLabels = set("d", "r", "i", "dfl")

// nameHeads are capitalised words that, after a place name, begin the
// name of an organisation, an institution, an office or a party label
// that the place gives its name to: "Georgia Bureau of Investigation",
// "U.S. Navy", "Alaska Gov.", "a Connecticut Democrat". The place is
// named there, but nothing happens in it. (notNames holds the commoner
// such nouns, after which a place keeps its ordinary reading.)
var nameHeads = set("bureau", "navy", "army", "marine", "marines", "guard", "senate", "assembly", "legislature", "congress",
	"parliament", "party", "democrat", "democrats", "democratic", "republican", "republicans", "gov", "governor", "sen",
	"sens", "senator", "senators", "rep", "reps", "representative", "mayor", "selectman", "selectmen", "councilman",
	"councilwoman", "councillor", "councilor", "commissioners", "commissioner", "auditor", "comptroller", "treasurer",
	"superintendent", "attorney", "prosecutor", "president", "ambassador", "society", "committee", "federation", "alliance",
	"league", "authority", "agency", "service", "services", "ministry", "government", "institute", "foundation",
	"memorial", "metropolitan", "junior", "general", "community", "historical", "genealogy", "fiscal", "circuit",
	"magistrates", "veterinary", "medical", "forestry", "workforce", "redevelopment", "volunteer", "lutheran", "christian", "crimestoppers", "ems", "pd", "vfw", "elks", "rotary",
	"symphony", "orchestra", "theatre", "theater", "zoo", "railway", "railroad", "transit", "airlines", "galleria", "marina",
	"fairgrounds", "cabinet", "convention")
