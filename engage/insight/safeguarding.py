"""Phrases that suggest someone may be at risk, tuned for recall.

A false alarm costs a moderator a minute; a missed disclosure can cost far more,
so these patterns are deliberately broad and every match goes to a person.

Comments are typed on phones by parents, carers and young people, so the text is first
normalised: apostrophes dropped ("dont", "im"), text-speak spelled out ("u", "no1", "wanna",
"kms") and misspelt risk words mended ("sucide", "slef harm", "brusies") by a small fuzzy
match against the risk vocabulary, only for words that are not ordinary English.

Patterns come in two strengths. *Strong* ones (suicide, self-harm, sexual abuse wording) count
wherever they appear. *Weak* ones (someone hurt, bruises, locked in, ran off, scared of...) also
fire on accidents and everyday worries, so a weak match is dropped when its sentence reads as
an accident, a past crisis that is over, or rhetoric about the system. Any match in a sentence
that says the trouble is back ("again", "still") is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engage.insight.language import _english_words

_OBJ = r"(?:me|him|her|us|them|my\s+\w+|our\s+\w+|his\s+\w+|her\s+\w+)"
_ADULT = (
    r"(?:dad|father|mum|mother|mom|step\s?\w+|stepdad|stepmum|partner|boyfriend|girlfriend|bf|husband|wife|ex|uncle|aunt"
    r"|cousin|brother|sister|grandad|granddad|grandpa|nan|nana|grandma|neighbour|carer|foster\s+carer|teacher|staff|driver"
    r"|escort|support\s+worker|worker|man|men|lady|woman|someone|somebody|coach|tutor|babysitter|childminder|pa)"
)
_SELF = r"(?:my|him|her|them|your|one|it)sel(?:f|ves)"

#: Risk words for the broad tier (see "possible-harm" below); idiom-prone words such as kill or scared are left out.
_BROAD_RISK = (
    r"(?:hurt(?:s|ing)?|hit(?:s|ting)?|frightened|terrified|petrified|afraid|unsafe|not\s+safe|knife|knives|secret"
    r"|naked|stranger|locked|starv\w*|drunk|drugs|weapon|punish\w*|forced|threat\w*)"
)

#: Patterns that count wherever they appear.
_STRONG: dict[str, tuple[str, ...]] = {
    "suicide": (
        r"suicid\w*|su[iy]?[cs]{1,2}[iy]?d(?:e|es|al|le|el|ial|ally)\b",
        r"unaliv\w*",
        r"kill(?:s|ing|ed)?\s+" + _SELF,
        r"end(?:s|ing|ed)?\s+(?:it\s+all|(?:my|his|her|their)\s+(?:own\s+)?li(?:fe|ves))",
        r"take\s+(?:my|his|her|their)\s+own\s+li(?:fe|ves)|taking\s+(?:my|his|her|their)\s+own\s+li(?:fe|ves)",
        r"(?:want|wants|wanted|wanting|wish(?:es|ed)?)\s+(?:to\s+|(?:i|he|she|they)\s+(?:was|were)\s+)(?:die|be\s+dead|dead)",
        r"(?:better\s+off\s+dead|not\s+(?:want|wanting)\s+to\s+(?:be\s+alive|live)|no\s+reason\s+to\s+live|nothing\s+to\s+live\s+for)",
        r"(?:dont|doesnt|do\s+not|does\s+not|didnt)\s+want\s+to\s+(?:be\s+here|be\s+alive|live|wake\s+up|exist)",
        r"(?:hang|hanged|hanging|drown|poison|strangl\w*|stab\w*|suffocat\w*)\s+" + _SELF,
        r"tried\s+to\s+(?:kill|hang|end|hurt|harm|strangle|overdose|jump|drown)",
        r"jump(?:ing|ed|s)?\s+(?:off|in\s+front\s+of|from\s+(?:a|the)\s+(?:bridge|window|roof|balcony|car|cliff))",
        r"(?:might\s+as\s+well|would\s+rather|wish\s+(?:i|he|she|they)\s+(?:was|were))\s+(?:not\s+be\s+here|be\s+dead|dead|not\s+here)",
        r"(?:if|when)\s+(?:i|he|she|they)\s+(?:wasnt|werent|was\s+not|were\s+not|just\s+wasnt)\s+(?:around|here|alive|in\s+the\s+world)|(?:if|when)\s+(?:i|he|she|they)\s+didnt\s+exist",
        r"why\s+(?:i\s+am|im)\s+(?:even\s+)?(?:here|alive)|sorry\s+for\s+everything|note\s+(?:\w+\s+){0,6}goodbye",
        r"(?:going|want\w*|threaten\w*)\s+to\s+jump(?!\s+(?:on|in|into|up|around|about|over|at|the\s+queue))|(?:on|off)\s+the\s+(?:bridge|ledge|roof)\b",
        r"(?:rope|noose|belt)\s+(?:hidden\s+)?in\s+(?:his|her|my)\s+(?:room|wardrobe|bag|drawer|bedroom)|(?:asks?|asking|asked)\s+(?:\w+\s+){0,3}(?:if|what\s+happens\s+(?:if|when))\s+(?:i|he|she|you)\s+di(?:e|es|ed)\b",
        r"giv\w+\s+(?:\w+\s+){0,2}(?:things|stuff|belongings|possessions|toys)\s+away",
        r"better\s+off\s+without\s+(?:me|him|her|them)|no\s+point\s+(?:in\s+)?(?:living|going\s+on|of\s+me)|cant\s+go\s+on",
        r"(?:suicide|goodbye)\s+(?:note|letter)|note\s+saying\s+(?:sorry|goodbye)|saying\s+goodbye\s+to\s+everyone",
        r"plann?(?:ed|ing|s)?\s+to\s+(?:take|kill|end|jump)|(?:take|took|taking|swallow\w*)\s+(?:them\s+all|all\s+(?:of\s+)?(?:the|her|his|my)\s+(?:tablets|pills|meds|medication))",
        r"never\s+(?:been\s+)?born|rather\s+(?:be\s+)?dead|(?:want\w*|going|gonna|might|could|will)\s+(?:to\s+)?(?:just\s+)?end\s+it\b(?!\s+with)",
        r"(?:want|wants|wanted|wanting)\s+to\s+disappear|disappear\s+(?:forever|for\s+good)",
        r"better\s+(?:off\s+)?without\s+(?:me|him|her|them)|(?:life|living)\s+(?:is\s*nt|isnt|is\s+not|not)\s+worth",
        r"giv(?:e|es|ing|en)\s+away\s+(?:\w+\s+){0,2}(?:things|stuff|belongings|possessions)|sa(?:y|ys|ying|id)\s+goodbye",
        r"how\s+many\s+(?:\w+\s+)?(?:pills|tablets|paracetamol)|ways\s+to\s+(?:die|kill|end)|thoughts\s+of\s+(?:killing|dying|ending)",
        r"(?:hoard|stockpil|stock\s+pil|stash|sav)\w*\s+(?:(?:his|her|my|their|up)\s+)*(?:\w+\s+)?(?:medication|meds|tablets|pills)",
        # Understated wording seen in phone-typed comments
        r"(?:sleep|go\s+to\s+sleep)\s+(?:and\s+)?(?:forever|never\s+wake|not\s+wake)|(?:never|not)\s+(?:to\s+)?wak(?:e|ing)\s+up",
        r"(?:think|thinking|thought|thoughts)\s+(?:\w+\s+){0,2}(?:about|of|abt)\s+(?:dying|death|ending\s+it|not\s+being\s+here|killing|driving\s+into|walking\s+into|jumping)",
        r"(?:tired|sick)\s+of\s+(?:living|being\s+alive|life)|done\s+with\s+(?:life|living)|giv(?:e|ing)\s+up\s+on\s+(?:life|living|everything)",
        r"(?:everyone|everybody|evryone|the\s+world|people|they|family|my\s+family|the\s+kids)\s+(?:\w+\s+){0,2}(?:be\s+)?(?:(?:better|happier)\s+off\b|(?:better|happier)\s+(?:if|without))",
        r"(?:nobody|no\s+one|noone)\s+(?:would|will|wud)\s+(?:\w+\s+)?(?:miss|notice|care)",
        r"noose|ligature|(?:rope|belt|tie|cord|scarf)\s+(?:\w+\s+){0,2}(?:round|around)\s+(?:his|her|my|their)\s+neck",
        r"(?:drink|drank|swallow\w*)\s+(?:\w+\s+)?bleach|(?:walk\w*|ran|run|step\w*)\s+(?:out\s+)?(?:in\s*to|in\s+front\s+of)\s+(?:the\s+)?(?:road|traffic|a\s+car|a\s+bus|cars)",
        r"(?:want|wanted|wants)\s+to\s+(?:get|be)\s+hit\s+by|(?:driv\w*|walk\w*|crash\w*)\s+(?:the\s+car\s+)?into\s+(?:a\s+|the\s+)?(?:wall|river|sea|tree|lorry)",
        r"(?:have|got|has)\s+a\s+plan\s+and\s+a\s+date|(?:how|where)\s+(?:i|he|she)\s+(?:would|will|could)\s+do\s+it",
        r"(?:wont|will\s+not)\s+be\s+(?:here|around)\s+(?:by|for|at|much\s+longer)|dont\s+think\s+(?:i|he|she)\s+(?:will|ll)\s+be\s+(?:here|around)",
        r"kill\s+yourself|wants?\s+to\s+find\s+out\s+what\s+(?:its|it\s+is)\s+like\s+to\s+die|if\s+(?:it|dying)\s+hurts",
        r"(?:tells?|told|telling)\s+(?:him|her|me|them)\s+to\s+die|(?:talks?|talking|writ\w*|draw\w*)\s+(?:\w+\s+){0,2}about\s+(?:death|dying|being\s+dead)",
        r"(?:want|wants|wanted)\s+to\s+be\s+with\s+(?:\w+\s+){0,2}in\s+heaven|(?:how\s+high|edge\s+of\s+the)\s+(?:\w+\s+){0,2}(?:balcony|bridge|roof|cliff)",
        r"(?:whats|what\s+is)\s+the\s+point\s+(?:of\s+me|of\s+living|in\s+living|anymore|any\s+more)|dont\s+see\s+the\s+point\s+(?:anymore|any\s+more|of\s+living|in\s+anything)",
        r"(?:bye|goodbye)\s+(?:mum|mam|dad|everyone)\s+(?:i\s+)?love\s+(?:you|u)",
        r"top\s+(?:him|her|my|them)sel(?:f|ves)|(?:six|6)\s+(?:feet|foot|ft)\s+under|(?:want|wants|wanted|like)\s+to\s+not\s+(?:exist|be\s+here|be\s+alive)",
        r"(?:cant|cannot|can\s+not|dont\s+think\s+i\s+can|not\s+sure\s+i\s+can)\s+carry\s+on|no\s+point\s+(?:to|in|of)\s+(?:me|her|him|them|my\s+life|living)",
        r"look\w*\s+up\s+(?:\w+\s+){0,3}(?:bridges|ways\s+to|how\s+to\s+(?:die|tie|hang|overdose))|how\s+(?:tall|high)\s+(?:the\s+|our\s+)?(?:bridges?|roofs?|buildings?|balcony|they\s+are)",
    ),
    "self-harm": (
        r"self[\s-]?harm\w*|self[\s-]?injur\w*|self[\s-]?inflict\w*",
        r"(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hurt|hurts|hurting|harm|harms|harming|starv\w*|stab\w*|punish\w*)\s+"
        + _SELF,
        r"overdos\w*",
        r"head[\s-]?bang\w*",
        r"(?:started|been|is|keeps?|kept|still|was|were)\s+cutting|cutting\s+(?:again|helps|herself|himself|myself)|cuts\s+on\s+(?:her|his|their|my)",
        r"anorexi\w*|bulimi\w*|eating\s+disorder|refus\w*\s+(?:all\s+)?(?:food|to\s+eat)|not\s+eating|stopped\s+eating|(?:her|his|my)\s+ed\b",
        r"make?s?\s+(?:him|her|my|them)sel(?:f|ves)\s+sick|making\s+(?:him|her|my)self\s+sick|purg(?:e|es|ing)\b",
        r"(?:havent|hasnt|not|never)\s+(?:eaten|ate)\s+(?:\w+\s+)?(?:in|for)\s+(?:\w+\s+)?(?:days|a\s+week)|(?:only\s+)?eat(?:s|ing)?\s+(?:a\s+)?(?:few\s+)?(?:spoonfuls?|mouthfuls?|crumbs)",
        r"scratch\w*\s+(?:\w+\s+){0,3}(?:arms?|legs?|skin|face|wrists?)|until\s+(?:they|it|he|she|i)\s+bleeds?|till\s+(?:they|it|he|she|i|his|her)\s+\w*\s*bleeds?",
        r"(?:pull\w*|tear\w*)\s+(?:out\s+)?(?:her|his|my|their)\s+(?:own\s+)?hair|bit(?:e|es|ing)\s+(?:him|her|my|them)sel",
        r"(?:hit|hits|hitting|bang\w*)\s+(?:his|her|my|their)\s+(?:own\s+)?head",
        r"(?:punch|hit|bang|bit|scratch|cut|burn|hurt|harm|stab)\w*\s+(?:\w+\s+){1,3}(?:him|her|my|them)sel(?:f|ves)",
        r"swallow\w*\s+(?:\w+\s+){0,2}(?:batter\w*|pills|tablets|bleach|magnets|glass|coins)",
        r"(?:burns?|cuts|scars|marks|bruises|lines)\s+(?:all\s+)?(?:on|down|across)\s+(?:her|his|their|my)\s+(?:arms?|legs?|wrists?|neck|thighs?|body|face|back|tummy|stomach)",
        r"(?:fresh|new)\s+cuts|razor|blades?\b|carv\w*\s+(?:\w+\s+){0,2}(?:into|on)\s+(?:her|his|my)",
        r"(?:the\s+)?sh\s+(?:again|is|ing|scars|marks|cuts)|(?:doing|did|done|been|do|does|about|my|her|his|from|of)\s+sh\b(?!\s*\w*\s*(?:thing|stuff|wave))|\bsh(?:ing|d)\b",
        r"\b(?:\d+|two|three|four|five|six)\s+(?:weeks?|months?|days?)\s+clean|clean\s+(?:for|from)\s+(?:\d+|two|three|a)\s+(?:weeks?|months?)",
        r"(?:on\s+purpose|deliberately)\s+(?:\w+\s+){0,3}(?:burn\w*|cut\w*|hurt\w*|hit\w*)|(?:burn\w*|cut\w*|hurt\w*|drank|drink\w*|took|take|swallow\w*)\s+(?:\w+\s+){0,5}on\s+purpose",
        r"(?:took|taken|swallowed)\s+(?:\d+|a\s+load\s+of|loads\s+of|a\s+handful\s+of|a\s+whole)\s+(?:\w+\s+){0,2}(?:tablets|pills|paracetamol|meds|bottle)",
        r"(?:punch\w*|kick\w*|bang\w*)\s+(?:the\s+)?walls?\s+(?:till|until)|knuckles\s+bleed",
        r"long\s+sleeves\s+(?:in\s+(?:summer|the\s+heat)|to\s+hide)|hides?\s+(?:the\s+)?(?:plasters|cuts|marks|scars)",
        r"(?:picks?|picking)\s+(?:at\s+)?(?:her|his|my)\s+skin\s+(?:till|until)|underweight|feel(?:s)?\s+(?:so\s+)?fat\b",
        r"(?:puke|vomit|throw\s+up|sick)\w*\s+(?:\w+\s+){0,2}after\s+(?:i|she|he|they|every|each|meals?|eating)|(?:dont|not|never|scared\s+to|afraid\s+to)\s+(?:\w+\s+)?gain\s+weight",
        r"weighs?\s+(?:\w+\s+)?\d+\s*(?:stone|st|kg)\s+(?:at|and\s+(?:is|shes|hes))|(?:wont|will\s+not|doesnt|refuses\s+to)\s+eat\s+(?:anything|at\s+all|for\s+days)",
    ),
    "abuse": (
        r"abus(?:e|ed|es|ing|ive|er)",
        r"(?:sexual(?:ly)?\s+(?:assault\w*|touch\w*|abus\w*|messages|stuff|things|pictures|photos|comments)|rap(?:e|ed|ing)\b|molest\w*|groom(?:ed|ing))",
        r"touch(?:ed|es|ing)?\s+(?:me|him|her|them)\s+(?:inappropriately|where|were|there|down\s+there)|(?:touch\w*|hand\s+(?:down|on|up))\s+(?:\w+\s+){0,3}(?:privates|private\s+parts|bum|knickers|pants|chest|boobs|willy|leg|thigh|knee)",
        r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch\w*|kick(?:s|ed|ing)?|slap\w*|smack\w*|shak(?:e|es|en|ing)|battered)\s+(?:me|him|her|them|my\s+\w+|our\s+\w+)",
        r"(?:black\s+eye|burn\s+marks?|bite\s+marks|finger\s*marks|hand\s*prints?|marks\s+(?:round|around|on)\s+(?:his|her|my|their)\s+neck)",
        r"(?:grabb?(?:ed|ing)?|dragg?(?:ed|ing)|push(?:ed|ing)\s+(?:him|her|me|them)\s+(?:over|down|away|against|into|to\s+the)|shov(?:ed|ing)|throttl\w*|strangl\w*|chok(?:ed|ing)\s+(?:him|her|me))",
        r"(?:makes?|made)\s+(?:me|him|her|them)\s+(?:do\s+(?:things|stuff|sexual)|take\s+(?:\w+\s+)?clothes\s+off|touch|watch)|(?:clothes\s+off|naked)\s+(?:\w+\s+){0,3}(?:film\w*|photo\w*|pictures)",
        r"(?:comes?|came|coming)\s+in(?:to)?\s+(?:her|his|my)\s+(?:bed)?room\s+at\s+night|(?:my|her|his)\s+privates",
        r"(?:hurt|kill|harm)\s+(?:me|him|her|us|them)\s+if|if\s+(?:i|he|she)\s+tells?\s+(?:anyone|anybody)|no\s?(?:one|body|1)\s+(?:will|would|wud)\s+believe",
        r"(?:uncle|man|teacher|staff|adult|he|she|they|someone|carer|driver|boy|neighbour|grandad|cousin|brother|coach)\s+(?:\w+\s+){0,4}(?:touches|touched|touching)\s+(?:me|him|her|my)\b",
        r"touch\w*\s+(?:\w+\s+){0,3}in\s+the\s+(?:changing\s+rooms?|toilets?|shower|bath|bed)",
        r"(?:calls?|calling|called)\s+(?:me|him|her)\s+(?:stupid|worthless|useless|a\s+waste)|wish(?:es|ed)?\s+(?:she|he|they)\s+(?:never\s+had|had\s+never\s+had)\s+(?:me|him|her)",
        r"force[\s-]?fe[de]\w*|(?:hurts|hurting|hits|beats)\s+(?:me|him|her)\s+(?:when|n|and|if|every)",
    ),
    "exploitation": (
        r"exploit\w*",
        r"county\s+lines|carry(?:ing)?\s+(?:packages|parcels|drugs)|(?:gives?|gave|giving)\s+(?:\w+\s+){0,3}(?:drugs|weed|vodka|alcohol|cash)\s+(?:to\s+carry|and)",
        r"send(?:s|ing)?\s+(?:\w+\s+){0,2}(?:pictures|photos|images|nudes|pics|a\s+photo|a\s+pic)|(?:nudes|sexts?|sextort\w*|sexting)",
        r"blackmail\w*|(?:post|share|send)\s+(?:them|it|the\s+\w+)\s+(?:to\s+everyone|online|unless)|unless\s+(?:he|she|i)\s+pays",
        r"(?:met|meeting|talking\s+to|chatting\s+to|messag\w+)\s+(?:a\s+|an\s+)?(?:older\s+)?(?:man|men|stranger|someone|boy|girl|guy)\s+(?:\w+\s+){0,3}(?:online|on\s+(?:tiktok|snapchat|instagram|discord|roblox|whatsapp|a\s+game))",
        r"(?:keep|keeps|kept)\s+(?:\w+\s+){0,2}secrets?|(?:mature|grown\s+up)\s+for\s+(?:her|his|my|your)\s+age",
        r"(?:owes?|owed)\s+(?:\w+\s+){0,2}(?:money|them)\b|dealer|gang\b|(?:sell|selling|deliver\w*)\s+(?:\w+\s+){0,2}(?:stuff|drugs|things|packages|bags|parcels)\s+for",
    ),
    "domestic-violence": (
        r"domestic\s+(?:violence|abuse)|violen(?:t|ce)\s+(?:at\s+home|in\s+the\s+home|partner)",
        r"(?:coercive|controlling)\s+(?:control|behaviou?r)",
        r"(?:police\s+(?:were\s+)?called\s+to\s+the\s+house|refuge\b)",
    ),
}

#: Patterns that also fire on accidents or everyday worries: dropped in sentences that read as either.
_WEAK: dict[str, tuple[str, ...]] = {
    "self-harm": (
        r"(?:punch\w*|bang\w*|hit\w*)\s+(?:the\s+)?walls?|bites?\s+(?:his|her|my)\s+(?:hands?|arms?|fingers)\s+(?:till|until)",
    ),
    "abuse": (
        r"bruis\w*|marks\s+on\s+(?:his|her|their|my)|(?:comes?|coming|came)\s+(?:back\s+|home\s+)+with\s+(?:\w+\s+){0,2}(?:scratches|marks|bruises|injur\w*|cuts|a\s+cut|bites?)|lines\s+all\s+(?:down|over|across)|(?:unexplained|unexplainable)\s+(?:injur\w*|marks)",
        r"(?:gets?|got|becomes?|became)\s+(?:\w+\s+)?(?:aggressive|violent|nasty)|drunk|drinks\s+(?:a\s+lot|heavily|and)",
        r"(?:being|been|was|were|gets?|got|get)\s+(?:hit|kicked|punched|slapped|smacked|beaten|beat|attacked|hurt|spat\s+on|battered)(?!\w)",
        r"(?:hit|kicked|punched|slapped|smacked|attacked|spat\s+on)\s+(?:\w+\s+){0,3}by\b|flinch\w*",
        r"throw\w*\s+things|shout\w*\s+(?:and\s+\w+\s+)?(?:at\s+)?(?:him|her|them|me|the\s+(?:children|kids))\b",
        r"hurt\w*\s+by|(?:rough|aggressive)\s+with\s+(?:him|her|them|me)",
        r"(?:scared|afraid|frightened|terrified|petrified)\s+(?:of|to\s+go)\s+(?:home|(?:his|her|their|my)\s+(?:dad|father|mum|mother|step\w*|partner|uncle|brother|carer|nan|grandad)|a\s+member\s+of\s+staff|(?:the|a)\s+(?:carer|driver|escort|teacher))",
        r"(?:buy\w*|bought)\s+(?:(?:my|our|her|him|them)\s+)?(?:\w+\s+)?(?:presents|gifts)|not\s+to\s+tell\s+(?:us|anyone|anybody|mum|dad)",
        r"(?:\b" + _ADULT + r")\s+(?:\w+\s+){0,2}(?:"
        r"hurts|hurt|hits|hit|kicks|slaps|smacks|beats|shakes|grabs|pushes|punches|bites|squeezes|pulls|pinches|pinched"
        r"|flicks|flicked|whacks|whacked|thumps|thumped|scalds|scalded|burns|burnt|kicked|punched|slapped|smacked|shoves"
        r"|shoved|throws|threw)\s+" + _OBJ,
        r"(?:pinch|flick|whack|thump|scald|stamp)(?:es|s|ed|ing|ped)?\s+(?:on\s+)?(?:me|him|her|them|my\s+\w+|his\s+\w+|her\s+\w+)|(?:throw|throws|threw|thrown|push|pushes|pushed|slam\w*)\s+(?:\w+\s+){0,2}(?:against|into)\s+(?:the\s+|a\s+)?walls?",
        r"(?:hold|held|holding|put|puts|pressed?)\s+(?:her|his|my)\s+(?:hand|arm|fingers?|head)\s+(?:on|in|under|against)\s+(?:the\s+)?(?:cooker|hob|fire|oven|iron|water|bath|radiator)",
        r"(?:private\s+parts|privates)|what\s+(?:he|she|i|you)\s+(?:is|am|are)\s+wearing|show\s+(?:him|her|them|me)\s+(?:his|her|their|my)\s+(?:private|body|bum|chest)",
        r"offer\w*\s+(?:\w+\s+){0,2}(?:lifts|sweets|money|gifts|cigarettes|vapes|alcohol)|meet\s+(?:her|him|me|up)\s+(?:\w+\s+){0,2}(?:alone|in\s+(?:town|secret|person)|without)",
        r"(?:hurting|harming)\s+(?:my|our)\s+(?:\w+\s+)?(?:son|daughter|child|boy|girl)|(?:someone|somebody)\s+(?:is|has\s+been)\s+hurting",
        r"(?:get|got|gets|getting)\s+(?:beat|battered|smacked|hit)\s+(?:at\s+home|by)|battered\s+at\s+home",
        r"(?:pulls?|pulled|pulling)\s+(?:\w+\s+){0,2}(?:by\s+)?(?:their|his|her|the)\s+(?:hair|ears?)",
    ),
    "neglect": (
        r"neglect\w*",
        r"(?:no|not\s+enough|never\s+any|isnt\s+any|isnt\s+enough|no\s+money\s+for)\s+(?:\w+\s+)?food|(?:go|goes|went|going)\s+to\s+bed\s+hungry",
        r"(?:left|leaves|leaving)\s+(?:\w+\s+){0,2}(?:alone|on\s+(?:his|her|their)\s+own)\s+(?:\w+\s+){0,3}(?:all\s+day|at\s+night|for\s+(?:hours|days))",
        r"(?:not\s+(?:being\s+)?(?:fed|feeding)|starv\w*|unwashed|dirty\s+clothes|hungry|lost\s+(?:so\s+much|a\s+lot\s+of)\s+weight)",
        r"young\s+carer|nobody\s+checks\s+on|left\s+on\s+(?:his|her|their)\s+own|home\s+alone",
        r"(?:never|not|isnt|nothing)\s+(?:\w+\s+)?(?:anything\s+)?to\s+eat|spen[dt]s?\s+(?:\w+\s+){0,3}on\s+(?:drink|drugs|alcohol|booze)",
        r"same\s+(?:\w+\s+){0,2}(?:clothes|uniform|nappy|pad)|dirty\s+(?:uniform|clothes)|(?:he|she|they|him|her|kids|children|son|daughter|child)\s+(?:\w+\s+){0,3}(?:filthy|smelly)|soiled\s+(?:pad|nappy|nappies|clothes|bed|sheets)|(?:in|sitting\s+in)\s+(?:his|her|their)\s+own\s+(?:mess|wee|poo|urine|faeces)",
        r"(?:doesnt|dont|didnt|does\s+not|never|not|wasnt|isnt)\s+(?:\w+\s+)?(?:feed|fed|change|changed|wash|bath|cook|bother)\b|(?:feed|fed)\s+(?:him|her|us|them)\s+(?:proper|properly)",
        r"(?:meds|medication|insulin|tablets|inhaler)\s+(?:\w+\s+){0,3}(?:not|never|wasnt|werent|isnt|wasn\s+t)\s+(?:given|giving)|(?:not|isnt|wasnt)\s+(?:being\s+)?given\s+(?:his|her|their)\s+(?:meds|medication|insulin)",
        r"(?:bed\s*sores|pressure\s+sores|rotten\s+teeth|teeth\s+are\s+rotten|head\s+lice|\blice\b)",
        r"homeless|sofa\s+surf\w*|sleeping\s+(?:in\s+(?:the|a|our)\s+car|on\s+the\s+floor|rough)|no\s+(?:beds?|heating|electric\w*|gas)\b|nowhere\s+to\s+(?:go|live|sleep)",
        r"(?:nobody|no\s+one|noone)\s+(?:gets|takes|picks|feeds|looks\s+after|notices)\s+(?:me|him|her|us)|nobody\s+at\s+home\s+(?:notices|cares)",
        r"(?:always|so)\s+hungry|steal\w*\s+food|(?:only|just)\s+eat\s+at\s+school|not\s+had\s+a\s+(?:proper\s+)?meal",
        r"(?:lose\s+control|snap)\s+and\s+hurt|(?:might|could)\s+(?:\w+\s+)?hurt\s+(?:him|her|them)|(?:cant|cannot)\s+keep\s+(?:him|her|them)\s+safe",
        r"(?:havent|hasnt|not|never)\s+(?:had|have|get|got)\s+(?:\w+\s+)?(?:dinner|tea|breakfast|a\s+meal|food|lunch)\s+(?:for|in|since)|fridge\s+(?:is\s+)?(?:always\s+)?empty|heating\s+off",
        r"left\s+(?:the\s+kids|the\s+children|him|her|them|my\s+\w+)\s+(?:\w+\s+){0,3}(?:in\s+the\s+car|alone|on\s+(?:their|his|her)\s+own)|(?:went|goes|go)\s+(?:out\s+)?drinking|doesnt\s+get\s+out\s+of\s+bed",
        r"no\s+one\s+came\s+for|(?:living|live|sleeping)\s+in\s+one\s+room|black\s+mould|(?:nobody|no\s+one)\s+(?:has\s+)?(?:taken|takes|took)\s+(?:him|her|me)\s+to|locked\s+out\s+of\s+(?:the\s+)?(?:house|home|flat)|left\s+(?:\w+\s+){0,3}on\s+the\s+floor|(?:mum|dad|she|he)\s+(?:sleeps|drinks)\s+all\s+day|always\s+drunk",
    ),
    "violence": (
        r"(?:beaten\s+up|stabb\w*|knife|knives|weapon|assault\w*|attack(?:ed|ing)\s+(?:him|her|me|my))",
        r"(?:broke|broken|smash\w*)\s+(?:my|his|her|mums|our|the)\s+(?:mums\s+|dads\s+)?(?:nose|arm|jaw|ribs?|wrist|house|door|windows?)|smash\w*\s+(?:up\s+)?the\s+house",
    ),
    "bullying": (
        r"bull(?:y|ied|ies|ying)\b",
        r"(?:jump|jumped|batter|get|stab|kill|hurt|beat)\s+(?:me|him|her|them)\s+(?:after\s+school|outside|tomorrow|again|later|on\s+the\s+way)",
        r"(?:will|gonna|going\s+to|said\s+they\s*(?:will|ll|would))\s+(?:\w+\s+)?(?:stab|kill|jump|batter|beat|hurt|get|shoot|slash|knife|cut)\s+(?:me|him|her|them|my\s+\w+)",
        r"(?:gets?|got|getting|been)\s+jumped|know\s+where\s+(?:i|he|she|we)\s+live|(?:kids|boys|girls|pupils|group|they)\s+(?:\w+\s+){0,3}(?:hold|held|pin\w*|tied?|tie)\s+(?:him|her|me|my\s+\w+)\s*(?:down|up|head)?",
        r"set\s+fire\s+to|(?:head|face)\s+(?:in|down)\s+the\s+toilet|spat\s+on|filmed\s+it|(?:punch\w*|kick\w*|hit\w*)\s+me\b",
    ),
    "domestic-violence": (
        r"(?:is|was|gets|got|became|being|partner\s+is)\s+(?:\w+\s+)?violent|violence",
        r"(?<!life\s)(?<!life-)threaten\w*",
        r"(?:scared|afraid|frightened|terrified)\s+(?:of\s+)?(?:going|to\s+go|being)\s+(?:at\s+)?home|(?:dont|do\s+not|never)\s+feel\s+safe\s+(?:at\s+home|in\s+my\s+house|with\s+(?:him|her))",
        r"(?:scared|afraid|frightened|terrified)\s+of\s+(?:my|her|his|their|our)?\s*(?:husband|wife|partner|ex|dad|father|mum|mother|step\w*|boyfriend|girlfriend|uncle|him|her)\b",
        r"(?:wont|will\s+not|would\s+not|wouldnt)\s+believe\s+me|(?:knife|weapon)\s+under",
        r"(?:boyfriend|girlfriend|stepdad|stepfather|step-dad|step\s+dad|partner|husband|ex|bf)\s+(?:\w+\s+){0,2}(?:scares|hurts|hits|shouts|smash\w*|pushed\s+(?:me|her|him)\s+(?:down|over|into|against)|kicks|slaps|chok\w*|strangl\w*)",
        r"controls?\s+(?:all\s+)?(?:the\s+|my\s+)?money|checks?\s+my\s+phone|wont\s+let\s+me\s+(?:see|take|leave|go|have)",
        r"stalk\w*|(?:ring|rang|call\w*)\s+the\s+police\s+on|police\s+(?:have\s+)?been\s+(?:round|called)|(?:dad|he|husband|partner)\s+hits\s+mum",
        r"(?:shouting|screaming)\s+(?:and\s+\w+\s+)?(?:at\s+home|most\s+nights|every\s+night)|i\s+hide\s+in\s+my\s+room|live\s+with\s+someone\s+who\s+hurts",
        r"(?:kids|children)\s+(?:are\s+)?(?:\w+\s+)?(?:scared|frightened|terrified)\s+of\s+him|(?:go|gone|went)\s+quiet\s+when\s+he",
        r"(?:banging|bangs)\s+on\s+the\s+door|(?:put|puts)\s+me\s+in\s+hospital",
    ),
    "exploitation": (
        r"older\s+(?:lads|boys|men|man|mans|guy|girls|women|boyfriend|girlfriend|kids|friends?)|(?:\d\d|twenty|thirty)\s*(?:year\s+old|yr\s+old|yo)?\s+(?:boyfriend|man|guy)|(?:a\s+)?man\s+of\s+\d\d",
        r"gives?\s+(?:him|her)\s+(?:money|drugs|gifts|vodka|cigarettes|cash)|giving\s+(?:him|her|my\s+\w+)\s+(?:money|drugs|gifts|vodka|cigarettes|cash|weed)",
        r"out\s+all\s+night|staying\s+out\s+all|expensive\s+(?:trainers|clothes|phones?|gifts)|new\s+phone\s+and|(?:comes?|came)\s+(?:back|home)\s+with\s+(?:cash|money|gifts|new\s+(?:phones?|trainers|clothes)|a\s+phone)",
        r"deliver\w*\s+(?:things|stuff|packages|bags|parcels)|sent\s+to\s+other\s+(?:cities|towns)|(?:carry|carrying|hold|holding)\s+(?:stuff|things|a\s+knife|drugs)\s+for",
        r"(?:calls|messages)\s+from\s+(?:numbers|people)\s+(?:i|we)\s+dont\s+know|asked\s+(?:for\s+)?(?:his|her|my)\s+address|asked\s+(?:him|her|me)\s+(?:for\s+(?:pics|photos)|to\s+meet)",
        r"(?:take|takes|took|taking)\s+(?:his|her|my)\s+(?:bank\s+card|benefits|money|pip|disability\s+money)|hand\s+over\s+(?:his|her|my)\s+(?:\w+\s+)?money|moved\s+into\s+(?:his|her)\s+flat",
        r"photo\w*\s+(?:\w+\s+){0,2}(?:in\s+her\s+underwear|of\s+the\s+kids)|(?:man|men)\s+(?:\w+\s+){0,2}(?:hanging\s+around|taking\s+photos)|different\s+app|(?:late\s+at\s+night|at\s+night)\s+saying\s+(?:she|he)s\s+special",
        r"(?:sent|sends|send|gave|gives)\s+(?:him|her)\s+(?:money|gifts|cash|vouchers|robux)|(?:man|men|someone|guy|stranger|adult)\s+on\s+(?:discord|snapchat|tiktok|instagram|roblox|fortnite|xbox|a\s+game|whatsapp|facebook)",
        r"(?:made|making|forced|forcing)\s+(?:to\s+)?(?:me|him|her)?\s*(?:to\s+)?(?:sell|deliver|carry|hand\s+over)",
    ),
    "missing": (
        r"(?:went|goes|going|gone|go|been\s+reported|reported)\s+missing|missing\s+(?:from\s+(?:home|care|school)|for\s+\w+\s+(?:days|hours|nights))",
        r"run\w*\s+(?:away|off)|ran\s+(?:away|off)|runaway|awol|abscond\w*|(?:escape|escaped|escaping)\s+from",
        r"(?:didnt|hasnt|hadnt|not|never|doesnt)\s+(?:\w+\s+)?(?:come|came|coming)\s+home|disappears?\s+for\s+(?:days|hours|nights)",
        r"(?:found|picked\s+up)\s+(?:\w+\s+){0,4}(?:on|by|near|at)\s+(?:the\s+|a\s+)?(?:motorway|main\s+road|dual\s+carriageway|train\s+tracks|railway|river|canal|tracks)",
        r"(?:havent|hasnt|not)\s+(?:heard|seen)\s+(?:from\s+)?(?:him|her|them)\s+(?:since|for)|sneak\w*\s+out|took\s+off\s+from|found\s+by\s+(?:a\s+stranger|the\s+police|police|a\s+member\s+of\s+the\s+public)",
        r"wander\w*\s+off|got\s+out\s+of\s+the\s+(?:unit|school|house|home)|left\s+the\s+school\s+site|(?:escort|staff|school)\s+lost\s+(?:him|her)",
        r"(?:staying|stays|stayed)\s+(?:out|over)\s+(?:all\s+night|at\s+(?:an?\s+)?(?:older|strangers|mans))|(?:out|home|back|in)\s+(?:till|until)\s+\d\s*am|\b(?:away|out|off)\s+and\s+(?:not|never)\s+(?:come|coming)\s+back",
    ),
    "unsafe-at-school": (
        r"restrain\w*|seclusion|isolation\s+(?:booth|room)|physical(?:ly)?\s+interven\w*|(?:held|holds|hold)\s+(?:\w+\s+){0,2}(?:face\s+down|down|on\s+the\s+floor)",
        r"pinn(?:ed|ing)|pin\s+(?:him|her)|held\s+(?:him|her)\s+down|sat\s+on\s+(?:him|her|me)|(?:tied|strapped)\s+(?:\w+\s+){0,3}(?:to\s+(?:a|his|her|the)\s+chair|down)",
        r"lock(?:s|ed|ing)?\s+(?:\w+\s+){0,3}(?:in|into)\s+(?:a|the|his|her)\s+(?:\w+\s+)?(?:room|cupboard|bedroom|toilet|corridor|sensory\s+room|office)|locked\s+(?:the\s+)?door|doors?\s+(?:shut|locked|closed)|(?:held|holding)\s+the\s+door\s+(?:closed|shut)",
        r"locks?\s+(?:him|her|them|me)\s+in|locked\s+(?:him|her|them|me)\s+in|locked\s+room|lockin\w*\s+(?:him|her)|shut\s+(?:\w+\s+){0,3}in\s+(?:a|the)",
        r"(?:outside|out)\s+in\s+the\s+(?:rain|cold)\s+as\s+(?:a\s+)?punish\w*|(?:take|took|taking)\s+away\s+(?:her|his)\s+(?:communication|talker|aac)",
        r"(?:on\s+(?:his|her)\s+own|alone)\s+(?:\w+\s+){0,3}(?:door\s+shut|locked)|carpet\s+burns",
    ),
    "parent-at-risk": (
        r"(?:cant|cannot|can\s+not)\s+cope\s+(?:any\s*more|now|with\s+(?:this|it|life))|(?:end|edge)\s+of\s+my\s+(?:rope|tether)|breaking\s+point",
        r"(?:dark|bad|scary)\s+thoughts|(?:scared|afraid|frightened)\s+of\s+what\s+(?:i|she|he)\s+(?:might|could|will)\s+do|not\s+safe\s+(?:on\s+my\s+own|with\s+myself|around\s+myself)",
        r"(?:walk\w*|run\w*)\s+(?:out\s+)?(?:and|&)\s+never\s+(?:come|coming)\s+back|(?:kids|children|family|they)\s+(?:would\s+be|are|d\s+be)\s+better\s+off\s+without",
        r"(?:dont|do\s+not)\s+care\s+if\s+i\s+(?:wake|die|live)|snap\s+and\s+do\s+something|do\s+something\s+(?:i|stupid)\s*(?:regret)?|end\s+it\s+for\s+(?:both|all)",
        r"(?:son|daughter|child|he|she)\s+(?:\w+\s+){0,2}(?:hits|kicks|punches|bites|attacks)\s+me\b|(?:violent|aggressive)\s+towards\s+(?:me|us|his|her)|covered\s+in\s+bruises",
        r"(?:nothing|no\s+one|nobody)\s+left|i\s+am\s+(?:so\s+|just\s+)?(?:not\s+ok|done)\b(?!\s+(?:with\s+(?:the|this|them|you)|it|that|my))|cant\s+(?:do|take)\s+(?:this|it)\s+any\s*more",
    ),
    # The broad tier: any risk word within a few words of a person. Reported only when no other kind matched.
    "possible-harm": (
        r"(?:i|me|my\s+(?:\w+\s+)?(?:son|daughter|child|kid|boy|girl|lad|brother|sister)|he|she|him|her|they|them)\b"
        r"(?:\W+\w+){0,5}?\W+" + _BROAD_RISK + r"\b|" + _BROAD_RISK + r"\b(?:\W+\w+){0,3}?\W+"
        r"(?:i|me|my\s+(?:\w+\s+)?(?:son|daughter|child|kid|boy|girl|lad|brother|sister)|he|she|him|her|they|them)\b",
    ),
}

#: Phrases that only look like a risk; blanked out before the patterns run. Kept short: recall comes first.
_BENIGN = re.compile(
    r"\banti[\s-]?bully\w*|\babuse\s+of\s+(?:process|power|the\s+system)|\bhungry\s+for\s+(?:more\s+)?(?:information|info|news|answers)"
    r"|\bself[\s-]?harm\s+(?:awareness|training|support\s+group)|\bbang\w*\s+(?:my|our|your|their)\s+heads?\s+(?:against|on)\s+(?:a\s+|the\s+)?(?:brick\s+)?wall"
    r"|\b(?:is|are|was|feels?|being|so)\s+(?:\w+\s+)?abusive\s+(?:to|towards)\s+(?:parents|families|carers|us)"
    r"|\b(?:system|process|council|la|policy|policies|it)\s+(?:is|was|feels)\s+(?:\w+\s+)?(?:abusive|cruel|violent)"
    r"|\binstitutional\s+(?:neglect|abuse)|\bneglect\w*\s+to\s+(?:reply|respond|answer|tell|send|inform|mention|call)"
    r"|\bstarv\w*\s+(?:schools|services|the\s+\w+|us)\s+of|\bbully\w*\s+(?:us|parents|families|me)\s+into"
    r"|\bthreaten\w*\s+(?:to\s+take\s+us\s+to|(?:us\s+)?with)\s+(?:tribunal|court|legal|a\s+fine|fines|prosecution|exclusion)"
    r"|\bthreatened\s+to\s+(?:take\s+us\s+to\s+)?(?:tribunal|exclude|stop\s+(?:the|his|her)\s+(?:transport|funding))"
    r"|\ba\s+violence\s+against|\bfeel\w*\s+exploited\s+as|\brestrained\s+from\s+going|\blocked\s+into\s+(?:his|her|the)\s+(?:car\s+)?seat"
    r"|\bhit\s+with\s+a\s+(?:bill|fine|charge)|\b(?:attacked|attacking)\s+(?:my|our)\s+(?:character|evidence|parenting)"
    r"|\bcut\w*\s+(?:his|her|their|our|the)\s+(?:support|hours|funding|transport|budget|one\s+to\s+one|speech|services?)"
    r"|\blife[\s-]?threatening|\b(?:you\s+)?(?:killing|kill)\s+me\b(?=\s+(?:lol|haha|with|$))|\bto\s+die\s+for\b|\bdying\s+(?:to|of|for)\b"
    r"|\bdead\s+(?:tired|good|easy|nice|lucky)|\bknock\w*\s+out\b|\bkarate\b|\brun\s+off\s+(?:my|our)\s+feet"
    r"|\b(?:really|so|very|quite|a\s+bit)\s+hurt\b(?!\s+(?:him|her|me|them))|\bhurt\s+(?:that|feelings)|\bno\s+food\s+(?:allergies|intolerances)|\bneglect\w*\s+(?:their|its|our|his|her)\s+(?:legal\s+)?(?:duties|duty|responsibilit\w*)|\bstarving\s+(?:when|after|by|so)|\bhit\w*\s+(?:his|her|my|their|the)\s+(?:targets?|goals?|milestones?)|\bruns?\s+(?:off\s+)?ahead|\b(?:we|i)\s+threaten\w*\s+to\s+(?:take|stop|ban|turn|cancel)|\baccidental(?:ly)?\s+(?:overdos\w*|took)|\bolder\s+(?:men|man|people)\s+like\s+(?:his|her|my)|\bsafeguarding\s+(?:lead|team|training|policy)"
)

#: A sentence that reads as an accident, everyday worry or a crisis that is over: weak matches in it are dropped.
_SOFTENED = re.compile(
    r"\b(?:fell|fall|falls|falling|tripped|trip|twisted|accident\w*|playing\s+(?:football|rugby)|in\s+pe\b|pe\s+lesson|football"
    r"|bike|climbing\s+frame|diet\w*|trampoline|incident\s+form|playground|injection|jab|vaccin\w*|blood\s+test|film\b|films\b|movie|story\s+about|book\s+about|found\s+(?:him|her)\s+(?:quickly|straight\s+away|safe)|first\s+aid\w*|in\s+the\s+past|years?\s+ago|used\s+to|sorted|resolved|dealt\s+with\s+(?:it|quickly)"
    r"|much\s+better\s+now|thriving|well\s+now|saved\s+(?:her|him|us|my)|apologi[sz]ed|were\s+great|was\s+fine|nobody\s+(?:has\s+been|was|got)\s+hurt"
    r"|behaviou?r\s+(?:support\s+)?plan|fantastic|brilliant|amazing|excellent|lovely|helpful|courteous|polite|tracker|(?:for\s+a|a\s+few)\s+(?:minute|minutes|moment|seconds?)\b|when\s+(?:she|he|i)\s+was\s+(?:younger|little|small))"
)
#: ...unless it says the trouble is back or going on now.
_ONGOING = re.compile(
    r"\b(?:again|still|starting|started|now\s+(?:its|it\s+is|she|he)|back\s+to|every\s+(?:day|night|week)|keeps?)\b"
)

#: Resolved past: even strong matches are dropped in sentences like these when nothing says it is ongoing.
_PAST = re.compile(
    r"\b(?:years?\s+ago|in\s+the\s+past|used\s+to|when\s+(?:she|he|i)\s+was\s+(?:younger|little|small)|last\s+year)\b"
    r".*\b(?:well|better|thriving|saved|sorted|resolved|fine|good|amazing|brilliant|fantastic|great)\b"
)

_COMPILED_STRONG = {kind: re.compile(r"\b(?:" + "|".join(p) + r")") for kind, p in _STRONG.items()}
_COMPILED_WEAK = {kind: re.compile(r"\b(?:" + "|".join(p) + r")") for kind, p in _WEAK.items()}
_KINDS = tuple(dict.fromkeys([*_STRONG, *_WEAK]))

# ---- normalisation -------------------------------------------------------------------------------------------

_SPEAK = {
    "u": "you",
    "ur": "your",
    "n": "and",
    "no1": "no one",
    "noone": "no one",
    "every1": "everyone",
    "evry1": "everyone",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "hisself": "himself",
    "theirselves": "themselves",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "wen": "when",
    "wat": "what",
    "skl": "school",
    "dd": "daughter",
    "ds": "son",
    "kms": "kill myself",
    "kys": "kill yourself",
    "kmsl": "kill myself",
    "wud": "would",
    "cud": "could",
    "shud": "should",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "b4": "before",
    "im": "i am",
    "ive": "i have",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "sis": "sister",
    "bro": "brother",
    "mam": "mum",
    "mom": "mum",
    "b": "be",
}
#: Risk words whose misspellings are mended (Damerau distance 1, same first letter, not an ordinary word).
_VOCAB_WORDS = (
    "suicide suicidal himself herself myself themselves harming harmed selfharm selfharming overdose overdosed "
    "anorexia anorexic bulimia bulimic bruises bruised bruising abused abusing abusive abuser neglect neglected "
    "neglecting restrained restraint restraining restrain seclusion strangled strangle groomed grooming exploited "
    "exploiting exploitation threatened threatening threatens abuse sexually sexual molested violence violent starving "
    "punched punching kicked slapped smacked touched touching touches unalive disappear hanging stabbed stabbing "
    "cutting bullied bullying beaten battered frightened terrified scared missing runaway absconded locking locked "
    "hitting hurting knickers privates noose paracetamol tablets overdoses sextortion blackmail blackmailing"
)
_VOCAB = _VOCAB_WORDS.split()
_APOSTROPHE = re.compile(r"['\u2018\u2019`]")
_TWO = re.compile(r"\b2\s+(?=[a-z]{2,})")
_TOKEN = re.compile(r"[a-z0-9]+")
#: "sucide", "suicde", "sucidle", "suisidal": too far from the word for the one-typo mend below.
_SUICIDE_TYPO = re.compile(r"\bsu[iy]?[cs]{1,2}[iy]?d(?:e|es|al|le|el|ial|ally)\b")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for word in _VOCAB:
        index.setdefault(word, word)
        for d in _deletes(word):
            index.setdefault(d, word)
    return index


_INDEX = _build_index()


def _damerau1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


@lru_cache(maxsize=65536)
def _mend(token: str) -> str:
    """The risk word ``token`` is a misspelling of, else ``token`` itself."""
    if len(token) < 5 or _INDEX.get(token) == token or token in _english_words():
        return token
    for key in (token, *_deletes(token)):
        word = _INDEX.get(key)
        if word and word[0] == token[0] and _damerau1(token, word):
            return word
    return token


def _normalise(text: str) -> str:
    lower = _TWO.sub("to ", _APOSTROPHE.sub("", text.lower()))
    lower = _SUICIDE_TYPO.sub("suicide", re.sub(r"\bslef\b", "self", lower))
    return _TOKEN.sub(lambda m: _SPEAK.get(m.group(0)) or _mend(m.group(0)), lower)


def _prepared(text: str) -> str:
    return _BENIGN.sub(" ", _normalise(text))


_SENTENCE_END = re.compile(r"[.!?;\n]|\bbut\b")
_FULL_STOP = re.compile(r"[.!?;\n]")


def _sentence(text: str, start: int, end: int, ends: re.Pattern = _SENTENCE_END) -> str:
    left = max((m.end() for m in ends.finditer(text, 0, start)), default=0)
    right = ends.search(text, end)
    return text[left : right.start() if right else len(text)]


def _matches(lower: str):
    """Yield ``(kind, phrase)`` for each kind with a match that survives its sentence's context."""
    starts = _word_starts(lower)
    found_any = False
    for kind in _KINDS:
        if kind == "possible-harm" and found_any:
            return
        if starts.isdisjoint(_GATES[kind]):  # cheap: most comments hold none of the words a kind needs
            continue
        found = None
        strong = _COMPILED_STRONG.get(kind)
        for m in strong.finditer(lower) if strong else ():
            sentence = _sentence(lower, m.start(), m.end(), _FULL_STOP)
            if not _PAST.search(sentence) or _ONGOING.search(sentence):
                found = m.group(0)
                break
        weak = _COMPILED_WEAK.get(kind)
        if found is None and weak:
            for m in weak.finditer(lower):
                sentence = _sentence(lower, m.start(), m.end())
                if not _SOFTENED.search(sentence) or _ONGOING.search(sentence):
                    found = m.group(0)
                    break
        if found is not None:
            found_any = True
            yield kind, found


