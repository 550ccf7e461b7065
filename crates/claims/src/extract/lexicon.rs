//! The word list of the grammar: every word the extractor reacts to, reduced to a lemma (`W`) or
//! to a structured entry (spelled numbers, ordinals, scale words, months, weekdays, seasons).
//!
//! Lookup packs a word's lower-cased ASCII letters into a `u128` and probes a table built once,
//! so a word costs one hash and a few integer comparisons; words that are not in the list are
//! `Lex::Other`.

use std::sync::LazyLock;

/// What a word is to the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// Not in the list.
    Other,
    /// A spelled cardinal: zero … nineteen, twenty … ninety.
    Card(u8),
    /// A spelled ordinal: first … twentieth, thirtieth … hundredth.
    Ord(u8),
    /// hundred (2), thousand (3), million (6), billion (9).
    Scale(u8),
    /// January = 1 … December = 12.
    Month(u8),
    /// Monday = 0 … Sunday = 6.
    Weekday(u8),
    /// spring = 0, summer = 1, autumn = 2, winter = 3.
    Season(u8),
    /// A vague amount: tens (1), dozens (12), hundreds (2), thousands (3), millions (6).
    Vague(u8),
    /// dozen.
    Dozen,
    /// half.
    Half,
    /// Any other known word, by lemma.
    W(W),
}

/// The lemmas the grammar knows (inflected forms share one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs, clippy::enum_variant_names)]
pub(crate) enum W {
    // determiners, prepositions, conjunctions, pronouns
    A,
    The,
    Of,
    In,
    On,
    At,
    To,
    By,
    For,
    With,
    From,
    Since,
    Over,
    During,
    Between,
    And,
    Or,
    But,
    Than,
    As,
    Into,
    Until,
    Through,
    Within,
    Among,
    After,
    Before,
    Ago,
    Earlier,
    Previous,
    Next,
    Last,
    This,
    That,
    Its,
    It,
    Which,
    When,
    While,
    So,
    Far,
    Alone,
    Only,
    Also,
    Already,
    Still,
    Now,
    Just,
    Be,
    Have,
    Will,
    Per,
    Each,
    Every,
    Single,
    Another,
    More,
    Most,
    Many,
    Some,
    Other,
    Own,
    Both,
    Any,
    Early,
    Point,
    Odd,
    Down,
    Weekend,
    Institute,
    Study,
    Them,
    All,
    Making,
    Short,
    Shy,
    Closing,
    Little,
    Something,
    Like,
    Together,
    Overall,
    Altogether,
    Respectively,
    Apiece,
    Whole,
    Entire,
    // qualifiers
    About,
    Around,
    Approximately,
    Roughly,
    Nearly,
    Almost,
    Close,
    Well,
    Under,
    Below,
    Above,
    Fewer,
    Less,
    Least,
    No,
    Up,
    Excess,
    Upwards,
    Exceed,
    Surpass,
    Top,
    Pass,
    Past,
    Beyond,
    Reach,
    Cross,
    Estimated,
    Order,
    // calendar and periods
    Day,
    Week,
    MonthW,
    Year,
    Quarter,
    Period,
    Hour,
    Today,
    Yesterday,
    Overnight,
    Morning,
    Start,
    End,
    Calendar,
    Anniversary,
    Report,
    Daily,
    Weekly,
    Monthly,
    Annual,
    Average,
    Rate,
    Pace,
    Time,
    Full,
    ScaleW,
    Invasion,
    War,
    Began,
    Incursion,
    Mobilise,
    Call,
    Conscript,
    Draft,
    // ranks and projections
    Record,
    Peak,
    Rank,
    Came,
    Highest,
    Worst,
    Deadliest,
    Bloodiest,
    Costliest,
    Heaviest,
    Biggest,
    Lowest,
    Fewest,
    Smallest,
    Quietest,
    Best,
    Runner,
    Position,
    Ever,
    Behind,
    Same,
    Course,
    Track,
    Set,
    Expect,
    Finish,
    Overtake,
    // equipment
    Tank,
    Armoured,
    Armour,
    Combat,
    Fighting,
    Personnel,
    Carrier,
    Vehicle,
    Infantry,
    Apc,
    Artillery,
    System,
    Gun,
    Howitzer,
    Piece,
    Mlrs,
    Multiple,
    Rocket,
    Launcher,
    Launch,
    Air,
    Defence,
    Anti,
    Aircraft,
    Plane,
    Helicopter,
    Drone,
    Unmanned,
    Aerial,
    Cruise,
    Missile,
    Ship,
    Landing,
    Submarine,
    Truck,
    Fuel,
    Tanker,
    Special,
    Equipment,
    Ground,
    Robotic,
    Operational,
    Tactical,
    Level,
    // people and losses
    Troop,
    /// "occupiers", "invaders": the General Staff's word for Russian soldiers.
    Occupier,
    People,
    Kill,
    Dead,
    Death,
    Die,
    Wound,
    Capture,
    Missing,
    Casualty,
    Loss,
    Lose,
    Suffer,
    Liquidate,
    Destroy,
    Action,
    Toll,
    Tally,
    Count,
    Counted,
    Total,
    Cumulative,
    Running,
    Figure,
    Number,
    Cost,
    Name,
    Named,
    Confirm,
    // recruitment
    Recruit,
    Contract,
    Signed,
    Reservist,
    Uniform,
    // sides
    Russian,
    Ukrainian,
    Russia,
    Ukraine,
    Kyiv,
    Moscow,
    Kremlin,
    Putin,
    Korean,
    Enemy,
    Force,
    // sources
    General,
    Staff,
    Ministry,
    Minister,
    Intelligence,
    Central,
    Current,
    Form,
    Uk,
    Us,
    Nato,
    Cia,
    Pentagon,
    Isw,
    Csis,
    Official,
    Western,
    Bbc,
    Mediazona,
    Meduza,
    Oryx,
    Zelensky,
    Syrskyi,
    Commander,
    Chief,
    Estimate,
    Independent,
    Researcher,
    Say,
    According,
    They,
    Military,
    // verbs around counts
    Rose,
    Added,
    Totalled,
    Fell,
    Stand,
    Given,
    Put,
    Bring,
    Accounted,
    Deployed,
    // not losses
    Civilian,
    Population,
    Km,
    Currency,
    Percent,
    Cent,
    Budget,
    Gdp,
    Bonus,
    Aged,
    Old,
    Place,
    Assault,
    Times,
    Young,
    New,
    Additional,
    // conventions
    Method,
    Publication,
    Date,
    Dated,
    Backlog,
    Correction,
    Net,
    Excluding,
    Former,
    Latter,
    Instead,
    // milestones
    Mark,
    Counting,
}

