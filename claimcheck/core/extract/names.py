"""Names of people, places and organisations in English and French claims, with keys that survive
translation and transliteration ("Sergueï Verchinine" = "Sergey Vershinin", "Moscou" = "Moscow").

No model: capitalised sequences with name particles (de, el-, al-, ben, bin, van, von...), a small
exonym table of frequent countries, cities, leaders, organisations and demonyms, and a
transliteration-aware key (accents folded, ou->u, ch/sh/tch merged, y->i, doubled letters merged,
Arabic article and French final -e of Russian names dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from claimcheck.core.text.fold import fold as _fold
from claimcheck.core.text.fold import fold_same_length as fold_text
from claimcheck.core.types import Name

__all__ = [
    "DEMONYM_KEYS",
    "extract_names",
    "fold_text",
    "is_known",
    "name_key",
    "related_entities",
    "same_entity",
]


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


# --- tables --------------------------------------------------------------------------------------


def _fold_set(words: list[str]) -> frozenset[str]:
    return frozenset(_fold(w) for w in words)


#: key, English names, French names, English demonyms, French demonym (masculine singular; the
#: other forms are derived) or explicit forms separated by "|".
_COUNTRIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("russia", "Russia|Russian Federation", "Russie|Fédération de Russie", "Russian", "russe"),
    ("syria", "Syria", "Syrie", "Syrian", "syrien"),
    ("israel", "Israel|Jewish state", "Israël|Etat hébreu|État hébreu", "Israeli", "israélien"),
    ("iran", "Iran|Islamic Republic", "Iran|République islamique", "Iranian", "iranien"),
    (
        "united states",
        "United States|US|U.S.|USA|America|United States of America",
        "Etats-Unis|États-Unis|Etats Unis|USA",
        "American",
        "américain",
    ),
    ("france", "France", "France", "French", "français"),
    (
        "united kingdom",
        "United Kingdom|UK|U.K.|Britain|Great Britain",
        "Royaume-Uni|Grande-Bretagne",
        "British",
        "britannique",
    ),
    ("england", "England", "Angleterre", "English", "anglais"),
    ("germany", "Germany", "Allemagne", "German", "allemand"),
    ("china", "China", "Chine", "Chinese", "chinois"),
    ("japan", "Japan", "Japon", "Japanese", "japonais"),
    ("india", "India", "Inde", "Indian", "indien"),
    ("pakistan", "Pakistan", "Pakistan", "Pakistani", "pakistanais"),
    ("afghanistan", "Afghanistan", "Afghanistan", "Afghan", "afghan"),
    ("iraq", "Iraq", "Irak", "Iraqi", "irakien"),
    ("lebanon", "Lebanon", "Liban", "Lebanese", "libanais"),
    ("jordan", "Jordan", "Jordanie", "Jordanian", "jordanien"),
    ("egypt", "Egypt", "Egypte|Égypte", "Egyptian", "égyptien"),
    ("saudi arabia", "Saudi Arabia", "Arabie saoudite", "Saudi", "saoudien"),
    ("turkey", "Turkey|Türkiye", "Turquie", "Turkish", "turc|turque|turcs|turques"),
    ("ukraine", "Ukraine", "Ukraine", "Ukrainian", "ukrainien"),
    ("belarus", "Belarus", "Biélorussie|Bélarus", "Belarusian", "biélorusse"),
    ("poland", "Poland", "Pologne", "Polish", "polonais"),
    ("italy", "Italy", "Italie", "Italian", "italien"),
    ("spain", "Spain", "Espagne", "Spanish", "espagnol"),
    ("portugal", "Portugal", "Portugal", "Portuguese", "portugais"),
    ("greece", "Greece", "Grèce", "Greek", "grec|grecque|grecs|grecques"),
    ("netherlands", "Netherlands|Holland", "Pays-Bas|Hollande", "Dutch", "néerlandais"),
    ("belgium", "Belgium", "Belgique", "Belgian", "belge"),
    ("switzerland", "Switzerland", "Suisse", "Swiss", "suisse"),
    ("austria", "Austria", "Autriche", "Austrian", "autrichien"),
    ("sweden", "Sweden", "Suède", "Swedish", "suédois"),
    ("norway", "Norway", "Norvège", "Norwegian", "norvégien"),
    ("denmark", "Denmark", "Danemark", "Danish", "danois"),
    ("finland", "Finland", "Finlande", "Finnish", "finlandais"),
    ("hungary", "Hungary", "Hongrie", "Hungarian", "hongrois"),
    ("romania", "Romania", "Roumanie", "Romanian", "roumain"),
    ("serbia", "Serbia", "Serbie", "Serbian", "serbe"),
    ("georgia", "Georgia", "Géorgie", "Georgian", "géorgien"),
    ("armenia", "Armenia", "Arménie", "Armenian", "arménien"),
    ("azerbaijan", "Azerbaijan", "Azerbaïdjan", "Azerbaijani", "azerbaïdjanais"),
    ("kazakhstan", "Kazakhstan", "Kazakhstan", "Kazakh", "kazakh"),
    ("canada", "Canada", "Canada", "Canadian", "canadien"),
    ("mexico", "Mexico", "Mexique", "Mexican", "mexicain"),
    ("brazil", "Brazil", "Brésil", "Brazilian", "brésilien"),
    ("argentina", "Argentina", "Argentine", "Argentinian|Argentine", "argentin"),
    ("venezuela", "Venezuela", "Venezuela", "Venezuelan", "vénézuélien"),
    ("cuba", "Cuba", "Cuba", "Cuban", "cubain"),
    ("north korea", "North Korea", "Corée du Nord", "North Korean", "nord-coréen"),
    ("south korea", "South Korea", "Corée du Sud", "South Korean", "sud-coréen"),
    ("qatar", "Qatar", "Qatar", "Qatari", "qatari"),
    (
        "united arab emirates",
        "United Arab Emirates|UAE",
        "Emirats arabes unis|Émirats arabes unis",
        "Emirati",
        "émirati",
    ),
    ("yemen", "Yemen", "Yémen", "Yemeni", "yéménite"),
    ("libya", "Libya", "Libye", "Libyan", "libyen"),
    ("tunisia", "Tunisia", "Tunisie", "Tunisian", "tunisien"),
    ("algeria", "Algeria", "Algérie", "Algerian", "algérien"),
    ("morocco", "Morocco", "Maroc", "Moroccan", "marocain"),
    ("sudan", "Sudan", "Soudan", "Sudanese", "soudanais"),
    ("ethiopia", "Ethiopia", "Ethiopie|Éthiopie", "Ethiopian", "éthiopien"),
    ("nigeria", "Nigeria", "Nigeria|Nigéria", "Nigerian", "nigérian"),
    ("south africa", "South Africa", "Afrique du Sud", "South African", "sud-africain"),
    ("australia", "Australia", "Australie", "Australian", "australien"),
    (
        "palestine",
        "Palestine|Palestinian territories",
        "Palestine|Territoires palestiniens",
        "Palestinian",
        "palestinien",
    ),
    ("kurdistan", "Kurdistan", "Kurdistan", "Kurdish|Kurd", "kurde"),
    ("europe", "Europe", "Europe", "European", "européen"),
    ("arab world", "Arab world", "monde arabe", "Arab", "arabe"),
)

#: key, kind, English variants, French variants, related key (a capital's country...).
_ENTITIES: tuple[tuple[str, str, str, str, str], ...] = (
    # places
    ("moscow", "place", "Moscow", "Moscou", "russia"),
    ("jerusalem", "place", "Jerusalem", "Jérusalem", "israel"),
    ("tel aviv", "place", "Tel Aviv|Tel-Aviv", "Tel-Aviv|Tel Aviv", "israel"),
    ("tehran", "place", "Tehran", "Téhéran", "iran"),
    ("damascus", "place", "Damascus", "Damas", "syria"),
    ("beirut", "place", "Beirut", "Beyrouth", "lebanon"),
    ("baghdad", "place", "Baghdad", "Bagdad", "iraq"),
    ("cairo", "place", "Cairo", "Le Caire|Caire", "egypt"),
    ("amman", "place", "Amman", "Amman", "jordan"),
    ("riyadh", "place", "Riyadh", "Riyad", "saudi arabia"),
    ("ankara", "place", "Ankara", "Ankara", "turkey"),
    ("istanbul", "place", "Istanbul", "Istanbul", "turkey"),
    ("kyiv", "place", "Kyiv|Kiev", "Kiev|Kyiv", "ukraine"),
    ("washington", "place", "Washington", "Washington", "united states"),
    (
        "white house",
        "organisation",
        "White House",
        "Maison Blanche|Maison-Blanche",
        "united states",
    ),
    ("pentagon", "organisation", "Pentagon", "Pentagone", "united states"),
    ("london", "place", "London", "Londres", "united kingdom"),
    ("paris", "place", "Paris", "Paris", "france"),
    ("elysee", "organisation", "Elysee|Élysée|Elysee Palace", "Elysée|Élysée", "france"),
    ("berlin", "place", "Berlin", "Berlin", "germany"),
    ("brussels", "place", "Brussels", "Bruxelles", "belgium"),
    ("geneva", "place", "Geneva", "Genève", "switzerland"),
    ("vienna", "place", "Vienna", "Vienne", "austria"),
    ("beijing", "place", "Beijing|Peking", "Pékin", "china"),
    ("rome", "place", "Rome", "Rome", "italy"),
    ("madrid", "place", "Madrid", "Madrid", "spain"),
    ("lisbon", "place", "Lisbon", "Lisbonne", "portugal"),
    ("warsaw", "place", "Warsaw", "Varsovie", "poland"),
    ("athens", "place", "Athens", "Athènes", "greece"),
    ("the hague", "place", "The Hague", "La Haye|Haye", "netherlands"),
    ("havana", "place", "Havana", "La Havane|Havane", "cuba"),
    ("copenhagen", "place", "Copenhagen", "Copenhague", "denmark"),
    (
        "st petersburg",
        "place",
        "St Petersburg|St. Petersburg|Saint Petersburg",
        "Saint-Pétersbourg",
        "russia",
    ),
    ("sochi", "place", "Sochi", "Sotchi", "russia"),
    ("crimea", "place", "Crimea", "Crimée", "ukraine"),
    ("donbas", "place", "Donbas|Donbass", "Donbass", "ukraine"),
    ("kharkiv", "place", "Kharkiv|Kharkov", "Kharkiv|Kharkov", "ukraine"),
    ("odesa", "place", "Odesa|Odessa", "Odessa", "ukraine"),
    ("kabul", "place", "Kabul", "Kaboul", "afghanistan"),
    ("mosul", "place", "Mosul", "Mossoul", "iraq"),
    ("raqqa", "place", "Raqqa|Raqa", "Raqqa|Rakka", "syria"),
    ("aleppo", "place", "Aleppo", "Alep", "syria"),
    ("deraa", "place", "Daraa|Deraa|Dara'a", "Deraa|Daraa", "syria"),
    ("golan", "place", "Golan|Golan Heights", "Golan|plateau du Golan", "syria"),
    ("idlib", "place", "Idlib", "Idleb|Idlib", "syria"),
    ("homs", "place", "Homs", "Homs", "syria"),
    ("hama", "place", "Hama", "Hama", "syria"),
    ("palmyra", "place", "Palmyra", "Palmyre", "syria"),
    ("latakia", "place", "Latakia", "Lattaquié", "syria"),
    (
        "deir ezzor",
        "place",
        "Deir ez-Zor|Deir Ezzor|Deir al-Zour",
        "Deir Ezzor|Deir ez-Zor",
        "syria",
    ),
    ("quneitra", "place", "Quneitra", "Kuneitra|Quneitra", "syria"),
    ("manbij", "place", "Manbij", "Manbij|Manbidj", "syria"),
    ("kobani", "place", "Kobani|Kobane", "Kobané|Kobani", "syria"),
    ("hasakah", "place", "Hasakah|Hasakeh", "Hassaké|Hassakeh", "syria"),
    ("west bank", "place", "West Bank", "Cisjordanie", "palestine"),
    ("gaza", "place", "Gaza|Gaza Strip", "Gaza|bande de Gaza", "palestine"),
    ("mecca", "place", "Mecca", "La Mecque|Mecque", "saudi arabia"),
    ("algiers", "place", "Algiers", "Alger", "algeria"),
    ("tripoli", "place", "Tripoli", "Tripoli", "libya"),
    ("new york", "place", "New York", "New York", "united states"),
    ("scotland", "place", "Scotland", "Ecosse|Écosse", "united kingdom"),
    ("wales", "place", "Wales", "pays de Galles|Galles", "united kingdom"),
    ("cologne", "place", "Cologne", "Cologne", "germany"),
    ("cyprus", "place", "Cyprus", "Chypre", ""),
    ("middle east", "place", "Middle East", "Moyen-Orient|Proche-Orient", ""),
    ("persian gulf", "place", "Persian Gulf|Gulf", "Golfe persique|Golfe", ""),
    ("mediterranean", "place", "Mediterranean", "Méditerranée", ""),
    # organisations
    ("kremlin", "organisation", "Kremlin", "Kremlin", "russia"),
    ("united nations", "organisation", "United Nations|UN|U.N.", "Nations unies|ONU", ""),
    (
        "security council",
        "organisation",
        "Security Council|UN Security Council",
        "Conseil de sécurité",
        "united nations",
    ),
    ("nato", "organisation", "NATO|Nato", "OTAN|Otan", ""),
    ("european union", "organisation", "European Union|EU", "Union européenne|UE", ""),
    (
        "european commission",
        "organisation",
        "European Commission",
        "Commission européenne",
        "european union",
    ),
    ("hezbollah", "organisation", "Hezbollah|Hizbollah|Hizballah", "Hezbollah", "lebanon"),
    ("hamas", "organisation", "Hamas", "Hamas", "palestine"),
    ("al qaeda", "organisation", "Al-Qaeda|al-Qaida|Al Qaeda", "Al-Qaïda|Al-Qaida", ""),
    ("taliban", "organisation", "Taliban", "talibans|Talibans", "afghanistan"),
    (
        "general assembly",
        "organisation",
        "General Assembly|UN General Assembly",
        "Assemblée générale",
        "united nations",
    ),
    (
        "islamic state",
        "organisation",
        "Islamic State|ISIS|ISIL|Daesh",
        "Etat islamique|État islamique|EI|Daech|Daesh",
        "",
    ),
    (
        "idf",
        "organisation",
        "IDF|Israel Defense Forces|Israeli Defense Forces",
        "Tsahal|armée israélienne",
        "israel",
    ),
    ("knesset", "organisation", "Knesset", "Knesset", "israel"),
    ("red cross", "organisation", "Red Cross|ICRC", "Croix-Rouge|CICR", ""),
    (
        "who",
        "organisation",
        "World Health Organization|WHO",
        "Organisation mondiale de la santé|OMS",
        "",
    ),
    ("iaea", "organisation", "IAEA|International Atomic Energy Agency", "AIEA", ""),
    ("afp", "organisation", "AFP|Agence France-Presse", "AFP|Agence France-Presse", ""),
    ("reuters", "organisation", "Reuters", "Reuters", ""),
    ("associated press", "organisation", "Associated Press|AP", "Associated Press|AP", ""),
    (
        "sohr",
        "organisation",
        "Syrian Observatory for Human Rights|SOHR",
        "Observatoire syrien des droits de l'homme|OSDH",
        "",
    ),
    (
        "revolutionary guards",
        "organisation",
        "Revolutionary Guards|IRGC",
        "Gardiens de la révolution|pasdarans",
        "iran",
    ),
    # people
    ("vladimir putin", "person", "Vladimir Putin|Putin", "Vladimir Poutine|Poutine", ""),
    (
        "benjamin netanyahu",
        "person",
        "Benjamin Netanyahu|Netanyahu|Bibi",
        "Benjamin Netanyahou|Netanyahou|Nétanyahou",
        "",
    ),
    (
        "bashar asad",
        "person",
        "Bashar al-Assad|Bashar Assad|Assad",
        "Bachar el-Assad|Bachar al-Assad|el-Assad",
        "",
    ),
    ("donald trump", "person", "Donald Trump|Trump", "Donald Trump|Trump", ""),
    ("joe biden", "person", "Joe Biden|Biden", "Joe Biden|Biden", ""),
    ("barack obama", "person", "Barack Obama|Obama", "Barack Obama|Obama", ""),
    ("emmanuel macron", "person", "Emmanuel Macron|Macron", "Emmanuel Macron|Macron", ""),
    ("angela merkel", "person", "Angela Merkel|Merkel", "Angela Merkel|Merkel", ""),
    (
        "recep tayyip erdogan",
        "person",
        "Recep Tayyip Erdogan|Erdogan|Erdoğan",
        "Recep Tayyip Erdogan|Erdogan",
        "",
    ),
    (
        "ali khamenei",
        "person",
        "Ali Khamenei|Ayatollah Khamenei|Khamenei",
        "Ali Khamenei|Khamenei",
        "",
    ),
    ("hassan rouhani", "person", "Hassan Rouhani|Rouhani", "Hassan Rohani|Rohani|Rouhani", ""),
    ("sergei lavrov", "person", "Sergei Lavrov|Sergey Lavrov|Lavrov", "Sergueï Lavrov|Lavrov", ""),
    (
        "sergei shoigu",
        "person",
        "Sergei Shoigu|Sergey Shoygu|Shoigu",
        "Sergueï Choïgou|Choïgou",
        "",
    ),
    (
        "volodymyr zelensky",
        "person",
        "Volodymyr Zelensky|Volodymyr Zelenskyy|Zelensky|Zelenskyy",
        "Volodymyr Zelensky|Volodymyr Zelenski|Zelensky|Zelenski",
        "",
    ),
    ("xi jinping", "person", "Xi Jinping|Xi", "Xi Jinping|Xi", ""),
    ("kim jong un", "person", "Kim Jong Un|Kim Jong-un", "Kim Jong-un|Kim Jong Un", ""),
    ("dmitry medvedev", "person", "Dmitry Medvedev|Medvedev", "Dmitri Medvedev|Medvedev", ""),
    ("dmitry peskov", "person", "Dmitry Peskov|Peskov", "Dmitri Peskov|Peskov", ""),
    (
        "avigdor lieberman",
        "person",
        "Avigdor Lieberman|Avigdor Liberman|Lieberman|Liberman",
        "Avigdor Lieberman|Lieberman",
        "",
    ),
    ("benny gantz", "person", "Benny Gantz|Gantz", "Benny Gantz|Gantz", ""),
    ("mahmoud abbas", "person", "Mahmoud Abbas|Abbas", "Mahmoud Abbas|Abbas", ""),
    ("hassan nasrallah", "person", "Hassan Nasrallah|Nasrallah", "Hassan Nasrallah|Nasrallah", ""),
    (
        "abdel fattah sisi",
        "person",
        "Abdel Fattah al-Sisi|Sisi|el-Sisi",
        "Abdel Fattah al-Sissi|Sissi|al-Sissi",
        "",
    ),
    ("mohammed bin salman", "person", "Mohammed bin Salman|MBS", "Mohammed ben Salmane|MBS", ""),
    (
        "muammar gaddafi",
        "person",
        "Muammar Gaddafi|Gaddafi|Qaddafi|Kadhafi",
        "Mouammar Kadhafi|Kadhafi",
        "",
    ),
    ("antonio guterres", "person", "Antonio Guterres|Guterres", "Antonio Guterres|Guterres", ""),
    ("boris yeltsin", "person", "Boris Yeltsin|Yeltsin", "Boris Eltsine|Eltsine", ""),
    (
        "mikhail gorbachev",
        "person",
        "Mikhail Gorbachev|Gorbachev",
        "Mikhaïl Gorbatchev|Gorbatchev",
        "",
    ),
)

# Words that are capitalised at the start of a sentence (or in both languages' titles) but are
# not names; a sequence is cut at them.
_STOP = _fold_set(
    _words("""
    the a an in on at for from to of by with without as and but or nor so yet if when while since
    after before during although though because this that these those it its he she they we i you
    his her their our my your there here then now both all some many most much more few several
    each every any no not only also even still however meanwhile moreover furthermore yesterday
    today tomorrow last next earlier later according under over among between against despite
    instead why what who where how which whose asked speaking following amid around about nearly
    almost such other another one two three four five six seven eight nine ten eleven twelve
    fifteen twenty hundreds thousands dozens just breaking update read click thank please share
    officials sources police troops forces regime rebels militants protesters residents witnesses
    analysts experts critics government authorities soldiers security army military talks
    negotiations state states city country president prime minister mr mrs ms dr
    le la les l un une des du de d au aux en y et ou mais donc or ni car que qu qui quoi dont où
    ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos il elle ils elles on nous
    vous je tu selon pour dans depuis après avant lors par sur sous avec sans chez entre vers
    contre face plus moins aucun aucune tous toutes tout plusieurs certains certaines quelques
    deux trois quatre cinq dix cent mille hier aujourd demain cependant toutefois pourtant ainsi
    alors enfin encore déjà aussi même très bien
    autorités troupes responsables soldats policiers rebelles manifestants habitants témoins
    gouvernement armée ministère ministre président premier etat état pays ville
    lire partager abonnez publié mis jour
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion dozen dozens scores tens millions billions
    zéro deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
    vingt trente quarante cinquante soixante cent mille million milliard dizaines centaines
    milliers quatre-vingts quatre-vingt soixante-dix quatre-vingt-dix vingt-et-un
    """)
)

# Titles and government words: cut off the front (or end) of a name sequence, and give the
# following name the kind ``person``.
_TITLES = _fold_set(
    _words("""
    president président presidente présidente prime premier minister ministre ministers ministres
    foreign defence defense deputy vice secretary secrétaire general général gen lt col colonel
    chancellor chancelier king roi queen reine prince princess princesse pope pape senator sénateur
    senators sénateurs representative rep congressman congresswoman mr mrs ms dr m mme mgr sheikh
    cheikh emir émir ayatollah chief chef commander commandant governor gouverneur mayor maire
    ambassador ambassadeur envoy émissaire spokesman spokeswoman spokesperson porte-parole
    ministry ministère affairs affaires interior intérieur justice finance finances economy
    économie health santé education éducation staff chiefs joint department state office cabinet
    national nationale security sécurité adviser advisor advisers conseiller conseillère premier
    judge juge justice lord lady sir dame sen gov supreme leader guide suprême général
    lieutenant major captain capitaine sergeant sergent admiral amiral marshal maréchal field
    armed forces army navy air force armée armées council conseil parliament parlement
    opposition leader chairman chairwoman ceo director directeur directrice head
    """)
)

_PERSON_TITLES = _fold_set(
    _words("""
    president président presidente présidente minister ministre secretary secrétaire
    général gen lt col colonel chancellor chancelier king roi queen reine prince princess
    princesse pope pape senator sénateur representative rep congressman congresswoman mr mrs ms
    dr m mme mgr sheikh cheikh emir émir ayatollah chief chef commander commandant governor
    gouverneur mayor maire ambassador ambassadeur envoy émissaire spokesman spokeswoman
    spokesperson porte-parole adviser advisor conseiller conseillère judge juge lord lady sir dame
    sen gov leader lieutenant major captain capitaine sergeant sergent admiral amiral marshal
    maréchal chairman chairwoman ceo director directeur directrice counterpart homologue
    """)
)

# Lowercase particles that may sit inside a name ("Charles de Gaulle", "Osama bin Laden").
_PARTICLES = frozenset(
    _words("de du des da di del della van von der den bin ben ibn abu al el la le y of d'")
)
# Arabic articles glued with a hyphen ("al-Assad", "el-Sisi").
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ed|as|ash|ar|at|az|an)[-‐]", re.IGNORECASE)

_ORG_WORDS = _fold_set(
    _words("""
    party group agency council company bank university corporation corp inc ltd organization
    organisation union front brigade brigades movement authority commission committee court fund
    institute news times post press ministry foundation association network airlines airways
    observatory survey institut service services office centre center administration
    department bureau board programme program trust society school college hospital museum
    library league federation club team channel radio tv television agence compagnie
    """)
)
_PLACE_WORDS = _fold_set(
    _words("""
    heights province valley river sea mountains mountain gulf strait island islands street square
    region district county city lake desert peninsula border crossing airport
    """)
)
# Adjectives that are capitalised in English but name no entity on their own.
_NOT_NAMES = _fold_set(
    _words("""
    islamic jewish muslim christian catholic protestant orthodox shia shiite shi'ite sunni
    western eastern northern southern central western arab-israeli anti pro republic democratic
    federal national international royal january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday sunday
    breadcrumb advertisement comments comment post min god resolution resolutions article
    articles act bill agreement accord treaty summit conference convention protocol plan
    feb apr jun jul aug sep sept oct nov dec tue tues wed thu thur thurs fri sat
    """)
)
_FR_LOWER_NOT = frozenset(
    _words("janvier février mars avril mai juin juillet août septembre octobre novembre décembre")
)


# --- transliteration key -------------------------------------------------------------------------

_DROP_TOKENS = frozenset(
    _words("al el ad ed as ash ar at az de du des da di del della van von der den")
)
_PHONETIC = (
    ("tch", "sh"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("x", "ks"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def _translit_token(token: str) -> str:
    out = token
    for old, new in _PHONETIC:
        if old in out:
            out = out.replace(old, new)
    out = _DOUBLE.sub(r"\1", out)
    # French spellings add an -e to Russian and Arabic names (Poutine, Verchinine, Salmane).
    if len(out) > 4 and (out.endswith("ine") or out.endswith("ane")):
        out = out[:-1]
    return out


_KEY_SPLIT = re.compile(r"[^a-z]+")


def _key_tokens(text: str) -> tuple[str, ...]:
    folded = _fold(text)
    folded = re.sub(r"['’]s\b", "", folded)
    folded = re.sub(r"\b(?:l|d|qu)['’]", "", folded)
    raw = [t for t in _KEY_SPLIT.split(folded) if t]
    tokens = []
    for t in raw:
        if len(t) == 1:
            continue  # initials: "George W. Bush" is "George Bush"
        if t in _DROP_TOKENS:
            continue
        if t in ("ben", "ibn"):
            t = "bin"
        t = _FIRST_NAMES.get(t, t)
        tokens.append(_translit_token(t))
    return tuple(tokens)


# French forms of first names that English writes differently (popes, royals, historical
# figures are named with them): both map to the English form.
_FIRST_NAMES = {
    "francois": "francis",
    "jean": "john",
    "pierre": "peter",
    "guillaume": "william",
    "henri": "henry",
    "jacques": "james",
    "philippe": "philip",
    "benoit": "benedict",
    "elisabeth": "elizabeth",
    "marie": "mary",
    "georges": "george",
    "michel": "michael",
    "etienne": "stephen",
    "nicolas": "nicholas",
    "antoine": "anthony",
    "andre": "andrew",
    "leon": "leo",
    "jeanne": "joan",
    "mathieu": "matthew",
    "matthieu": "matthew",
    "frederic": "frederick",
    "gregoire": "gregory",
    "jerome": "jerome",
    "mikhail": "mikhail",
}


# --- table index ---------------------------------------------------------------------------------


def _fr_demonym_forms(spec: str) -> list[str]:
    if "|" in spec:
        return spec.split("|")
    base = spec
    if base.endswith("en"):
        return [base, base + "ne", base + "s", base + "nes"]
    if base.endswith(("ais", "ois")):
        return [base, base + "e", base + "es"]
    if base.endswith("e"):
        return [base, base + "s"]
    return [base, base + "e", base + "s", base + "es"]


def _en_demonym_forms(spec: str) -> list[str]:
    out = []
    for d in spec.split("|"):
        out.append(d)
        if not d.endswith(("ese", "ch", "sh", "ss", "s")):
            out.append(d + "s")
    return out


_INDEX: dict[tuple[str, ...], tuple[str, str]] = {}
"""Key tokens of a table variant -> (canonical key, kind)."""
_ACRONYMS: dict[str, tuple[str, str]] = {}
"""Acronyms as written -> (canonical key, kind)."""
_RELATED: dict[str, str] = {}
_PHRASES: list[str] = []
"""Table variants written with spaces, hyphens or lowercase words, matched on the raw text."""
_FR_DEMONYMS: dict[str, str] = {}
"""Lowercase French demonym form (accents kept) -> country key."""
_EN_DEMONYMS: dict[str, str] = {}
"""English demonym form -> country key."""


def _canonical(name: str) -> str:
    return " ".join(_key_tokens(name))


def _register(variant: str, key: str, kind: str, phrase: bool = True) -> None:
    compact = variant.replace(".", "")
    if compact.isupper() and len(compact) <= 5:
        # acronyms match only as written ("WHO", not "Who"; "US", not "us")
        _ACRONYMS.setdefault(variant, (key, kind))
        _ACRONYMS.setdefault(compact, (key, kind))
        return
    tokens = _key_tokens(variant)
    if tokens:
        _INDEX.setdefault(tokens, (key, kind))
    if phrase and (" " in variant.strip() or "-" in variant):
        _PHRASES.append(variant)


def _build_tables() -> None:
    for key, en, fr, en_dem, fr_dem in _COUNTRIES:
        ckey = _canonical(key)
        for v in (en + "|" + fr).split("|"):
            _register(v, ckey, "place")
        for d in _en_demonym_forms(en_dem):
            _EN_DEMONYMS[d] = ckey
            _register(d, ckey, "place", phrase=False)
        for d in _fr_demonym_forms(fr_dem):
            _FR_DEMONYMS[d] = ckey
            _FR_DEMONYMS[d[:1].upper() + d[1:]] = ckey
            _register(d, ckey, "place", phrase=False)
    for key, kind, en, fr, related in _ENTITIES:
        ckey = _canonical(key)
        for v in (en + "|" + fr).split("|"):
            _register(v, ckey, kind)
        if related:
            _RELATED[ckey] = _canonical(related)


_build_tables()
#: country key for every demonym form, English and French (used by the figure extractor to skip
#: adjectives between a number and the noun it counts).
DEMONYM_KEYS: dict[str, str] = {
    **{_fold(k): v for k, v in _EN_DEMONYMS.items()},
    **{_fold(k): v for k, v in _FR_DEMONYMS.items()},
}


def _phrase_index() -> dict[str, re.Pattern[str]]:
    """First word (folded) of each multi-word table name -> a pattern matching those names."""
    by_first: dict[str, list[str]] = {}
    for p in set(_PHRASES):
        first = _fold(re.split(r"[\s-]+", p)[0])
        by_first.setdefault(first, []).append(p)
    return {
        first: re.compile(
            "(?:"
            + "|".join(
                re.escape(p).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
                for p in sorted(group, key=len, reverse=True)
            )
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        for first, group in by_first.items()
    }


_PHRASE_FIRST = _phrase_index()
# lowercase words worth a closer look: French demonyms and the first words of lowercase phrases
_LOWER_KEYS = frozenset(
    {*_FR_DEMONYMS}
    | {p.split(" ", 1)[0].lower() for p in _PHRASES if " " in p and p[:1].islower()}
    | {_fold(p.split(" ", 1)[0]) for p in _PHRASES if " " in p and p[:1].islower()}
)


# --- public helpers ------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _lookup(text: str) -> tuple[str, str, tuple[str, ...]]:
    """(key, kind from the table or "", key tokens) for a name as written."""
    hit = _ACRONYMS.get(text.strip())
    if hit:
        return hit[0], hit[1], tuple(hit[0].split())
    tokens = _key_tokens(text)
    hit = _INDEX.get(tokens)
    if hit:
        return hit[0], hit[1], tuple(hit[0].split())
    return " ".join(tokens), "", tokens


def name_key(text: str) -> str:
    """Language-neutral key of a name: two spellings or translations of one entity share it.

    Table entries map to one canonical key ("Moscou" and "Moscow" -> "moscov", "Poutine" and
    "Putin" -> "vladimir putin"); other names get a transliteration key ("Sergueï Verchinine" and
    "Sergey Vershinin" -> "sergei vershinin"). A surname alone keeps its own key: use
    :func:`same_entity` to match it with a full name.
    """
    return _lookup(text)[0]


def same_entity(a: str, b: str) -> bool:
    """True when two mentions name the same entity.

    Matches spelling and transliteration variants, a surname alone against the full name
    ("Assad" / "Bashar al-Assad"), a name with or without a middle initial ("George Bush" /
    "George W. Bush"); different people with a shared first name or surname plus different
    first names stay apart ("George Bush" / "Jeb Bush").
    """
    return _same_keys(_lookup(a)[2], _lookup(b)[2])


@lru_cache(maxsize=16384)
def _same_keys(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < len(long_) and long_[-len(short) :] == short:
        return True  # surname (with particles) alone
    if len(short) == len(long_):
        # one spelling variant per token (Lieberman / Liberman)
        return all(_close(x, y) for x, y in zip(short, long_, strict=True))
    if len(short) == 1:
        return _close(short[0], long_[-1])
    return False


def _close(x: str, y: str) -> bool:
    if x == y:
        return True
    if x[:1] != y[:1] or min(len(x), len(y)) < 5:
        return False
    return fuzz.ratio(x, y) >= 87


def is_known(text: str) -> bool:
    """True when the name is in the exonym table (a country, demonym, city, leader or
    organisation whose spellings in both languages are known)."""
    return bool(_lookup(text)[1])


def related_entities(a_key: str, b_key: str) -> bool:
    """True when two different keys are closely related (a capital and its country, the Kremlin
    and Russia), so naming one instead of the other is metonymy, not a different entity."""
    if a_key == b_key:
        return True
    return _RELATED.get(a_key) == b_key or _RELATED.get(b_key) == a_key


# --- extraction ----------------------------------------------------------------------------------

_WORD = re.compile(
    r"(?P<elision>\b(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w))"
    r"|(?P<acro>\b(?:[A-Z]\.){2,})"
    r"|(?P<initial>\b[A-Z]\.(?=\s+[A-Z]))"
    r"|(?P<word>[^\W\d_]+(?:['’](?!(?:s|ll|ve|re|d|m|t)\b)[^\W\d_]+)?(?:[-‐][^\W\d_]+)*"
    r"(?:['’]s\b)?)"
    r"|(?P<brk>[.!?;:,()\"“”«»—–\[\]/|]|\d+|\n)",
)
_UPPER = re.compile(r"^[A-ZÀ-ÖØ-Þ]")


def _is_cap(word: str) -> bool:
    if word[:1].isupper():
        return True
    if (len(word) > 3 and word[2] in "-‐") or (len(word) > 4 and word[3] in "-‐"):
        return bool(_ARTICLE_PREFIX.match(word) and _UPPER.match(_ARTICLE_PREFIX.sub("", word)))
    return False


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word


def extract_names(text: str, language: str) -> list[Name]:
    """People, places and organisations named in ``text``, in order of appearance.

    Titles ("Prime Minister", "ministre") and demonyms are cut off a name; demonyms ("Russian",
    "russes") are returned as mentions of their country (kind ``place``). In text written in
    title case or capitals (headlines), only names from the table are returned.
    """
    return list(_extract_names(text, (language or "")[:2].lower()))


_CAP_WORD = (
    r"(?:(?:[A-Z]\.){2,}"
    r"|[A-Z]\.(?=\s+[A-Z])"
    r"|(?:[Aa][ltdsrnz]|[Ee][ld]|[Aa]sh)[-‐][A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-‐][^\W\d_]+)*(?:['’]s\b)?"
    r"|[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’](?!(?:s|ll|ve|re|d|m|t)\b)[^\W\d_]+)?(?:[-‐][^\W\d_]+)*"
    r"(?:['’]s\b)?)"
)
_CAP_SEQ = re.compile(
    r"(?<![\w-])"
    + _CAP_WORD
    + r"(?:[ \u00a0](?:(?:de|du|des|da|di|del|della|van|von|der|den|bin|ben|ibn|abu|al|el|la|le"
    r"|y|of)[ \u00a0])?" + _CAP_WORD + r")*"
)
_SEQ_WORD = re.compile(_CAP_WORD + r"|[^\W\d_]+")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿœ][^\W\d_]*(?:[-‐][^\W\d_]+)*")
_ELISION_PREFIX = re.compile(r"(?:[LDJMNSTC]|Qu|Jusqu|Lorsqu|Puisqu)['’](?=\w)")
_INITIAL_BEFORE = frozenset('.!?\n:;"“”«»—–([')
_ELIDED_BEFORE = re.compile(r"(?:\b(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu))['’]$")
_CAP_FUNCTION = re.compile(
    r"(?<=\s)(?:The|A|An|In|On|At|For|From|To|Of|By|With|And|Or|But|As|Is|Are|Was|Were|Its|Their"
    r"|Be|Been|Has|Have|Had|Will|Would|Can|Could|Not|All|Along|Same|New|After|Over|Into|Up|Out"
    r"|About|Against|Amid|Says|Say|Said|More|Than|No|This|That|Who|What|How|Why|When|Where|Le"
    r"|La|Les|De|Des|Du|Et|En|Au|Aux|Pour|Sur|Dans|Avec|Par)\b"
)


def _is_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \u00a0\t":
        k -= 1
    return k < 0 or text[k] in _INITIAL_BEFORE


def _prev_word(text: str, start: int) -> str | None:
    k = start
    if k > 0 and text[k - 1] in "'’":
        j = k - 1
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if 0 < k - 1 - j <= 7 and _ELIDED_BEFORE.search(text[j:k]):
            k = j  # "près d'Alep": the word before the elided article
    while k > 0 and text[k - 1] in " \u00a0\t":
        k -= 1
    end = k
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return text[k:end] if k < end else None


def _headline(text: str) -> bool:
    """Title case ("Talks With Russian Officials On Syria") or capitals: no cue from case."""
    alpha = [w for w in text.split() if w[:1].isalpha()]
    if len(alpha) < 4:
        return False
    if sum(1 for w in alpha if w.isupper()) >= 0.8 * len(alpha):
        return True
    count = 0
    for m in _CAP_FUNCTION.finditer(text):
        if not _is_initial(text, m.start()):
            count += 1
            if count >= 2:
                return True
    return False


@lru_cache(maxsize=16384)
def _extract_names(text: str, language: str) -> tuple[Name, ...]:
    if not text:
        return ()
    names: list[Name] = []
    taken: list[tuple[int, int]] = []
    # French writes demonyms and some place names in lowercase; English text has neither
    lower_hits = language != "en" and not _LOWER_KEYS.isdisjoint(_LOWER_WORD.findall(text))
    for m in _LOWER_WORD.finditer(text) if lower_hits else ():
        w = m.group()
        key = _FR_DEMONYMS.get(w)
        if key is not None:
            names.append(Name(w, key, "place", m.start(), m.end()))
            continue
        pattern = _PHRASE_FIRST.get(_fold(w.split("-", 1)[0]))
        if pattern is not None:
            pm = pattern.match(text, m.start())
            if pm and " " in pm.group() and any(c.isupper() for c in pm.group()):
                pkey, kind, _ = _lookup(pm.group())
                if kind:
                    names.append(Name(pm.group(), pkey, kind, pm.start(), pm.end()))
                    taken.append((pm.start(), pm.end()))
    headline = _Headline(text)
    taken_until = -1
    for seq_m in _CAP_SEQ.finditer(text):
        if seq_m.end() <= taken_until:
            continue
        words: list[tuple[str, int, int, bool, str | None]] = []
        prev = _prev_word(text, seq_m.start())
        for wm in _SEQ_WORD.finditer(text, seq_m.start(), seq_m.end()):
            if wm.start() < taken_until or any(a <= wm.start() < b for a, b in taken):
                continue
            w = wm.group()
            elided = _ELISION_PREFIX.match(w)
            if elided:
                # "L'Iran" is "Iran"; "L'incendie" starts a sentence with a common noun
                rest = w[elided.end() :]
                if not rest[:1].isupper():
                    names.extend(_sequences(text, words, headline))
                    words, prev = [], rest
                    continue
                w = rest
                wm_start = wm.start() + elided.end()
            else:
                wm_start = wm.start()
            pattern = _PHRASE_FIRST.get(_fold(w.split("-", 1)[0])) if _is_cap(w) else None
            if pattern is not None:
                pm = pattern.match(text, wm_start)
                if pm:
                    pkey, kind, _ = _lookup(pm.group())
                    if kind:
                        names.extend(_sequences(text, words, headline))
                        words = []
                        names.append(Name(pm.group(), pkey, kind, pm.start(), pm.end()))
                        taken_until = pm.end()
                        prev = None
                        continue
            initial = not words and _is_initial(text, wm.start())
            words.append((w, wm_start, wm.end(), initial, prev))
            prev = w
        names.extend(_sequences(text, words, headline))
    names.sort(key=lambda nm: (nm.start, -nm.end))
    # a demonym inside a longer name ("Union européenne") is not a mention of its own
    kept: list[Name] = []
    for nm in names:
        if kept and nm.end <= kept[-1].end:
            continue
        kept.append(nm)
    return tuple(kept)


class _Headline:
    """Whether the text is a headline, worked out only when an unknown name needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.value: bool | None = None

    def __bool__(self) -> bool:
        if self.value is None:
            self.value = _headline(self.text)
        return self.value


