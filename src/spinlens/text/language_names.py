"""English names of the language codes the identifier returns, for reports."""

from __future__ import annotations

import re

_TABLE = """
ace=Acehnese af=Afrikaans am=Amharic an=Aragonese ar=Arabic ary=Moroccan Arabic arz=Egyptian Arabic
as=Assamese az=Azerbaijani ba=Bashkir bcl=Central Bikol be=Belarusian bg=Bulgarian bn=Bengali br=Breton
bs=Bosnian ca=Catalan crh=Crimean Tatar cs=Czech cy=Welsh da=Danish de=German dz=Dzongkha el=Greek
en=English eo=Esperanto es=Spanish et=Estonian eu=Basque ext=Extremaduran fa=Persian fi=Finnish
fo=Faroese fr=French fuv=Nigerian Fulfulde fy=Western Frisian ga=Irish gcf=Guadeloupean Creole
gcr=Guianese Creole gd=Scottish Gaelic gl=Galician gom=Konkani grc=Ancient Greek gu=Gujarati
gug=Paraguayan Guarani guw=Gun ha=Hausa hbo=Ancient Hebrew he=Hebrew hi=Hindi hr=Croatian
ht=Haitian Creole hu=Hungarian hy=Armenian id=Indonesian ig=Igbo is=Icelandic it=Italian ja=Japanese
jv=Javanese ka=Georgian kab=Kabyle kik=Kikuyu kk=Kazakh km=Khmer kn=Kannada ko=Korean ku=Kurdish
ky=Kyrgyz la=Latin lb=Luxembourgish lg=Ganda lij=Ligurian ln=Lingala lo=Lao lt=Lithuanian ltg=Latgalian
lv=Latvian mg=Malagasy mk=Macedonian ml=Malayalam mn=Mongolian mr=Marathi ms=Malay mt=Maltese my=Burmese
ne=Nepali nl=Dutch nn=Norwegian Nynorsk no=Norwegian nso=Northern Sotho oc=Occitan om=Oromo or=Odia
pa=Punjabi pcm=Nigerian Pidgin pl=Polish ps=Pashto pt=Portuguese qu=Quechua ro=Romanian ru=Russian
rw=Kinyarwanda sa=Sanskrit sdh=Southern Kurdish se=Northern Sami si=Sinhala sk=Slovak sl=Slovenian
sn=Shona so=Somali sq=Albanian sr=Serbian st=Southern Sotho sv=Swedish sw=Swahili ta=Tamil te=Telugu
tg=Tajik th=Thai tk=Turkmen tl=Tagalog tr=Turkish tt=Tatar ug=Uyghur uk=Ukrainian ur=Urdu uz=Uzbek
uzs=Southern Uzbek vec=Venetian vi=Vietnamese vo=Volapük wa=Walloon wuu=Wu Chinese xh=Xhosa yo=Yoruba
yue=Cantonese zh=Chinese zu=Zulu zxx=no linguistic content als=Alemannic ast=Asturian av=Avar
azb=South Azerbaijani bar=Bavarian bh=Bihari bo=Tibetan bpy=Bishnupriya bxr=Buryat ce=Chechen ceb=Cebuano
ckb=Central Kurdish co=Corsican cv=Chuvash diq=Zazaki dsb=Lower Sorbian dty=Doteli dv=Dhivehi
eml=Emilian-Romagnol frr=North Frisian gn=Guarani gv=Manx hif=Fiji Hindi hsb=Upper Sorbian ia=Interlingua
ie=Interlingue ilo=Ilocano io=Ido jbo=Lojban krc=Karachay-Balkar kv=Komi kw=Cornish lez=Lezghian
li=Limburgish lmo=Lombard lrc=Northern Luri mai=Maithili mhr=Meadow Mari min=Minangkabau mrj=Hill Mari
mwl=Mirandese myv=Erzya mzn=Mazanderani nah=Nahuatl nap=Neapolitan nds=Low German new=Newari os=Ossetian
pam=Pampanga pfl=Palatine German pms=Piedmontese pnb=Western Punjabi rm=Romansh rue=Rusyn sah=Yakut
sc=Sardinian scn=Sicilian sco=Scots sd=Sindhi sh=Serbo-Croatian su=Sundanese tyv=Tuvan vep=Veps
vls=West Flemish war=Waray xal=Kalmyk xmf=Mingrelian yi=Yiddish
"""

_NAMES = {code: name.strip() for code, name in re.findall(r"([a-z]{2,3})=([^=]+?)(?=\s+[a-z]{2,3}=|\s*$)", _TABLE)}


def language_name(code: str | None) -> str:
    """English name of an ISO 639 code ('ru' -> 'Russian'); the code itself when unknown."""
    if not code:
        return "unknown"
    return _NAMES.get(code, code)