impl W {
    /// A superlative that can state a rank ("the deadliest month", "the fewest").
    pub(crate) const fn is_superlative(self) -> bool {
        matches!(
            self,
            W::Highest
                | W::Worst
                | W::Deadliest
                | W::Bloodiest
                | W::Costliest
                | W::Heaviest
                | W::Biggest
                | W::Lowest
                | W::Fewest
                | W::Smallest
                | W::Quietest
                | W::Best
                | W::Most
        )
    }

    /// A word that marks the number beside it as something other than a loss (civilians,
    /// populations, distances, money, percentages, ages, places, attacks, counts of times,
    /// deployed North Koreans).
    pub(crate) const fn blocks_a_claim(self) -> bool {
        matches!(
            self,
            W::Civilian
                | W::Population
                | W::Km
                | W::Currency
                | W::Percent
                | W::Budget
                | W::Gdp
                | W::Bonus
                | W::Aged
                | W::Place
                | W::Assault
                | W::Times
                | W::Korean
        )
    }
}

pub(crate) const WORDS: &[(&str, Lex)] = &{
    use Lex::{Card, Month, Ord, Scale, Season, Weekday};
    use W::*;
    const fn w(x: W) -> Lex {
        Lex::W(x)
    }
    [
        // spelled numbers
        ("zero", Card(0)),
        ("one", Card(1)),
        ("two", Card(2)),
        ("three", Card(3)),
        ("four", Card(4)),
        ("five", Card(5)),
        ("six", Card(6)),
        ("seven", Card(7)),
        ("eight", Card(8)),
        ("nine", Card(9)),
        ("ten", Card(10)),
        ("eleven", Card(11)),
        ("twelve", Card(12)),
        ("thirteen", Card(13)),
        ("fourteen", Card(14)),
        ("fifteen", Card(15)),
        ("sixteen", Card(16)),
        ("seventeen", Card(17)),
        ("eighteen", Card(18)),
        ("nineteen", Card(19)),
        ("twenty", Card(20)),
        ("thirty", Card(30)),
        ("forty", Card(40)),
        ("fifty", Card(50)),
        ("sixty", Card(60)),
        ("seventy", Card(70)),
        ("eighty", Card(80)),
        ("ninety", Card(90)),
        ("first", Ord(1)),
        ("second", Ord(2)),
        ("third", Ord(3)),
        ("fourth", Ord(4)),
        ("fifth", Ord(5)),
        ("sixth", Ord(6)),
        ("seventh", Ord(7)),
        ("eighth", Ord(8)),
        ("ninth", Ord(9)),
        ("tenth", Ord(10)),
        ("eleventh", Ord(11)),
        ("twelfth", Ord(12)),
        ("thirteenth", Ord(13)),
        ("fourteenth", Ord(14)),
        ("fifteenth", Ord(15)),
        ("sixteenth", Ord(16)),
        ("seventeenth", Ord(17)),
        ("eighteenth", Ord(18)),
        ("nineteenth", Ord(19)),
        ("twentieth", Ord(20)),
        ("thirtieth", Ord(30)),
        ("fortieth", Ord(40)),
        ("fiftieth", Ord(50)),
        ("hundredth", Ord(100)),
        ("hundred", Scale(2)),
        ("tens", Lex::Vague(1)),
        ("dozens", Lex::Vague(12)),
        ("hundreds", Lex::Vague(2)),
        ("thousands", Lex::Vague(3)),
        ("millions", Lex::Vague(6)),
        ("dozen", Lex::Dozen),
        ("half", Lex::Half),
        ("thousand", Scale(3)),
        ("million", Scale(6)),
        ("mln", Scale(6)),
        ("mn", Scale(6)),
        ("billion", Scale(9)),
        ("bn", Scale(9)),
        // months and days
        ("january", Month(1)),
        ("jan", Month(1)),
        ("february", Month(2)),
        ("feb", Month(2)),
        ("march", Month(3)),
        ("april", Month(4)),
        ("apr", Month(4)),
        ("may", Month(5)),
        ("june", Month(6)),
        ("jun", Month(6)),
        ("july", Month(7)),
        ("jul", Month(7)),
        ("august", Month(8)),
        ("aug", Month(8)),
        ("september", Month(9)),
        ("sep", Month(9)),
        ("sept", Month(9)),
        ("october", Month(10)),
        ("oct", Month(10)),
        ("november", Month(11)),
        ("nov", Month(11)),
        ("december", Month(12)),
        ("dec", Month(12)),
        ("monday", Weekday(0)),
        ("tuesday", Weekday(1)),
        ("wednesday", Weekday(2)),
        ("thursday", Weekday(3)),
        ("friday", Weekday(4)),
        ("saturday", Weekday(5)),
        ("sunday", Weekday(6)),
        ("spring", Season(0)),
        ("summer", Season(1)),
        ("autumn", Season(2)),
        ("fall", Season(2)),
        ("winter", Season(3)),
        // function words
        ("a", w(A)),
        ("an", w(A)),
        ("the", w(The)),
        ("of", w(Of)),
        ("in", w(In)),
        ("on", w(On)),
        ("at", w(At)),
        ("to", w(To)),
        ("by", w(By)),
        ("for", w(For)),
        ("with", w(With)),
        ("from", w(From)),
        ("since", w(Since)),
        ("over", w(Over)),
        ("during", w(During)),
        ("across", w(Over)),
        ("throughout", w(Over)),
        ("between", w(Between)),
        ("and", w(And)),
        ("or", w(Or)),
        ("but", w(But)),
        ("than", w(Than)),
        ("as", w(As)),
        ("into", w(Into)),
        ("until", w(Until)),
        ("till", w(Until)),
        ("through", w(Through)),
        ("within", w(Within)),
        ("among", w(Among)),
        ("amongst", w(Among)),
        ("after", w(After)),
        ("before", w(Before)),
        ("ago", w(Ago)),
        ("earlier", w(Earlier)),
        ("previous", w(Previous)),
        ("preceding", w(Previous)),
        ("prior", w(Previous)),
        ("next", w(Next)),
        ("last", w(Last)),
        ("final", w(Last)),
        ("period", w(Period)),
        ("this", w(This)),
        ("that", w(That)),
        ("its", w(Its)),
        ("their", w(Its)),
        ("his", w(Its)),
        ("her", w(Its)),
        ("it", w(It)),
        ("who", w(Which)),
        ("when", w(When)),
        ("while", w(While)),
        ("whereas", w(While)),
        ("so", w(So)),
        ("far", w(Far)),
        ("alone", w(Alone)),
        ("only", w(Only)),
        ("also", w(Also)),
        ("already", w(Already)),
        ("still", w(Still)),
        ("now", w(Now)),
        ("just", w(Just)),
        ("is", w(Be)),
        ("was", w(Be)),
        ("were", w(Be)),
        ("are", w(Be)),
        ("be", w(Be)),
        ("been", w(Be)),
        ("being", w(Be)),
        ("has", w(Have)),
        ("have", w(Have)),
        ("had", w(Have)),
        ("having", w(Have)),
        ("will", w(Will)),
        ("would", w(Will)),
        ("could", w(Will)),
        ("might", w(Will)),
        ("can", w(Will)),
        ("should", w(Will)),
        ("shall", w(Will)),
        ("per", w(Per)),
        ("each", w(Each)),
        ("every", w(Every)),
        ("single", w(Single)),
        ("another", w(Another)),
        ("more", w(More)),
        ("most", w(Most)),
        ("many", w(Many)),
        ("much", w(Many)),
        ("some", w(Some)),
        ("other", w(Other)),
        ("own", w(Own)),
        ("both", w(Both)),
        ("any", w(Any)),
        ("early", w(Early)),
        ("late", w(Early)),
        ("mid", w(Early)),
        ("point", w(Point)),
        ("odd", w(Odd)),
        ("down", w(Down)),
        ("weekend", w(Weekend)),
        ("ending", w(Until)),
        ("ended", w(Until)),
        ("institute", w(Institute)),
        ("study", w(Study)),
        ("them", w(Them)),
        ("those", w(Them)),
        ("whom", w(Them)),
        ("which", w(Which)),
        ("all", w(All)),
        ("making", w(Making)),
        ("short", w(Short)),
        ("shy", w(Shy)),
        ("closing", w(Closing)),
        ("little", w(Little)),
        ("something", w(Something)),
        ("like", w(Like)),
        ("together", w(Together)),
        ("overall", w(Overall)),
        ("altogether", w(Altogether)),
        ("respectively", w(Respectively)),
        ("apiece", w(Apiece)),
        ("whole", w(Whole)),
        ("entire", w(Entire)),
        // qualifiers
        ("about", w(About)),
        ("around", w(Around)),
        ("approximately", w(Approximately)),
        ("approx", w(Approximately)),
        ("circa", w(Approximately)),
        ("roughly", w(Roughly)),
        ("nearly", w(Nearly)),
        ("approaching", w(Nearly)),
        ("nearing", w(Nearly)),
        ("almost", w(Almost)),
        ("close", w(Close)),
        ("well", w(Well)),
        ("under", w(Under)),
        ("below", w(Below)),
        ("above", w(Above)),
        ("fewer", w(Fewer)),
        ("less", w(Less)),
        ("least", w(Least)),
        ("no", w(No)),
        ("up", w(Up)),
        ("excess", w(Excess)),
        ("upwards", w(Upwards)),
        ("upward", w(Upwards)),
        ("exceed", w(Exceed)),
        ("exceeds", w(Exceed)),
        ("exceeded", w(Exceed)),
        ("exceeding", w(Exceed)),
        ("surpass", w(Surpass)),
        ("surpasses", w(Surpass)),
        ("surpassed", w(Surpass)),
        ("surpassing", w(Surpass)),
        ("top", w(Top)),
        ("tops", w(Top)),
        ("topped", w(Top)),
        ("topping", w(Top)),
        ("pass", w(Pass)),
        ("passes", w(Pass)),
        ("passed", w(Pass)),
        ("passing", w(Pass)),
        ("break", w(Pass)),
        ("breaks", w(Pass)),
        ("past", w(Past)),
        ("beyond", w(Beyond)),
        ("reach", w(Reach)),
        ("reaches", w(Reach)),
        ("reached", w(Reach)),
        ("reaching", w(Reach)),
        ("hit", w(Reach)),
        ("hits", w(Reach)),
        ("cross", w(Cross)),
        ("crosses", w(Cross)),
        ("crossed", w(Cross)),
        ("crossing", w(Cross)),
        ("estimated", w(Estimated)),
        ("order", w(Order)),
        // calendar
        ("day", w(Day)),
        ("days", w(Day)),
        ("week", w(Week)),
        ("fortnight", w(Week)),
        ("weeks", w(Week)),
        ("month", w(MonthW)),
        ("months", w(MonthW)),
        ("year", w(Year)),
        ("years", w(Year)),
        ("quarter", w(Quarter)),
        ("quarters", w(Quarter)),
        ("hour", w(Hour)),
        ("hours", w(Hour)),
        ("minutes", w(Hour)),
        ("today", w(Today)),
        ("yesterday", w(Yesterday)),
        ("overnight", w(Overnight)),
        ("morning", w(Morning)),
        ("start", w(Start)),
        ("beginning", w(Start)),
        ("outset", w(Start)),
        ("end", w(End)),
        ("calendar", w(Calendar)),
        ("anniversary", w(Anniversary)),
        ("anniversaries", w(Anniversary)),
        ("report", w(Report)),
        ("reports", w(Report)),
        ("update", w(Report)),
        ("updates", w(Report)),
        ("statement", w(Report)),
        ("bulletin", w(Report)),
        ("briefing", w(Report)),
        ("daily", w(Daily)),
        ("weekly", w(Weekly)),
        ("monthly", w(Monthly)),
        ("annual", w(Annual)),
        ("annually", w(Annual)),
        ("yearly", w(Annual)),
        ("average", w(Average)),
        ("averages", w(Average)),
        ("averaged", w(Average)),
        ("averaging", w(Average)),
        ("rate", w(Rate)),
        ("pace", w(Pace)),
        ("time", w(Time)),
        ("full", w(Full)),
        ("scale", w(ScaleW)),
        ("invasion", w(Invasion)),
        ("invaded", w(Invasion)),
        ("war", w(War)),
        ("began", w(Began)),
        ("begun", w(Began)),
        ("begin", w(Began)),
        ("started", w(Began)),
        ("launching", w(Began)),
        ("incursion", w(Incursion)),
        ("rolled", w(Began)),
        ("offensive", w(Incursion)),
        ("mobilised", w(Mobilise)),
        ("mobilized", w(Mobilise)),
        ("mobilisation", w(Mobilise)),
        ("mobilization", w(Mobilise)),
        ("mobilising", w(Mobilise)),
        ("mobilizing", w(Mobilise)),
        ("mobilise", w(Mobilise)),
        ("mobilize", w(Mobilise)),
        ("call", w(Call)),
        ("called", w(Call)),
        ("calling", w(Call)),
        ("conscripts", w(Conscript)),
        ("conscript", w(Conscript)),
        ("conscripted", w(Conscript)),
        ("conscription", w(Conscript)),
        ("draftees", w(Conscript)),
        ("drafted", w(Conscript)),
        ("draft", w(Draft)),
        // ranks and projections
        ("record", w(Record)),
        ("peak", w(Peak)),
        ("peaked", w(Peak)),
        ("runner", w(Runner)),
        ("place", w(Position)),
        ("spot", w(Position)),
        ("ever", w(Ever)),
        ("behind", w(Behind)),
        ("same", w(Same)),
        ("ranked", w(Rank)),
        ("ranks", w(Rank)),
        ("came", w(Came)),
        ("comes", w(Came)),
        ("highest", w(Highest)),
        ("worst", w(Worst)),
        ("deadliest", w(Deadliest)),
        ("bloodiest", w(Bloodiest)),
        ("costliest", w(Costliest)),
        ("heaviest", w(Heaviest)),
        ("biggest", w(Biggest)),
        ("largest", w(Biggest)),
        ("greatest", w(Biggest)),
        ("lowest", w(Lowest)),
        ("fewest", w(Fewest)),
        ("smallest", w(Smallest)),
        ("quietest", w(Quietest)),
        ("lightest", w(Quietest)),
        ("best", w(Best)),
        ("course", w(Course)),
        ("track", w(Track)),
        ("set", w(Set)),
        ("expected", w(Expect)),
        ("projected", w(Expect)),
        ("likely", w(Expect)),
        ("poised", w(Expect)),
        ("expect", w(Expect)),
        ("expects", w(Expect)),
        ("predict", w(Expect)),
        ("predicts", w(Expect)),
        ("predicted", w(Expect)),
        ("forecasts", w(Expect)),
        ("probably", w(Expect)),
        ("finish", w(Finish)),
        ("overtake", w(Overtake)),
        // equipment
        ("tank", w(Tank)),
        ("tanks", w(Tank)),
        ("armoured", w(Armoured)),
        ("armored", w(Armoured)),
        ("armour", w(Armour)),
        ("armor", w(Armour)),
        ("combat", w(Combat)),
        ("fighting", w(Fighting)),
        ("personnel", w(Personnel)),
        ("carrier", w(Carrier)),
        ("carriers", w(Carrier)),
        ("vehicle", w(Vehicle)),
        ("vehicles", w(Vehicle)),
        ("infantry", w(Infantry)),
        ("apc", w(Apc)),
        ("apcs", w(Apc)),
        ("ifv", w(Apc)),
        ("ifvs", w(Apc)),
        ("afv", w(Apc)),
        ("afvs", w(Apc)),
        ("bmps", w(Apc)),
        ("btrs", w(Apc)),
        ("artillery", w(Artillery)),
        ("system", w(System)),
        ("systems", w(System)),
        ("gun", w(Gun)),
        ("guns", w(Gun)),
        ("howitzer", w(Howitzer)),
        ("howitzers", w(Howitzer)),
        ("piece", w(Piece)),
        ("pieces", w(Piece)),
        ("mlrs", w(Mlrs)),
        ("mrl", w(Mlrs)),
        ("mrls", w(Mlrs)),
        ("multiple", w(Multiple)),
        ("rocket", w(Rocket)),
        ("launcher", w(Launcher)),
        ("launchers", w(Launcher)),
        ("launch", w(Launch)),
        ("air", w(Air)),
        ("defence", w(Defence)),
        ("defense", w(Defence)),
        ("anti", w(Anti)),
        ("aircraft", w(Aircraft)),
        ("plane", w(Plane)),
        ("planes", w(Plane)),
        ("warplane", w(Plane)),
        ("warplanes", w(Plane)),
        ("jet", w(Plane)),
        ("jets", w(Plane)),
        ("bomber", w(Plane)),
        ("bombers", w(Plane)),
        ("helicopter", w(Helicopter)),
        ("helicopters", w(Helicopter)),
        ("drone", w(Drone)),
        ("drones", w(Drone)),
        ("uav", w(Drone)),
        ("uavs", w(Drone)),
        ("unmanned", w(Unmanned)),
        ("aerial", w(Aerial)),
        ("cruise", w(Cruise)),
        ("missile", w(Missile)),
        ("missiles", w(Missile)),
        ("ship", w(Ship)),
        ("ships", w(Ship)),
        ("warship", w(Ship)),
        ("warships", w(Ship)),
        ("boat", w(Ship)),
        ("boats", w(Ship)),
        ("vessel", w(Ship)),
        ("vessels", w(Ship)),
        ("landing", w(Landing)),
        ("submarine", w(Submarine)),
        ("submarines", w(Submarine)),
        ("truck", w(Truck)),
        ("trucks", w(Truck)),
        ("lorries", w(Truck)),
        ("fuel", w(Fuel)),
        ("tanker", w(Tanker)),
        ("tankers", w(Tanker)),
        ("special", w(Special)),
        ("equipment", w(Equipment)),
        ("hardware", w(Equipment)),
        ("ground", w(Ground)),
        ("robotic", w(Robotic)),
        ("robots", w(Robotic)),
        ("operational", w(Operational)),
        ("tactical", w(Tactical)),
        ("level", w(Level)),
        // people and losses
        ("troops", w(Troop)),
        ("troop", w(Troop)),
        ("soldiers", w(Troop)),
        ("soldier", w(Troop)),
        ("servicemen", w(Troop)),
        ("servicemembers", w(Troop)),
        ("men", w(Troop)),
        ("invaders", w(Occupier)),
        ("occupiers", w(Occupier)),
        ("occupants", w(Occupier)),
        ("orcs", w(Occupier)),
        ("russists", w(Occupier)),
        ("fighters", w(Troop)),
        ("mercenaries", w(Troop)),
        ("marines", w(Troop)),
        ("paratroopers", w(Troop)),
        ("infantrymen", w(Troop)),
        ("convicts", w(Troop)),
        ("russians", w(Troop)),
        ("ukrainians", w(Troop)),
        ("people", w(People)),
        ("persons", w(People)),
        ("individuals", w(People)),
        ("killed", w(Kill)),
        ("kill", w(Kill)),
        ("kills", w(Kill)),
        ("killing", w(Kill)),
        ("dead", w(Dead)),
        ("death", w(Death)),
        ("deaths", w(Death)),
        ("fatalities", w(Death)),
        ("died", w(Die)),
        ("lives", w(Death)),
        ("exterminated", w(Kill)),
        ("die", w(Die)),
        ("dying", w(Die)),
        ("wounded", w(Wound)),
        ("injured", w(Wound)),
        ("injuring", w(Wound)),
        ("wounding", w(Wound)),
        ("captured", w(Capture)),
        ("prisoners", w(Capture)),
        ("pows", w(Capture)),
        ("captives", w(Capture)),
        ("missing", w(Missing)),
        ("casualties", w(Casualty)),
        ("casualty", w(Casualty)),
        ("loss", w(Loss)),
        ("losses", w(Loss)),
        ("lost", w(Lose)),
        ("lose", w(Lose)),
        ("loses", w(Lose)),
        ("losing", w(Lose)),
        ("suffered", w(Suffer)),
        ("suffer", w(Suffer)),
        ("suffers", w(Suffer)),
        ("suffering", w(Suffer)),
        ("sustained", w(Suffer)),
        ("liquidated", w(Liquidate)),
        ("eliminated", w(Liquidate)),
        ("neutralised", w(Liquidate)),
        ("neutralized", w(Liquidate)),
        ("destroyed", w(Destroy)),
        ("destroy", w(Destroy)),
        ("destroying", w(Destroy)),
        ("wiped", w(Destroy)),
        ("downed", w(Destroy)),
        ("shot", w(Destroy)),
        ("knocked", w(Destroy)),
        ("action", w(Action)),
        ("toll", w(Toll)),
        ("tally", w(Tally)),
        ("tallies", w(Tally)),
        ("count", w(Count)),
        ("counted", w(Counted)),
        ("recorded", w(Counted)),
        ("logged", w(Counted)),
        ("registered", w(Counted)),
        ("lists", w(Counted)),
        ("listed", w(Counted)),
        ("total", w(Total)),
        ("totals", w(Total)),
        ("totalled", w(Totalled)),
        ("totaled", w(Totalled)),
        ("totalling", w(Totalled)),
        ("amounted", w(Totalled)),
        ("cumulative", w(Cumulative)),
        ("running", w(Running)),
        ("figure", w(Figure)),
        ("figures", w(Figure)),
        ("number", w(Number)),
        ("cost", w(Cost)),
        ("name", w(Name)),
        ("named", w(Named)),
        ("names", w(Named)),
        ("confirmed", w(Confirm)),
        ("identified", w(Confirm)),
        ("verified", w(Confirm)),
        ("documented", w(Confirm)),
        // recruitment
        ("recruited", w(Recruit)),
        ("recruits", w(Recruit)),
        ("recruit", w(Recruit)),
        ("recruiting", w(Recruit)),
        ("recruitment", w(Recruit)),
        ("enlisted", w(Recruit)),
        ("volunteers", w(Recruit)),
        ("contract", w(Contract)),
        ("contracts", w(Contract)),
        ("signed", w(Signed)),
        ("reservists", w(Reservist)),
        ("reservist", w(Reservist)),
        ("uniform", w(Uniform)),
        // sides
        ("russian", w(Russian)),
        ("ukrainian", w(Ukrainian)),
        ("russia", w(Russia)),
        ("ukraine", w(Ukraine)),
        ("kyiv", w(Kyiv)),
        ("kiev", w(Kyiv)),
        ("moscow", w(Moscow)),
        ("kremlin", w(Kremlin)),
        ("putin", w(Putin)),
        ("korean", w(Korean)),
        ("koreans", w(Korean)),
        ("enemy", w(Enemy)),
        ("force", w(Force)),
        ("forces", w(Force)),
        ("army", w(Force)),
        ("armies", w(Force)),
        // sources
        ("general", w(General)),
        ("staff", w(Staff)),
        ("ministry", w(Ministry)),
        ("mod", w(Ministry)),
        ("minister", w(Minister)),
        ("intelligence", w(Intelligence)),
        ("central", w(Central)),
        ("current", w(Current)),
        ("form", w(Form)),
        ("uk", w(Uk)),
        ("britain", w(Uk)),
        ("british", w(Uk)),
        ("us", w(Us)),
        ("american", w(Us)),
        ("nato", w(Nato)),
        ("cia", w(Cia)),
        ("pentagon", w(Pentagon)),
        ("isw", w(Isw)),
        ("csis", w(Csis)),
        ("official", w(Official)),
        ("officials", w(Official)),
        ("western", w(Western)),
        ("bbc", w(Bbc)),
        ("mediazona", w(Mediazona)),
        ("meduza", w(Meduza)),
        ("oryx", w(Oryx)),
        ("zelensky", w(Zelensky)),
        ("zelenskyy", w(Zelensky)),
        ("syrskyi", w(Syrskyi)),
        ("commander", w(Commander)),
        ("chief", w(Chief)),
        ("estimate", w(Estimate)),
        ("estimates", w(Estimate)),
        ("independent", w(Independent)),
        ("researchers", w(Researcher)),
        ("analysts", w(Researcher)),
        ("says", w(Say)),
        ("saying", w(Say)),
        ("reckon", w(Say)),
        ("reckons", w(Say)),
        ("said", w(Say)),
        ("say", w(Say)),
        ("claims", w(Say)),
        ("claimed", w(Say)),
        ("claim", w(Say)),
        ("reported", w(Say)),
        ("announced", w(Say)),
        ("stated", w(Say)),
        ("told", w(Say)),
        ("insists", w(Say)),
        ("quoted", w(Say)),
        ("shows", w(Say)),
        ("show", w(Say)),
        ("according", w(According)),
        ("they", w(They)),
        ("military", w(Military)),
        // verbs around counts
        ("rose", w(Rose)),
        ("risen", w(Rose)),
        ("rise", w(Rose)),
        ("rises", w(Rose)),
        ("grew", w(Rose)),
        ("grown", w(Rose)),
        ("grow", w(Rose)),
        ("increased", w(Rose)),
        ("increase", w(Rose)),
        ("climbed", w(Rose)),
        ("jumped", w(Rose)),
        ("added", w(Added)),
        ("adds", w(Added)),
        ("fell", w(Fell)),
        ("dropped", w(Fell)),
        ("declined", w(Fell)),
        ("decreased", w(Fell)),
        ("stands", w(Stand)),
        ("stood", w(Stand)),
        ("standing", w(Stand)),
        ("given", w(Given)),
        ("put", w(Put)),
        ("puts", w(Put)),
        ("putting", w(Put)),
        ("bringing", w(Bring)),
        ("brought", w(Bring)),
        ("brings", w(Bring)),
        ("taking", w(Bring)),
        ("accounted", w(Accounted)),
        ("deployed", w(Deployed)),
        ("trained", w(Deployed)),
        ("sent", w(Deployed)),
        ("stationed", w(Deployed)),
        ("launched", w(Deployed)),
        ("fired", w(Deployed)),
        ("delivered", w(Deployed)),
        ("supplied", w(Deployed)),
        ("produced", w(Deployed)),
        ("manufactured", w(Deployed)),
        ("produces", w(Deployed)),
        ("arrived", w(Deployed)),
        ("massed", w(Deployed)),
        // not losses
        ("civilians", w(Civilian)),
        ("civilian", w(Civilian)),
        ("children", w(Civilian)),
        ("residents", w(Civilian)),
        ("inhabitants", w(Civilian)),
        ("refugees", w(Civilian)),
        ("population", w(Population)),
        ("km", w(Km)),
        ("kilometres", w(Km)),
        ("kilometers", w(Km)),
        ("kilometre", w(Km)),
        ("miles", w(Km)),
        ("metres", w(Km)),
        ("meters", w(Km)),
        ("sq", w(Km)),
        ("hectares", w(Km)),
        ("roubles", w(Currency)),
        ("rubles", w(Currency)),
        ("rouble", w(Currency)),
        ("ruble", w(Currency)),
        ("dollars", w(Currency)),
        ("dollar", w(Currency)),
        ("euros", w(Currency)),
        ("euro", w(Currency)),
        ("hryvnias", w(Currency)),
        ("hryvnia", w(Currency)),
        ("pounds", w(Currency)),
        ("usd", w(Currency)),
        ("percent", w(Percent)),
        ("percentage", w(Percent)),
        ("cent", w(Cent)),
        ("budget", w(Budget)),
        ("spending", w(Budget)),
        ("gdp", w(Gdp)),
        ("bonus", w(Bonus)),
        ("bonuses", w(Bonus)),
        ("salary", w(Bonus)),
        ("salaries", w(Bonus)),
        ("payment", w(Bonus)),
        ("payments", w(Bonus)),
        ("price", w(Bonus)),
        ("prices", w(Bonus)),
        ("aged", w(Aged)),
        ("age", w(Aged)),
        ("ages", w(Aged)),
        ("old", w(Old)),
        ("regions", w(Place)),
        ("oblasts", w(Place)),
        ("countries", w(Place)),
        ("villages", w(Place)),
        ("towns", w(Place)),
        ("settlements", w(Place)),
        ("cities", w(Place)),
        ("axes", w(Place)),
        ("directions", w(Place)),
        ("assaults", w(Assault)),
        ("assault", w(Assault)),
        ("attacks", w(Assault)),
        ("strikes", w(Assault)),
        ("sorties", w(Assault)),
        ("shells", w(Assault)),
        ("rounds", w(Assault)),
        ("bombs", w(Assault)),
        ("clashes", w(Assault)),
        ("times", w(Times)),
        ("fold", w(Times)),
        ("young", w(Young)),
        ("new", w(New)),
        ("additional", w(Additional)),
        ("extra", w(Additional)),
        ("further", w(Additional)),
        // conventions
        ("method", w(Method)),
        ("methods", w(Method)),
        ("publication", w(Publication)),
        ("published", w(Publication)),
        ("date", w(Date)),
        ("dates", w(Date)),
        ("dated", w(Dated)),
        ("backlog", w(Backlog)),
        ("corrections", w(Correction)),
        ("correction", w(Correction)),
        ("net", w(Net)),
        ("excluding", w(Excluding)),
        ("removing", w(Excluding)),
        ("without", w(Excluding)),
        ("minus", w(Excluding)),
        ("former", w(Former)),
        ("latter", w(Latter)),
        ("instead", w(Instead)),
        ("rather", w(Instead)),
        ("mark", w(Mark)),
        ("milestone", w(Mark)),
        ("threshold", w(Mark)),
        ("barrier", w(Mark)),
        ("counting", w(Counting)),
    ]
};