def _sequences(
    text: str, words: list[tuple[str, int, int, bool, str | None]], headline: _Headline
) -> list[Name]:
    """Cut the words of one capitalised run at possessives and at particles that do not join
    two parts of one name, then read each piece."""
    out: list[Name] = []
    n = len(words)
    i = 0
    while i < n:
        if not _is_cap(words[i][0]):
            i += 1
            continue
        seq = [i]
        j = i + 1
        while j < n:
            wj = words[j][0]
            if words[seq[-1]][0].endswith(("'s", "’s")):
                break
            if _is_cap(wj):
                seq.append(j)
                j += 1
                continue
            if wj in _PARTICLES and j + 1 < n and _is_cap(words[j + 1][0]):
                head = _strip_possessive(words[seq[-1]][0])
                fh = _fold(head)
                if fh in _STOP or fh in _TITLES or _lookup(head)[1]:
                    break
                seq.extend((j, j + 1))
                j += 2
                continue
            break
        out.extend(_split_sequence(text, words, seq, headline))
        i = j
    return out


_FUNCTION_WORDS = frozenset(
    _words(
        """the a an in on at for from to of by with and or but as is are was were its their be been
    has have had will would can could not all along same new after over into up out about
    against amid says say said more than no this that who what how why when where
    le la les de des du et en au aux pour sur dans avec par"""
    )
)


