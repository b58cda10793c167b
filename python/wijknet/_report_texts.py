"""The indicators of the evaluation report: codes, names, definitions and reading aids in Dutch
and English (private).

Every indicator :func:`wijknet.evaluate` can show is listed here once, under a stable code that
never changes meaning (pipelines select rows of ``Report.to_frame()`` by it). The wording of
each lives here and nowhere else; the measures themselves are defined in the metrics reference
(``docs/metrics.md``, "The evaluation report").

A reading aid is a template: ``{v}`` is the value as shown (a percentage for shares), ``{lo}``
and ``{hi}`` the interval, ``{n}`` the number of people (or pairs) it is computed over,
``{null}`` the value expected by chance and ``{p}`` the p-value as ``p = 0.012`` or
``p < 0.001``, ``{group}`` the group.
"""

from __future__ import annotations

import dataclasses

from ._texts import shown

#: The sections of the report in the order of the theory of change, with their titles.
SECTIONS: dict[str, tuple[str, str]] = {
    "verbondenheid": ("Connectedness", "Verbondenheid"),
    "steunend_netwerk": ("Supportive network", "Steunend netwerk"),
    "empowerment": ("Empowerment", "Empowerment"),
    "sociaal_kapitaal": ("Bonding, bridging and linking", "Bonding, bridging en linking"),
    "inclusiviteit": ("Inclusiveness", "Inclusiviteit"),
    "activiteiten": ("Activities", "Activiteiten"),
    "verandering": ("Change over time", "Verandering"),
    "enquete": ("Survey and register side by side", "Enquête naast het register"),
}

#: What each section is about, one paragraph per language.
SECTION_INTROS: dict[str, tuple[str, str]] = {
    "verbondenheid": (
        "Did residents meet each other through the activities, and did they meet more than once? "
        "Two residents met when they were at the same session. Big sessions such as festivals are "
        "set apart: being among hundreds at a festival is not getting to know someone.",
        "Hebben bewoners elkaar via de activiteiten ontmoet, en vaker dan één keer? Twee bewoners "
        "ontmoetten elkaar als ze bij dezelfde bijeenkomst waren. Grote bijeenkomsten zoals "
        "festivals tellen apart: tussen honderden mensen op een festival leer je iemand niet kennen.",
    ),
    "steunend_netwerk": (
        "Do residents have someone to turn to? Support ties come from the survey question "
        "'whom would you ask for help?'; residents who organise an activity together form the "
        "co-organising network, which the register always shows.",
        "Hebben bewoners iemand bij wie ze terecht kunnen? Steunrelaties komen uit de "
        "enquêtevraag 'wie zou u om hulp vragen?'; bewoners die samen een activiteit "
        "organiseren vormen het netwerk van mede-organisatoren, dat het register altijd laat zien.",
    ),
    "empowerment": (
        "Do residents take on roles — from participant to volunteer to organiser — and does the "
        "work of organising rest on many shoulders?",
        "Nemen bewoners een rol op zich — van deelnemer naar vrijwilliger naar organisator — en "
        "rust het organiseren op veel schouders?",
    ),
    "sociaal_kapitaal": (
        "Ties within a group (bonding), across groups (bridging) and between participants and "
        "the volunteers and organisers (linking).",
        "Contacten binnen een groep (bonding), tussen groepen (bridging) en tussen deelnemers en "
        "vrijwilligers of organisatoren (linking).",
    ),
    "inclusiviteit": (
        "Do residents of different backgrounds meet, and are participants of sensitive "
        "activities also connected outside them?",
        "Ontmoeten bewoners met verschillende achtergronden elkaar, en hebben deelnemers aan "
        "gevoelige activiteiten ook contacten daarbuiten?",
    ),
    "activiteiten": (
        "What each activity contributes: the ties it creates, the residents who would lose all "
        "their ties without it, and the activities that are the only bridge between groups.",
        "Wat elke activiteit bijdraagt: de contacten die ze oplevert, de bewoners die zonder haar "
        "al hun contacten zouden verliezen, en de activiteiten die de enige brug tussen groepen zijn.",
    ),
    "verandering": (
        "How participation and ties developed over time.",
        "Hoe deelname en contacten zich in de loop van de tijd ontwikkelden.",
    ),
    "enquete": (
        "What respondents say set beside what the register shows about the same people, and "
        "whether the respondents are representative of all participants.",
        "Wat respondenten zeggen naast wat het register over dezelfde mensen laat zien, en of de "
        "respondenten representatief zijn voor alle deelnemers.",
    ),
}


@dataclasses.dataclass(frozen=True)
class Spec:
    """One indicator's wording: section, unit ("share", "count", "number", "days", "index")
    and name, definition and reading aid in English and Dutch."""

    code: str
    section: str
    unit: str
    name: tuple[str, str]
    definition: tuple[str, str]
    reading: tuple[str, str]

    def text(self, field: str, lang: str) -> str:
        en, nl = getattr(self, field)
        return nl if lang == "nl" else en