/// Flags: what a token can take part in, so that each pass over a sentence skips the rest with
/// one test.
pub(crate) mod flag {
    /// A number in digits.
    pub const NUM: u32 = 1;
    /// A word that can begin a spelled number.
    pub const NUM_WORD: u32 = 1 << 1;
    /// A word a time expression can start with.
    pub const TIME_START: u32 = 1 << 2;
    /// A word that makes a time expression possible in the sentence.
    pub const TIME: u32 = 1 << 3;
    /// A word a metric phrase can start with.
    pub const METRIC_START: u32 = 1 << 4;
    /// A word a source can be named by.
    pub const SOURCE: u32 = 1 << 5;
    /// A word of losses ("killed", "losses", "bloodiest").
    pub const LOSS: u32 = 1 << 6;
    /// "tally", "count", "toll".
    pub const GENERIC: u32 = 1 << 7;
    /// A rank word ("highest", "record", "ranked").
    pub const RANK: u32 = 1 << 8;
    /// "confirmed", "identified".
    pub const CONFIRM: u32 = 1 << 9;
    /// "backlog", "corrections".
    pub const BACKLOG: u32 = 1 << 10;
    /// "excluding", "net of".
    pub const REMOVED: u32 = 1 << 11;
    /// Words of the report-day convention ("publication", "date", "dated", "name").
    pub const CONVENTION: u32 = 1 << 12;
    /// `?`.
    pub const QUESTION: u32 = 1 << 13;
    /// A spaced dash.
    pub const DASH: u32 = 1 << 14;
    /// A date in digits.
    pub const DATE_NUM: u32 = 1 << 15;
    /// A word of recruitment ("recruits", "contracts", "call-up", "mobilised").
    pub const RECRUIT: u32 = 1 << 16;
    /// Deployments, launches, deliveries.
    pub const DEPLOY: u32 = 1 << 17;
    /// "average", "daily", "weekly", "monthly", "annual": words that can make a figure before
    /// or after them a rate.
    pub const AVERAGE: u32 = 1 << 18;
    /// Words of projections ("course", "track", "set", "expected", "will").
    pub const PROJECTION: u32 = 1 << 19;
    /// `:`.
    pub const COLON: u32 = 1 << 20;
    /// Words of Ukraine's official reports ("liquidated", "occupiers", "the enemy"): with no
    /// other source named, the figure is the General Staff's.
    pub const OFFICIAL_WORDING: u32 = 1 << 21;
    /// "also": a sentence that continues the one before.
    pub const ALSO: u32 = 1 << 22;
    /// `;`.
    pub const SEMI: u32 = 1 << 23;
    /// `.`, `!`, `?`: where a sentence can end.
    pub const STOP: u32 = 1 << 24;
    /// A word whose meaning depends on its case (month names, "US"): see `tokens::fix_case`.
    pub const CASED: u32 = 1 << 25;
    /// A word that makes a figure a running total, an increment or a rate ("total", "toll",
    /// "rose", "added", "averaged"): the clause before a figure is searched for them only when
    /// the sentence has one.
    pub const TALLY_CUE: u32 = 1 << 26;
    /// A word a qualifier can end with, right before its number ("than", "about", "over",
    /// "least", "of"): a number after any other word is unqualified (`qualifiers::hedge`).
    pub const HEDGE_END: u32 = 1 << 27;
    /// Punctuation that closes a clause: comma, semicolon, colon, dash.
    pub const CLAUSE: u32 = 1 << 28;
}