def _split_sequence(
    text: str,
    words: list[tuple[str, int, int, bool, str | None]],
    seq: list[int],
    headline: _Headline,
) -> list[Name]:
    """Cut one capitalised sequence into demonyms, titles and names."""
    out: list[Name] = []
    parts: list[list[int]] = [[]]
    hints: list[bool] = [False]
    title_before = False
    for idx in seq:
        w = words[idx][0]
        if w in _PARTICLES and parts[-1]:
            parts[-1].append(idx)  # "Charles de Gaulle": kept inside, trimmed at the edges
            continue
        base = _strip_possessive(w)
        fw = _fold(base)
        known = _lookup(base)[1] if fw in _STOP or fw in _TITLES else ""
        if not known and (fw in _STOP or fw in _TITLES or fw in _NOT_NAMES):
            title_before = title_before or fw in _PERSON_TITLES
            parts.append([])
            hints.append(title_before)
            continue
        demonym = _EN_DEMONYMS.get(base) or _FR_DEMONYMS.get(base)
        if demonym and not parts[-1]:
            out.append(Name(base, demonym, "place", words[idx][1], words[idx][1] + len(base)))
            continue
        parts[-1].append(idx)
        hints[-1] = hints[-1] or title_before
        if base != w:  # a possessive closes the name: "the Kremlin's Syria envoy"
            parts.append([])
            hints.append(False)
            title_before = False
    for part, hint in zip(parts, hints, strict=True):
        while part and words[part[-1]][0] in _PARTICLES:
            part.pop()
        while part and words[part[0]][0] in _PARTICLES:
            part.pop(0)
        if part:
            out.extend(_make_names(text, words, part, hint, headline))
    return out