_SPECS = [
    # ---- verbondenheid ------------------------------------------------------------------------
    Spec(
        "residents",
        "verbondenheid",
        "count",
        ("Residents in the register", "Bewoners in het register"),
        (
            "Residents who took part in at least one activity.",
            "Bewoners die aan minstens één activiteit meededen.",
        ),
        ("{v} residents took part.", "{v} bewoners deden mee."),
    ),
    Spec(
        "big_sessions",
        "verbondenheid",
        "count",
        ("Big sessions set apart", "Grote bijeenkomsten apart gezet"),
        (
            "Sessions with {threshold} or more participants (festivals, receptions, a crowded "
            "evening). Among so many people nobody meets everyone, so being at such a session "
            "together does not count as meeting in the other indicators.",
            "Bijeenkomsten met {threshold} of meer deelnemers (festivals, recepties, een volle "
            "avond). Tussen zoveel mensen ontmoet niemand iedereen, dus samen bij zo'n "
            "bijeenkomst zijn telt in de andere indicatoren niet als ontmoeting.",
        ),
        (
            "{v} big sessions are counted apart.",
            "{v} grote bijeenkomsten tellen apart.",
        ),
    ),
    Spec(
        "met_anyone_all",
        "verbondenheid",
        "share",
        ("Met someone, big sessions included", "Iemand ontmoet, grote bijeenkomsten meegeteld"),
        (
            "Share of residents who were at a session with at least one other resident, big "
            "sessions included.",
            "Aandeel bewoners dat bij een bijeenkomst was met minstens één andere bewoner, grote "
            "bijeenkomsten meegeteld.",
        ),
        (
            "{v} of residents were at a session with someone else, counting big sessions.",
            "{v} van de bewoners was bij een bijeenkomst met iemand anders, grote meegeteld.",
        ),
    ),
    Spec(
        "met_anyone",
        "verbondenheid",
        "share",
        ("Met someone", "Iemand ontmoet"),
        (
            "Share of residents who were at a session (not a big one) with at least one other resident.",
            "Aandeel bewoners dat bij een bijeenkomst (geen grote) minstens één andere bewoner trof.",
        ),
        (
            "{v} of residents met at least one other resident.",
            "{v} van de bewoners trof minstens één andere bewoner.",
        ),
    ),
    Spec(
        "repeated_contact_2",
        "verbondenheid",
        "share",
        ("Repeated contact (2 or more times)", "Herhaald contact (2 keer of vaker)"),
        (
            "Share of residents who met at least one other resident at two or more of the same "
            "sessions (not big ones): the network counterpart of 'got to know someone'.",
            "Aandeel bewoners dat minstens één andere bewoner bij twee of meer dezelfde "
            "bijeenkomsten (geen grote) trof: de netwerktegenhanger van 'iemand "
            "leren kennen'.",
        ),
        (
            "{v} of residents met someone at least twice.",
            "{v} van de bewoners trof iemand minstens twee keer.",
        ),
    ),
    Spec(
        "repeated_contact_3",
        "verbondenheid",
        "share",
        ("Repeated contact (3 or more times)", "Herhaald contact (3 keer of vaker)"),
        (
            "Share of residents who met at least one other resident at three or more of the same "
            "sessions (not big ones).",
            "Aandeel bewoners dat minstens één andere bewoner bij drie of meer dezelfde "
            "bijeenkomsten (geen grote) trof.",
        ),
        (
            "{v} of residents met someone at least three times.",
            "{v} van de bewoners trof iemand minstens drie keer.",
        ),
    ),
    Spec(
        "coparticipants",
        "verbondenheid",
        "number",
        ("Distinct co-participants (mean)", "Verschillende medebezoekers (gemiddeld)"),
        (
            "The mean number of different residents each resident met at sessions (not big ones).",
            "Het gemiddelde aantal verschillende bewoners dat een bewoner trof bij bijeenkomsten "
            "(geen grote).",
        ),
        (
            "A resident met {v} different others on average.",
            "Een bewoner trof gemiddeld {v} verschillende anderen.",
        ),
    ),
    Spec(
        "coparticipants_median",
        "verbondenheid",
        "number",
        ("Distinct co-participants (median)", "Verschillende medebezoekers (mediaan)"),
        (
            "The median number of different residents each resident met at sessions: half met fewer, half met more.",
            "De mediaan van het aantal verschillende bewoners dat een bewoner trof bij "
            "bijeenkomsten (geen grote): de helft trof er minder, de helft meer.",
        ),
        (
            "Half of the residents met {v} or more different others.",
            "De helft van de bewoners trof {v} of meer verschillende anderen.",
        ),
    ),
    Spec(
        "reach_2",
        "verbondenheid",
        "share",
        ("Reach in two steps", "Bereik in twee stappen"),
        (
            "The mean share of the others a "
            "resident can reach there in at most two steps (someone they met, or someone that "
            "person met).",
            "Het gemiddelde aandeel van de "
            "anderen dat een bewoner daar in hoogstens twee stappen bereikt (iemand die hij of zij "
            "trof, of iemand die die persoon trof).",
        ),
        (
            "Through someone they met, a resident reaches {v} of all residents.",
            "Via iemand die hij of zij trof, bereikt een bewoner {v} van alle bewoners.",
        ),
    ),
    Spec(
        "largest_component",
        "verbondenheid",
        "share",
        ("Share in the largest connected group", "Aandeel in de grootste samenhangende groep"),
        (
            "The share of residents in the largest group in which everyone is linked to everyone "
            "else through a chain of meetings at sessions.",
            "Het aandeel bewoners in de grootste groep waarin iedereen via een keten van "
            "ontmoetingen bij bijeenkomsten met iedereen verbonden is.",
        ),
        (
            "{v} of residents belong to one connected network.",
            "{v} van de bewoners hoort bij één samenhangend netwerk.",
        ),
    ),
    Spec(
        "two_mode_clustering",
        "verbondenheid",
        "index",
        ("Two-mode clustering", "Tweemodus-clustering"),
        (
            "Robins and Alexander's two-mode clustering: of the pairs of residents who share an "
            "activity with a third, how often they also share a second activity (closed "
            "four-cycles), compared with registers where everyone takes part in as many "
            "activities of the same sizes at random (the curveball null model).",
            "Tweemodus-clustering van Robins en Alexander: hoe vaak bewoners die samen een "
            "activiteit delen ook samen een tweede activiteit delen (gesloten vierkringen), "
            "vergeleken met registers waarin iedereen even vaak aan even grote activiteiten "
            "meedoet, maar willekeurig (het curveball-nulmodel).",
        ),
        (
            "Clustering is {v}, against {null} by chance ({p}).",
            "De clustering is {v}, tegen {null} bij toeval ({p}).",
        ),
    ),
    Spec(
        "ties_within_30",
        "verbondenheid",
        "share",
        ("Met someone within 30 days of joining", "Binnen 30 dagen na de start iemand ontmoet"),
        (
            "Of the residents who came first at least 30 days "
            "before the register ends, the share who met at least one other resident there within "
            "30 days of their first visit.",
            "Van de bewoners die voor het eerst minstens 30 "
            "dagen voor het einde van het register: het aandeel dat daar binnen 30 dagen na het "
            "eerste bezoek minstens één andere bewoner trof.",
        ),
        (
            "{v} of newcomers met someone within a month.",
            "{v} van de nieuwkomers trof binnen een maand iemand.",
        ),
    ),
    Spec(
        "ties_within_90",
        "verbondenheid",
        "share",
        ("Met someone within 90 days of joining", "Binnen 90 dagen na de start iemand ontmoet"),
        (
            "Of the residents who came first at least 90 days "
            "before the register ends, the share who met at least one other resident there within "
            "90 days of their first visit.",
            "Van de bewoners die voor het eerst minstens 90 "
            "dagen voor het einde van het register: het aandeel dat daar binnen 90 dagen na het "
            "eerste bezoek minstens één andere bewoner trof.",
        ),
        (
            "{v} of newcomers met someone within three months.",
            "{v} van de nieuwkomers trof binnen drie maanden iemand.",
        ),
    ),
    # ---- steunend netwerk ---------------------------------------------------------------------
    Spec(
        "nobody_to_ask",
        "steunend_netwerk",
        "share",
        ("Nobody to ask for help", "Niemand om hulp te vragen"),
        (
            "Of the residents who answered the support question, the share who named nobody.",
            "Van de bewoners die de steunvraag beantwoordden, het aandeel dat niemand noemde.",
        ),
        (
            "{v} of respondents have nobody to ask for help.",
            "{v} van de respondenten heeft niemand om hulp te vragen.",
        ),
    ),
    Spec(
        "support_sources",
        "steunend_netwerk",
        "number",
        ("Support sources (mean)", "Steunbronnen (gemiddeld)"),
        (
            "The mean number of people a respondent would ask for help.",
            "Het gemiddelde aantal mensen dat een respondent om hulp zou vragen.",
        ),
        (
            "A respondent names {v} people to ask for help on average.",
            "Een respondent noemt gemiddeld {v} mensen om hulp te vragen.",
        ),
    ),
    Spec(
        "support_reciprocity",
        "steunend_netwerk",
        "share",
        ("Mutual support", "Wederzijdse steun"),
        (
            "The share of support ties that are returned: A names B and B names A.",
            "Het aandeel steunrelaties dat wederzijds is: A noemt B en B noemt A.",
        ),
        ("{v} of support ties are mutual.", "{v} van de steunrelaties is wederzijds."),
    ),
    Spec(
        "support_effective_size",
        "steunend_netwerk",
        "number",
        ("Effective size of the support network", "Effectieve omvang van het steunnetwerk"),
        (
            "Burt's effective size: the number of people a respondent names for support, less the "
            "redundancy among them (people who also support each other count for less). Mean over "
            "respondents who named someone.",
            "Burts effectieve omvang: het aantal mensen dat een respondent om steun noemt, "
            "verminderd met de overlap tussen hen (mensen die elkaar ook steunen tellen minder "
            "mee). Gemiddelde over respondenten die iemand noemden.",
        ),
        (
            "Support networks count {v} independent sources on average.",
            "Steunnetwerken tellen gemiddeld {v} onafhankelijke bronnen.",
        ),
    ),
    Spec(
        "support_constraint",
        "steunend_netwerk",
        "index",
        ("Constraint of the support network", "Beperktheid van het steunnetwerk"),
        (
            "Burt's constraint (0–1, median over respondents who named someone): high when "
            "everyone a respondent relies on is tied to the same few others, low when the sources "
            "are varied.",
            "Burts constraint (0–1, mediaan over respondenten die iemand noemden): hoog als "
            "iedereen op wie een respondent leunt met dezelfde paar anderen verbonden is, laag "
            "als de bronnen gevarieerd zijn.",
        ),
        ("The median constraint is {v}.", "De mediane beperktheid is {v}."),
    ),
    Spec(
        "co_organisers",
        "steunend_netwerk",
        "share",
        ("Organisers with a co-organiser", "Organisatoren met een mede-organisator"),
        (
            "Of the residents who volunteered or organised, the share who did so together with "
            "at least one other resident in the same activity.",
            "Van de bewoners die vrijwilliger of organisator waren, het aandeel dat dat samen "
            "met minstens één andere bewoner in dezelfde activiteit deed.",
        ),
        (
            "{v} of volunteers and organisers work together with someone.",
            "{v} van de vrijwilligers en organisatoren werkt met iemand samen.",
        ),
    ),
    Spec(
        "co_organising_support",
        "steunend_netwerk",
        "index",
        (
            "Co-organisers name each other as support (QAP)",
            "Mede-organisatoren noemen elkaar als steun (QAP)",
        ),
        (
            "The correlation between organising together and naming each other as support, "
            "tested with QAP: the same correlation in networks where the residents' places are "
            "shuffled, which keeps both networks' shape and breaks only their alignment. Among "
            "respondents.",
            "De correlatie tussen samen organiseren en elkaar als steun noemen, getoetst met QAP: "
            "dezelfde correlatie in netwerken waarin de plaatsen van de bewoners door elkaar zijn "
            "geschud, zodat de vorm van beide netwerken blijft en alleen hun samenhang verdwijnt. "
            "Onder respondenten.",
        ),
        (
            "Organising together goes with naming each other as support: correlation {v}, "
            "against {null} by chance ({p}).",
            "Samen organiseren gaat samen met elkaar als steun noemen: correlatie {v}, tegen "
            "{null} bij toeval ({p}).",
        ),
    ),
    Spec(
        "support_among_co_organisers",
        "steunend_netwerk",
        "share",
        (
            "Support between co-organisers",
            "Steun tussen mede-organisatoren",
        ),
        (
            "Of the pairs of respondents who organise together, the share in which at least one "
            "names the other as support.",
            "Van de paren respondenten die samen organiseren, het aandeel waarin minstens één de "
            "ander als steun noemt.",
        ),
        (
            "In {v} of co-organising pairs one names the other as support (other pairs: {null}).",
            "In {v} van de paren mede-organisatoren noemt de een de ander als steun (andere paren: {null}).",
        ),
    ),
    # ---- empowerment --------------------------------------------------------------------------
    Spec(
        "took_role",
        "empowerment",
        "share",
        ("Took on a role", "Nam een rol op zich"),
        (
            "Of the residents who started as participants, the share who later volunteered or organised.",
            "Van de bewoners die als deelnemer begonnen, het aandeel dat later vrijwilliger of "
            "organisator werd.",
        ),
        (
            "{v} of participants later took on a role.",
            "{v} van de deelnemers nam later een rol op zich.",
        ),
    ),
    Spec(
        "became_organiser",
        "empowerment",
        "share",
        ("Became an organiser", "Werd organisator"),
        (
            "Of the residents who started as participants or volunteers, the share who later organised.",
            "Van de bewoners die als deelnemer of vrijwilliger begonnen, het aandeel dat later "
            "organisator werd.",
        ),
        (
            "{v} later became an organiser.",
            "{v} werd later organisator.",
        ),
    ),
    Spec(
        "days_to_role",
        "empowerment",
        "days",
        ("Days to the first role (median)", "Dagen tot de eerste rol (mediaan)"),
        (
            "Of the participants who later took on a role, the median number of days between "
            "their first visit and their first time as volunteer or organiser.",
            "Van de deelnemers die later een rol op zich namen, de mediaan van het aantal dagen "
            "tussen het eerste bezoek en de eerste keer als vrijwilliger of organisator.",
        ),
        (
            "Half took their first role within {v} days.",
            "De helft nam binnen {v} dagen een eerste rol op zich.",
        ),
    ),
    Spec(
        "role_uptake_km",
        "empowerment",
        "share",
        ("A role within half a year", "Een rol binnen een half jaar"),
        (
            "The Kaplan–Meier estimate of the share of residents who volunteer or organise within "
            "180 days of their first visit, counting those who did so from the start; a resident "
            "who stops coming counts only for the time the register saw them.",
            "De Kaplan–Meier-schatting van het aandeel bewoners dat binnen 180 dagen na het eerste "
            "bezoek vrijwilliger of organisator is, ook wie dat vanaf het begin was; wie wegblijft "
            "telt alleen mee voor de tijd dat het register hem of haar zag.",
        ),
        (
            "An estimated {v} take on a role within half a year.",
            "Naar schatting {v} neemt binnen een half jaar een rol op zich.",
        ),
    ),
    Spec(
        "new_organisers",
        "empowerment",
        "count",
        ("New organisers after the first month", "Nieuwe organisatoren na de eerste maand"),
        (
            "Residents who organised for the first time after the register's first month.",
            "Bewoners die na de eerste maand van het register voor het eerst organiseerden.",
        ),
        (
            "{v} residents organised for the first time after the first month.",
            "{v} bewoners organiseerden na de eerste maand voor het eerst.",
        ),
    ),
    Spec(
        "organiser_top5_share",
        "empowerment",
        "share",
        ("Organising done by the top 5", "Organisatiewerk door de top 5"),
        (
            "The share of organised sessions that the five most active organisers organised.",
            "Het aandeel georganiseerde bijeenkomsten dat door de vijf actiefste organisatoren "
            "werd georganiseerd.",
        ),
        (
            "The five busiest organisers ran {v} of organised sessions.",
            "De vijf drukste organisatoren deden {v} van de georganiseerde bijeenkomsten.",
        ),
    ),
    Spec(
        "organiser_gini",
        "empowerment",
        "index",
        ("Concentration of organising (Gini)", "Concentratie van organiseren (Gini)"),
        (
            "The Gini coefficient of sessions organised per organiser: 0 when everyone organises "
            "equally often, near 1 when one person does nearly everything.",
            "De Gini-coëfficiënt van het aantal georganiseerde bijeenkomsten per organisator: 0 "
            "als iedereen even vaak organiseert, bijna 1 als één persoon bijna alles doet.",
        ),
        ("The Gini coefficient is {v}.", "De Gini-coëfficiënt is {v}."),
    ),
    Spec(
        "organiser_bridging",
        "empowerment",
        "share",
        ("Organisers' brokerage between groups", "Makelaarsrol van organisatoren tussen groepen"),
        (
            "The mean share of ties that cross groups, for volunteers and organisers minus the "
            "same share for other residents: positive when people with a role connect groups "
            "more than others do.",
            "Het gemiddelde aandeel contacten dat groepen overbrugt, bij vrijwilligers en "
            "organisatoren min hetzelfde aandeel bij andere bewoners: positief als mensen met "
            "een rol groepen meer verbinden dan anderen.",
        ),
        (
            "People with a role have {v} more of their ties across groups than others.",
            "Mensen met een rol hebben {v} meer van hun contacten over groepen heen dan anderen.",
        ),
    ),
    Spec(
        "position_change",
        "empowerment",
        "number",
        ("More contacts after taking a role", "Meer contacten na een rol"),
        (
            "For residents who took on a role: distinct co-participants in the 90 days after "
            "their first role minus those in the 90 days before (mean).",
            "Voor bewoners die een rol op zich namen: het aantal verschillende medebezoekers in "
            "de 90 dagen na de eerste rol min dat in de 90 dagen ervoor (gemiddeld).",
        ),
        (
            "After taking a role residents met {v} more people on average.",
            "Na een rol troffen bewoners gemiddeld {v} mensen meer.",
        ),
    ),
    # ---- bonding, bridging, linking -----------------------------------------------------------
    Spec(
        "bonding",
        "sociaal_kapitaal",
        "share",
        ("Bonding: ties within a group", "Bonding: contacten binnen de groep"),
        (
            "The share of ties (pairs who met at a session) between residents of the same group.",
            "Het aandeel contacten (paren die elkaar bij een bijeenkomst troffen) tussen "
            "bewoners van dezelfde groep.",
        ),
        (
            "{v} of ties are within a group, against {null} if ties ignored the groups.",
            "{v} van de contacten is binnen de groep, tegen {null} als contacten de groepen negeerden.",
        ),
    ),
    Spec(
        "bridging",
        "sociaal_kapitaal",
        "share",
        ("Bridging: ties across groups", "Bridging: contacten tussen groepen"),
        (
            "The share of ties between residents of different groups.",
            "Het aandeel contacten tussen bewoners van verschillende groepen.",
        ),
        (
            "{v} of ties cross groups, against {null} if ties ignored the groups.",
            "{v} van de contacten gaat over groepen heen, tegen {null} als contacten de groepen negeerden.",
        ),
    ),
    Spec(
        "linking",
        "sociaal_kapitaal",
        "share",
        (
            "Linking: ties with volunteers and organisers",
            "Linking: contacten met vrijwilligers en organisatoren",
        ),
        (
            "The share of participants' ties that are with a resident who volunteered or organised.",
            "Het aandeel contacten van deelnemers dat met een bewoner is die vrijwilliger of "
            "organisator was.",
        ),
        (
            "{v} of participants' ties are with a volunteer or organiser.",
            "{v} van de contacten van deelnemers is met een vrijwilliger of organisator.",
        ),
    ),
    Spec(
        "bonding_by_group",
        "sociaal_kapitaal",
        "share",
        ("Ties within the own group, by group", "Contacten binnen de eigen groep, per groep"),
        (
            "For the residents of each group, the share of their ties that are with their own group.",
            "Voor de bewoners van elke groep, het aandeel van hun contacten dat binnen de eigen "
            "groep blijft.",
        ),
        (
            "{group}: {v} of ties stay within the group (by chance: {null}).",
            "{group}: {v} van de contacten blijft binnen de groep (bij toeval: {null}).",
        ),
    ),
    # ---- inclusiviteit ------------------------------------------------------------------------
    Spec(
        "ei_index",
        "inclusiviteit",
        "index",
        ("E-I index", "E-I-index"),
        (
            "Krackhardt and Stern's E-I index of ties by a resident characteristic: (ties across "
            "− ties within) / all ties, from −1 (all within) to +1 (all across), beside the value "
            "expected if ties ignored the characteristic.",
            "De E-I-index van Krackhardt en Stern voor een kenmerk van bewoners: (contacten "
            "tussen − contacten binnen) / alle contacten, van −1 (alles binnen) tot +1 (alles "
            "tussen), naast de waarde die te verwachten is als contacten het kenmerk negeerden.",
        ),
        (
            "E-I is {v}, against {null} if ties ignored {group}.",
            "De E-I is {v}, tegen {null} als contacten {group} negeerden.",
        ),
    ),
    Spec(
        "ei_index_by_group",
        "inclusiviteit",
        "index",
        ("E-I index by group", "E-I-index per groep"),
        (
            "The E-I index of the ties of one group's members: −1 when they meet only each "
            "other, +1 when they meet only other groups, beside the value expected if ties "
            "ignored the characteristic. A value far below the expected one means the group "
            "stays apart.",
            "De E-I-index van de contacten van de leden van één groep: −1 als ze alleen elkaar "
            "treffen, +1 als ze alleen andere groepen treffen, naast de waarde die te verwachten "
            "is als contacten het kenmerk negeerden. Een waarde ver onder de verwachte betekent "
            "dat de groep apart blijft.",
        ),
        (
            "{group}: E-I {v}, against {null} if ties ignored the groups.",
            "{group}: E-I {v}, tegen {null} als contacten de groepen negeerden.",
        ),
    ),
    Spec(
        "assortativity",
        "inclusiviteit",
        "index",
        ("Assortativity", "Assortativiteit"),
        (
            "Newman's attribute assortativity: 0 when residents meet regardless of the "
            "characteristic, 1 when they meet only their own group, negative when they meet "
            "other groups more than chance.",
            "Newmans assortativiteit: 0 als bewoners elkaar treffen ongeacht het kenmerk, 1 als "
            "ze alleen de eigen groep treffen, negatief als ze andere groepen vaker treffen dan "
            "toeval.",
        ),
        ("Assortativity by {group} is {v}.", "De assortativiteit naar {group} is {v}."),
    ),
    Spec(
        "cross_group_residents",
        "inclusiviteit",
        "share",
        ("Residents who met another group", "Bewoners die een andere groep troffen"),
        (
            "Of the residents with a known value who met someone, the share who met at least one "
            "resident of another group.",
            "Van de bewoners met een bekende waarde die iemand troffen, het aandeel dat minstens "
            "één bewoner van een andere groep trof.",
        ),
        (
            "{v} met someone of another {group}.",
            "{v} trof iemand uit een andere groep ({group}).",
        ),
    ),
    Spec(
        "activity_diversity",
        "inclusiviteit",
        "index",
        ("Diversity of activities", "Diversiteit van activiteiten"),
        (
            "The mean Blau index of the participants of each activity (0 = everyone from one "
            "group; higher = more mixed).",
            "De gemiddelde Blau-index van de deelnemers van elke activiteit (0 = iedereen uit "
            "één groep; hoger = gemengder).",
        ),
        ("Activities' mean diversity is {v}.", "De gemiddelde diversiteit van activiteiten is {v}."),
    ),
    Spec(
        "sensitive_connected_outside",
        "inclusiviteit",
        "share",
        ("Sensitive activities: connected outside", "Gevoelige activiteiten: verbonden daarbuiten"),
        (
            "Of the participants of activities marked sensitive (taken together, never shown one "
            "by one), the share who also met someone at a session of an activity that is not "
            "sensitive.",
            "Van de deelnemers aan activiteiten die als gevoelig gemarkeerd zijn (samen genomen, "
            "nooit apart getoond), het aandeel dat ook bij een bijeenkomst van een niet-gevoelige "
            "activiteit iemand trof.",
        ),
        (
            "{v} of participants of sensitive activities also met people elsewhere.",
            "{v} van de deelnemers aan gevoelige activiteiten trof ook elders mensen.",
        ),
    ),
    # ---- activiteiten -------------------------------------------------------------------------
    Spec(
        "activities",
        "activiteiten",
        "count",
        ("Activities", "Activiteiten"),
        ("The number of activities in the register.", "Het aantal activiteiten in het register."),
        ("The register has {v} activities.", "Het register telt {v} activiteiten."),
    ),
    Spec(
        "most_isolating_loss",
        "activiteiten",
        "count",
        ("Residents who depend on one activity", "Bewoners die van één activiteit afhangen"),
        (
            "The largest number of residents who would lose all their ties at sessions "
            "if a single activity stopped (the activity is named in the table).",
            "Het grootste aantal bewoners dat al zijn contacten bij bijeenkomsten zou "
            "verliezen als één activiteit zou stoppen (de activiteit staat in de tabel).",
        ),
        (
            "Without '{group}', {v} residents would lose all their ties.",
            "Zonder '{group}' verliezen {v} bewoners al hun contacten.",
        ),
    ),
    Spec(
        "bridge_activities",
        "activiteiten",
        "count",
        ("Bridge activities", "Brugactiviteiten"),
        (
            "Activities whose loss would split groups of residents apart (more separate groups "
            "than the residents it leaves without any tie).",
            "Activiteiten waarvan het verdwijnen groepen bewoners van elkaar zou scheiden (meer "
            "losse groepen dan de bewoners die zonder contact achterblijven).",
        ),
        (
            "{v} activities are the only bridge between groups of residents.",
            "{v} activiteiten zijn de enige brug tussen groepen bewoners.",
        ),
    ),
    # ---- verandering --------------------------------------------------------------------------
    Spec(
        "new_residents_per_month",
        "verandering",
        "number",
        ("New residents per month", "Nieuwe bewoners per maand"),
        (
            "The mean number of residents who came for the first time, per month after the first.",
            "Het gemiddelde aantal bewoners dat voor het eerst kwam, per maand na de eerste.",
        ),
        ("{v} new residents came per month.", "Per maand kwamen {v} nieuwe bewoners."),
    ),
    Spec(
        "retention",
        "verandering",
        "share",
        ("Came back the next month", "Kwam de volgende maand terug"),
        (
            "Of the residents active in a month, the share active again in the next month "
            "(mean over months).",
            "Van de bewoners die in een maand actief waren, het aandeel dat de maand erna weer "
            "actief was (gemiddeld over de maanden).",
        ),
        ("{v} came back the next month.", "{v} kwam de maand erna terug."),
    ),
    Spec(
        "change",
        "verandering",
        "number",
        ("Before and after", "Voor en na"),
        (
            "A measure in the period after minus the same measure in the period before.",
            "Een maat in de periode na min dezelfde maat in de periode ervoor.",
        ),
        ("{group}: changed by {v}.", "{group}: veranderde met {v}."),
    ),
    # ---- enquête ------------------------------------------------------------------------------
    Spec(
        "response_rate",
        "enquete",
        "share",
        ("Response", "Respons"),
        (
            "The share of the residents in the register who answered the survey.",
            "Het aandeel bewoners uit het register dat de enquête invulde.",
        ),
        ("{v} of residents answered the survey.", "{v} van de bewoners vulde de enquête in."),
    ),
    Spec(
        "respondents_more_connected",
        "enquete",
        "number",
        ("Respondents' extra co-participants", "Extra medebezoekers van respondenten"),
        (
            "Distinct co-participants at sessions, respondents' mean minus "
            "non-respondents' mean: positive when the survey heard mostly from the more "
            "connected.",
            "Verschillende medebezoekers bij bijeenkomsten, het gemiddelde van "
            "respondenten min dat van niet-respondenten: positief als de enquête vooral de "
            "beter verbonden bewoners bereikte.",
        ),
        (
            "Respondents met {v} more people than non-respondents.",
            "Respondenten troffen {v} mensen meer dan niet-respondenten.",
        ),
    ),
    Spec(
        "agree",
        "enquete",
        "share",
        ("Agree (respondents)", "Mee eens (respondenten)"),
        (
            "The share of respondents who agree with the statement.",
            "Het aandeel respondenten dat het met de stelling eens is.",
        ),
        ("{group}: {v} of respondents agree.", "{group}: {v} van de respondenten is het eens."),
    ),
    Spec(
        "agree_all",
        "enquete",
        "share",
        ("Agree (all participants, estimated)", "Mee eens (alle deelnemers, geschat)"),
        (
            "The share who agree, re-estimated for all participants by weighting respondents "
            "within groups of similar network position (inverse response probability).",
            "Het aandeel dat het eens is, opnieuw geschat voor alle deelnemers door respondenten "
            "te wegen binnen groepen met een vergelijkbare netwerkpositie (inverse "
            "responskans).",
        ),
        (
            "{group}: about {v} of all participants would agree.",
            "{group}: ongeveer {v} van alle deelnemers zou het eens zijn.",
        ),
    ),
    Spec(
        "agreement_kappa",
        "enquete",
        "index",
        ("Survey and register agree (κ)", "Enquête en register stemmen overeen (κ)"),
        (
            "Cohen's κ between agreeing with the statement and the register's evidence for it "
            "(named in the group column): 0 = no more agreement than chance, 1 = full agreement.",
            "Cohens κ tussen het eens zijn met de stelling en het bewijs in het register (in de "
            "groepkolom genoemd): 0 = niet meer overeenstemming dan toeval, 1 = volledige "
            "overeenstemming.",
        ),
        ("{group}: κ = {v}.", "{group}: κ = {v}."),
    ),
]