/// The flags of a lexicon entry.
pub(crate) fn flags_of(lex: Lex) -> u32 {
    use flag::*;
    match lex {
        Lex::Other => 0,
        // an ordinal can state a rank ("second only to May")
        Lex::Ord(_) => NUM_WORD | RANK,
        Lex::Card(_) | Lex::Half | Lex::Vague(_) | Lex::Dozen => NUM_WORD,
        Lex::Scale(_) => 0,
        Lex::Month(_) => TIME | TIME_START | CASED,
        Lex::Weekday(_) | Lex::Season(_) => TIME | TIME_START,
        Lex::W(w) => {
            let mut f = 0;
            if matches!(
                w,
                W::Since
                    | W::By
                    | W::Before
                    | W::Until
                    | W::Between
                    | W::From
                    | W::In
                    | W::Over
                    | W::During
                    | W::For
                    | W::On
                    | W::Of
                    | W::At
                    | W::Through
                    | W::Within
                    | W::The
                    | W::Its
                    | W::This
                    | W::Last
                    | W::Past
                    | W::So
                    | W::Whole
                    | W::A
                    | W::Another
                    | W::Today
                    | W::Yesterday
                    | W::Overnight
                    | W::Calendar
                    | W::That
                    | W::As
            ) {
                f |= TIME_START;
            }
            if w == W::A {
                f |= NUM_WORD;
            }
            if matches!(
                w,
                W::Day
                    | W::Week
                    | W::MonthW
                    | W::Year
                    | W::Quarter
                    | W::Period
                    | W::Hour
                    | W::Today
                    | W::Yesterday
                    | W::Overnight
                    | W::Anniversary
                    | W::Since
                    | W::Invasion
                    | W::War
                    | W::Report
                    | W::Morning
                    | W::Incursion
                    | W::Mobilise
                    | W::Call
                    | W::Conscript
                    | W::Draft
                    | W::Weekend
                    | W::Ago
            ) {
                f |= TIME;
            }
            if matches!(
                w,
                W::Armoured
                    | W::Armour
                    | W::Infantry
                    | W::Apc
                    | W::Unmanned
                    | W::Operational
                    | W::Vehicle
                    | W::Truck
                    | W::Fuel
                    | W::Tanker
                    | W::Tank
                    | W::Artillery
                    | W::Howitzer
                    | W::Gun
                    | W::Mlrs
                    | W::Multiple
                    | W::Rocket
                    | W::Air
                    | W::Anti
                    | W::Aircraft
                    | W::Plane
                    | W::Helicopter
                    | W::Drone
                    | W::Cruise
                    | W::Missile
                    | W::Landing
                    | W::Ship
                    | W::Submarine
                    | W::Special
                    | W::Ground
                    | W::System
                    | W::Equipment
                    | W::Personnel
                    | W::Troop
                    | W::Occupier
                    | W::People
                    | W::Kill
                    | W::Dead
                    | W::Death
                    | W::Die
                    | W::Wound
                    | W::Capture
                    | W::Missing
                    | W::Casualty
                    | W::Loss
                    | W::Lose
                    | W::Liquidate
                    | W::Action
                    | W::Contract
                    | W::Recruit
                    | W::Conscript
                    | W::Draft
                    | W::Call
                    | W::Reservist
                    | W::Mobilise
                    | W::Tally
                    | W::Count
                    | W::Total
                    | W::Toll
                    | W::Figure
                    | W::Number
            ) || w.blocks_a_claim()
            {
                f |= METRIC_START;
            }
            if matches!(
                w,
                W::General
                    | W::Ministry
                    | W::Minister
                    | W::Intelligence
                    | W::Us
                    | W::Western
                    | W::Nato
                    | W::Cia
                    | W::Pentagon
                    | W::Isw
                    | W::Csis
                    | W::Oryx
                    | W::Bbc
                    | W::Meduza
                    | W::Mediazona
                    | W::Zelensky
                    | W::Syrskyi
                    | W::Commander
                    | W::Independent
                    | W::Kyiv
                    | W::Ukraine
                    | W::Ukrainian
                    | W::Force
                    | W::Moscow
                    | W::Kremlin
                    | W::They
                    | W::Institute
                    | W::Uk
            ) {
                f |= SOURCE;
            }
            if matches!(
                w,
                W::Lose
                    | W::Loss
                    | W::Kill
                    | W::Dead
                    | W::Death
                    | W::Die
                    | W::Wound
                    | W::Casualty
                    | W::Liquidate
                    | W::Destroy
                    | W::Action
                    | W::Cost
                    | W::Suffer
                    | W::Deadliest
                    | W::Bloodiest
                    | W::Costliest
                    | W::Toll
            ) {
                f |= LOSS;
            }
            if matches!(w, W::Tally | W::Count | W::Toll) {
                f |= GENERIC;
            }
            if w.is_superlative()
                || matches!(
                    w,
                    W::Record | W::Peak | W::Came | W::Rank | W::Runner | W::Position | W::Exceed | W::Surpass
                )
            {
                f |= RANK;
            }
            if matches!(
                w,
                W::Total
                    | W::Tally
                    | W::Count
                    | W::Cumulative
                    | W::Running
                    | W::Stand
                    | W::Now
                    | W::Toll
                    | W::Rose
                    | W::Added
                    | W::Totalled
                    | W::Accounted
                    | W::Average
            ) {
                f |= TALLY_CUE;
            }
            if matches!(w, W::Daily | W::Weekly | W::Monthly | W::Annual) {
                f |= AVERAGE;
            }
            if matches!(
                w,
                W::Than
                    | W::As
                    | W::Of
                    | W::On
                    | W::Over
                    | W::Above
                    | W::More
                    | W::Least
                    | W::To
                    | W::Under
                    | W::Below
                    | W::Estimated
                    | W::Like
                    | W::About
                    | W::Around
                    | W::Approximately
                    | W::Roughly
                    | W::Some
                    | W::Nearly
                    | W::Almost
                    | W::Exceed
                    | W::Surpass
                    | W::Top
                    | W::Pass
                    | W::Past
                    | W::Cross
            ) {
                f |= HEDGE_END;
            }
            f |= match w {
                W::Recruit
                | W::Contract
                | W::Signed
                | W::Conscript
                | W::Draft
                | W::Uniform
                | W::Call
                | W::Mobilise
                | W::Reservist => RECRUIT,
                W::Deployed => DEPLOY,
                W::Liquidate | W::Occupier | W::Enemy => OFFICIAL_WORDING,
                W::Also => ALSO,
                W::Average => AVERAGE,
                W::Course | W::Track | W::Set | W::Expect | W::Will | W::Current | W::Pace => PROJECTION,
                W::Confirm => CONFIRM,
                W::Backlog | W::Correction => BACKLOG,
                W::Excluding | W::Net => REMOVED,
                W::Publication | W::Date | W::Dated | W::Name | W::Named => CONVENTION,
                W::Us => CASED,
                _ => 0,
            };
            f
        }
    }
}