def _span(
    text: str, words: list[tuple[str, int, int, bool, str | None]], a: int, b: int
) -> tuple[str, int, int]:
    start, end = words[a][1], words[b][2]
    raw = text[start:end]
    if raw.endswith(("'s", "’s")):
        raw, end = raw[:-2], end - 2
    return raw, start, end


def _make_names(
    text: str,
    words: list[tuple[str, int, int, bool, str | None]],
    part: list[int],
    person_hint: bool,
    headline: _Headline,
) -> list[Name]:
    raw, start, end = _span(text, words, part[0], part[-1])
    key, kind, tokens = _lookup(raw)
    if kind:
        return [Name(raw, key, kind, start, end)]
    if len(part) > 1:
        # a run of table names with nothing else ("Moscow Vladimir Putin") is split; a run with
        # one unknown word is one unknown name ("Hafez al-Assad" is not Bashar al-Assad)
        pieces: list[Name] = []
        p = 0
        while p < len(part):
            for q in range(len(part) - 1, p - 1, -1):
                r, s0, e0 = _span(text, words, part[p], part[q])
                k, kd, _ = _lookup(r)
                if kd:
                    pieces.append(Name(r, k, kd, s0, e0))
                    p = q + 1
                    break
            else:
                pieces = []
                break
        if pieces:
            return pieces
    if len(part) == 1 and "-" in raw and not _ARTICLE_PREFIX.match(raw):
        # "Israel-Syria", "Russia-backed", "Moscow-brokered", "Israeli-Palestinian"
        found: list[Name] = []
        at = start
        pieces_raw = raw.split("-")
        for piece in pieces_raw:
            pk, pkind, _ = _lookup(piece)
            if pkind:
                found.append(Name(piece, pk, pkind, at, at + len(piece)))
            at += len(piece) + 1
        if found or any(p[:1].islower() for p in pieces_raw):
            return found
    if headline or not tokens:
        return []
    first = words[part[0]]
    if len(part) == 1:
        fw = _fold(raw)
        if fw in _STOP or fw in _NOT_NAMES or len(fw) < 2 or (len(fw) <= 2 and not raw.isupper()):
            return []
        if (
            first[3]
            and not person_hint
            and raw[1:].islower()
            and fw.endswith(
                (
                    "ing",
                    "ed",
                    "ly",
                    "ment",
                    "ments",
                    "tion",
                    "tions",
                    "ers",
                    "ists",
                    "ies",
                    "es",
                    "ants",
                    "ents",
                )
            )
        ):
            return []  # a sentence-initial common word ("Following", "Officers", "Analysts")
    kind = _guess_kind(words, part, raw, person_hint)
    return [Name(raw, key, kind, start, end)]


def _guess_kind(
    words: list[tuple[str, int, int, bool, str | None]],
    part: list[int],
    raw: str,
    person_hint: bool,
) -> str:
    if person_hint:
        return "person"
    folded_parts = [_fold(words[k][0]) for k in part]
    if any(p in _ORG_WORDS for p in folded_parts) or (raw.isupper() and len(raw) >= 2):
        return "organisation"
    if any(p in _PLACE_WORDS for p in folded_parts):
        return "place"
    prev = _fold(words[part[0]][4] or "")
    if prev in _PLACE_PREPS:
        return "place"
    if prev in _ORG_NOUNS:
        return "organisation"
    if len(part) >= 2:
        return "person"
    return "other"


_PLACE_PREPS = _fold_set(
    _words("in at near from into to à en au aux près vers dans visit visited visiting")
)
_ORG_NOUNS = _fold_set(
    _words(
        """parti groupe agence mouvement organisation journal quotidien chaîne chaine société
    compagnie banque milice"""
    )
)