#: Column headings of the report's tables, (English, Dutch).
COLUMNS: dict[str, tuple[str, str]] = {
    "activity": ("Activity", "Activiteit"),
    "sessions": ("Sessions", "Bijeenkomsten"),
    "big_sessions": ("Big sessions", "Grote bijeenkomsten"),
    "largest_session": ("Largest session", "Grootste bijeenkomst"),
    "participants": ("Participants", "Deelnemers"),
    "ties": ("Ties", "Contacten"),
    "unique_ties": ("Ties of its own", "Eigen contacten"),
    "cross_group_ties": ("Ties across groups", "Contacten tussen groepen"),
    "residents_losing_all_ties": ("Residents left without ties", "Bewoners zonder contacten"),
    "bridge": ("Only bridge", "Enige brug"),
    "residents": ("Residents", "Bewoners"),
    "bonding": ("Within the group", "Binnen de groep"),
    "ei_index": ("E-I index", "E-I-index"),
    "expected": ("E-I if ties ignored groups", "E-I als contacten groepen negeerden"),
}

#: The measures of a before/after comparison (the ``group`` of the ``change`` rows), in words.
CHANGE_METRICS: dict[str, tuple[str, str]] = {
    "mean_degree": ("distinct co-participants (mean)", "verschillende medebezoekers (gemiddeld)"),
    "share_with_tie": ("share who met someone", "aandeel dat iemand trof"),
    "mean_clustering": ("clustering (mean)", "clustering (gemiddeld)"),
    "density": ("density", "dichtheid"),
    "components": ("separate groups", "losse groepen"),
    "largest_component_share": (
        "share in the largest connected group",
        "aandeel in de grootste samenhangende groep",
    ),
}


def group_label(code: str, group: str | None, lang: str) -> str:
    """The group of a row as shown to people (the measure's name for a before/after change; a
    long group name shortened as :func:`wijknet._texts.shown` shortens it)."""
    if group is None:
        return ""
    if code == "change" and group in CHANGE_METRICS:
        en, nl = CHANGE_METRICS[group]
        return nl if lang == "nl" else en
    return shown(group, lang)


#: The indicators of the summary at the top of the report, in this order (those present).
KEY_FINDINGS = (
    "met_anyone",
    "repeated_contact_2",
    "largest_component",
    "nobody_to_ask",
    "co_organising_support",
    "took_role",
    "organiser_top5_share",
    "bridging",
    "linking",
    "bridge_activities",
    "agree_all",
)

#: Every indicator by code.
SPECS: dict[str, Spec] = {s.code: s for s in _SPECS}


def section_title(section: str, lang: str) -> str:
    """The title of a section in ``lang``."""
    en, nl = SECTIONS[section]
    return nl if lang == "nl" else en


def section_intro(section: str, lang: str) -> str:
    """The introduction of a section in ``lang``."""
    en, nl = SECTION_INTROS[section]
    return nl if lang == "nl" else en
