"""Word lists and sentence templates for the synthetic news corpus (bench/generate.py).

Everything here was written for the benchmark: names from many languages, invented
institutions and places, and sentence frames in the register of a wire story. Slots are
``{name}``-style fields filled by the generator; a template never holds a defect.
"""

from __future__ import annotations

# (first name, pronoun) pairs, so that a pronoun attribution agrees with its speaker.
FEMALE = (
    "Amara", "Chiamaka", "Ngozi", "Zanele", "Wanjiru", "Aisha", "Fatima", "Leila", "Yasmin",
    "Noor", "Mei", "Xiuying", "Haruka", "Yuki", "Ji-woo", "Soo-ah", "Priya", "Ananya", "Lakshmi",
    "Deepika", "Mariana", "Lucía", "Camila", "Valentina", "Ximena", "Ingrid", "Astrid", "Sigrid",
    "Katarzyna", "Agnieszka", "Olena", "Svitlana", "Irina", "Elif", "Zeynep", "Ayşe", "Mariam",
    "Hana", "Thandiwe", "Adaeze", "Siobhán", "Aoife", "Margaret", "Helen", "Claire", "Sophie",
    "Isabelle", "Chloé", "Giulia", "Francesca", "Nkechi", "Tatiana", "Rania", "Dilnoza", "Malia",
    "Kalani", "Ayelet", "Tamar", "Linh", "Thảo",
)
MALE = (
    "Kwame", "Chinedu", "Oluwaseun", "Tendai", "Mandla", "Omar", "Tariq", "Yusuf", "Karim",
    "Hamid", "Wei", "Jian", "Hiroshi", "Takeshi", "Min-jun", "Seo-jun", "Arjun", "Rohan", "Vikram",
    "Sanjay", "Mateo", "Santiago", "Diego", "Joaquín", "Rafael", "Lars", "Henrik", "Bjørn",
    "Tomasz", "Piotr", "Oleksandr", "Dmytro", "Sergei", "Emre", "Mehmet", "Burak", "Giorgi",
    "Levan", "Themba", "Sipho", "Cormac", "Ciarán", "David", "Richard", "Thomas", "James",
    "François", "Mathieu", "Luca", "Matteo", "Alejandro", "Nikolai", "Farid", "Rustam", "Sione",
    "Keoni", "Avi", "Eitan", "Minh", "Duc",
)
SURNAMES = (
    "Okafor", "Adeyemi", "Mensah", "Boateng", "Nkosi", "Dlamini", "Mwangi", "Otieno", "Haddad",
    "Khalil", "Rahman", "Siddiqui", "Nasser", "Chen", "Zhang", "Liu", "Tanaka", "Watanabe",
    "Nakamura", "Kim", "Park", "Choi", "Sharma", "Iyer", "Reddy", "Banerjee", "Gupta",
    "Fernández", "García", "Rodríguez", "Oliveira", "Souza", "Hernández", "Castillo", "Lindqvist",
    "Johansson", "Haugen", "Nowak", "Kowalczyk", "Wiśniewska", "Shevchenko", "Kovalenko",
    "Petrov", "Yilmaz", "Demir", "Kaya", "Beridze", "Kapanadze", "Ndlovu", "Moyo", "O'Sullivan",
    "Byrne", "Walsh", "Thompson", "Harrison", "Fletcher", "Dubois", "Lefèvre", "Moreau", "Rossi",
    "Bianchi", "Esposito", "Novák", "Horváth", "Popescu", "Ionescu", "Karimov", "Tuilagi",
    "Kahananui", "Levi", "Mizrahi", "Nguyen", "Tran", "Pham", "Al-Masri", "Abdullah", "Santos",
    "Van der Berg", "De Vries", "MacLeod", "Fitzgerald", "Ahmadi", "Hosseini", "Osei", "Asante",
)
ROLES = (
    "the city’s finance director", "a spokesperson for the {org}", "the {org}’s chief executive",
    "a senior economist at the {org}", "the regional health commissioner", "a local councillor",
    "the head of the {org}", "a researcher at the {org}", "the deputy mayor of {city}",
    "a union organiser in {city}", "the minister for transport", "a lawyer for the families",
    "the chair of the residents’ association", "a professor of public policy at the {org}",
    "the police commander for {city}", "an emergency doctor in {city}", "the port authority’s director",
    "a farmer from outside {city}", "the school’s head teacher", "the opposition’s housing spokesperson",
)
ORGS = (
    "Northern Water Board", "Coastal Transit Authority", "Institute for Fiscal Studies of {country}",
    "National Grid Operator", "Federation of Small Traders", "Metropolitan Housing Trust",
    "Regional Statistics Office", "Centre for Climate Adaptation", "University of {city}",
    "Chamber of Commerce", "Public Health Agency", "Teachers’ Union", "Civil Aviation Authority",
    "Rivers and Canals Trust", "Agricultural Cooperative Council", "Harbour Development Corporation",
)
CITIES = (
    "Lagos", "Accra", "Nairobi", "Kampala", "Durban", "Cairo", "Casablanca", "Amman", "Beirut",
    "Karachi", "Dhaka", "Chennai", "Pune", "Colombo", "Kathmandu", "Hanoi", "Manila", "Jakarta",
    "Surabaya", "Osaka", "Busan", "Taipei", "Chengdu", "Ulaanbaatar", "Almaty", "Tbilisi",
    "Kraków", "Gdańsk", "Lviv", "Brno", "Cluj-Napoca", "Porto", "Valencia", "Lyon", "Turin",
    "Rotterdam", "Gothenburg", "Bergen", "Cork", "Glasgow", "Leeds", "Halifax", "Winnipeg",
    "Oaxaca", "Medellín", "Recife", "Valparaíso", "Montevideo", "Auckland", "Apia", "Honolulu",
)
COUNTRIES = (
    "Nigeria", "Ghana", "Kenya", "Uganda", "South Africa", "Egypt", "Morocco", "Jordan",
    "Pakistan", "Bangladesh", "India", "Sri Lanka", "Nepal", "Vietnam", "the Philippines",
    "Indonesia", "Japan", "South Korea", "Mongolia", "Kazakhstan", "Georgia", "Poland",
    "Ukraine", "the Czech Republic", "Romania", "Portugal", "Spain", "France", "Italy",
    "the Netherlands", "Sweden", "Norway", "Ireland", "Scotland", "Canada", "Mexico",
    "Colombia", "Brazil", "Chile", "Uruguay", "New Zealand", "Samoa",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Plain reporting sentences. Slots: org, city, country, n, pct, money, month, year, day, people, thing.
STATEMENTS = (
    "The {org} said it would spend {money} on {thing} over the next {n_small} years.",
    "Officials in {city} confirmed that {n} {people} had been affected by the closure.",
    "The figures, published by the {org}, show a rise of {pct} percent compared with {year}.",
    "Work on {thing} began in {month} {year} and is expected to finish within {n_small} months.",
    "About {n} {people} signed a petition calling for the plan to be reviewed.",
    "The proposal will be debated by the council of {city} on {day} {month}.",
    "Prices for {thing} have climbed by {pct} percent in {country} since the start of {year}.",
    "The {org} has set aside {money} to cover the cost of repairs in {city}.",
    "Inspectors visited {n_small} sites across {country} and found problems at most of them.",
    "Last year the agency handled {n} complaints, the highest number it has recorded.",
    "The scheme was first announced in {year}, when {n} {people} applied in its opening week.",
    "Ferry services between {city} and {city2} were cut to {n_small} crossings a day.",
    "A report commissioned by the {org} estimated the shortfall at {money}.",
    "Residents of {city} have waited {n_small} years for {thing} to be completed.",
    "The government of {country} has promised to publish its response by the end of {month}.",
    "Turnout in the ballot reached {pct} percent, according to the {org}.",
    "The delays have added {money} to the cost of {thing}, auditors found.",
    "Farmers near {city} said the dry spell had cut their harvest by roughly a third.",
    "More than {n} {people} used the new service in its first {n_small} weeks.",
    "The {org} expects demand for {thing} to double by {year2}.",
    "Engineers said the bridge over the river at {city} would need {n_small} months of work.",
    "The talks, held in {city}, ended without an agreement on {thing}.",
    "Under the plan, {people} in {country} would receive {money} each year.",
    "The company employs {n} {people} at its plant outside {city}.",
    "Hospitals in {city} reported {n} admissions linked to the heatwave.",
    "The measure passed by {n_small} votes after a debate that lasted into the evening.",
    "Data from the {org} suggest the trend began well before {year}.",
    "Shipping through the port of {city} fell by {pct} percent in the third quarter.",
    "The authority said the rise reflected higher energy costs and a shortage of {people}.",
    "A consultation on {thing} will run until {day} {month} {year2}.",
    "Opposition members in {country} called the timetable unrealistic.",
    "The {org} has not said how many {people} will be affected.",
    "Rail operators in {country} carried {n} passengers over the holiday period.",
    "The plan for {thing} was revised {n_small} times before it reached the council.",
    "An independent review found that {pct} percent of the budget had gone on consultants.",
    "The regulator fined the operator {money} for missing its targets in {year}.",
    "Since {year}, the population of {city} has grown by roughly {n} people.",
    "The {org} warned that {thing} could close within {n_small} months without new money.",
    "A spokesperson for the {org} declined to comment on the figures.",
    "Local papers in {city} first reported the shortfall in {month}.",
    "The vote followed {n_small} weeks of negotiations between the parties.",
    "In {city2}, a similar scheme was dropped after {n_small} years.",
    "The average rent in {city} now takes {pct} percent of a nurse’s salary.",
    "The {org} is due to publish its annual accounts on {day} {month}.",
    "Construction firms in {country} reported {n} unfilled vacancies.",
    "The fund will be managed by the {org} and audited every year.",
    "Campaigners in {city} have collected {n} signatures since {month}.",
    "The project’s budget was set at {money} when it was approved in {year}.",
    "Exports of coffee from {country} rose to a record in {year}.",
    "The storm brought down power lines across {n_small} districts around {city}.",
    "Police in {city} said {n_small} people had been detained after the march.",
    "Only {pct} percent of the promised {thing} has been delivered, the audit said.",
    "The university of {city} will open a campus in {city2} in {year2}.",
    "Ministers from {country} and {country2} signed the agreement in {city}.",
    "The {org} says the number of {people} waiting has fallen for {n_small} months in a row.",
    "Flights from {city} were delayed for several hours by fog.",
    "A court in {city} is expected to rule on the case in {month}.",
    "The shortfall is equivalent to {money} for every household in the district.",
    "Demand for {thing} has outstripped supply in {city} for {n_small} years.",
)
# Words inside quoted speech.
QUOTES = (
    "We have done what we promised and the numbers show it",
    "Nobody here expected the bill to be this large",
    "This is a question of fairness for the people who live here",
    "We will not accept a plan that leaves the poorest households behind",
    "The money is there, but it has to reach the places that need it",
    "I have lived in {city} all my life and I have never seen anything like this",
    "Our staff have worked through the night to keep the service running",
    "It is too early to say whether the measures are working",
    "We asked for a meeting in {month} and we are still waiting",
    "These are families who have done everything right and still cannot cope",
    "The evidence points clearly in one direction",
    "We want a decision, not another consultation",
    "There is no quick fix for a problem that took decades to build",
    "Every week of delay costs the city money it does not have",
    "We are proud of what the volunteers achieved",
    "The rules were written for a different era",
    "If the funding stops, the clinic closes",
    "I think people deserve a straight answer",
    "We are looking at every option, including legal action",
    "It was the hardest season we have had in twenty years",
    "We were told the work would take six months, and it has taken three years",
    "Nobody has explained where the money went",
    "The staff are exhausted and the patients can see it",
    "We will go back to the table as soon as there is something to discuss",
    "I would like to see the minister come here and ride the bus at seven in the morning",
    "This decision was made by people who will never have to live with it",
    "We have asked the same question at every meeting since {month}",
    "The water is cleaner than it was, but the job is not finished",
    "My grandmother farmed this land and so did her mother",
    "We need builders, electricians and plumbers, and we need them now",
    "Honestly, the numbers surprised us as much as anyone",
    "There is a limit to what a small charity can do",
    "The port has been the heart of {city} for two centuries",
    "We did not take this step lightly",
    "People are choosing between heating and eating",
    "The court has given us a clear instruction and we will follow it",
    "It feels as if the whole street has been forgotten",
    "Our members voted for this, and we will hold the line",
    "The market will recover, but not this year",
    "Every child in {city} deserves a school with a working roof",
)
THINGS = (
    "the new tram line", "flood defences", "school meals", "social housing", "the ring road",
    "rural broadband", "the water treatment works", "public libraries", "cycle lanes",
    "the children’s hospital", "heating subsidies", "the harbour wall", "bus services",
    "the recycling centre", "teacher training", "the wind farm", "community clinics",
)
PEOPLE = (
    "residents", "commuters", "pensioners", "students", "nurses", "drivers", "tenants",
    "small businesses", "households", "workers", "patients", "volunteers", "families",
)
CURRENCIES = ("${n} million", "€{n} million", "£{n},000", "₦{n} billion", "₹{n} crore", "¥{n} million")
# Stock debris for the defect injectors.
BOILERPLATE = (
    "Advertisement", "Read more: {thing} plan faces fresh delay", "Scroll down for video",
    "Share this article", "Sign up to our newsletter", "RELATED ARTICLES",
)
NAV = ("Home", "News", "Politics", "Sport", "Business", "World", "Opinion", "Culture", "Facebook",
       "Twitter", "Subscribe", "Privacy Policy")
SECTION_LABELS = ("Politics.", "Business.", "World News.", "Sport.")
SCRIPT_LINES = (
    "window.dataLayer = window.dataLayer || [];",
    ".promo-banner { display: none; }",
    '{"@context": "https://schema.org", "@type": "NewsArticle"}',
    "googletag.cmd.push(function() { googletag.display('ad-slot-2'); });",
)
TAGS = ("<p>", "</p>", "</div>", "<br/>", "<span class=\"dropcap\">", "</span>")
ENTITIES = ("&nbsp;", "&amp;", "&#8217;", "&quot;", "&mdash;")
CAPTIONS = (
    "A volunteer hands out water to {people} waiting outside the station in {city}",
    "Photo: {first} {surname}/Reuters",
    "Crowds gather near the town hall as the results are read out",
    "Image: {first} {surname}/AFP via Getty Images",
)
BYLINES = (
    "By {first} {surname}, Political Correspondent", "By {first} {surname} in {city}",
    "{n_small} min read", "Updated 14:05 GMT",
)
RELATIVE = ("yesterday", "last night", "on Tuesday", "this week", "earlier today", "last Friday")
REPEATABLE = ("the", "a", "of", "to", "in", "and")