#: Words in the patterns too common to say a comment might match (each pattern also needs a rarer word).
_GATE_STOP_WORDS = """
not the did and to was for my of with were on they me in have call it good could you at car staff be hospital
had that all as an get is app no every driv driver can friends so from phones phone hours up are more been
there any long this by care who after got always we am people over told out if back what them see know your do
just about person her he well how go called only didnt its she put one way dont day pic late anything even
husband their us said much both being look rang ran other where things thing someone lot poo has like getting
asked support medication
"""
_GATE_STOP = frozenset(_GATE_STOP_WORDS.split())


def _gate_words(patterns) -> frozenset[str]:
    words = re.findall(r"[a-z]{2,}", re.sub(r"\\[swbdWSB]", " ", " ".join(patterns)))
    return frozenset(word[:5] for word in words if word not in _GATE_STOP)


#: Per kind, the (first five letters of) words at least one of which every pattern of that kind needs.
_GATES = {kind: _gate_words((*_STRONG.get(kind, ()), *_WEAK.get(kind, ()))) for kind in _KINDS}
_GATES["possible-harm"] = _gate_words((_BROAD_RISK,))  # its person words would open the gate for every comment


def _word_starts(lower: str) -> set[str]:
    """Each word of ``lower`` and its first three, four and five letters, to test against the gates."""
    starts = set()
    for token in _TOKEN.findall(lower):
        starts.update((token, token[:3], token[:4], token[:5]))
    return starts


def safeguarding_concerns(text: str | None) -> list[str]:
    """Return the kinds of risk ``text`` suggests, e.g. ``["self-harm"]``; empty when none."""
    if not isinstance(text, str) or not text:
        return []
    return [kind for kind, _ in _matches(_prepared(text))]


def safeguarding_evidence(text: str) -> list[str]:
    """The phrases that raised each concern, for the explanation shown to moderators."""
    return [f"{kind}: '{phrase}'" for kind, phrase in _matches(_prepared(text or ""))]
