"""What boilerplate blocks say: multilingual cue patterns, weighted, grouped by removal reason.

A block is scored per kind: each cue match adds its weight (`^`-anchored cues only match at the
start of the block).  Cue regexes only run for kinds whose trigger words occur in the block, so a
body paragraph costs one tokenisation and a few set look-ups.  All patterns are general phrasing
(what subscribe prompts, disclaimers, fair-use notices... say in several languages), never one
site's strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Removal reasons (the `RemovedBlock.reason` values).
NEWSLETTER = "newsletter prompt"
SHARE = "share/follow prompt"
TRANSLATION = "translation widget"
DISCLAIMER = "disclaimer"
FAIR_USE = "fair-use notice"
COPYRIGHT = "copyright notice"
CONTACT = "contact line"
SEPARATOR = "separator"
IMAGE_CREDIT = "image credit"
SECTION_LABEL = "section label"
AUTHOR_BIO = "author bio"
ATTRIBUTION = "attribution"
REPEATED = "repeated outlet block"
DUPLICATE_TITLE = "duplicate of title"
READ_MORE = "read-more link"
DONATION = "donation appeal"
COMMENTS = "comment prompt"
ADVERTISEMENT = "advertisement"
BYLINE = "byline"

#: Every reason `clean_text` may give, for documentation and tests.
REASONS = (NEWSLETTER, SHARE, TRANSLATION, DISCLAIMER, FAIR_USE, COPYRIGHT, CONTACT, SEPARATOR,
           IMAGE_CREDIT, SECTION_LABEL, AUTHOR_BIO, ATTRIBUTION, REPEATED, DUPLICATE_TITLE,
           READ_MORE, DONATION, COMMENTS, ADVERTISEMENT, BYLINE)

_PLATFORMS = (r"(?:twitter|x|facebook|instagram|telegram|youtube|tiktok|linkedin|whatsapp|vk|"
              r"vkontakte|rumble|gab|truth social|mastodon|reddit|odysee|bitchute|substack|threads|"
              r"bluesky|social media|social networks?)")

# kind -> (triggers, [(weight, pattern), ...]).  A trigger is a lower-case word ("share"), or a
# word prefix ending in "*" ("subscr*"); a leading "^" makes it count only as the block's first
# word (it then only runs the kind's anchored cues).  Patterns are matched against the lower-cased
# block; a pattern starting with "^" only matches at the start of the block.
_SPEC: dict[str, tuple[str, list[tuple[float, str]]]] = {
    NEWSLETTER: (
        ("jetzt weekly daily monthly morning evening mailing newsl* subscr* sign signing signup "
         "regist* inbox digest lettre inscrivez abonnez abonnieren anmelden melden подпиш* "
         "рассылк* suscr* boletín boletin iscriviti abbonati zapisz subskrybuj ^join ^get"),
        [
            (0.5, r"\bnewslett\w*"),
            (1.5, (r"\b(?:subscribe|sign(?:ing)? up|signup|register)\b[^.!?]{0,40}?\b(?:newsletters?|"
                   r"mailing list|"
                   r"e-?mail (?:list|alerts|updates))")),
            (1.5, (r"\b(?:subscribe|sign(?:ing)? up|signup|register)\b[^.!?]{0,20}?\b(?:our|my) [^.!?]{0,30}?"
                   r"\b(?:digest|briefing|updates)\b")),
            (1.0, r"\bsubscribe (?:now|today|here|for free)\b"),
            (1.0, r"\b(?:to )?receive\b[^.!?]{0,60}?\bnewslett\w*"),
            (1.0, r"\b(?:delivered|straight|directly) to your inbox\b"),
            (1.0, r"\bget (?:our|the) [^.!?]{0,30}?(?:newsletter|in your inbox)"),
            (2.0, r"^(?:subscribe|sign up|newsletter|join our (?:mailing list|newsletter))\b"),
            (1.5, (r"\b(?:join|subscribe to|sign up (?:to|for)) (?:our|the) (?:free )?(?:mailing list|"
                   r"newsletters?|"
                   r"e-?mail list)\b")),
            (1.0, (r"\b(?:weekly|daily|monthly|morning|evening) (?:round-?up|digest|newsletter|briefing|"
                   r"brief|"
                   r"e-?mail)\b")),
            (1.5, r"^jetzt\b[^.!?]{0,60}?\b(?:abonnieren|anmelden|bestellen)\b"),
            (1.5, r"\b(?:inscrivez-vous|abonnez-vous)\b"),
            (1.0, r"\b(?:à|a) (?:notre|la) (?:newsletter|lettre d'information)\b"),
            (1.5, r"\b(?:newsletter abonnieren|abonnieren sie|melden sie sich)\b"),
            (1.0, r"\bjetzt (?:anmelden|abonnieren)\b"),
            (1.5, r"\bподпиш(?:итесь|ись) на (?:нашу |еженедельную |ежедневную )?рассылк\w*"),
            (0.5, r"\bрассылк\w*"),
            (1.5, r"\bsuscr[ií]b(?:ete|ase|irse|ite)\b"),
            (0.5, r"\bbolet[ií]n\b"),
            (1.5, r"\biscriviti\b"),
            (1.5, r"\b(?:zapisz się|subskrybuj)\b"),
        ],
    ),
    SHARE: (
        ("shares partager teilen поделиться compartir live latest updates share sharing follow "
         "следите repost reposting forward friends welcome subscribe channel podcast social "
         "twitter facebook instagram telegram youtube tiktok linkedin whatsapp vkontakte rumble "
         "mastodon reddit odysee bitchute pinterest suivez partagez rejoignez réseaux folgen "
         "teilen sozialen подписывайтесь подпишитесь поделитесь присоединяйтесь соцсетях сетях "
         "телеграм* канал* síguenos siguenos comparte redes únete unete seguici condividi obserwuj "
         "udostępnij mediach dołącz ^note ^tweet ^email ^print ^find ^connect ^like ^join"),
        [
            (1.0, r"\bfollow (?:us|me)\b"),
            (1.5, (r"\b(?:follow|folgen sie|suivez|sigue|síguenos en|segui|obserwuj|подписывайтесь на|"
                   r"следите за)\b(?! (?:him|her|them|ihm|ihr|ihnen|le|la|les|lo|lui|его|её|их)\b)"
                   r"[^.!?]{0,40}?\b(?:on|auf|sur|en|su|na|в) (?:x|twitter|facebook|instagram|"
                   r"telegram|youtube|tiktok|linkedin|whatsapp|vk|vkontakte|rumble|gab|mastodon|bluesky|"
                   r"threads|substack|social media|réseaux sociaux|sozialen (?:netzwerken|medien)|"
                   r"redes sociales|"
                   r"социальных сетях|соцсетях)\b")),
            (0.5, r"\bfor (?:live|the latest|more|breaking) (?:updates|news|coverage)\b"),
            (2.0, (r"^(?:share|partager|partagez|teilen|поделиться|compartir|comparte|condividi|udostępnij)"
                   r"(?: this| this article| this story| cet article| ce| diesen artikel)?\s*:")),
            (1.5, r"^(?:follow|like) us (?:on|at|via)\b"),
            (1.5, (r"\b(?:like|join|find|connect with) (?:us|me|him|her|"
                   r"them) on (?:\w+ ){0,2}?" + _PLATFORMS + r"\b")),
            (1.0, r"\bshare (?:this|the|our) (?:article|story|post|page|video|report)\b"),
            (1.5, r"\bshare buttons?\b"),
            (1.0, r"\bshare (?:it )?widely\b"),
            (1.5, r"\bfeel free to (?:re-?post|share|forward|cross-?post)\b"),
            (1.0, r"\b(?:e-?mail/forward|forward this (?:article|story|email))\b"),
            (1.0, r"\b(?:with|to) your friends(?:,? (?:and |or )?(?:family|colleagues))*\b"),
            (1.5, (r"\b(?:you are|you're) (?:welcome|free|invited) to (?:re-?post|share|forward|"
                   r"cross-?post)\b")),
            (1.0, r"\b(?:with )?a link back to the original\b"),
            (1.0, r"\bsubscribe to (?:our|my|the) (?:\w+ )?(?:channel|podcast)\b"),
            (1.0, r"\b(?:on|via|across) (?:our|my) social (?:media|networks?|channels)\b"),
            (0.5, r"\bsocial (?:media|networks?)\b"),
            (0.3, (r"\b(?:twitter|facebook|instagram|telegram|youtube|tiktok|linkedin|whatsapp|vkontakte|"
                   r"rumble|mastodon|reddit|odysee|bitchute|pinterest)\b")),
            (1.0, r"^note to (?:our )?readers\b"),
            (2.0, r"^\d[\d.,]*k? shares?\b"),
            (2.0, (r"^(?:(?:share|shares|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|telegram|"
                   r"linkedin|reddit|vk|copy link|comments?)\W*){1,8}$")),
            (2.0, (r"^(?:twitter|x|facebook|instagram|telegram|youtube|tiktok|linkedin|vk|gab|rumble|"
                   r"mastodon|truth social|gettr|bitchute|odysee)\s*:\s*(?:https?://|www\.|@|t\.me/)\S+$")),
            (2.0, (r"^(?:share(?: this)?(?: article| story)?|tweet|email|print|follow)\b\W*"
                   r"(?:on \w+\W*)?$")),
            (1.5, r"\bsuivez-nous\b"),
            (1.0, r"\bpartagez (?:cet|cette|l'|notre|nos|le|la)\b"),
            (1.0, r"\brejoignez-nous\b"),
            (1.0, r"\b(?:sur )?(?:les|nos) réseaux sociaux\b"),
            (1.5, r"\bfolgen sie uns\b"),
            (1.0, r"\bteilen sie (?:diesen|den|diese|unseren|unsere)\b"),
            (0.5, r"\bsozialen (?:netzwerken|medien)\b"),
            (1.5, r"\bподписывайтесь\b"),
            (1.5, r"\bподпишитесь на (?:наш|нас)\w*"),
            (1.0, r"\bподелитесь\b"),
            (1.0, r"\bприсоединяйтесь\b"),
            (1.0, r"\bв (?:наших )?соц(?:иальных)?\.? ?сетях\b"),
            (0.5, r"\b(?:телеграм|telegram)[- ]?канал\w*"),
            (1.5, r"\bs[ií]guenos\b"),
            (1.0, r"\bcomparte (?:este|esta|el|la|nuestro|nuestra)\b"),
            (0.5, r"\bredes sociales\b"),
            (1.0, r"\b[uú]nete a (?:nuestro|nuestra)\b"),
            (1.5, r"\bseguici\b"),
            (1.0, r"\bcondividi (?:questo|questa|l'|il|la)\b"),
            (1.5, r"\bobserwuj (?:nas|nasz)\w*"),
            (1.0, r"\budostępnij\b"),
            (0.5, r"\bmediach społecznościowych\b"),
            (1.0, r"\bdołącz do nas\b"),
        ],
    ),
    TRANSLATION: (
        ("translate translat* google languages language traduire traduisez übersetzen перевести "
         "traducir tradurre przetłumacz langues sprachen языках idiomas lingue językach"),
        [
            (2.0, r"\btranslate website\b"),
            (1.5, r"\btranslate (?:this )?(?:page|article)\b"),
            (1.0, r"\btranslate (?:the |our )?(?:website|site)\b"),
            (2.0, r"\b(?:google )?translat\w* (?:widget|button|tool)\b"),
            (2.0, r"\bpowered by google translate\b"),
            (1.0, r"\bgoogle translate\b"),
            (2.0, r"\bcan be read in \d+ (?:other )?languages\b"),
            (1.0, r"\bavailable in \d+ languages\b"),
            (1.0, r"\bselect (?:a |your )?language\b"),
            (1.0, r"\b(?:activat\w*|us(?:e|ing)|click\w*)\b(?=[^.!?]{0,40}?\btranslat)"),
            (1.0, r"\bin \d+ languages\b"),
            (2.0, r"\btradui(?:re|sez) (?:ce site|cette page|cet article|le site)\b"),
            (1.5, r"\b(?:disponibles?|lus?) en \d+ langues\b"),
            (2.0, r"\b(?:diese (?:seite|website)|diesen artikel|die webseite) übersetzen\b"),
            (1.0, r"\bin \d+ sprachen\b"),
            (1.5, r"\bперевести (?:сайт|страницу|статью)\b"),
            (1.0, r"\bна \d+ языках\b"),
            (2.0, r"\btraducir (?:este sitio|esta página|este artículo|el sitio)\b"),
            (1.0, r"\ben \d+ idiomas\b"),
            (2.0, r"\btradurre (?:questo sito|questa pagina|questo articolo)\b"),
            (1.0, r"\bin \d+ lingue\b"),
            (2.0, r"\bprzetłumacz (?:stronę|artykuł|witrynę)\b"),
            (1.0, r"\bw \d+ językach\b"),
        ],
    ),
    DISCLAIMER: (
        ("disclaimer expressed necessarily responsibility responsible liable advice permission "
         "acknowledged republished reposted provided hyperlink original sole avertissement "
         "exprimées exprimés exprimées engagent reflètent reflète haftungsausschluss geäußerten "
         "vertretenen wiedergegebenen unbedingt notwendigerweise zwingend redaktion отказ "
         "совпадать совпадает отражает descargo aviso expresadas necesariamente responsabilidad "
         "esclusione avvertenza espresse necessariamente zastrzeżenie wyrażone odzwierciedlać "
         "odzwierciedla"),
        [
            (3.0, r"^disclaimer\b"),
            (1.0, r"\bthe (?:views|opinions)(?: and opinions)? expressed\b"),
            (1.5, (r"\b(?:views|opinions) expressed (?:in|on|by) (?:this|these|the|our) (?:article|"
                   r"column|piece|"
                   r"post|blog|site|website|podcast|video|programme|program|authors?|contributors?)\b")),
            (1.0, r"\bdo(?:es)? not necessarily (?:reflect|represent)\b"),
            (1.5, r"\b(?:sole|exclusive) responsibility of the authors?\b"),
            (1.0, r"\bwill not be (?:held )?(?:responsible|liable) for\b"),
            (1.0, r"\b(?:is|are) not (?:held )?(?:responsible|liable) for (?:any|the)\b"),
            (1.0, r"\bmay be (?:re-?published|re-?posted|reproduced|shared)\b[^.]{0,80}?\bprovided\b"),
            (1.0, r"\b(?:hyperlink|link) to the original (?:article|source|text)\b"),
            (1.0, r"\b(?:are|is) (?:solely |only )?(?:those|the responsibility) of the authors?\b"),
            (1.0, r"\bgrants? permission to (?:cross-?post|republish|repost)\b"),
            (1.5, r"\bas long (?:as )?the source and copyright are acknowledged\b"),
            (1.5, (r"\b(?:not|no) (?:intended as|to be construed as|constitute) (?:financial|legal|medical|"
                   r"investment) advice\b")),
            (3.0, r"^avertissement\b"),
            (1.0, r"\bles (?:opinions|propos|idées|points de vue) exprimé(?:e)?s\b"),
            (1.5, r"\bn'engagent que (?:leurs?|son|ses) auteur"),
            (1.0, r"\bne reflètent? pas (?:nécessairement|forcément)\b"),
            (3.0, r"^haftungsausschluss\b"),
            (1.0, r"\b(?:geäußerten|vertretenen|wiedergegebenen) (?:meinungen|ansichten|positionen)\b"),
            (1.0, r"\bgeben nicht (?:unbedingt|notwendigerweise|zwingend) die\b"),
            (1.0, r"\b(?:meinung|position|ansicht) der redaktion\b"),
            (3.0, r"^отказ от ответственности\b"),
            (2.0, (r"\b(?:мнение|позиция|точка зрения) (?:редакции|автора|авторов) (?:может )?не "
                   r"(?:совпадать|совпадает|обязательно)")),
            (1.0, r"\bне (?:обязательно |всегда )?отражает (?:позицию|точку зрения|мнение)\b"),
            (3.0, r"^(?:descargo de responsabilidad|aviso legal)\b"),
            (1.0, r"\blas (?:opiniones|ideas) expresadas\b"),
            (1.0, r"\bno reflejan? necesariamente\b"),
            (1.5, r"\bresponsabilidad exclusiva de(?:l| los| la)? autor"),
            (3.0, r"^(?:esclusione di responsabilità|avvertenza)\b"),
            (1.0, r"\ble opinioni espresse\b"),
            (1.0, r"\bnon riflettono necessariamente\b"),
            (3.0, r"^zastrzeżenie\b"),
            (1.0, r"\bopinie wyrażone\b"),
            (1.0, r"\bnie (?:muszą|musi) (?:odzwierciedlać|odzwierciedla)\b"),
        ],
    ),
    FAIR_USE: (
        ("fair copyrighted copyright educational 107 owner owners holder non nonprofit purposes "
         "usage utilisation protégé urheberrechtlich добросовестн* авторским uso protegido "
         "protetto dozwolon*"),
        [
            (1.0, r"\bfair[- ]use\b"),
            (2.0, r"\bcontains copyrighted material\b"),
            (1.0, r"\bcopyrighted material\b"),
            (2.0, r"\bnot always been specifically authori[sz]ed by the copyright owner\b"),
            (1.0, (r"\bpermission (?:from|of) the (?:copyright owner|copyright holder|rights holder|"
                   r"owner)s?\b")),
            (1.0, r"\b(?:protected by copyright|copyrighted (?:content|works?))\b"),
            (1.0, (r"\bwithout the (?:express |explicit |prior )?(?:written )?permission of (?:the |its )?"
                   r"(?:owners?|copyright (?:owners?|holders?)|rights holders?)\b")),
            (1.0, r"\bon a non-?profit basis\b"),
            (1.0, (r"\bfor (?:the )?purposes? of (?:research|criticism|comment|news reporting|teaching|"
                   r"scholarship|"
                   r"education)\b")),
            (2.0, r"\bsection 107 of\b"),
            (2.0, r"\bwithout profit to those who have expressed a prior interest\b"),
            (0.5, r"\bfor (?:research and |non-?profit )?educational purposes\b"),
            (1.0, r"\b(?:usage loyal|usage équitable|utilisation équitable)\b"),
            (1.0, r"\bmatériel protégé par (?:le )?droit d'auteur\b"),
            (1.0, r"\burheberrechtlich geschützte[snm]? (?:material\w*|inhalte?n?)\b"),
            (1.0, r"\bдобросовестно\w* использовани\w*"),
            (1.0, r"\bзащищ[её]нн?\w* авторским правом\b"),
            (0.5, r"\buso (?:justo|legítimo|razonable)\b"),
            (1.0, r"\bmaterial protegido por derechos de autor\b"),
            (1.0, r"\buso (?:lecito|corretto|equo)\b"),
            (1.0, r"\bmateriale protetto da (?:copyright|diritto d'autore)\b"),
            (1.0, r"\bdozwolon\w* użyt\w*"),
        ],
    ),
    COPYRIGHT: (
        ("copyright copyrighted reserved réservés vorbehalten защищены reservados riservati "
         "zastrzeżone redistributed reproduced reprinted republished copied rewritten reproduction "
         "republication redistribution reprinting interdite nachdruck перепечатка материалов "
         "prohibida vietata kopiowanie ^c"),
        [
            (2.0, r"\ball rights reserved\b"),
            (1.5, r"©"),
            (1.0, r"\bcopyright\b"),
            (2.0, r"^(?:copyright|©|\(c\))"),
            (1.0, r"\bmay not be (?:re)?(?:published|reproduced|copied|redistributed|reprinted)\b"),
            (1.5, (r"\b(?:this|the) (?:material|article|content|story|text) may not be (?:re)?(?:published|"
                   r"reproduced|copied|redistributed|reprinted)\b")),
            (2.0, r"\bbroadcast, rewritten,? or redistributed\b"),
            (1.0, (r"\b(?:reproduction|republication|redistribution|reprinting)\b[^.]{0,40}?\b(?:prohibited|"
                   r"forbidden|not permitted|without (?:prior )?(?:written )?permission)")),
            (2.0, r"\btous droits réservés\b"),
            (1.5, r"\b(?:toute )?reproduction (?:totale ou partielle )?(?:est )?interdite\b"),
            (2.0, r"\balle rechte vorbehalten\b"),
            (1.5, r"\bnachdruck\b[^.]{0,30}?(?:verboten|nur mit (?:schriftlicher )?genehmigung)"),
            (2.0, r"\bвсе права защищены\b"),
            (1.5, r"\bперепечатка\b[^.]{0,60}?(?:запрещена|разрешена только|только с)"),
            (1.5, r"\bпри (?:полном или частичном )?(?:использовании|копировании|цитировании) материалов\b"),
            (2.0, r"\btodos los derechos reservados\b"),
            (1.5, r"\bprohibida (?:su |la )?(?:reproducción|copia)\b"),
            (2.0, r"\btutti i diritti riservati\b"),
            (1.5, r"\bvietata (?:la )?riproduzione\b"),
            (2.0, r"\bwszelkie prawa zastrzeżone\b"),
            (1.5, r"\bkopiowanie\b[^.]{0,40}?zabronione\b"),
        ],
    ),
    CONTACT: (
        ("reached information tell contact contacts contactez contacto contatti contattaci "
         "contáctenos contáctanos kontakt kontaktieren presseanfragen pressekontakt inquiries "
         "enquiries email mail tips tip newsroom write reach protected связи пишите свяжитесь "
         "контакты вопросам escríbenos escribenos escríbanos scrivici napisz got ^send ^news ^for "
         "^e ^по ^для"),
        [
            (1.0, r"\[\s*email\s*protected\s*\]|\bemail protected\b"),
            (1.0, r"\b(?:media|press) (?:inquiries|enquiries|contacts?|requests|relations)\b"),
            (1.5, (r"^(?:contact us|for (?:media |press |all )?(?:inquiries|enquiries)|write to us|"
                   r"send (?:us )?(?:your )?(?:news )?tips?)\b")),
            (1.5, r"^(?:contact|e-?mail|tips?|news tips?|press|media)\s*:"),
            (1.0, (r"\b(?:contact|reach|e-?mail|write to|tell) (?:us|(?:the|our) (?:authors?|editors?|"
                   r"newsroom|"
                   r"team|desk|tips? line))\b")),
            (1.0, r"\bhave (?:information|a (?:news )?tip|a story|something to share)\b"),
            (1.0, r"\bcan be reached (?:at|by|via|on)\b"),
            (1.0, r"\bgot a (?:news )?tip\b"),
            (1.5, r"^(?:contactez-nous|pour (?:toute demande|les demandes) (?:de presse|média))\b"),
            (1.0, r"\bcontactez-nous\b"),
            (1.5, r"^(?:presseanfragen|pressekontakt)\b|^kontakt\s*:"),
            (1.0, r"\b(?:presseanfragen|kontaktieren sie uns)\b"),
            (1.5, r"^(?:контакты|для связи|по вопросам (?:сотрудничества|рекламы))[^.:]{0,30}:"),
            (1.0, r"\b(?:пишите нам|свяжитесь с нами)\b"),
            (1.5, r"^(?:contáctenos|contáctanos)\b|^contacto\s*:"),
            (1.0, r"\bescr[ií]b(?:enos|anos)\b"),
            (1.5, r"^contattaci\b|^contatti\s*:"),
            (1.0, r"\bscrivici\b"),
            (1.5, r"^napisz do nas\b"),
        ],
    ),
    IMAGE_CREDIT: (
        ("image images photo photos photograph picture illustration credit credits caption getty "
         "shutterstock wikimedia unsplash pixabay commons cc cc0 afp ap reuters foto фото bild "
         "imagen immagine zdjęcie ilustracja crédit crédits ^featured ^cover ^main ^header ^top "
         "^lead ^hero ^thumbnail ^preview ^title ^bildquelle ^titelbild ^изображение ^иллюстрация"),
        [
            (3.0, (r"^(?:featured|cover|main|header|top|lead|hero|thumbnail|preview|title) (?:image|photo|"
                   r"picture|illustration|graphic)\b")),
            (3.0, (r"^(?:image|photo|picture|illustration|photograph|photo credits?|image credits?|"
                   r"image source|photo source|credits?|caption|foto|bild|bildquelle|titelbild|фото|"
                   r"изображение|иллюстрация|imagen|immagine|zdjęcie|ilustracja|crédits? photo|"
                   r"crédit)\s*(?:\([^)]*\)\s*)?[:|©/]")),
            (3.0, (r"^(?:photo|image|picture|illustration|foto|фото|imagen|immagine) (?:by|via|courtesy|"
                   r"credit|"
                   r"source|autorstwa)\b")),
            (1.0, r"\b(?:photo|image|picture|illustration|foto) (?:by|via|courtesy of|credit|source)\b"),
            (0.75, (r"\b(?:getty images|shutterstock|wikimedia commons|unsplash|pixabay|ap photo|afp photo|"
                    r"reuters/|creative commons|cc by(?:-sa|-nd|-nc)*(?: \d\.\d)?|cc0)\b")),
            (1.5, r"\bcrédits? photo\b"),
        ],
    ),
    READ_MORE: (
        ("click cliquez klicken нажмите clic clicca kliknij read continue ^related ^see ^more "
         "^recommended ^you ^further ^also ^lire ^à ^a ^voir ^sur ^lesen ^mehr ^weiterlesen ^auch "
         "^читайте ^смотрите ^по ^ещё ^lee ^leer ^te ^relacionad* ^leggi ^potrebbe ^czytaj ^zobacz"),
        [
            (3.0, (r"^(?:read more|read also|also read|read next|related(?: articles?| stories| posts| "
                   r"content| reading| coverage| news)?|see also|more on this(?: story| topic)?|"
                   r"recommended(?: reading| for you)?|you (?:may|might) also like|further reading|"
                   r"more from [^:]{1,40}|lire aussi|à lire aussi|a lire aussi|voir aussi|sur le même sujet|"
                   r"lesen sie auch|mehr zum thema|auch interessant|читайте также|читайте ещё|"
                   r"читайте еще|смотрите также|по теме|ещё по теме|lee también|te puede interesar|"
                   r"relacionad[oa]s?|leggi anche|potrebbe interessarti|czytaj (?:też|także)|"
                   r"zobacz (?:też|także|również))\s*(?:$|[:\-–—|»›>•]|\.\.\.|…)")),
            (2.0, (r"^(?:read more|continue reading|lire la suite|weiterlesen|leer más|leggi di più|"
                   r"czytaj więcej|читать далее|читать полностью)\b")),
            (1.0, (r"\b(?:click here|cliquez ici|klicken sie hier|нажмите (?:здесь|сюда)|haga clic aquí|"
                   r"haz clic aquí|clicca qui|kliknij tutaj)\b")),
            (1.0, r"\bread (?:the )?(?:full|whole|rest of the|original) (?:article|story|report|text)\b"),
            (1.0, r"\bcontinue reading\b"),
        ],
    ),
    DONATION: (
        ("reader ad no free donate donation donations donating support patron patreon paypal ko "
         "coffee chip keep contribution soutenez faites unterstützen spenden поддержите "
         "пожертвовани* apóyanos apoyanos donación dona sostienici donazione wesprzyj darowiznę "
         "become"),
        [
            (1.5, r"\b(?:please )?donate (?:now|today|here|to (?:us|our|keep|support|help us))\b"),
            (1.5, r"\b(?:make|making) a (?:donation|contribution) (?:to (?:us|our)|today|now|here)\b"),
            (1.5, r"\b(?:(?:click|tap) (?:here )?to donate|donate button|donation page)\b"),
            (1.5, (r"\bsupport (?:our work|independent (?:journalism|media|reporting)|this (?:site|"
                   r"website|work)|"
                   r"our (?:journalism|reporting|site))\b")),
            (1.0, r"\bsupport us\b"),
            (1.5, r"\b(?:become a (?:patron|paying member|supporter|subscriber)|buy (?:us|me) a coffee)\b"),
            (1.0, r"\bchip in\b"),
            (0.5, r"\b(?:patreon|paypal|ko-fi)\b"),
            (1.0, r"\breader-(?:funded|supported|financed)\b"),
            (0.5, r"\b(?:ad-free|advert-free|no ads)\b"),
            (1.0, r"\bkeep (?:us|this (?:site|website)) (?:independent|alive|going|online|free)\b"),
            (1.5, r"\b(?:soutenez[- ](?:nous|notre)|faites un don)\b"),
            (1.5, r"\b(?:unterstützen sie (?:uns|unsere arbeit)|jetzt spenden|spenden sie)\b"),
            (1.5, r"\bподдержите (?:нас|проект|редакцию)\b"),
            (0.5, r"\bпожертвовани\w*"),
            (1.5, r"\b(?:ap[óo]yanos|haz una donación|dona ahora)\b"),
            (1.5, r"\b(?:sostienici|fai una donazione|dona ora)\b"),
            (1.5, r"\b(?:wesprzyj nas|wpłać darowiznę)\b"),
        ],
    ),
    COMMENTS: (
        "logged comment comments ^leave ^post ^join ^show ^view",
        [
            (2.0, r"^(?:leave a (?:comment|reply)|post a comment|show comments|view comments)\b"),
            (2.0, r"^(?:\d+ )?comments?\s*(?:\(\d+\))?\W*$"),
            (2.0, r"^join the (?:discussion|conversation)(?:\W*$| below| in the comments)"),
            (1.5, r"\byou must be logged in to (?:post a )?comment\b"),
            (1.5, (r"\b(?:let us know|tell us|share your (?:thoughts|"
                   r"views))\b[^.!?]{0,30}?\bin the comments\b")),
        ],
    ),
}

_ADVERTISEMENT = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|anzeige|werbung|publicité|реклама|"
    r"publicidad|pubblicità|reklama)\W*$", re.IGNORECASE)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class _Kind:
    reason: str
    anchored: tuple[tuple[float, re.Pattern[str]], ...]
    floating: re.Pattern[str] | None
    weights: dict[str, float]


class _Triggers:
    """Word -> kinds look-up for exact words and word prefixes (one dict probe per word)."""

    _KEY = 5

    def __init__(self) -> None:
        self.words: dict[str, set[str]] = {}
        self.prefixes: dict[str, list[tuple[str, str]]] = {}  # first 5 chars -> [(stem, kind)]

    def add(self, token: str, reason: str) -> None:
        if token.endswith("*"):
            stem = token[:-1]
            if len(stem) < self._KEY:
                raise ValueError(f"trigger prefix {token!r} shorter than {self._KEY} characters")
            self.prefixes.setdefault(stem[:self._KEY], []).append((stem, reason))
        else:
            self.words.setdefault(token, set()).add(reason)

    def kinds(self, words: set[str], into: set[str]) -> None:
        """Add to `into` the kind of every trigger among `words` (set operations, no per-word calls)."""
        for word in words & self.words.keys():
            into.update(self.words[word])
        for key in {word[:self._KEY] for word in words} & self.prefixes.keys():
            for stem, reason in self.prefixes[key]:
                if reason not in into and any(word.startswith(stem) for word in words):
                    into.add(reason)


def _floating(by_weight: dict[float, list[str]]) -> tuple[re.Pattern[str] | None, dict[str, float]]:
    """One regex per kind, a named group per weight; a leading \\b is factored out (twice as fast)."""
    weights: dict[str, float] = {}
    bounded: list[str] = []
    other: list[str] = []
    ordered = sorted(by_weight.items(), key=lambda item: -item[0])  # strongest cue wins a tie
    for i, (weight, patterns) in enumerate(ordered):
        inner = [p[2:] for p in patterns if p.startswith(r"\b")]
        rest = [p for p in patterns if not p.startswith(r"\b")]
        if inner:
            weights[f"b{i}"] = weight
            bounded.append(f"(?P<b{i}>{'|'.join(inner)})")
        if rest:
            weights[f"o{i}"] = weight
            other.append(f"(?P<o{i}>{'|'.join(rest)})")
    parts = ([rf"\b(?:{'|'.join(bounded)})"] if bounded else []) + other
    return (re.compile("|".join(parts)) if parts else None), weights


def _compile() -> tuple[_Triggers, _Triggers, dict[str, _Kind]]:
    anywhere, first = _Triggers(), _Triggers()
    kinds: dict[str, _Kind] = {}
    for reason, (tokens, patterns) in _SPEC.items():
        for token in tokens.split():
            first.add(token.lstrip("^"), reason)
            if not token.startswith("^"):
                anywhere.add(token, reason)
        by_weight: dict[float, list[str]] = {}
        anchored: dict[float, list[str]] = {}
        for weight, pattern in patterns:
            if pattern.startswith("^"):
                anchored.setdefault(weight, []).append(pattern[1:])
            else:
                by_weight.setdefault(weight, []).append(pattern)
        kinds[reason] = _Kind(
            reason,
            tuple((w, re.compile("|".join(f"(?:{p})" for p in ps))) for w, ps in anchored.items()),
            *_floating(by_weight))
    return anywhere, first, kinds


_ANYWHERE, _FIRST_WORD, _KINDS = _compile()
# Every anchored cue of every kind: one match at the start says whether a block can be 'strong'.
_ANY_ANCHORED = re.compile("|".join(f"(?:{regex.pattern})" for kind in _KINDS.values()
                                    for _, regex in kind.anchored))
#: Kinds in order of preference when two score the same (the generic read-more cue comes last).
_ORDER = tuple(sorted(_KINDS, key=lambda r: r == READ_MORE))
_WORD = re.compile(r"\w+")


@dataclass
class CueScore:
    """Best boilerplate kind for a block: weighted cue score and the share of the block cues cover."""

    reason: str | None = None
    score: float = 0.0
    coverage: float = 0.0
    anchored: bool = False  # the block starts with a cue (weight >= 1.5)
    heading: bool = False  # ... with a heading-like cue such as 'Disclaimer:' (weight >= 3)


def score_block(block: str) -> CueScore:
    """Score a block against every cue kind its words trigger; return the best kind.

    Floating cues run for kinds triggered by any word; anchored cues run (as a match at the start)
    for those kinds and for kinds triggered by the first word.  Cues of other kinds (a 'click
    here' in a newsletter prompt) add half their score to the best kind's.
    """
    lower = block.lower()
    words = _WORD.findall(lower)
    floating: set[str] = set()
    _ANYWHERE.kinds(set(words), floating)
    if "©" in lower:
        floating.add(COPYRIGHT)
    has_at = "@" in lower
    if has_at:
        floating.add(CONTACT)
    anchored_kinds = set(floating)
    if words and lower.lstrip("([«\"'“").startswith(words[0]):
        _FIRST_WORD.kinds({words[0]}, anchored_kinds)
    best = CueScore()
    total = 0.0
    for reason in _ORDER:
        if reason not in anchored_kinds:
            continue
        kind = _KINDS[reason]
        score = 0.0
        covered = 0
        anchored = heading = False
        for weight, regex in kind.anchored:
            m = regex.match(lower)
            if m:
                score += weight
                covered += m.end()
                anchored = anchored or weight >= 1.5
                heading = heading or weight >= 3
        if reason in floating and kind.floating is not None:
            for m in kind.floating.finditer(lower):
                score += kind.weights[m.lastgroup or ""]
                covered += m.end() - m.start()
        if reason == CONTACT and has_at:
            for m in _EMAIL.finditer(lower):
                score += 1.0
                covered += m.end() - m.start()
        total += score
        if score > best.score:
            best = CueScore(reason, score, min(1.0, covered / max(1, len(block))), anchored, heading)
    best.score += 0.5 * (total - best.score)
    return best


def starts_with_cue(block: str) -> bool:
    """True when some anchored cue matches at the start of the block (cheap: one match)."""
    return _ANY_ANCHORED.match(block.lower()) is not None


def needed_score(words: int) -> float:
    """Cue evidence a block of `words` words needs: more for long blocks (density, not one word)."""
    return 1.5 if words <= 20 else max(2.0, words / 25)


def is_advertisement(block: str) -> bool:
    """A lone 'Advertisement' line (in any of several languages)."""
    return len(block) <= 40 and bool(_ADVERTISEMENT.match(block))