/// The lexicon as one table keyed by the word's letters packed into an integer (at most
/// sixteen, lower-cased, one byte each). Each word sits in one of two slots given by two
/// multiply-shift hashes (cuckoo hashing), so a lookup compares two keys and picks the entry
/// without a branch: whether a word is listed is as good as random from one word to the next,
/// and a branch on it mispredicted on every other word. Words of any length share the table,
/// so the tokenizer does not branch on a word's length either. The keys are kept apart from
/// the entries so that the keys probed stay in the first-level cache.
pub(crate) struct Table {
    keys: [u128; SLOTS],
    /// One more than the keys: the last is the entry of a word not listed.
    entries: [(Lex, u32); SLOTS + 1],
}

const MAX_WORD: usize = 16;

fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut key: u128 = 0;
    for &byte in word {
        if !byte.is_ascii_alphabetic() {
            return None;
        }
        key = (key << 8) | u128::from(byte | 0x20);
    }
    Some(key)
}

/// Slots of the table: fixed, so that a probe's index needs no bounds check, and kept at most
/// two-fifths full, so that a word always finds one of its two slots free after a move or two
/// (`the_table_is_not_too_full` checks it).
const SLOTS: usize = 2048;

/// The two slots a word may sit in.
#[inline]
fn slots(key: u128) -> [usize; 2] {
    #[allow(clippy::cast_possible_truncation)]
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    #[allow(clippy::cast_possible_truncation)]
    let slot = |multiplier: u64| (folded.wrapping_mul(multiplier) >> 40) as usize & (SLOTS - 1);
    [slot(0x9e37_79b9_7f4a_7c15), slot(0xc2b2_ae3d_27d4_eb4f)]
}

/// Puts a word in one of its two slots, moving the words in the way to their other slot;
/// false if that goes round in circles (then the word is left out, which
/// `every_listed_word_is_found` would show).
fn insert(table: &mut Table, key: u128, entry: (Lex, u32)) -> bool {
    let (mut key, mut entry) = (key, entry);
    let [mut at, _] = slots(key);
    for _ in 0..SLOTS {
        for slot in slots(key) {
            if table.keys[slot] == 0 || table.keys[slot] == key {
                table.keys[slot] = key;
                table.entries[slot] = entry;
                return true;
            }
        }
        // both taken: take the one not just vacated, and move its word on
        std::mem::swap(&mut key, &mut table.keys[at]);
        std::mem::swap(&mut entry, &mut table.entries[at]);
        let [a, b] = slots(key);
        at = if a == at { b } else { a };
    }
    false
}

static TABLE: LazyLock<Box<Table>> = LazyLock::new(|| {
    let mut table = Box::new(Table { keys: [0; SLOTS], entries: [(Lex::Other, 0); SLOTS + 1] });
    for &(word, lex) in WORDS {
        if let Some(key) = pack(word.as_bytes()) {
            insert(&mut table, key, (lex, flags_of(lex)));
        }
    }
    table
});

/// The entry for one word (ASCII letters, any case); `Lex::Other` for anything else.
#[cfg(test)]
pub(crate) fn lookup(word: &[u8]) -> Lex {
    lookup_flags(word).0
}

/// The entry for one word with its flags.
pub(crate) fn lookup_flags(word: &[u8]) -> (Lex, u32) {
    match pack(word) {
        Some(key) => lookup_key(key),
        None => (Lex::Other, 0),
    }
}

/// The entry for a word already packed (lower-cased letters, one byte each, at most 16).
pub(crate) fn lookup_key(key: u128) -> (Lex, u32) {
    TABLE.get(key)
}

/// The table, for callers that look up many words.
pub(crate) fn table() -> &'static Table {
    &TABLE
}

impl Table {
    /// The entry for a packed word (0, which no word packs to, for one too long to pack).
    #[inline]
    pub(crate) fn get(&self, key: u128) -> (Lex, u32) {
        let [a, b] = slots(key);
        // the slot holding the word, or the entry past the keys: picked with masks, not branches
        let in_a = 0usize.wrapping_sub(usize::from(self.keys[a] == key));
        let in_b = 0usize.wrapping_sub(usize::from(self.keys[b] == key));
        let at = (a & in_a) | (b & in_b & !in_a) | (SLOTS & !(in_a | in_b));
        self.entries[at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_rejects_non_letters() {
        assert_eq!(lookup(b"Killed"), Lex::W(W::Kill));
        assert_eq!(lookup(b"MAY"), Lex::Month(5));
        assert_eq!(lookup(b"twenty"), Lex::Card(20));
        assert_eq!(lookup(b"tenth"), Lex::Ord(10));
        assert_eq!(lookup(b"q3"), Lex::Other);
        assert_eq!(lookup(b"zzz"), Lex::Other);
        assert_eq!(lookup(b""), Lex::Other);
    }

    #[test]
    fn every_listed_word_is_found() {
        for (word, lex) in WORDS {
            assert_eq!(lookup(word.as_bytes()), *lex, "{word}");
            assert_eq!(lookup(word.to_ascii_uppercase().as_bytes()), *lex, "{word}");
        }
        assert_eq!(lookup(b"abcdefghijklmnopq"), Lex::Other);
    }

    #[test]
    fn the_table_is_not_too_full() {
        assert!(WORDS.len() * 5 <= SLOTS * 2);
    }

    #[test]
    fn no_word_is_listed_twice() {
        let mut seen = std::collections::HashSet::new();
        for (word, _) in WORDS {
            assert!(seen.insert(*word), "{word} listed twice");
        }
    }
}
